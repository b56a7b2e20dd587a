import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/analyze.js'
import { diffProjections } from '../../src/cost/diff.js'
import { evaluateGates, type GateLimits } from '../../src/cost/gate.js'
import { projectCost } from '../../src/cost/project.js'
import { escapeCell } from '../../src/render/escape.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import type { FileReport } from '../../src/report.js'
import type { Workload } from '../../src/config/types.js'
import { catalog, f, model, usage, workload } from '../cost/build.js'

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
      '- ❌ fail: $3.00 is over the monthly budget of $2.00 by $1.00; the largest increase is workload "chat" (+$2.00 a month).'
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
