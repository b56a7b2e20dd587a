import { formatIssue } from '../config/types.js'
import { ZERO, formatUsd } from '../cost/money.js'
import { sumRanges, type Range, type RouteProjection } from '../cost/project.js'
import type { GateCheck, GateStatus } from '../cost/gate.js'
import type { Delta } from '../cost/diff.js'
import type { Report } from '../report.js'
import { renderAttributionText } from './attribution.js'
import { createPainter, type Painter, type Style } from './color.js'
import { describeDelta, peakIsMonthly } from './delta.js'
import { describeRange } from './ranges.js'
import { renderRatesText } from './rates.js'
import { renderRoutesText } from './routes.js'
import { renderSuggestionsText } from './suggestions.js'

const NO_RANGE: Range = sumRanges([])

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

/**
 * Colours a change: red when the cost rises and `failing` is set, because
 * the rise fails a limit, and green when it falls. A rise within the
 * limits stays plain.
 */
function paintChange(
  paint: Painter,
  delta: Delta,
  text: string,
  failing: boolean
): string {
  const sign = delta.delta.compare(ZERO)
  if (sign > 0) return failing ? paint('red', text) : text
  if (sign < 0) return paint('green', text)
  return text
}

/**
 * Checks whether a workload's rise fails a limit: its own workload budget,
 * or a limit on the whole file, which every rising workload adds to.
 */
function failsLimit(checks: GateCheck[], workload: string): boolean {
  return checks.some(check => {
    if (check.status !== 'fail') return false
    const [section, group, name] = check.yamlPath
    const perWorkload = section === 'budgets' && group === 'workloads'
    return !perWorkload || name === workload
  })
}

/** Describes a workload's or a total's range: ` (range $1.00 to $2.00, reasoning ×3 to ×10)`. */
function describeRangeOf(range: Range, routes: RouteProjection[]): string {
  const text = describeRange(range, routes)
  return text ? ` (${text})` : ''
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
  const verdictPhrase = report.overriddenBy
    ? `over the limit, approved by the label ${report.overriddenBy}`
    : noLimits
      ? 'no limits set'
      : phrase
  const verdict = `${paint(VERDICT_STYLE[report.result], word)} ${paint('bold', verdictPhrase)}`
  const lines: string[] = [verdict]
  for (const failure of report.failures)
    lines.push(`${paint('red', 'error:')} ${failure}`)
  const priced = report.files.filter(f => f.head)
  const headRange = sumRanges(priced.map(f => f.head?.monthly ?? NO_RANGE))
  const range = describeRangeOf(
    headRange,
    priced.flatMap(f => f.head?.workloads.flatMap(w => w.routes) ?? [])
  )
  if (report.totals) {
    const { monthly, annual, peak } = report.totals
    if (report.compared) {
      const against = report.baseLabel ? ` against ${report.baseLabel}` : ''
      const failing = report.result === 'fail'
      lines.push(
        `Monthly     ${formatUsd(monthly.base)} -> ${formatUsd(monthly.head)} (${paintChange(paint, monthly, describeDelta(monthly), failing)})${against}${range}`,
        `Annual      ${formatUsd(annual.base)} -> ${formatUsd(annual.head)} (${paintChange(paint, annual, describeDelta(annual), failing)})`
      )
    } else {
      const reason = report.noComparisonReason ?? 'the base could not be priced'
      lines.push(
        `Monthly     ${formatUsd(monthly.head)}${range}, not compared: ${reason}`,
        `Annual      ${formatUsd(annual.head)}`
      )
    }
    // A peak month equal to month 1 would repeat the monthly line.
    if (!peakIsMonthly(report.totals, report.compared)) {
      lines.push(`Peak month  ${formatUsd(peak.head)}`)
    }
    if (
      report.gateOn === 'high' &&
      !headRange.high.equals(headRange.expected)
    ) {
      lines.push(
        `Limits checked on the high estimate ${formatUsd(headRange.high)} (gate-on high)`
      )
    }
  }
  for (const file of report.files) {
    const deleted = file.removed ? ' (deleted in this change)' : ''
    lines.push('', paint('bold', `${file.file}${deleted}`))
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
      const range = row.projection
        ? describeRangeOf(row.projection.monthly, row.projection.routes)
        : ''
      // Pad before painting: escape codes have no width on screen.
      const change = row.change.padEnd(20)
      const painted = row.delta
        ? paintChange(
            paint,
            row.delta,
            change,
            failsLimit(file.gate?.checks ?? [], row.name)
          )
        : change
      lines.push(
        `  ${row.name.padEnd(width)}  ${row.monthly.padStart(14)}  ${painted}  ${models}${range}`
      )
      if (row.projection && row.monthly !== 'removed') {
        lines.push(...renderRoutesText(row.projection))
      }
    }
    lines.push(...renderAttributionText(file))
    const checks = file.gate?.checks ?? []
    for (const check of checks) {
      const status = check.status.padEnd(4)
      lines.push(
        `  ${paint(CHECK_STYLE[check.status], status)}  ${check.message}`
      )
    }
    // Every failure of a file names the same mover, so it is printed once.
    const mover = checks.find(c => c.status !== 'pass' && c.mover)?.mover
    if (mover) lines.push(`        ${mover}`)
    const warning = paint('yellow', 'warning:')
    if (file.baseNote) lines.push(`  ${warning} ${file.baseNote}`)
    if (file.limitsWarning) lines.push(`  ${warning} ${file.limitsWarning}`)
    const prices = file.priceSettingsChange?.message
    if (prices) lines.push(`  ${warning} ${prices}`)
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
