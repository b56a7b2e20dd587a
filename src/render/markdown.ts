import type { ConfigIssue } from '../config/types.js'
import { formatIssue } from '../config/types.js'
import { compareFigures, type Delta } from '../cost/diff.js'
import { ZERO, formatUsd } from '../cost/money.js'
import {
  sumRanges,
  type Projection,
  type Range,
  type RouteProjection
} from '../cost/project.js'
import { listChecks, type FileReport, type Report } from '../report.js'
import { STATUS_LABEL, renderBudgets } from './budgets.js'
import {
  chartBarCount,
  chartBars,
  renderCostChart,
  wantsChart,
  type ChartMode
} from './chart.js'
import {
  ROUNDING_NOTE,
  describeDelta,
  peakIsMonthly,
  roundsApart
} from './delta.js'
import { escapeCell } from './escape.js'
import { MAX_ITEM_CHARS, renderList, type ItemBudget } from './limit.js'
import { describeReasoningRanges } from './ranges.js'
import { renderAttributionMarkdown } from './attribution.js'
import { renderRatesMarkdown } from './rates.js'
import { renderRoutesMarkdown } from './routes.js'
import { renderSuggestionsMarkdown } from './suggestions.js'
import { renderWorkloads, type RowBudget } from './workloads.js'

export { describeDelta } from './delta.js'

/** GitHub rejects issue comments longer than this many characters. */
export const MAX_COMMENT_CHARS = 65_536
/**
 * The runner compares the size of a step's summary file in bytes with
 * 1 MiB and drops a larger one, with the error "$GITHUB_STEP_SUMMARY upload
 * aborted, supports content up to a size of 1024k" (CreateStepSummaryCommand
 * in actions/runner). No margin is kept, because the runner creates an
 * empty file for each step and this Action writes the summary to it once.
 */
export const MAX_SUMMARY_BYTES = 1024 * 1024

export interface RenderOptions {
  /** Upper bound on the length of the Markdown in characters, marker included. */
  maxChars: number
  /**
   * Upper bound on the Markdown's size in UTF-8 bytes, checked as well as
   * `maxChars`. Emoji take 4 bytes and arrows 3, so a summary sized in
   * characters could pass the runner's byte limit.
   */
  maxBytes?: number
  /** Appended last, never cut: the hidden marker of a sticky comment. */
  marker?: string
  /**
   * The pointer to the full report, shown when rows are cut, or a function
   * that returns it and is called only when rows are cut.
   */
  fullReportHint?: string | (() => string)
  /** When to draw the chart of monthly cost per workload; `auto` by default. */
  chart?: ChartMode
  /** The `key` input, which distinguishes this comment from others on the pull request. */
  key?: string
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
 * (changed first), limits and warnings. When the text would pass the
 * size limits, the charts are left out first, because the rows have every
 * figure. Only then are rows and list items cut, and each cut is stated.
 * A report that still does not fit loses its end. The verdict and totals
 * come first, so they are never cut.
 */
export function renderMarkdown(report: Report, options: RenderOptions): string {
  return renderMarkdownWithCut(report, options).text
}

/** A rendering of a report, and whether rows or its end were cut to fit. */
export interface RenderedMarkdown {
  text: string
  /** True when workload rows or the end were cut; leaving charts out is not a cut. */
  cut: boolean
}

/** Renders the report as renderMarkdown does, and reports whether anything was cut. */
export function renderMarkdownWithCut(
  report: Report,
  options: RenderOptions
): RenderedMarkdown {
  const footer = options.marker ? `\n${options.marker}\n` : '\n'
  const layout = createLayout(report, options)
  const render = (rowLimit: number): string =>
    renderBody(report, rowLimit, layout) + footer
  const rows = Math.max(report.notes.length, ...report.files.map(countRows))

  // Row counts that double are tried first, so a large report formats about
  // twice the rows that fit rather than all of them. `low` rows fit, and
  // more than `high` do not. A hint given as a function is left out of these
  // tries, so a try that is too long is too long with the hint as well. The
  // tries leave the charts out, as every report that has to shrink does.
  layout.charts = false
  let low = 0
  let high = rows
  for (let probe = FIRST_PROBE_ROWS; probe < rows; probe *= 2) {
    if (!fits(render(probe), options)) {
      high = probe - 1
      break
    }
    low = probe
  }
  if (high === rows) {
    layout.charts = true
    const full = render(Number.POSITIVE_INFINITY)
    if (fits(full, options)) return { text: full, cut: false }
    layout.charts = false
    const withoutCharts = render(Number.POSITIVE_INFINITY)
    if (fits(withoutCharts, options)) {
      return { text: withoutCharts, cut: false }
    }
    high = rows - 1
  }

  // Rows are cut, so the hint is worked out now, and the row count that
  // fitted without it is checked again with it.
  const hint = options.fullReportHint
  if (typeof hint === 'function') {
    layout.fullReportHint = hint()
    if (low > 0 && !fits(render(low), options)) low = 0
  }
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(render(middle), options)) low = middle
    else high = middle - 1
  }
  const cut = render(low)
  if (fits(cut, options)) return { text: cut, cut: true }
  // Sections that no row limit shortens, such as one per usage file of a
  // large monorepo, can still pass the limit, so the end is cut off.
  return {
    text: cutLines(renderBody(report, low, layout), footer, layout, options),
    cut: true
  }
}

/**
 * Keeps as many whole lines from the start of `body` as fit with a closing
 * note and the footer. A `<details>` block or code fence left open by the
 * cut is closed, so the note shows.
 */
function cutLines(
  body: string,
  footer: string,
  layout: Layout,
  options: RenderOptions
): string {
  const lines = body.split('\n')
  const where = layout.fullReportHint ? ` ${layout.fullReportHint}` : ''
  const note = `The rest of this report is cut to fit GitHub's size limit.${where}`
  const compose = (count: number): string => {
    const kept = lines.slice(0, count)
    const closing: string[] = []
    const fences = kept.filter(line => line.startsWith('```')).length
    if (fences % 2 === 1) closing.push('```')
    const open = kept.filter(line => line.startsWith('<details>')).length
    const closed = kept.filter(line => line === '</details>').length
    for (let i = closed; i < open; i++) closing.push('', '</details>')
    return [...kept, ...closing, '', note].join('\n') + footer
  }
  let low = 0
  let high = lines.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(compose(middle), options)) low = middle
    else high = middle - 1
  }
  return compose(low)
}

/** Checks a rendering against the size limits of the options. */
function fits(text: string, options: RenderOptions): boolean {
  if (text.length > options.maxChars) return false
  const maxBytes = options.maxBytes
  return maxBytes === undefined || Buffer.byteLength(text, 'utf8') <= maxBytes
}

/** Builds the layout of a rendering; a hint given as a function is left out until rows are cut. */
function createLayout(report: Report, options: RenderOptions): Layout {
  const { fullReportHint, ...rest } = options
  const limited =
    Number.isFinite(options.maxChars) || options.maxBytes !== undefined
  return {
    ...rest,
    ...(typeof fullReportHint === 'string' ? { fullReportHint } : {}),
    roundsApart: anyRoundsApart(report),
    charts: true,
    itemChars: limited ? MAX_ITEM_CHARS : Number.POSITIVE_INFINITY
  }
}

/** The options of one rendering, with what is worked out once for all its attempts. */
interface Layout extends Omit<RenderOptions, 'fullReportHint'> {
  fullReportHint?: string
  /** Whether some change shown is a cent away from head minus base. */
  roundsApart: boolean
  /** Whether charts are drawn; false once the report must shrink to fit. */
  charts: boolean
  /** Maximum characters of one warning, error, note or suggestion. */
  itemChars: number
  /** The totals table, which no row limit changes, once rendered. */
  totals?: string
}

/** Checks whether any change that the comment shows is rounded apart from its figures. */
function anyRoundsApart(report: Report): boolean {
  const totals = report.totals
  if (!totals || !report.compared) return false
  const deltas: Delta[] = [totals.monthly, totals.annual, totals.peak]
  for (const file of report.files) {
    if (!file.diff) continue
    deltas.push(file.diff.monthly, file.diff.annual, file.diff.peak)
    for (const row of file.diff.workloads) deltas.push(row.monthly)
  }
  return deltas.some(roundsApart)
}

/** The row count that the size search of renderMarkdown tries first. */
const FIRST_PROBE_ROWS = 64

/** Counts the longest list of a file that the row limit cuts. */
function countRows(file: FileReport): number {
  return Math.max(
    file.diff?.workloads.length ?? file.head?.workloads.length ?? 0,
    file.errors.length,
    // The warnings list adds up to four notes to the file's warnings.
    file.warnings.length + 4,
    file.rates?.length ?? 0,
    file.priceChanges?.length ?? 0,
    file.suggestions?.length ?? 0
  )
}

function renderBody(report: Report, rowLimit: number, layout: Layout): string {
  const several = report.files.length > 1
  layout.totals ??= renderTotals(report)
  const sections = [renderHeadline(report, layout), layout.totals]
  if (several)
    sections.push(renderFileSummary(report), renderTotalLimits(report))
  for (const file of report.files) {
    sections.push(...renderFile(report, file, rowLimit, layout))
  }
  if (several) {
    sections.push(renderNotes(report.notes, itemBudget(rowLimit, layout)))
  }
  sections.push(renderFooter(report, layout))
  return sections.filter(Boolean).join('\n\n')
}

/** Shown for a run that priced its files but could not check them, or could not finish. */
const CHECK_FAILED = '❌ Check failed'

/** Renders the verdict and monthly total (line 1), then what was compared. */
function renderHeadline(report: Report, layout: Layout): string {
  const verdict = describeVerdict(report)
  const failed = report.failures.map(
    f => `**The step failed:** ${escapeCell(f)}`
  )
  const totals = report.totals
  if (!totals) return [`### ${verdict}`, ...failed].join('\n\n')

  const { monthly } = totals
  const first = report.compared
    ? `### ${verdict}: ${formatUsd(monthly.base)} → ${formatUsd(monthly.head)} a month (${describeDelta(monthly)})`
    : `### ${verdict}: ${formatUsd(monthly.head)} a month, not compared`
  const lines = [
    `${first}${describeGatedHigh(report)}`,
    '',
    describeComparison(report, layout.key)
  ]
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

function describeVerdict(report: Report): string {
  if (report.overriddenBy) {
    return `⚠️ Over the limit, approved by the label \`${escapeCell(report.overriddenBy)}\``
  }
  const noLimits = report.result === 'pass' && listChecks(report).length === 0
  if (noLimits) return 'ℹ️ No limits set'
  const invalid = report.files.some(f => f.errors.length > 0)
  if (report.result === 'error' && !invalid) return CHECK_FAILED
  return VERDICT[report.result]
}

/**
 * With `gate-on: high`, names the high estimate that the limits checked,
 * which is what a failure is about: `; limits checked on the high estimate
 * $1,641.85`. Returns '' when the expected figure is checked or has no range.
 */
function describeGatedHigh(report: Report): string {
  if (report.gateOn !== 'high') return ''
  const priced = report.files.filter(f => f.head)
  const monthly = sumRanges(priced.map(f => f.head?.monthly ?? ZERO_RANGE))
  if (monthly.high.equals(monthly.expected)) return ''
  return `; limits checked on the high estimate ${formatUsd(monthly.high)}`
}

function describeComparison(report: Report, key: string | undefined): string {
  const files = report.files
  const named =
    files.length === 1 ? nameFile(files[0]) : `${files.length} usage files`
  const subject = key ? `${named}, key \`${escapeCell(key)}\`` : named
  if (!report.compared) {
    const reason = report.noComparisonReason ?? 'the base could not be priced'
    return `${subject}, not compared: ${escapeCell(reason)}.`
  }
  const against = report.baseLabel ? escapeCell(report.baseLabel) : 'the base'
  return `${subject}${key ? ',' : ''} compared with ${against}.`
}

/** Renders the run's totals: monthly, annual, peak month and the monthly range. */
function renderTotals(report: Report): string {
  const totals = report.totals
  if (!totals) return ''
  const priced = report.files.filter(f => f.head)
  return renderTotalsTable({
    totals,
    headRange: sumRanges(priced.map(f => f.head?.monthly ?? ZERO_RANGE)),
    baseRange: report.compared
      ? sumRanges(priced.map(f => f.base?.monthly ?? ZERO_RANGE))
      : undefined,
    routes: priced.flatMap(f => [...routesOf(f.head), ...routesOf(f.base)])
  })
}

const ZERO_RANGE: Range = sumRanges([])

function routesOf(projection: Projection | undefined): RouteProjection[] {
  return projection?.workloads.flatMap(w => w.routes) ?? []
}

/** The figures of a totals table; `baseRange` is undefined without a comparison. */
interface TotalsFigures {
  totals: { monthly: Delta; annual: Delta; peak: Delta }
  baseRange?: Range
  headRange: Range
  /** Routes behind the ranges, which name their reasoning ranges. */
  routes: RouteProjection[]
}

function renderTotalsTable(figures: TotalsFigures): string {
  const { totals, baseRange, headRange } = figures
  const compared = baseRange !== undefined
  const hasRange =
    !headRange.low.equals(headRange.high) ||
    (baseRange !== undefined && !baseRange.low.equals(baseRange.high))
  const span = (range: Range): string =>
    range.low.equals(range.high)
      ? formatUsd(range.expected)
      : `${formatUsd(range.low)} to ${formatUsd(range.high)}`
  const cause = describeReasoningRanges(figures.routes)
  const rangeLabel = cause ? `Monthly range, ${cause}` : 'Monthly range'
  const showPeak = !peakIsMonthly(totals, compared)

  if (!baseRange) {
    const lines = [
      '| | Head |',
      '|---|---:|',
      `| **Monthly** | **${formatUsd(totals.monthly.head)}** |`,
      `| Annual | ${formatUsd(totals.annual.head)} |`
    ]
    if (showPeak) lines.push(`| Peak month | ${formatUsd(totals.peak.head)} |`)
    if (hasRange) lines.push(`| ${rangeLabel} | ${span(headRange)} |`)
    return lines.join('\n')
  }
  const row = (label: string, delta: Delta): string =>
    `| ${label} | ${formatUsd(delta.base)} | ${formatUsd(delta.head)} | ${describeDelta(delta)} |`
  const lines = [
    '| | Base | Head | Change |',
    '|---|---:|---:|---:|',
    `| **Monthly** | ${formatUsd(totals.monthly.base)} | **${formatUsd(totals.monthly.head)}** | **${describeDelta(totals.monthly)}** |`,
    row('Annual', totals.annual)
  ]
  if (showPeak) lines.push(row('Peak month', totals.peak))
  if (hasRange) {
    lines.push(`| ${rangeLabel} | ${span(baseRange)} | ${span(headRange)} | |`)
  }
  return lines.join('\n')
}

/** Names a usage file in code style, marked when the change deletes it. */
function nameFile(file: FileReport | undefined): string {
  if (!file) return ''
  const name = `\`${escapeCell(file.file)}\``
  return file.removed ? `${name} (deleted in this change)` : name
}

/** Renders one row per usage file, for a run over several files. */
function renderFileSummary(report: Report): string {
  const lines = [
    '| Usage file | Base | Head | Change | Result |',
    '|---|---:|---:|---:|---|'
  ]
  for (const file of report.files) {
    const name = nameFile(file)
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

/** Renders the workflow's limits on the total of several usage files. */
function renderTotalLimits(report: Report): string {
  const checks = report.totalGate?.checks ?? []
  if (checks.length === 0) return ''
  const title = `**Workflow limits on the total of ${report.files.length} usage files**`
  return `${title}\n\n${renderBudgets(checks)}`
}

const CHART_LEFT_OUT = "The chart is left out to fit GitHub's size limit."

function renderFile(
  report: Report,
  file: FileReport,
  rowLimit: number,
  options: Layout
): string[] {
  const several = report.files.length > 1
  const sections: string[] = []
  if (several || file.errors.length > 0) {
    sections.push(`#### ${nameFile(file)}`)
  }
  const items = itemBudget(rowLimit, options)
  if (file.errors.length > 0) {
    sections.push(renderIssues('Errors', file.errors, items))
    return sections
  }
  const head = file.head
  if (several && head) {
    sections.push(
      renderTotalsTable({
        // Without a base only the head column is shown.
        totals: file.diff ?? {
          monthly: compareFigures(ZERO, head.monthly.expected),
          annual: compareFigures(ZERO, head.annual.expected),
          peak: compareFigures(ZERO, head.peak.expected)
        },
        baseRange: file.diff ? (file.base?.monthly ?? ZERO_RANGE) : undefined,
        headRange: head.monthly,
        routes: [...routesOf(head), ...routesOf(file.base)]
      })
    )
  }

  // A report shrunk to fit the size limit keeps its rows rather than a
  // chart, and in auto mode a comparison where nothing moved needs no chart.
  // The bars are made only for a chart, because the size search of a large
  // report comes here once per step.
  const barCount = chartBarCount(file)
  const chart = options.chart ?? 'auto'
  const moved =
    !file.diff || file.diff.workloads.some(w => w.status !== 'unchanged')
  if (wantsChart(chart, barCount) && (moved || chart === 'on')) {
    sections.push(
      options.charts && rowLimit >= barCount
        ? renderCostChart(chartBars(file))
        : CHART_LEFT_OUT
    )
  }
  const rows: RowBudget = {
    limit: rowLimit,
    fullReportHint: options.fullReportHint
  }
  sections.push(renderWorkloads(file, rows))
  sections.push(renderRoutesMarkdown(file, rowLimit, options.fullReportHint))
  // In a new file every part of the change is volume, so the split adds
  // nothing to the workload table.
  if (file.baseState !== 'missing') {
    sections.push(
      renderAttributionMarkdown(file, rowLimit, options.fullReportHint)
    )
  }
  sections.push(renderBudgets(file.gate?.checks ?? []))
  sections.push(renderWarnings(file, several ? [] : report.notes, items))
  sections.push(renderRatesMarkdown(file, items))
  sections.push(renderSuggestionsMarkdown(file, items))
  return sections
}

function itemBudget(rowLimit: number, layout: Layout): ItemBudget {
  return {
    limit: rowLimit,
    maxChars: layout.itemChars,
    fullReportHint: layout.fullReportHint
  }
}

const WARNINGS = { one: 'warning', many: 'warnings' }

function renderWarnings(
  file: FileReport,
  runNotes: string[],
  budget: ItemBudget
): string {
  const notes: string[] = []
  if (file.baseNote) notes.push(escapeCell(file.baseNote))
  if (file.limitsWarning) notes.push(escapeCell(file.limitsWarning))
  const prices = file.priceSettingsChange?.message
  if (prices) notes.push(escapeCell(prices))
  if (file.budgetChange) notes.push(escapeCell(file.budgetChange))
  for (const warning of file.warnings) {
    notes.push(escapeCell(formatIssue(warning)))
  }
  for (const note of runNotes) notes.push(escapeCell(note))
  return renderList('**Warnings**', notes, '⚠️ ', budget, WARNINGS)
}

function renderNotes(notes: string[], budget: ItemBudget): string {
  const escaped = notes.map(escapeCell)
  return renderList('**Warnings**', escaped, '⚠️ ', budget, WARNINGS)
}

function renderIssues(
  title: string,
  issues: ConfigIssue[],
  budget: ItemBudget
): string {
  const items = issues.map(i => escapeCell(formatIssue(i)))
  return renderList(`**${title}**`, items, '', budget, {
    one: 'error',
    many: 'errors'
  })
}

function renderFooter(report: Report, layout: Layout): string {
  const totals = report.totals
  if (!totals) {
    return `<sub>ai-budget with prices as of ${report.catalogAsOf}.</sub>`
  }
  const peak = peakIsMonthly(totals, report.compared)
    ? 'no month of the 12 costs more than month 1, so no peak month is shown'
    : 'peak month is the most expensive of the 12'
  const rounding = layout.roundsApart ? ` ${ROUNDING_NOTE}` : ''
  return `<sub>Projected by ai-budget with prices as of ${report.catalogAsOf}. Monthly is month 1 at today's volume; annual is the sum of 12 months; ${peak}.${rounding}</sub>`
}
