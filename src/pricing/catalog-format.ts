import Fraction from 'fraction.js'
import { parseDecimal, parsePercent } from '../config/numbers.js'
import { findClosestName } from '../config/suggest.js'
import type { ConfigIssue } from '../config/types.js'
import type { PathSegment } from '../config/yaml-source.js'
import type { ModelPatch, PricePatch } from './merge.js'
import { readPrice, type PriceUnit } from './read-price.js'
import { pricingIssue, type PricingSource } from './source.js'
import type { CatalogModel, LongContextPrices, ReasoningMode } from './types.js'

/**
 * Reads a pricing file in the bundled catalog's format: `models:`, a list of
 * models with an `id` and dated `prices`. Every field but `id` is optional,
 * because an entry for a catalog model changes only what it sets. Prices are
 * USD per 1M tokens, written as numbers (read exactly from their digits) or
 * as decimal strings such as "0.30".
 */

const PER_MILLION: PriceUnit = {
  toPerMillion: new Fraction(1),
  name: 'USD per 1M tokens',
  example: '0.30',
  strings: true
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A YAML or JSON mapping as plain data. */
type Mapping = Record<string, unknown>

/** Checks whether a parsed file has this format: a mapping with a `models:` list. */
export function isCatalogTree(tree: unknown): boolean {
  return isRecord(tree) && Array.isArray(tree.models)
}

/** Converts the models of a file in the catalog's format, recording every problem. */
export function convertCatalogFormat(
  source: PricingSource,
  issues: ConfigIssue[]
): ModelPatch[] {
  const root = source.tree as Mapping
  const reader = new FieldReader(source, issues)
  reader.checkKeys(root, [], ['as-of', 'models'])
  if (root['as-of'] !== undefined) reader.date(root, [], 'as-of')

  const models = root.models as unknown[]
  return models.flatMap((raw, index) => {
    const path: PathSegment[] = ['models', index]
    if (!isRecord(raw)) {
      reader.invalid(
        path,
        'a model entry must be a mapping with an id',
        'Write { id: …, prices: [ … ] }'
      )
      return []
    }
    const patch = readModel(reader, raw, path)
    return patch ? [patch] : []
  })
}

const MODEL_KEYS = [
  'id',
  'name',
  'provider',
  'aliases',
  'status',
  'retired',
  'replacement',
  'reasoning',
  'family',
  'context-window',
  'prices'
]

const PRICE_KEYS = [
  'from',
  'input',
  'output',
  'cached-input',
  'cache-write-5m',
  'cache-write-1h',
  'batch-discount',
  'long-context',
  'source',
  'checked'
]

const TIER_KEYS = [
  'threshold',
  'inclusive',
  'input',
  'output',
  'cached-input',
  'cache-write-5m',
  'cache-write-1h'
]

type TokenPriceField =
  'input' | 'output' | 'cachedInput' | 'cacheWrite5m' | 'cacheWrite1h'

const TOKEN_PRICE_KEYS: [string, TokenPriceField][] = [
  ['input', 'input'],
  ['output', 'output'],
  ['cached-input', 'cachedInput'],
  ['cache-write-5m', 'cacheWrite5m'],
  ['cache-write-1h', 'cacheWrite1h']
]

function readModel(
  reader: FieldReader,
  raw: Mapping,
  path: PathSegment[]
): ModelPatch | undefined {
  reader.checkKeys(raw, path, MODEL_KEYS)
  const id = reader.text(raw, path, 'id')
  if (id === undefined) {
    if (raw.id === undefined) {
      reader.invalid(
        path,
        'a model entry needs an id',
        'Add id: with a catalog id or a new model name'
      )
    }
    return undefined
  }
  const patch: ModelPatch = {
    id,
    path,
    idAt: { path: [...path, 'id'], at: 'value' },
    prices: []
  }
  const name = reader.text(raw, path, 'name')
  const provider = reader.text(raw, path, 'provider')
  const replacement = reader.text(raw, path, 'replacement')
  const family = reader.text(raw, path, 'family')
  const aliases = reader.textList(raw, path, 'aliases')
  const status = reader.choice(raw, path, 'status', [
    'active',
    'deprecated',
    'retired'
  ])
  const reasoning = reader.choice(raw, path, 'reasoning', [
    'always',
    'optional',
    'none'
  ])
  const retired = reader.date(raw, path, 'retired')
  const window = reader.count(raw, path, 'context-window')
  if (name !== undefined) patch.name = name
  if (provider !== undefined) patch.provider = provider
  if (replacement !== undefined) patch.replacement = replacement
  if (family !== undefined) patch.family = family
  if (aliases !== undefined) patch.aliases = aliases
  if (status !== undefined) patch.status = status as CatalogModel['status']
  if (reasoning !== undefined) patch.reasoning = reasoning as ReasoningMode
  if (retired !== undefined) patch.retired = retired
  if (window !== undefined) patch.contextWindow = window

  const prices = raw.prices
  if (prices === undefined) return patch
  if (!Array.isArray(prices)) {
    reader.invalid(
      [...path, 'prices'],
      'prices must be a list of price entries',
      'Write prices: [ { input: 0.30, output: 1.20 } ]'
    )
    return patch
  }
  prices.forEach((entry, index) => {
    const entryPath = [...path, 'prices', index]
    if (!isRecord(entry)) {
      reader.invalid(
        entryPath,
        'a price entry must be a mapping',
        'Write { input: 0.30, output: 1.20 }'
      )
      return
    }
    patch.prices.push(readPriceEntry(reader, entry, entryPath))
  })
  return patch
}

function readPriceEntry(
  reader: FieldReader,
  raw: Mapping,
  path: PathSegment[]
): PricePatch {
  reader.checkKeys(raw, path, PRICE_KEYS)
  const patch: PricePatch = { path }
  const from = reader.date(raw, path, 'from')
  const checked = reader.date(raw, path, 'checked')
  const source = reader.text(raw, path, 'source')
  if (from !== undefined) patch.from = from
  if (checked !== undefined) patch.checked = checked
  if (source !== undefined) patch.source = source
  Object.assign(patch, readTokenPrices(reader, raw, path))
  const batchDiscount = reader.ratio(raw, path, 'batch-discount')
  if (batchDiscount !== undefined) patch.batchDiscount = batchDiscount
  const tier = raw['long-context']
  if (tier !== undefined) {
    const tierPath = [...path, 'long-context']
    if (isRecord(tier)) patch.longContext = readTier(reader, tier, tierPath)
    else
      reader.invalid(
        tierPath,
        'long-context must be a mapping',
        'Write long-context: { threshold: 200000, input: 6, output: 22.5 }'
      )
  }
  return patch
}

function readTier(
  reader: FieldReader,
  raw: Mapping,
  path: PathSegment[]
): Partial<LongContextPrices> {
  reader.checkKeys(raw, path, TIER_KEYS)
  const tier: Partial<LongContextPrices> = {}
  const threshold = reader.count(raw, path, 'threshold')
  const inclusive = reader.flag(raw, path, 'inclusive')
  if (threshold !== undefined) tier.threshold = threshold
  if (inclusive !== undefined) tier.inclusive = inclusive
  return { ...tier, ...readTokenPrices(reader, raw, path) }
}

/** Reads the prices per 1M tokens that entries and tiers share; unset ones are left out. */
function readTokenPrices(
  reader: FieldReader,
  raw: Mapping,
  path: PathSegment[]
): Partial<Record<TokenPriceField, Fraction>> {
  const prices: Partial<Record<TokenPriceField, Fraction>> = {}
  for (const [key, field] of TOKEN_PRICE_KEYS) {
    const price = reader.price(raw, path, key)
    if (price !== undefined) prices[field] = price
  }
  return prices
}

/** Reads typed fields of a mapping, recording a positioned error for each invalid one. */
class FieldReader {
  constructor(
    private readonly source: PricingSource,
    private readonly issues: ConfigIssue[]
  ) {}

  invalid(path: PathSegment[], message: string, fix: string): void {
    this.issues.push(pricingIssue(this.source, { path, message, fix }))
  }

  checkKeys(raw: Mapping, path: PathSegment[], known: string[]): void {
    for (const key of Object.keys(raw)) {
      if (known.includes(key)) continue
      const closest = findClosestName(key, known)
      this.issues.push(
        pricingIssue(this.source, {
          path: [...path, key],
          at: 'key',
          value: key,
          message: `unknown key ${key}`,
          fix: closest
            ? `Did you mean ${closest}?`
            : `Use one of ${known.join(', ')}`
        })
      )
    }
  }

  text(raw: Mapping, path: PathSegment[], key: string): string | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    this.invalid([...path, key], `${key} must be text`, `Write ${key}: as text`)
    return undefined
  }

  textList(
    raw: Mapping,
    path: PathSegment[],
    key: string
  ): string[] | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    if (
      Array.isArray(value) &&
      value.every(item => typeof item === 'string' && item.trim() !== '')
    ) {
      return (value as string[]).map(item => item.trim())
    }
    this.invalid(
      [...path, key],
      `${key} must be a list of names`,
      `Write ${key}: [name-1, name-2]`
    )
    return undefined
  }

  choice(
    raw: Mapping,
    path: PathSegment[],
    key: string,
    choices: string[]
  ): string | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    if (typeof value === 'string' && choices.includes(value)) return value
    this.invalid(
      [...path, key],
      `${key} must be one of ${choices.join(', ')}`,
      `Write ${key}: ${choices[0] ?? ''}`
    )
    return undefined
  }

  date(raw: Mapping, path: PathSegment[], key: string): string | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    if (typeof value === 'string' && isCalendarDate(value)) return value
    this.invalid(
      [...path, key],
      `${key} must be a date`,
      `Write ${key}: as YYYY-MM-DD, such as 2026-10-01`
    )
    return undefined
  }

  count(raw: Mapping, path: PathSegment[], key: string): number | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
      return value
    this.invalid(
      [...path, key],
      `${key} must be a whole number of tokens above 0`,
      `Write ${key}: such as 200000`
    )
    return undefined
  }

  flag(raw: Mapping, path: PathSegment[], key: string): boolean | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    if (typeof value === 'boolean') return value
    this.invalid(
      [...path, key],
      `${key} must be true or false`,
      `Write ${key}: true or ${key}: false`
    )
    return undefined
  }

  price(raw: Mapping, path: PathSegment[], key: string): Fraction | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    return readPrice(
      this.source,
      [...path, key],
      value,
      PER_MILLION,
      this.issues
    )
  }

  /** Reads a share from 0 to 1, written 0.5, "0.5" or "50%". */
  ratio(raw: Mapping, path: PathSegment[], key: string): Fraction | undefined {
    const value = raw[key]
    if (value === undefined) return undefined
    const fieldPath = [...path, key]
    const text =
      typeof value === 'number' ? this.source.numberText(fieldPath) : undefined
    const written = typeof value === 'string' ? value : undefined
    const ratio =
      text !== undefined
        ? parseDecimal(text)
        : written !== undefined
          ? (parsePercent(written) ?? parseDecimal(written))
          : undefined
    if (ratio !== undefined && ratio.gte(0) && ratio.lte(1)) return ratio
    this.invalid(
      fieldPath,
      `${key} must be a share from 0 to 1`,
      `Write ${key}: 0.5 or ${key}: 50%`
    )
    return undefined
  }
}

function isRecord(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}
