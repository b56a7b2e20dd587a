import type Fraction from 'fraction.js'
import type { Delta } from '../cost/diff.js'
import { formatCentsPlain, formatRate, toFixedHalfUp } from '../cost/money.js'
import type { Range } from '../cost/project.js'
import type { FileReport, Report } from '../report.js'

/** Version of the JSON report's shape; raised when a field changes meaning or is removed. */
export const JSON_REPORT_VERSION = 1

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

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
    base: report.baseLabel ?? null,
    'overridden-by': report.overriddenBy ?? null,
    totals: report.totals
      ? {
          monthly: delta(report.totals.monthly),
          annual: delta(report.totals.annual),
          peak: delta(report.totals.peak)
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
    workloads: (file.diff?.workloads ?? []).map(row => ({
      name: row.name,
      status: row.status,
      monthly: delta(row.monthly),
      annual: delta(row.annual),
      routes:
        (row.head ?? row.base)?.routes.map(route => ({
          model: route.model.id,
          provider: route.model.provider,
          share: ratio(route.route.share),
          requests: toFixedHalfUp(route.requests, 2),
          monthly: range(route.monthly),
          annual: range(route.annual),
          rates: {
            input: formatRate(route.rates.input),
            output: formatRate(route.rates.output),
            'cached-input': route.rates.cachedInput
              ? formatRate(route.rates.cachedInput)
              : null
          }
        })) ?? []
    })),
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
  return {
    expected: money(value.expected),
    low: money(value.low),
    high: money(value.high)
  }
}

function delta(value: Delta): Json {
  return {
    base: money(value.base),
    head: money(value.head),
    delta: money(value.delta),
    percent:
      value.percent === undefined
        ? null
        : toFixedHalfUp(value.percent.mul(100), 2)
  }
}
