import type Fraction from 'fraction.js'
import { ZERO, isZero } from './money.js'
import type { Projection, Range, WorkloadProjection } from './project.js'

export type WorkloadStatus = 'added' | 'removed' | 'changed' | 'unchanged'

/** A before-and-after figure; `percent` is undefined when the base is zero ("new"). */
export interface Delta {
  base: Fraction
  head: Fraction
  delta: Fraction
  percent?: Fraction
}

export interface WorkloadDiff {
  name: string
  status: WorkloadStatus
  base?: WorkloadProjection
  head?: WorkloadProjection
  monthly: Delta
  annual: Delta
}

/** Base-versus-head comparison of one usage file. */
export interface CostDiff {
  /** Changed, added and removed workloads first (largest monthly change first), then unchanged ones. */
  workloads: WorkloadDiff[]
  monthly: Delta
  annual: Delta
  peak: Delta
}

/** Returns head minus base for a pair of figures. */
export function compareFigures(base: Fraction, head: Fraction): Delta {
  if (isZero(base)) return { base, head, delta: head, percent: undefined }
  const delta = head.sub(base)
  return { base, head, delta, percent: delta.div(base) }
}

const NO_RANGE: Range = { expected: ZERO, low: ZERO, high: ZERO }

/**
 * Compares the projection at the base with the one at the head, matching
 * workloads by name. A missing base projection counts as $0 everywhere.
 */
export function diffProjections(
  base: Projection | undefined,
  head: Projection
): CostDiff {
  const baseByName = new Map(
    (base?.workloads ?? []).map(w => [w.workload.name, w] as const)
  )
  const rows: WorkloadDiff[] = []
  for (const current of head.workloads) {
    const previous = baseByName.get(current.workload.name)
    baseByName.delete(current.workload.name)
    rows.push(diffWorkload(current.workload.name, previous, current))
  }
  for (const [name, previous] of baseByName) {
    rows.push(diffWorkload(name, previous, undefined))
  }
  return {
    workloads: sortByChange(rows),
    monthly: compareFigures(
      (base?.monthly ?? NO_RANGE).expected,
      head.monthly.expected
    ),
    annual: compareFigures(
      (base?.annual ?? NO_RANGE).expected,
      head.annual.expected
    ),
    peak: compareFigures((base?.peak ?? NO_RANGE).expected, head.peak.expected)
  }
}

function diffWorkload(
  name: string,
  base: WorkloadProjection | undefined,
  head: WorkloadProjection | undefined
): WorkloadDiff {
  const monthly = compareFigures(
    (base?.monthly ?? NO_RANGE).expected,
    (head?.monthly ?? NO_RANGE).expected
  )
  const annual = compareFigures(
    (base?.annual ?? NO_RANGE).expected,
    (head?.annual ?? NO_RANGE).expected
  )
  return {
    name,
    status: statusOf(base, head, monthly, annual),
    base,
    head,
    monthly,
    annual
  }
}

function statusOf(
  base: WorkloadProjection | undefined,
  head: WorkloadProjection | undefined,
  monthly: Delta,
  annual: Delta
): WorkloadStatus {
  if (!base) return 'added'
  if (!head) return 'removed'
  const moved = !monthly.delta.equals(ZERO) || !annual.delta.equals(ZERO)
  return moved || modelsOf(base) !== modelsOf(head) ? 'changed' : 'unchanged'
}

function modelsOf(projection: WorkloadProjection): string {
  return projection.routes
    .map(r => `${r.model.id}:${r.route.share.toFraction()}`)
    .join(',')
}

function sortByChange(rows: WorkloadDiff[]): WorkloadDiff[] {
  // The sort compares each row about log2(n) times, so the key is taken
  // once per row. fraction.js keeps the sign apart from the numerator, so
  // n / d is the size of the change.
  const entries = rows.map((row, index) => ({
    row,
    index,
    rank: row.status === 'unchanged' ? 1 : 0,
    size: { n: row.monthly.delta.n, d: row.monthly.delta.d }
  }))
  entries.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank
    // b before a when |b| > |a|: compare b.n / b.d with a.n / a.d.
    const bySize = b.size.n * a.size.d - a.size.n * b.size.d
    if (bySize !== 0n) return bySize > 0n ? 1 : -1
    return a.index - b.index
  })
  return entries.map(entry => entry.row)
}

/** Returns the workload whose monthly cost rose most, if any rose. */
export function largestIncrease(diff: CostDiff): WorkloadDiff | undefined {
  let largest: WorkloadDiff | undefined
  for (const row of diff.workloads) {
    if (row.monthly.delta.compare(ZERO) <= 0) continue
    if (!largest || row.monthly.delta.compare(largest.monthly.delta) > 0)
      largest = row
  }
  return largest
}
