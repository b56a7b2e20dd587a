import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import {
  closestModelNames,
  findModel,
  loadCatalog,
  parseCatalog,
  priceOn
} from '../../src/pricing/catalog.js'
import data from '../../src/pricing/catalog.json' with { type: 'json' }

// Input and output prices in USD per 1M tokens as the providers published
// them in March 2026, written out by hand so that a catalog edit cannot
// change both sides of the check.
const publishedPrices: [name: string, input: string, output: string][] = [
  ['GPT-5.4 nano', '0.20', '1.25'],
  ['GPT-5.4 mini', '0.75', '4.50'],
  ['GPT-5.4', '2.50', '15'],
  ['GPT-5.4 Pro', '30', '180'],
  ['GPT-5.2 pro', '21', '168'],
  ['GPT-5 nano', '0.05', '0.40'],
  ['GPT-4.1 nano', '0.10', '0.40'],
  ['o1', '15', '60'],
  ['o3', '2', '8'],
  ['o3-pro', '20', '80'],
  ['o4-mini', '1.10', '4.40'],
  ['Claude Opus 4.6', '5', '25'],
  ['Claude Sonnet 4.6', '3', '15'],
  ['Claude Haiku 4.5', '1', '5'],
  ['Gemini 3.1 Pro', '2', '12'],
  ['Gemini 2.0 Flash', '0.10', '0.40'],
  ['Gemini 2.0 Flash-Lite', '0.075', '0.30'],
  ['Mistral Small 3.2', '0.06', '0.18'],
  ['DeepSeek V3.2', '0.28', '0.42'],
  ['DeepSeek R1 (V3.2)', '0.28', '0.42'],
  ['Grok 4.1 Fast', '0.20', '0.50'],
  ['Llama 4 Maverick (Together AI)', '0.27', '0.85']
]

const specDate = '2026-03-31'

describe('bundled catalog file', () => {
  it('passes the catalog schema', () => {
    expect(() => parseCatalog(data)).not.toThrow()
  })

  it('loads as the schema parses it', () => {
    // loadCatalog() skips the schema at run time, so any field the schema
    // would default, trim or reject must already be in its final form.
    expect(loadCatalog()).toEqual(parseCatalog(data))
  })
})

describe('bundled catalog prices', () => {
  const catalog = loadCatalog()

  it.each(publishedPrices)('%s costs %s / %s', (name, input, output) => {
    const model = findModel(catalog, name)
    expect(model, name).toBeDefined()
    if (model === undefined) return
    const entry = priceOn(model, specDate)
    expect(entry.input.equals(new Fraction(input))).toBe(true)
    expect(entry.output.equals(new Fraction(output))).toBe(true)
  })

  it('parses every price string exactly', () => {
    const rawModels = data.models as {
      id: string
      prices: Record<string, unknown>[]
    }[]
    for (const rawModel of rawModels) {
      const model = findModel(catalog, rawModel.id)
      expect(model, rawModel.id).toBeDefined()
      rawModel.prices.forEach((rawEntry, index) => {
        const entry = model?.prices[index]
        for (const [key, field] of [
          ['input', 'input'],
          ['output', 'output'],
          ['cached-input', 'cachedInput'],
          ['cache-write-5m', 'cacheWrite5m'],
          ['cache-write-1h', 'cacheWrite1h'],
          ['batch-discount', 'batchDiscount']
        ] as const) {
          const text = rawEntry[key]
          if (typeof text !== 'string') continue
          const parsed = entry?.[field]
          // 10^k × price is a whole number exactly when parsing kept every digit.
          const digits = text.split('.')[1]?.length ?? 0
          const scaled = parsed?.mul(new Fraction(10).pow(digits))
          expect(scaled?.toString(), `${rawModel.id} ${key}`).toBe(
            text.replace('.', '').replace(/^0+(?=\d)/, '')
          )
        }
      })
    }
  })

  it('keeps every price between $0.001 and $1,000 per 1M tokens', () => {
    for (const model of catalog.models) {
      for (const entry of model.prices) {
        for (const price of [entry.input, entry.output, entry.cachedInput]) {
          if (price === undefined) continue
          expect(price.compare('0.001'), model.id).toBeGreaterThanOrEqual(0)
          expect(price.compare(1000), model.id).toBeLessThanOrEqual(0)
        }
      }
    }
  })

  it('gives OpenAI, Anthropic and Google models the 50% batch discount', () => {
    for (const model of catalog.models) {
      const batch = ['openai', 'anthropic', 'google'].includes(model.provider)
      for (const entry of model.prices) {
        if (batch) {
          expect(entry.batchDiscount?.equals('0.5'), model.id).toBe(true)
        } else {
          expect(entry.batchDiscount, model.id).toBeUndefined()
        }
      }
    }
  })

  it('has long-context tiers for GPT-5.4, GPT-5.4 Pro and Gemini 3.1 Pro', () => {
    const expected: [string, number, string, string][] = [
      ['gpt-5.4', 272000, '5', '22.5'],
      ['gpt-5.4-pro', 272000, '60', '270'],
      ['gemini-3.1-pro', 200000, '4', '18']
    ]
    for (const [id, threshold, input, output] of expected) {
      const model = findModel(catalog, id)
      const long = model && priceOn(model, specDate).longContext
      expect(long?.threshold, id).toBe(threshold)
      expect(long?.inclusive, id).toBe(false)
      expect(long?.input.equals(input), id).toBe(true)
      expect(long?.output.equals(output), id).toBe(true)
    }
  })

  it('prices Anthropic cache writes at 1.25x and 2x input', () => {
    for (const model of catalog.models) {
      if (model.provider !== 'anthropic') continue
      for (const entry of model.prices) {
        expect(
          entry.cacheWrite5m?.equals(entry.input.mul('1.25')),
          model.id
        ).toBe(true)
        expect(entry.cacheWrite1h?.equals(entry.input.mul(2)), model.id).toBe(
          true
        )
      }
    }
  })

  it('names an existing replacement for every retired model', () => {
    const retired = catalog.models.filter(model => model.status === 'retired')
    expect(retired.map(model => model.id).sort()).toEqual([
      'deepseek-reasoner',
      'deepseek-v3.2'
    ])
    for (const model of retired) {
      expect(model.retired, model.id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(
        findModel(catalog, model.replacement ?? ''),
        model.id
      ).toBeDefined()
    }
  })

  it('checks no price after the as-of date', () => {
    for (const model of catalog.models) {
      for (const entry of model.prices) {
        expect(entry.checked <= catalog.asOf, model.id).toBe(true)
      }
    }
  })
})

describe('reasoning modes', () => {
  const catalog = loadCatalog()

  it('marks exactly the reasoning-only models as always', () => {
    const always = catalog.models
      .filter(model => model.reasoning === 'always')
      .map(model => model.id)
      .sort()
    expect(always).toEqual([
      'deepseek-reasoner',
      'gpt-5-pro',
      'gpt-5.2-pro',
      'gpt-5.4-pro',
      'gpt-5.5-pro',
      'grok-4',
      'o1',
      'o3',
      'o3-mini',
      'o3-pro',
      'o4-mini'
    ])
  })

  it('does not mark plain chat models as reasoning', () => {
    for (const id of ['gpt-4.1-nano', 'gpt-4o', 'gemini-2.0-flash']) {
      expect(findModel(catalog, id)?.reasoning, id).toBe('none')
    }
  })
})

describe('findModel', () => {
  const catalog = loadCatalog()

  it.each([
    ['claude-sonnet-4.6', 'claude-sonnet-4.6'],
    ['claude-sonnet-4-6', 'claude-sonnet-4.6'],
    ['anthropic/claude-sonnet-4.6', 'claude-sonnet-4.6'],
    ['Claude Sonnet 4.6', 'claude-sonnet-4.6'],
    ['  CLAUDE-SONNET-4-6  ', 'claude-sonnet-4.6'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4.5'],
    ['gpt-5-4-mini', 'gpt-5.4-mini'],
    ['GPT-5.4-NANO', 'gpt-5.4-nano'],
    ['gpt-5.4-2026-03-05', 'gpt-5.4'],
    ['openai/gpt-5.4-pro', 'gpt-5.4-pro'],
    ['gemini-3.1-pro-preview', 'gemini-3.1-pro'],
    ['deepseek-chat', 'deepseek-v3.2'],
    ['grok-4-1-fast-reasoning', 'grok-4.1-fast'],
    ['meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8', 'llama-4-maverick']
  ])('resolves %s to %s', (name, id) => {
    expect(findModel(catalog, name)?.id).toBe(id)
  })

  it.each([
    'gpt',
    'gpt-5.4-n',
    'claude-sonnet',
    'claude-sonnet-4',
    'sonnet-4.6',
    'gemini-3.1',
    'gemini-2.0-flash-lite-002',
    'gpt-5.4-nano-2026',
    'o',
    ''
  ])('finds nothing for %j', name => {
    expect(findModel(catalog, name)).toBeUndefined()
  })

  it('resolves gpt-5 to itself, not to a longer id', () => {
    expect(findModel(catalog, 'gpt-5')?.id).toBe('gpt-5')
    expect(findModel(catalog, 'gpt-5.4')?.id).toBe('gpt-5.4')
  })

  it('ignores prefixes in a catalog without the shorter model', () => {
    const small = parseCatalog({
      'as-of': '2026-03-01',
      models: [rawModel('gpt-5-nano', [])]
    })
    expect(findModel(small, 'gpt-5')).toBeUndefined()
    expect(findModel(small, 'gpt-5-nano')?.id).toBe('gpt-5-nano')
  })

  it('answers 10,000 lookups quickly', () => {
    const names = catalog.models.flatMap(model => [model.id, ...model.aliases])
    const started = performance.now()
    for (let i = 0; i < 10_000; i++) {
      const name = names[i % names.length] ?? ''
      expect(findModel(catalog, name)).toBeDefined()
    }
    // The bound is loose so that slow CI machines pass. It catches only a
    // gross slowdown, such as a quadratic scan.
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('has no id or alias shared by two models', () => {
    const owners = new Map<string, string>()
    const clashes: string[] = []
    for (const model of catalog.models) {
      const spellings = new Set(
        [model.id, ...model.aliases].map(s => s.trim().toLowerCase())
      )
      for (const spelling of spellings) {
        const owner = owners.get(spelling)
        if (owner !== undefined)
          clashes.push(`${spelling}: ${owner}, ${model.id}`)
        owners.set(spelling, model.id)
      }
    }
    expect(clashes).toEqual([])
  })
})

describe('closestModelNames', () => {
  const catalog = loadCatalog()

  it('suggests the intended model for a typo', () => {
    expect(closestModelNames(catalog, 'gpt-5.4-nanno')[0]).toBe('gpt-5.4-nano')
    expect(closestModelNames(catalog, 'claude-sonet-4-6')[0]).toBe(
      'claude-sonnet-4.6'
    )
    expect(closestModelNames(catalog, 'gemni-2.0-flash')[0]).toBe(
      'gemini-2.0-flash'
    )
  })

  it('reports catalog ids, not aliases', () => {
    const names = closestModelNames(catalog, 'anthropic/claude-sonet-4-6')
    expect(names[0]).toBe('claude-sonnet-4.6')
    for (const name of names) {
      expect(
        catalog.models.some(model => model.id === name),
        name
      ).toBe(true)
    }
  })

  it('suggests the family of a bare name', () => {
    const names = closestModelNames(catalog, 'sonnet')
    expect(names).toHaveLength(3)
    for (const name of names) expect(name).toMatch(/^claude-sonnet-/)
  })

  it('suggests the same major version', () => {
    const names = closestModelNames(catalog, 'gpt-4-turbo')
    expect(names).toHaveLength(3)
    // GPT-4.x models, never the far costlier gpt-5.4-pro that shares
    // gpt and a 4.
    for (const name of names) expect(name).toMatch(/^gpt-4/)
  })

  it('keeps to the named family', () => {
    const names = closestModelNames(catalog, 'gemini-pro')
    for (const name of names) expect(name).toMatch(/^gemini-/)
    expect(names[0]).toMatch(/^gemini-[\d.]+-pro$/)
  })

  it('suggests nothing for unrelated names', () => {
    expect(closestModelNames(catalog, 'my-ft')).toEqual([])
  })

  it('suggests but never resolves a dated name', () => {
    const dated = 'claude-sonnet-4-6-20260217'
    expect(findModel(catalog, dated)).toBeUndefined()
    expect(closestModelNames(catalog, dated)[0]).toBe('claude-sonnet-4.6')
  })

  it('returns at most the limit', () => {
    expect(closestModelNames(catalog, 'gpt')).toHaveLength(3)
    expect(closestModelNames(catalog, 'gpt', 5)).toHaveLength(5)
    expect(closestModelNames(catalog, 'gpt', 0)).toEqual([])
  })
})

describe('priceOn', () => {
  const catalog = parseCatalog({
    'as-of': '2026-03-01',
    models: [
      rawModel(
        'two-prices',
        [],
        [rawEntry('2026-07-01', '2', '8'), rawEntry('2026-01-01', '1', '4')]
      )
    ]
  })
  const model = catalog.models[0]

  it('sorts entries by date', () => {
    expect(model?.prices.map(entry => entry.from)).toEqual([
      '2026-01-01',
      '2026-07-01'
    ])
  })

  it.each([
    ['2025-06-01', '1'],
    ['2026-01-01', '1'],
    ['2026-06-30', '1'],
    ['2026-07-01', '2'],
    ['2027-12-31', '2']
  ])('on %s uses input price %s', (date, input) => {
    if (model === undefined) throw new Error('model missing')
    expect(priceOn(model, date).input.equals(input)).toBe(true)
  })

  it('applies an announced change in the bundled catalog', () => {
    const flash = findModel(loadCatalog(), 'gemini-3.6-flash')
    if (flash === undefined) throw new Error('gemini-3.6-flash missing')
    expect(priceOn(flash, '2026-12-31').input.equals('0.75')).toBe(true)
    expect(priceOn(flash, '2027-01-01').input.equals('1.5')).toBe(true)
  })

  it('ends the Claude Sonnet 4.6 long-context tier on 2026-03-13', () => {
    const sonnet = findModel(loadCatalog(), 'claude-sonnet-4.6')
    if (sonnet === undefined) throw new Error('claude-sonnet-4.6 missing')
    expect(priceOn(sonnet, '2026-03-12').longContext).toBeDefined()
    expect(priceOn(sonnet, '2026-03-13').longContext).toBeUndefined()
  })
})

describe('parseCatalog', () => {
  it('converts kebab-case fields', () => {
    const catalog = parseCatalog({
      'as-of': '2026-03-01',
      models: [
        {
          ...rawModel('m', ['M Alias']),
          prices: [
            {
              ...rawEntry('2026-01-01', '1', '2'),
              'cached-input': '0.1',
              'cache-write-5m': '1.25',
              'cache-write-1h': '2',
              'batch-discount': '0.5',
              'long-context': {
                threshold: 200000,
                inclusive: true,
                input: '2',
                output: '3',
                'cached-input': '0.2'
              }
            }
          ]
        }
      ]
    })
    const entry = catalog.models[0]?.prices[0]
    expect(catalog.asOf).toBe('2026-03-01')
    expect(catalog.models[0]?.contextWindow).toBe(128000)
    expect(entry?.cachedInput?.equals('0.1')).toBe(true)
    expect(entry?.cacheWrite5m?.equals('1.25')).toBe(true)
    expect(entry?.cacheWrite1h?.equals(2)).toBe(true)
    expect(entry?.batchDiscount?.equals('0.5')).toBe(true)
    expect(entry?.longContext?.threshold).toBe(200000)
    expect(entry?.longContext?.inclusive).toBe(true)
    expect(entry?.longContext?.cachedInput?.equals('0.2')).toBe(true)
  })

  it('rejects a price written as a number, naming path and value', () => {
    const raw = {
      'as-of': '2026-03-01',
      models: [
        rawModel('m', [], [{ ...rawEntry('2026-01-01', '1', '2'), input: 0.3 }])
      ]
    }
    expect(() => parseCatalog(raw)).toThrow(/models\[0\]\.prices\[0\]\.input/)
    expect(() => parseCatalog(raw)).toThrow(/value: 0\.3/)
  })

  it('rejects an unknown key by name', () => {
    const raw = {
      'as-of': '2026-03-01',
      models: [{ ...rawModel('m', []), 'context-windw': 5 }]
    }
    expect(() => parseCatalog(raw)).toThrow(/models\[0\]\.context-windw/)
  })

  it('rejects a bad date and lists every problem', () => {
    const raw = {
      'as-of': '2026-13-01',
      models: [rawModel('m', [], [rawEntry('yesterday', '1', '-2')])]
    }
    let message = ''
    try {
      parseCatalog(raw)
    } catch (error) {
      message = error instanceof Error ? error.message : String(error)
    }
    expect(message).toMatch(/as-of: .*\(value: "2026-13-01"\)/)
    expect(message).toMatch(/models\[0\]\.prices\[0\]\.from: .*"yesterday"/)
    expect(message).toMatch(/models\[0\]\.prices\[0\]\.output: .*"-2"/)
  })

  it('rejects an alias shared by two models', () => {
    const raw = {
      'as-of': '2026-03-01',
      models: [rawModel('a', ['Same']), rawModel('b', ['same'])]
    }
    expect(() => parseCatalog(raw)).toThrow(
      /"same" of model b already names model a/
    )
  })

  it('rejects a retired model without a date', () => {
    const raw = {
      'as-of': '2026-03-01',
      models: [{ ...rawModel('a', []), status: 'retired' }]
    }
    expect(() => parseCatalog(raw)).toThrow(/models\[0\]\.retired/)
  })

  it('returns the same bundled catalog on every call', () => {
    expect(loadCatalog()).toBe(loadCatalog())
  })
})

function rawEntry(from: string, input: string, output: string) {
  return {
    from,
    input,
    output,
    source: 'https://example.com/pricing',
    checked: '2026-03-01'
  }
}

function rawModel(
  id: string,
  aliases: string[],
  prices: object[] = [rawEntry('2026-01-01', '1', '2')]
) {
  return {
    id,
    name: `${id} model`,
    provider: 'example',
    aliases,
    status: 'active',
    reasoning: 'none',
    'context-window': 128000,
    prices
  }
}
