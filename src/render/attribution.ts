import type Fraction from 'fraction.js'
import {
  ATTRIBUTION_FACTORS,
  type Attribution,
  type AttributionFactor,
  type AttributionParts
} from '../cost/attribution.js'
import { ZERO, formatCentsPlain, formatUsd } from '../cost/money.js'
import type { FileReport } from '../report.js'
import { escapeCell } from './escape.js'
import type { Json } from './json.js'
import { describeOmitted } from './limit.js'

const LABELS: Record<AttributionFactor, string> = {
  price: 'Price',
  model: 'Model',
  tokens: 'Tokens',
  volume: 'Volume',
  discounts: 'Discounts'
}

const EXPLANATION =
  'Each part is what one change adds to the monthly cost when the factors switch from the base to the head in this order: price (the rates of `models:` and of the pricing file; the bundled catalog is the same on both sides), model (model or route mix), tokens (tokens per request, profile, reasoning), volume (requests, growth, retries), discounts (batch, cache, `discounts:`). An added or removed workload counts as volume.'

function signed(value: Fraction): string {
  return value.equals(ZERO) ? '–' : formatUsd(value, { signed: true })
}

function total(parts: AttributionParts): Fraction {
  return ATTRIBUTION_FACTORS.reduce((sum, f) => sum.add(parts[f]), ZERO)
}

function attributionRow(name: string, parts: AttributionParts): string {
  return `| ${name} | ${ATTRIBUTION_FACTORS.map(f => signed(parts[f])).join(' | ')} | ${signed(total(parts))} |`
}

// The size search of a comment renders the table once per step, so the rows
// of an attribution, which never changes once made, are rendered once.
const renderedRows = new WeakMap<Attribution, string[]>()

/** Returns the table row of each workload of an attribution. */
function attributionRows(attribution: Attribution): string[] {
  let rows = renderedRows.get(attribution)
  if (!rows) {
    rows = attribution.workloads.map(workload =>
      attributionRow(escapeCell(workload.name), workload.monthly)
    )
    renderedRows.set(attribution, rows)
  }
  return rows
}

/**
 * Renders the monthly change of each workload split by cause, as a
 * Markdown table with a total row, or '' when nothing changed. At most
 * `rowLimit` workload rows are shown, and the rest are counted.
 */
export function renderAttributionMarkdown(
  file: FileReport,
  rowLimit = Number.POSITIVE_INFINITY,
  fullReportHint?: string
): string {
  const attribution = file.attribution
  if (!attribution || attribution.workloads.length === 0) return ''
  const header = ATTRIBUTION_FACTORS.map(f => LABELS[f]).join(' | ')
  const lines = [
    '**Why the cost changed**',
    '',
    `| Workload | ${header} | Change |`,
    `|---|${ATTRIBUTION_FACTORS.map(() => '---:|').join('')}---:|`
  ]
  const rows = attributionRows(attribution)
  const shown = rows.slice(0, rowLimit)
  lines.push(...shown)
  if (rows.length > 1) {
    lines.push(attributionRow('**Total**', attribution.monthly))
  }
  const omitted = rows.length - shown.length
  if (omitted > 0) {
    const noun = { one: 'row', many: 'rows' }
    lines.push('', describeOmitted(omitted, noun, fullReportHint))
  }
  lines.push('', `<sub>${EXPLANATION}</sub>`)
  return lines.join('\n')
}

/** Renders one line per changed workload with its non-zero monthly parts, for the text report. */
export function renderAttributionText(file: FileReport): string[] {
  const attribution = file.attribution
  if (!attribution || attribution.workloads.length === 0) return []
  const describe = (parts: AttributionParts): string => {
    const moved = ATTRIBUTION_FACTORS.filter(f => !parts[f].equals(ZERO))
    if (moved.length === 0) return 'no change'
    return moved
      .map(f => `${f} ${formatUsd(parts[f], { signed: true })}`)
      .join(', ')
  }
  const width = Math.max(8, ...attribution.workloads.map(w => w.name.length))
  return [
    '  Why the monthly cost changed (price, model, tokens, volume, discounts switched in turn):',
    ...attribution.workloads.map(
      w => `    ${w.name.padEnd(width)}  ${describe(w.monthly)}`
    )
  ]
}

/** Converts the attribution of a file to JSON: USD strings rounded half up to the cent. */
export function attributionJson(file: FileReport): Json {
  const attribution = file.attribution
  if (!attribution) return null
  const parts = (value: AttributionParts): Json =>
    Object.fromEntries(
      ATTRIBUTION_FACTORS.map(f => [f, formatCentsPlain(value[f])])
    )
  return {
    factors: [...ATTRIBUTION_FACTORS],
    monthly: parts(attribution.monthly),
    annual: parts(attribution.annual),
    workloads: attribution.workloads.map(w => ({
      name: w.name,
      status: w.status,
      monthly: parts(w.monthly),
      annual: parts(w.annual)
    }))
  }
}
