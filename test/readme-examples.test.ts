import { readFileSync } from 'node:fs'
import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../src/config/parse.js'
import { formatCentsPlain, formatUsd } from '../src/cost/money.js'
import { projectCost } from '../src/cost/project.js'
import { loadCatalog } from '../src/pricing/catalog.js'
import { loadPricingFile } from '../src/pricing/pricing-file.js'

// The README's examples of a usage file and a pricing file must stay valid,
// and its statements about figures must match what the engine does.

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** Returns the first ```yaml block after a heading. */
function yamlAfter(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  const block = /```yaml\n([\s\S]*?)```/.exec(README.slice(start))
  if (!block?.[1]) throw new Error(`no YAML block after ${heading}`)
  return block[1]
}

// The README prose wraps lines, so statements are matched with single spaces.
const PROSE = README.replace(/\s+/g, ' ')

/** Checks that the README states a sentence, naming only the sentence when it does not. */
function expectStated(statement: string): void {
  expect(PROSE.includes(statement), `README states: ${statement}`).toBe(true)
}

describe('README examples', () => {
  it('has a usage file that prices without warnings', () => {
    const { config, warnings } = parseUsageFile(
      yamlAfter('## The usage file'),
      'ai-usage.yml'
    )
    expect(warnings).toEqual([])
    const projection = projectCost(config, loadCatalog(), '2026-12-04')
    expect(projection.warnings).toEqual([])
    expect(projection.workloads.map(w => w.workload.name)).toEqual([
      'ticket-triage',
      'support-replies',
      'contract-review',
      'assistant'
    ])
  })

  it('has a usage file within its own budgets', () => {
    const { config } = parseUsageFile(
      yamlAfter('## The usage file'),
      'ai-usage.yml'
    )
    const projection = projectCost(config, loadCatalog(), '2026-12-04')
    const { monthly, annual, increase, workloads } = config.budgets
    if (!monthly || !annual || !increase.monthly) {
      throw new Error(
        'the README example sets no monthly, annual or increase budget'
      )
    }
    expect(projection.monthly.expected.compare(monthly)).toBe(-1)
    expect(projection.annual.expected.compare(annual)).toBe(-1)
    const budgeted = Object.entries(workloads)
    expect(budgeted.length).toBeGreaterThan(0)
    for (const [name, limits] of budgeted) {
      const workload = projection.workloads.find(w => w.workload.name === name)
      const cost = workload?.monthly.expected ?? new Fraction(0)
      expect(cost.compare(limits.monthly ?? new Fraction(0)), name).toBe(-1)
    }
    // As a new file its whole monthly cost is the increase, which the README
    // states is over increase.monthly.
    expect(projection.monthly.expected.compare(increase.monthly)).toBe(1)
    expectStated(
      "it still fails `increase.monthly: 500`, because a new file's whole monthly cost is the increase"
    )
  })

  it('has a pricing file that loads', () => {
    const loaded = loadPricingFile(
      loadCatalog(),
      yamlAfter('## Prices'),
      'prices.yml'
    )
    expect(loaded.format).toBe('catalog')
    expect(loaded.warnings).toEqual([])
    expect(loaded.summary).toEqual({
      updated: 2,
      added: 1,
      skipped: 0,
      outranked: 0
    })
  })
})

describe('README statements', () => {
  /** Prices one workload on the bundled catalog and returns its month-1 and month-2 cost. */
  function price(workload: string[]): { month1: string; month2: string } {
    const text = [
      'version: 1',
      'workloads:',
      ...workload.map((line, index) => (index ? '    ' : '  - ') + line)
    ].join('\n')
    const { config } = parseUsageFile(text, 'ai-usage.yml')
    const projection = projectCost(config, loadCatalog(), '2026-12-04')
    const [month1, month2] = projection.months.map(m => formatUsd(m.expected))
    return { month1: month1 ?? '', month2: month2 ?? '' }
  }

  it('shows sub-dollar amounts with four decimals', () => {
    expectStated(
      'show an amount below one dollar with up to four decimals (`$0.0042`, rounded half up)'
    )
    expectStated('Step outputs and the JSON report always round')
    expect(formatUsd(new Fraction(42, 10000))).toBe('$0.0042')
    expect(formatUsd(new Fraction(420005, 100000000))).toBe('$0.0042')
    expect(formatCentsPlain(new Fraction(42, 10000))).toBe('0.00')
  })

  it('prices the long-context example', () => {
    // By hand: 1,000 × (300,000 × 5 + 1,000 × 22.50) / 1M = 1,522.50, and
    // 1,000 × (272,000 × 2.50 + 1,000 × 15) / 1M = 680 + 15 = 695.
    expectStated('= $1,522.50')
    expectStated('at 272,000 input tokens they cost $695.00')
    const at = (input: number) =>
      price([
        'name: docs',
        'model: gpt-5.4',
        `tokens: { input: ${input}, output: 1000 }`,
        'requests: { per-month: 1000 }'
      ]).month1
    expect(at(300000)).toBe('$1,522.50')
    expect(at(272000)).toBe('$695.00')
  })

  it('bills retries above 100%', () => {
    // 150% retries: 2.5 billed requests each. 1,000 requests × 2.5 ×
    // (200 × 0.20 + 50 × 1.25) / 1M = 2,500 × 0.0001025 = 0.25625.
    expectStated('`150%` bills 2.5 requests for each one')
    const { month1 } = price([
      'name: chat',
      'model: gpt-5.4-nano',
      'profile: simple',
      'retries: 150%',
      'requests: { per-month: 1000 }'
    ])
    expect(month1).toBe('$0.2563')
  })

  it('doubles the volume with a bare growth of 1', () => {
    // 1M requests × 0.0001025 = 102.50 in month 1 and 205 in month 2.
    expectStated('A bare `1` is 100%: the volume doubles every month')
    expectStated('negative for a shrinking workload (`-5%`)')
    const { month1, month2 } = price([
      'name: chat',
      'model: gpt-5.4-nano',
      'profile: simple',
      'requests: { per-month: 1000000, growth: 1 }'
    ])
    expect([month1, month2]).toEqual(['$102.50', '$205.00'])
  })

  it('documents reasoning ranges and cache TTLs', () => {
    expectStated(
      '`range: [low, high]` gives the low and high multipliers or token counts'
    )
    expectStated(
      '`5m` (the default) prices writes at `cache-write-5m`, `1h` at `cache-write-1h`'
    )
  })
})
