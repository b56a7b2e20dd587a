import type Fraction from 'fraction.js'
import type { ConfigIssue } from '../config/types.js'
import { formatPath } from '../config/yaml-source.js'
import { compareFigures, type Delta } from '../cost/diff.js'
import { describeCheck, type GateCheck } from '../cost/gate.js'
import {
  ZERO,
  formatCentsPlain,
  formatRate,
  toFixedHalfUp
} from '../cost/money.js'
import {
  ratesForInput,
  sumRanges,
  type CostParts,
  type Projection,
  type Range,
  type RouteProjection,
  type WorkloadProjection
} from '../cost/project.js'
import type { FileReport, Report } from '../report.js'
import { attributionJson } from './attribution.js'
import { priceChangesJson, ratesJson } from './rates.js'
import { suggestionsJson } from './suggestions.js'

/**
 * Version of the JSON report's shape, documented in docs/report-json.md. It
 * is raised when a field changes meaning or is removed; new fields keep it.
 */
export const JSON_REPORT_VERSION = 2

/** A plain JSON value. */
export type Json =
  string | number | boolean | null | Json[] | { [key: string]: Json }

const ZERO_RANGE: Range = { expected: ZERO, low: ZERO, high: ZERO }

/**
 * Converts a report to plain JSON with every figure. Money is a decimal
 * string in USD rounded half up to the cent, ratios are decimal strings
 * with four places, and percentages have two.
 */
export function toJsonReport(report: Report): Json {
  const priced = report.files.filter(f => f.head)
  return {
    version: JSON_REPORT_VERSION,
    // The Action's `result` output has only pass, warn and fail, and the two
    // agree: an invalid usage file or a check that could not be made is
    // `fail` in both.
    result: report.result === 'error' ? 'fail' : report.result,
    'run-date': report.runDate,
    'catalog-as-of': report.catalogAsOf,
    compared: report.compared,
    base: report.compared ? (report.baseLabel ?? null) : null,
    'no-comparison-reason': report.compared
      ? null
      : (report.noComparisonReason ?? 'the base could not be priced'),
    notes: report.notes,
    failures: report.failures,
    'overridden-by': report.overriddenBy ?? null,
    'gate-on': report.gateOn ?? 'expected',
    totals: report.totals
      ? {
          monthly: delta(report.totals.monthly, report.compared),
          annual: delta(report.totals.annual, report.compared),
          peak: delta(report.totals.peak, report.compared),
          'monthly-range': {
            base: report.compared
              ? range(sumRanges(priced.map(f => f.base?.monthly ?? ZERO_RANGE)))
              : null,
            head: range(
              sumRanges(priced.map(f => f.head?.monthly ?? ZERO_RANGE))
            )
          }
        }
      : null,
    'total-checks': (report.totalGate?.checks ?? []).map(checkJson),
    files: report.files.map(fileJson)
  }
}

function fileJson(file: FileReport): Json {
  return {
    file: file.file,
    removed: file.removed ?? false,
    result: file.errors.length > 0 ? 'error' : (file.gate?.result ?? 'pass'),
    'base-state': file.baseState,
    'base-note': file.baseNote ?? null,
    'budget-change': file.budgetChange ?? null,
    'price-settings-change': priceSettingsJson(file),
    'budgets-from': file.limitsSource ?? null,
    'base-failure': file.baseFailure ?? null,
    'limits-warning': file.limitsWarning ?? null,
    errors: file.errors.map(issueJson),
    warnings: file.warnings.map(issueJson),
    monthly: file.head ? range(file.head.monthly) : null,
    annual: file.head ? range(file.head.annual) : null,
    'peak-month': file.head ? range(file.head.peak) : null,
    'base-figures': file.base ? projectionFigures(file.base) : null,
    change: file.diff
      ? {
          monthly: delta(file.diff.monthly),
          annual: delta(file.diff.annual),
          peak: delta(file.diff.peak)
        }
      : null,
    workloads: workloadRows(file),
    rates: ratesJson(file),
    'price-changes': priceChangesJson(file),
    attribution: attributionJson(file),
    suggestions: suggestionsJson(file),
    checks: (file.gate?.checks ?? []).map(checkJson)
  }
}

function priceSettingsJson(file: FileReport): Json {
  const change = file.priceSettingsChange
  if (!change) return null
  const own = change.headOwnSettings
  return {
    edits: change.edits,
    'head-only-models': change.headOnlyModels,
    'priced-with': change.applied,
    'head-own-settings': own
      ? {
          monthly: range(own.monthly),
          annual: range(own.annual),
          'peak-month': range(own.peak)
        }
      : null,
    message: change.message
  }
}

function issueJson(issue: ConfigIssue): Json {
  return {
    file: issue.file,
    line: issue.line,
    column: issue.column,
    path: issue.path,
    value: issue.value ?? null,
    message: issue.message,
    fix: issue.fix,
    severity: issue.severity
  }
}

function projectionFigures(projection: Projection): Json {
  return {
    monthly: range(projection.monthly),
    annual: range(projection.annual),
    'peak-month': range(projection.peak)
  }
}

function checkJson(check: GateCheck): Json {
  const isPercent = check.limit.includes('percent')
  const format = isPercent ? ratio : money
  const usage =
    check.usage ??
    (check.notApplicable || check.limitValue.equals(ZERO)
      ? undefined
      : check.figure.div(check.limitValue))
  return {
    kind: check.kind,
    limit: check.limit,
    'yaml-path': formatPath(check.yamlPath),
    'limit-value': format(check.limitValue),
    figure: format(check.figure),
    usage: usage === undefined ? null : ratio(usage),
    status: check.status,
    'not-applicable': check.notApplicable ?? false,
    'high-estimate': check.highEstimate ?? false,
    approval: check.approval ?? false,
    message: describeCheck(check)
  }
}

function money(value: Fraction): string {
  return formatCentsPlain(value)
}

function ratio(value: Fraction): string {
  return toFixedHalfUp(value, 4)
}

function range(value: Range): Json {
  // Without a reasoning range the bounds are the expected Fraction itself.
  const expected = money(value.expected)
  return {
    expected,
    low: value.low === value.expected ? expected : money(value.low),
    high: value.high === value.expected ? expected : money(value.high)
  }
}

/** A workload's range, or null when it has none (low equals high), which keeps large reports small. */
function spread(value: Range): Json {
  const flat = value.low === value.high || value.low.equals(value.high)
  return flat ? null : range(value)
}

function delta(value: Delta, compared = true): Json {
  const base = money(value.base)
  return {
    base: compared ? base : null,
    head: money(value.head),
    delta: compared ? money(value.delta) : null,
    // A percent next to a base that reads 0.00 would look like a wrong sum.
    percent:
      compared && value.percent !== undefined && base !== '0.00'
        ? toFixedHalfUp(value.percent.mul(100), 2)
        : null
  }
}

function parts(value: CostParts): Json {
  return {
    input: money(value.input),
    'cached-input': money(value.cachedInput),
    'cache-write': money(value.cacheWrite),
    output: money(value.output),
    reasoning: money(value.reasoning)
  }
}

/** Builds one row per workload: the comparison when there is one, else the head alone. */

/** Returns a delta without a base: the head figure alone, in the shape of delta(). */
function headOnly(head: Fraction): Json {
  return { base: null, head: money(head), delta: null, percent: null }
}

function workloadRows(file: FileReport): Json[] {
  if (file.diff) {
    return file.diff.workloads.map(row => {
      const shown = row.head ?? row.base
      return {
        name: row.name,
        status: row.status,
        monthly: delta(row.monthly),
        annual: delta(row.annual),
        peak: delta(
          compareFigures(
            (row.base?.peak ?? ZERO_RANGE).expected,
            (row.head?.peak ?? ZERO_RANGE).expected
          )
        ),
        ...workloadDetails(shown, row.head)
      }
    })
  }
  return (file.head?.workloads ?? []).map(projection => ({
    name: projection.workload.name,
    status: null,
    monthly: headOnly(projection.monthly.expected),
    annual: headOnly(projection.annual.expected),
    peak: headOnly(projection.peak.expected),
    ...workloadDetails(projection, projection)
  }))
}

/**
 * Returns the ranges of the head (null where there is none), and the parts
 * and routes of the head projection, or of the base for a removed workload.
 */
function workloadDetails(
  projection: WorkloadProjection | undefined,
  head: WorkloadProjection | undefined
): {
  [key: string]: Json
} {
  return {
    'monthly-range': head ? spread(head.monthly) : null,
    'annual-range': head ? spread(head.annual) : null,
    parts: projection ? parts(projection.parts) : null,
    routes: projection
      ? projection.routes.map(route => routeJson(route, projection))
      : []
  }
}

function routeJson(route: RouteProjection, workload: WorkloadProjection): Json {
  // The rates charged in month 1: long-context ones above the threshold.
  const rates = ratesForInput(route.rates, workload.workload.tokens.input)
  return {
    model: route.model.id,
    provider: route.model.provider,
    share: ratio(route.route.share),
    requests: toFixedHalfUp(route.requests, 2),
    'output-tokens': {
      expected: toFixedHalfUp(route.outputTokens.expected, 2),
      low: toFixedHalfUp(route.outputTokens.low, 2),
      high: toFixedHalfUp(route.outputTokens.high, 2)
    },
    discount: ratio(route.discount),
    'batch-discount': ratio(route.batchDiscount),
    monthly: range(route.monthly),
    annual: range(route.annual),
    'peak-month': range(route.peak),
    parts: parts(route.parts),
    rates: {
      input: formatRate(rates.input),
      output: formatRate(rates.output),
      'cached-input': rates.cachedInput ? formatRate(rates.cachedInput) : null,
      'long-context': rates.longContext
    }
  }
}
