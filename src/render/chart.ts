import type Fraction from 'fraction.js'
import { ZERO, formatCentsPlain, formatUsd } from '../cost/money.js'
import type { FileReport } from '../report.js'

/** When the Markdown report draws a chart: `auto` only for a few workloads. */
export type ChartMode = 'auto' | 'on' | 'off'

/** With `chart: auto`, files with fewer workloads than this get no chart: one bar compares nothing. */
export const CHART_MIN_WORKLOADS = 2
/** With `chart: auto`, files with more workloads than this get no chart, because the labels would overlap. */
export const CHART_MAX_WORKLOADS = 12

/** Maximum length of a workload label on the chart's axis, in characters. */
const MAX_LABEL_CHARS = 24

/** One workload's monthly cost on each side; `base` is undefined without a comparison. */
export interface ChartBar {
  name: string
  base?: Fraction
  head: Fraction
}

/**
 * Returns the bars of a file's chart: one per workload, in the order of the
 * workload table, with the base figure when the file was compared with an
 * existing base. A new file has no base bars, because they would all be $0.
 */
export function chartBars(file: FileReport): ChartBar[] {
  if (file.diff && file.baseState === 'compared') {
    return file.diff.workloads.map(row => ({
      name: row.name,
      base: row.monthly.base,
      head: row.monthly.head
    }))
  }
  return (file.head?.workloads ?? []).map(projection => ({
    name: projection.workload.name,
    head: projection.monthly.expected
  }))
}

/** Returns the number of bars that chartBars() makes, without making them. */
export function chartBarCount(file: FileReport): number {
  if (file.diff && file.baseState === 'compared') {
    return file.diff.workloads.length
  }
  return file.head?.workloads.length ?? 0
}

/** Returns whether a file with this many workloads gets a chart in the given mode. */
export function wantsChart(mode: ChartMode, workloads: number): boolean {
  if (mode === 'off' || workloads === 0) return false
  if (mode === 'on') return true
  return workloads >= CHART_MIN_WORKLOADS && workloads <= CHART_MAX_WORKLOADS
}

/**
 * Colours of the bars: base in GitHub's grey #6e7781, head in its link
 * blue. Against the white of the light theme and the #0d1117 of the dark
 * one, the grey has a contrast ratio above 4:1 and the blue above 3.5:1,
 * both above the 3:1 that WCAG 2.1 requires of graphics (SC 1.4.11).
 */
export const BASE_COLOR = '#6e7781'
export const HEAD_COLOR = '#0969da'

/**
 * Renders a horizontal Mermaid `xychart-beta` bar chart of monthly cost per
 * workload, fenced for GitHub Markdown.
 *
 * GitHub rendered Mermaid 11.12.0 in Markdown in November 2025, as a
 * fenced `info` diagram showed there (source:
 * https://github.com/toppair/peek.nvim/pull/90). The chart uses only
 * syntax that 11.12.0 parses: `xychart-beta horizontal` and front-matter
 * `config:`. The chart test renders it with 11.12.0 and with the current
 * release.
 *
 * xychart has no legend and draws the bars of all series at one category on
 * top of each other. So with a base, each workload gets two categories,
 * labelled `(base)` and `(head)`, and two series that are zero at each
 * other's categories: base bars in grey, head bars in blue. The value axis
 * has no tick labels, whose width would push zero away from the axis line
 * and give $0 bars a visible length, so each category label carries its
 * figure instead.
 */
export function renderCostChart(bars: ChartBar[]): string {
  const compared = bars.some(bar => bar.base !== undefined)
  const labels: string[] = []
  const baseValues: string[] = []
  const headValues: string[] = []
  for (const bar of bars) {
    const name = escapeMermaidLabel(bar.name)
    if (compared) {
      labels.push(
        `${name} (base) ${formatUsd(bar.base ?? ZERO)}`,
        `${name} (head) ${formatUsd(bar.head)}`
      )
      baseValues.push(chartNumber(bar.base), '0')
      headValues.push('0', chartNumber(bar.head))
    } else {
      labels.push(`${name} ${formatUsd(bar.head)}`)
      headValues.push(chartNumber(bar.head))
    }
  }

  // Series take the palette's colours in the order of their `bar` lines.
  const palette = compared ? `${BASE_COLOR}, ${HEAD_COLOR}` : HEAD_COLOR
  const title = compared
    ? 'Monthly cost per workload, base (grey) and head (blue), USD'
    : 'Monthly cost per workload, USD'
  const lines = [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${palette}"`,
    '  xyChart:',
    '    yAxis:',
    '      showLabel: false',
    '---',
    'xychart-beta horizontal',
    `  title "${title}"`,
    `  x-axis [${labels.map(label => `"${label}"`).join(', ')}]`,
    `  y-axis "USD per month" 0 --> ${axisMaximum(bars)}`
  ]
  if (compared) lines.push(`  bar [${baseValues.join(', ')}]`)
  lines.push(`  bar [${headValues.join(', ')}]`, '```')
  return lines.join('\n')
}

/**
 * Returns the top of the value axis, the largest figure rounded up to whole
 * dollars. Without a range xychart starts the axis at the smallest value,
 * which would draw that bar with no length.
 */
function axisMaximum(bars: ChartBar[]): string {
  let largest = ZERO
  for (const bar of bars) {
    for (const value of [bar.base ?? ZERO, bar.head]) {
      if (value.compare(largest) > 0) largest = value
    }
  }
  return largest.equals(ZERO) ? '1' : largest.ceil().toString()
}

/** Formats money as a plain decimal such as 1234.50, because the xychart grammar reads no exponent form. */
function chartNumber(value: Fraction | undefined): string {
  return value === undefined ? '0' : formatCentsPlain(value)
}

/**
 * Makes a workload name safe inside a double-quoted xychart label. The
 * grammar ends a label at the next `"` and has no escape for it. `%%` starts
 * a Mermaid comment or a `%%{...}%%` directive anywhere in the text, `$$`
 * starts math in some diagram types, and a backtick run could close the
 * Markdown fence. Long names are cut so the
 * axis stays readable, and the table below the chart has them in full.
 */
export function escapeMermaidLabel(name: string): string {
  const safe = name
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/["`]/g, "'")
    // Mermaid drops anything that looks like an HTML tag from labels.
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/%+/g, '%')
    .replace(/\$+/g, '$')
    // The chart sits in a code block, where GitHub links nothing, but a
    // copy of its text elsewhere must not mention anyone either.
    .replace(/([@#])/g, '$1\u200b')
    .replace(/\b(GH-)(\d)/gi, '$1\u200b$2')
    .replace(/:\/\//g, ':\u200b//')
    .trim()
  const characters = [...safe]
  if (characters.length <= MAX_LABEL_CHARS) return safe
  return `${characters.slice(0, MAX_LABEL_CHARS - 1).join('')}…`
}
