import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import {
  analyzeFile,
  buildReport,
  type AnalyzeOptions,
  type BaseSource
} from '../src/analyze.js'
import { loadPricingFile } from '../src/pricing/pricing-file.js'
import type { FileReport } from '../src/report.js'
import { RUN_DATE, TEST_CATALOG } from './cost/prices.js'

// Where the limits of one file come from when its base cannot be read or
// priced. nano with the "simple" profile costs 102.50 per 1M requests in
// the test catalog (test/cost/prices.ts).

function usageFile(perMonth: number, monthly: number, model = 'nano'): string {
  return [
    'version: 1',
    'workloads:',
    '  - name: chat',
    `    model: ${model}`,
    '    profile: simple',
    `    requests: { per-month: ${perMonth} }`,
    'budgets:',
    `  monthly: ${monthly}`,
    '  increase: { monthly: 10 }',
    ''
  ].join('\n')
}

// Head: 1M requests, 102.50 a month, with its own budget raised to 1,000.
const HEAD = usageFile(1_000_000, 1000)

function analyze(
  base: BaseSource,
  options: Partial<AnalyzeOptions> = {}
): FileReport {
  return analyzeFile('ai-usage.yml', HEAD, base, {
    catalog: TEST_CATALOG,
    runDate: RUN_DATE,
    budgetSource: 'base',
    overrides: {},
    gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' },
    ...options
  })
}

function statuses(report: FileReport): string[] {
  return (report.gate?.checks ?? []).map(c => `${c.limit}: ${c.status}`)
}

describe('analyzeFile limits without a priced base', () => {
  it('fails an unreadable base without head budgets', () => {
    const report = analyze({ state: 'unavailable', reason: '502' })
    expect(report.limitsSource).toBe('inputs')
    expect(statuses(report)).toEqual([])
    expect(report.baseFailure).toContain('could not be read')
    const run = buildReport([report], {
      runDate: RUN_DATE,
      catalogAsOf: RUN_DATE
    })
    expect(run.result).toBe('error')
    expect(run.failures).toEqual([report.baseFailure])
  })

  it('keeps workflow limits when the base is unreadable', () => {
    // max-monthly-cost of 100: 102.50 is over it whatever the base sets.
    const report = analyze(
      { state: 'unavailable', reason: '502' },
      { overrides: { monthly: new Fraction(100) } }
    )
    expect(statuses(report)).toEqual(['monthly budget: fail'])
  })

  it('applies the budgets of an unpriceable base', () => {
    // The base names a model the catalog does not have.
    const base = usageFile(500_000, 100, 'retired-model')
    const report = analyze({ state: 'found', text: base })
    expect(report.baseState).toBe('invalid')
    expect(report.limitsSource).toBe('base')
    // 102.50 is over the base's 100; the base's increase limit of 10
    // cannot be checked without the base's cost.
    expect(statuses(report)).toEqual([
      'monthly budget: fail',
      'monthly increase limit: warn'
    ])
    expect(report.baseNote).toContain(
      "Its budgets section is valid, so the base's budgets apply."
    )
  })

  it('applies base budgets when base prices are invalid', () => {
    const report = analyze(
      { state: 'found', text: usageFile(500_000, 100) },
      { basePrices: { unavailable: 'the pricing file is invalid' } }
    )
    expect(report.baseState).toBe('invalid')
    expect(report.baseFailure).toBeUndefined()
    expect(statuses(report)[0]).toBe('monthly budget: fail')
  })

  it('fails when base prices cannot be read', () => {
    const report = analyze(
      { state: 'found', text: usageFile(500_000, 100) },
      { basePrices: { unavailable: 'read failed', unreadable: true } }
    )
    expect(report.baseState).toBe('unavailable')
    expect(report.baseFailure).toContain('read failed')
    // The base's budgets still apply, not the head's.
    expect(report.limitsSource).toBe('base')
    expect(statuses(report)[0]).toBe('monthly budget: fail')
  })

  it('warns when the head budgets stand in', () => {
    const base = 'version: 2\nbudgets:\n  monthly: [100]\n'
    const report = analyze({ state: 'found', text: base })
    expect(report.limitsSource).toBe('head')
    expect(report.limitsWarning).toContain(
      "because the base's budgets section is invalid too (line 3:"
    )
    const run = buildReport([report], {
      runDate: RUN_DATE,
      catalogAsOf: RUN_DATE
    })
    expect(run.result).toBe('warn')
  })
})

describe('analyzeFile with a pricing file', () => {
  it('warns of an entry close to a used model', () => {
    // The entry adds nanoo, which no workload uses, one letter from nano.
    const text = [
      'models:',
      '  - id: nanoo',
      '    provider: openai',
      '    prices: [{ input: 0.1, output: 1 }]',
      ''
    ].join('\n')
    const pricing = loadPricingFile(TEST_CATALOG, text, 'prices.yml')
    const report = analyze(
      { state: 'missing' },
      { catalog: pricing.catalog, pricingFile: pricing }
    )
    expect(report.warnings.map(warning => warning.value)).toEqual(['nanoo'])
    expect(report.warnings[0]?.file).toBe('prices.yml')
    expect(report.warnings[0]?.line).toBe(2)
  })

  it('stays quiet without a pricing file', () => {
    expect(analyze({ state: 'missing' }).warnings).toEqual([])
  })
})
