import { describe, expect, it } from 'vitest'
import { analyzeFile, buildReport } from '../../src/analyze.js'
import Fraction from 'fraction.js'
import type { GateCheck } from '../../src/cost/gate.js'
import { renderAttributionMarkdown } from '../../src/render/attribution.js'
import { renderBudgets } from '../../src/render/budgets.js'
import { toJsonReport } from '../../src/render/json.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { renderRoutesMarkdown } from '../../src/render/routes.js'
import { renderSuggestionsMarkdown } from '../../src/render/suggestions.js'
import { renderText } from '../../src/render/text.js'
import type { FileReport, Report } from '../../src/report.js'
import { RUN_DATE, TEST_CATALOG } from '../cost/prices.js'

// Base: chat on nano, "simple", 1M requests: 102.50 a month.
// Head: chat moves to routes, 80% nano (0.8 × 102.50 = 82) and 20% opus
// (0.2 × 2,250 = 450), 532 in all; a new workload "a|b" on think with
// 1,000 requests: 2.40 (2.40 per 1,000 at ×5 reasoning, 1.60 to 4.40).
const BASE = [
  'version: 1',
  'workloads:',
  '  - name: chat',
  '    model: nano',
  '    profile: simple',
  '    requests: { per-month: 1000000 }'
].join('\n')

const HEAD = [
  'version: 1',
  'workloads:',
  '  - name: chat',
  '    routes:',
  '      - { model: nano, share: 80% }',
  '      - { model: opus, share: 20% }',
  '    profile: simple',
  '    requests: { per-month: 1000000 }',
  '  - name: a|b',
  '    model: think',
  '    profile: simple',
  '    requests: { per-month: 1000 }'
].join('\n')

function analyze(base: string, head: string): FileReport {
  return analyzeFile(
    'ai-usage.yml',
    head,
    { state: 'found', text: base },
    {
      catalog: TEST_CATALOG,
      runDate: RUN_DATE,
      budgetSource: 'head',
      overrides: {},
      gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' }
    }
  )
}

function report(file: FileReport): Report {
  return buildReport([file], {
    runDate: RUN_DATE,
    catalogAsOf: TEST_CATALOG.asOf,
    baseLabel: 'the merge base abc1234'
  })
}

/** Splits a GFM table row into its cells, honouring `\|` escapes. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map(cell => cell.trim())
}

/** Checks that every row of each table has the header's number of cells. */
function expectWellFormedTables(markdown: string): void {
  const lines = markdown.split('\n')
  let columns = 0
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = 0
      continue
    }
    const count = cells(line).length
    if (columns === 0) columns = count
    expect(count, line).toBe(columns)
  }
}

describe('budgets section', () => {
  function budgetRow(check: Partial<GateCheck>): string[] {
    const table = renderBudgets([
      {
        kind: 'budget',
        limit: 'monthly budget',
        yamlPath: ['budgets', 'monthly'],
        limitValue: new Fraction(0),
        figure: new Fraction(0),
        status: 'fail',
        message: 'message',
        ...check
      }
    ])
    return cells(table.split('\n')[2] ?? '')
  }

  it('tells a figure from its limit', () => {
    // 102.5000001 / 102.50 = 1.000000000976, which is 100.0000000976%: six
    // decimals still read 100.000000%, so the Used column shows "> 100.0%".
    const row = budgetRow({
      limitValue: new Fraction('102.5'),
      figure: new Fraction('102.5000001')
    })
    expect(row.slice(1, 4)).toEqual(['$102.50', '$102.5000001', '> 100.0%'])
  })

  it('tells a tiny increase from a 0% limit', () => {
    // A ratio of 1/10^7 is 0.00001%, over a limit of 0%.
    const row = budgetRow({
      kind: 'increase',
      limit: 'monthly increase limit in percent',
      limitValue: new Fraction(0),
      figure: new Fraction(1, 10_000_000)
    })
    expect(row.slice(1, 3)).toEqual(['0.0%', '+0.00001%'])
  })
})

describe('attribution section', () => {
  const file = analyze(BASE, HEAD)

  it('cuts workloads to the row limit on every call', () => {
    const full = renderAttributionMarkdown(file)
    const cut = renderAttributionMarkdown(file, 1).split('\n')
    expect(cells(cut[4] ?? '')[0]).toBe('chat')
    expect(cells(cut[5] ?? '')[0]).toBe('**Total**')
    expect(cut[7]).toBe("1 more row is omitted to fit GitHub's size limit.")
    expect(renderAttributionMarkdown(file)).toBe(full)
  })

  it('renders each workload and the total', () => {
    // chat: 102.50 → 532, a model change of +429.50; a|b is new: volume
    // +2.40. Total +431.90.
    const markdown = renderAttributionMarkdown(file)
    const lines = markdown.split('\n')
    expect(lines[0]).toBe('**Why the cost changed**')
    expect(cells(lines[2] ?? '')).toEqual([
      'Workload',
      'Price',
      'Model',
      'Tokens',
      'Volume',
      'Discounts',
      'Change'
    ])
    expect(cells(lines[4] ?? '')).toEqual([
      'chat',
      '–',
      '+$429.50',
      '–',
      '–',
      '–',
      '+$429.50'
    ])
    expect(cells(lines[5] ?? '')).toEqual([
      'a&#124;b',
      '–',
      '–',
      '–',
      '+$2.40',
      '–',
      '+$2.40'
    ])
    expect(cells(lines[6] ?? '')).toEqual([
      '**Total**',
      '–',
      '+$429.50',
      '–',
      '+$2.40',
      '–',
      '+$431.90'
    ])
    expectWellFormedTables(markdown)
  })

  it('cuts rows to the limit', () => {
    const markdown = renderAttributionMarkdown(file, 1)
    expect(markdown).toContain('| chat |')
    expect(markdown).not.toContain('a&#124;b')
    expect(markdown).toContain(
      "1 more row is omitted to fit GitHub's size limit."
    )
  })

  it('is empty without a change', () => {
    expect(renderAttributionMarkdown(analyze(BASE, BASE))).toBe('')
  })

  it('appears in the text report', () => {
    const text = renderText(report(file))
    expect(text).toContain('    chat      model +$429.50\n')
    expect(text).toContain('    a|b       volume +$2.40\n')
  })

  it('appears in the JSON report', () => {
    const json = toJsonReport(report(file)) as {
      files: { attribution: Record<string, unknown> }[]
    }
    expect(json.files[0]?.attribution).toEqual({
      factors: ['price', 'model', 'tokens', 'volume', 'discounts'],
      monthly: {
        price: '0.00',
        model: '429.50',
        tokens: '0.00',
        volume: '2.40',
        discounts: '0.00'
      },
      // No growth and no dated price change: 12 times the monthly parts.
      annual: {
        price: '0.00',
        model: '5154.00',
        tokens: '0.00',
        volume: '28.80',
        discounts: '0.00'
      },
      workloads: [
        {
          name: 'chat',
          status: 'changed',
          monthly: {
            price: '0.00',
            model: '429.50',
            tokens: '0.00',
            volume: '0.00',
            discounts: '0.00'
          },
          annual: {
            price: '0.00',
            model: '5154.00',
            tokens: '0.00',
            volume: '0.00',
            discounts: '0.00'
          }
        },
        {
          name: 'a|b',
          status: 'added',
          monthly: {
            price: '0.00',
            model: '0.00',
            tokens: '0.00',
            volume: '2.40',
            discounts: '0.00'
          },
          annual: {
            price: '0.00',
            model: '0.00',
            tokens: '0.00',
            volume: '28.80',
            discounts: '0.00'
          }
        }
      ]
    })
  })
})

describe('routes section', () => {
  const file = analyze(BASE, HEAD)

  it('shows each route with its part of the blended cost', () => {
    // 82 of 532 is 15.4%; 450 of 532 is 84.6%.
    const markdown = renderRoutesMarkdown(file)
    expect(markdown.split('\n')).toEqual([
      '**Routes**',
      '',
      '| Workload | Model | Requests | Monthly | Cost share |',
      '|---|---|---:|---:|---:|',
      '| chat ($532.00) | nano | 80.0% | $82.00 | 15.4% |',
      '|  | opus | 20.0% | $450.00 | 84.6% |'
    ])
  })

  it('lists routes under the workload in the text report', () => {
    const text = renderText(report(file))
    expect(text).toContain(
      '       80.0%          $82.00  nano\n       20.0%         $450.00  opus\n'
    )
  })

  it('is empty without routes', () => {
    expect(renderRoutesMarkdown(analyze(BASE, BASE))).toBe('')
  })

  it('cuts workloads to the row limit on every call', () => {
    const full = renderRoutesMarkdown(file)
    const cut = renderRoutesMarkdown(file, 0).split('\n')
    expect(cut.slice(4)).toEqual([
      '',
      "1 more workload with routes is omitted to fit GitHub's size limit."
    ])
    expect(renderRoutesMarkdown(file)).toBe(full)
  })
})

describe('suggestions section', () => {
  const file = analyze(BASE, BASE)

  it('is collapsed and lists each saving', () => {
    // From the suggestion tests: nano-lite saves 93.50, batch 51.25.
    expect(renderSuggestionsMarkdown(file).split('\n')).toEqual([
      '<details><summary>Suggestions: up to $93.50 a month to save (information only)</summary>',
      '',
      '- **$93.50 a month**: Move workload "chat" from nano to nano-lite, the cheapest catalog model of the same family and reasoning mode: $9.00 a month instead of $102.50.',
      '- **$51.25 a month**: Send workload "chat" through the batch API if its responses can wait up to 24 hours. It sends none there now.',
      '',
      '</details>'
    ])
  })

  it('appears in every format', () => {
    const whole = report(file)
    expect(renderMarkdown(whole, { maxChars: 65_536 })).toContain(
      '<details><summary>Suggestions: up to $93.50'
    )
    expect(renderText(whole)).toContain(
      '    save $51.25 a month: Send workload "chat" through the batch API'
    )
    const json = toJsonReport(whole) as {
      files: { suggestions: Record<string, unknown>[] }[]
    }
    expect(json.files[0]?.suggestions[0]).toEqual({
      kind: 'model',
      workload: 'chat',
      provider: 'openai',
      model: { from: 'nano', to: 'nano-lite' },
      'monthly-saving': { low: '93.50', high: '93.50' },
      message:
        'Move workload "chat" from nano to nano-lite, the cheapest catalog model of the same family and reasoning mode: $9.00 a month instead of $102.50.'
    })
  })

  it('does not change the verdict', () => {
    const whole = report(file)
    expect(whole.result).toBe('pass')
  })
})

describe('ranges in the report', () => {
  const file = analyze(BASE, HEAD)

  it('gives each JSON workload row its range', () => {
    // a|b on think: 2.40 expected, 1.60 to 4.40 at ×3 and ×10.
    const json = toJsonReport(report(file)) as {
      files: { workloads: { name: string; 'monthly-range': unknown }[] }[]
    }
    const row = json.files[0]?.workloads.find(w => w.name === 'a|b')
    expect(row?.['monthly-range']).toEqual({
      expected: '2.40',
      low: '1.60',
      high: '4.40'
    })
  })

  it('shows the total range on the text headline', () => {
    // 534.40 expected; 532 + 1.60 = 533.60 to 532 + 4.40 = 536.40, from
    // the default reasoning range of ×3 to ×10.
    const text = renderText(report(file))
    expect(text.split('\n')[1]).toBe(
      'Monthly     $102.50 -> $534.40 (+$431.90, +421.4%) against the merge base abc1234 (range $533.60 to $536.40, reasoning ×3 to ×10)'
    )
  })

  it('keeps the whole comment well formed', () => {
    expectWellFormedTables(renderMarkdown(report(file), { maxChars: 65_536 }))
  })
})

describe('ranges in JSON rows', () => {
  it('leaves the range out where there is none', () => {
    // chat has no reasoning, so low, expected and high are all 532.
    const json = toJsonReport(report(analyze(BASE, HEAD))) as {
      files: { workloads: { name: string; 'monthly-range': unknown }[] }[]
    }
    const row = json.files[0]?.workloads.find(w => w.name === 'chat')
    expect(row?.['monthly-range']).toBeNull()
  })
})
