import { describe, expect, it } from 'vitest'
import {
  analyzeFile,
  buildReport,
  describeCatalogAge,
  type BaseSource
} from '../../src/analyze.js'
import type { FileReport } from '../../src/report.js'
import { RUN_DATE, TEST_CATALOG } from './prices.js'

// Gates on usage files priced with the test catalog (prices.ts). nano with
// "simple" costs 102.50 per 1M requests; think (reasoning ×5, range ×3 to
// ×10) costs 2.40 per 1,000 requests, from 1.60 to 4.40.

function usageFile(workloads: string[][], budgets: string[]): string {
  return [
    'version: 1',
    'workloads:',
    ...workloads.flatMap(lines =>
      lines.map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`))
    ),
    'budgets:',
    ...budgets.map(line => `  ${line}`)
  ].join('\n')
}

function nano(name: string, perMonth: number): string[] {
  return [
    `name: ${name}`,
    'model: nano',
    'profile: simple',
    `requests: { per-month: ${perMonth} }`
  ]
}

function think(perMonth: number): string[] {
  return [
    'name: review',
    'model: think',
    'profile: simple',
    `requests: { per-month: ${perMonth} }`
  ]
}

function analyze(
  base: string | BaseSource,
  head: string,
  gateOn: 'expected' | 'high' = 'expected'
): FileReport {
  return analyzeFile(
    'ai-usage.yml',
    head,
    typeof base === 'string' ? { state: 'found', text: base } : base,
    {
      catalog: TEST_CATALOG,
      runDate: RUN_DATE,
      budgetSource: 'base',
      overrides: {},
      gate: { failOn: new Set(['budget', 'increase']), gateOn }
    }
  )
}

function statuses(report: FileReport): string[] {
  return (report.gate?.checks ?? []).map(c => `${c.limit}: ${c.status}`)
}

describe('budgets already exceeded at the base', () => {
  it('warns when the change leaves the breach as it is', () => {
    // 1M nano requests, 102.50, against a 100 budget on both sides.
    const text = usageFile([nano('chat', 1000000)], ['monthly: 100'])
    const report = analyze(text, text)
    expect(statuses(report)).toEqual(['monthly budget: warn'])
    expect(report.gate?.checks[0]?.message).toBe(
      '$102.50 is over the monthly budget of $100.00 by $2.50, as it already was at the base ($102.50); this change does not raise it'
    )
  })

  it('warns when the change lowers a breach', () => {
    // 1.1M requests at the base cost 112.75; 1M at the head, 102.50.
    const base = usageFile([nano('chat', 1100000)], ['monthly: 100'])
    const head = usageFile([nano('chat', 1000000)], ['monthly: 100'])
    expect(statuses(analyze(base, head))).toEqual(['monthly budget: warn'])
  })

  it('fails when the change raises a breach by a request', () => {
    // 1,000,001 requests: 102.5001025, above the base's 102.50.
    const base = usageFile([nano('chat', 1000000)], ['monthly: 100'])
    const head = usageFile([nano('chat', 1000001)], ['monthly: 100'])
    const report = analyze(base, head)
    expect(statuses(report)).toEqual(['monthly budget: fail'])
    expect(report.gate?.result).toBe('fail')
  })

  it('fails a new breach', () => {
    // 0.9M requests: 92.25 at the base, under 100; 102.50 at the head.
    const base = usageFile([nano('chat', 900000)], ['monthly: 100'])
    const head = usageFile([nano('chat', 1000000)], ['monthly: 100'])
    expect(statuses(analyze(base, head))).toEqual(['monthly budget: fail'])
  })

  it('judges a workload budget by that workload alone', () => {
    // chat stays at 102.50 over its 100 budget; other grows from 10.25 to
    // 20.50 and the 500 total still passes.
    const budgets = ['monthly: 500', 'workloads:', '  chat: { monthly: 100 }']
    const base = usageFile(
      [nano('chat', 1000000), nano('other', 100000)],
      budgets
    )
    const head = usageFile(
      [nano('chat', 1000000), nano('other', 200000)],
      budgets
    )
    const report = analyze(base, head)
    expect(statuses(report)).toEqual([
      'monthly budget: pass',
      'workload "chat" monthly budget: warn'
    ])
    expect(report.gate?.result).toBe('warn')
  })

  it('fails the file when the base cannot be read', () => {
    // The budgets come from the base, which is unknown, so the head's own
    // budget is not applied in its place, and the file fails instead.
    const head = usageFile([nano('chat', 1000000)], ['monthly: 100'])
    const report = analyze(
      { state: 'unavailable', reason: 'the API returned 502' },
      head
    )
    expect(statuses(report)).toEqual([])
    expect(report.limitsSource).toBe('inputs')
    expect(report.baseFailure).toBe(
      'The base version of ai-usage.yml could not be read, so the change and the limits that come from the base were not checked: the API returned 502'
    )
  })
})

describe('gate-on', () => {
  // 30,000 think requests: 72 expected, 48 to 132; the budget is 100.
  const text = usageFile([think(30000)], ['monthly: 100'])

  it('checks the expected figure by default', () => {
    const report = analyze({ state: 'missing' }, text)
    expect(statuses(report)).toEqual(['monthly budget: pass'])
    expect(report.gate?.checks[0]?.figure.toFraction()).toBe('72')
  })

  it('checks the top of the range with high', () => {
    const report = analyze({ state: 'missing' }, text, 'high')
    expect(statuses(report)).toEqual(['monthly budget: fail'])
    expect(report.gate?.checks[0]?.figure.toFraction()).toBe('132')
  })

  it('treats a high breach at the base as already there', () => {
    const report = analyze(text, text, 'high')
    expect(statuses(report)).toEqual(['monthly budget: warn'])
  })

  it('compares increases between the high figures', () => {
    // 30,000 → 40,000 requests: high 132 → 176, +44; expected +24.
    const base = usageFile([think(30000)], ['increase: { monthly: 30 }'])
    const head = usageFile([think(40000)], ['increase: { monthly: 30 }'])
    expect(statuses(analyze(base, head))).toEqual([
      'monthly increase limit: pass'
    ])
    expect(statuses(analyze(base, head, 'high'))).toEqual([
      'monthly increase limit: fail'
    ])
  })
})

describe('gate-on high messages', () => {
  // 30,000 think requests with simple: 6M input tokens × 2/1M = 12, and
  // 1.5M visible output tokens × 8/1M = 12 a multiple. Expected ×5: 72;
  // high ×10: 12 + 120 = 132.
  const text = usageFile([think(30000)], ['monthly: 100', 'annual: 2000'])

  it('names the high estimate over a budget', () => {
    const report = analyze({ state: 'missing' }, text, 'high')
    expect(report.gate?.checks[0]?.message).toBe(
      'the high estimate $132.00 (reasoning ×10) is over the monthly budget of $100.00 by $32.00'
    )
    expect(report.gate?.checks[0]?.mover).toBe(
      'the largest increase is workload "review" (+$72.00 a month)'
    )
  })

  it('names the high estimate within a budget', () => {
    // Annual high: 12 × 132 = 1,584.
    const report = analyze({ state: 'missing' }, text, 'high')
    expect(report.gate?.checks[1]?.message).toBe(
      'the high estimate $1,584.00 (reasoning ×10) is within the annual budget of $2,000.00'
    )
  })

  it('keeps plain figures with the expected gate', () => {
    const report = analyze({ state: 'missing' }, text)
    expect(report.gate?.checks[1]?.message).toBe(
      '$864.00 is within the annual budget of $2,000.00'
    )
  })

  it('names reasoning tokens and several ranges', () => {
    // review: tokens 100, range [50, 400] on think: 6M input × 2/1M = 12;
    // high output (50 + 400) × 30,000 = 13.5M tokens × 8/1M = 108; 120.
    // chat on nano without reasoning: 102.50 per 1M requests, 1,000,000.
    const workloads = [
      [...think(30000), 'reasoning: { tokens: 100, range: [50, 400] }'],
      [
        'name: deep',
        'model: think',
        'profile: simple',
        'reasoning: { multiplier: 4, range: [2, 6] }',
        'requests: { per-month: 10000 }'
      ],
      nano('chat', 1000000)
    ]
    // deep high ×6: 2M input × 2/1M = 4, 0.5M × 6 × 8/1M = 24; 28.
    // Total high: 120 + 28 + 102.50 = 250.50.
    const report = analyze(
      { state: 'missing' },
      usageFile(workloads, ['monthly: 300']),
      'high'
    )
    expect(report.gate?.checks[0]?.message).toBe(
      'the high estimate $250.50 (reasoning +400 tokens and ×6) is within the monthly budget of $300.00'
    )
  })

  it('names the high estimate of an increase', () => {
    // 30,000 → 40,000 requests: high 132 → 176, +44, and +33.3%.
    const base = usageFile(
      [think(30000)],
      ['increase: { monthly: 30, percent: 50% }']
    )
    const head = usageFile(
      [think(40000)],
      ['increase: { monthly: 30, percent: 50% }']
    )
    const checks = analyze(base, head, 'high').gate?.checks ?? []
    expect(checks[0]?.message).toBe(
      'the high estimate (reasoning ×10) of the monthly cost rises by $44.00, over the increase limit of $30.00'
    )
    expect(checks[0]?.mover).toBe(
      'the largest increase is workload "review" (+$24.00 a month)'
    )
    expect(checks[1]?.message).toBe(
      'the monthly change of the high estimate (reasoning ×10), +33.3%, is within the increase limit of 50.0%'
    )
  })

  it('names the high estimate of a breach at the base', () => {
    const report = analyze(text, text, 'high')
    expect(report.gate?.checks[0]?.message).toBe(
      'the high estimate $132.00 (reasoning ×10) is over the monthly budget of $100.00 by $32.00, as it already was at the base ($132.00); this change does not raise it'
    )
  })
})

describe('catalog age', () => {
  it('stays quiet up to 180 days', () => {
    // 2026-09-23 to 2027-03-22 is 180 days.
    expect(describeCatalogAge('2026-09-23', '2027-03-22')).toBeUndefined()
  })

  it('warns from 181 days, naming the date and the fix', () => {
    expect(describeCatalogAge('2026-09-23', '2027-03-23')).toBe(
      "The bundled prices were checked on 2026-09-23, 181 days before this run, and may be out of date. Set current rates under models: in the usage file, pass a pricing-file (such as LiteLLM's model_prices_and_context_window.json), or update ai-budget."
    )
  })

  it('puts the warning in the report notes', () => {
    const text = usageFile([nano('chat', 1000)], ['monthly: 100'])
    const file = analyze(text, text)
    const stale = buildReport([file], {
      runDate: '2027-06-01',
      catalogAsOf: '2026-09-23'
    })
    expect(stale.notes).toHaveLength(1)
    expect(stale.notes[0]).toContain('checked on 2026-09-23, 251 days before')
    const fresh = buildReport([file], {
      runDate: '2026-12-04',
      catalogAsOf: '2026-09-23'
    })
    expect(fresh.notes).toEqual([])
  })
})
