import Fraction from 'fraction.js'
import type { BudgetLimits } from '../config/types.js'
import { largestIncrease, type CostDiff } from './diff.js'
import { formatDecimal } from '../config/numbers.js'
import {
  ZERO,
  formatCount,
  formatExcess,
  formatPercent,
  formatPercentApart,
  formatUsd,
  formatUsdApart
} from './money.js'
import type { Projection, Range, RouteProjection } from './project.js'

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

/** The figures of a projection that the limits are checked against. */
export type GatedFigures = Pick<Projection, 'workloads' | 'monthly' | 'annual'>

/**
 * The subject of a gate other than one usage file: the total of several
 * files. Its labels start with "total", and its failures name `mover`.
 */
export interface GateScope {
  total: true
  /** The workload that moved most, with its file, or '' when none did. */
  mover: string
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
  /** Set when `figure` is the high estimate of a reasoning range (`gate-on: high`). */
  highEstimate?: boolean
  /** Set when the check asks for a reviewer's approval and has no allowed amount. */
  approval?: boolean
  /** The limit, the figure and the outcome, without the mover. */
  message: string
  /**
   * On a failure, the workload that moved most, or the largest one when
   * there is no base: `the largest increase is workload "chat" (+$2.00 a
   * month)`. It is the same for every failure of a file, so the report
   * states it once, and `describeCheck` adds it to a message on its own.
   */
  mover?: string
}

/** Returns a check's message with its mover, for an annotation or a log line on its own. */
export function describeCheck(check: GateCheck): string {
  return check.mover ? `${check.message}; ${check.mover}` : check.message
}

export interface GateResult {
  result: GateStatus
  checks: GateCheck[]
}

const NO_COST: Range = { expected: ZERO, low: ZERO, high: ZERO }

/** Maximum distinct range tops that a gate message names; above it, the message names "each reasoning range". */
const MAX_NAMED_TOPS = 3

/**
 * Checks budgets and increase limits. A budget is exceeded when the exact
 * head figure is greater than it. A breach that already exists at the base
 * and that the change does not make worse is a warning, not a failure.
 */
export function evaluateGates(
  base: GatedFigures | undefined,
  head: GatedFigures,
  /** Undefined when there is no base to compare with. */
  diff: CostDiff | undefined,
  limits: GateLimits,
  options: GateOptions,
  scope?: GateScope
): GateResult {
  const pick = (range: Range | undefined): Fraction =>
    (range ?? NO_COST)[options.gateOn]
  const mover =
    scope?.mover ?? (diff ? describeMover(diff) : describeLargest(head))
  const total = scope ? 'total ' : ''
  const checks: GateCheck[] = []
  const allRoutes = head.workloads.flatMap(w => w.routes)

  const budgets: BudgetFigures[] = [
    [
      `${total}monthly budget`,
      limits.monthly,
      head.monthly,
      base?.monthly,
      allRoutes,
      ['budgets', 'monthly']
    ],
    [
      `${total}annual budget`,
      limits.annual,
      head.annual,
      base?.annual,
      allRoutes,
      ['budgets', 'annual']
    ]
  ]
  for (const [name, workloadLimits] of Object.entries(limits.workloads)) {
    const current = head.workloads.find(w => w.workload.name === name)
    if (current === undefined) {
      checks.push(...unmatchedWorkloadBudgets(name, workloadLimits))
      continue
    }
    const previous = base?.workloads.find(w => w.workload.name === name)
    const routes = current.routes
    budgets.push(
      [
        `workload "${name}" monthly budget`,
        workloadLimits.monthly,
        current.monthly,
        previous?.monthly,
        routes,
        ['budgets', 'workloads', name]
      ],
      [
        `workload "${name}" annual budget`,
        workloadLimits.annual,
        current.annual,
        previous?.annual,
        routes,
        ['budgets', 'workloads', name]
      ]
    )
  }
  for (const [label, limit, current, previous, routes, yamlPath] of budgets) {
    if (limit === undefined) continue
    const figure = pick(current)
    const high = describeHighEstimate(options, current, routes)
    const check = checkBudget(
      { label, yamlPath, limit, figure, high },
      previous && pick(previous),
      limits.warnAt,
      mover
    )
    checks.push(high ? { ...check, highEstimate: true } : check)
  }

  const baseMonthly = pick(base?.monthly)
  const headMonthly = pick(head.monthly)
  const changeRoutes = [
    ...allRoutes,
    ...(base?.workloads.flatMap(w => w.routes) ?? [])
  ]
  const changeRange = base ? widest(head.monthly, base.monthly) : head.monthly
  const change = {
    base: baseMonthly,
    head: headMonthly,
    high: describeHighEstimate(options, changeRange, changeRoutes),
    total
  }
  const increases: GateCheck[] = []
  if (limits.increaseMonthly !== undefined) {
    increases.push(checkIncrease(limits.increaseMonthly, change, mover))
  }
  if (limits.increasePercent !== undefined) {
    increases.push(checkIncreasePercent(limits.increasePercent, change, mover))
  }
  for (const check of increases) {
    checks.push(
      change.high && !check.notApplicable
        ? { ...check, highEstimate: true }
        : check
    )
  }

  for (const check of checks) {
    if (check.status === 'fail' && !options.failOn.has(check.kind))
      check.status = 'warn'
  }
  return { result: worstStatus(checks), checks }
}

/**
 * Returns a warning for each limit of a workload budget that names no
 * workload of the head. Budgets from the base do, when the change renames or
 * removes the workload, and $0.00 within the budget would hide that.
 */
function unmatchedWorkloadBudgets(
  name: string,
  limits: BudgetLimits
): GateCheck[] {
  const periods: [string, Fraction | undefined][] = [
    ['monthly', limits.monthly],
    ['annual', limits.annual]
  ]
  return periods.flatMap(([period, limit]) =>
    limit === undefined
      ? []
      : [
          {
            kind: 'budget' as const,
            limit: `workload "${name}" ${period} budget`,
            yamlPath: ['budgets', 'workloads', name],
            limitValue: limit,
            figure: ZERO,
            status: 'warn' as const,
            notApplicable: true,
            message: `the workload "${name}" ${period} budget of ${formatUsd(limit)} was not checked because this change has no workload named "${name}". A budget follows the workload's name, so a renamed workload leaves its budget behind`
          }
        ]
  )
}

/** A budget's label, limit, head and base figures, the routes behind them, and its YAML path. */
type BudgetFigures = [
  string,
  Fraction | undefined,
  Range,
  Range | undefined,
  RouteProjection[],
  string[]
]

/**
 * A budget and its figure; `high` names the high estimate, such as
 * "(reasoning ×10)", when that is the figure.
 */
interface BudgetFigure {
  label: string
  yamlPath: string[]
  limit: Fraction
  figure: Fraction
  high?: string
}

function checkBudget(
  { label, yamlPath, limit, figure, high }: BudgetFigure,
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
  const texts = formatUsdApart(figure, limit)
  const shown = high
    ? `the high estimate ${texts.figure} ${high}`
    : texts.figure
  if (figure.compare(limit) > 0) {
    const over = `${shown} is over the ${label} of ${texts.limit} by ${formatExcess(figure.sub(limit))}`
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
    return { ...check, status: 'fail', message: over, ...moverOf(mover) }
  }
  if (
    warnAt !== undefined &&
    usage !== undefined &&
    usage.compare(warnAt) > 0
  ) {
    const shares = formatPercentApart(usage, warnAt)
    return {
      ...check,
      status: 'warn',
      message: `${shown} uses ${shares.figure} of the ${label} of ${texts.limit}, above the warn-at level of ${shares.limit}`
    }
  }
  return {
    ...check,
    status: 'pass',
    message: `${shown} is within the ${label} of ${texts.limit}`
  }
}

/**
 * The monthly figures an increase limit compares. `high` names the tops of
 * the reasoning ranges, such as "(reasoning ×10)", when high estimates are
 * compared.
 */
interface MonthlyChange {
  base: Fraction
  head: Fraction
  high?: string
  /** "total " for the total of several files, else ''. */
  total: string
}

function checkIncrease(
  limit: Fraction,
  { base, head, high, total }: MonthlyChange,
  mover: string
): GateCheck {
  const delta = head.sub(base)
  const check = {
    kind: 'increase' as const,
    limit: `${total}monthly increase limit`,
    yamlPath: ['budgets', 'increase', 'monthly'],
    limitValue: limit,
    figure: delta
  }
  if (delta.compare(limit) > 0) {
    const texts = formatUsdApart(delta, limit)
    return {
      ...check,
      status: 'fail',
      message: `${describeCost(high, total)} rises by ${texts.figure}, over the increase limit of ${texts.limit}`,
      ...moverOf(mover)
    }
  }
  return {
    ...check,
    status: 'pass',
    message: `${describeChange(high, total, formatUsd(delta, { signed: true }))} is within the increase limit of ${formatUsd(limit)}`
  }
}

function checkIncreasePercent(
  limit: Fraction,
  { base, head, high, total }: MonthlyChange,
  mover: string
): GateCheck {
  const check = {
    kind: 'increase' as const,
    limit: `${total}monthly increase limit in percent`,
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
      message: `the ${total}percent increase limit does not apply because the ${total}base cost is $0`
    }
  }
  const ratio = head.sub(base).div(base)
  if (ratio.compare(limit) > 0) {
    const texts = formatPercentApart(ratio, limit)
    return {
      ...check,
      figure: ratio,
      status: 'fail',
      message: `${describeCost(high, total)} rises by ${texts.figure}, over the increase limit of ${texts.limit}`,
      ...moverOf(mover)
    }
  }
  return {
    ...check,
    figure: ratio,
    status: 'pass',
    message: `${describeChange(high, total, formatPercent(ratio, { signed: true }))} is within the increase limit of ${formatPercent(limit)}`
  }
}

/** Names the cost that an increase limit checks: "the monthly cost" or "the total monthly cost". */
function describeCost(high: string | undefined, total: string): string {
  return high
    ? `the high estimate ${high} of the ${total}monthly cost`
    : `the ${total}monthly cost`
}

/** Describes the change that an increase limit checks: "the monthly change of +$5.00". */
function describeChange(
  high: string | undefined,
  total: string,
  change: string
): string {
  return high
    ? `the ${total}monthly change of the high estimate ${high}, ${change},`
    : `the ${total}monthly change of ${change}`
}

/**
 * Names the high estimate of a figure gated with `gate-on: high`, such as
 * "(reasoning ×10)", from the tops of the reasoning ranges of its routes.
 * Returns undefined where the expected figure is gated or the figure has no
 * range, so that the message shows the plain figure.
 */
function describeHighEstimate(
  options: GateOptions,
  range: Range,
  routes: RouteProjection[]
): string | undefined {
  if (options.gateOn !== 'high' || range.high.equals(range.expected)) {
    return undefined
  }
  const tops = new Set<string>()
  for (const route of routes) {
    const reasoning = route.reasoning
    if (reasoning.kind === 'none' || !reasoning.range) continue
    const [, top] = reasoning.range
    tops.add(
      reasoning.kind === 'multiplier'
        ? `×${formatDecimal(top)}`
        : `+${formatCount(top)} tokens`
    )
  }
  const list = [...tops]
  if (list.length === 0 || list.length > MAX_NAMED_TOPS) {
    return '(the top of each reasoning range)'
  }
  const words =
    list.length === 1
      ? list.join('')
      : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`
  return `(reasoning ${words})`
}

/** Returns the range whose high and expected figures differ, preferring the first. */
function widest(first: Range, second: Range): Range {
  return first.high.equals(first.expected) ? second : first
}

/** Names the workload that costs most, where no change can be named. */
function describeLargest(head: GatedFigures): string {
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
  return `the largest workload is "${largest.workload.name}" (${formatUsd(largest.monthly.expected)} a month)`
}

function describeMover(diff: CostDiff): string {
  const row = largestIncrease(diff)
  if (!row) return ''
  return `the largest increase is workload "${row.name}" (${formatUsd(row.monthly.delta, { signed: true })} a month)`
}

function moverOf(mover: string): { mover?: string } {
  return mover ? { mover } : {}
}

/** Returns the most severe status among checks: fail, then warn, then pass. */
export function worstStatus(checks: { status: GateStatus }[]): GateStatus {
  if (checks.some(c => c.status === 'fail')) return 'fail'
  if (checks.some(c => c.status === 'warn')) return 'warn'
  return 'pass'
}
