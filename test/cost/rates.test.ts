import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import { analyzeFile, buildReport } from '../../src/analyze.js'
import { listPriceChanges, listRatesUsed } from '../../src/cost/rates.js'
import { toJsonReport, type Json } from '../../src/render/json.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { renderRatesMarkdown } from '../../src/render/rates.js'
import { renderText } from '../../src/render/text.js'
import { loadCatalog } from '../../src/pricing/catalog.js'
import { loadPricingFile } from '../../src/pricing/pricing-file.js'
import type { FileReport } from '../../src/report.js'
import { RUN_DATE, TEST_CATALOG, priceYaml } from './prices.js'

// The rates a projection charges, with the test catalog (prices.ts). Month
// 1 starts on 2026-12-04 and month 2 on 2027-01-01, when flash's price
// changes from 0.75 / 3.75 to 1.50 / 7.50.

const f = (value: string | number) => new Fraction(value)

function usageFile(workloads: string[][]): string[] {
  return [
    'version: 1',
    'workloads:',
    ...workloads.flatMap(lines =>
      lines.map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`))
    )
  ]
}

function workload(name: string, model: string, input: number): string[] {
  return [
    `name: ${name}`,
    `model: ${model}`,
    `tokens: { input: ${input}, output: 1000 }`,
    'requests: { per-month: 1000 }'
  ]
}

function analyze(lines: string[]): FileReport {
  return analyzeFile(
    'ai-usage.yml',
    lines.join('\n'),
    { state: 'none' },
    {
      catalog: TEST_CATALOG,
      runDate: RUN_DATE,
      budgetSource: 'head',
      overrides: {},
      gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' }
    }
  )
}

function report(file: FileReport) {
  return buildReport([file], {
    runDate: RUN_DATE,
    catalogAsOf: TEST_CATALOG.asOf
  })
}

describe('listRatesUsed', () => {
  it('lists long-context rates for the workloads that pay them', () => {
    // opus is priced at 10 / 37.50 above 200,000 input tokens.
    const projection = priceYaml(
      usageFile([
        workload('chat', 'opus', 2000),
        workload('docs', 'opus', 250000),
        workload('scan', 'opus', 300000)
      ])
    )
    const rows = listRatesUsed(projection)
    expect(rows.map(r => [r.model.id, r.longContext?.threshold])).toEqual([
      ['opus', undefined],
      ['opus', 200000]
    ])
    const [standard, long] = rows
    expect(standard?.workloads).toEqual(['chat'])
    expect(standard?.rates.input.toFraction()).toBe('5')
    expect(standard?.rates.output.toFraction()).toBe('25')
    expect(long?.workloads).toEqual(['docs', 'scan'])
    expect(long?.longContext?.inclusive).toBe(false)
    expect(long?.rates.input.toFraction()).toBe('10')
    expect(long?.rates.cachedInput?.toFraction()).toBe('1')
    expect(long?.rates.cacheWrite5m?.toFraction()).toBe('25/2')
    expect(long?.rates.cacheWrite1h?.toFraction()).toBe('20')
    expect(long?.rates.output.toFraction()).toBe('75/2')
    expect([long?.firstMonth, long?.lastMonth]).toEqual([1, 12])
    expect(long?.from).toBe('2025-01-01')
  })

  it('lists only the tier that is charged', () => {
    const projection = priceYaml(usageFile([workload('docs', 'opus', 250000)]))
    const rows = listRatesUsed(projection)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.longContext?.threshold).toBe(200000)
  })

  it('scales a missing long-context write price', () => {
    // sol writes at 5 for 5m below 272,000 tokens and has no long-context
    // write price, so the premium scales with input: 5 × 8 / 4 = 10.
    const projection = priceYaml(usageFile([workload('docs', 'sol', 300000)]))
    const [row] = listRatesUsed(projection)
    expect(row?.rates.cacheWrite5m?.toFraction()).toBe('10')
    expect(row?.rates.cacheWrite1h).toBeUndefined()
  })

  it('counts exactly the threshold where it is inclusive', () => {
    // grok charges 2.50 / 5 from 200,000 input tokens on.
    const projection = priceYaml(usageFile([workload('docs', 'grok', 200000)]))
    const [row] = listRatesUsed(projection)
    expect(row?.longContext).toEqual({ threshold: 200000, inclusive: true })
    expect(row?.rates.input.toFraction()).toBe('5/2')
  })

  it('lists each dated entry with its months', () => {
    const projection = priceYaml(usageFile([workload('chat', 'flash', 1000)]))
    const rows = listRatesUsed(projection)
    expect(
      rows.map(r => [r.from, r.firstMonth, r.lastMonth, r.rates.input])
    ).toEqual([
      ['2025-01-01', 1, 1, f('0.75')],
      ['2027-01-01', 2, 12, f('1.5')]
    ])
  })
})

describe('rate sources', () => {
  it('names the usage file for models: prices, undated', () => {
    const projection = priceYaml([
      ...usageFile([workload('chat', 'acme-ft', 1000)]),
      'models:',
      '  acme-ft: { provider: openai, input: 1, output: 2 }'
    ])
    const [row] = listRatesUsed(projection)
    expect(row?.source).toBe('usage file')
    expect(row?.from).toBeUndefined()
    expect([row?.firstMonth, row?.lastMonth]).toEqual([1, 12])
  })

  it('names the pricing file that set the prices', () => {
    const catalog = loadPricingFile(
      TEST_CATALOG,
      'models:\n  - id: nano\n    prices: [{ input: 0.40 }]\n',
      'prices.yml'
    ).catalog
    const projection = priceYaml(
      usageFile([workload('chat', 'nano', 1000)]),
      catalog
    )
    const [row] = listRatesUsed(projection)
    // The file sets input alone; nano's other rates are the catalog's.
    expect(row?.source).toBe(
      'pricing file prices.yml (input), catalog (cached input, output, batch discount)'
    )
    expect(row?.rates.input.toFraction()).toBe('2/5')
  })

  it('names each layer with its rates', () => {
    // The LiteLLM file sets input 2.70, models: sets output 12, and the
    // catalog keeps claude-sonnet-4.6's cached input, writes and batch.
    const pricing = loadPricingFile(
      loadCatalog(),
      JSON.stringify({
        'claude-sonnet-4-6': { input_cost_per_token: 2.7e-6, mode: 'chat' }
      }),
      'prices.json'
    )
    const projection = priceYaml(
      [
        ...usageFile([workload('chat', 'claude-sonnet-4.6', 1000)]),
        'models:',
        '  claude-sonnet-4.6: { output: 12 }'
      ],
      pricing.catalog
    )
    const [row] = listRatesUsed(projection)
    expect(row?.rates.input.toFraction()).toBe('27/10')
    expect(row?.rates.output.toFraction()).toBe('12')
    expect(row?.source).toBe(
      'usage file (output), pricing file prices.json (input), catalog (cached input, 5m cache write, 1h cache write, batch discount)'
    )
  })

  it('names the layers of long-context rates', () => {
    // Above 128k the LiteLLM entry sets input 1.00; the tier's output is
    // the entry's own 3.00, and its cached input the catalog's 0.075.
    const pricing = loadPricingFile(
      loadCatalog(),
      JSON.stringify({
        'gpt-5.4-mini': {
          input_cost_per_token: 5e-7,
          output_cost_per_token: 3e-6,
          input_cost_per_token_above_128k_tokens: 1e-6,
          mode: 'chat'
        }
      }),
      'prices.json'
    )
    const projection = priceYaml(
      usageFile([workload('long', 'gpt-5.4-mini', 250000)]),
      pricing.catalog
    )
    const [row] = listRatesUsed(projection)
    expect(row?.longContext?.threshold).toBe(128000)
    expect(row?.rates.input.toFraction()).toBe('1')
    expect(row?.rates.output.toFraction()).toBe('3')
    expect(row?.rates.cachedInput?.toFraction()).toBe('3/40')
    expect(row?.source).toBe(
      'pricing file prices.json (input, output), catalog (cached input, batch discount)'
    )
  })

  it('names the usage file for a models: tier', () => {
    // The tier of models: sets input and output above 128k; gpt-5.4-mini
    // has no tier in the catalog, so only its batch discount is the catalog's.
    const projection = priceYaml(
      [
        ...usageFile([workload('long', 'gpt-5.4-mini', 250000)]),
        'models:',
        '  gpt-5.4-mini:',
        '    long-context: { threshold: 128000, input: 1.5, output: 6 }'
      ],
      loadCatalog()
    )
    const [row] = listRatesUsed(projection)
    expect(row?.longContext?.threshold).toBe(128000)
    expect(row?.rates.input.toFraction()).toBe('3/2')
    expect(row?.source).toBe(
      'usage file (input, output), catalog (batch discount)'
    )
  })
})

describe('listPriceChanges', () => {
  it('announces a change within the projection', () => {
    const projection = priceYaml(usageFile([workload('chat', 'flash', 1000)]))
    const changes = listPriceChanges(listRatesUsed(projection))
    expect(changes).toHaveLength(1)
    expect(changes[0]?.message).toBe(
      'flash: price changes to 1.50 / 7.50 per 1M on 2027-01-01 (from 0.75 / 3.75), which prices months 2 to 12'
    )
  })

  it('stays quiet without a change', () => {
    const projection = priceYaml(usageFile([workload('chat', 'opus', 1000)]))
    expect(listPriceChanges(listRatesUsed(projection))).toEqual([])
  })

  it('stays quiet once the change is in force', () => {
    // Month 1 is 2027-01-01 itself, so the new price applies from month 1.
    const projection = priceYaml(
      usageFile([workload('chat', 'flash', 1000)]),
      TEST_CATALOG,
      '2027-01-01'
    )
    expect(listPriceChanges(listRatesUsed(projection))).toEqual([])
  })
})

describe('rates in the report', () => {
  // docs: 1,000 requests of 250,000 input and 1,000 output tokens on opus,
  // above its threshold: 1,000 × (250,000 × 10 + 1,000 × 37.50) / 1M =
  // 2,537.50. A reviewer who redoes the sum from the table needs 10 / 37.50.
  // chat on flash: 1,000 × (1,000 × 0.75 + 1,000 × 3.75) / 1M = 4.50 in
  // month 1, then 9.00.
  const file = analyze(
    usageFile([
      workload('docs', 'opus', 250000),
      workload('chat', 'flash', 1000)
    ])
  )

  it('charges the long-context rates', () => {
    expect(file.head?.workloads[0]?.monthly.expected.toFraction()).toBe(
      '5075/2'
    )
  })

  it('renders the rates table with tiers and dates', () => {
    expect(renderRatesMarkdown(file).split('\n')).toEqual([
      '**Price changes in the next 12 months**',
      '',
      '- flash: price changes to 1.50 / 7.50 per 1M on 2027-01-01 (from 0.75 / 3.75), which prices months 2 to 12',
      '',
      '<details><summary>Rates used, USD per 1M tokens</summary>',
      '',
      '| Model | Input | Cached input | Cache write | Output | Batch discount | In force | Workloads | Source |',
      '|---|---:|---:|---:|---:|---:|---|---|---|',
      '| opus above 200,000 input tokens | 10.00 | 1.00 | 12.50 (5m), 20.00 (1h) | 37.50 | 50.0% | months 1–12, prices of 2025-01-01 | docs | catalog |',
      '| flash | 0.75 |  |  | 3.75 | 50.0% | month 1, prices of 2025-01-01 | chat | catalog |',
      '| flash | 1.50 |  |  | 7.50 | 50.0% | months 2–12, prices of 2027-01-01 | chat | catalog |',
      '',
      '</details>'
    ])
  })

  it('puts the section in the comment', () => {
    const markdown = renderMarkdown(report(file), { maxChars: 65_536 })
    expect(markdown).toContain('**Price changes in the next 12 months**')
    expect(markdown).toContain('| opus above 200,000 input tokens | 10.00 |')
  })

  it('prints rates and changes in the text report', () => {
    const lines = renderText(report(file)).split('\n')
    expect(lines).toContain(
      '  note: flash: price changes to 1.50 / 7.50 per 1M on 2027-01-01 (from 0.75 / 3.75), which prices months 2 to 12'
    )
    expect(lines).toContain('  Rates used, USD per 1M tokens:')
    expect(lines).toContain(
      '    opus above 200,000 input tokens: input 10.00, cached input 1.00, cache write 12.50 (5m), 20.00 (1h), output 37.50, batch discount 50.0%; months 1–12, prices of 2025-01-01; docs'
    )
  })

  it('adds rates and changes to the JSON report', () => {
    const json = toJsonReport(report(file)) as {
      files: Record<string, Json>[]
    }
    const entry = json.files[0] ?? {}
    expect(entry['rates']).toEqual([
      {
        model: 'opus',
        'long-context': { threshold: 200000, inclusive: false },
        from: '2025-01-01',
        months: [1, 12],
        input: '10.00',
        'cached-input': '1.00',
        'cache-write-5m': '12.50',
        'cache-write-1h': '20.00',
        output: '37.50',
        'batch-discount': '0.5000',
        workloads: ['docs'],
        source: 'catalog'
      },
      {
        model: 'flash',
        'long-context': null,
        from: '2025-01-01',
        months: [1, 1],
        input: '0.75',
        'cached-input': null,
        'cache-write-5m': null,
        'cache-write-1h': null,
        output: '3.75',
        'batch-discount': '0.5000',
        workloads: ['chat'],
        source: 'catalog'
      },
      {
        model: 'flash',
        'long-context': null,
        from: '2027-01-01',
        months: [2, 12],
        input: '1.50',
        'cached-input': null,
        'cache-write-5m': null,
        'cache-write-1h': null,
        output: '7.50',
        'batch-discount': '0.5000',
        workloads: ['chat'],
        source: 'catalog'
      }
    ])
    expect(entry['price-changes']).toEqual([
      {
        model: 'flash',
        date: '2027-01-01',
        months: [2, 12],
        input: '1.50',
        output: '7.50',
        'previous-input': '0.75',
        'previous-output': '3.75',
        message:
          'flash: price changes to 1.50 / 7.50 per 1M on 2027-01-01 (from 0.75 / 3.75), which prices months 2 to 12'
      }
    ])
  })

  it('gives JSON routes the rates charged in month 1', () => {
    const json = toJsonReport(report(file)) as {
      files: { workloads: { routes: Record<string, Json>[] }[] }[]
    }
    const route = json.files[0]?.workloads[0]?.routes[0]
    expect(route?.['rates']).toEqual({
      input: '10.00',
      output: '37.50',
      'cached-input': '1.00',
      'long-context': true
    })
  })
})
