import Fraction from 'fraction.js'
import type { BudgetLimits } from '../config/types.js'
import { largestIncrease, type CostDiff } from './diff.js'
import { ZERO, formatPercent, formatUsd } from './money.js'
import type { Projection, Range } from './project.js'

export type GateKind = 'budget' | 'increase'
export type GateStatus = 'pass' | 'warn' | 'fail'

/** The limits one usage file is judged by, after workflow inputs are applied. */
export interface GateLimits extends BudgetLimits {
  increaseMonthly?: Fraction
  increasePercent?: Fraction
  warnAt?: Fraction
  workloads: Record<string, BudgetLimits>
}

export interface GateOptions {
  failOn: ReadonlySet<GateKind>
  /** Which figure of a reasoning range is compared with the limits. */
  gateOn: 'expected' | 'high'
}

/** One limit checked against one figure. */
export interface GateCheck {
  kind: GateKind
  /** Label such as "monthly budget" or "workload \"chat\" monthly budget". */
  limit: string
  /** YAML path of the limit in a usage file, such as `['budgets', 'workloads', 'chat']`. */
  yamlPath: string[]
  limitValue: Fraction
  figure: Fraction
  /** Share of the budget used, for budgets. */
  usage?: Fraction
  status: GateStatus
  /** Set when the limit could not be applied, e.g. a percent limit on a $0 base. */
  notApplicable?: boolean
  message: string
}

export interface GateResult {
  result: GateStatus
  checks: GateCheck[]
}

const NO_COST: Range = { expected: ZERO, low: ZERO, high: ZERO }

/**
 * Checks budgets and increase limits. A budget is exceeded when the exact
 * head figure is greater than it. A breach that already exists at the base
 * and that the change does not make worse is a warning, not a failure.
 */
export function evaluateGates(
  base: Projection | undefined,
  head: Projection,
  /** Undefined when there is no base to compare with. */
  diff: CostDiff | undefined,
  limits: GateLimits,
  options: GateOptions
): GateResult {
  const pick = (range: Range | undefined): Fraction =>
    (range ?? NO_COST)[options.gateOn]
  const mover = diff ? describeMover(diff) : describeLargest(head)
  const checks: GateCheck[] = []

  const budgets: [
    string,
    Fraction | undefined,
    Range,
    Range | undefined,
    string[]
  ][] = [
    [
      'monthly budget',
      limits.monthly,
      head.monthly,
      base?.monthly,
      ['budgets', 'monthly']
    ],
    [
      'annual budget',
      limits.annual,
      head.annual,
      base?.annual,
      ['budgets', 'annual']
    ]
  ]
  for (const [name, workloadLimits] of Object.entries(limits.workloads)) {
    const current = head.workloads.find(w => w.workload.name === name)
    const previous = base?.workloads.find(w => w.workload.name === name)
    budgets.push(
      [
        `workload "${name}" monthly budget`,
        workloadLimits.monthly,
        current?.monthly ?? NO_COST,
        previous?.monthly,
        ['budgets', 'workloads', name]
      ],
      [
        `workload "${name}" annual budget`,
        workloadLimits.annual,
        current?.annual ?? NO_COST,
        previous?.annual,
        ['budgets', 'workloads', name]
      ]
    )
  }
  for (const [label, limit, current, previous, yamlPath] of budgets) {
    if (limit === undefined) continue
    checks.push(
      checkBudget(
        label,
        yamlPath,
        limit,
        pick(current),
        previous && pick(previous),
        limits.warnAt,
        mover
      )
    )
  }

  const baseMonthly = pick(base?.monthly)
  const headMonthly = pick(head.monthly)
  if (limits.increaseMonthly !== undefined) {
    checks.push(
      checkIncrease(limits.increaseMonthly, baseMonthly, headMonthly, mover)
    )
  }
  if (limits.increasePercent !== undefined) {
    checks.push(
      checkIncreasePercent(
        limits.increasePercent,
        baseMonthly,
        headMonthly,
        mover
      )
    )
  }

  for (const check of checks) {
    if (check.status === 'fail' && !options.failOn.has(check.kind))
      check.status = 'warn'
  }
  return { result: worstStatus(checks), checks }
}

function checkBudget(
  label: string,
  yamlPath: string[],
  limit: Fraction,
  figure: Fraction,
  baseFigure: Fraction | undefined,
  warnAt: Fraction | undefined,
  mover: string
): GateCheck {
  const usage = limit.equals(ZERO) ? undefined : figure.div(limit)
  const check = {
    kind: 'budget' as const,
    limit: label,
    yamlPath,
    limitValue: limit,
    figure,
    usage
  }
  if (figure.compare(limit) > 0) {
    const over = `${formatUsd(figure)} is over the ${label} of ${formatUsd(limit)} by ${formatUsd(figure.sub(limit))}`
    const preExisting =
      baseFigure !== undefined &&
      baseFigure.compare(limit) > 0 &&
      figure.compare(baseFigure) <= 0
    if (preExisting) {
      return {
        ...check,
        status: 'warn',
        message: `${over}, as it already was at the base (${formatUsd(baseFigure)}); this change does not raise it`
      }
    }
    return { ...check, status: 'fail', message: `${over}${mover}` }
  }
  if (
    warnAt !== undefined &&
    usage !== undefined &&
    usage.compare(warnAt) > 0
  ) {
    return {
      ...check,
      status: 'warn',
      message: `${formatUsd(figure)} uses ${formatPercent(usage)} of the ${label} of ${formatUsd(limit)}, above the warn-at level of ${formatPercent(warnAt)}`
    }
  }
  return {
    ...check,
    status: 'pass',
    message: `${formatUsd(figure)} is within the ${label} of ${formatUsd(limit)}`
  }
}

function checkIncrease(
  limit: Fraction,
  base: Fraction,
  head: Fraction,
  mover: string
): GateCheck {
  const delta = head.sub(base)
  const check = {
    kind: 'increase' as const,
    limit: 'monthly increase limit',
    yamlPath: ['budgets', 'increase', 'monthly'],
    limitValue: limit,
    figure: delta
  }
  if (delta.compare(limit) > 0) {
    return {
      ...check,
      status: 'fail',
      message: `the monthly cost rises by ${formatUsd(delta)}, over the increase limit of ${formatUsd(limit)}${mover}`
    }
  }
  return {
    ...check,
    status: 'pass',
    message: `the monthly change of ${formatUsd(delta, { signed: true })} is within the increase limit of ${formatUsd(limit)}`
  }
}

function checkIncreasePercent(
  limit: Fraction,
  base: Fraction,
  head: Fraction,
  mover: string
): GateCheck {
  const check = {
    kind: 'increase' as const,
    limit: 'monthly increase limit in percent',
    yamlPath: ['budgets', 'increase', 'percent'],
    limitValue: limit
  }
  // A percentage of $0 is undefined, so the percent limit does not apply to a new file.
  if (base.equals(ZERO)) {
    return {
      ...check,
      figure: ZERO,
      status: 'pass',
      notApplicable: true,
      message:
        'the percent increase limit does not apply because the base cost is $0'
    }
  }
  const ratio = head.sub(base).div(base)
  if (ratio.compare(limit) > 0) {
    return {
      ...check,
      figure: ratio,
      status: 'fail',
      message: `the monthly cost rises by ${formatPercent(ratio)}, over the increase limit of ${formatPercent(limit)}${mover}`
    }
  }
  return {
    ...check,
    figure: ratio,
    status: 'pass',
    message: `the monthly change of ${formatPercent(ratio, { signed: true })} is within the increase limit of ${formatPercent(limit)}`
  }
}

/** Names the workload that costs most, where no change can be named. */
function describeLargest(head: Projection): string {
  let largest = head.workloads[0]
  for (const workload of head.workloads) {
    if (
      largest &&
      workload.monthly.expected.compare(largest.monthly.expected) > 0
    ) {
      largest = workload
    }
  }
  if (!largest) return ''
  return `; the largest workload is "${largest.workload.name}" (${formatUsd(largest.monthly.expected)} a month)`
}

function describeMover(diff: CostDiff): string {
  const row = largestIncrease(diff)
  if (!row) return ''
  return `; the largest increase is workload "${row.name}" (${formatUsd(row.monthly.delta, { signed: true })} a month)`
}

/** Returns the most severe status among checks: fail, then warn, then pass. */
export function worstStatus(checks: { status: GateStatus }[]): GateStatus {
  if (checks.some(c => c.status === 'fail')) return 'fail'
  if (checks.some(c => c.status === 'warn')) return 'warn'
  return 'pass'
}
