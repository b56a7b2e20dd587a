import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import { analyzeFile } from '../../src/analyze.js'
import {
  ATTRIBUTION_FACTORS,
  type AttributionParts
} from '../../src/cost/attribution.js'
import { loadPricingFile } from '../../src/pricing/pricing-file.js'
import type { Catalog } from '../../src/pricing/types.js'
import type { FileReport } from '../../src/report.js'
import { RUN_DATE, TEST_CATALOG } from './prices.js'

// Attribution switches price, model, tokens, volume and discounts from base
// to head in that order; each part is the change that one switch makes.
// Prices are those of the test catalog (prices.ts). The base of most cases
// is nano at 0.20 / 1.25 with 200 input and 50 output tokens and 1M
// requests a month: 40 + 62.50 = 102.50.

const f = (value: string | number) => new Fraction(value)

function usageFile(workloads: string[][], extra: string[] = []): string {
  return [
    'version: 1',
    ...extra,
    'workloads:',
    ...workloads.flatMap(lines =>
      lines.map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`))
    )
  ].join('\n')
}

const BASE_WORKLOAD = [
  'name: chat',
  'model: nano',
  'profile: simple',
  'requests: { per-month: 1000000 }'
]

function analyze(base: string | undefined, head: string): FileReport {
  return analyzeFile(
    'ai-usage.yml',
    head,
    base === undefined ? { state: 'missing' } : { state: 'found', text: base },
    {
      catalog: TEST_CATALOG,
      runDate: RUN_DATE,
      budgetSource: 'head',
      overrides: {},
      gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' }
    }
  )
}

/** Writes parts as `factor=n/d` for the factors that are not zero. */
function show(parts: AttributionParts | undefined): string[] {
  if (!parts) return []
  return ATTRIBUTION_FACTORS.filter(factor => !parts[factor].equals(0)).map(
    factor => `${factor}=${parts[factor].toFraction()}`
  )
}

function partsOf(report: FileReport, name = 'chat') {
  return report.attribution?.workloads.find(w => w.name === name)
}

interface Case {
  name: string
  base: string
  head: string
  /** Expected non-zero monthly parts, worked out in the comment above. */
  monthly: string[]
  annual?: string[]
}

const CASES: Case[] = [
  {
    // models: sets nano input to 0.10: 20 + 62.50 = 82.50, price −20.
    name: 'a price override',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile([BASE_WORKLOAD], ['models:', '  nano: { input: 0.10 }']),
    monthly: ['price=-20'],
    annual: ['price=-240']
  },
  {
    // opus: 200M × 5/1M + 50M × 25/1M = 2,250; model +2,147.50.
    name: 'another model',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile([
      [
        'name: chat',
        'model: opus',
        'profile: simple',
        'requests: { per-month: 1000000 }'
      ]
    ]),
    monthly: ['model=4295/2']
  },
  {
    // medium is 800 / 300: 800M × 0.20/1M = 160 + 300M × 1.25/1M = 375;
    // 535, tokens +432.50.
    name: 'another profile',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile([
      [
        'name: chat',
        'model: nano',
        'profile: medium',
        'requests: { per-month: 1000000 }'
      ]
    ]),
    monthly: ['tokens=865/2']
  },
  {
    // A reasoning multiplier of 3 bills 150 output tokens: 40 + 187.50 =
    // 227.50, tokens +125.
    name: 'a reasoning setting',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile([[...BASE_WORKLOAD, 'reasoning: { multiplier: 3 }']]),
    monthly: ['tokens=125']
  },
  {
    // 2M requests with 10% retries: 102.50 × 2.2 = 225.50, volume +123.
    name: 'more requests and retries',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile([
      [
        'name: chat',
        'model: nano',
        'profile: simple',
        'retries: 10%',
        'requests: { per-month: 2000000 }'
      ]
    ]),
    monthly: ['volume=123']
  },
  {
    // All batch at 50% off: 51.25, discounts −51.25.
    name: 'a batch share',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile([[...BASE_WORKLOAD, 'batch: 100%']]),
    monthly: ['discounts=-205/4']
  },
  {
    // 20% off openai: 102.50 × 0.8 = 82, discounts −20.50.
    name: 'a discount entry',
    base: usageFile([BASE_WORKLOAD]),
    head:
      usageFile([BASE_WORKLOAD]) +
      '\ndiscounts:\n  - { provider: openai, off: 20% }',
    monthly: ['discounts=-41/2']
  },
  {
    // Every factor at once. Head: nano input 0.10 under models:, opus,
    // medium, 2M requests, 50% batch and 10% off anthropic.
    // Base 102.50. Price (nano at 0.10): 82.50, −20. Model (opus, not
    // overridden): 2,250, +2,167.50. Tokens (800 / 300 on opus): 4,000 +
    // 7,500 = 11,500, +9,250. Volume (2M): 23,000, +11,500. Discounts
    // (factor 0.75 × 0.9 = 0.675): 15,525, −7,475. The sum is 15,422.50,
    // which is 15,525 − 102.50.
    name: 'every factor at once',
    base: usageFile([BASE_WORKLOAD]),
    head:
      usageFile(
        [
          [
            'name: chat',
            'model: opus',
            'profile: medium',
            'batch: 50%',
            'requests: { per-month: 2000000 }'
          ]
        ],
        ['models:', '  nano: { input: 0.10 }']
      ) + '\ndiscounts:\n  - { provider: anthropic, off: 10% }',
    monthly: [
      'price=-20',
      'model=4335/2',
      'tokens=9250',
      'volume=11500',
      'discounts=-7475'
    ],
    annual: [
      'price=-240',
      'model=26010',
      'tokens=111000',
      'volume=138000',
      'discounts=-89700'
    ]
  },
  {
    // The price of opus changes, and the workload moves from nano to opus.
    // Price switches first, when the workload still runs on nano, so it
    // is 0; the model part prices opus at the new 4 input: 800 + 1,250 =
    // 2,050, +1,947.50.
    name: 'a price change of the new model',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile(
      [
        [
          'name: chat',
          'model: opus',
          'profile: simple',
          'requests: { per-month: 1000000 }'
        ]
      ],
      ['models:', '  opus: { input: 4 }']
    ),
    monthly: ['model=3895/2']
  },
  {
    // A model that only the head defines: acme at 1 / 2 is 200 + 100 =
    // 300, model +197.50.
    name: 'a model added under models:',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile(
      [
        [
          'name: chat',
          'model: acme',
          'profile: simple',
          'requests: { per-month: 1000000 }'
        ]
      ],
      ['models:', '  acme: { provider: acme, input: 1, output: 2 }']
    ),
    monthly: ['model=395/2']
  },
  {
    // The reverse: acme is only defined at the base. Switching prices to
    // the head keeps acme's own entry, so price is 0 and the move to nano
    // is model −197.50.
    name: 'a model removed from models:',
    base: usageFile(
      [
        [
          'name: chat',
          'model: acme',
          'profile: simple',
          'requests: { per-month: 1000000 }'
        ]
      ],
      ['models:', '  acme: { provider: acme, input: 1, output: 2 }']
    ),
    head: usageFile([BASE_WORKLOAD]),
    monthly: ['model=-395/2']
  },
  {
    // Base: nano, all batch: 51.25. Head: small, no batch: 21 (200M ×
    // 0.06/1M + 50M × 0.18/1M). The model switch puts small under the
    // base's batch share, and small has no batch API, so that mix is
    // priced in full: 21, model −30.25, discounts 0.
    name: 'a move to a model without batch',
    base: usageFile([[...BASE_WORKLOAD, 'batch: 100%']]),
    head: usageFile([
      [
        'name: chat',
        'model: small',
        'profile: simple',
        'requests: { per-month: 1000000 }'
      ]
    ]),
    monthly: ['model=-121/4']
  },
  {
    // flash costs 337.50 in month 1 and 675 from January. Doubling the
    // volume adds 337.50 a month and 7,762.50 a year (337.50 + 11 × 675).
    name: 'volume under a dated price change',
    base: usageFile([
      [
        'name: chat',
        'model: flash',
        'profile: simple',
        'requests: { per-month: 1000000 }'
      ]
    ]),
    head: usageFile([
      [
        'name: chat',
        'model: flash',
        'profile: simple',
        'requests: { per-month: 2000000 }'
      ]
    ]),
    monthly: ['volume=675/2'],
    annual: ['volume=15525/2']
  },
  {
    // Half the price, twice the volume: 2M × (200 × 0.10 + 50 × 0.625)
    // / 1M = 102.50, no change. Price: 51.25, −51.25; volume +51.25.
    name: 'changes that cancel out',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile(
      [
        [
          'name: chat',
          'model: nano',
          'profile: simple',
          'requests: { per-month: 2000000 }'
        ]
      ],
      ['models:', '  nano: { input: 0.10, output: 0.625 }']
    ),
    monthly: ['price=-205/4', 'volume=205/4']
  },
  {
    // Prices 1.25 times higher and 20% off: 200M × 0.25/1M = 50 and
    // 50M × 1.5625/1M = 78.125, so 128.125 × 0.8 = 102.50, no change.
    // Price: 128.125, +25.625; discounts −25.625.
    name: 'a price and a discount that cancel out',
    base: usageFile([BASE_WORKLOAD]),
    head: usageFile(
      [BASE_WORKLOAD],
      [
        'models:',
        '  nano: { input: 0.25, output: 1.5625 }',
        'discounts:',
        '  - { provider: openai, off: 20% }'
      ]
    ),
    monthly: ['price=205/8', 'discounts=-205/8']
  },
  {
    // 20% off on both sides: 102.50 × 0.8 = 82, no change. The head moves
    // nano to another provider and its discount with it, so the price
    // switch leaves the base's openai discount without a model: 102.50,
    // +20.50; the discount switch gives 82 again, −20.50.
    name: 'a provider and its discount moved together',
    base: usageFile(
      [BASE_WORKLOAD],
      ['discounts:', '  - { provider: openai, off: 20% }']
    ),
    head: usageFile(
      [BASE_WORKLOAD],
      [
        'models:',
        '  nano: { provider: anthropic }',
        'discounts:',
        '  - { provider: anthropic, off: 20% }'
      ]
    ),
    monthly: ['price=41/2', 'discounts=-41/2']
  }
]

describe('attributeChange', () => {
  it.each(CASES)('splits $name', testCase => {
    const report = analyze(testCase.base, testCase.head)
    const row = partsOf(report)
    expect(show(row?.monthly)).toEqual(testCase.monthly)
    if (testCase.annual) expect(show(row?.annual)).toEqual(testCase.annual)
  })

  it.each(CASES)('adds up to the change for $name', testCase => {
    const report = analyze(testCase.base, testCase.head)
    const row = partsOf(report)
    const diff = report.diff?.workloads.find(w => w.name === 'chat')
    const sum = ATTRIBUTION_FACTORS.reduce(
      (total, factor) => total.add(row?.monthly[factor] ?? 0),
      f(0)
    )
    expect(sum.toFraction()).toBe(diff?.monthly.delta.toFraction())
  })

  it('counts an added workload as volume', () => {
    // support: opus simple at 100,000 requests: 225.
    const support = [
      'name: support',
      'model: opus',
      'profile: simple',
      'requests: { per-month: 100000 }'
    ]
    const report = analyze(
      usageFile([BASE_WORKLOAD]),
      usageFile([BASE_WORKLOAD, support])
    )
    expect(report.attribution?.workloads.map(w => w.name)).toEqual(['support'])
    expect(show(partsOf(report, 'support')?.monthly)).toEqual(['volume=225'])
    expect(partsOf(report, 'support')?.status).toBe('added')
  })

  it('counts a removed workload as volume', () => {
    const other = [
      'name: other',
      'model: nano',
      'profile: simple',
      'requests: { per-month: 1000000 }'
    ]
    const report = analyze(
      usageFile([BASE_WORKLOAD, other]),
      usageFile([BASE_WORKLOAD])
    )
    expect(show(partsOf(report, 'other')?.monthly)).toEqual(['volume=-205/2'])
  })

  it('counts everything as volume for a new file', () => {
    const report = analyze(undefined, usageFile([BASE_WORKLOAD]))
    expect(show(report.attribution?.monthly)).toEqual(['volume=205/2'])
  })

  it('lists no parts for an unchanged file', () => {
    const text = usageFile([BASE_WORKLOAD])
    const report = analyze(text, text)
    expect(report.attribution?.workloads).toEqual([])
    expect(show(report.attribution?.monthly)).toEqual([])
  })

  it('totals the parts of all workloads', () => {
    // chat: 2M requests, volume +102.50; support added, 225.
    const support = [
      'name: support',
      'model: opus',
      'profile: simple',
      'requests: { per-month: 100000 }'
    ]
    const report = analyze(
      usageFile([BASE_WORKLOAD]),
      usageFile([
        [
          'name: chat',
          'model: nano',
          'profile: simple',
          'requests: { per-month: 2000000 }'
        ],
        support
      ])
    )
    expect(show(report.attribution?.monthly)).toEqual(['volume=655/2'])
  })
})

describe('attribution with a pricing file on each side', () => {
  /** Merges a catalog-format pricing file, written as YAML lines, into the test catalog. */
  function pricing(lines: string[]) {
    return loadPricingFile(TEST_CATALOG, lines.join('\n'), 'prices.yml').catalog
  }

  function analyzeSides(
    base: string,
    head: string,
    catalogs: { base: Catalog; head: Catalog }
  ): FileReport {
    return analyzeFile(
      'ai-usage.yml',
      head,
      { state: 'found', text: base },
      {
        catalog: catalogs.head,
        basePrices: { catalog: catalogs.base },
        runDate: RUN_DATE,
        budgetSource: 'head',
        overrides: {},
        gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' }
      }
    )
  }

  const acme = [
    'models:',
    '  - id: acme-ft',
    '    provider: openai',
    '    prices: [{ input: 1, output: 2 }]'
  ]

  it('counts a pricing-file price change as price', () => {
    // The head's pricing file sets nano input to 0.40: 200M × 0.40/1M = 80,
    // and 80 + 62.50 = 142.50 against 102.50 with the base's catalog alone.
    const text = usageFile([BASE_WORKLOAD])
    const head = pricing([
      'models:',
      '  - id: nano',
      '    prices: [{ input: 0.40 }]'
    ])
    const report = analyzeSides(text, text, { base: TEST_CATALOG, head })
    expect(report.diff?.monthly.delta.toFraction()).toBe('40')
    expect(show(partsOf(report)?.monthly)).toEqual(['price=40'])
    expect(show(partsOf(report)?.annual)).toEqual(['price=480'])
  })

  it('prices a model only the head file adds', () => {
    // Base: nano, 102.50. Head: acme-ft at 1 / 2, 200M × 1/1M + 50M × 2/1M
    // = 300. The price switch leaves nano as it is, and the model switch
    // moves to acme-ft: +197.50.
    const head = usageFile([
      ['name: chat', 'model: acme-ft', ...BASE_WORKLOAD.slice(2)]
    ])
    const report = analyzeSides(usageFile([BASE_WORKLOAD]), head, {
      base: TEST_CATALOG,
      head: pricing(acme)
    })
    expect(show(partsOf(report)?.monthly)).toEqual(['model=395/2'])
  })

  it('prices a model only the base file adds', () => {
    // The reverse: acme-ft (300) moves to nano (102.50) while the head's
    // pricing file drops acme-ft, so the price switch still finds the
    // base's acme-ft and the model switch makes −197.50.
    const base = usageFile([
      ['name: chat', 'model: acme-ft', ...BASE_WORKLOAD.slice(2)]
    ])
    const report = analyzeSides(base, usageFile([BASE_WORKLOAD]), {
      base: pricing(acme),
      head: TEST_CATALOG
    })
    expect(report.baseState).toBe('compared')
    expect(show(partsOf(report)?.monthly)).toEqual(['model=-395/2'])
  })
})
