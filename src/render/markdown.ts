import type { ConfigIssue } from '../config/types.js'
import { formatIssue } from '../config/types.js'
import { compareFigures, type Delta } from '../cost/diff.js'
import { ZERO, formatUsd } from '../cost/money.js'
import { sumRanges, type Range } from '../cost/project.js'
import type { FileReport, Report } from '../report.js'
import { STATUS_LABEL, renderBudgets } from './budgets.js'
import {
  chartBarCount,
  chartBars,
  renderCostChart,
  wantsChart,
  type ChartMode
} from './chart.js'
import { describeDelta } from './delta.js'
import { escapeCell } from './escape.js'
import { renderAttributionMarkdown } from './attribution.js'
import { renderRatesMarkdown } from './rates.js'
import { renderRoutesMarkdown } from './routes.js'
import { renderSuggestionsMarkdown } from './suggestions.js'
import { renderWorkloads, type RowBudget } from './workloads.js'

export { describeDelta } from './delta.js'

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
  /** When to draw the chart of monthly cost per workload; `auto` by default. */
  chart?: ChartMode
}

const VERDICT: Record<Report['result'], string> = {
  pass: '✅ Within budget',
  warn: '⚠️ Passed with warnings',
  fail: '❌ Over the limit',
  error: '❌ Invalid usage file'
}

/**
 * Renders the report as GitHub-flavoured Markdown for the pull request
 * comment and the job summary. The first line contains the verdict and the
 * monthly total; then come the totals, each file's chart, workloads
 * (changed first), limits and warnings. When the text would pass
 * `maxChars`, workload rows are cut and the cut is stated; the verdict and
 * totals are never cut.
 */
export function renderMarkdown(report: Report, options: RenderOptions): string {
  const footer = options.marker ? `\n${options.marker}\n` : '\n'
  const render = (rowLimit: number): string =>
    renderBody(report, rowLimit, options) + footer
  const rows = Math.max(0, ...report.files.map(countRows))

  // Row counts that double are tried first, so a large report formats about
  // twice the rows that fit rather than all of them. `low` rows fit, and
  // more than `high` do not.
  let low = 0
  let high = rows
  for (let probe = FIRST_PROBE_ROWS; probe < rows; probe *= 2) {
    if (render(probe).length > options.maxChars) {
      high = probe - 1
      break
    }
    low = probe
  }
  if (high === rows) {
    const full = render(Number.POSITIVE_INFINITY)
    if (full.length <= options.maxChars) return full
    high = rows - 1
  }
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (render(middle).length <= options.maxChars) low = middle
    else high = middle - 1
  }
  return render(low)
}

/** The row count that the size search of renderMarkdown tries first. */
const FIRST_PROBE_ROWS = 64

function countRows(file: FileReport): number {
  return file.diff?.workloads.length ?? file.head?.workloads.length ?? 0
}

function renderBody(
  report: Report,
  rowLimit: number,
  options: RenderOptions
): string {
  const several = report.files.length > 1
  const sections = [renderHeadline(report), renderTotals(report)]
  if (several) sections.push(renderFileSummary(report))
  for (const file of report.files) {
    sections.push(...renderFile(report, file, rowLimit, options))
  }
  if (several) sections.push(renderNotes(report.notes))
  sections.push(renderFooter(report))
  return sections.filter(Boolean).join('\n\n')
}

/** Shown for a run that priced its files but could not check them, or could not finish. */
const CHECK_FAILED = '❌ Check failed'

/** Renders the verdict and monthly total (line 1), then what was compared. */
function renderHeadline(report: Report): string {
  const noLimits =
    report.result === 'pass' &&
    report.files.every(f => (f.gate?.checks.length ?? 0) === 0)
  const invalid = report.files.some(f => f.errors.length > 0)
  const verdict = noLimits
    ? 'ℹ️ No limits set'
    : report.result === 'error' && !invalid
      ? CHECK_FAILED
      : VERDICT[report.result]
  const failed = report.failures.map(
    f => `**The step failed:** ${escapeCell(f)}`
  )
  const totals = report.totals
  if (!totals) return [`### ${verdict}`, ...failed].join('\n\n')

  const { monthly } = totals
  const first = report.compared
    ? `### ${verdict}: ${formatUsd(monthly.base)} → ${formatUsd(monthly.head)} a month (${describeDelta(monthly)})`
    : `### ${verdict}: ${formatUsd(monthly.head)} a month, not compared`
  const lines = [first, '', describeComparison(report)]
  const invalidCount = report.files.filter(f => f.errors.length > 0).length
  if (invalidCount > 0 && report.files.length > invalidCount) {
    lines.push(
      '',
      `The totals leave out ${invalidCount === 1 ? '1 invalid usage file' : `${invalidCount} invalid usage files`}.`
    )
  }
  if (report.overriddenBy) {
    lines.push(
      '',
      `The label \`${escapeCell(report.overriddenBy)}\` approves this change, so limits that were exceeded are reported as warnings.`
    )
  }
  for (const failure of failed) lines.push('', failure)
  return lines.join('\n')
}

function describeComparison(report: Report): string {
  const files = report.files
  const subject =
    files.length === 1
      ? `\`${escapeCell(files[0]?.file ?? '')}\``
      : `${files.length} usage files`
  if (!report.compared) {
    const reason = report.noComparisonReason ?? 'the base could not be priced'
    return `${subject}, not compared: ${escapeCell(reason)}.`
  }
  const against = report.baseLabel ? escapeCell(report.baseLabel) : 'the base'
  return `${subject} compared with ${against}.`
}

/** Renders the run's totals: monthly, annual, peak month and the monthly range. */
function renderTotals(report: Report): string {
  const totals = report.totals
  if (!totals) return ''
  const priced = report.files.filter(f => f.head)
  const headRange = sumRanges(priced.map(f => f.head?.monthly ?? ZERO_RANGE))
  const baseRange = sumRanges(priced.map(f => f.base?.monthly ?? ZERO_RANGE))
  return renderTotalsTable(
    totals,
    report.compared ? baseRange : undefined,
    headRange
  )
}

const ZERO_RANGE: Range = sumRanges([])

function renderTotalsTable(
  totals: { monthly: Delta; annual: Delta; peak: Delta },
  baseRange: Range | undefined,
  headRange: Range
): string {
  const hasRange =
    !headRange.low.equals(headRange.high) ||
    (baseRange !== undefined && !baseRange.low.equals(baseRange.high))
  const span = (range: Range): string =>
    range.low.equals(range.high)
      ? formatUsd(range.expected)
      : `${formatUsd(range.low)} – ${formatUsd(range.high)}`

  if (!baseRange) {
    const lines = [
      '| | Head |',
      '|---|---:|',
      `| **Monthly** | **${formatUsd(totals.monthly.head)}** |`,
      `| Annual | ${formatUsd(totals.annual.head)} |`,
      `| Peak month | ${formatUsd(totals.peak.head)} |`
    ]
    if (hasRange) lines.push(`| Monthly range | ${span(headRange)} |`)
    return lines.join('\n')
  }
  const row = (label: string, delta: Delta): string =>
    `| ${label} | ${formatUsd(delta.base)} | ${formatUsd(delta.head)} | ${describeDelta(delta)} |`
  const lines = [
    '| | Base | Head | Change |',
    '|---|---:|---:|---:|',
    `| **Monthly** | ${formatUsd(totals.monthly.base)} | **${formatUsd(totals.monthly.head)}** | **${describeDelta(totals.monthly)}** |`,
    row('Annual', totals.annual),
    row('Peak month', totals.peak)
  ]
  if (hasRange) {
    lines.push(`| Monthly range | ${span(baseRange)} | ${span(headRange)} | |`)
  }
  return lines.join('\n')
}

/** Renders one row per usage file, for a run over several files. */
function renderFileSummary(report: Report): string {
  const lines = [
    '| Usage file | Base | Head | Change | Result |',
    '|---|---:|---:|---:|---|'
  ]
  for (const file of report.files) {
    const name = `\`${escapeCell(file.file)}\``
    if (!file.head) {
      lines.push(`| ${name} | | | | ❌ invalid |`)
      continue
    }
    const result = STATUS_LABEL[file.gate?.result ?? 'pass']
    if (!file.diff) {
      lines.push(
        `| ${name} | | ${formatUsd(file.head.monthly.expected)} | not compared | ${result} |`
      )
      continue
    }
    const monthly = file.diff.monthly
    lines.push(
      `| ${name} | ${formatUsd(monthly.base)} | ${formatUsd(monthly.head)} | ${describeDelta(monthly)} | ${result} |`
    )
  }
  return lines.join('\n')
}

function renderFile(
  report: Report,
  file: FileReport,
  rowLimit: number,
  options: RenderOptions
): string[] {
  const several = report.files.length > 1
  const sections: string[] = []
  if (several || file.errors.length > 0) {
    sections.push(`#### \`${escapeCell(file.file)}\``)
  }
  if (file.errors.length > 0) {
    sections.push(renderIssues('Errors', file.errors))
    return sections
  }
  const head = file.head
  if (several && head) {
    sections.push(
      renderTotalsTable(
        // Without a base only the head column is shown.
        file.diff ?? {
          monthly: compareFigures(ZERO, head.monthly.expected),
          annual: compareFigures(ZERO, head.annual.expected),
          peak: compareFigures(ZERO, head.peak.expected)
        },
        file.diff ? (file.base?.monthly ?? ZERO_RANGE) : undefined,
        head.monthly
      )
    )
  }

  // A report cut to fit the size limit keeps its rows rather than a chart,
  // and in auto mode a comparison where nothing moved needs no chart. The
  // bars are made only for a chart, because the size search of a large
  // report comes here once per step.
  const barCount = chartBarCount(file)
  const chart = options.chart ?? 'auto'
  const moved =
    !file.diff || file.diff.workloads.some(w => w.status !== 'unchanged')
  if (
    rowLimit >= barCount &&
    wantsChart(chart, barCount) &&
    (moved || chart === 'on')
  ) {
    sections.push(renderCostChart(chartBars(file)))
  }
  const rows: RowBudget = {
    limit: rowLimit,
    fullReportHint: options.fullReportHint
  }
  sections.push(renderWorkloads(file, rows))
  sections.push(renderRoutesMarkdown(file, rowLimit))
  // In a new file every part of the change is volume, so the split adds
  // nothing to the workload table.
  if (file.baseState !== 'missing') {
    sections.push(renderAttributionMarkdown(file, rowLimit))
  }
  sections.push(renderBudgets(file.gate?.checks ?? []))
  sections.push(renderWarnings(file, several ? [] : report.notes))
  sections.push(renderRatesMarkdown(file))
  sections.push(renderSuggestionsMarkdown(file))
  return sections
}

function renderWarnings(file: FileReport, runNotes: string[]): string {
  const notes: string[] = []
  if (file.baseNote) notes.push(escapeCell(file.baseNote))
  if (file.limitsWarning) notes.push(escapeCell(file.limitsWarning))
  if (file.budgetChange) notes.push(escapeCell(file.budgetChange))
  for (const warning of file.warnings) {
    notes.push(escapeCell(formatIssue(warning)))
  }
  for (const note of runNotes) notes.push(escapeCell(note))
  if (notes.length === 0) return ''
  return ['**Warnings**', '', ...notes.map(n => `- ⚠️ ${n}`)].join('\n')
}

function renderNotes(notes: string[]): string {
  if (notes.length === 0) return ''
  return ['**Warnings**', '', ...notes.map(n => `- ⚠️ ${escapeCell(n)}`)].join(
    '\n'
  )
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
  return `<sub>Projected by ai-budget with prices as of ${report.catalogAsOf}. Monthly is month 1 at today's volume; annual is the sum of 12 months; peak month is the most expensive of the 12.</sub>`
}
