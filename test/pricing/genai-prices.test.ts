import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import {
  findProvider,
  type MatchLogic,
  type ModelInfo,
  type ModelPrice,
  type TieredPrices
} from '@pydantic/genai-prices'
import { loadCatalog } from '../../src/pricing/catalog.js'
import type { CatalogModel, PriceEntry } from '../../src/pricing/types.js'
import reviewed from './reviewed-differences.json' with { type: 'json' }

// Compares the catalog with the price data bundled in @pydantic/genai-prices
// (a pinned dev dependency). Every disagreement must be listed, with its
// reason, in reviewed-differences.json, and every listed one must still occur.

interface Difference {
  model: string
  from: string
  field: string
  ours: string
  theirs: string
}

interface ReviewedDifference extends Difference {
  reason: string
}

// genai-prices provider ids for the catalog's provider names.
const genaiProviderIds: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  mistral: 'mistral',
  deepseek: 'deepseek',
  xai: 'x-ai',
  together: 'together'
}

function matchesLogic(logic: MatchLogic, name: string): boolean {
  if ('equals' in logic) return name === logic.equals.toLowerCase()
  if ('starts_with' in logic) {
    return name.startsWith(logic.starts_with.toLowerCase())
  }
  if ('ends_with' in logic) return name.endsWith(logic.ends_with.toLowerCase())
  if ('contains' in logic) return name.includes(logic.contains.toLowerCase())
  if ('regex' in logic) return new RegExp(logic.regex).test(name)
  if ('or' in logic) return logic.or.some(part => matchesLogic(part, name))
  return logic.and.every(part => matchesLogic(part, name))
}

/** Finds the genai-prices model for a catalog model: by id first, then by its match rules. */
function findGenaiModel(model: CatalogModel): ModelInfo | undefined {
  const providerId = genaiProviderIds[model.provider]
  if (providerId === undefined) return undefined
  const provider = findProvider({ providerId })
  if (provider === undefined) return undefined
  const spellings = [model.id, ...model.aliases].map(s => s.toLowerCase())
  for (const spelling of spellings) {
    const byId = provider.models.find(
      info => info.id.toLowerCase() === spelling
    )
    if (byId) return byId
  }
  return provider.models.find(info =>
    spellings.some(spelling => matchesLogic(info.match, spelling))
  )
}

// Picks the genai-prices prices in force on a date. Entries constrained to a
// time of day (DeepSeek's peak windows) are skipped, because the catalog has
// no time-of-day prices.
function genaiPricesOn(info: ModelInfo, date: string): ModelPrice {
  if (!Array.isArray(info.prices)) return info.prices
  let inForce: ModelPrice = {}
  for (const conditional of info.prices) {
    const constraint = conditional.constraint
    if (constraint === undefined) inForce = conditional.prices
    else if (constraint.type === 'start_date') {
      if (constraint.start_date <= date) inForce = conditional.prices
    }
  }
  return inForce
}

function isTiered(value: unknown): value is TieredPrices {
  return typeof value === 'object' && value !== null && 'tiers' in value
}

// genai-prices stores JS numbers. The shortest decimal form of each is the
// decimal written in its data, so String() recovers that decimal exactly.
function exact(value: number | undefined): string {
  return value === undefined ? 'none' : new Fraction(String(value)).toString()
}

function basePrice(prices: ModelPrice, key: string): string {
  const value = prices[key]
  if (isTiered(value)) return exact(value.base)
  return exact(value)
}

function tierPrice(prices: ModelPrice, key: string): string {
  const value = prices[key]
  return isTiered(value) ? exact(value.tiers[0]?.price) : 'none'
}

function fractionText(value: Fraction | undefined): string {
  return value === undefined ? 'none' : value.toString()
}

function compareEntry(
  model: CatalogModel,
  entry: PriceEntry,
  theirs: ModelPrice
): Difference[] {
  const long = entry.longContext
  const inputTier = theirs['input_mtok']
  // genai-prices applies a tier when the input token count is greater than
  // `start`, while the catalog stores a threshold and whether it is inclusive.
  const ourLongStart =
    long === undefined
      ? 'none'
      : String(long.inclusive ? long.threshold : long.threshold + 1)
  const theirLongStart = isTiered(inputTier)
    ? String((inputTier.tiers[0]?.start ?? 0) + 1)
    : 'none'
  const fields: [string, string, string][] = [
    ['input', fractionText(entry.input), basePrice(theirs, 'input_mtok')],
    ['output', fractionText(entry.output), basePrice(theirs, 'output_mtok')],
    [
      'cached-input',
      fractionText(entry.cachedInput),
      basePrice(theirs, 'cache_read_mtok')
    ],
    [
      'cache-write-5m',
      fractionText(entry.cacheWrite5m),
      basePrice(theirs, 'cache_write_mtok')
    ],
    [
      'cache-write-1h',
      fractionText(entry.cacheWrite1h),
      basePrice(theirs, 'cache_write_1h_mtok')
    ],
    ['long-context.first-token', ourLongStart, theirLongStart],
    [
      'long-context.input',
      fractionText(long?.input),
      tierPrice(theirs, 'input_mtok')
    ],
    [
      'long-context.output',
      fractionText(long?.output),
      tierPrice(theirs, 'output_mtok')
    ],
    [
      'long-context.cached-input',
      fractionText(long?.cachedInput),
      tierPrice(theirs, 'cache_read_mtok')
    ],
    [
      'long-context.cache-write-5m',
      fractionText(long?.cacheWrite5m),
      tierPrice(theirs, 'cache_write_mtok')
    ],
    [
      'long-context.cache-write-1h',
      fractionText(long?.cacheWrite1h),
      tierPrice(theirs, 'cache_write_1h_mtok')
    ]
  ]
  return fields
    .filter(([, ours, other]) => ours !== other)
    .map(([field, ours, other]) => ({
      model: model.id,
      from: entry.from,
      field,
      ours,
      theirs: other
    }))
}

function findDifferences(): { differences: Difference[]; compared: number } {
  const differences: Difference[] = []
  let compared = 0
  for (const model of loadCatalog().models) {
    const info = findGenaiModel(model)
    if (info === undefined) continue
    compared++
    for (const entry of model.prices) {
      differences.push(
        ...compareEntry(model, entry, genaiPricesOn(info, entry.from))
      )
    }
  }
  return { differences, compared }
}

function keyOf(difference: Difference): string {
  const { model, from, field, ours, theirs } = difference
  return `${model} ${from} ${field}: ours ${ours}, genai-prices ${theirs}`
}

describe('catalog compared with @pydantic/genai-prices', () => {
  const { differences, compared } = findDifferences()
  const listed = reviewed as ReviewedDifference[]

  it('finds most catalog models in genai-prices', () => {
    expect(compared).toBeGreaterThanOrEqual(50)
  })

  it('has no unreviewed differences', () => {
    const reviewedKeys = new Set(listed.map(keyOf))
    const unreviewed = differences
      .map(keyOf)
      .filter(key => !reviewedKeys.has(key))
    expect(unreviewed).toEqual([])
  })

  it('lists only differences that still occur', () => {
    const actualKeys = new Set(differences.map(keyOf))
    const stale = listed.map(keyOf).filter(key => !actualKeys.has(key))
    expect(stale).toEqual([])
  })

  it('gives a reason for every reviewed difference', () => {
    const unexplained = listed
      .filter(entry => entry.reason.trim().length < 20)
      .map(keyOf)
    expect(unexplained).toEqual([])
  })
})
