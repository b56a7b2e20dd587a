import Fraction from 'fraction.js'
import { describe, expect, test } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import { readFixture, showFractions } from './helpers.js'

const FILE = 'fixtures/valid/spec-example.yml'

function at(line: number, column: number) {
  return { line, column }
}

describe('specification example', () => {
  const { config, warnings } = parseUsageFile(
    readFixture('valid/spec-example.yml'),
    FILE
  )

  test('warns only of the unused model', () => {
    // No workload of the example uses acme-support-ft, so its rates apply
    // nowhere. The model is defined on line 6.
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      line: 6,
      column: 3,
      path: 'models.acme-support-ft',
      severity: 'warning'
    })
  })

  test('file and version', () => {
    expect(config.file).toBe(FILE)
    expect(config.version).toBe(1)
  })

  test('model overrides', () => {
    expect(showFractions(config.models)).toEqual([
      {
        name: 'acme-support-ft',
        provider: 'openai',
        providerPosition: at(7, 15),
        input: '3/10',
        output: '6/5',
        cachedInput: '3/100',
        path: 'models.acme-support-ft',
        position: at(6, 3)
      },
      {
        name: 'claude-sonnet-4.6',
        input: '27/10',
        output: '27/2',
        path: 'models["claude-sonnet-4.6"]',
        position: at(11, 3)
      }
    ])
  })

  test('profiles merge built-in and own', () => {
    expect(showFractions(config.profiles)).toEqual({
      simple: { input: '200', output: '50' },
      medium: { input: '800', output: '300' },
      complex: { input: '2000', output: '1000' },
      'support-reply': { input: '1200', output: '350' }
    })
  })

  test('workload with profile and daily volume', () => {
    expect(showFractions(config.workloads[0])).toEqual({
      name: 'ticket-triage',
      routes: [
        {
          model: 'gpt-5.4-nano',
          share: '1',
          path: 'workloads[0].model',
          position: at(21, 12)
        }
      ],
      tokens: { input: '200', output: '50' },
      profile: 'simple',
      requests: { unit: 'per-day', value: '100000', growth: '0' },
      retries: '0',
      cache: { read: '0', write: '0', ttl: '5m' },
      batch: '0',
      path: 'workloads[0]',
      position: at(20, 5)
    })
  })

  test('workload with tokens, cache, growth, retries', () => {
    expect(showFractions(config.workloads[1])).toEqual({
      name: 'support-replies',
      routes: [
        {
          model: 'claude-sonnet-4.6',
          share: '1',
          path: 'workloads[1].model',
          position: at(26, 12)
        }
      ],
      tokens: { input: '800', output: '300' },
      requests: { unit: 'per-month', value: '300000', growth: '1/20' },
      retries: '3/100',
      cache: { read: '3/5', write: '0', ttl: '5m' },
      batch: '0',
      path: 'workloads[1]',
      position: at(25, 5)
    })
  })

  test('workload with reasoning and batch', () => {
    expect(showFractions(config.workloads[2])).toEqual({
      name: 'contract-review',
      routes: [
        {
          model: 'gpt-5.4-pro',
          share: '1',
          path: 'workloads[2].model',
          position: at(33, 12)
        }
      ],
      tokens: { input: '2000', output: '1000' },
      profile: 'complex',
      requests: { unit: 'per-month', value: '2000', growth: '0' },
      retries: '0',
      reasoning: { kind: 'multiplier', value: '5', range: ['3', '10'] },
      reasoningPosition: at(35, 5),
      cache: { read: '0', write: '0', ttl: '5m' },
      batch: '1',
      path: 'workloads[2]',
      position: at(32, 5)
    })
  })

  test('workload with routes', () => {
    const workload = config.workloads[3]
    expect(showFractions(workload?.routes)).toEqual([
      {
        model: 'gpt-5.4-nano',
        share: '4/5',
        path: 'workloads[3].routes[0].model',
        position: at(41, 18)
      },
      {
        model: 'gpt-5.4-mini',
        share: '3/20',
        path: 'workloads[3].routes[1].model',
        position: at(42, 18)
      },
      {
        model: 'claude-sonnet-4.6',
        share: '1/25',
        path: 'workloads[3].routes[2].model',
        position: at(43, 18)
      },
      {
        model: 'claude-opus-4.6',
        share: '1/100',
        path: 'workloads[3].routes[3].model',
        position: at(44, 18)
      }
    ])
    expect(showFractions({ ...workload, routes: undefined })).toEqual({
      name: 'assistant',
      tokens: { input: '800', output: '300' },
      profile: 'medium',
      requests: { unit: 'per-day', value: '1000000', growth: '0' },
      retries: '0',
      cache: { read: '0', write: '0', ttl: '5m' },
      batch: '0',
      path: 'workloads[3]',
      position: at(39, 5)
    })
  })

  test('workload count and no reasoning by default', () => {
    expect(config.workloads).toHaveLength(4)
    expect(config.workloads[0]?.reasoning).toBeUndefined()
  })

  test('discounts', () => {
    expect(showFractions(config.discounts)).toEqual([
      {
        provider: 'openai',
        off: '1/5',
        path: 'discounts[0]',
        position: at(49, 5)
      },
      {
        model: 'claude-opus-4.6',
        off: '1/10',
        path: 'discounts[1]',
        position: at(50, 5)
      }
    ])
  })

  test('budgets', () => {
    expect(showFractions(config.budgets)).toEqual({
      monthly: '25000',
      annual: '250000',
      increase: { monthly: '500', percent: '1/10' },
      warnAt: '4/5',
      workloads: { 'contract-review': { monthly: '5000' } },
      path: 'budgets',
      position: at(52, 1)
    })
  })
})

describe('number forms', () => {
  const { config } = parseUsageFile(
    readFixture('valid/number-forms.yml'),
    'number-forms.yml'
  )

  test('exponents, leading dot, trailing dot', () => {
    expect(showFractions(config.models[0])).toMatchObject({
      input: '1/10',
      output: '15',
      cachedInput: '1/20',
      cacheWrite5m: '3/10',
      cacheWrite1h: '2',
      batchDiscount: '1/8'
    })
  })

  test('decimal tokens and exponent volume', () => {
    const workload = config.workloads[0]
    expect(showFractions(workload?.tokens)).toEqual({
      input: '1000',
      output: '1/10'
    })
    expect(showFractions(workload?.requests)).toEqual({
      unit: 'per-year',
      value: '1000000',
      growth: '-1/40'
    })
    expect(workload?.retries.toFraction()).toBe('1/200')
    expect(workload?.batch.toFraction()).toBe('1/8')
  })

  test('digits beyond float precision stay exact', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - name: precise',
      '    model: m',
      '    tokens: { input: 0.1000000000000000000001, output: 12345678901234567891 }',
      '    requests: { per-month: 1 }'
    ].join('\n')
    const tokens = parseUsageFile(text, 'f.yml').config.workloads[0]?.tokens
    expect(
      tokens?.input.equals(new Fraction(10n ** 21n + 1n, 10n ** 22n))
    ).toBe(true)
    expect(tokens?.output.toFraction()).toBe('12345678901234567891')
  })

  test('percent 12.5% is exactly 1/8', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - name: half',
      '    model: m',
      '    profile: simple',
      '    batch: 12.5%',
      '    requests: { per-day: 1 }'
    ].join('\n')
    const batch = parseUsageFile(text, 'f.yml').config.workloads[0]?.batch
    expect(batch?.toFraction()).toBe('1/8')
  })
})

describe('anchors and merge keys', () => {
  const { config } = parseUsageFile(
    readFixture('valid/anchors-and-merges.yml'),
    'anchors.yml'
  )
  const byName = (name: string) =>
    config.workloads.find(workload => workload.name === name)

  test('alias copies a profile', () => {
    expect(showFractions(config.profiles.copy)).toEqual({
      input: '1000',
      output: '200'
    })
  })

  test('explicit key after merge wins', () => {
    const second = byName('second')
    expect(second?.requests.unit).toBe('per-month')
    expect(second?.requests.value.toFraction()).toBe('500')
    expect(second?.requests.growth.toFraction()).toBe('0')
    expect(second?.routes[0]?.model).toBe('gpt-5.4-mini')
    expect(second?.cache.ttl).toBe('1h')
  })

  test('explicit key before merge wins', () => {
    const third = byName('third')
    expect(third?.routes[0]?.model).toBe('gpt-5.4-nano')
    expect(third?.retries.toFraction()).toBe('1/100')
    expect(third?.cache.read.toFraction()).toBe('1/2')
  })

  test('earlier merge source wins', () => {
    const fourth = byName('fourth')
    expect(fourth?.routes[0]?.model).toBe('gpt-5.4-nano')
    expect(fourth?.requests.unit).toBe('per-day')
    expect(fourth?.requests.growth.toFraction()).toBe('0')
  })
})

describe('other valid forms', () => {
  test('own profile replaces a built-in one', () => {
    const text = [
      'version: 1',
      'profiles:',
      '  simple: { input: 10, output: 5 }',
      'workloads:',
      '  - { name: a, model: m, profile: simple, requests: { per-day: 1 } }'
    ].join('\n')
    const { config } = parseUsageFile(text, 'f.yml')
    expect(showFractions(config.workloads[0]?.tokens)).toEqual({
      input: '10',
      output: '5'
    })
  })

  test('reasoning none and tokens', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - { name: a, model: m, profile: simple, reasoning: none, requests: { per-day: 1 } }',
      '  - name: b',
      '    model: m',
      '    profile: simple',
      '    reasoning: { tokens: 2000, range: [500, 8000] }',
      '    requests: { per-day: 1 }'
    ].join('\n')
    const { config } = parseUsageFile(text, 'f.yml')
    expect(config.workloads[0]?.reasoning).toEqual({ kind: 'none' })
    expect(showFractions(config.workloads[1]?.reasoning)).toEqual({
      kind: 'tokens',
      value: '2000',
      range: ['500', '8000']
    })
  })

  test('empty optional sections', () => {
    const text = 'version: 1\nmodels:\ndiscounts:\nbudgets:\nworkloads: []\n'
    const { config } = parseUsageFile(text, 'f.yml')
    expect(config.models).toEqual([])
    expect(config.discounts).toEqual([])
    expect(config.workloads).toEqual([])
    expect(config.budgets.increase).toEqual({})
  })

  test('constructor as a profile name is data', () => {
    const text = [
      'version: 1',
      'profiles:',
      '  constructor: { input: 7, output: 3 }',
      'workloads:',
      '  - { name: a, model: m, profile: constructor, requests: { per-day: 1 } }'
    ].join('\n')
    const { config } = parseUsageFile(text, 'f.yml')
    expect(showFractions(config.workloads[0]?.tokens)).toEqual({
      input: '7',
      output: '3'
    })
    expect(({} as Record<string, unknown>).input).toBeUndefined()
  })
})

describe('text encodings', () => {
  const plain = [
    'version: 1',
    'workloads:',
    '  - name: triage',
    '    model: gpt-5.4-nano',
    '    profile: simple',
    '    requests: { per-day: 1000 }',
    ''
  ].join('\n')

  test.each([
    ['byte order mark', `\ufeff${plain}`],
    ['CRLF line endings', plain.replaceAll('\n', '\r\n')],
    ['both', `\ufeff${plain.replaceAll('\n', '\r\n')}`]
  ])('%s reads like plain text', (_name, text) => {
    const expected = parseUsageFile(plain, 'f.yml').config
    const { config } = parseUsageFile(text, 'f.yml')
    expect(showFractions(config)).toEqual(showFractions(expected))
  })
})

describe('extension keys', () => {
  const { config, warnings } = parseUsageFile(
    readFixture('valid/extension-keys.yml'),
    'f.yml'
  )

  test('x- keys are ignored', () => {
    expect(warnings).toEqual([])
    expect(Object.keys(config)).not.toContain('x-defaults')
    expect(config.workloads.map(workload => workload.name)).toEqual([
      'triage',
      'replies'
    ])
  })

  test('anchors under x- keys merge', () => {
    const [triage, replies] = config.workloads
    expect(triage?.routes[0]?.model).toBe('gpt-5.4-nano')
    expect(triage?.profile).toBe('simple')
    // The explicit model beats the merged one.
    expect(replies?.routes[0]?.model).toBe('gpt-5.4-mini')
    expect(replies?.profile).toBe('simple')
  })

  test('other unknown top-level keys still fail', () => {
    const text = readFixture('valid/extension-keys.yml').replace(
      'x-notes:',
      'notes:'
    )
    expect(() => parseUsageFile(text, 'f.yml')).toThrow(
      /f\.yml:6:1 notes: unknown key notes/
    )
  })
})
