import { describe, expect, it } from 'vitest'
import {
  BASE_COLOR,
  CHART_MAX_WORKLOADS,
  CHART_MIN_WORKLOADS,
  HEAD_COLOR,
  chartBarCount,
  chartBars,
  escapeMermaidLabel,
  renderCostChart,
  wantsChart
} from '../../src/render/chart.js'
import { f } from '../cost/build.js'
import { SCENARIOS, buildScenarioReport } from './scenarios.js'

describe('wantsChart', () => {
  it.each([
    ['auto', 0, false],
    ['auto', 1, false],
    ['auto', CHART_MIN_WORKLOADS, true],
    ['auto', CHART_MAX_WORKLOADS, true],
    ['auto', CHART_MAX_WORKLOADS + 1, false],
    ['on', 1, true],
    ['on', 40, true],
    ['on', 0, false],
    ['off', 3, false]
  ] as const)('mode %s with %i workloads: %s', (mode, count, expected) => {
    expect(wantsChart(mode, count)).toBe(expected)
  })
})

describe('chartBarCount', () => {
  // The scenarios cover a new file (head bars only) and comparisons that
  // add and remove workloads.
  it.each(SCENARIOS.map(scenario => [scenario.name, scenario] as const))(
    'counts the bars of %s',
    (_name, scenario) => {
      const [file] = buildScenarioReport(scenario).files
      if (!file) throw new Error('the scenario has no file')
      expect(chartBarCount(file)).toBe(chartBars(file).length)
      expect(chartBarCount(file)).toBeGreaterThan(0)
    }
  )
})

describe('escapeMermaidLabel', () => {
  it('replaces double quotes and backticks', () => {
    expect(escapeMermaidLabel('say "hi" `now`')).toBe("say 'hi' 'now'")
  })

  it('breaks up comment and directive markers', () => {
    expect(escapeMermaidLabel('a%%{init}%%b')).toBe('a%{init}%b')
  })

  it('collapses dollar runs', () => {
    expect(escapeMermaidLabel('$$x$$')).toBe('$x$')
  })

  it('keeps mentions and references inert', () => {
    expect(escapeMermaidLabel('@octocat #1')).toBe('@\u200boctocat #\u200b1')
    expect(escapeMermaidLabel('GH-2 https://x')).toBe(
      'GH-\u200b2 https:\u200b//x'
    )
  })

  it('turns line breaks into spaces', () => {
    expect(escapeMermaidLabel('one\ntwo\r\nthree')).toBe('one two three')
  })

  it('cuts long names with an ellipsis', () => {
    const label = escapeMermaidLabel('a'.repeat(40))
    expect([...label]).toHaveLength(24)
    expect(label.endsWith('…')).toBe(true)
  })
})

describe('renderCostChart', () => {
  it('puts base next to head', () => {
    const chart = renderCostChart([
      { name: 'triage', base: f('1234.5'), head: f(2000) },
      { name: 'replies', base: f(0), head: f('0.25') }
    ])
    const lines = chart.split('\n')
    expect(lines[0]).toBe('```mermaid')
    expect(lines.at(-1)).toBe('```')
    expect(chart).toContain('xychart-beta horizontal')
    expect(chart).toContain(
      'x-axis ["triage (base) $1,234.50", "triage (head) $2,000.00", "replies (base) $0.00", "replies (head) $0.25"]'
    )
    // The palette colours the base series grey and the head series blue.
    expect(chart).toContain('plotColorPalette: "#6e7781, #0969da"')
    expect(chart).toContain('y-axis "USD per month" 0 --> 2000')
    expect(chart).toContain('bar [1234.50, 0, 0.00, 0]')
    expect(chart).toContain('bar [0, 2000.00, 0, 0.25]')
  })

  it('draws one series without a base', () => {
    const chart = renderCostChart([
      { name: 'triage', head: f(10) },
      { name: 'replies', head: f(20) }
    ])
    expect(chart).toContain('x-axis ["triage $10.00", "replies $20.00"]')
    expect(chart.match(/^ {2}bar /gm)).toHaveLength(1)
    expect(chart).toContain('bar [10.00, 20.00]')
    expect(chart).toContain('plotColorPalette: "#0969da"')
  })

  it('rounds values half up to cents', () => {
    // 1/3 of a dollar is 0.333… and 2/3 is 0.666…, shown as 0.33 and 0.67.
    const chart = renderCostChart([
      { name: 'a', head: f(1, 3) },
      { name: 'b', head: f(2, 3) }
    ])
    expect(chart).toContain('bar [0.33, 0.67]')
    // The axis ends at the largest figure rounded up to whole dollars.
    expect(chart).toContain('y-axis "USD per month" 0 --> 1\n')
  })
})

/** Relative luminance of an sRGB colour such as `#0969da`, as WCAG 2.1 defines it. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map(
    i => Number.parseInt(hex.slice(i, i + 2), 16) / 255
  )
  const [r = 0, g = 0, b = 0] = channels.map(c =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  )
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2.1 contrast ratio of two colours, from 1 to 21. */
function contrast(first: string, second: string): number {
  const [light, dark] = [luminance(first), luminance(second)].sort(
    (a, b) => b - a
  )
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)
}

describe('chart colours', () => {
  // GitHub's light and dark theme backgrounds.
  const BACKGROUNDS = ['#ffffff', '#0d1117']

  it.each(BACKGROUNDS)('base bars stand out on %s', background => {
    // #6e7781: 4.55:1 on white and 4.16:1 on #0d1117.
    expect(contrast(BASE_COLOR, background)).toBeGreaterThanOrEqual(4)
  })

  it.each(BACKGROUNDS)('head bars stand out on %s', background => {
    // #0969da: 5.19:1 on white and 3.64:1 on #0d1117.
    expect(contrast(HEAD_COLOR, background)).toBeGreaterThanOrEqual(3)
  })

  it('base and head differ', () => {
    expect(BASE_COLOR).not.toBe(HEAD_COLOR)
  })
})
