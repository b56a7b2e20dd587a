import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import {
  analyzeFile,
  approveFailures,
  buildReport,
  type AnalyzeOptions,
  type BaseSource,
  type LimitOverrides
} from '../src/analyze.js'
import type { GateCheck } from '../src/cost/gate.js'
import type { FileReport } from '../src/report.js'
import { checkTotalLimits } from '../src/total-limits.js'
import { RUN_DATE, TEST_CATALOG } from './cost/prices.js'

// nano with the "simple" profile costs $102.50 per 1,000,000 requests in
// the test catalog (test/cost/prices.ts), so 2,400,000 requests a month
// cost 2.4 × 102.50 = $246.00.

const OPTIONS: AnalyzeOptions = {
  catalog: TEST_CATALOG,
  runDate: RUN_DATE,
  budgetSource: 'base',
  overrides: {},
  gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' }
}

function usageFile(name: string, perMonth: number, budgets = ''): string {
  return [
    'version: 1',
    'workloads:',
    `  - name: ${name}`,
    '    model: nano',
    '    profile: simple',
    `    requests: { per-month: ${perMonth} }`,
    budgets,
    ''
  ].join('\n')
}

function analyze(file: string, head: string, base: BaseSource): FileReport {
  return analyzeFile(file, head, base, OPTIONS)
}

function check(
  checks: GateCheck[] | undefined,
  limit: string
): GateCheck | undefined {
  return checks?.find(c => c.limit === limit)
}

// One file that stays at $102.50 and three new files of $246.00 each:
// base $102.50, head 102.50 + 3 × 246.00 = $840.50, change +$738.00.
function newFilesRun(): FileReport[] {
  const unchanged = usageFile('search', 1_000_000)
  return [
    analyze('services/a/ai-usage.yml', unchanged, {
      state: 'found',
      text: unchanged
    }),
    ...['b', 'c', 'd'].map(service =>
      analyze(
        `services/${service}/ai-usage.yml`,
        usageFile('chat', 2_400_000),
        { state: 'missing' }
      )
    )
  ]
}

const LIMITS: LimitOverrides = {
  monthly: new Fraction(300),
  increaseMonthly: new Fraction(250)
}

describe('checkTotalLimits', () => {
  it('fails new files that pass one by one', () => {
    const files = newFilesRun()
    // No file has limits of its own, so each passes.
    expect(files.map(f => f.gate?.result)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass'
    ])

    const gate = checkTotalLimits(files, LIMITS, OPTIONS.gate)

    expect(gate?.result).toBe('fail')
    const budget = check(gate?.checks, 'total monthly budget')
    expect(budget?.message).toBe(
      // 840.50 − 300 = 540.50
      '$840.50 is over the total monthly budget of $300.00 by $540.50'
    )
    expect(budget?.yamlPath).toEqual(['max-monthly-cost'])
    const increase = check(gate?.checks, 'total monthly increase limit')
    expect(increase?.message).toBe(
      'the total monthly cost rises by $738.00, over the increase limit of $250.00'
    )
    expect(increase?.yamlPath).toEqual(['max-increase'])
    // Each new file adds +$246.00; the first of the equal ones is named.
    expect(increase?.mover).toBe(
      'the largest increase is workload "chat" in services/b/ai-usage.yml (+$246.00 a month)'
    )
  })

  it('passes a total within the limits', () => {
    // $840.50 against $840.50 and +$738.00 against $738.00: equal passes.
    const gate = checkTotalLimits(
      newFilesRun(),
      { monthly: new Fraction(84050, 100), increaseMonthly: new Fraction(738) },
      OPTIONS.gate
    )
    expect(gate?.result).toBe('pass')
    expect(gate?.checks.map(c => c.status)).toEqual(['pass', 'pass'])
  })

  it('counts spend moved into a new file', () => {
    // triage moves from a, which had it at $102.50, into a new file b at
    // 100 times the volume: 100 × 102.50 = $10,250.00. The total rises
    // from 102.50 + 102.50 = $205.00 to 102.50 + 10,250.00 = $10,352.50,
    // by 10,147.50 / 205 = 4,950%.
    const baseA = [
      'version: 1',
      'workloads:',
      '  - name: search',
      '    model: nano',
      '    profile: simple',
      '    requests: { per-month: 1000000 }',
      '  - name: triage',
      '    model: nano',
      '    profile: simple',
      '    requests: { per-month: 1000000 }',
      ''
    ].join('\n')
    const files = [
      analyze(
        'services/a/ai-usage.yml',
        usageFile(
          'search',
          1_000_000,
          'budgets:\n  increase: { monthly: 200 }'
        ),
        { state: 'found', text: baseA }
      ),
      analyze('services/b/ai-usage.yml', usageFile('triage', 100_000_000), {
        state: 'missing'
      })
    ]

    const gate = checkTotalLimits(
      files,
      { increasePercent: new Fraction(1, 10) },
      OPTIONS.gate
    )

    expect(files[0]?.gate?.result).toBe('pass')
    const percent = check(
      gate?.checks,
      'total monthly increase limit in percent'
    )
    expect(percent?.status).toBe('fail')
    expect(percent?.figure.equals(new Fraction(101475, 2050))).toBe(true)
  })

  it('reports increases unchecked without a priced base', () => {
    const head = usageFile('chat', 1_000_000)
    const files = [
      analyze('a/ai-usage.yml', head, { state: 'found', text: head }),
      analyze('b/ai-usage.yml', head, { state: 'found', text: 'version: [' })
    ]

    const gate = checkTotalLimits(files, LIMITS, OPTIONS.gate)

    // 2 × 102.50 = $205.00 is within $300.
    expect(check(gate?.checks, 'total monthly budget')?.status).toBe('pass')
    const increase = check(gate?.checks, 'total monthly increase limit')
    expect(increase?.status).toBe('warn')
    expect(increase?.message).toBe(
      'the total monthly increase limit was not checked because the base of b/ai-usage.yml could not be priced'
    )
    expect(gate?.result).toBe('warn')
  })

  it('leaves out increases on a run without a base', () => {
    const head = usageFile('chat', 1_000_000)
    const files = [
      analyze('a/ai-usage.yml', head, { state: 'none' }),
      analyze('b/ai-usage.yml', head, { state: 'none' })
    ]

    const gate = checkTotalLimits(files, LIMITS, OPTIONS.gate)

    expect(gate?.checks.map(c => c.limit)).toEqual(['total monthly budget'])
  })

  it('returns nothing without workflow limits', () => {
    expect(checkTotalLimits(newFilesRun(), {}, OPTIONS.gate)).toBeUndefined()
  })

  it('sets the result of the run', () => {
    const files = newFilesRun()
    const report = buildReport(files, {
      runDate: RUN_DATE,
      catalogAsOf: RUN_DATE,
      totalGate: checkTotalLimits(files, LIMITS, OPTIONS.gate)
    })
    expect(report.result).toBe('fail')
  })

  it('lets the override label approve the total', () => {
    const files = newFilesRun()
    const report = buildReport(files, {
      runDate: RUN_DATE,
      catalogAsOf: RUN_DATE,
      totalGate: checkTotalLimits(files, LIMITS, OPTIONS.gate)
    })

    approveFailures(report, 'cost-approved')

    expect(report.result).toBe('warn')
    expect(report.totalGate?.result).toBe('warn')
    expect(report.totalGate?.checks[0]?.message).toBe(
      '$840.50 is over the total monthly budget of $300.00 by $540.50, but the label cost-approved approves it'
    )
  })
})
