import type Fraction from 'fraction.js'
import { formatPercent, formatRate, toFixedHalfUp } from '../cost/money.js'
import type { TierRates } from '../cost/project.js'
import {
  describeMonths,
  describeRateLabel,
  type RateRow
} from '../cost/rates.js'
import type { FileReport } from '../report.js'
import { escapeCell } from './escape.js'
import type { Json } from './json.js'
import { describeOmitted, renderList, type ItemBudget } from './limit.js'

const UNLIMITED: ItemBudget = {
  limit: Number.POSITIVE_INFINITY,
  maxChars: Number.POSITIVE_INFINITY
}

/** Workload names shown in one cell of the rates table before "and N more". */
const MAX_NAMED_WORKLOADS = 3

function describeWorkloads(names: string[], escape: (text: string) => string) {
  const shown = names.slice(0, MAX_NAMED_WORKLOADS).map(escape)
  const more = names.length - shown.length
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ')
}

function describeWrites(rates: TierRates): string {
  const writes = [
    rates.cacheWrite5m && `${formatRate(rates.cacheWrite5m)} (5m)`,
    rates.cacheWrite1h && `${formatRate(rates.cacheWrite1h)} (1h)`
  ]
  return writes.filter(Boolean).join(', ')
}

function describeInForce(row: RateRow): string {
  const months = describeMonths(row.firstMonth, row.lastMonth)
  return row.from ? `${months}, prices of ${row.from}` : months
}

function cell(value: Fraction | undefined): string {
  return value === undefined ? '' : formatRate(value)
}

/**
 * Renders the scheduled price changes as a list and the rates used as a
 * collapsed table: one row per model, price entry and tier that a workload
 * is charged, so a reviewer can redo each sum. Returns '' without rates.
 * At most `budget.limit` price changes and rate rows are shown.
 */
export function renderRatesMarkdown(
  file: FileReport,
  budget: ItemBudget = UNLIMITED
): string {
  const rows = file.rates ?? []
  if (rows.length === 0) return ''
  const sections: string[] = []
  const changes = file.priceChanges ?? []
  if (changes.length > 0) {
    const messages = changes.map(change => escapeCell(change.message))
    const title = '**Price changes in the next 12 months**'
    sections.push(
      renderList(title, messages, '', budget, {
        one: 'price change',
        many: 'price changes'
      })
    )
  }
  const lines = [
    '<details><summary>Rates used, USD per 1M tokens</summary>',
    '',
    '| Model | Input | Cached input | Cache write | Output | Batch discount | In force | Workloads | Source |',
    '|---|---:|---:|---:|---:|---:|---|---|---|'
  ]
  for (const row of rows.slice(0, budget.limit)) {
    const { rates } = row
    const batch = row.batchDiscount ? formatPercent(row.batchDiscount) : ''
    lines.push(
      `| ${escapeCell(describeRateLabel(row))} | ${cell(rates.input)} | ${cell(rates.cachedInput)} | ${describeWrites(rates)} | ${cell(rates.output)} | ${batch} | ${describeInForce(row)} | ${describeWorkloads(row.workloads, escapeCell)} | ${escapeCell(row.source)} |`
    )
  }
  const omitted = rows.length - Math.min(rows.length, budget.limit)
  if (omitted > 0) {
    const noun = { one: 'rate row', many: 'rate rows' }
    lines.push('', describeOmitted(omitted, noun, budget.fullReportHint))
  }
  lines.push('', '</details>')
  sections.push(lines.join('\n'))
  return sections.join('\n\n')
}

/** Renders the price changes as notes and the rates used as indented lines, for the text report. */
export function renderRatesText(file: FileReport): string[] {
  const rows = file.rates ?? []
  if (rows.length === 0) return []
  const lines = (file.priceChanges ?? []).map(
    change => `  note: ${change.message}`
  )
  lines.push('  Rates used, USD per 1M tokens:')
  for (const row of rows) {
    const { rates } = row
    const parts = [
      `input ${formatRate(rates.input)}`,
      rates.cachedInput && `cached input ${formatRate(rates.cachedInput)}`,
      describeWrites(rates) && `cache write ${describeWrites(rates)}`,
      `output ${formatRate(rates.output)}`,
      row.batchDiscount && `batch discount ${formatPercent(row.batchDiscount)}`
    ]
    const workloads = describeWorkloads(row.workloads, name => name)
    lines.push(
      `    ${describeRateLabel(row)}: ${parts.filter(Boolean).join(', ')}; ${describeInForce(row)}; ${workloads}`
    )
  }
  return lines
}

function rate(value: Fraction | undefined): Json {
  return value === undefined ? null : formatRate(value)
}

/** Converts the rates used to JSON rows, every workload named. */
export function ratesJson(file: FileReport): Json {
  return (file.rates ?? []).map(row => ({
    model: row.model.id,
    'long-context': row.longContext
      ? {
          threshold: row.longContext.threshold,
          inclusive: row.longContext.inclusive
        }
      : null,
    from: row.from ?? null,
    months: [row.firstMonth, row.lastMonth],
    input: formatRate(row.rates.input),
    'cached-input': rate(row.rates.cachedInput),
    'cache-write-5m': rate(row.rates.cacheWrite5m),
    'cache-write-1h': rate(row.rates.cacheWrite1h),
    output: formatRate(row.rates.output),
    'batch-discount': row.batchDiscount
      ? toFixedHalfUp(row.batchDiscount, 4)
      : null,
    workloads: row.workloads,
    source: row.source
  }))
}

/** Converts the scheduled price changes to JSON. */
export function priceChangesJson(file: FileReport): Json {
  return (file.priceChanges ?? []).map(change => ({
    model: change.model,
    date: change.date,
    months: [change.firstMonth, change.lastMonth],
    input: formatRate(change.after.input),
    output: formatRate(change.after.output),
    'previous-input': formatRate(change.before.input),
    'previous-output': formatRate(change.before.output),
    message: change.message
  }))
}
