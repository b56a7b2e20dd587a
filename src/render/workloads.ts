import type Fraction from 'fraction.js'
import type { WorkloadDiff } from '../cost/diff.js'
import { formatUsd, roundHalfUp, sum } from '../cost/money.js'
import type { CostParts, WorkloadProjection } from '../cost/project.js'
import {
  RATIO_ZERO,
  plusRatio,
  ratioOf,
  wholePercentOf
} from '../cost/ratio.js'
import type { FileReport } from '../report.js'
import { describeDelta } from './delta.js'
import { escapeCell } from './escape.js'
import { describeRange } from './ranges.js'

/** The number of workload rows that fit, and the pointer to the full report when rows are cut. */
export interface RowBudget {
  /** Rows of this file that fit; the rest are counted in a note. */
  limit: number
  /** Appended to the note on cut rows. */
  fullReportHint?: string
}

/** Names of the cost parts, in the order of the cost formula. */
const PART_LABELS: [keyof CostParts, string][] = [
  ['input', 'input'],
  ['cachedInput', 'cached input'],
  ['cacheWrite', 'cache write'],
  ['output', 'output'],
  ['reasoning', 'reasoning']
]

/**
 * Describes where a workload's month-1 money goes, largest part first:
 * `reasoning 73% · output 18% · input 9%`. Parts that round to 0% are left
 * out, so the shares shown may add up to a little less or more than 100%.
 */
export function describeParts(parts: CostParts): string {
  // Every row of a large report shows its parts, so the shares are worked
  // out in BigInt on unreduced ratios rather than with Fraction operations.
  const ratios = PART_LABELS.map(([key, label]) => ({
    label,
    part: ratioOf(parts[key])
  }))
  const total = ratios.reduce(
    (sum, { part }) => plusRatio(sum, part),
    RATIO_ZERO
  )
  if (total.n === 0n) return ''
  // Shares are whole percentages, so their difference fits a number.
  return ratios
    .map(({ label, part }) => ({ label, share: wholePercentOf(part, total) }))
    .filter(part => part.share !== 0n)
    .sort((a, b) => Number(b.share - a.share))
    .map(part => `${part.label} ${part.share}%`)
    .join(' · ')
}

/** Shows the low to high range of a workload's monthly cost under it, where there is one. */
export function rangeNote(projection: WorkloadProjection): string {
  const range = describeRange(projection.monthly, projection.routes)
  return range ? `<br><sub>${range}</sub>` : ''
}

function describeModels(projection: WorkloadProjection | undefined): string {
  if (!projection) return ''
  const routes = projection.routes
  return routes
    .map(r =>
      routes.length > 1
        ? `${escapeCell(r.model.id)} ${formatShare(r.route.share)}`
        : escapeCell(r.model.id)
    )
    .join('<br>')
}

function formatShare(share: Fraction): string {
  return `${roundHalfUp(share.mul(100), 1).toString()}%`
}

/** Shows the model, or `base → head` when the change swapped models or routes. */
function describeModelChange(row: WorkloadDiff): string {
  const before = describeModels(row.base)
  const after = describeModels(row.head)
  if (!row.base || !row.head || before === after) return after || before
  return `${before} → ${after}`
}

/**
 * Renders a file's workloads. With a comparison, changed, added and removed
 * workloads come first in a table with base, head and change, and unchanged
 * ones follow in a collapsed section. Without one (or for a new file, where
 * every workload is new) one table lists the head's cost.
 */
export function renderWorkloads(file: FileReport, rows: RowBudget): string {
  const head = file.head
  if (!head) return ''
  if (!file.diff || file.baseState === 'missing') {
    return renderHeadOnly(head.workloads, rows)
  }

  const changed = file.diff.workloads.filter(w => w.status !== 'unchanged')
  const unchanged = file.diff.workloads.filter(w => w.status === 'unchanged')
  const shownChanged = changed.slice(0, rows.limit)
  const shownUnchanged = unchanged.slice(
    0,
    Math.max(0, rows.limit - shownChanged.length)
  )
  const omitted =
    changed.length +
    unchanged.length -
    shownChanged.length -
    shownUnchanged.length

  const sections: string[] = []
  if (changed.length === 0) {
    sections.push('No workload changed its cost.')
  } else {
    sections.push(
      [
        '| Workload | Model | Base | Head | Change | Where it goes |',
        '|---|---|---:|---:|---:|---|',
        ...shownChanged.map(renderChangedRow)
      ].join('\n')
    )
  }
  if (shownUnchanged.length > 0) {
    sections.push(renderUnchanged(unchanged, shownUnchanged))
  }
  if (omitted > 0) sections.push(describeOmitted(omitted, rows))
  return sections.join('\n\n')
}

function renderHeadOnly(
  workloads: WorkloadProjection[],
  rows: RowBudget
): string {
  // A deleted file whose base cannot be priced has no workload to list.
  if (workloads.length === 0) return ''
  const shown = workloads.slice(0, rows.limit)
  const table = [
    '| Workload | Model | Monthly | Where it goes |',
    '|---|---|---:|---|',
    ...shown.map(renderCostRow)
  ].join('\n')
  const omitted = workloads.length - shown.length
  return omitted > 0 ? `${table}\n\n${describeOmitted(omitted, rows)}` : table
}

function renderUnchanged(all: WorkloadDiff[], shown: WorkloadDiff[]): string {
  const total = sum(all.map(w => w.monthly.head))
  const count =
    all.length === 1
      ? '1 unchanged workload'
      : `${all.length} unchanged workloads`
  return [
    `<details><summary>${count}, ${formatUsd(total)} a month</summary>`,
    '',
    '| Workload | Model | Monthly | Where it goes |',
    '|---|---|---:|---|',
    ...shown.map(row => renderCostRow(row.head ?? row.base)),
    '',
    '</details>'
  ].join('\n')
}

function describeOmitted(omitted: number, rows: RowBudget): string {
  const where = rows.fullReportHint ? ` ${rows.fullReportHint}` : ''
  const noun = omitted === 1 ? 'workload row is' : 'workload rows are'
  return `${omitted} more ${noun} omitted to fit GitHub's size limit.${where}`
}

// renderMarkdown renders a report several times while it searches for the
// number of rows that fit GitHub's limit, so each row is formatted once and
// kept with the immutable projection or diff row it describes.
const costRows = new WeakMap<WorkloadProjection, string>()
const changedRows = new WeakMap<WorkloadDiff, string>()

function renderCostRow(projection: WorkloadProjection | undefined): string {
  if (!projection) return '| | | | |'
  let row = costRows.get(projection)
  if (row === undefined) {
    row = formatCostRow(projection)
    costRows.set(projection, row)
  }
  return row
}

function renderChangedRow(diff: WorkloadDiff): string {
  let row = changedRows.get(diff)
  if (row === undefined) {
    row = formatChangedRow(diff)
    changedRows.set(diff, row)
  }
  return row
}

function formatCostRow(projection: WorkloadProjection | undefined): string {
  if (!projection) return '| | | | |'
  const name = escapeCell(projection.workload.name)
  const monthly = `${formatUsd(projection.monthly.expected)}${rangeNote(projection)}`
  return `| ${name} | ${describeModels(projection)} | ${monthly} | ${describeParts(projection.parts)} |`
}

function formatChangedRow(row: WorkloadDiff): string {
  const removed = row.status === 'removed'
  const added = row.status === 'added'
  const name = removed ? `~~${escapeCell(row.name)}~~` : escapeCell(row.name)
  const base = added
    ? 'new'
    : `${formatUsd(row.monthly.base)}${row.base ? rangeNote(row.base) : ''}`
  const head = removed
    ? 'removed'
    : `${formatUsd(row.monthly.head)}${row.head ? rangeNote(row.head) : ''}`
  const parts = (row.head ?? row.base)?.parts
  return `| ${name} | ${describeModelChange(row)} | ${base} | ${head} | ${describeDelta(row.monthly)} | ${parts ? describeParts(parts) : ''} |`
}
