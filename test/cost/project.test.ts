import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import { UsageFileError } from '../../src/config/types.js'
import { formatCentsPlain } from '../../src/cost/money.js'
import {
  monthlyRequests,
  projectCost,
  projectionMonths
} from '../../src/cost/project.js'
import { loadCatalog } from '../../src/pricing/catalog.js'
import { catalog, f, model, usage, workload } from './build.js'

const RUN_DATE = '2026-12-04'
const nano = model('gpt-5.4-nano', '0.20', '1.25', {
  cachedInput: '0.02',
  batch: '0.5'
})
const opus = model('claude-opus-4.6', '5', '25', {
  provider: 'anthropic',
  batch: '0.5'
})
const o3 = model('o3', '2', '8', { reasoning: 'always', batch: '0.5' })
const prices = catalog(nano, opus, o3)

function project(...args: Parameters<typeof usage>) {
  return projectCost(usage(...args), prices, RUN_DATE)
}

describe('projectCost worked checks', () => {
  it('prices 1M requests of 200/50 tokens at 0.20/1.25', () => {
    // 200M input × 0.20/1M = 40; 50M output × 1.25/1M = 62.50; total 102.50.
    const result = project([workload('triage', 'gpt-5.4-nano')])
    expect(result.monthly.expected.equals(f('102.5'))).toBe(true)
    // No growth: 12 × 102.50 = 1,230.00.
    expect(result.annual.expected.equals(f('1230'))).toBe(true)
    expect(result.peak.expected.equals(f('102.5'))).toBe(true)
  })

  it('prices the same volume at 5/25', () => {
    // 200M × 5/1M = 1,000; 50M × 25/1M = 1,250; total 2,250.
    const result = project([workload('replies', 'claude-opus-4.6')])
    expect(result.monthly.expected.equals(f('2250'))).toBe(true)
  })

  it('turns a million requests a day into 365/12 days', () => {
    const requests = monthlyRequests(
      workload('chat', 'gpt-5.4-nano', { perDay: '1000000' })
    )
    expect(requests.equals(f(365_000_000, 12))).toBe(true)
    expect(formatCentsPlain(requests)).toBe('30416666.67')
  })

  it('prices per-year volume as a twelfth a month', () => {
    // 12M requests a year is 1M a month, so the cost is the 102.50 above.
    const result = project([
      workload('yearly', 'gpt-5.4-nano', {
        requests: { unit: 'per-year', value: f('12000000'), growth: f(0) }
      })
    ])
    expect(result.monthly.expected.equals(f('102.5'))).toBe(true)
  })

  it('keeps per-day sums exact to the cent', () => {
    // 20,000 a day: 20000 × 365 / 12 × 0.0001025 = 748.25 / 12 = 62.354166…
    const result = project([
      workload('triage', 'gpt-5.4-nano', { perDay: '20000' })
    ])
    expect(result.monthly.expected.equals(f(74825, 1200))).toBe(true)
    expect(formatCentsPlain(result.monthly.expected)).toBe('62.35')
  })
})

describe('projectCost reasoning', () => {
  it('bills a reasoning model five times the visible output', () => {
    // o3, 1M requests: input 200M × 2/1M = 400; output 50 × 5 = 250 tokens,
    // 250M × 8/1M = 2,000; total 2,400. Range ×3: 400 + 150M × 8/1M = 1,600;
    // ×10: 400 + 500M × 8/1M = 4,400.
    const result = project([workload('review', 'o3')])
    expect(result.monthly.expected.equals(f('2400'))).toBe(true)
    expect(result.monthly.low.equals(f('1600'))).toBe(true)
    expect(result.monthly.high.equals(f('4400'))).toBe(true)
    const parts = result.workloads[0]?.parts
    expect(parts?.output.equals(f('400'))).toBe(true)
    expect(parts?.reasoning.equals(f('1600'))).toBe(true)
  })

  it('honours reasoning none on a reasoning model', () => {
    // 400 input + 50M × 8/1M = 400 output = 800.
    const result = project([
      workload('review', 'o3', { reasoning: { kind: 'none' } })
    ])
    expect(result.monthly.expected.equals(f('800'))).toBe(true)
  })

  it('adds reasoning tokens to the visible output', () => {
    // 50 + 150 = 200 output tokens: 200M × 8/1M = 1,600, plus 400 input.
    const result = project([
      workload('review', 'o3', { reasoning: { kind: 'tokens', value: f(150) } })
    ])
    expect(result.monthly.expected.equals(f('2000'))).toBe(true)
  })
})

describe('projectCost volume and discounts', () => {
  it('compounds growth monthly over twelve months', () => {
    // Month k costs 102.50 × 1.05^(k-1); the annual sum is the geometric
    // series 102.50 × (1.05^12 − 1) / 0.05; the peak is month 12.
    const growth = f(1, 20)
    const result = project([
      workload('chat', 'gpt-5.4-nano', {
        requests: { unit: 'per-month', value: f('1000000'), growth }
      })
    ])
    const ratio = f(21, 20)
    const annual = f('102.5').mul(ratio.pow(12).sub(1)).div(growth)
    expect(result.annual.expected.equals(annual)).toBe(true)
    expect(result.peak.expected.equals(f('102.5').mul(ratio.pow(11)))).toBe(
      true
    )
    expect(result.monthly.expected.equals(f('102.5'))).toBe(true)
  })

  it('adds retries to the billed requests', () => {
    // 3% retries: 102.50 × 1.03 = 105.575.
    const result = project([
      workload('chat', 'gpt-5.4-nano', { retries: f(3, 100) })
    ])
    expect(result.monthly.expected.equals(f('105.575'))).toBe(true)
  })

  it('blends routes by share', () => {
    // 80% nano (102.50 × 0.8 = 82) and 20% opus (2,250 × 0.2 = 450): 532.
    const result = project([
      workload('assistant', '', {
        routes: [
          ['gpt-5.4-nano', f(4, 5)],
          ['claude-opus-4.6', f(1, 5)]
        ]
      })
    ])
    expect(result.monthly.expected.equals(f('532'))).toBe(true)
    expect(result.workloads[0]?.routes.map(r => r.model.id)).toEqual([
      'gpt-5.4-nano',
      'claude-opus-4.6'
    ])
  })

  it('applies batch, cache and the most specific discount', () => {
    // nano, 1M requests, 60% of input cached, all batch, 20% off openai and
    // 10% off this model (the model entry wins, no stacking):
    // input 200M × 0.4 × 0.20/1M = 16; cached 200M × 0.6 × 0.02/1M = 2.40;
    // output 62.50; sum 80.90 × (1 − 0.5) × (1 − 0.1) = 36.405.
    const result = project(
      [
        workload('batch', 'gpt-5.4-nano', {
          cache: { read: f(3, 5), write: f(0), ttl: '5m' },
          batch: f(1)
        })
      ],
      {
        discounts: [
          { provider: 'openai', off: f(1, 5) },
          { model: 'gpt-5.4-nano', off: f(1, 10) }
        ]
      }
    )
    expect(result.monthly.expected.equals(f('36.405'))).toBe(true)
  })

  it('uses a negotiated rate and keeps catalog facts', () => {
    // Override input to 0.10: 200M × 0.10/1M = 20 + 62.50 output = 82.50.
    const result = project([workload('chat', 'GPT-5.4-NANO')], {
      models: [{ name: 'gpt-5.4-nano', input: f('0.1') }]
    })
    expect(result.monthly.expected.equals(f('82.5'))).toBe(true)
    expect(
      result.workloads[0]?.routes[0]?.rates.cachedInput?.equals(f('0.02'))
    ).toBe(true)
  })

  it('prices each month with the entry in force', () => {
    // 0.20/1.25 until 2027-03-01, then 0.10/1.00: months 1–4 (Dec to Mar 1
    // exclusive: Dec, Jan, Feb) cost 102.50; from March, 20 + 50 = 70.
    const dated = model('gpt-5.4-nano', '0', '0', {
      prices: [
        {
          from: '2025-01-01',
          input: f('0.2'),
          output: f('1.25'),
          source: 't',
          checked: 't'
        },
        {
          from: '2027-03-01',
          input: f('0.1'),
          output: f('1'),
          source: 't',
          checked: 't'
        }
      ]
    })
    const result = projectCost(
      usage([workload('chat', 'gpt-5.4-nano')]),
      catalog(dated),
      RUN_DATE
    )
    // Months start 2026-12-04, 2027-01-01, 2027-02-01, then 2027-03-01 onward:
    // 3 × 102.50 + 9 × 70 = 307.50 + 630 = 937.50.
    expect(result.annual.expected.equals(f('937.5'))).toBe(true)
    expect(projectionMonths(RUN_DATE).slice(0, 4)).toEqual([
      '2026-12-04',
      '2027-01-01',
      '2027-02-01',
      '2027-03-01'
    ])
  })
})

describe('projectCost ranges across routes', () => {
  // Half the requests go to a model billed only for input, half to a
  // reasoning model billed only for output (default ×5, range ×3 to ×10).
  const flat = model('flat', '1', '0')
  const thinker = model('thinker', '0', '1', { reasoning: 'always' })
  const both = catalog(flat, thinker)

  function split(growth = f(0)) {
    return projectCost(
      usage([
        workload('mixed', '', {
          input: '1000',
          output: '1000',
          requests: { unit: 'per-month', value: f('1000'), growth },
          routes: [
            ['flat', f(1, 2)],
            ['thinker', f(1, 2)]
          ]
        })
      ]),
      both,
      RUN_DATE
    )
  }

  it('adds each bound of the routes', () => {
    // flat: 500 requests × 1,000 input tokens × $1/1M = $0.50 in every bound.
    // thinker: 500 × 1,000 output × M × $1/1M = $0.50 × M, so $2.50 for
    // M = 5, $1.50 for M = 3 and $5.00 for M = 10.
    const result = split()
    expect(result.monthly.expected.equals(f('3'))).toBe(true)
    expect(result.monthly.low.equals(f('2'))).toBe(true)
    expect(result.monthly.high.equals(f('5.5'))).toBe(true)
    const [flatRoute, thinkerRoute] = result.workloads[0]?.routes ?? []
    expect(flatRoute?.monthly.low.equals(f('0.5'))).toBe(true)
    expect(flatRoute?.monthly.high.equals(f('0.5'))).toBe(true)
    expect(thinkerRoute?.monthly.low.equals(f('1.5'))).toBe(true)
    // 12 steady months: $36, $24 and $66 a year.
    expect(result.annual.expected.equals(f('36'))).toBe(true)
    expect(result.annual.low.equals(f('24'))).toBe(true)
    expect(result.annual.high.equals(f('66'))).toBe(true)
  })

  it('grows each bound month by month', () => {
    // 10% growth: month k is month 1 × 1.1^(k-1), bound by bound.
    const result = split(f(1, 10))
    const ratio = f(11, 10)
    let series = f(0)
    for (let k = 0; k < 12; k++) series = series.add(ratio.pow(k))
    expect(result.annual.expected.equals(f('3').mul(series))).toBe(true)
    expect(result.annual.low.equals(f('2').mul(series))).toBe(true)
    expect(result.annual.high.equals(f('5.5').mul(series))).toBe(true)
    expect(result.peak.high.equals(f('5.5').mul(ratio.pow(11)))).toBe(true)
    expect(result.months).toHaveLength(12)
    expect(result.months[1]?.low.equals(f('2.2'))).toBe(true)
  })

  it('splits month 1 into its parts', () => {
    // Input $0.50 comes from flat, output $0.50 and reasoning 4 × $0.50 = $2.00
    // from thinker.
    const parts = split().workloads[0]?.parts
    expect(parts?.input.equals(f('0.5'))).toBe(true)
    expect(parts?.output.equals(f('0.5'))).toBe(true)
    expect(parts?.reasoning.equals(f('2'))).toBe(true)
    expect(parts?.cachedInput.equals(f(0))).toBe(true)
  })
})

describe('projectCost errors', () => {
  it('rejects an unknown model with suggestions', () => {
    expect(() => project([workload('chat', 'gpt-5.4-nan')])).toThrow(
      UsageFileError
    )
    try {
      project([workload('chat', 'gpt-5.4-nan')])
    } catch (error) {
      const issue = (error as UsageFileError).issues[0]
      expect(issue?.message).toBe('unknown model "gpt-5.4-nan"')
      expect(issue?.fix).toContain('"gpt-5.4-nano"')
      expect(issue?.path).toBe('workloads[0].routes[0].model')
    }
  })

  it('never prices a prefix of a catalog name', () => {
    expect(() => project([workload('chat', 'gpt-5.4')])).toThrow(
      /unknown model "gpt-5.4"/
    )
  })

  it('rejects batch on a model without a batch API', () => {
    const noBatch = model('mistral-small', '0.06', '0.18', {
      provider: 'mistral'
    })
    const config = usage([
      workload('chat', 'mistral-small', { batch: f(1, 2) })
    ])
    expect(() => projectCost(config, catalog(noBatch), RUN_DATE)).toThrow(
      /has no batch API/
    )
  })

  it('rejects a discount for an unknown model', () => {
    expect(() =>
      project([workload('chat', 'gpt-5.4-nano')], {
        discounts: [{ model: 'gpt-5.4-nanoo', off: f(1, 10) }]
      })
    ).toThrow(/discount names unknown model "gpt-5.4-nanoo"/)
  })

  it('warns when cached input has no cached price', () => {
    const result = project([
      workload('chat', 'claude-opus-4.6', {
        cache: { read: f(1, 2), write: f(0), ttl: '5m' }
      })
    ])
    // Cached input priced as input: same as uncached, 2,250.
    expect(result.monthly.expected.equals(f('2250'))).toBe(true)
    expect(result.warnings[0]?.message).toContain('no cached-input price')
  })
})

describe('projectCost with the bundled catalog', () => {
  const bundled = loadCatalog()

  it('prices the worked checks at catalog rates', () => {
    const config = usage([
      workload('nano', 'gpt-5.4-nano'),
      workload('opus', 'Claude Opus 4.6')
    ])
    const result = projectCost(config, bundled, '2026-04-01')
    // $102.50 for GPT-5.4 nano plus $2,250 for Claude Opus 4.6.
    expect(result.workloads[0]?.monthly.expected.equals(f('102.5'))).toBe(true)
    expect(result.workloads[1]?.monthly.expected.equals(f('2250'))).toBe(true)
    expect(result.monthly.expected.equals(f('2352.5'))).toBe(true)
  })

  it('applies the default multiplier to catalog reasoning models', () => {
    // o3 at 2/8 with reasoning ×5: 400 + 250M × 8/1M = 2,400.
    const result = projectCost(
      usage([workload('review', 'o3')]),
      bundled,
      '2026-04-01'
    )
    expect(result.monthly.expected.equals(f('2400'))).toBe(true)
  })
})

describe('projectCost messages', () => {
  const bundled = loadCatalog()

  function projectText(...lines: string[]) {
    const text = ['version: 1', ...lines, ''].join('\n')
    const { config } = parseUsageFile(text, 'ai-usage.yml')
    return projectCost(config, bundled, '2026-12-04')
  }

  function collectIssues(...lines: string[]) {
    try {
      projectText(...lines)
    } catch (error) {
      expect(error).toBeInstanceOf(UsageFileError)
      return (error as UsageFileError).issues
    }
    throw new Error('expected the file to be rejected')
  }

  it('reports a priceless model once', () => {
    // my-ft has no output price, which is the one error: the workload's
    // model is defined, not unknown.
    const issues = collectIssues(
      'models:',
      '  my-ft: { input: 1 }',
      'workloads:',
      '  - name: bot',
      '    model: my-ft',
      '    profile: simple',
      '    requests: { per-day: 1000 }'
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toContain('has no input and output price')
    expect(issues[0]?.line).toBe(3)
  })

  it('names batch-discount for a custom model', () => {
    const issues = collectIssues(
      'models:',
      '  acme-ft: { input: 1, output: 2 }',
      'workloads:',
      '  - name: bot',
      '    model: acme-ft',
      '    profile: simple',
      '    batch: 50%',
      '    requests: { per-day: 1000 }'
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe(
      'model "acme-ft" from models: has no batch-discount, so batch: cannot be priced'
    )
    expect(issues[0]?.fix).toBe(
      'Set batch-discount: under models.acme-ft, or remove batch:'
    )
  })

  it('warns of a retired model at its name', () => {
    const result = projectText(
      'workloads:',
      '  - name: bot',
      '    profile: simple',
      '    model: deepseek-chat',
      '    requests: { per-day: 1000 }'
    )
    expect(result.warnings).toHaveLength(1)
    const [warning] = result.warnings
    // `deepseek-chat` starts at column 12 of line 5.
    expect(warning?.line).toBe(5)
    expect(warning?.column).toBe(12)
    expect(warning?.path).toBe('workloads[0].model')
    expect(warning?.message).toBe(
      'model "deepseek-chat" (deepseek-v3.2) was retired on 2026-07-24'
    )
  })

  it('warns of a missing cached price at the model', () => {
    const result = projectText(
      'models:',
      '  acme-ft: { input: 1, output: 2 }',
      'workloads:',
      '  - name: bot',
      '    profile: simple',
      '    cache: { read: 50% }',
      '    model: acme-ft',
      '    requests: { per-day: 1000 }'
    )
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]?.line).toBe(8)
    expect(result.warnings[0]?.message).toBe(
      'model "acme-ft" has no cached-input price, so cached input is priced as input'
    )
  })
})
