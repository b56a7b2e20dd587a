import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import { projectCost } from '../../src/cost/project.js'
import {
  MAX_SUGGESTIONS,
  suggestSavings,
  type Suggestion
} from '../../src/cost/suggestions.js'
import { RUN_DATE, TEST_CATALOG } from './prices.js'

// Savings are month 1's expected cost now minus the cost with the change, at
// the prices of the test catalog (prices.ts). nano with "simple" (200 input,
// 50 output tokens) and 1M requests a month costs 40 + 62.50 = 102.50.

function suggest(workloads: string[][], extra: string[] = []): Suggestion[] {
  const text = [
    'version: 1',
    'workloads:',
    ...workloads.flatMap(lines =>
      lines.map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`))
    ),
    ...extra
  ].join('\n')
  const { config } = parseUsageFile(text, 'ai-usage.yml')
  const projection = projectCost(config, TEST_CATALOG, RUN_DATE)
  return suggestSavings(config, projection, TEST_CATALOG, RUN_DATE)
}

/** Writes each suggestion as `kind workload: saving` with exact fractions. */
function show(suggestions: Suggestion[]): string[] {
  return suggestions.map(s => {
    const { low, high } = s.saving
    const saving = low.equals(high)
      ? low.toFraction()
      : `${low.toFraction()}..${high.toFraction()}`
    return `${s.kind} ${s.workload ?? s.provider ?? ''}: ${saving}`
  })
}

const NANO = [
  'name: chat',
  'model: nano',
  'profile: simple',
  'requests: { per-month: 1000000 }'
]

describe('suggestSavings', () => {
  it('suggests the cheapest model of the family and the batch API', () => {
    // nano-lite: 200M × 0.02/1M + 50M × 0.10/1M = 4 + 5 = 9, saving 93.50
    // (nano-old would cost 10 + 20 = 30, and nano-retired is retired).
    // Batch: 102.50 × 50% = 51.25.
    const suggestions = suggest([NANO])
    expect(show(suggestions)).toEqual([
      'model chat: 187/2',
      'batch chat: 205/4'
    ])
    expect(suggestions[0]?.model).toEqual({ from: 'nano', to: 'nano-lite' })
    expect(suggestions[0]?.message).toBe(
      'Move workload "chat" from nano to nano-lite, the cheapest catalog model of the same family and reasoning mode: $9.00 a month instead of $102.50.'
    )
    expect(suggestions[1]?.message).toBe(
      'Send workload "chat" through the batch API if its responses can wait up to 24 hours. It sends none there now.'
    )
  })

  it('skips a model without the batch API the workload uses', () => {
    // Half batch: factor 1 − 0.5 × 0.5 = 0.75. nano: 76.875; nano-lite has
    // no batch API; nano-old: 30 × 0.75 = 22.50; saving 54.375.
    expect(show(suggest([[...NANO, 'batch: 50%']]))).toEqual([
      'model chat: 435/8'
    ])
  })

  it('skips a model whose context window is too small', () => {
    // 10,000 input tokens do not fit nano-lite's 8,000. 1,000 requests:
    // nano 10M × 0.20/1M + 50k × 1.25/1M = 2.0625; nano-old 0.50 + 0.02 =
    // 0.52, saving 1.5425. Batch: 2.0625 / 2 = 1.03125. Caching half of
    // the input: 2 × 0.5 × (1 − 0.02 / 0.20) = 0.90.
    const suggestions = suggest([
      [
        'name: docs',
        'model: nano',
        'tokens: { input: 10000, output: 50 }',
        'requests: { per-month: 1000 }'
      ]
    ])
    expect(show(suggestions)).toEqual([
      'model docs: 617/400',
      'batch docs: 33/32',
      'caching docs: 9/10'
    ])
    expect(suggestions[2]?.message).toBe(
      'Cache the prompt of workload "docs", which sends 10,000 input tokens a request uncached. The saving assumes that 50% of them are a shared prefix read from the cache, and leaves out the cost of cache writes.'
    )
  })

  it('keeps the reasoning mode of the model', () => {
    // think-lite is cheaper but does not reason, so only batch remains:
    // think costs 2,400 (reasoning ×5), half of it is 1,200.
    const suggestions = suggest([
      [
        'name: review',
        'model: think',
        'profile: simple',
        'requests: { per-month: 1000000 }'
      ]
    ])
    expect(show(suggestions)).toEqual(['batch review: 1200'])
  })

  it('keeps the discount of each model', () => {
    // 10% off nano only: nano 92.25, nano-lite 9 (no discount), saving
    // 83.25; batch 92.25 / 2 = 46.125.
    const suggestions = suggest(
      [NANO],
      ['discounts:', '  - { model: nano, off: 10% }']
    )
    expect(show(suggestions)).toEqual([
      'model chat: 333/4',
      'batch chat: 369/8'
    ])
  })

  it('prices caching at long-context rates', () => {
    // opus above 200,000 tokens: input 250M × 10/1M = 2,500 a month, and
    // cached input costs 1: 2,500 × 0.5 × (1 − 1/10) = 1,125. Batch:
    // (2,500 + 1M × 37.50/1M) / 2 = 1,268.75.
    const suggestions = suggest([
      [
        'name: contracts',
        'model: opus',
        'tokens: { input: 250000, output: 1000 }',
        'requests: { per-month: 1000 }'
      ]
    ])
    expect(show(suggestions)).toEqual([
      'batch contracts: 5075/4',
      'caching contracts: 1125'
    ])
  })

  it('mentions committed-use discounts above $5,000 a month', () => {
    // opus at 3M requests: 6,750 a month; 20% to 40% is 1,350 to 2,700.
    // Batch: 3,375.
    const suggestions = suggest([
      [
        'name: chat',
        'model: opus',
        'profile: simple',
        'requests: { per-month: 3000000 }'
      ]
    ])
    expect(show(suggestions)).toEqual([
      'batch chat: 3375',
      'commitment anthropic: 1350..2700'
    ])
    expect(suggestions[1]?.message).toBe(
      'Negotiate a committed-use discount with anthropic: the projected spend is $6,750.00 a month, and discounts of 20-40% are commonly negotiated at this level. Record it under discounts: once agreed.'
    )
  })

  it('does not mention commitments at exactly $5,000', () => {
    // 1M requests of 1,000 input tokens on opus: 1,000M × 5/1M = 5,000.
    const at = (requests: string) => [
      'name: chat',
      'model: opus',
      'tokens: { input: 1000, output: 0 }',
      'batch: 100%',
      `requests: { per-month: ${requests} }`
    ]
    // All batch halves the cost, so 2M requests are 5,000 a month.
    expect(show(suggest([at('2000000')]))).toEqual([])
    // One request more is 5,000.0025 = 2,000,001 / 400: 20% and 40% of it.
    expect(show(suggest([at('2000001')]))).toEqual([
      'commitment anthropic: 2000001/2000..2000001/1000'
    ])
  })

  it('does not mention commitments where a discount applies', () => {
    const suggestions = suggest(
      [
        [
          'name: chat',
          'model: opus',
          'profile: simple',
          'batch: 100%',
          'requests: { per-month: 6000000 }'
        ]
      ],
      ['discounts:', '  - { provider: anthropic, off: 10% }']
    )
    expect(suggestions.filter(s => s.kind === 'commitment')).toEqual([])
  })

  it('returns at most the limit, largest first', () => {
    // Twelve nano workloads of growing volume: 25 suggestions.
    const workloads = Array.from({ length: 12 }, (_, index) => [
      `name: chat-${index + 1}`,
      'model: nano',
      'profile: simple',
      `requests: { per-month: ${(index + 1) * 1000000} }`
    ])
    const suggestions = suggest(workloads)
    expect(suggestions).toHaveLength(MAX_SUGGESTIONS)
    // openai's spend is 102.50 × (1 + 2 + … + 12) = 102.50 × 78 = 7,995,
    // so committed use saves 1,599 to 3,198 and ranks by its top. chat-12
    // saves 12 × 93.50 = 1,122 on the model, chat-11 1,028.50.
    expect(show(suggestions.slice(0, 3))).toEqual([
      'commitment openai: 1599..3198',
      'model chat-12: 1122',
      'model chat-11: 2057/2'
    ])
    const savings = suggestions.map(s => s.saving.high)
    for (let index = 1; index < savings.length; index++) {
      expect(
        savings[index]?.compare(savings[index - 1] ?? 0)
      ).toBeLessThanOrEqual(0)
    }
  })

  it('suggests nothing for a custom model', () => {
    const suggestions = suggest(
      [
        [
          'name: chat',
          'model: acme',
          'profile: simple',
          'requests: { per-month: 1000 }'
        ]
      ],
      ['models:', '  acme: { provider: acme, input: 1, output: 2 }']
    )
    expect(suggestions).toEqual([])
  })
})
