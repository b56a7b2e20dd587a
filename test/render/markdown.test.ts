import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/analyze.js'
import { diffProjections } from '../../src/cost/diff.js'
import { evaluateGates, type GateLimits } from '../../src/cost/gate.js'
import { projectCost } from '../../src/cost/project.js'
import { escapeCell } from '../../src/render/escape.js'
import { ROUNDING_NOTE } from '../../src/render/delta.js'
import {
  renderMarkdown,
  renderMarkdownWithCut
} from '../../src/render/markdown.js'
import type { FileReport } from '../../src/report.js'
import type { Workload } from '../../src/config/types.js'
import { catalog, f, model, usage, workload } from '../cost/build.js'
import { SCENARIOS, buildScenarioReport } from './scenarios.js'

// $1 per 1M input tokens and nothing for output: a workload of N input tokens
// a request and one request a month costs N / 1,000,000 dollars.
const flat = catalog(model('flat', '1', '0'))

function flatWorkload(name: string, input: string): Workload {
  return workload(name, 'flat', { input, output: '0', perMonth: '1' })
}

function fileReport(
  base: Workload[] | undefined,
  head: Workload[],
  limits: Partial<GateLimits> = {}
): FileReport {
  const headProjection = projectCost(usage(head), flat, '2026-12-04')
  const baseProjection = base && projectCost(usage(base), flat, '2026-12-04')
  const diff = diffProjections(baseProjection, headProjection)
  const gate = evaluateGates(
    baseProjection,
    headProjection,
    diff,
    { workloads: {}, ...limits },
    { failOn: new Set(['budget', 'increase']), gateOn: 'expected' }
  )
  return {
    file: 'ai-usage.yml',
    head: headProjection,
    base: baseProjection,
    baseState: base ? 'compared' : 'missing',
    errors: [],
    warnings: [],
    diff,
    gate
  }
}

function render(file: FileReport, maxChars = 65_536): string {
  const report = buildReport([file], {
    runDate: '2026-12-04',
    catalogAsOf: '2026-09-23',
    baseLabel: 'the merge base abc1234'
  })
  return renderMarkdown(report, { maxChars, marker: '<!-- marker -->' })
}

/** Splits a GFM table row into its cells, honouring `\|` escapes. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
}

describe('renderMarkdown', () => {
  it('says when no limit was checked', () => {
    const text = render(
      fileReport(undefined, [flatWorkload('chat', '1000000')])
    )
    // A new file: $0 at the base, 1,000,000 tokens at $1 per 1M at the head.
    expect(text.split('\n')[0]).toBe(
      '### ℹ️ No limits set: $0.00 → $1.00 a month (+$1.00, new)'
    )
  })

  it('leads with the verdict and the monthly total', () => {
    // $1.00 → $1.50: +$0.50, +50.0%, within a $2 budget.
    const text = render(
      fileReport(
        [flatWorkload('chat', '1000000')],
        [flatWorkload('chat', '1500000')],
        { monthly: f(2) }
      )
    )
    const lines = text.split('\n')
    expect(lines[0]).toBe(
      '### ✅ Within budget: $1.00 → $1.50 a month (+$0.50, +50.0%)'
    )
    expect(lines[2]).toBe(
      '`ai-usage.yml` compared with the merge base abc1234.'
    )
  })

  it('never shows a passing verdict for a failed check', () => {
    const file = fileReport(undefined, [flatWorkload('chat', '1000000')])
    const text = render({
      ...file,
      baseState: 'unavailable',
      diff: undefined,
      baseFailure: 'The base version of ai-usage.yml could not be read: 502'
    })
    const lines = text.split('\n')
    expect(lines[0]).toBe('### ❌ Check failed: $1.00 a month, not compared')
    expect(text).toContain(
      '**The step failed:** The base version of ai-usage.yml could not be read: 502'
    )
    expect(text).not.toContain('No limits set')
  })

  it('labels a new file and ends with the marker', () => {
    const text = render(
      fileReport(undefined, [flatWorkload('chat', '2000000')])
    )
    expect(text).toContain('(+$2.00, new)')
    expect(text.endsWith('<!-- marker -->\n')).toBe(true)
  })

  it('shows a failed budget with the limit and the mover', () => {
    const text = render(
      fileReport(
        [flatWorkload('chat', '1000000')],
        [flatWorkload('chat', '3000000')],
        {
          monthly: f(2)
        }
      )
    )
    // $1.00 → $3.00 is +$2.00, +200%.
    expect(text.split('\n')[0]).toBe(
      '### ❌ Over the limit: $1.00 → $3.00 a month (+$2.00, +200.0%)'
    )
    expect(text).toContain(
      '- ❌ fail: $3.00 is over the monthly budget of $2.00 by $1.00.'
    )
    expect(text).toContain(
      'The largest increase is workload "chat" (+$2.00 a month).'
    )
  })

  it('escapes names so tables, HTML and mentions stay inert', () => {
    const name = 'a|b <img src=x> @octocat #12'
    const text = render(fileReport(undefined, [flatWorkload(name, '1000000')]))
    const row = text.split('\n').find(line => line.startsWith('| a'))
    expect(row).toBeDefined()
    expect(cells(row ?? '')).toHaveLength(4)
    expect(text).not.toContain('<img')
    expect(text).not.toContain('@octocat')
    expect(text).not.toContain(' #12')
    expect(text).toContain('#\u200b12')
    expect(escapeCell('@team')).toBe('@\u200bteam')
  })

  it('keeps names from rendering as math', () => {
    // GitHub renders $…$ as LaTeX, which could paint a name green.
    const name = String.raw`$\color{green}\text{pass}$`
    expect(escapeCell(name)).toBe(
      String.raw`<span>$</span>\\color{green}\\text{pass}<span>$</span>`
    )
    const text = render(fileReport(undefined, [flatWorkload(name, '1000000')]))
    expect(text).not.toContain(String.raw`$\color`)
    expect(text).toContain(String.raw`<span>$</span>\\color`)
    // Amounts keep their plain dollar sign, and a digit after `$` does
    // not save a `$` that LaTeX follows.
    expect(escapeCell('$1,230.00 → +$2.5, ($3)')).toBe(
      '$1,230.00 → +$2.5, ($3)'
    )
    expect(escapeCell(String.raw`$1\color{red}x$5$`)).toBe(
      String.raw`<span>$</span>1\\color{red}x<span>$</span>5<span>$</span>`
    )
  })

  it('keeps every table row as wide as its header', () => {
    const text = render(
      fileReport(
        [flatWorkload('gone', '1000000'), flatWorkload('same', '1000000')],
        [flatWorkload('same', '1000000'), flatWorkload('added', '1000000')],
        { monthly: f(10), increaseMonthly: f(5) }
      )
    )
    const tables = text.split('\n\n').filter(block => block.startsWith('|'))
    expect(tables.length).toBeGreaterThan(1)
    for (const table of tables) {
      const rows = table.split('\n').filter(line => line.startsWith('|'))
      const width = cells(rows[0] ?? '').length
      for (const row of rows) expect(cells(row)).toHaveLength(width)
    }
  })

  it('cuts rows to fit the size limit and says so', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      flatWorkload(`workload-${i}`, '1000000')
    )
    const text = render(fileReport(undefined, many), 20_000)
    expect(text.length).toBeLessThanOrEqual(20_000)
    expect(text).toMatch(/\d+ more workload rows are omitted/)
    // The verdict and the total are never cut: 2,000 × $1 = $2,000.
    expect(text.split('\n')[0]).toBe(
      '### ℹ️ No limits set: $0.00 → $2,000.00 a month (+$2,000.00, new)'
    )
    expect(text.endsWith('<!-- marker -->\n')).toBe(true)
  })

  it('cuts one long warning', () => {
    const file = fileReport(undefined, [flatWorkload('chat', '1000000')])
    // 1,000 words of 5 characters: 5,000 characters, over the 2,000 kept.
    file.limitsWarning = 'word '.repeat(1000).trim()

    const cut = render(file)
    const full = renderMarkdown(
      buildReport([file], { runDate: '2026-12-04', catalogAsOf: '2026-09-23' }),
      { maxChars: Number.POSITIVE_INFINITY }
    )

    const item = cut.split('\n').find(line => line.startsWith('- ⚠️ word'))
    expect(item?.length).toBeLessThanOrEqual('- ⚠️ '.length + 2_000)
    expect(item).toMatch(
      / word … \(cut to fit the size limit; the JSON report has the full text\)$/
    )
    expect(full).toContain(`- ⚠️ ${file.limitsWarning}\n`)
  })

  it('cuts warnings and errors to the row limit', () => {
    const issue = (index: number, severity: 'error' | 'warning') => ({
      file: 'ai-usage.yml',
      line: index + 1,
      column: 1,
      path: `workloads[${index}]`,
      message: `problem number ${index} ${'z'.repeat(80)}`,
      fix: 'Fix it',
      severity
    })
    const warned = fileReport(undefined, [flatWorkload('chat', '1000000')])
    warned.warnings = Array.from({ length: 2000 }, (_, i) =>
      issue(i, 'warning')
    )
    const invalid: FileReport = {
      file: 'ai-usage.yml',
      baseState: 'missing',
      errors: Array.from({ length: 2000 }, (_, i) => issue(i, 'error')),
      warnings: []
    }

    const warnings = render(warned, 20_000)
    const errors = render(invalid, 20_000)

    expect(warnings.length).toBeLessThanOrEqual(20_000)
    expect(warnings).toMatch(/\d+ more warnings are omitted/)
    expect(errors.length).toBeLessThanOrEqual(20_000)
    expect(errors).toMatch(/\d+ more errors are omitted/)
    expect(errors).toContain('problem number 0 ')
  })

  it('cuts the end when sections have no row limit', () => {
    // One section per file and a row per file in the file table, 1,000
    // files: far more than 10,000 characters with no row to cut.
    const files = Array.from({ length: 1000 }, (_, i) => ({
      ...fileReport(undefined, [flatWorkload('chat', '1000000')]),
      file: `services/service-${i}/ai-usage.yml`
    }))
    const report = buildReport(files, {
      runDate: '2026-12-04',
      catalogAsOf: '2026-09-23'
    })

    const text = renderMarkdown(report, {
      maxChars: 10_000,
      marker: '<!-- marker -->',
      fullReportHint: 'See the job summary.'
    })

    expect(text.length).toBeLessThanOrEqual(10_000)
    // 1,000 files × $1 a month each = $1,000.
    expect(text.split('\n')[0]).toBe(
      '### ℹ️ No limits set: $0.00 → $1,000.00 a month (+$1,000.00, new)'
    )
    expect(text).toContain(
      "\n\nThe rest of this report is cut to fit GitHub's size limit. See the job summary.\n<!-- marker -->\n"
    )
  })

  it('asks for the full-report hint only when it cuts rows', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      flatWorkload(`workload-${i}`, '1000000')
    )
    let calls = 0
    const hint = (): string => {
      calls += 1
      return 'See the job summary.'
    }
    const report = buildReport([fileReport(undefined, many)], {
      runDate: '2026-12-04',
      catalogAsOf: '2026-09-23'
    })
    renderMarkdown(report, { maxChars: 1_000_000, fullReportHint: hint })
    expect(calls).toBe(0)
    const cut = renderMarkdown(report, {
      maxChars: 8_000,
      fullReportHint: hint
    })
    expect(calls).toBe(1)
    expect(cut).toMatch(
      /workload rows are omitted to fit GitHub's size limit\. See the job summary\./
    )
  })

  it('cuts rows to fit a size in bytes', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      flatWorkload(`workload-${i}`, '1000000')
    )
    const report = buildReport([fileReport(undefined, many)], {
      runDate: '2026-12-04',
      catalogAsOf: '2026-09-23'
    })
    const full = renderMarkdown(report, { maxChars: Number.POSITIVE_INFINITY })
    const bytes = Buffer.byteLength(full, 'utf8')
    // The verdict's emoji and the arrows take several bytes each.
    expect(bytes).toBeGreaterThan(full.length)

    // Exactly the full size in bytes fits; one byte less cuts rows, even
    // though the text has fewer characters than that.
    const exact = { maxChars: Number.POSITIVE_INFINITY, maxBytes: bytes }
    expect(renderMarkdown(report, exact)).toBe(full)
    const cut = renderMarkdown(report, { ...exact, maxBytes: bytes - 1 })
    expect(full.length).toBeLessThan(bytes - 1)
    expect(cut).toMatch(/more workload rows are omitted/)
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(bytes - 1)
  })

  it('tells whether it cut rows', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      flatWorkload(`workload-${i}`, '1000000')
    )
    const report = buildReport([fileReport(undefined, many)], {
      runDate: '2026-12-04',
      catalogAsOf: '2026-09-23'
    })
    const whole = renderMarkdownWithCut(report, {
      maxChars: Number.MAX_SAFE_INTEGER
    })
    expect(whole.cut).toBe(false)
    const cut = renderMarkdownWithCut(report, { maxChars: 8_000 })
    expect(cut.cut).toBe(true)
    expect(cut.text.length).toBeLessThanOrEqual(8_000)
    expect(renderMarkdown(report, { maxChars: 8_000 })).toBe(cut.text)
  })

  it('fits a long hint at every size limit', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      flatWorkload(`workload-${i}`, '1000000')
    )
    const report = buildReport([fileReport(undefined, many)], {
      runDate: '2026-12-04',
      catalogAsOf: '2026-09-23'
    })
    // The hint is long enough to push a cut that fits without it over the
    // limit, at some of the limits below.
    const hint = 'x'.repeat(3_000)
    const full = renderMarkdown(report, { maxChars: Number.MAX_SAFE_INTEGER })
    for (let maxChars = 12_000; maxChars < full.length; maxChars += 1_777) {
      const text = renderMarkdown(report, {
        maxChars,
        fullReportHint: () => hint
      })
      expect(text.length).toBeLessThanOrEqual(maxChars)
      expect(text).toContain(hint)
    }
  })

  it('cuts rows of a report without a base', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      flatWorkload(`workload-${i}`, '1000000')
    )
    const head = projectCost(usage(many), flat, '2026-12-04')
    const file: FileReport = {
      file: 'ai-usage.yml',
      head,
      baseState: 'none',
      errors: [],
      warnings: [],
      gate: { result: 'pass', checks: [] }
    }
    const report = buildReport([file], {
      runDate: '2026-12-04',
      catalogAsOf: '2026-09-23',
      noComparisonReason: 'a schedule run checks budgets only'
    })
    const text = renderMarkdown(report, { maxChars: 20_000 })
    expect(text.length).toBeLessThanOrEqual(20_000)
    // The search keeps as many rows as fit: a row is under 50 characters,
    // so one more would pass the limit.
    expect(text.length).toBeGreaterThan(20_000 - 50)

    const shown = text
      .split('\n')
      .filter(line => line.startsWith('| workload-'))
    const omitted = Number(
      /(\d+) more workload rows are omitted/.exec(text)?.[1]
    )
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.length + omitted).toBe(2000)
    // Every row costs $1: 1,000,000 input tokens at $1 per 1M.
    expect(shown[0]).toBe('| workload-0 | flat | $1.00 | input 100% |')
  })

  it('names the gated high estimate on the first line', () => {
    const scenario = SCENARIOS.find(s => s.name === 'approved-high-estimate')
    if (!scenario) throw new Error('no approved scenario')
    const text = renderMarkdown(buildScenarioReport(scenario), {
      maxChars: 65_536,
      key: 'support'
    })
    const lines = text.split('\n')
    // $2,076.70 → $2,164.70 is +$88.00, +4.2%; the high estimate of the
    // head is $307.50 + $1,681.20 + $336 = $2,324.70 (see scenarios.ts).
    expect(lines[0]).toBe(
      '### ⚠️ Over the limit, approved by the label `cost-approved`: $2,076.70 → $2,164.70 a month (+$88.00, +4.2%); limits checked on the high estimate $2,324.70'
    )
    expect(lines[2]).toBe(
      '`ai-usage.yml`, key `support`, compared with the merge base 1a2b3c4.'
    )
    expect(text).toContain('| Monthly budget | $2,250.00 | $2,324.70 (high) |')
  })

  it('leaves out the high estimate with the expected gate', () => {
    const scenario = SCENARIOS.find(s => s.name === 'increase-over-limit')
    if (!scenario) throw new Error('no increase scenario')
    const text = renderMarkdown(buildScenarioReport(scenario), {
      maxChars: 65_536
    })
    expect(text).not.toContain('high estimate')
    expect(text).not.toContain('(high)')
  })

  it('hides a peak month that equals month 1', () => {
    const text = render(
      fileReport(
        [flatWorkload('chat', '1000000')],
        [flatWorkload('chat', '2000000')]
      )
    )
    expect(text).not.toContain('| Peak month |')
    expect(text).toContain(
      'no month of the 12 costs more than month 1, so no peak month is shown'
    )
  })

  it('shows the peak month of a growing workload', () => {
    const growing = workload('chat', 'flat', {
      input: '1000000',
      output: '0',
      requests: { unit: 'per-month', value: f(1), growth: f(1, 10) }
    })
    const text = render(
      fileReport([flatWorkload('chat', '1000000')], [growing])
    )
    // Month 12 is $1 × 1.1^11 = $2.853116706…, shown as $2.85; +$1.85 and
    // +185.3% on the base's $1.00.
    expect(text).toContain('| Peak month | $1.00 | $2.85 | +$1.85, +185.3% |')
    expect(text).toContain('peak month is the most expensive of the 12')
  })

  it('shows usage just over a budget as over 100%', () => {
    // 1,277,500,000 tokens at $1 per 1M is $1,277.50, over $1,277.49 by
    // $0.01: 1.0000078… of it, 100.001% to three places.
    const text = render(
      fileReport(undefined, [flatWorkload('chat', '1277500000')], {
        monthly: f('1277.49')
      })
    )
    expect(text).toContain(
      '| Monthly budget | $1,277.49 | $1,277.50 | 100.001% | ❌ fail |'
    )
  })

  it('names the largest increase once', () => {
    const text = render(
      fileReport(
        [flatWorkload('chat', '1000000')],
        [flatWorkload('chat', '3000000')],
        { monthly: f(2), increaseMonthly: f(1), increasePercent: f('0.5') }
      )
    )
    // Three limits fail: $3 over $2, +$2 over $1, +200% over 50%.
    expect(text.match(/❌ fail: /g)).toHaveLength(3)
    expect(text.match(/largest increase/gi)).toHaveLength(1)
  })

  it('footnotes a change rounded apart from its figures', () => {
    // 1,351,137,500 and 1,364,872,500 tokens at $1 per 1M: $1,351.1375 and
    // $1,364.8725, shown as $1,351.14 and $1,364.87, whose difference is
    // $13.73, while the exact change $13.735 rounds half up to $13.74.
    const text = render(
      fileReport(
        [flatWorkload('chat', '1351137500')],
        [flatWorkload('chat', '1364872500')]
      )
    )
    expect(text.split('\n')[0]).toContain(
      '$1,351.14 → $1,364.87 a month (+$13.74, +1.0%)'
    )
    expect(text).toContain(ROUNDING_NOTE)
  })

  it('has no rounding footnote when the sums agree', () => {
    const text = render(
      fileReport(
        [flatWorkload('chat', '1000000')],
        [flatWorkload('chat', '1500000')]
      )
    )
    expect(text).not.toContain(ROUNDING_NOTE)
  })

  it('gives no percent of a base that shows as $0.00', () => {
    // 10 tokens at $1 per 1M is $0.00001, shown as $0.00; 1,000,000 is $1.
    const text = render(
      fileReport(
        [flatWorkload('chat', '10')],
        [flatWorkload('chat', '1000000')]
      )
    )
    expect(text.split('\n')[0]).toBe(
      '### ℹ️ No limits set: $0.00 → $1.00 a month (+$1.00)'
    )
  })

  describe('chart option', () => {
    const two = fileReport(
      [flatWorkload('a', '1000000'), flatWorkload('b', '1000000')],
      [flatWorkload('a', '2000000'), flatWorkload('b', '1000000')]
    )
    const one = fileReport(undefined, [flatWorkload('a', '1000000')])
    const report = (file: FileReport) =>
      buildReport([file], { runDate: '2026-12-04', catalogAsOf: '2026-09-23' })

    it.each([
      ['auto', two, true],
      ['auto', one, false],
      ['on', one, true],
      ['off', two, false]
    ] as const)('%s draws a chart: %s', (chart, file, expected) => {
      const text = renderMarkdown(report(file), { maxChars: 65_536, chart })
      expect(text.includes('```mermaid\n')).toBe(expected)
    })

    it('leaves out the chart before any row', () => {
      const many = Array.from({ length: 300 }, (_, i) =>
        flatWorkload(`workload-${i}`, '1000000')
      )
      const whole = report(fileReport(undefined, many))
      const withChart = renderMarkdown(whole, {
        maxChars: Number.POSITIVE_INFINITY,
        chart: 'on'
      })
      const withoutChart = renderMarkdown(whole, {
        maxChars: Number.POSITIVE_INFINITY,
        chart: 'off'
      })
      // The chart of 300 bars takes far more than the note in its place.
      const note = "The chart is left out to fit GitHub's size limit."
      const maxChars = withoutChart.length + note.length + 2
      expect(maxChars).toBeLessThan(withChart.length)

      const text = renderMarkdown(whole, { maxChars, chart: 'on' })

      expect(text).not.toContain('```mermaid')
      expect(text).toContain(note)
      expect(text).not.toMatch(/omitted/)
      expect(
        text.split('\n').filter(l => l.startsWith('| workload-'))
      ).toHaveLength(300)
    })

    it('drops the chart when rows are cut', () => {
      const many = Array.from({ length: 300 }, (_, i) =>
        flatWorkload(`workload-${i}`, '1000000')
      )
      const text = renderMarkdown(report(fileReport(undefined, many)), {
        maxChars: 8_000,
        chart: 'on'
      })
      expect(text).toMatch(/more workload rows are omitted/)
      expect(text).not.toContain('```mermaid')
    })
  })
})
