import type { ConfigIssue } from '../config/types.js'
import { formatIssue } from '../config/types.js'
import type { Delta, WorkloadDiff } from '../cost/diff.js'
import type { GateCheck, GateStatus } from '../cost/gate.js'
import { ZERO, formatPercent, formatUsd } from '../cost/money.js'
import type { Range, WorkloadProjection } from '../cost/project.js'
import type { FileReport, Report } from '../report.js'
import { renderAttributionMarkdown } from './attribution.js'
import { escapeCell } from './escape.js'
import { renderRatesMarkdown } from './rates.js'
import { renderRoutesMarkdown } from './routes.js'
import { renderSuggestionsMarkdown } from './suggestions.js'

/** GitHub rejects issue comments longer than this many characters. */
export const MAX_COMMENT_CHARS = 65_536
/** GitHub rejects a step's job summary over 1 MiB; this leaves room for other steps. */
export const MAX_SUMMARY_CHARS = 1_000_000

export interface RenderOptions {
  /** Upper bound on the length of the Markdown, marker included. */
  maxChars: number
  /** Appended last, never cut: the hidden marker of a sticky comment. */
  marker?: string
  /** Where the full report can be read when rows are cut. */
  fullReportHint?: string
}

const VERDICT: Record<Report['result'], string> = {
  pass: '✅ **Within budget**',
  warn: '⚠️ **Passed with warnings**',
  fail: '❌ **Over the limit**',
  error: '❌ **Invalid usage file**'
}

/**
 * Renders the report as GitHub-flavoured Markdown: the verdict and monthly
 * total first, then workloads, budgets, warnings and the rates used. When the
 * text would pass `maxChars`, workload rows are cut and the cut is stated;
 * the verdict and totals are never cut.
 */
export function renderMarkdown(report: Report, options: RenderOptions): string {
  const footer = options.marker ? `\n${options.marker}\n` : '\n'
  // Rows are rendered once, and the search below only changes how many show.
  const rows = new Map(report.files.map(f => [f, renderWorkloadRows(f)]))
  let rowLimit = Number.POSITIVE_INFINITY
  let text = renderBody(report, rowLimit, rows, options) + footer
  if (text.length <= options.maxChars) return text

  let low = 0
  let high = Math.max(...[...rows.values()].map(r => r.length))
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    const candidate = renderBody(report, middle, rows, options) + footer
    if (candidate.length <= options.maxChars) low = middle
    else high = middle - 1
  }
  rowLimit = low
  text = renderBody(report, rowLimit, rows, options) + footer
  return text
}

/** The rendered workload rows of each file of a report. */
type WorkloadRows = Map<FileReport, string[]>

function renderBody(
  report: Report,
  rowLimit: number,
  rows: WorkloadRows,
  options: RenderOptions
): string {
  const sections = [renderHeadline(report)]
  for (const file of report.files) {
    const fileRows = rows.get(file) ?? []
    sections.push(...renderFile(report, file, rowLimit, fileRows, options))
  }
  sections.push(renderFooter(report))
  return sections.filter(Boolean).join('\n\n')
}

/** Shown for a run that priced its files but could not check them, or could not finish. */
const CHECK_FAILED = '❌ **Check failed**'

function renderHeadline(report: Report): string {
  const noLimits =
    report.result === 'pass' &&
    report.files.every(f => (f.gate?.checks.length ?? 0) === 0)
  const invalid = report.files.some(f => f.errors.length > 0)
  const verdict = noLimits
    ? 'ℹ️ **No limits set**'
    : report.result === 'error' && !invalid
      ? CHECK_FAILED
      : VERDICT[report.result]
  const failed =
    report.failures.length > 0
      ? `\n\n${report.failures.map(f => `**The step failed:** ${escapeCell(f)}`).join('\n\n')}`
      : ''
  if (!report.totals) return `### ${verdict}${failed}`
  const { monthly } = report.totals
  const first = `### ${verdict}: ${formatUsd(monthly.head)} a month`
  const against = report.baseLabel
    ? ` against ${escapeCell(report.baseLabel)}`
    : ''
  const reason = report.noComparisonReason ?? 'the base could not be priced'
  const change = report.compared
    ? `**Monthly cost** ${formatUsd(monthly.base)} → **${formatUsd(monthly.head)}** (${describeDelta(monthly)})${against}`
    : `**Monthly cost** **${formatUsd(monthly.head)}**, not compared: ${escapeCell(reason)}`
  const overridden = report.overriddenBy
    ? `\n\nThe label \`${escapeCell(report.overriddenBy)}\` approves this change, so limits that were exceeded are reported as warnings.`
    : ''
  return `${first}\n\n${change}${overridden}${failed}`
}

/** Describes a change as `+$51.25, +4.3%`, or `new` when the base is $0. */
export function describeDelta(delta: Delta): string {
  const money = formatUsd(delta.delta, { signed: true })
  if (delta.delta.equals(ZERO)) return 'no change'
  if (delta.percent === undefined) return `${money}, new`
  return `${money}, ${formatPercent(delta.percent, { signed: true })}`
}

function renderFile(
  report: Report,
  file: FileReport,
  rowLimit: number,
  rows: string[],
  options: RenderOptions
): string[] {
  const sections: string[] = []
  if (report.files.length > 1 || file.errors.length > 0) {
    sections.push(`#### \`${escapeCell(file.file)}\``)
  }
  if (file.errors.length > 0) {
    sections.push(renderIssues('Errors', file.errors))
    return sections
  }
  sections.push(renderTotals(file))
  sections.push(renderWorkloads(file, rowLimit, rows, options))
  sections.push(renderRoutesMarkdown(file, rowLimit))
  sections.push(renderAttributionMarkdown(file, rowLimit))
  if (file.gate && file.gate.checks.length > 0) {
    sections.push(renderBudgets(file.gate.checks))
  }
  sections.push(renderWarnings(report, file))
  sections.push(renderRatesMarkdown(file))
  sections.push(renderSuggestionsMarkdown(file))
  return sections
}

function renderTotals(file: FileReport): string {
  const head = file.head
  if (!head) return ''
  const diff = file.diff
  const header = diff
    ? '| | Base | Head | Change |\n|---|---:|---:|---:|'
    : '| | Cost |\n|---|---:|'
  const row = (
    label: string,
    delta: Delta | undefined,
    range: Range
  ): string => {
    const spread = rangeNote(range)
    return delta
      ? `| ${label} | ${formatUsd(delta.base)} | ${formatUsd(delta.head)}${spread} | ${describeDelta(delta)} |`
      : `| ${label} | ${formatUsd(range.expected)}${spread} |`
  }
  return [
    header,
    row('Monthly', diff?.monthly, head.monthly),
    row('Annual', diff?.annual, head.annual),
    row('Peak month', diff?.peak, head.peak)
  ].join('\n')
}

function rangeNote(range: Range): string {
  if (range.low === range.high || range.low.equals(range.high)) return ''
  return `<br><sub>${formatUsd(range.low)} – ${formatUsd(range.high)}</sub>`
}

/** Renders one table row per workload: the change when there is a base, else the cost. */
function renderWorkloadRows(file: FileReport): string[] {
  if (!file.head) return []
  return file.diff
    ? file.diff.workloads.map(renderChangeRow)
    : file.head.workloads.map(renderCostRow)
}

function renderWorkloads(
  file: FileReport,
  rowLimit: number,
  rows: string[],
  options: RenderOptions
): string {
  if (!file.head) return ''
  const shown = rows.slice(0, rowLimit)
  const header = file.diff
    ? ['| Workload | Model | Monthly | Change |', '|---|---|---:|---:|']
    : ['| Workload | Model | Monthly |', '|---|---|---:|']
  const lines = [...header, ...shown]
  const omitted = rows.length - shown.length
  if (omitted > 0) {
    const where = options.fullReportHint ? ` ${options.fullReportHint}` : ''
    lines.push(
      '',
      `${omitted} more workload rows are omitted to fit GitHub's size limit.${where}`
    )
  }
  return lines.join('\n')
}

function describeModels(projection: WorkloadProjection | undefined): string {
  if (!projection) return ''
  const routes = projection.routes
  return routes
    .map(r =>
      routes.length > 1
        ? `${escapeCell(r.model.id)} ${formatPercent(r.route.share)}`
        : escapeCell(r.model.id)
    )
    .join('<br>')
}

function renderCostRow(projection: WorkloadProjection): string {
  const name = escapeCell(projection.workload.name)
  const monthly = `${formatUsd(projection.monthly.expected)}${rangeNote(projection.monthly)}`
  return `| ${name} | ${describeModels(projection)} | ${monthly} |`
}

function renderChangeRow(row: WorkloadDiff): string {
  const projection = row.head ?? row.base
  const removed = row.status === 'removed'
  const name = removed ? `~~${escapeCell(row.name)}~~` : escapeCell(row.name)
  const monthly = removed
    ? 'removed'
    : `${formatUsd(row.monthly.head)}${row.head ? rangeNote(row.head.monthly) : ''}`
  return `| ${name} | ${describeModels(projection)} | ${monthly} | ${describeDelta(row.monthly)} |`
}

function renderBudgets(checks: GateCheck[]): string {
  const lines = [
    '| Limit | Figure | Limit value | Used | Status |',
    '|---|---:|---:|---:|---|'
  ]
  for (const check of checks) {
    const isPercent = check.limit.includes('percent')
    const figure = check.notApplicable
      ? 'n/a'
      : isPercent
        ? formatPercent(check.figure, { signed: true })
        : formatUsd(check.figure, { signed: check.kind === 'increase' })
    const limit = isPercent
      ? formatPercent(check.limitValue)
      : formatUsd(check.limitValue)
    const used = check.usage ? formatPercent(check.usage) : ''
    const status =
      check.notApplicable && check.status === 'pass'
        ? 'n/a'
        : STATUS_LABEL[check.status]
    lines.push(
      `| ${escapeCell(capitalize(check.limit))} | ${figure} | ${limit} | ${used} | ${status} |`
    )
  }
  const notable = checks.filter(c => c.status !== 'pass')
  if (notable.length > 0) {
    lines.push(
      '',
      ...notable.map(
        c =>
          `- ${STATUS_LABEL[c.status]}: ${escapeCell(capitalize(c.message))}.`
      )
    )
  }
  return lines.join('\n')
}

const STATUS_LABEL: Record<GateStatus, string> = {
  pass: '✅ pass',
  warn: '⚠️ warning',
  fail: '❌ fail'
}

function renderWarnings(report: Report, file: FileReport): string {
  const notes: string[] = []
  if (file.baseNote) notes.push(escapeCell(file.baseNote))
  if (file.limitsWarning) notes.push(escapeCell(file.limitsWarning))
  if (file.budgetChange) notes.push(escapeCell(file.budgetChange))
  for (const warning of file.warnings) {
    notes.push(escapeCell(formatIssue(warning)))
  }
  for (const note of report.notes) notes.push(escapeCell(note))
  if (notes.length === 0) return ''
  return ['**Warnings**', '', ...notes.map(n => `- ${n}`)].join('\n')
}

function renderIssues(title: string, issues: ConfigIssue[]): string {
  return [
    `**${title}**`,
    '',
    ...issues.map(i => `- ${escapeCell(formatIssue(i))}`)
  ].join('\n')
}

function renderFooter(report: Report): string {
  if (!report.totals) {
    return `<sub>ai-budget with prices as of ${report.catalogAsOf}.</sub>`
  }
  return `<sub>Projected by ai-budget with prices as of ${report.catalogAsOf}. Monthly is month 1 at today's volume; annual is the sum of 12 months.</sub>`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
