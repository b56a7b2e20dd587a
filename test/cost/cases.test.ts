import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import { file, priceYaml, rejected } from './prices.js'

// Hand-computed cases, one or more per feature of the cost model and several
// that combine them. Prices are those of the test catalog in prices.ts, USD
// per 1M tokens. "simple" is 200 input and 50 output tokens a request, so 1M
// requests of it are 200M input and 50M output tokens. Each expected figure
// is worked out in the comment above it, never taken from the engine.

const f = (value: string | number) => new Fraction(value)

interface Case {
  name: string
  workload: string[]
  /** Lines after the workloads: models, discounts. */
  extra?: string[]
  monthly: Fraction
  annual?: Fraction
  peak?: Fraction
  low?: Fraction
  high?: Fraction
  /** Month 1 cost of each route, in order. */
  routes?: Fraction[]
}

/** Sum of month 1 × ratio^(k-1) for k = 1..12, the annual figure under growth. */
function geometric(month1: Fraction, ratio: Fraction): Fraction {
  let total = new Fraction(0)
  let month = month1
  for (let k = 0; k < 12; k++) {
    total = total.add(month)
    month = month.mul(ratio)
  }
  return total
}

const SIMPLE = ['profile: simple', 'requests: { per-month: 1000000 }']

const CASES: Case[] = [
  // Reasoning ------------------------------------------------------------
  {
    // think is reasoning-only, so output is ×5 (range ×3 to ×10):
    // 200M × 2/1M = 400 input; 250M × 8/1M = 2,000 output; 2,400.
    // Low: 400 + 150M × 8/1M = 1,600. High: 400 + 500M × 8/1M = 4,400.
    name: 'reasoning default on a reasoning-only model',
    workload: ['name: review', 'model: think', ...SIMPLE],
    monthly: f(2400),
    annual: f(28800),
    low: f(1600),
    high: f(4400)
  },
  {
    // Multiplier 2 (range 1.5 to 4) on nano: 40 input;
    // output 100 tokens: 100M × 1.25/1M = 125, total 165.
    // Low 75 tokens: 93.75 + 40 = 133.75. High 200 tokens: 250 + 40 = 290.
    name: 'reasoning multiplier with a range',
    workload: [
      'name: chat',
      'model: nano',
      'reasoning: { multiplier: 2, range: [1.5, 4] }',
      ...SIMPLE
    ],
    monthly: f('165'),
    low: f('133.75'),
    high: f('290')
  },
  {
    // 950 reasoning tokens (range 450 to 1,950) on think: output 1,000
    // tokens: 1,000M × 8/1M = 8,000 + 400 = 8,400. Low 500 tokens:
    // 4,000 + 400 = 4,400. High 2,000 tokens: 16,000 + 400 = 16,400.
    name: 'reasoning tokens with a range',
    workload: [
      'name: review',
      'model: think',
      'reasoning: { tokens: 950, range: [450, 1950] }',
      ...SIMPLE
    ],
    monthly: f(8400),
    low: f(4400),
    high: f(16400)
  },
  {
    // reasoning: none turns the default off: 400 + 50M × 8/1M = 800.
    name: 'reasoning none on a reasoning-only model',
    workload: ['name: review', 'model: think', 'reasoning: none', ...SIMPLE],
    monthly: f(800),
    low: f(800),
    high: f(800)
  },
  // Prompt caching ---------------------------------------------------------
  {
    // 60% of input from the cache: 80M × 0.20/1M = 16; 120M × 0.02/1M =
    // 2.40; output 50M × 1.25/1M = 62.50; total 80.90.
    name: 'cache read at the cached-input rate',
    workload: ['name: chat', 'model: nano', 'cache: { read: 60% }', ...SIMPLE],
    monthly: f('80.9')
  },
  {
    // 25% read, 25% written (5m): 100M × 5/1M = 500; 50M × 0.50/1M = 25;
    // 50M × 6.25/1M = 312.50; output 50M × 25/1M = 1,250; total 2,087.50.
    name: 'cache write at the 5-minute write rate',
    workload: [
      'name: chat',
      'model: opus',
      'cache: { read: 25%, write: 25% }',
      ...SIMPLE
    ],
    monthly: f('2087.5')
  },
  {
    // As above with a 1-hour TTL: writes 50M × 10/1M = 500, so
    // 500 + 25 + 500 + 1,250 = 2,275.
    name: 'cache write at the 1-hour write rate',
    workload: [
      'name: chat',
      'model: opus',
      'cache: { read: 25%, write: 25%, ttl: 1h }',
      ...SIMPLE
    ],
    monthly: f('2275')
  },
  {
    // nano has no write premium, so written input is priced as input:
    // 100M × 0.20/1M + 100M × 0.20/1M + 62.50 = 102.50.
    name: 'cache write without a write price',
    workload: ['name: chat', 'model: nano', 'cache: { write: 50% }', ...SIMPLE],
    monthly: f('102.5')
  },
  // Batch ------------------------------------------------------------------
  {
    // 40% through the batch API at 50% off: 102.50 × (1 - 0.4 × 0.5) = 82.
    name: 'batch share at the batch discount',
    workload: ['name: chat', 'model: nano', 'batch: 40%', ...SIMPLE],
    monthly: f(82)
  },
  // Discounts --------------------------------------------------------------
  {
    // 20% off openai: 102.50 × 0.8 = 82.
    name: 'provider discount',
    workload: ['name: chat', 'model: nano', ...SIMPLE],
    extra: ['discounts:', '  - { provider: openai, off: 20% }'],
    monthly: f(82)
  },
  {
    // The model entry (10%) beats the provider entry (20%), no stacking:
    // 102.50 × 0.9 = 92.25.
    name: 'model discount beats provider discount',
    workload: ['name: chat', 'model: nano', ...SIMPLE],
    extra: [
      'discounts:',
      '  - { provider: openai, off: 20% }',
      '  - { model: nano, off: 10% }'
    ],
    monthly: f('92.25')
  },
  {
    // An openai discount leaves an anthropic model alone:
    // 200M × 5/1M + 50M × 25/1M = 1,000 + 1,250 = 2,250.
    name: 'discount of another provider',
    workload: ['name: chat', 'model: opus', ...SIMPLE],
    extra: ['discounts:', '  - { provider: openai, off: 20% }'],
    monthly: f(2250)
  },
  // Routes -----------------------------------------------------------------
  {
    // 80% nano: 0.8 × 102.50 = 82; 20% opus: 0.2 × 2,250 = 450; 532.
    name: 'routes blended by share',
    workload: [
      'name: assistant',
      'routes:',
      '  - { model: nano, share: 80% }',
      '  - { model: opus, share: 20% }',
      ...SIMPLE
    ],
    monthly: f(532),
    routes: [f(82), f(450)]
  },
  // Volume -----------------------------------------------------------------
  {
    // 1,000 a day is 1,000 × 365 / 12 requests a month at 102.50 per 1M:
    // 365,000 / 12 × 0.0001025 = 37.4125 / 12.
    name: 'daily volume over 365/12 days',
    workload: [
      'name: chat',
      'model: nano',
      'profile: simple',
      'requests: { per-day: 1000 }'
    ],
    monthly: f('37.4125').div(12),
    annual: f('37.4125')
  },
  {
    // 3% retries bill 3% more requests: 102.50 × 1.03 = 105.575.
    name: 'retries add billed requests',
    workload: ['name: chat', 'model: nano', 'retries: 3%', ...SIMPLE],
    monthly: f('105.575')
  },
  {
    // 10% growth a month: month k is 102.50 × 1.1^(k-1); the peak is
    // month 12 and the annual figure the geometric sum.
    name: 'growth compounded monthly',
    workload: [
      'name: chat',
      'model: nano',
      'profile: simple',
      'requests: { per-month: 1000000, growth: 10% }'
    ],
    monthly: f('102.5'),
    peak: f('102.5').mul(f('1.1').pow(11)),
    annual: geometric(f('102.5'), f('1.1'))
  },
  {
    // -10% a month: month 1 is the peak and the year shrinks.
    name: 'negative growth',
    workload: [
      'name: chat',
      'model: nano',
      'profile: simple',
      'requests: { per-month: 1000000, growth: -10% }'
    ],
    monthly: f('102.5'),
    peak: f('102.5'),
    annual: geometric(f('102.5'), f('0.9'))
  },
  // Long context -----------------------------------------------------------
  {
    // 250,000 input tokens is above opus's 200,000 threshold: 1,000
    // requests, 250M × 10/1M = 2,500 + 1M × 37.50/1M = 37.50; 2,537.50.
    name: 'long-context rates above the threshold',
    workload: [
      'name: contracts',
      'model: opus',
      'tokens: { input: 250000, output: 1000 }',
      'requests: { per-month: 1000 }'
    ],
    monthly: f('2537.5')
  },
  {
    // Exactly 200,000 is not above opus's exclusive threshold:
    // 200M × 5/1M = 1,000 + 1M × 25/1M = 25; 1,025.
    name: 'threshold itself with an exclusive tier',
    workload: [
      'name: contracts',
      'model: opus',
      'tokens: { input: 200000, output: 1000 }',
      'requests: { per-month: 1000 }'
    ],
    monthly: f(1025)
  },
  {
    // grok's tier includes 200,000: 200M × 2.50/1M = 500 + 1M × 5/1M = 5.
    name: 'threshold itself with an inclusive tier',
    workload: [
      'name: contracts',
      'model: grok',
      'tokens: { input: 200000, output: 1000 }',
      'requests: { per-month: 1000 }'
    ],
    monthly: f(505)
  },
  {
    // Long context with 40% read and 20% written: 100M × 10/1M = 1,000;
    // 100M × 1/1M = 100; 50M × 12.50/1M = 625; output 37.50; 1,762.50.
    name: 'long-context cache read and write',
    workload: [
      'name: contracts',
      'model: opus',
      'tokens: { input: 250000, output: 1000 }',
      'cache: { read: 40%, write: 20% }',
      'requests: { per-month: 1000 }'
    ],
    monthly: f('1762.5')
  },
  {
    // sol has no long-context write price, so its write premium (5 on 4)
    // scales with the tier input: 5 × 8 / 4 = 10. 300,000 input tokens,
    // 10% written: 270M × 8/1M = 2,160; 30M × 10/1M = 300; output
    // 1M × 30/1M = 30; 2,490.
    name: 'long-context write premium scaled',
    workload: [
      'name: contracts',
      'model: sol',
      'tokens: { input: 300000, output: 1000 }',
      'cache: { write: 10% }',
      'requests: { per-month: 1000 }'
    ],
    monthly: f(2490)
  },
  {
    // models: changes only the tier's input price: 250M × 8/1M = 2,000
    // + 37.50 output from the catalog's tier = 2,037.50.
    name: 'models: override of a long-context price',
    workload: [
      'name: contracts',
      'model: opus',
      'tokens: { input: 250000, output: 1000 }',
      'requests: { per-month: 1000 }'
    ],
    extra: ['models:', '  opus:', '    long-context: { input: 8 }'],
    monthly: f('2037.5')
  },
  {
    // A new model with its own tier above 100,000 tokens:
    // 150M × 2/1M = 300 + 1M × 4/1M = 4; 304.
    name: 'models: entry with a long-context tier',
    workload: [
      'name: contracts',
      'model: acme',
      'tokens: { input: 150000, output: 1000 }',
      'requests: { per-month: 1000 }'
    ],
    extra: [
      'models:',
      '  acme:',
      '    provider: acme',
      '    input: 1',
      '    output: 2',
      '    long-context: { threshold: 100000, input: 2, output: 4 }'
    ],
    monthly: f(304)
  },
  // Dated prices -----------------------------------------------------------
  {
    // flash costs 0.75 / 3.75 in month 1 (from 2026-12-04): 150 + 187.50
    // = 337.50; from 2027-01-01 (months 2 to 12) 1.50 / 7.50: 675.
    // Annual: 337.50 + 11 × 675 = 7,762.50; peak 675.
    name: 'each month priced with the entry in force',
    workload: ['name: chat', 'model: flash', ...SIMPLE],
    monthly: f('337.5'),
    annual: f('7762.5'),
    peak: f(675)
  },
  // Combinations -----------------------------------------------------------
  {
    // Routes 75% nano, 25% think; 50% batch (factor 1 - 0.5 × 0.5 = 0.75);
    // 10% off openai, but 20% off think (the model entry wins); 5% growth.
    // nano: 0.75 × 102.50 = 76.875 × 0.75 × 0.9 = 51.890625.
    // think: 0.25 × 2,400 = 600 × 0.75 × 0.8 = 360; low 0.25 × 1,600 =
    // 400 → 240; high 0.25 × 4,400 = 1,100 → 660.
    name: 'routes with reasoning, batch, discounts and growth',
    workload: [
      'name: assistant',
      'routes:',
      '  - { model: nano, share: 75% }',
      '  - { model: think, share: 25% }',
      'profile: simple',
      'batch: 50%',
      'requests: { per-month: 1000000, growth: 5% }'
    ],
    extra: [
      'discounts:',
      '  - { provider: openai, off: 10% }',
      '  - { model: think, off: 20% }'
    ],
    monthly: f('411.890625'),
    low: f('291.890625'),
    high: f('711.890625'),
    peak: f('411.890625').mul(f('1.05').pow(11)),
    annual: geometric(f('411.890625'), f('1.05')),
    routes: [f('51.890625'), f(360)]
  },
  {
    // Routes 50% opus (long context), 50% haiku; 1,000 requests with 10%
    // retries: 550 billed a route; 40% of 250,000 input tokens cached.
    // opus a request: 150,000 × 10/1M = 1.50; 100,000 × 1/1M = 0.10;
    // 1,000 × 37.50/1M = 0.0375; 1.6375 × 550 = 900.625.
    // haiku a request: 0.15 + 0.01 + 0.005 = 0.165 × 550 = 90.75.
    name: 'routes with long context, cache and retries',
    workload: [
      'name: contracts',
      'routes:',
      '  - { model: opus, share: 50% }',
      '  - { model: haiku, share: 50% }',
      'tokens: { input: 250000, output: 1000 }',
      'cache: { read: 40% }',
      'retries: 10%',
      'requests: { per-month: 1000 }'
    ],
    monthly: f('991.375'),
    routes: [f('900.625'), f('90.75')]
  },
  {
    // 10,000 a day with 2% retries: 10,000 × 365 / 12 × 1.02 = 310,250
    // billed. All batch (50% off) and 10% off flash. A request in month 1:
    // 200 × 0.75/1M + 50 × 3.75/1M = 0.0003375 × 0.5 × 0.9 = 0.000151875,
    // so 47.11921875; from January prices double: 94.2384375 a month.
    // Annual: 47.11921875 + 11 × 94.2384375 = 1,083.74203125.
    name: 'daily volume, retries, batch, discount and a price change',
    workload: [
      'name: digest',
      'model: flash',
      'profile: simple',
      'batch: 100%',
      'retries: 2%',
      'requests: { per-day: 10000 }'
    ],
    extra: ['discounts:', '  - { model: flash, off: 10% }'],
    monthly: f('47.11921875'),
    annual: f('1083.74203125'),
    peak: f('94.2384375')
  }
]

describe('cost model cases', () => {
  it.each(CASES)('$name', testCase => {
    const projection = priceYaml(file(testCase.workload, testCase.extra))
    const { monthly, annual, peak } = projection
    expect(monthly.expected.toFraction()).toBe(testCase.monthly.toFraction())
    if (testCase.annual) {
      expect(annual.expected.toFraction()).toBe(testCase.annual.toFraction())
    }
    if (testCase.peak) {
      expect(peak.expected.toFraction()).toBe(testCase.peak.toFraction())
    }
    expect(monthly.low.toFraction()).toBe(
      (testCase.low ?? testCase.monthly).toFraction()
    )
    expect(monthly.high.toFraction()).toBe(
      (testCase.high ?? testCase.monthly).toFraction()
    )
    if (testCase.routes) {
      const routes = projection.workloads[0]?.routes ?? []
      expect(routes.map(r => r.monthly.expected.toFraction())).toEqual(
        testCase.routes.map(value => value.toFraction())
      )
    }
  })
})

describe('cost model errors', () => {
  it('rejects batch on a model without a batch API', () => {
    const [issue] = rejected(
      file(['name: chat', 'model: small', 'batch: 50%', ...SIMPLE])
    )
    expect(issue?.path).toBe('workloads[0].batch')
    expect(issue?.line).toBe(3)
    expect(issue?.value).toBe('small')
    expect(issue?.message).toBe(
      'model "small" has no batch API in the price catalog'
    )
    expect(issue?.fix).toBe(
      'Remove batch:, or set batch-discount: for this model under models:'
    )
  })

  it('accepts batch once models: sets a batch discount', () => {
    // 0.06 × 200 + 0.18 × 50 = 12 + 9 = 21 per 1M requests; all batch at
    // a 40% discount: 21 × 0.6 = 12.60.
    const projection = priceYaml(
      file(
        ['name: chat', 'model: small', 'batch: 100%', ...SIMPLE],
        ['models:', '  small: { batch-discount: 40% }']
      )
    )
    expect(projection.monthly.expected.toFraction()).toBe('63/5')
  })

  it('rejects a discount for an unknown provider', () => {
    const [issue] = rejected(
      file(
        ['name: chat', 'model: nano', ...SIMPLE],
        ['discounts:', '  - { provider: opena1, off: 20% }']
      )
    )
    expect(issue?.path).toBe('discounts[0].provider')
    expect(issue?.line).toBe(8)
    expect(issue?.value).toBe('opena1')
    expect(issue?.message).toBe(
      'discount names a provider that no model of the catalog or of models: has, so it would apply to no model'
    )
    // Edit distances from "opena1": openai 1, xai 5, google 6, mistral 6,
    // anthropic 9; ties in alphabetical order.
    expect(issue?.fix).toBe(
      'Use a known provider, closest first: openai, xai, google, mistral, anthropic'
    )
  })

  it('accepts a discount for a provider of models:', () => {
    // acme: 1 and 2 per 1M tokens; 200M × 1/1M + 50M × 2/1M = 300, 10% off.
    const projection = priceYaml(
      file(
        ['name: chat', 'model: acme', ...SIMPLE],
        [
          'models:',
          '  acme: { provider: acme, input: 1, output: 2 }',
          'discounts:',
          '  - { provider: acme, off: 10% }'
        ]
      )
    )
    expect(projection.monthly.expected.toFraction()).toBe('270')
  })

  it('rejects a partial long-context tier with nothing to complete', () => {
    const [issue] = rejected(
      file(
        ['name: chat', 'model: nano', ...SIMPLE],
        ['models:', '  nano:', '    long-context: { input: 0.40 }']
      )
    )
    expect(issue?.path).toBe('models.nano.long-context')
    expect(issue?.line).toBe(9)
    expect(issue?.message).toBe(
      'long-context of model "nano" has no threshold and output, and the catalog has no long-context tier for it to complete'
    )
    expect(issue?.fix).toBe(
      'Set threshold: (input tokens per request), input: and output: in USD per 1M tokens'
    )
  })
})

describe('cost model warnings', () => {
  it('warns when the cached-input price is missing', () => {
    const projection = priceYaml(
      file(['name: chat', 'model: small', 'cache: { read: 50% }', ...SIMPLE])
    )
    const [warning] = projection.warnings
    expect(warning?.path).toBe('workloads[0].cache.read')
    expect(warning?.message).toBe(
      'model "small" has no cached-input price, so cached input is priced as input'
    )
  })

  it('warns when the cache-write price is missing', () => {
    const projection = priceYaml(
      file(['name: chat', 'model: nano', 'cache: { write: 50% }', ...SIMPLE])
    )
    const [warning] = projection.warnings
    expect(warning?.path).toBe('workloads[0].cache.write')
    expect(warning?.message).toBe(
      'model "nano" has no 5m cache-write price, so cache writes are priced as input'
    )
    expect(warning?.fix).toBe(
      'Set cache-write-5m: for this model under models: if the provider charges more for cache writes than for input'
    )
  })

  it('points to the TTL that has a write price', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'model: sol',
        'cache: { write: 50%, ttl: 1h }',
        ...SIMPLE
      ])
    )
    const [warning] = projection.warnings
    expect(warning?.message).toBe(
      'model "sol" has no 1h cache-write price, so cache writes are priced as input'
    )
    expect(warning?.fix).toBe(
      'Set cache-write-1h: for this model under models:, or use cache.ttl: 5m, which has a price'
    )
  })

  it('does not warn when both prices exist', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'model: opus',
        'cache: { read: 20%, write: 10%, ttl: 1h }',
        ...SIMPLE
      ])
    )
    expect(projection.warnings).toEqual([])
  })
})
