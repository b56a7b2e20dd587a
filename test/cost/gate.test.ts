import { describe, expect, it } from 'vitest'
import { diffProjections } from '../../src/cost/diff.js'
import {
  describeCheck,
  evaluateGates,
  type GateLimits
} from '../../src/cost/gate.js'
import { projectCost } from '../../src/cost/project.js'
import { catalog, f, model, usage, workload } from './build.js'

// One model at $1 per 1M input tokens and nothing for output, so a workload's
// monthly cost is its input tokens per month divided by one million.
const flat = catalog(model('flat', '1', '0'))
const BOTH = {
  failOn: new Set(['budget', 'increase'] as const),
  gateOn: 'expected' as const
}

function projectTokens(...inputs: string[]) {
  const workloads = inputs.map((input, index) =>
    workload(`w${index}`, 'flat', { input, output: '0', perMonth: '1' })
  )
  return projectCost(usage(workloads), flat, '2026-12-04')
}

function gate(
  base: ReturnType<typeof projectTokens> | undefined,
  head: ReturnType<typeof projectTokens>,
  limits: Partial<GateLimits>,
  options = BOTH
) {
  const diff = diffProjections(base, head)
  return evaluateGates(base, head, diff, { workloads: {}, ...limits }, options)
}

describe('evaluateGates budgets', () => {
  it('passes costs that add up to the budget exactly', () => {
    // $0.10 + $0.20 = $0.30 exactly; in binary floats 0.1 + 0.2 > 0.3.
    const head = projectTokens('100000', '200000')
    const result = gate(undefined, head, { monthly: f('0.3') })
    expect(result.result).toBe('pass')
  })

  it('fails one cent over the budget', () => {
    // $0.10 + $0.21 = $0.31 against a $0.30 budget.
    const head = projectTokens('100000', '210000')
    const result = gate(undefined, head, { monthly: f('0.3') })
    expect(result.result).toBe('fail')
    expect(result.checks[0]?.message).toBe(
      '$0.31 is over the monthly budget of $0.30 by $0.01'
    )
    expect(result.checks[0]?.mover).toBe(
      'the largest increase is workload "w1" (+$0.21 a month)'
    )
    // A message that stands alone, such as an annotation, names the mover.
    const check = result.checks[0]
    expect(check && describeCheck(check)).toBe(
      '$0.31 is over the monthly budget of $0.30 by $0.01; the largest increase is workload "w1" (+$0.21 a month)'
    )
  })

  it('checks the annual budget against twelve months', () => {
    // $100 a month is $1,200 a year: over a $1,199.99 budget.
    const head = projectTokens('100000000')
    expect(gate(undefined, head, { annual: f('1200') }).result).toBe('pass')
    expect(gate(undefined, head, { annual: f('1199.99') }).result).toBe('fail')
  })

  it('warns above warn-at', () => {
    // $81 of $100 is 81%, above 80%.
    const head = projectTokens('81000000')
    const result = gate(undefined, head, { monthly: f(100), warnAt: f(4, 5) })
    expect(result.result).toBe('warn')
    expect(result.checks[0]?.usage?.equals(f(81, 100))).toBe(true)
  })

  it('only warns for a breach the change does not raise', () => {
    // $120 at the base, $110 at the head, budget $100.
    const base = projectTokens('120000000')
    const head = projectTokens('110000000')
    const result = gate(base, head, { monthly: f(100) })
    expect(result.result).toBe('warn')
    expect(result.checks[0]?.message).toContain(
      'as it already was at the base ($120.00)'
    )
  })

  it('fails a breach the change raises', () => {
    const base = projectTokens('120000000')
    const head = projectTokens('121000000')
    expect(gate(base, head, { monthly: f(100) }).result).toBe('fail')
  })

  it('checks per-workload budgets', () => {
    const head = projectTokens('100000000', '1000000')
    const result = gate(undefined, head, {
      workloads: { w0: { monthly: f(99) } }
    })
    expect(result.result).toBe('fail')
    expect(result.checks[0]?.limit).toBe('workload "w0" monthly budget')
  })
})

describe('evaluateGates increase limits', () => {
  it('fails an increase over the dollar limit', () => {
    // $100 → $600.01: +$500.01 against a $500 limit.
    const base = projectTokens('100000000')
    const head = projectTokens('600010000')
    const result = gate(base, head, { increaseMonthly: f(500) })
    expect(result.result).toBe('fail')
    expect(result.checks[0]?.message).toContain(
      'rises by $500.01, over the increase limit of $500.00'
    )
  })

  it('passes an increase equal to the limit', () => {
    const base = projectTokens('100000000')
    const head = projectTokens('600000000')
    expect(gate(base, head, { increaseMonthly: f(500) }).result).toBe('pass')
  })

  it('fails an increase over the percent limit', () => {
    // $100 → $110.01 is +10.01%, over 10%; $110 is exactly 10% and passes.
    const base = projectTokens('100000000')
    expect(
      gate(base, projectTokens('110010000'), { increasePercent: f(1, 10) })
        .result
    ).toBe('fail')
    expect(
      gate(base, projectTokens('110000000'), { increasePercent: f(1, 10) })
        .result
    ).toBe('pass')
  })

  it('skips the percent limit on a zero base', () => {
    const result = gate(undefined, projectTokens('100000000'), {
      increasePercent: f(1, 10)
    })
    expect(result.result).toBe('pass')
  })

  it('never fails a decrease', () => {
    const base = projectTokens('900000000')
    const head = projectTokens('100000000')
    expect(
      gate(base, head, { increaseMonthly: f(0), increasePercent: f(0) }).result
    ).toBe('pass')
  })

  it('only reports with fail-on none', () => {
    const head = projectTokens('100000000')
    const result = gate(
      undefined,
      head,
      { monthly: f(1) },
      { failOn: new Set(), gateOn: 'expected' }
    )
    expect(result.result).toBe('warn')
  })
})

describe('diffProjections', () => {
  it('matches workloads by name and sorts changes first', () => {
    const base = projectCost(
      usage([
        workload('same', 'flat', {
          input: '1000000',
          output: '0',
          perMonth: '1'
        }),
        workload('gone', 'flat', {
          input: '2000000',
          output: '0',
          perMonth: '1'
        }),
        workload('grows', 'flat', {
          input: '1000000',
          output: '0',
          perMonth: '1'
        })
      ]),
      flat,
      '2026-12-04'
    )
    const head = projectCost(
      usage([
        workload('same', 'flat', {
          input: '1000000',
          output: '0',
          perMonth: '1'
        }),
        workload('grows', 'flat', {
          input: '4000000',
          output: '0',
          perMonth: '1'
        }),
        workload('new', 'flat', { input: '500000', output: '0', perMonth: '1' })
      ]),
      flat,
      '2026-12-04'
    )
    const diff = diffProjections(base, head)
    // grows: +$3 (+300%); gone: −$2; new: +$0.50 (no percent); same: $0.
    expect(diff.workloads.map(w => [w.name, w.status])).toEqual([
      ['grows', 'changed'],
      ['gone', 'removed'],
      ['new', 'added'],
      ['same', 'unchanged']
    ])
    expect(diff.workloads[0]?.monthly.percent?.equals(f(3))).toBe(true)
    expect(diff.workloads[2]?.monthly.percent).toBeUndefined()
    // Total: $4 → $5.50, +$1.50, +37.5%.
    expect(diff.monthly.delta.equals(f('1.5'))).toBe(true)
    expect(diff.monthly.percent?.equals(f(3, 8))).toBe(true)
  })

  it('keeps file order for equal changes', () => {
    // 1M input tokens at $1 per 1M is $1 a request, so each change below is
    // $1 in size: 2 → 3 requests a month or 2 → 1.
    const priced = (volumes: [string, string][]) =>
      projectCost(
        usage(
          volumes.map(([name, perMonth]) =>
            workload(name, 'flat', { input: '1000000', output: '0', perMonth })
          )
        ),
        flat,
        '2026-12-04'
      )
    const base = priced([
      ['b-up', '2'],
      ['a-down', '2'],
      ['c-up', '2'],
      ['d-down', '2']
    ])
    const head = priced([
      ['b-up', '3'],
      ['a-down', '1'],
      ['c-up', '3'],
      ['d-down', '1']
    ])
    const diff = diffProjections(base, head)
    expect(diff.workloads.map(w => w.name)).toEqual([
      'b-up',
      'a-down',
      'c-up',
      'd-down'
    ])
  })
})
