import { formatIssue } from '../config/types.js'
import { formatUsd } from '../cost/money.js'
import type { Range } from '../cost/project.js'
import type { Report } from '../report.js'
import { renderAttributionText } from './attribution.js'
import { describeDelta } from './markdown.js'
import { renderRatesText } from './rates.js'
import { renderRoutesText } from './routes.js'
import { renderSuggestionsText } from './suggestions.js'

const VERDICT = {
  pass: 'PASS  within budget',
  warn: 'WARN  passed with warnings',
  fail: 'FAIL  over the limit',
  error: 'ERROR invalid usage file'
} as const

function describeRange(range: Range): string {
  if (range.low.equals(range.high)) return ''
  return ` (range ${formatUsd(range.low)} to ${formatUsd(range.high)})`
}

/** Renders the report as plain text for a terminal. */
export function renderText(report: Report): string {
  const noLimits =
    report.result === 'pass' &&
    report.files.every(f => (f.gate?.checks.length ?? 0) === 0)
  const invalid = report.files.some(f => f.errors.length > 0)
  const verdict =
    report.result === 'error' && !invalid
      ? 'ERROR check failed'
      : VERDICT[report.result]
  const lines: string[] = [noLimits ? 'PASS  no limits set' : verdict]
  for (const failure of report.failures) lines.push(`error: ${failure}`)
  const head = report.files.find(f => f.head)?.head
  if (report.totals && report.compared) {
    const { monthly, annual, peak } = report.totals
    const against = report.baseLabel ? ` against ${report.baseLabel}` : ''
    const range =
      head && report.files.length === 1 ? describeRange(head.monthly) : ''
    lines.push(
      `Monthly     ${formatUsd(monthly.base)} -> ${formatUsd(monthly.head)} (${describeDelta(monthly)})${against}${range}`,
      `Annual      ${formatUsd(annual.base)} -> ${formatUsd(annual.head)} (${describeDelta(annual)})`,
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
    lines.push('', file.file)
    for (const issue of file.errors)
      lines.push(`  error: ${formatIssue(issue)}`)
    const rows = file.diff
      ? file.diff.workloads.map(row => ({
          name: row.name,
          projection: row.head ?? row.base,
          monthly:
            row.status === 'removed' ? 'removed' : formatUsd(row.monthly.head),
          change: describeDelta(row.monthly)
        }))
      : (file.head?.workloads ?? []).map(projection => ({
          name: projection.workload.name,
          projection,
          monthly: formatUsd(projection.monthly.expected),
          change: ''
        }))
    const width = Math.max(8, ...rows.map(r => r.name.length))
    for (const row of rows) {
      const models =
        row.projection?.routes.map(r => r.model.id).join(', ') ?? ''
      const range = row.projection ? describeRange(row.projection.monthly) : ''
      lines.push(
        `  ${row.name.padEnd(width)}  ${row.monthly.padStart(14)}  ${row.change.padEnd(20)}  ${models}${range}`
      )
      if (row.projection && row.monthly !== 'removed') {
        lines.push(...renderRoutesText(row.projection))
      }
    }
    lines.push(...renderAttributionText(file))
    for (const check of file.gate?.checks ?? []) {
      lines.push(`  ${check.status.padEnd(4)}  ${check.message}`)
    }
    if (file.baseNote) lines.push(`  warning: ${file.baseNote}`)
    if (file.limitsWarning) lines.push(`  warning: ${file.limitsWarning}`)
    if (file.budgetChange) lines.push(`  warning: ${file.budgetChange}`)
    for (const issue of file.warnings)
      lines.push(`  warning: ${formatIssue(issue)}`)
    lines.push(...renderRatesText(file))
    lines.push(...renderSuggestionsText(file))
  }
  for (const note of report.notes) lines.push('', `warning: ${note}`)
  lines.push('', `Prices as of ${report.catalogAsOf}.`)
  return `${lines.join('\n')}\n`
}
