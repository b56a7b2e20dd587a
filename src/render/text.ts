import { formatIssue } from '../config/types.js'
import { ZERO, formatUsd } from '../cost/money.js'
import type { Range } from '../cost/project.js'
import type { GateStatus } from '../cost/gate.js'
import type { Delta } from '../cost/diff.js'
import type { Report } from '../report.js'
import { renderAttributionText } from './attribution.js'
import { createPainter, type Painter, type Style } from './color.js'
import { describeDelta } from './delta.js'
import { renderRatesText } from './rates.js'
import { renderRoutesText } from './routes.js'
import { renderSuggestionsText } from './suggestions.js'

const CHECK_STYLE: Record<GateStatus, Style> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red'
}

const VERDICT = {
  pass: ['PASS ', 'within budget'],
  warn: ['WARN ', 'passed with warnings'],
  fail: ['FAIL ', 'over the limit'],
  error: ['ERROR', 'invalid usage file']
} as const

const VERDICT_STYLE: Record<keyof typeof VERDICT, Style> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  error: 'red'
}

export interface TextOptions {
  /** Whether to add ANSI colours: see `colorEnabled`. */
  color?: boolean
}

/** Colours a change: red when the cost rises, green when it falls. */
function paintChange(paint: Painter, delta: Delta, text: string): string {
  const sign = delta.delta.compare(ZERO)
  if (sign > 0) return paint('red', text)
  if (sign < 0) return paint('green', text)
  return text
}

function describeRange(range: Range): string {
  if (range.low.equals(range.high)) return ''
  return ` (range ${formatUsd(range.low)} to ${formatUsd(range.high)})`
}

/** Renders the report as plain text for a terminal, with ANSI colours when `color` is set. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = createPainter(options.color ?? false)
  const noLimits =
    report.result === 'pass' &&
    report.files.every(f => (f.gate?.checks.length ?? 0) === 0)
  const invalid = report.files.some(f => f.errors.length > 0)
  const [word, phrase] =
    report.result === 'error' && !invalid
      ? (['ERROR', 'check failed'] as const)
      : VERDICT[report.result]
  const verdict = `${paint(VERDICT_STYLE[report.result], word)} ${paint('bold', noLimits ? 'no limits set' : phrase)}`
  const lines: string[] = [verdict]
  for (const failure of report.failures)
    lines.push(`${paint('red', 'error:')} ${failure}`)
  const head = report.files.find(f => f.head)?.head
  if (report.totals && report.compared) {
    const { monthly, annual, peak } = report.totals
    const against = report.baseLabel ? ` against ${report.baseLabel}` : ''
    const range =
      head && report.files.length === 1 ? describeRange(head.monthly) : ''
    lines.push(
      `Monthly     ${formatUsd(monthly.base)} -> ${formatUsd(monthly.head)} (${paintChange(paint, monthly, describeDelta(monthly))})${against}${range}`,
      `Annual      ${formatUsd(annual.base)} -> ${formatUsd(annual.head)} (${paintChange(paint, annual, describeDelta(annual))})`,
      `Peak month  ${formatUsd(peak.head)}`
    )
  } else if (report.totals) {
    const { monthly, annual, peak } = report.totals
    const reason = report.noComparisonReason ?? 'the base could not be priced'
    lines.push(
      `Monthly     ${formatUsd(monthly.head)}${head && report.files.length === 1 ? describeRange(head.monthly) : ''}, not compared: ${reason}`,
      `Annual      ${formatUsd(annual.head)}`,
      `Peak month  ${formatUsd(peak.head)}`
    )
  }
  for (const file of report.files) {
    lines.push('', paint('bold', file.file))
    for (const issue of file.errors)
      lines.push(`  ${paint('red', 'error:')} ${formatIssue(issue)}`)
    const rows = file.diff
      ? file.diff.workloads.map(row => ({
          name: row.name,
          projection: row.head ?? row.base,
          monthly:
            row.status === 'removed' ? 'removed' : formatUsd(row.monthly.head),
          change: describeDelta(row.monthly),
          delta: row.monthly
        }))
      : (file.head?.workloads ?? []).map(projection => ({
          name: projection.workload.name,
          projection,
          monthly: formatUsd(projection.monthly.expected),
          change: '',
          delta: undefined
        }))
    const width = Math.max(8, ...rows.map(r => r.name.length))
    for (const row of rows) {
      const models =
        row.projection?.routes.map(r => r.model.id).join(', ') ?? ''
      const range = row.projection ? describeRange(row.projection.monthly) : ''
      // Pad before painting: escape codes have no width on screen.
      const change = row.change.padEnd(20)
      lines.push(
        `  ${row.name.padEnd(width)}  ${row.monthly.padStart(14)}  ${row.delta ? paintChange(paint, row.delta, change) : change}  ${models}${range}`
      )
      if (row.projection && row.monthly !== 'removed') {
        lines.push(...renderRoutesText(row.projection))
      }
    }
    lines.push(...renderAttributionText(file))
    for (const check of file.gate?.checks ?? []) {
      const status = check.status.padEnd(4)
      lines.push(
        `  ${paint(CHECK_STYLE[check.status], status)}  ${check.message}`
      )
    }
    const warning = paint('yellow', 'warning:')
    if (file.baseNote) lines.push(`  ${warning} ${file.baseNote}`)
    if (file.limitsWarning) lines.push(`  ${warning} ${file.limitsWarning}`)
    if (file.budgetChange) lines.push(`  ${warning} ${file.budgetChange}`)
    for (const issue of file.warnings)
      lines.push(`  ${warning} ${formatIssue(issue)}`)
    lines.push(...renderRatesText(file))
    lines.push(...renderSuggestionsText(file))
  }
  for (const note of report.notes)
    lines.push('', `${paint('yellow', 'warning:')} ${note}`)
  lines.push('', paint('dim', `Prices as of ${report.catalogAsOf}.`))
  return `${lines.join('\n')}\n`
}
