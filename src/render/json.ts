import type Fraction from 'fraction.js'
import type { Delta } from '../cost/diff.js'
import { formatCentsPlain, formatRate, toFixedHalfUp } from '../cost/money.js'
import {
  ratesForInput,
  type Range,
  type WorkloadProjection
} from '../cost/project.js'
import type { FileReport, Report } from '../report.js'
import { attributionJson } from './attribution.js'
import { priceChangesJson, ratesJson } from './rates.js'
import { suggestionsJson } from './suggestions.js'

/** Version of the JSON report's shape; raised when a field changes meaning or is removed. */
export const JSON_REPORT_VERSION = 1

/** A plain JSON value. */
export type Json =
  string | number | boolean | null | Json[] | { [key: string]: Json }

/**
 * Converts a report to plain JSON. Money is a decimal string in USD rounded
 * half up to the cent; ratios are decimal strings with four places.
 */
export function toJsonReport(report: Report): Json {
  return {
    version: JSON_REPORT_VERSION,
    result: report.result,
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
    totals: report.totals
      ? {
          monthly: delta(report.totals.monthly, report.compared),
          annual: delta(report.totals.annual, report.compared),
          peak: delta(report.totals.peak, report.compared)
        }
      : null,
    files: report.files.map(fileJson)
  }
}

function fileJson(file: FileReport): Json {
  return {
    file: file.file,
    'base-state': file.baseState,
    'base-note': file.baseNote ?? null,
    'base-failure': file.baseFailure ?? null,
    'limits-warning': file.limitsWarning ?? null,
    errors: file.errors.map(issue => ({
      ...issue,
      value: issue.value ?? null
    })),
    warnings: file.warnings.map(issue => ({
      ...issue,
      value: issue.value ?? null
    })),
    monthly: file.head ? range(file.head.monthly) : null,
    annual: file.head ? range(file.head.annual) : null,
    'peak-month': file.head ? range(file.head.peak) : null,
    'budget-change': file.budgetChange ?? null,
    workloads: workloadRows(file),
    rates: ratesJson(file),
    'price-changes': priceChangesJson(file),
    attribution: attributionJson(file),
    suggestions: suggestionsJson(file),
    checks: (file.gate?.checks ?? []).map(check => ({
      kind: check.kind,
      limit: check.limit,
      'limit-value': check.limit.includes('percent')
        ? ratio(check.limitValue)
        : money(check.limitValue),
      figure: check.limit.includes('percent')
        ? ratio(check.figure)
        : money(check.figure),
      status: check.status,
      'not-applicable': check.notApplicable ?? false,
      message: check.message
    })),
    'budgets-from': file.limitsSource ?? null
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
  return {
    base: compared ? money(value.base) : null,
    head: money(value.head),
    delta: compared ? money(value.delta) : null,
    percent:
      compared && value.percent !== undefined
        ? toFixedHalfUp(value.percent.mul(100), 2)
        : null
  }
}

/** A delta without a base: the head figure alone, in the shape of delta(). */
function headOnly(head: Fraction): Json {
  return { base: null, head: money(head), delta: null, percent: null }
}

/** One row per workload: the comparison when there is one, else the head alone. */
function workloadRows(file: FileReport): Json[] {
  if (file.diff) {
    return file.diff.workloads.map(row => ({
      name: row.name,
      status: row.status,
      monthly: delta(row.monthly),
      annual: delta(row.annual),
      'monthly-range': row.head ? spread(row.head.monthly) : null,
      'annual-range': row.head ? spread(row.head.annual) : null,
      routes: routeRows(row.head ?? row.base)
    }))
  }
  return (file.head?.workloads ?? []).map(projection => ({
    name: projection.workload.name,
    status: null,
    monthly: headOnly(projection.monthly.expected),
    annual: headOnly(projection.annual.expected),
    'monthly-range': spread(projection.monthly),
    'annual-range': spread(projection.annual),
    routes: routeRows(projection)
  }))
}

function routeRows(projection: WorkloadProjection | undefined): Json[] {
  if (!projection) return []
  const input = projection.workload.tokens.input
  return projection.routes.map(route => {
    // The rates charged in month 1: long-context ones above the threshold.
    const rates = ratesForInput(route.rates, input)
    return {
      model: route.model.id,
      provider: route.model.provider,
      share: ratio(route.route.share),
      requests: toFixedHalfUp(route.requests, 2),
      monthly: range(route.monthly),
      annual: range(route.annual),
      rates: {
        input: formatRate(rates.input),
        output: formatRate(rates.output),
        'cached-input': rates.cachedInput
          ? formatRate(rates.cachedInput)
          : null,
        'long-context': rates.longContext
      }
    }
  })
}
