import { describe, expect, it } from 'vitest'
import { file, priceYaml, rejected } from './prices.js'

// Checks of a usage file that need the price catalog: provider names,
// reasoning settings and the run date. The test catalog (prices.ts) has the
// providers anthropic, google, mistral, openai and xai, and every model's
// first price entry starts on 2025-01-01.

const SIMPLE = ['profile: simple', 'requests: { per-month: 1000000 }']

describe('unknown providers', () => {
  it('counts the providers of models: as known', () => {
    const [issue] = rejected(
      file(
        ['name: chat', 'model: acme-ft', ...SIMPLE],
        [
          'models:',
          '  acme-ft: { provider: acme, input: 1, output: 2 }',
          'discounts:',
          '  - { provider: acne, off: 20% }'
        ]
      )
    )
    // Edit distances from "acne": acme 1, xai 4, google 5, openai 5,
    // mistral 7, anthropic 8; ties in alphabetical order.
    expect(issue?.fix).toBe(
      'Use a known provider, closest first: acme, xai, google, openai, mistral, anthropic'
    )
  })

  it('warns about a custom model of an unknown provider', () => {
    const projection = priceYaml(
      file(
        ['name: chat', 'model: acme-ft', ...SIMPLE],
        ['models:', '  acme-ft: { provider: opnai, input: 1, output: 2 }']
      )
    )
    const warnings = projection.warnings.filter(w =>
      w.path.endsWith('.provider')
    )
    expect(warnings).toHaveLength(1)
    const [warning] = warnings
    expect(warning?.severity).toBe('warning')
    expect(warning?.path).toBe('models.acme-ft.provider')
    expect(warning?.line).toBe(8)
    expect(warning?.column).toBe(24)
    expect(warning?.value).toBe('opnai')
    expect(warning?.message).toBe(
      'model "acme-ft" names a provider that no catalog model has, so discounts for a catalog provider do not apply to it'
    )
    expect(warning?.fix).toBe(
      'Write "openai" if that provider is meant; the catalog providers are anthropic, google, mistral, openai and xai'
    )
  })

  it('suggests no provider far from the name', () => {
    // proxyco is 6 or more edits from every catalog provider, more than
    // one edit per three characters (7 / 3, rounded down, is 2).
    const projection = priceYaml(
      file(
        ['name: chat', 'model: acme-ft', ...SIMPLE],
        ['models:', '  acme-ft: { provider: proxyco, input: 1, output: 2 }']
      )
    )
    const [warning] = projection.warnings.filter(w =>
      w.path.endsWith('.provider')
    )
    expect(warning?.value).toBe('proxyco')
    expect(warning?.fix).toBe(
      'Check the provider name, because no catalog provider is close to it: the catalog providers are anthropic, google, mistral, openai and xai'
    )
  })

  it('stays quiet for a custom model of a catalog provider', () => {
    const projection = priceYaml(
      file(
        ['name: chat', 'model: acme-ft', ...SIMPLE],
        ['models:', '  acme-ft: { provider: OpenAI, input: 1, output: 2 }']
      )
    )
    expect(projection.warnings).toEqual([])
  })
})

describe('reasoning left out on a model that always reasons', () => {
  const LEFT_OUT =
    'so the cost leaves out the thinking tokens that the provider bills as output'

  it('warns about reasoning: none', () => {
    // think always reasons; none bills the visible output alone:
    // 1M × (200 × 2 + 50 × 8) / 1M = 400 + 400 = 800.
    const projection = priceYaml(
      file(['name: chat', 'model: think', 'reasoning: none', ...SIMPLE])
    )
    expect(projection.monthly.expected.toString()).toBe('800')
    expect(projection.warnings).toHaveLength(1)
    const [warning] = projection.warnings
    expect(warning?.path).toBe('workloads[0].reasoning')
    expect(warning?.line).toBe(5)
    expect(warning?.value).toBe('none')
    expect(warning?.message).toBe(
      `model "think" always reasons (its reasoning mode is always), yet reasoning: none bills no hidden thinking tokens, ${LEFT_OUT}`
    )
    expect(warning?.fix).toContain('the default of ×5 output')
  })

  it('warns about a multiplier of 1', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'model: think',
        'reasoning: { multiplier: 1 }',
        ...SIMPLE
      ])
    )
    expect(projection.warnings[0]?.message).toBe(
      `model "think" always reasons (its reasoning mode is always), yet reasoning: { multiplier: 1 } bills no hidden thinking tokens, ${LEFT_OUT}`
    )
  })

  it('warns about 0 reasoning tokens', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'model: think',
        'reasoning: { tokens: 0 }',
        ...SIMPLE
      ])
    )
    expect(projection.warnings[0]?.value).toBe('0')
  })

  it('warns about a range low below 1', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'model: think',
        'reasoning: { multiplier: 2, range: [0.5, 4] }',
        ...SIMPLE
      ])
    )
    const [warning] = projection.warnings
    expect(projection.warnings).toHaveLength(1)
    expect(warning?.path).toBe('workloads[0].reasoning.range')
    expect(warning?.value).toBe('0.5')
    expect(warning?.message).toBe(
      'model "think" always reasons (its reasoning mode is always), yet the low estimate of reasoning: bills 0.5 times the visible output, which leaves out every hidden thinking token and part of the visible output'
    )
  })

  it('stays quiet for measured hidden tokens', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'model: think',
        'reasoning: { tokens: 300, range: [0, 900] }',
        ...SIMPLE
      ])
    )
    expect(projection.warnings).toEqual([])
  })
})

describe('reasoning on a model that does not reason', () => {
  it('warns about a multiplier on a none model', () => {
    // small has reasoning mode none. The multiplier still applies: 200M ×
    // 0.06/1M + 250M × 0.18/1M = 12 + 45 = 57.
    const projection = priceYaml(
      file([
        'name: chat',
        'model: small',
        'reasoning: { multiplier: 5 }',
        ...SIMPLE
      ])
    )
    expect(projection.monthly.expected.toFraction()).toBe('57')
    const [warning] = projection.warnings
    expect(projection.warnings).toHaveLength(1)
    expect(warning?.path).toBe('workloads[0].reasoning')
    expect(warning?.line).toBe(5)
    expect(warning?.column).toBe(5)
    expect(warning?.value).toBe('small')
    expect(warning?.message).toBe(
      'model "small" does not reason (its reasoning mode is none), yet reasoning: bills 5 times its visible output'
    )
    expect(warning?.fix).toBe(
      'Remove reasoning: from this workload, or set reasoning: optional for the model under models: if it does reason'
    )
  })

  it('names the tokens of a tokens setting', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'model: small',
        'reasoning: { tokens: 2000 }',
        ...SIMPLE
      ])
    )
    expect(projection.warnings[0]?.message).toBe(
      'model "small" does not reason (its reasoning mode is none), yet reasoning: bills 2,000 hidden tokens a request'
    )
  })

  it('warns only for the route whose model does not reason', () => {
    const projection = priceYaml(
      file([
        'name: chat',
        'routes:',
        '  - { model: think, share: 50% }',
        '  - { model: small, share: 50% }',
        'reasoning: { multiplier: 3 }',
        ...SIMPLE
      ])
    )
    expect(projection.warnings.map(w => w.value)).toEqual(['small'])
  })

  it('stays quiet for reasoning: none', () => {
    const projection = priceYaml(
      file(['name: chat', 'model: small', 'reasoning: none', ...SIMPLE])
    )
    expect(projection.warnings).toEqual([])
  })

  it('stays quiet once models: marks the model as reasoning', () => {
    const projection = priceYaml(
      file(
        [
          'name: chat',
          'model: small',
          'reasoning: { multiplier: 2 }',
          ...SIMPLE
        ],
        ['models:', '  small: { reasoning: optional }']
      )
    )
    expect(projection.warnings).toEqual([])
  })
})

describe('run date before the first price', () => {
  it('warns and names the first price date', () => {
    // Months start 2024-06-15, 2024-07-01, … 2025-05-01; the first price
    // entry starts on 2025-01-01, so months 1 to 7 come before it.
    const projection = priceYaml(
      file(['name: chat', 'model: nano', ...SIMPLE]),
      undefined,
      '2024-06-15'
    )
    expect(projection.warnings).toHaveLength(1)
    const [warning] = projection.warnings
    expect(warning?.path).toBe('workloads[0].model')
    expect(warning?.line).toBe(4)
    expect(warning?.column).toBe(12)
    expect(warning?.value).toBe('nano')
    expect(warning?.message).toBe(
      'model "nano" has no catalog price before 2025-01-01, so months 1 to 7 of the projection (from 2024-06-15) are priced as on 2025-01-01'
    )
    expect(warning?.fix).toBe(
      'Check the run date, or set the prices of the model for that time under models:'
    )
  })

  it('names a single month', () => {
    const projection = priceYaml(
      file(['name: chat', 'model: nano', ...SIMPLE]),
      undefined,
      '2024-12-20'
    )
    expect(projection.warnings[0]?.message).toBe(
      'model "nano" has no catalog price before 2025-01-01, so month 1 of the projection (from 2024-12-20) is priced as on 2025-01-01'
    )
  })

  it('stays quiet from the first price date on', () => {
    const projection = priceYaml(
      file(['name: chat', 'model: nano', ...SIMPLE]),
      undefined,
      '2025-01-01'
    )
    expect(projection.warnings).toEqual([])
  })

  it('stays quiet when models: sets input and output', () => {
    const projection = priceYaml(
      file(
        ['name: chat', 'model: nano', ...SIMPLE],
        ['models:', '  nano: { input: 0.1, output: 1 }']
      ),
      undefined,
      '2024-06-15'
    )
    expect(projection.warnings).toEqual([])
  })
})
