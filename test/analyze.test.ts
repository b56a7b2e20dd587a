import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import {
  analyzeFile,
  approveFailures,
  buildReport,
  type AnalyzeOptions,
  type BaseSource
} from '../src/analyze.js'
import { buildAnnotations } from '../src/annotations.js'
import { loadPricingFile } from '../src/pricing/pricing-file.js'
import { toJsonReport } from '../src/render/json.js'
import { renderMarkdown } from '../src/render/markdown.js'
import { renderText } from '../src/render/text.js'
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

/** Returns a run's result, then its result once the override label approves it. */
function approvedResults(report: FileReport): string[] {
  const run = buildReport([report], {
    runDate: RUN_DATE,
    catalogAsOf: RUN_DATE
  })
  const before = run.result
  approveFailures(run, 'cost-approved')
  return [before, run.result]
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

describe('analyzeFile workload budgets from the base', () => {
  function withWorkload(name: string, perMonth: number): string {
    return [
      'version: 1',
      'workloads:',
      `  - name: ${name}`,
      '    model: nano',
      '    profile: simple',
      `    requests: { per-month: ${perMonth} }`,
      ''
    ].join('\n')
  }

  // The base budgets chat at 100 a month and has a second workload, other.
  const BASE_TEXT = [
    withWorkload('chat', 500_000),
    withWorkload('other', 1_000).replace('version: 1\nworkloads:\n', ''),
    'budgets:\n  workloads:\n    chat: { monthly: 100 }\n'
  ].join('')

  function analyzeWorkloads(
    headText: string,
    options: Partial<AnalyzeOptions> = {}
  ): FileReport {
    return analyzeFile(
      'ai-usage.yml',
      headText,
      { state: 'found', text: BASE_TEXT },
      {
        catalog: TEST_CATALOG,
        runDate: RUN_DATE,
        budgetSource: 'base',
        overrides: {},
        gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' },
        ...options
      }
    )
  }

  it('fails a budget the head renamed away', () => {
    // The head renames chat to "сhat" with a Cyrillic U+0441 at 1M
    // requests (102.50), so no head workload has the budget.
    const report = analyzeWorkloads(withWorkload('сhat', 1_000_000))
    const check = report.gate?.checks[0]
    expect(statuses(report)).toEqual(['workload "chat" monthly budget: fail'])
    expect(check?.message).toBe(
      'the workload "chat" monthly budget of $100.00 names no workload at the head, and this change adds "сhat" (with U+0441): a renamed workload keeps its budget only under its old name. Keep the old name, or add the label that the override-label input names to approve it'
    )
    expect(approvedResults(report)).toEqual(['fail', 'warn'])
  })

  it('warns of a budget whose workload is removed', () => {
    // The head keeps only other, so nothing is added.
    const report = analyzeWorkloads(withWorkload('other', 1_000))
    const check = report.gate?.checks[0]
    expect(statuses(report)).toEqual(['workload "chat" monthly budget: warn'])
    expect(check?.message).toBe(
      'the workload "chat" monthly budget of $100.00 was not checked because this change has no workload named "chat". A budget follows the workload\'s name, so a renamed workload leaves its budget behind'
    )
    expect(check?.notApplicable).toBe(true)
    const run = buildReport([report], {
      runDate: RUN_DATE,
      catalogAsOf: RUN_DATE
    })
    expect(run.result).toBe('warn')
  })

  it('warns of a rename when fail-on is none', () => {
    const report = analyzeWorkloads(withWorkload('chat-v2', 1_000_000), {
      gate: { failOn: new Set(), gateOn: 'expected' }
    })
    expect(statuses(report)).toEqual(['workload "chat" monthly budget: warn'])
  })
})

describe('analyzeFile price settings from the base', () => {
  // Base: 500,000 requests of nano at 102.50 per 1M requests, $51.25 a
  // month, with a budget of 100 and an increase limit of 10. Each head
  // sends 1M requests, $102.50 a month at the catalog's prices.
  const BASE: BaseSource = { state: 'found', text: usageFile(500_000, 100) }

  function withSettings(settings: string, headText = HEAD): string {
    return `${headText}${settings}`
  }

  function analyzeHead(
    headText: string,
    options: Partial<AnalyzeOptions> = {},
    base: BaseSource = BASE
  ): FileReport {
    return analyzeFile('ai-usage.yml', headText, base, {
      catalog: TEST_CATALOG,
      runDate: RUN_DATE,
      budgetSource: 'base',
      overrides: {},
      gate: { failOn: new Set(['budget', 'increase']), gateOn: 'expected' },
      ...options
    })
  }

  const LOWERED = withSettings(
    'models:\n  nano: { input: 0.01, output: 0.01 }\n'
  )

  const CUSTOM = usageFile(1_000_000, 1000, 'custom').concat(
    'models:\n  custom: { provider: acme, input: 1, output: 2 }\n'
  )

  it('prices a lowered model with the base', () => {
    const report = analyzeHead(LOWERED)
    // The base's catalog prices: 1M × (200 × 0.20 + 50 × 1.25) / 1M.
    expect(report.head?.monthly.expected.toString()).toBe('102.5')
    expect(statuses(report)).toEqual([
      'monthly budget: fail',
      'monthly increase limit: fail'
    ])
    expect(report.priceSettingsChange?.applied).toBe('base')
    expect(report.priceSettingsChange?.edits).toEqual([
      'models: nano input 0.20 → 0.01, output 1.25 → 0.01'
    ])
  })

  it('names the head figure with its own prices', () => {
    const report = analyzeHead(LOWERED)
    // Own prices: 1M × (200 × 0.01 + 50 × 0.01) / 1M = 2.50.
    const own = report.priceSettingsChange?.headOwnSettings
    expect(own?.monthly.expected.toString()).toBe('2.5')
    // Annual: 12 × 2.50 with no growth.
    expect(own?.annual.expected.toString()).toBe('30')
    expect(report.priceSettingsChange?.message).toBe(
      "This change edits price settings (models: nano input 0.20 → 0.01, output 1.25 → 0.01). They apply after merge; this run prices both sides with the base's settings. With this change's own settings the head would cost $2.50 a month."
    )
  })

  it('keeps the attribution exact', () => {
    const report = analyzeHead(LOWERED)
    const parts = report.attribution?.monthly
    // Both sides have the base's prices, so all of 102.50 − 51.25 is volume.
    expect(parts?.price.toString()).toBe('0')
    expect(parts?.volume.toString()).toBe('51.25')
    expect(report.diff?.monthly.delta.toString()).toBe('51.25')
  })

  it('prices an added discount with the base', () => {
    const report = analyzeHead(
      withSettings('discounts:\n  - { provider: openai, off: 99% }\n')
    )
    expect(report.head?.monthly.expected.toString()).toBe('102.5')
    expect(report.priceSettingsChange?.edits).toEqual([
      'discounts: + openai 99% off'
    ])
    // Own settings: 102.50 × (1 − 0.99) = 1.025, shown as $1.03.
    expect(
      report.priceSettingsChange?.headOwnSettings?.monthly.expected.toString()
    ).toBe('1.025')
    expect(statuses(report)).toContain('monthly budget: fail')
  })

  it('keeps the prices of a model only the head has', () => {
    const report = analyzeHead(CUSTOM)
    // custom: 1.00 in, 2.00 out. 1M × (200 × 1 + 50 × 2) / 1M = 300.
    expect(report.head?.monthly.expected.toString()).toBe('300')
    expect(report.priceSettingsChange?.edits).toEqual([
      'models: + custom (price set by this change)'
    ])
    expect(report.priceSettingsChange?.headOnlyModels).toEqual(['custom'])
    expect(report.priceSettingsChange?.message).toBe(
      "This change edits price settings (models: + custom (price set by this change)). They apply after merge; this run prices both sides with the base's settings. Only this change defines custom (input 1.00, output 2.00 per 1M tokens), so the base cannot price it, and it keeps this change's prices. The cost change books a move to it as \"model\", although this change set the price. With this change's own settings the head would cost $300.00 a month."
    )
  })

  it('fails a workload on a model only the head has', () => {
    const report = analyzeHead(CUSTOM)
    // 300 is within the head's budget of 1,000 but the base's limits are
    // 100 a month and +10: 300 − 51.25 = 248.75 over both.
    const check = report.gate?.checks.find(c => c.limit.includes('custom'))
    expect(check?.status).toBe('fail')
    expect(check?.figure.toString()).toBe('300')
    expect(check?.approval).toBe(true)
    expect(check?.message).toBe(
      'workload "chat" uses the model custom, which only this change defines (input 1.00, output 2.00 per 1M tokens), so the base cannot check the price of its $300.00 a month. Land the price in a change of its own first, or add the label that the override-label input names to approve it'
    )
    expect(approvedResults(report)).toEqual(['fail', 'warn'])
    expect(check?.message).toBe(
      'workload "chat" uses the model custom, which only this change defines (input 1.00, output 2.00 per 1M tokens), so the base cannot check the price of its $300.00 a month, but the label cost-approved approves it'
    )
  })

  it('fails several head-only models in one check', () => {
    // chat on custom: 300, as above. bot on custom2 at 0.50 in, 1.00 out:
    // 1M × (200 × 0.5 + 50 × 1) / 1M = 150. Together 450.
    const head = [
      'version: 1',
      'models:',
      '  custom: { provider: acme, input: 1, output: 2 }',
      '  custom2: { provider: acme, input: 0.5, output: 1 }',
      'workloads:',
      '  - { name: chat, model: custom, profile: simple, requests: { per-month: 1000000 } }',
      '  - { name: bot, model: custom2, profile: simple, requests: { per-month: 1000000 } }',
      ''
    ].join('\n')
    const report = analyzeHead(head)
    const checks = (report.gate?.checks ?? []).filter(c =>
      c.limit.includes('priced by this change')
    )
    expect(checks).toHaveLength(1)
    expect(checks[0]?.limit).toBe('2 workloads on models priced by this change')
    expect(checks[0]?.figure.toString()).toBe('450')
    expect(checks[0]?.status).toBe('fail')
    expect(checks[0]?.message).toBe(
      '2 workloads use models that only this change defines, so the base cannot check the price of their $450.00 a month: workload "chat" on custom (input 1.00, output 2.00 per 1M tokens), workload "bot" on custom2 (input 0.50, output 1.00 per 1M tokens). Land the prices in a change of their own first, or add the label that the override-label input names to approve it'
    )
  })

  it('fails a cheap model only the head has', () => {
    // custom at 0.01 in and out: 1M × (200 × 0.01 + 50 × 0.01) / 1M =
    // 2.50, within every limit, so only the new check fails.
    const report = analyzeHead(
      usageFile(1_000_000, 1000, 'custom').concat(
        'models:\n  custom: { provider: acme, input: 0.01, output: 0.01 }\n'
      )
    )
    expect(report.head?.monthly.expected.toString()).toBe('2.5')
    expect(statuses(report)).toEqual([
      'monthly budget: pass',
      'monthly increase limit: pass',
      'workload "chat" on model custom, priced by this change: fail'
    ])
  })

  it('warns of a model only the head has under head', () => {
    const report = analyzeHead(CUSTOM, { budgetSource: 'head' })
    expect(report.gate?.checks.some(c => c.limit.includes('custom'))).toBe(
      false
    )
    expect(report.priceSettingsChange?.headOnlyModels).toEqual(['custom'])
    expect(report.priceSettingsChange?.applied).toBe('head')
  })

  it('warns of a change to prices alone', () => {
    // The base's prices price the head, and the head has the base's
    // volume: both 500,000 × 102.50 / 1M = 51.25, no change.
    const report = analyzeHead(
      withSettings(
        'models:\n  nano: { input: 0.01, output: 0.01 }\n',
        usageFile(500_000, 100)
      )
    )
    expect(report.diff?.monthly.delta.toString()).toBe('0')
    expect(statuses(report)).toEqual([
      'monthly budget: pass',
      'monthly increase limit: pass'
    ])
    const run = buildReport([report], {
      runDate: RUN_DATE,
      catalogAsOf: RUN_DATE
    })
    expect(run.result).toBe('warn')
  })

  it('uses each side its own under head', () => {
    const report = analyzeHead(LOWERED, { budgetSource: 'head' })
    expect(report.head?.monthly.expected.toString()).toBe('2.5')
    expect(report.priceSettingsChange?.applied).toBe('head')
    expect(report.priceSettingsChange?.headOwnSettings).toBeUndefined()
    expect(report.priceSettingsChange?.message).toBe(
      'This change edits price settings (models: nano input 0.20 → 0.01, output 1.25 → 0.01). budget-source is head, so this run prices each side with its own settings.'
    )
  })

  it('prices an edited pricing file with the base', () => {
    // The head's pricing file sets nano's input to 0.002:
    // 1M × (200 × 0.002 + 50 × 1.25) / 1M = 62.90.
    const headCatalog = {
      ...TEST_CATALOG,
      models: TEST_CATALOG.models.map(model =>
        model.id === 'nano'
          ? {
              ...model,
              prices: model.prices.map(entry => ({
                ...entry,
                input: new Fraction('0.002'),
                pricingFile: 'prices.json'
              }))
            }
          : model
      )
    }
    const report = analyzeHead(HEAD, {
      catalog: headCatalog,
      basePrices: { catalog: TEST_CATALOG }
    })
    expect(report.head?.monthly.expected.toString()).toBe('102.5')
    expect(report.priceSettingsChange?.edits).toEqual([
      'pricing file prices.json: nano input 0.20 → 0.002'
    ])
    expect(
      report.priceSettingsChange?.headOwnSettings?.monthly.expected.toString()
    ).toBe('62.9')
  })

  it('shows the edit in every output', () => {
    const run = buildReport([analyzeHead(LOWERED)], {
      runDate: RUN_DATE,
      catalogAsOf: RUN_DATE
    })
    const note = 'This change edits price settings (models: nano input 0.20'
    expect(renderText(run)).toContain(note)
    expect(renderMarkdown(run, { maxChars: 65_000 })).toContain(note)
    const annotation = buildAnnotations(run).find(
      a => a.title === 'ai-budget: price settings'
    )
    expect(annotation?.level).toBe('warning')
    expect(annotation?.file).toBe('ai-usage.yml')
    const json = JSON.parse(JSON.stringify(toJsonReport(run))) as {
      files: Record<string, unknown>[]
    }
    expect(json.files[0]?.['price-settings-change']).toEqual({
      edits: ['models: nano input 0.20 → 0.01, output 1.25 → 0.01'],
      'head-only-models': [],
      'priced-with': 'base',
      // 2.50 a month, 30.00 a year, and every month is a peak of 2.50.
      'head-own-settings': {
        monthly: { expected: '2.50', low: '2.50', high: '2.50' },
        annual: { expected: '30.00', low: '30.00', high: '30.00' },
        'peak-month': { expected: '2.50', low: '2.50', high: '2.50' }
      },
      message: expect.stringContaining('the head would cost $2.50 a month')
    })
  })

  it('prices a new file without its discounts', () => {
    // No base file. With the catalog: 1M × (200 × 0.20 + 50 × 1.25) / 1M
    // = 102.50, against 102.50 × (1 − 0.99) = 1.025 with its own discount.
    const report = analyzeHead(
      withSettings('discounts:\n  - { provider: openai, off: 99% }\n'),
      {},
      { state: 'missing' }
    )
    expect(report.head?.monthly.expected.toString()).toBe('102.5')
    expect(report.priceSettingsChange?.edits).toEqual([
      'discounts: + openai 99% off'
    ])
    expect(
      report.priceSettingsChange?.headOwnSettings?.monthly.expected.toString()
    ).toBe('1.025')
    expect(report.priceSettingsChange?.message).toBe(
      "This usage file is new and sets price settings (discounts: + openai 99% off). They apply after merge; this run prices the file with the catalog and the base's pricing file, without its own discounts: and catalog model overrides. With this change's own settings the head would cost $1.03 a month."
    )
    // The head's own limits apply to a new file: 102.50 is within 1,000,
    // and 102.50 − 0 is over the increase limit of 10.
    expect(statuses(report)).toEqual([
      'monthly budget: pass',
      'monthly increase limit: fail'
    ])
  })

  it('prices a new file without its overrides', () => {
    // The override of nano is dropped, so 102.50 as above, not
    // 1M × (200 × 0.01 + 50 × 0.01) / 1M = 2.50.
    const report = analyzeHead(LOWERED, {}, { state: 'missing' })
    expect(report.head?.monthly.expected.toString()).toBe('102.5')
    expect(
      report.priceSettingsChange?.headOwnSettings?.monthly.expected.toString()
    ).toBe('2.5')
  })

  it('keeps the settings of a new file under head', () => {
    const report = analyzeHead(
      withSettings('discounts:\n  - { provider: openai, off: 99% }\n'),
      { budgetSource: 'head' },
      { state: 'missing' }
    )
    expect(report.head?.monthly.expected.toString()).toBe('1.025')
  })

  it('fails a new file with its own model', () => {
    // custom at 1.00 in, 2.00 out: 1M × (200 × 1 + 50 × 2) / 1M = 300.
    const report = analyzeHead(CUSTOM, {}, { state: 'missing' })
    expect(report.head?.monthly.expected.toString()).toBe('300')
    expect(statuses(report)).toEqual([
      'monthly budget: pass',
      'monthly increase limit: fail',
      'workload "chat" on model custom, priced by this change: fail'
    ])
  })

  it('notes nothing when prices are unchanged', () => {
    const report = analyzeHead(HEAD)
    expect(report.priceSettingsChange).toBeUndefined()
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
