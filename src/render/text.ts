import { formatIssue } from '../config/types.js'
import { formatUsd } from '../cost/money.js'
import type { Report } from '../report.js'
import { describeDelta } from './markdown.js'

const VERDICT = {
  pass: 'PASS  within budget',
  warn: 'WARN  passed with warnings',
  fail: 'FAIL  over the limit',
  error: 'ERROR invalid usage file'
} as const

/** Renders the report as plain text for a terminal. */
export function renderText(report: Report): string {
  const lines: string[] = [VERDICT[report.result]]
  if (report.totals) {
    const { monthly, annual, peak } = report.totals
    const against = report.baseLabel ? ` against ${report.baseLabel}` : ''
    lines.push(
      `Monthly     ${formatUsd(monthly.base)} -> ${formatUsd(monthly.head)} (${describeDelta(monthly)})${against}`,
      `Annual      ${formatUsd(annual.base)} -> ${formatUsd(annual.head)} (${describeDelta(annual)})`,
      `Peak month  ${formatUsd(peak.head)}`
    )
  }
  for (const file of report.files) {
    lines.push('', file.file)
    for (const issue of file.errors)
      lines.push(`  error: ${formatIssue(issue)}`)
    const rows = file.diff?.workloads ?? []
    const width = Math.max(8, ...rows.map(r => r.name.length))
    for (const row of rows) {
      const models =
        (row.head ?? row.base)?.routes.map(r => r.model.id).join(', ') ?? ''
      const monthly =
        row.status === 'removed' ? 'removed' : formatUsd(row.monthly.head)
      lines.push(
        `  ${row.name.padEnd(width)}  ${monthly.padStart(14)}  ${describeDelta(row.monthly).padEnd(20)}  ${models}`
      )
    }
    for (const check of file.gate?.checks ?? []) {
      lines.push(`  ${check.status.padEnd(4)}  ${check.message}`)
    }
    if (file.baseNote) lines.push(`  warning: ${file.baseNote}`)
    for (const issue of file.warnings)
      lines.push(`  warning: ${formatIssue(issue)}`)
  }
  lines.push('', `Prices as of ${report.catalogAsOf}.`)
  return `${lines.join('\n')}\n`
}
