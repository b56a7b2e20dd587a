import type Fraction from 'fraction.js'
import { isCompared, type LimitOverrides } from './analyze.js'
import {
  evaluateGates,
  worstStatus,
  type GateCheck,
  type GatedFigures,
  type GateLimits,
  type GateOptions,
  type GateResult
} from './cost/gate.js'
import { ZERO, formatUsd } from './cost/money.js'
import { sumRanges, type Range } from './cost/project.js'
import type { FileReport } from './report.js'

/** The workflow input that sets each limit of the total, by the limit's kind. */
const LIMIT_INPUTS = {
  monthly: 'max-monthly-cost',
  annual: 'max-annual-cost',
  increaseMonthly: 'max-increase',
  increasePercent: 'max-increase-percent'
} as const

const ZERO_RANGE: Range = sumRanges([])

/**
 * Checks the workflow's limits against the total of several usage files.
 * The workflow sets these limits and the pull request does not, so they
 * bound what the whole change spends and adds. A new file counts toward
 * the total and toward its increase, so splitting spend into files escapes
 * nothing. Increase limits need every file compared with a base. When a
 * base could not be priced they are reported as not checked, and without
 * any base (a scheduled run) they are left out. Returns undefined when the
 * workflow sets no limit.
 */
export function checkTotalLimits(
  files: FileReport[],
  overrides: LimitOverrides,
  options: GateOptions
): GateResult | undefined {
  const set = Object.values(overrides).some(value => value !== undefined)
  if (!set) return undefined

  const priced = files.filter(file => file.head !== undefined)
  const compared =
    priced.length > 0 && priced.every(file => isCompared(file.baseState))
  const head = totalOf(priced, 'head')
  const base = compared ? totalOf(priced, 'base') : undefined
  const limits: GateLimits = {
    monthly: overrides.monthly,
    annual: overrides.annual,
    increaseMonthly: compared ? overrides.increaseMonthly : undefined,
    increasePercent: compared ? overrides.increasePercent : undefined,
    workloads: {}
  }
  const gate = evaluateGates(base, head, undefined, limits, options, {
    total: true,
    mover: describeTotalMover(priced, compared)
  })

  const uncompared = priced.find(
    file => !isCompared(file.baseState) && file.baseState !== 'none'
  )
  if (!compared && uncompared) {
    gate.checks.push(...uncheckedIncreases(overrides, uncompared.file))
  }
  for (const check of gate.checks) check.yamlPath = [inputOf(check)]
  gate.result = worstStatus(gate.checks)
  return gate
}

/** Adds up the head or base projections of the files, workload by workload. */
function totalOf(files: FileReport[], side: 'head' | 'base'): GatedFigures {
  const projections = files.map(file => file[side])
  return {
    workloads: projections.flatMap(p => p?.workloads ?? []),
    monthly: sumRanges(projections.map(p => p?.monthly ?? ZERO_RANGE)),
    annual: sumRanges(projections.map(p => p?.annual ?? ZERO_RANGE))
  }
}

/**
 * Names the workload that raised the total most, with its file, or the
 * largest workload when nothing was compared. Returns '' when no workload
 * rose.
 */
function describeTotalMover(files: FileReport[], compared: boolean): string {
  let largest: { name: string; file: string; amount: Fraction } | undefined
  for (const file of files) {
    const rows = compared
      ? (file.diff?.workloads ?? []).map(row => ({
          name: row.name,
          amount: row.monthly.delta
        }))
      : (file.head?.workloads ?? []).map(row => ({
          name: row.workload.name,
          amount: row.monthly.expected
        }))
    for (const row of rows) {
      if (compared && row.amount.compare(ZERO) <= 0) continue
      if (largest && row.amount.compare(largest.amount) <= 0) continue
      largest = { ...row, file: file.file }
    }
  }
  if (!largest) return ''
  const where = `"${largest.name}" in ${largest.file}`
  return compared
    ? `the largest increase is workload ${where} (${formatUsd(largest.amount, { signed: true })} a month)`
    : `the largest workload is ${where} (${formatUsd(largest.amount)} a month)`
}

/** Returns a warning for each increase limit of the total that needs a base that could not be priced. */
function uncheckedIncreases(
  overrides: LimitOverrides,
  file: string
): GateCheck[] {
  const limits: [string, Fraction | undefined][] = [
    ['total monthly increase limit', overrides.increaseMonthly],
    ['total monthly increase limit in percent', overrides.increasePercent]
  ]
  return limits.flatMap(([label, value]) =>
    value === undefined
      ? []
      : [
          {
            kind: 'increase' as const,
            limit: label,
            yamlPath: [],
            limitValue: value,
            figure: ZERO,
            status: 'warn' as const,
            notApplicable: true,
            message: `the ${label} was not checked because the base of ${file} could not be priced`
          }
        ]
  )
}

/** Returns the workflow input that sets a limit of the total. */
function inputOf(check: GateCheck): string {
  if (check.kind === 'budget') {
    return check.limit.includes('annual')
      ? LIMIT_INPUTS.annual
      : LIMIT_INPUTS.monthly
  }
  return check.limit.includes('percent')
    ? LIMIT_INPUTS.increasePercent
    : LIMIT_INPUTS.increaseMonthly
}
