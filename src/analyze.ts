import type Fraction from 'fraction.js'
import { parseUsageFile } from './config/parse.js'
import type { ConfigIssue, UsageConfig } from './config/types.js'
import { UsageFileError } from './config/types.js'
import { compareFigures, diffProjections } from './cost/diff.js'
import {
  evaluateGates,
  worstStatus,
  type GateCheck,
  type GateLimits,
  type GateOptions
} from './cost/gate.js'
import { ZERO, sum } from './cost/money.js'
import { projectCost, type Projection } from './cost/project.js'
import type { Catalog } from './pricing/types.js'
import type { BaseState, FileReport, Report } from './report.js'

/** What is known about the base version of a usage file before parsing it. */
export type BaseSource =
  | { state: 'found'; text: string }
  | { state: 'missing' }
  | { state: 'unavailable'; reason: string }
  | { state: 'none' }

/** Limits set by workflow inputs; each replaces the file's own. */
export interface LimitOverrides {
  monthly?: Fraction
  annual?: Fraction
  increaseMonthly?: Fraction
  increasePercent?: Fraction
}

export interface AnalyzeOptions {
  catalog: Catalog
  runDate: string
  budgetSource: 'base' | 'head'
  overrides: LimitOverrides
  gate: GateOptions
}

/**
 * Prices the head and base versions of one usage file, compares them and
 * checks the limits. An invalid head is reported with its errors; an invalid
 * base is noted and never hides the head's result.
 */
export function analyzeFile(
  file: string,
  headText: string,
  base: BaseSource,
  options: AnalyzeOptions
): FileReport {
  const head = priceText(file, headText, options)
  if ('errors' in head) {
    return {
      file,
      errors: head.errors,
      warnings: [],
      baseState: base.state === 'found' ? 'compared' : base.state
    }
  }

  const report: FileReport = {
    file,
    head: head.projection,
    errors: [],
    warnings: head.warnings,
    baseState: 'none'
  }
  let baseConfig: UsageConfig | undefined
  if (base.state === 'found') {
    const priced = priceText(file, base.text, options)
    if ('errors' in priced) {
      report.baseState = 'invalid'
      report.baseNote = `The base version of ${file} is invalid, so the change cannot be measured and every cost is shown as new: ${priced.errors[0]?.message ?? 'unknown error'}.`
    } else {
      report.baseState = 'compared'
      report.base = priced.projection
      baseConfig = priced.config
    }
  } else if (base.state === 'missing') {
    report.baseState = 'missing'
  } else if (base.state === 'unavailable') {
    report.baseState = 'unavailable'
    report.baseNote = `The base version of ${file} could not be read, so the change cannot be measured: ${base.reason}.`
  }

  const useBase = options.budgetSource === 'base' && baseConfig !== undefined
  const budgetConfig = useBase && baseConfig ? baseConfig : head.config
  report.limits = applyOverrides(limitsOf(budgetConfig), options.overrides)
  report.limitsSource = useBase ? 'base' : 'head'
  report.diff = diffProjections(report.base, head.projection)
  const measurable =
    report.baseState === 'compared' || report.baseState === 'missing'
  const limits = measurable
    ? report.limits
    : {
        ...report.limits,
        increaseMonthly: undefined,
        increasePercent: undefined
      }
  report.gate = evaluateGates(
    report.base,
    head.projection,
    report.diff,
    limits,
    options.gate
  )
  if (!measurable && report.baseState !== 'none') {
    report.gate.checks.push(
      ...uncheckedIncreases(report.limits, report.baseState)
    )
    report.gate.result = worstStatus(report.gate.checks)
  }
  return report
}

/**
 * Returns a warning for each increase limit that cannot be checked because
 * the base could not be priced: the change is unknown, not zero.
 */
function uncheckedIncreases(limits: GateLimits, state: BaseState): GateCheck[] {
  const reason =
    state === 'invalid'
      ? 'the base file is invalid'
      : 'the base could not be read'
  const unchecked: GateCheck[] = []
  if (limits.increaseMonthly !== undefined) {
    unchecked.push({
      kind: 'increase',
      limit: 'monthly increase limit',
      limitValue: limits.increaseMonthly,
      figure: ZERO,
      status: 'warn',
      message: `the monthly increase limit was not checked because ${reason}`
    })
  }
  if (limits.increasePercent !== undefined) {
    unchecked.push({
      kind: 'increase',
      limit: 'monthly increase limit in percent',
      limitValue: limits.increasePercent,
      figure: ZERO,
      status: 'warn',
      message: `the percent increase limit was not checked because ${reason}`
    })
  }
  return unchecked
}

type Priced =
  | { config: UsageConfig; projection: Projection; warnings: ConfigIssue[] }
  | { errors: ConfigIssue[] }

function priceText(
  file: string,
  text: string,
  options: AnalyzeOptions
): Priced {
  try {
    const { config, warnings } = parseUsageFile(text, file)
    const projection = projectCost(config, options.catalog, options.runDate)
    return {
      config,
      projection,
      warnings: [...warnings, ...projection.warnings]
    }
  } catch (error) {
    if (error instanceof UsageFileError) return { errors: error.issues }
    throw error
  }
}

function limitsOf(config: UsageConfig): GateLimits {
  const { budgets } = config
  return {
    monthly: budgets.monthly,
    annual: budgets.annual,
    increaseMonthly: budgets.increase.monthly,
    increasePercent: budgets.increase.percent,
    warnAt: budgets.warnAt,
    workloads: budgets.workloads
  }
}

function applyOverrides(
  limits: GateLimits,
  overrides: LimitOverrides
): GateLimits {
  return {
    ...limits,
    monthly: overrides.monthly ?? limits.monthly,
    annual: overrides.annual ?? limits.annual,
    increaseMonthly: overrides.increaseMonthly ?? limits.increaseMonthly,
    increasePercent: overrides.increasePercent ?? limits.increasePercent
  }
}

/** Combines the reports of all usage files into one run report with grand totals. */
export function buildReport(
  files: FileReport[],
  context: { runDate: string; catalogAsOf: string; baseLabel?: string }
): Report {
  const priced = files.filter(f => f.diff !== undefined)
  const totalOf = (
    pick: (f: FileReport) => { base: Fraction; head: Fraction } | undefined
  ) =>
    compareFigures(
      sum(priced.map(f => pick(f)?.base ?? ZERO)),
      sum(priced.map(f => pick(f)?.head ?? ZERO))
    )
  const hasErrors = files.some(f => f.errors.length > 0)
  const gateStatus = worstStatus(files.flatMap(f => f.gate?.checks ?? []))
  return {
    result: hasErrors ? 'error' : gateStatus,
    files,
    totals: priced.length
      ? {
          monthly: totalOf(f => f.diff?.monthly),
          annual: totalOf(f => f.diff?.annual),
          peak: totalOf(f => f.diff?.peak)
        }
      : undefined,
    ...context
  }
}
