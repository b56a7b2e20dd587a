import { readFileSync } from 'node:fs'
import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import type { ConfigIssue } from '../../src/config/types.js'
import { projectCost } from '../../src/cost/project.js'
import { findModel, loadCatalog, priceOn } from '../../src/pricing/catalog.js'
import { parseJsonSource } from '../../src/pricing/json-source.js'
import {
  describePricing,
  loadPricingFile,
  PricingFileError,
  type LoadedPricing
} from '../../src/pricing/pricing-file.js'
import type { CatalogModel, PriceEntry } from '../../src/pricing/types.js'

const LITELLM_FIXTURE = readFileSync(
  new URL('../../fixtures/pricing/litellm-prices.json', import.meta.url),
  'utf8'
)
const CATALOG_JSON = readFileSync(
  new URL('../../src/pricing/catalog.json', import.meta.url),
  'utf8'
)

const bundled = loadCatalog()

function load(text: string, file = 'prices.json'): LoadedPricing {
  return loadPricingFile(bundled, text, file)
}

function rejected(text: string, file = 'prices.json'): ConfigIssue[] {
  try {
    load(text, file)
  } catch (error) {
    expect(error).toBeInstanceOf(PricingFileError)
    return (error as PricingFileError).issues
  }
  throw new Error('expected the pricing file to be rejected')
}

function modelOf(loaded: LoadedPricing, name: string): CatalogModel {
  const model = findModel(loaded.catalog, name)
  if (!model) throw new Error(`model ${name} is missing`)
  return model
}

function text(value: Fraction | undefined): string | undefined {
  return value?.toFraction()
}

/** Writes a LiteLLM file with the given entries, as LiteLLM indents it. */
function liteLlm(entries: Record<string, unknown>): string {
  return JSON.stringify(entries, null, 4)
}

describe('parseJsonSource', () => {
  it('keeps the text of every number', () => {
    const parsed = parseJsonSource('{"a": 2.5e-06, "b": [1, -0.5, 0]}')
    if ('error' in parsed) throw new Error(parsed.error.message)
    expect(parsed.entries.get('a')?.number).toBe('2.5e-06')
    expect(parsed.entries.get('b[1]')?.number).toBe('-0.5')
    expect(parsed.entries.get('b[2]')?.number).toBe('0')
    expect(parsed.tree).toEqual({ a: 2.5e-6, b: [1, -0.5, 0] })
  })

  it('locates values and keys', () => {
    const parsed = parseJsonSource('{\n  "m": {\n    "x": true\n  }\n}')
    if ('error' in parsed) throw new Error(parsed.error.message)
    const entry = parsed.entries.get('m.x')
    expect(parsed.lines.positionOf(entry?.start ?? -1)).toEqual({
      line: 3,
      column: 10
    })
    expect(parsed.lines.positionOf(entry?.keyStart ?? -1)).toEqual({
      line: 3,
      column: 5
    })
  })

  it('accepts a byte order mark', () => {
    const parsed = parseJsonSource('\ufeff{"a": 1}')
    expect('error' in parsed).toBe(false)
  })

  it.each([
    ['a duplicate key', '{"a": 1, "a": 2}', 'duplicate key "a"', 10],
    ['a trailing comma', '{"a": 1,}', 'expected a key in double quotes', 9],
    ['single quotes', "{'a': 1}", 'expected a key in double quotes', 2],
    ['a leading zero', '{"a": 01}', 'invalid number', 7],
    ['NaN', '{"a": NaN}', 'unexpected character "N" where a value belongs', 7],
    ['an open string', '{"a": "x}', 'a string is not closed', 7],
    ['text after the end', '{} {}', 'unexpected text after the end', 4],
    [
      'a missing value',
      '{"a": }',
      'unexpected character "}" where a value belongs',
      7
    ]
  ])('rejects %s', (_name, json, message, column) => {
    const parsed = parseJsonSource(json)
    if (!('error' in parsed)) throw new Error('expected a syntax error')
    expect(parsed.error.message).toBe(message)
    expect(parsed.lines.positionOf(parsed.error.offset)).toEqual({
      line: 1,
      column
    })
  })

  it('rejects nesting beyond the limit', () => {
    const parsed = parseJsonSource(`${'['.repeat(300)}${']'.repeat(300)}`)
    if (!('error' in parsed)) throw new Error('expected a syntax error')
    expect(parsed.error.message).toBe('values nest deeper than 256 levels')
  })
})

describe('pricing file in LiteLLM format', () => {
  const loaded = load(LITELLM_FIXTURE, 'litellm-prices.json')

  it('detects the format and counts the changes', () => {
    expect(loaded.format).toBe('litellm')
    // gpt-5.4-nano is in the catalog, and gemini/gemini-3.1-pro-preview is
    // the Gemini API's route to the catalog's gemini-3.1-pro.
    // acme/support-ft-v2 and text-embedding-3-small are added. dall-e-3 is
    // an image model and sample_spec is LiteLLM's documentation entry.
    expect(loaded.summary).toEqual({
      updated: 2,
      added: 2,
      skipped: 1,
      outranked: 0
    })
    expect(loaded.warnings).toEqual([])
    expect(describePricing('litellm-prices.json', loaded)).toBe(
      "The pricing file litellm-prices.json (LiteLLM's format) updated 2 catalog models and added 2 models, and skipped 1 entry not priced by the token or without the prices a new model needs."
    )
  })

  it('converts per-token prices exactly', () => {
    // 2e-07 × 1,000,000 = 0.2 exactly, where doubles give 0.19999999999999998.
    const gemini = modelOf(loaded, 'gemini/gemini-3.1-pro-preview')
    const [entry] = gemini.prices
    expect(text(entry?.input)).toBe('2')
    expect(text(entry?.output)).toBe('12')
    expect(text(entry?.cachedInput)).toBe('1/5')
    expect(2e-7 * 1e6).not.toBe(0.2)
  })

  it('reads the long-context tier', () => {
    // _above_200k_tokens: more than 200,000 input tokens, so exclusive.
    const tier = modelOf(loaded, 'gemini/gemini-3.1-pro-preview').prices[0]
      ?.longContext
    expect(tier?.threshold).toBe(200000)
    expect(tier?.inclusive).toBe(false)
    expect(text(tier?.input)).toBe('4')
    expect(text(tier?.output)).toBe('18')
    // 4e-07 × 1,000,000 = 0.4, where doubles give 0.39999999999999997.
    expect(text(tier?.cachedInput)).toBe('2/5')
  })

  it('maps the provider and reads capabilities of a new model', () => {
    const result = load(
      liteLlm({
        'gemini/gemini-9-ultra': {
          input_cost_per_token: 2e-6,
          output_cost_per_token: 1.2e-5,
          litellm_provider: 'gemini',
          max_input_tokens: 2097152,
          mode: 'chat',
          supports_reasoning: true
        }
      })
    )
    const gemini = modelOf(result, 'gemini/gemini-9-ultra')
    expect(gemini.id).toBe('gemini/gemini-9-ultra')
    expect(gemini.provider).toBe('google')
    expect(gemini.reasoning).toBe('optional')
    expect(gemini.contextWindow).toBe(2097152)
    expect(gemini.status).toBe('active')
  })

  it('prices a catalog model through its LiteLLM key', () => {
    // gemini/ is the Gemini API route, and gemini-3.1-pro-preview is an
    // alias of the catalog's gemini-3.1-pro, which keeps its own facts.
    const gemini = modelOf(loaded, 'gemini-3.1-pro')
    expect(findModel(loaded.catalog, 'gemini/gemini-3.1-pro-preview')).toBe(
      gemini
    )
    expect(gemini.provider).toBe('google')
    expect(gemini.prices[0]?.source).toBe('pricing file litellm-prices.json')
  })

  it('derives the batch discount from batch prices', () => {
    // 1 - 1.5e-07 / 3e-07 = 0.5, and 1 - 6e-07 / 1.2e-06 = 0.5.
    const acme = modelOf(loaded, 'acme/support-ft-v2')
    expect(text(acme.prices[0]?.batchDiscount)).toBe('1/2')
    expect(acme.provider).toBe('openai')
    expect(acme.reasoning).toBe('none')
  })

  it('adds an embedding model with a zero output price', () => {
    const embedding = modelOf(loaded, 'text-embedding-3-small')
    expect(text(embedding.prices[0]?.input)).toBe('1/50')
    expect(text(embedding.prices[0]?.output)).toBe('0')
  })

  it('skips entries that are not priced by the token', () => {
    expect(findModel(loaded.catalog, 'dall-e-3')).toBeUndefined()
    expect(findModel(loaded.catalog, 'sample_spec')).toBeUndefined()
  })

  it('merges a catalog model field by field', () => {
    const before = modelOf(
      { catalog: bundled } as LoadedPricing,
      'gpt-5.4-nano'
    )
    const after = modelOf(loaded, 'gpt-5.4-nano')
    const [entry] = after.prices as [PriceEntry]
    // Input and output come from the file: 1.5e-07 and 1e-06 per token.
    expect(text(entry.input)).toBe('3/20')
    expect(text(entry.output)).toBe('1')
    // Cached input, batch discount, aliases and reasoning stay the catalog's.
    expect(text(entry.cachedInput)).toBe('1/50')
    expect(text(entry.batchDiscount)).toBe('1/2')
    expect(after.aliases).toEqual(before.aliases)
    expect(after.reasoning).toBe(before.reasoning)
    expect(after.provider).toBe('openai')
    expect(entry.source).toBe('pricing file litellm-prices.json')
  })

  it('leaves the bundled catalog untouched', () => {
    const entry = priceOn(
      modelOf({ catalog: bundled } as LoadedPricing, 'gpt-5.4-nano'),
      '2026-12-04'
    )
    expect(text(entry.input)).toBe('1/5')
  })

  it('rejects a price written as text', () => {
    const issues = rejected(
      liteLlm({
        'acme-chat': {
          input_cost_per_token: '3e-07',
          output_cost_per_token: 1.2e-6,
          litellm_provider: 'openai',
          mode: 'chat'
        }
      })
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]).toEqual({
      file: 'prices.json',
      line: 3,
      column: 33,
      path: 'acme-chat.input_cost_per_token',
      value: '"3e-07"',
      message: 'a price must be a number in USD per token',
      fix: 'Write a non-negative number in USD per token, such as 2.5e-06',
      severity: 'error'
    })
  })

  it('rejects a negative price', () => {
    const [issue] = rejected(
      liteLlm({
        'acme-chat': { input_cost_per_token: -1e-6, output_cost_per_token: 0 }
      })
    )
    expect(issue?.path).toBe('acme-chat.input_cost_per_token')
    expect(issue?.value).toBe('-0.000001')
    expect(issue?.message).toBe('a price cannot be negative')
  })

  it('rejects a price too large for a double', () => {
    // 1e309 and 1e400 per token are beyond the largest double (about
    // 1.8e308), so they are read as Infinity, not as negative numbers.
    for (const written of ['1e309', '1e400']) {
      const [issue] = rejected(
        `{"gpt-5.4-nano": {"input_cost_per_token": ${written}}}`
      )
      expect(issue?.path).toBe('["gpt-5.4-nano"].input_cost_per_token')
      expect(issue?.value).toBe(written)
      expect(issue?.message).toBe(
        'a price must be a finite number, and this one is too large, so it is read as infinity'
      )
      expect(issue?.fix).toBe(
        'Write a non-negative number in USD per token, such as 2.5e-06'
      )
    }
  })

  it('rejects a price beyond the exponent range', () => {
    // 1e-400 is finite (it rounds to 0 as a double), but its exact value
    // needs a power of ten below -300.
    const [issue] = rejected(
      '{"gpt-5.4-nano": {"input_cost_per_token": 1e-400}}'
    )
    expect(issue?.value).toBe('1e-400')
    expect(issue?.message).toBe(
      'a price is out of range (powers of ten from -300 to 300)'
    )
  })

  it('rejects an infinite YAML price', () => {
    const cases = [
      ['.inf', 'a price must be a finite number'],
      [
        '1e309',
        'a price must be a finite number, and this one is too large, so it is read as infinity'
      ]
    ]
    for (const [written, message] of cases) {
      const [issue] = rejected(
        [
          'models:',
          '  - id: gpt-5.4-nano',
          '    prices:',
          `      - { input: ${written} }`
        ].join('\n'),
        'prices.yml'
      )
      expect(issue?.value).toBe(written)
      expect(issue?.message).toBe(message)
    }
  })

  it('warns about a huge but finite price', () => {
    // 1e40 per token is 1e46 per 1M tokens, far above $1000.
    const result = load('{"gpt-5.4-nano": {"input_cost_per_token": 1e40}}')
    const [warning] = result.warnings
    expect(warning?.value).toBe('1e40')
    expect(warning?.message).toBe(
      `the price is $1${'0'.repeat(46)} per 1M tokens, above $1000, which suggests a unit slip`
    )
    expect(warning?.severity).toBe('warning')
  })

  it('rejects an entry that is not an object', () => {
    const [issue] = rejected(
      liteLlm({ 'gpt-5.4-nano': { input_cost_per_token: 1e-7 }, broken: 3 })
    )
    expect(issue?.path).toBe('broken')
    expect(issue?.line).toBe(5)
    expect(issue?.message).toBe('entry "broken" is not an object of prices')
  })

  it('warns about a price per 1M tokens in a per-token field', () => {
    // 2.5 per token is $2,500,000 per 1M tokens.
    const result = load(
      liteLlm({
        'gpt-5.4-nano': {
          input_cost_per_token: 2.5,
          litellm_provider: 'openai'
        }
      })
    )
    const [warning] = result.warnings
    expect(warning?.path).toBe('["gpt-5.4-nano"].input_cost_per_token')
    expect(warning?.message).toBe(
      'the price is $2500000 per 1M tokens, above $1000, which suggests a unit slip'
    )
    expect(warning?.fix).toBe(
      'Write the price in USD per token, such as 2.5e-06'
    )
  })

  it('uses the higher-priced of two entries', () => {
    // claude-sonnet-4-6 is an alias of the catalog's claude-sonnet-4.6.
    // Both keys name it directly, so the higher input price, 4, applies.
    const result = load(
      liteLlm({
        'claude-sonnet-4.6': { input_cost_per_token: 2e-6 },
        'claude-sonnet-4-6': { input_cost_per_token: 4e-6 }
      })
    )
    const sonnet = modelOf(result, 'claude-sonnet-4.6')
    expect(sonnet.prices.map(entry => text(entry.input))).toEqual(['4', '4'])
    const [warning] = result.warnings
    expect(warning?.path).toBe('claude-sonnet-4-6')
    expect(warning?.line).toBe(5)
    expect(warning?.message).toBe(
      'entries "claude-sonnet-4-6" and "claude-sonnet-4.6" name catalog model claude-sonnet-4.6 at different prices, so "claude-sonnet-4-6" (input 4 per 1M) applies, as the entry with the higher price, and "claude-sonnet-4.6" (input 2 per 1M) is ignored'
    )
    expect(warning?.fix).toBe(
      'Keep the entry for the route your requests take, or set the prices of claude-sonnet-4.6 under models: in the usage file'
    )
  })

  it('chooses among route prefixes regardless of order', () => {
    // vertex_ai/ and gemini/ are both Google's own routes to
    // gemini-3.1-pro. Gemini's input 3 is above Vertex AI's 1, so it
    // applies in either order: output 18.
    const vertex = {
      input_cost_per_token: 1e-6,
      output_cost_per_token: 6e-6,
      litellm_provider: 'vertex_ai-language-models',
      mode: 'chat'
    }
    const gemini = {
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.8e-5,
      litellm_provider: 'gemini',
      mode: 'chat'
    }
    const orders = [
      {
        'vertex_ai/gemini-3.1-pro-preview': vertex,
        'gemini/gemini-3.1-pro-preview': gemini
      },
      {
        'gemini/gemini-3.1-pro-preview': gemini,
        'vertex_ai/gemini-3.1-pro-preview': vertex
      }
    ]
    for (const entries of orders) {
      const result = load(liteLlm(entries))
      const [entry] = modelOf(result, 'gemini-3.1-pro').prices as [PriceEntry]
      expect(text(entry.input)).toBe('3')
      expect(text(entry.output)).toBe('18')
      expect(result.warnings.map(warning => warning.message)).toEqual([
        'entries "gemini/gemini-3.1-pro-preview" and "vertex_ai/gemini-3.1-pro-preview" name catalog model gemini-3.1-pro at different prices, so "gemini/gemini-3.1-pro-preview" (input 3, output 18 per 1M) applies, as the entry with the higher price, and "vertex_ai/gemini-3.1-pro-preview" (input 1, output 6 per 1M) is ignored'
      ])
      // The Vertex AI key stays a model of its own.
      const own = findModel(result.catalog, 'vertex_ai/gemini-3.1-pro-preview')
      expect(text(own?.prices[0]?.input)).toBe('1')
    }
  })

  it('breaks a price tie by output, then key', () => {
    // Equal input 1: the higher output, 8, applies. With equal prices the
    // key that sorts first applies, with no warning.
    const result = load(
      liteLlm({
        'vertex_ai/gemini-3.1-pro-preview': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 8e-6,
          litellm_provider: 'vertex_ai-language-models'
        },
        'gemini/gemini-3.1-pro-preview': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 6e-6
        }
      })
    )
    const [entry] = modelOf(result, 'gemini-3.1-pro').prices as [PriceEntry]
    expect(text(entry.output)).toBe('8')
    expect(result.warnings).toHaveLength(1)
    const same = {
      input_cost_per_token: 1e-6,
      output_cost_per_token: 6e-6,
      litellm_provider: 'google'
    }
    const equal = load(
      liteLlm({
        'vertex_ai/gemini-3.1-pro-preview': same,
        'gemini/gemini-3.1-pro-preview': same
      })
    )
    expect(equal.warnings).toEqual([])
    const gemini = findModel(equal.catalog, 'gemini/gemini-3.1-pro-preview')
    expect(gemini?.id).toBe('gemini-3.1-pro')
  })

  it('uses the lowest of several long-context thresholds', () => {
    const result = load(
      liteLlm({
        'acme-long': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          input_cost_per_token_above_128k_tokens: 2e-6,
          output_cost_per_token_above_128k_tokens: 4e-6,
          input_cost_per_token_above_256k_tokens: 3e-6,
          output_cost_per_token_above_256k_tokens: 6e-6,
          litellm_provider: 'acme'
        }
      })
    )
    const tier = modelOf(result, 'acme-long').prices[0]?.longContext
    expect(tier?.threshold).toBe(128000)
    expect(text(tier?.input)).toBe('2')
    expect(text(tier?.output)).toBe('4')
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]?.message).toBe(
      'entry "acme-long" has long-context prices above 128k and 256k tokens, but a model has one long-context tier, so requests above 128,000 input tokens are priced at the 128k prices and the 256k tier (input 3, output 6 per 1M) is dropped'
    )
  })

  it('fills a tier without an output price from the standard one', () => {
    // LiteLLM bills a price that a tier lacks at the standard price: input
    // 1e-06 above 128k, output 3e-06 and cached input 7.5e-08 as below it.
    const result = load(
      liteLlm({
        'acme-long': {
          input_cost_per_token: 5e-7,
          output_cost_per_token: 3e-6,
          cache_read_input_token_cost: 7.5e-8,
          input_cost_per_token_above_128k_tokens: 1e-6,
          litellm_provider: 'acme',
          mode: 'chat'
        }
      })
    )
    const tier = modelOf(result, 'acme-long').prices[0]?.longContext
    expect(tier?.threshold).toBe(128000)
    expect(tier?.inclusive).toBe(false)
    expect(text(tier?.input)).toBe('1')
    expect(text(tier?.output)).toBe('3')
    expect(text(tier?.cachedInput)).toBe('3/40')
    expect(result.warnings).toEqual([])
  })

  it('fills a catalog model tier from the merged prices', () => {
    // gpt-5.4-mini has no tier in the catalog. The entry sets input 0.50
    // and 1.00 above 128k, so the tier takes the catalog's output 4.50 and
    // cached input 0.075.
    const result = load(
      liteLlm({
        'gpt-5.4-mini': {
          input_cost_per_token: 5e-7,
          input_cost_per_token_above_128k_tokens: 1e-6,
          litellm_provider: 'openai',
          mode: 'chat'
        }
      })
    )
    const [entry] = modelOf(result, 'gpt-5.4-mini').prices as [PriceEntry]
    expect(text(entry.longContext?.input)).toBe('1')
    expect(text(entry.longContext?.output)).toBe(text(entry.output))
    expect(text(entry.longContext?.output)).toBe('9/2')
    expect(text(entry.longContext?.cachedInput)).toBe('3/40')
  })

  it('completes the catalog tier at its threshold', () => {
    // gpt-5.4's catalog tier above 272,000 tokens is input 5, output 22.50.
    // The entry sets input 6 above 272k, so output 22.50 stays.
    const result = load(
      liteLlm({
        'gpt-5.4': {
          input_cost_per_token_above_272k_tokens: 6e-6,
          litellm_provider: 'openai',
          mode: 'chat'
        }
      })
    )
    const [entry] = modelOf(result, 'gpt-5.4').prices as [PriceEntry]
    expect(entry.longContext?.threshold).toBe(272000)
    expect(entry.longContext?.inclusive).toBe(false)
    expect(text(entry.longContext?.input)).toBe('6')
    expect(text(entry.longContext?.output)).toBe('45/2')
    expect(text(entry.input)).toBe('5/2')
  })

  it('reads a tier with only an output price', () => {
    // The 128k tier sets only output 4, so it keeps the standard input 1.
    // The 272-token tier is lower, so it applies, and the 128k one is
    // dropped with a warning.
    const result = load(
      liteLlm({
        'acme-long': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          output_cost_per_token_above_128k_tokens: 4e-6,
          input_cost_per_token_above_272_tokens: 2e-6,
          litellm_provider: 'acme'
        },
        'acme-output-tier': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          output_cost_per_token_above_128k_tokens: 4e-6,
          litellm_provider: 'acme'
        }
      })
    )

    const lowest = modelOf(result, 'acme-long').prices[0]?.longContext
    expect(lowest?.threshold).toBe(272)
    expect(text(lowest?.input)).toBe('2')
    expect(text(lowest?.output)).toBe('2')
    expect(result.warnings.map(warning => warning.message)).toEqual([
      'entry "acme-long" has long-context prices above 272 and 128k tokens, but a model has one long-context tier, so requests above 272 input tokens are priced at the 272 prices and the 128k tier (output 4 per 1M) is dropped'
    ])

    const outputOnly = modelOf(result, 'acme-output-tier').prices[0]
    expect(outputOnly?.longContext?.threshold).toBe(128000)
    expect(text(outputOnly?.longContext?.input)).toBe('1')
    expect(text(outputOnly?.longContext?.output)).toBe('4')
  })

  it('prices an output-only tier request', () => {
    // gpt-5.4-mini: input 0.50 and output 3.00, output 9.00 above 128k.
    // 1,000 requests × (250,000 × 0.50 + 1,000 × 9.00) / 1M
    // = 1,000 × 134,000 / 1M = $134.00.
    const pricing = load(
      liteLlm({
        'gpt-5.4-mini': {
          input_cost_per_token: 5e-7,
          output_cost_per_token: 3e-6,
          output_cost_per_token_above_128k_tokens: 9e-6
        }
      })
    )
    const { config } = parseUsageFile(
      [
        'version: 1',
        'workloads:',
        '  - name: n',
        '    model: gpt-5.4-mini',
        '    reasoning: none',
        '    tokens: { input: 250000, output: 1000 }',
        '    requests: { per-month: 1000 }'
      ].join('\n'),
      'ai-usage.yml'
    )
    const projection = projectCost(config, pricing.catalog, '2026-12-04')
    expect(projection.monthly.expected.equals(new Fraction(134))).toBe(true)
    expect(pricing.warnings).toEqual([])
  })

  it('reads every threshold spelling', () => {
    const result = load(
      liteLlm({
        'acme-upper-k': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          input_cost_per_token_above_128K_tokens: 3e-6,
          litellm_provider: 'acme'
        },
        'acme-million': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          input_cost_per_token_above_1m_tokens: 3e-6,
          litellm_provider: 'acme'
        },
        'acme-upper-m': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          cache_read_input_token_cost_above_2M_tokens: 5e-7,
          litellm_provider: 'acme'
        }
      })
    )

    const upperK = modelOf(result, 'acme-upper-k').prices[0]?.longContext
    expect(upperK?.threshold).toBe(128000)
    expect(text(upperK?.input)).toBe('3')

    const million = modelOf(result, 'acme-million').prices[0]?.longContext
    expect(million?.threshold).toBe(1000000)
    expect(text(million?.input)).toBe('3')

    const upperM = modelOf(result, 'acme-upper-m').prices[0]?.longContext
    expect(upperM?.threshold).toBe(2000000)
    expect(text(upperM?.cachedInput)).toBe('1/2')
    expect(text(upperM?.input)).toBe('1')

    expect(result.warnings).toEqual([])
  })

  it('warns about a tier key it cannot read', () => {
    // The service-tier variant is ignored without a warning, as the
    // standard _priority price is.
    const result = load(
      liteLlm({
        'acme-long': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          input_cost_per_token_above_128kb_tokens: 3e-6,
          output_cost_per_token_above_0k_tokens: 3e-6,
          input_cost_per_token_above_200k_tokens_priority: 3e-6,
          litellm_provider: 'acme'
        }
      })
    )
    expect(modelOf(result, 'acme-long').prices[0]?.longContext).toBe(undefined)
    expect(result.warnings.map(warning => warning.path)).toEqual([
      'acme-long.input_cost_per_token_above_128kb_tokens',
      'acme-long.output_cost_per_token_above_0k_tokens'
    ])
    expect(result.warnings[0]?.message).toBe(
      'entry "acme-long" has the key "input_cost_per_token_above_128kb_tokens", which looks like a long-context price but has no threshold that can be read, so it is ignored'
    )
    expect(result.warnings[0]?.value).toBe(
      'input_cost_per_token_above_128kb_tokens'
    )
    expect(result.warnings[0]?.line).toBe(5)
  })

  it('keeps the inclusive threshold of a catalog tier', () => {
    // LiteLLM's file does not say whether a threshold is inclusive, and its
    // cost calculator bills a tier only above it. The catalog's grok-4.3
    // tier starts at exactly 200,000 tokens, and the merge keeps that.
    const result = load(
      liteLlm({
        'xai/grok-4.3': {
          input_cost_per_token: 1.25e-6,
          output_cost_per_token: 2.5e-6,
          input_cost_per_token_above_200k_tokens: 2.5e-6,
          output_cost_per_token_above_200k_tokens: 5e-6,
          litellm_provider: 'xai',
          mode: 'chat'
        },
        'acme-long': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          input_cost_per_token_above_200k_tokens: 2e-6,
          litellm_provider: 'xai',
          mode: 'chat'
        }
      })
    )
    const tier = modelOf(result, 'grok-4.3').prices[0]?.longContext
    expect(tier?.threshold).toBe(200000)
    expect(tier?.inclusive).toBe(true)
    expect(text(tier?.input)).toBe('5/2')
    const added = modelOf(result, 'acme-long').prices[0]?.longContext
    expect(added?.inclusive).toBe(false)
  })

  it('uses the smaller of two batch discounts', () => {
    // Input 1 - 0.5/1 = 50% off, output 1 - 1.5/2 = 25% off: 25% applies.
    const result = load(
      liteLlm({
        'acme-batch': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          input_cost_per_token_batches: 5e-7,
          output_cost_per_token_batches: 1.5e-6,
          litellm_provider: 'acme'
        }
      })
    )
    expect(text(modelOf(result, 'acme-batch').prices[0]?.batchDiscount)).toBe(
      '1/4'
    )
    expect(result.warnings[0]?.message).toBe(
      'the batch prices of "acme-batch" take 50% off input and 25% off output, but one batch discount is supported, so the smaller applies'
    )
  })

  it('skips a new model without an output price', () => {
    const result = load(
      liteLlm({
        'acme-half': { input_cost_per_token: 1e-6, litellm_provider: 'acme' }
      })
    )
    expect(findModel(result.catalog, 'acme-half')).toBeUndefined()
    expect(result.summary.skipped).toBe(1)
  })
})

describe('LiteLLM keys with route prefixes', () => {
  /** Prices a workload of 1,000 input and 100 output tokens, 1M requests a month. */
  function monthly(pricing: LoadedPricing, model: string): string {
    const { config } = parseUsageFile(
      [
        'version: 1',
        'workloads:',
        '  - name: g',
        `    model: ${model}`,
        '    tokens: { input: 1000, output: 100 }',
        '    requests: { per-month: 1000000 }'
      ].join('\n'),
      'ai-usage.yml'
    )
    return projectCost(
      config,
      pricing.catalog,
      '2026-12-04'
    ).monthly.expected.toFraction()
  }

  it('prices a catalog model by its Gemini API key', () => {
    // gemini/gemini-3.1-pro-preview at $1 / $6 prices the catalog's
    // gemini-3.1-pro: 1,000,000 × (1,000 × 1 + 100 × 6) / 1M = 1,600,
    // where the catalog's $2 / $12 give 3,200.
    const pricing = load(
      liteLlm({
        'gemini/gemini-3.1-pro-preview': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 6e-6,
          litellm_provider: 'gemini',
          mode: 'chat'
        }
      })
    )
    expect(pricing.summary).toMatchObject({ updated: 1, added: 0 })
    expect(monthly(pricing, 'gemini-3.1-pro')).toBe('1600')
    expect(monthly(pricing, 'gemini/gemini-3.1-pro-preview')).toBe('1600')
    expect(
      monthly({ catalog: bundled } as LoadedPricing, 'gemini-3.1-pro')
    ).toBe('3200')
  })

  it('prices a catalog model by its Azure key', () => {
    // 1,000,000 × (1,000 × 0.10 + 100 × 1.00) / 1M = 200.
    const pricing = load(
      liteLlm({
        'azure/gpt-5.4-nano': {
          input_cost_per_token: 1e-7,
          output_cost_per_token: 1e-6,
          litellm_provider: 'azure',
          mode: 'chat'
        }
      })
    )
    expect(pricing.summary).toMatchObject({ updated: 1, added: 0 })
    expect(monthly(pricing, 'gpt-5.4-nano')).toBe('200')
  })

  it('prices a catalog model by its Bedrock and Vertex ids', () => {
    // The Bedrock and Google Cloud ids that Anthropic publishes for Claude
    // Haiku 4.5 are aliases of the catalog model.
    for (const key of [
      'anthropic.claude-haiku-4-5-20251001-v1:0',
      'bedrock/anthropic.claude-haiku-4-5-20251001-v1:0',
      'vertex_ai/claude-haiku-4-5@20251001'
    ]) {
      const pricing = load(
        liteLlm({ [key]: { input_cost_per_token: 8e-7, mode: 'chat' } })
      )
      const haiku = modelOf(pricing, 'claude-haiku-4.5')
      expect(text(haiku.prices[0]?.input), key).toBe('4/5')
    }
  })

  it('prefers the provider key to a reseller key', () => {
    // The OpenAI entry prices gpt-5.4-nano wherever it is in the file; the
    // Azure one becomes a model of its own under its key.
    const pricing = load(
      liteLlm({
        'azure/gpt-5.4-nano': {
          input_cost_per_token: 2.2e-7,
          output_cost_per_token: 1.375e-6,
          litellm_provider: 'azure',
          mode: 'chat'
        },
        'gpt-5.4-nano': {
          input_cost_per_token: 1e-7,
          output_cost_per_token: 1e-6,
          litellm_provider: 'openai',
          mode: 'chat'
        }
      })
    )
    expect(pricing.warnings).toEqual([])
    expect(pricing.summary).toEqual({
      updated: 1,
      added: 1,
      skipped: 0,
      outranked: 1
    })
    expect(text(modelOf(pricing, 'gpt-5.4-nano').prices[0]?.input)).toBe('1/10')
    const azure = modelOf(pricing, 'azure/gpt-5.4-nano')
    expect(azure.id).toBe('azure/gpt-5.4-nano')
    expect(azure.provider).toBe('azure')
    expect(text(azure.prices[0]?.input)).toBe('11/50')
    expect(describePricing('prices.json', pricing)).toBe(
      "The pricing file prices.json (LiteLLM's format) updated 1 catalog model and added 1 model. It kept 1 entry for another route to a catalog model, such as azure/ or bedrock/, out of that model, because another entry names the model more directly."
    )
  })

  it('prefers a key as written to a prefixed one', () => {
    // Both are Anthropic's own, so the key without a prefix applies.
    const pricing = load(
      liteLlm({
        'anthropic/claude-haiku-4-5-20251001': {
          input_cost_per_token: 9e-7,
          litellm_provider: 'anthropic'
        },
        'claude-haiku-4-5': {
          input_cost_per_token: 8e-7,
          litellm_provider: 'anthropic'
        }
      })
    )
    expect(text(modelOf(pricing, 'claude-haiku-4.5').prices[0]?.input)).toBe(
      '4/5'
    )
    expect(pricing.summary.outranked).toBe(1)
  })

  it('keeps keys with other prefixes as written', () => {
    // openrouter/ is not a route prefix, and a Bedrock region is part of
    // the key, so both entries add models under their keys.
    const pricing = load(
      liteLlm({
        'openrouter/openai/gpt-5.4-nano': {
          input_cost_per_token: 1e-7,
          output_cost_per_token: 1e-6,
          litellm_provider: 'openrouter'
        },
        'bedrock/us-gov-west-1/anthropic.claude-haiku-4-5': {
          input_cost_per_token: 1.2e-6,
          output_cost_per_token: 6e-6,
          litellm_provider: 'bedrock'
        }
      })
    )
    expect(pricing.summary).toMatchObject({ updated: 0, added: 2 })
    expect(modelOf(pricing, 'openrouter/openai/gpt-5.4-nano').provider).toBe(
      'openrouter'
    )
    expect(text(modelOf(pricing, 'gpt-5.4-nano').prices[0]?.input)).toBe('1/5')
  })

  it('records which entry prices which model', () => {
    const pricing = load(
      liteLlm({
        'gemini/gemini-3.1-pro-preview': { input_cost_per_token: 1e-6 },
        'acme-chat': { input_cost_per_token: 1e-6 },
        'dall-e-3': { mode: 'image_generation', output_cost_per_image: 0.04 }
      })
    )
    expect(pricing.entries).toEqual([
      {
        name: 'gemini/gemini-3.1-pro-preview',
        path: ['gemini/gemini-3.1-pro-preview'],
        at: 'key',
        model: 'gemini-3.1-pro'
      },
      { name: 'acme-chat', path: ['acme-chat'], at: 'key' }
    ])
  })
})

describe('pricing file in the catalog format', () => {
  it('merges a catalog model into every dated entry', () => {
    const result = load(
      [
        'models:',
        '  - id: claude-sonnet-4-6',
        '    prices:',
        '      - { input: 2.70, output: 13.50 }'
      ].join('\n'),
      'prices.yml'
    )
    expect(result.format).toBe('catalog')
    const sonnet = modelOf(result, 'claude-sonnet-4.6')
    expect(sonnet.prices.map(entry => entry.from)).toEqual([
      '2026-02-17',
      '2026-03-13'
    ])
    for (const entry of sonnet.prices) {
      expect(text(entry.input)).toBe('27/10')
      expect(text(entry.output)).toBe('27/2')
      expect(text(entry.cachedInput)).toBe('3/10')
      expect(text(entry.cacheWrite1h)).toBe('6')
    }
    // The first entry keeps the catalog's long-context tier.
    expect(text(sonnet.prices[0]?.longContext?.input)).toBe('6')
    expect(sonnet.prices[1]?.longContext).toBeUndefined()
  })

  it('adds a dated entry filled from the one in force', () => {
    const result = load(
      [
        'models:',
        '  - id: gpt-5.4-nano',
        '    prices:',
        '      - { from: 2027-03-01, input: 0.10 }'
      ].join('\n'),
      'prices.yml'
    )
    const nano = modelOf(result, 'gpt-5.4-nano')
    expect(nano.prices.map(entry => entry.from)).toEqual([
      '2026-03-17',
      '2027-03-01'
    ])
    const added = nano.prices[1]
    expect(text(added?.input)).toBe('1/10')
    expect(text(added?.output)).toBe('5/4')
    expect(text(added?.cachedInput)).toBe('1/50')
    expect(text(added?.batchDiscount)).toBe('1/2')
  })

  it('adds a new model with decimal strings', () => {
    const result = load(
      JSON.stringify({
        'as-of': '2026-10-01',
        models: [
          {
            id: 'acme-ft',
            provider: 'openai',
            aliases: ['acme/ft'],
            prices: [{ input: '0.30', output: '1.20', 'batch-discount': '50%' }]
          }
        ]
      })
    )
    const acme = modelOf(result, 'acme/ft')
    expect(acme.id).toBe('acme-ft')
    expect(text(acme.prices[0]?.input)).toBe('3/10')
    expect(text(acme.prices[0]?.batchDiscount)).toBe('1/2')
    expect(result.summary).toEqual({
      updated: 0,
      added: 1,
      skipped: 0,
      outranked: 0
    })
  })

  it('loads the bundled catalog itself without changes', () => {
    const result = load(CATALOG_JSON, 'catalog.json')
    expect(result.summary).toEqual({
      updated: bundled.models.length,
      added: 0,
      skipped: 0,
      outranked: 0
    })
    const nano = modelOf(result, 'gpt-5.4-nano').prices[0]
    expect(text(nano?.input)).toBe('1/5')
  })

  it.each([
    [
      'a new model without a provider',
      ['models:', '  - id: acme-ft', '    prices: [{ input: 1, output: 2 }]'],
      {
        path: 'models[0].id',
        line: 2,
        message:
          'model "acme-ft" is not in the price catalog and has no provider',
        fix: 'Add provider:, or use the id or an alias of a catalog model'
      }
    ],
    [
      'a new model without an output price',
      [
        'models:',
        '  - id: acme-ft',
        '    provider: acme',
        '    prices: [{ input: 1 }]'
      ],
      {
        path: 'models[0].prices[0]',
        line: 4,
        message:
          'model "acme-ft" is not in the price catalog, so its prices need input and output',
        fix: 'Add both an input and an output price'
      }
    ],
    [
      'an incomplete tier for a model without one',
      [
        'models:',
        '  - id: gpt-5.4-nano',
        '    prices: [{ long-context: { threshold: 64000, input: 1 } }]'
      ],
      {
        path: 'models[0].prices[0].long-context',
        line: 3,
        message:
          'the long-context tier of "gpt-5.4-nano" has no output, and the model has no long-context tier for it to complete',
        fix: 'Set threshold: (input tokens per request), input: and output: in USD per 1M tokens'
      }
    ],
    [
      'an unknown key',
      ['models:', '  - id: gpt-5.4-nano', '    prises: []'],
      {
        path: 'models[0].prises',
        line: 3,
        message: 'unknown key prises',
        fix: 'Did you mean prices?'
      }
    ],
    [
      'a price that is not a number',
      ['models:', '  - id: gpt-5.4-nano', '    prices: [{ input: cheap }]'],
      {
        path: 'models[0].prices[0].input',
        line: 3,
        message: 'a price must be a number in USD per 1M tokens',
        fix: 'Write a non-negative number in USD per 1M tokens, such as 0.30'
      }
    ],
    [
      'a batch discount above 100%',
      [
        'models:',
        '  - id: gpt-5.4-nano',
        '    prices: [{ batch-discount: 150% }]'
      ],
      {
        path: 'models[0].prices[0].batch-discount',
        line: 3,
        message: 'batch-discount must be a share from 0 to 1',
        fix: 'Write batch-discount: 0.5 or batch-discount: 50%'
      }
    ],
    [
      'a bad date',
      [
        'models:',
        '  - id: gpt-5.4-nano',
        '    prices: [{ from: 2027-02-30, input: 1 }]'
      ],
      {
        path: 'models[0].prices[0].from',
        line: 3,
        message: 'from must be a date',
        fix: 'Write from: as YYYY-MM-DD, such as 2026-10-01'
      }
    ],
    [
      'an alias of another model',
      ['models:', '  - id: gpt-5.4-nano', '    aliases: [claude-sonnet-4-6]'],
      {
        path: 'models[0].aliases[0]',
        line: 3,
        message:
          'alias "claude-sonnet-4-6" already names model claude-sonnet-4.6',
        fix: 'Remove the alias, or give it to one model only'
      }
    ],
    [
      'two entries for one model',
      ['models:', '  - id: gpt-5.4-nano', '  - id: GPT-5.4 nano'],
      {
        path: 'models[1].id',
        line: 3,
        message:
          '"GPT-5.4 nano" names catalog model gpt-5.4-nano, as "gpt-5.4-nano" does before it, so this entry is ignored',
        fix: 'Keep one entry per model'
      }
    ]
  ])('rejects %s', (_name, lines, expected) => {
    const issues = rejected(lines.join('\n'), 'prices.yml')
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({
      file: 'prices.yml',
      severity: 'error',
      ...expected
    })
  })
})

describe('pricing file errors', () => {
  it('rejects an empty file', () => {
    const [issue] = rejected('  \n')
    expect(issue?.message).toBe('the pricing file is empty')
  })

  it('rejects invalid JSON at its position', () => {
    const [issue] = rejected('{\n  "gpt-5.4-nano": {\n    "mode": chat\n  }\n}')
    expect(issue?.line).toBe(3)
    expect(issue?.column).toBe(13)
    expect(issue?.message).toBe(
      'invalid JSON: unexpected character "c" where a value belongs'
    )
  })

  it('rejects a YAML file over 2 MiB', () => {
    // 2 MiB is 2,097,152 bytes; JSON files may be larger.
    const text = `models: []\n#${'x'.repeat(2_097_152)}\n`
    const [issue] = rejected(text, 'prices.yml')
    expect(issue?.message).toBe(
      'the YAML pricing file is larger than the limit of 2097152 bytes (2 MiB)'
    )
    expect(issue?.fix).toBe(
      'Write a large pricing file as JSON, in a file whose name ends in .json'
    )
  })

  it('rejects a file in neither format', () => {
    const [issue] = rejected('{ "prices": [] }')
    expect(issue?.message).toBe(
      "the pricing file is in neither supported format: the catalog's models: list, or LiteLLM's model_prices_and_context_window.json"
    )
    expect(issue?.value).toBe('{ "prices": [] }')
  })

  it('names an empty or null file value', () => {
    for (const written of ['{}', '[]', 'null']) {
      const [issue] = rejected(written)
      expect(issue?.value).toBe(written)
      expect(issue?.line).toBe(1)
    }
    const [yaml] = rejected('[]\n', 'prices.yml')
    expect(yaml?.value).toBe('[]')
  })

  it('reads a LiteLLM file with only tier keys', () => {
    // gpt-5.4-nano: input 0.20 and output 1.25 in the catalog, and no
    // tier, so the 1m tier keeps output 1.25 and sets input 0.10.
    const result = load(
      '{"gpt-5.4-nano": {"input_cost_per_token_above_1m_tokens": 1e-07}}'
    )
    expect(result.format).toBe('litellm')
    const [entry] = modelOf(result, 'gpt-5.4-nano').prices as [PriceEntry]
    expect(entry.longContext?.threshold).toBe(1000000)
    expect(text(entry.longContext?.input)).toBe('1/10')
    expect(text(entry.longContext?.output)).toBe('5/4')
  })
})

describe('pricing precedence', () => {
  it('puts models: before the pricing file before the catalog', () => {
    const pricing = load(
      liteLlm({
        'gpt-5.4-nano': {
          input_cost_per_token: 1.5e-7,
          output_cost_per_token: 1e-6
        }
      })
    )
    const { config } = parseUsageFile(
      [
        'version: 1',
        'models:',
        '  gpt-5.4-nano: { output: 0.50 }',
        'workloads:',
        '  - name: chat',
        '    model: gpt-5.4-nano',
        '    profile: simple',
        '    cache: { read: 50% }',
        '    requests: { per-month: 1000000 }'
      ].join('\n'),
      'ai-usage.yml'
    )
    const projection = projectCost(config, pricing.catalog, '2026-12-04')
    // Input 0.15 (pricing file), output 0.50 (models:), cached 0.02
    // (catalog): 100M × 0.15/1M = 15; 100M × 0.02/1M = 2; 50M × 0.50/1M
    // = 25; total 42.
    expect(projection.monthly.expected.equals(new Fraction(42))).toBe(true)
  })
})
