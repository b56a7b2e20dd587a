import Fraction from 'fraction.js'
import { formatDecimal, formatPercent } from '../config/numbers.js'
import type { ConfigIssue } from '../config/types.js'
import { formatCount } from '../cost/money.js'
import type { PathSegment } from '../config/yaml-source.js'
import { joinWords, type ModelPatch, type PricePatch } from './merge.js'
import { readPrice, type PriceUnit } from './read-price.js'
import { pricingIssue, type PricingSource } from './source.js'
import type { CatalogModel, LongContextPrices } from './types.js'

/**
 * Reads LiteLLM's `model_prices_and_context_window.json`: a mapping from
 * model key to an entry whose prices are USD per token, such as
 * `"input_cost_per_token": 2.5e-06`. Each price is read from its written
 * digits and multiplied by 1,000,000 exactly.
 */

const PER_TOKEN: PriceUnit = {
  toPerMillion: new Fraction(1_000_000),
  name: 'USD per token',
  example: '2.5e-06',
  strings: false
}

/** The documentation entry at the top of LiteLLM's file, which contains no prices. */
const SAMPLE_KEY = 'sample_spec'

/** Modes whose entries are priced by the token; image, audio and rerank entries are not. */
const TOKEN_MODES = new Set(['chat', 'completion', 'responses', 'embedding'])

type FlatField =
  'input' | 'output' | 'cachedInput' | 'cacheWrite5m' | 'cacheWrite1h'

const FLAT_FIELDS: Record<string, FlatField> = {
  input_cost_per_token: 'input',
  output_cost_per_token: 'output',
  cache_read_input_token_cost: 'cachedInput',
  // Anthropic's default cache lifetime is 5 minutes; LiteLLM names the
  // 1-hour write price with the suffix _above_1hr.
  cache_creation_input_token_cost: 'cacheWrite5m',
  cache_creation_input_token_cost_above_1hr: 'cacheWrite1h'
}

// A long-context price: a flat field name, then `_above_<N>_tokens` where
// N is a count with an optional `k`/`K` (thousands) or `m`/`M` (millions)
// unit, as in `_above_200k_tokens`, `_above_128K_tokens` and
// `_above_1m_tokens`.
const TIER_FIELD =
  /^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost|cache_creation_input_token_cost_above_1hr)_above_(\d+(?:\.\d+)?)([kKmM]?)_tokens$/

// A key that starts like a long-context price. One that TIER_FIELD does not
// match gets a warning, unless it ends in a service-tier suffix such as
// `_priority` or `_flex`, which is ignored because the cost model has no
// service tiers.
const TIER_LIKE_FIELD =
  /^(?:input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_(?!1hr$)/
const SERVICE_TIER_SUFFIX = /_(?:priority|flex)$/

const THRESHOLD_UNITS: Record<string, number> = {
  '': 1,
  k: 1000,
  m: 1_000_000
}

const BATCH_FIELDS = {
  input: 'input_cost_per_token_batches',
  output: 'output_cost_per_token_batches'
} as const

/** LiteLLM provider names that differ from the catalog's. Others are kept as written. */
const PROVIDERS: Record<string, string> = {
  gemini: 'google',
  'vertex_ai-language-models': 'google',
  together_ai: 'together',
  'text-completion-openai': 'openai'
}

/**
 * Key prefixes by which LiteLLM names the route to a model: the provider's
 * own API (`gemini/`, `anthropic/`) or a cloud that resells it (`azure/`,
 * `bedrock/`, `vertex_ai/`). The rest of the key is then the model id that
 * the route's API takes.
 */
const ROUTE_PREFIXES = [
  'openai/',
  'azure/',
  'azure_ai/',
  'anthropic/',
  'bedrock/',
  'vertex_ai/',
  'gemini/',
  'xai/',
  'mistral/',
  'deepseek/',
  'together_ai/'
]

/** Returns a key without its LiteLLM route prefix, or undefined when it has none. */
export function stripRoutePrefix(key: string): string | undefined {
  const lower = key.toLowerCase()
  const prefix = ROUTE_PREFIXES.find(p => lower.startsWith(p))
  return prefix ? key.slice(prefix.length) : undefined
}

/**
 * Checks whether a parsed file looks like LiteLLM's: a mapping of entries
 * with `litellm_provider` or a price per token, flat or long-context.
 */
export function isLiteLlmTree(tree: unknown): boolean {
  if (!isRecord(tree)) return false
  return Object.values(tree).some(
    entry =>
      isRecord(entry) &&
      Object.keys(entry).some(
        field =>
          field === 'litellm_provider' ||
          Object.hasOwn(FLAT_FIELDS, field) ||
          TIER_LIKE_FIELD.test(field)
      )
  )
}

/** The models of a LiteLLM file, and the keys it left out. */
export interface LiteLlmModels {
  patches: ModelPatch[]
  /** Keys skipped because they are not priced by the token, or lack a price a new model needs. */
  skipped: string[]
  /**
   * Keys of another route to a catalog model that an entry names more
   * directly. One with a route prefix is added as a model of its own.
   */
  outranked: string[]
  /** The entries priced by the token, which could price a model. */
  candidates: { key: string; path: PathSegment[] }[]
}

/**
 * Converts the entries of a LiteLLM file. A key names a catalog model when
 * it is the model's id or alias, or is one after a route prefix such as
 * `gemini/` or `azure/`. A prefixed key that applies becomes an alias of
 * the model. Where several entries name one catalog model, the most direct
 * applies: the model's own provider before a reseller, and a key as written
 * before one with a prefix. Among equally direct entries the higher input,
 * then output price applies, then the key that sorts first.
 * An entry for a model outside the catalog needs both an input and an
 * output price per token, and is skipped otherwise. An entry for a catalog
 * model may set any price.
 */
export function convertLiteLlm(
  source: PricingSource,
  findCatalogModel: (name: string) => CatalogModel | undefined,
  issues: ConfigIssue[]
): LiteLlmModels {
  const result: LiteLlmModels = {
    patches: [],
    skipped: [],
    outranked: [],
    candidates: []
  }
  const tree = source.tree as Record<string, unknown>
  const converted: Converted[] = []
  const bestRank = new Map<string, number>()
  for (const [key, entry] of Object.entries(tree)) {
    if (key === SAMPLE_KEY) continue
    if (!isRecord(entry)) {
      issues.push(
        pricingIssue(source, {
          path: [key],
          message: `entry "${key}" is not an object of prices`,
          fix: 'Write the entry as { "input_cost_per_token": …, "output_cost_per_token": … }'
        })
      )
      continue
    }
    if (!isPricedByToken(entry)) {
      result.skipped.push(key)
      continue
    }
    result.candidates.push({ key, path: [key] })
    const match = matchCatalogModel(key, entry, findCatalogModel)
    const patch = convertEntry(source, key, entry, match?.model, issues)
    if (!patch) {
      result.skipped.push(key)
      continue
    }
    converted.push({ key, entry, patch, match })
    if (!match) continue
    if (match.stripped) {
      patch.catalogId = match.model.id
      patch.aliases = [key]
    }
    const best = bestRank.get(match.model.id)
    if (best === undefined || match.rank < best) {
      bestRank.set(match.model.id, match.rank)
    }
  }
  const chosen = chooseAmongEqualRanks(source, converted, bestRank, issues)
  for (const item of converted) {
    const { key, entry, patch, match } = item
    if (!match || chosen.get(match.model.id) === item) {
      result.patches.push(patch)
      continue
    }
    if (match.rank > (bestRank.get(match.model.id) ?? 0)) {
      result.outranked.push(key)
    }
    if (!match.stripped) continue
    // Its issues were reported when the entry was first converted.
    const own = convertEntry(source, key, entry, undefined, [])
    if (own) result.patches.push(own)
  }
  return result
}

/**
 * Chooses, for each catalog model, one of the entries that name it at the
 * best rank, such as `gemini/` and `vertex_ai/` keys for a Google model.
 * The choice does not depend on file order: the higher input price
 * applies, then the higher output price, so the projection errs high, and
 * then the key that sorts first. A warning names the entries ignored at
 * other prices.
 */
function chooseAmongEqualRanks(
  source: PricingSource,
  converted: Converted[],
  bestRank: Map<string, number>,
  issues: ConfigIssue[]
): Map<string, Converted> {
  const tied = new Map<string, Converted[]>()
  for (const item of converted) {
    const { match } = item
    if (!match || match.rank !== bestRank.get(match.model.id)) continue
    const group = tied.get(match.model.id) ?? []
    group.push(item)
    tied.set(match.model.id, group)
  }
  const chosen = new Map<string, Converted>()
  for (const [id, group] of tied) {
    const [first, ...others] = [...group].sort(compareTied)
    if (!first) continue
    chosen.set(id, first)
    const differing = others.filter(
      other => priceSignature(other.patch) !== priceSignature(first.patch)
    )
    if (differing.length === 0) continue
    const ignored = differing.map(
      other => `"${other.key}" (${describePrices(other.patch)})`
    )
    issues.push(
      pricingIssue(source, {
        path: [first.key],
        at: 'key',
        value: first.key,
        message: `entries "${first.key}" and ${joinWords(differing.map(other => `"${other.key}"`))} name catalog model ${id} at different prices, so "${first.key}" (${describePrices(first.patch)}) applies, as the entry with the higher price, and ${joinWords(ignored)} ${differing.length === 1 ? 'is' : 'are'} ignored`,
        fix: `Keep the entry for the route your requests take, or set the prices of ${id} under models: in the usage file`,
        severity: 'warning'
      })
    )
  }
  return chosen
}

/** Orders entries by higher input price, then higher output price, then key. */
function compareTied(a: Converted, b: Converted): number {
  for (const field of ['input', 'output'] as const) {
    const left = a.patch.prices[0]?.[field]
    const right = b.patch.prices[0]?.[field]
    if (left && right && !left.equals(right)) return right.compare(left)
    if (left && !right) return -1
    if (right && !left) return 1
  }
  if (a.key < b.key) return -1
  if (a.key > b.key) return 1
  return 0
}

/** Describes the flat prices an entry sets: `input 1, output 6 per 1M`. */
function describePrices(patch: ModelPatch): string {
  const prices = patch.prices[0]
  const parts = FLAT_PRICE_NAMES.flatMap(([field, name]) => {
    const price = prices?.[field]
    return price ? [`${name} ${formatDecimal(price)}`] : []
  })
  const flat =
    parts.length > 0 ? `${parts.join(', ')} per 1M` : 'no flat prices'
  return prices?.longContext ? `${flat}, with long-context prices` : flat
}

/** Returns every price an entry sets, as text, to tell entries with equal prices apart. */
function priceSignature(patch: ModelPatch): string {
  const prices = patch.prices[0]
  if (!prices) return ''
  const tier = prices.longContext ?? {}
  const values = [
    ...FLAT_PRICE_NAMES.map(([field]) => prices[field]),
    ...FLAT_PRICE_NAMES.map(([field]) => tier[field]),
    prices.batchDiscount
  ]
  const written = values.map(value => value?.toFraction() ?? '-')
  return [...written, String(tier.threshold ?? '-')].join(' ')
}

const FLAT_PRICE_NAMES: readonly (readonly [FlatField, string])[] = [
  ['input', 'input'],
  ['output', 'output'],
  ['cachedInput', 'cached input'],
  ['cacheWrite5m', '5m cache write'],
  ['cacheWrite1h', '1h cache write']
]

interface Converted {
  key: string
  entry: Record<string, unknown>
  patch: ModelPatch
  match: CatalogMatch | undefined
}

/** A catalog model that a LiteLLM key names, and how directly. */
interface CatalogMatch {
  model: CatalogModel
  /** Whether the key names the model only after its route prefix is removed. */
  stripped: boolean
  /**
   * 0 for the model's own provider with the key as written, 1 with a route
   * prefix, 2 and 3 likewise for a reseller such as Azure or Bedrock.
   */
  rank: number
}

function matchCatalogModel(
  key: string,
  entry: Record<string, unknown>,
  findCatalogModel: (name: string) => CatalogModel | undefined
): CatalogMatch | undefined {
  const direct = findCatalogModel(key)
  const rest = direct ? undefined : stripRoutePrefix(key)
  const model = direct ?? (rest ? findCatalogModel(rest) : undefined)
  if (!model) return undefined
  const stripped = direct === undefined
  const written = entry.litellm_provider
  // An entry without litellm_provider is taken to be the model's own
  // provider's, unless its prefix names a reseller.
  const provider =
    typeof written === 'string'
      ? mapProvider(written)
      : stripped
        ? mapProvider(key.slice(0, key.indexOf('/')))
        : model.provider
  const reseller = provider !== model.provider.toLowerCase()
  return { model, stripped, rank: (reseller ? 2 : 0) + (stripped ? 1 : 0) }
}

function mapProvider(name: string): string {
  return PROVIDERS[name] ?? name.toLowerCase()
}

function isPricedByToken(entry: Record<string, unknown>): boolean {
  const mode = entry.mode
  return typeof mode !== 'string' || TOKEN_MODES.has(mode)
}

function convertEntry(
  source: PricingSource,
  key: string,
  entry: Record<string, unknown>,
  catalogModel: CatalogModel | undefined,
  issues: ConfigIssue[]
): ModelPatch | undefined {
  const provider = entry.litellm_provider
  const prices = readPrices(source, key, entry, issues)
  const usable = catalogModel
    ? hasAnyPrice(prices)
    : prices.input !== undefined && prices.output !== undefined
  if (!usable) return undefined

  const patch: ModelPatch = {
    id: key,
    path: [key],
    idAt: { path: [key], at: 'key' },
    prices: [prices]
  }
  // A catalog model keeps its own provider name, reasoning mode and context
  // window; LiteLLM names providers and capabilities differently.
  if (catalogModel) return patch
  patch.provider =
    typeof provider === 'string' ? mapProvider(provider) : 'unknown'
  if (entry.supports_reasoning === true) patch.reasoning = 'optional'
  const window = entry.max_input_tokens
  if (
    typeof window === 'number' &&
    Number.isSafeInteger(window) &&
    window > 0
  ) {
    patch.contextWindow = window
  }
  return patch
}

/** Reads the flat, long-context and batch prices of one entry. */
function readPrices(
  source: PricingSource,
  key: string,
  entry: Record<string, unknown>,
  issues: ConfigIssue[]
): PricePatch {
  const prices: PricePatch = { path: [key] }
  const tiers = new Map<number, Partial<LongContextPrices>>()
  for (const [field, value] of Object.entries(entry)) {
    const flat = Object.hasOwn(FLAT_FIELDS, field)
      ? FLAT_FIELDS[field]
      : undefined
    const tier = flat ? undefined : readTierField(field)
    if (!flat && !tier) {
      if (TIER_LIKE_FIELD.test(field) && !SERVICE_TIER_SUFFIX.test(field)) {
        issues.push(unreadTierIssue(source, key, field))
      }
      continue
    }
    const price = readPrice(source, [key, field], value, PER_TOKEN, issues)
    if (price === undefined) continue
    if (flat) {
      prices[flat] = price
      continue
    }
    if (!tier) continue
    const tierPrices = tiers.get(tier.threshold) ?? {
      threshold: tier.threshold
    }
    tierPrices[tier.field] = price
    tiers.set(tier.threshold, tierPrices)
  }
  const longContext = pickTier(source, key, tiers, issues)
  if (longContext) {
    prices.longContext = longContext
    prices.tierDefaults = 'standard'
  }
  const discount = readBatchDiscount(source, key, entry, prices, issues)
  if (discount) prices.batchDiscount = discount
  return prices
}

/** Reads a long-context price key into its threshold and flat field, or returns undefined. */
function readTierField(
  field: string
): { field: FlatField; threshold: number } | undefined {
  const match = TIER_FIELD.exec(field)
  if (!match) return undefined
  const [, base = '', count = '', unit = ''] = match
  const name = FLAT_FIELDS[base]
  const threshold = Number(count) * (THRESHOLD_UNITS[unit.toLowerCase()] ?? 0)
  if (!name || !Number.isSafeInteger(threshold) || threshold <= 0) {
    return undefined
  }
  return { field: name, threshold }
}

function unreadTierIssue(
  source: PricingSource,
  key: string,
  field: string
): ConfigIssue {
  return pricingIssue(source, {
    path: [key, field],
    at: 'key',
    value: field,
    message: `entry "${key}" has the key "${field}", which looks like a long-context price but has no threshold that can be read, so it is ignored`,
    fix: 'Write the threshold as a whole number of tokens with an optional k or m, as in input_cost_per_token_above_200k_tokens',
    severity: 'warning'
  })
}

/**
 * Returns the long-context tier. A tier bills each price it sets above its
 * threshold and the standard price for any price it lacks, which the merge
 * fills in. So a tier with only an output price keeps the standard input
 * price. The cost model has one tier a model, so of several thresholds
 * the lowest applies to every longer request, and a warning names the
 * others.
 */
function pickTier(
  source: PricingSource,
  key: string,
  tiers: Map<number, Partial<LongContextPrices>>,
  issues: ConfigIssue[]
): Partial<LongContextPrices> | undefined {
  const priced = [...tiers.keys()].sort((a, b) => a - b)
  const [lowest, ...higher] = priced
  if (lowest === undefined) return undefined
  if (higher.length > 0) {
    const dropped = higher.map(t => describeTier(t, tiers.get(t) ?? {}))
    issues.push(
      pricingIssue(source, {
        path: [key],
        at: 'key',
        value: key,
        message: `entry "${key}" has long-context prices above ${listThresholds(priced)}, but a model has one long-context tier, so requests above ${formatCount(new Fraction(lowest))} input tokens are priced at the ${formatThreshold(lowest)} prices and the ${joinWords(dropped)} ${dropped.length === 1 ? 'is' : 'are'} dropped`,
        fix: 'Keep the prices of one threshold, or set the tier that your requests reach under models: in the usage file',
        severity: 'warning'
      })
    )
  }
  return tiers.get(lowest)
}

/** Names a dropped tier with the prices it set: `200k tier (input 2, output 6 per 1M)`. */
function describeTier(
  threshold: number,
  tier: Partial<LongContextPrices>
): string {
  const names = [
    ['input', tier.input],
    ['output', tier.output],
    ['cached input', tier.cachedInput],
    ['5m cache write', tier.cacheWrite5m],
    ['1h cache write', tier.cacheWrite1h]
  ] as const
  const prices = names
    .filter(([, price]) => price !== undefined)
    .map(([name, price]) => `${name} ${formatDecimal(price as Fraction)}`)
  return `${formatThreshold(threshold)} tier (${prices.join(', ')} per 1M)`
}

function listThresholds(thresholds: number[]): string {
  return `${joinWords(thresholds.map(formatThreshold))} tokens`
}

/** Writes a threshold as LiteLLM's field names do: 128k, 1m, or 1500 when it is no whole thousand. */
function formatThreshold(threshold: number): string {
  if (threshold % 1_000_000 === 0) return `${threshold / 1_000_000}m`
  return threshold % 1000 === 0 ? `${threshold / 1000}k` : String(threshold)
}

/**
 * Derives the batch discount from LiteLLM's batch prices: 1 − batch price ÷
 * price. Where input and output give different discounts, the smaller one
 * applies, with a warning, so the projection errs high.
 */
function readBatchDiscount(
  source: PricingSource,
  key: string,
  entry: Record<string, unknown>,
  prices: PricePatch,
  issues: ConfigIssue[]
): Fraction | undefined {
  const discounts: Fraction[] = []
  for (const side of ['input', 'output'] as const) {
    const field = BATCH_FIELDS[side]
    if (!(field in entry)) continue
    const batch = readPrice(
      source,
      [key, field],
      entry[field],
      PER_TOKEN,
      issues
    )
    const full = prices[side]
    if (batch === undefined || !full || full.equals(0)) continue
    discounts.push(new Fraction(1).sub(batch.div(full)))
  }
  if (discounts.length === 0) return undefined
  const smallest = discounts.reduce((a, b) => (b.lt(a) ? b : a))
  const largest = discounts.reduce((a, b) => (b.gt(a) ? b : a))
  if (smallest.lt(0) || largest.gt(1)) {
    issues.push(
      pricingIssue(source, {
        path: [key, BATCH_FIELDS.input],
        message: `the batch prices of "${key}" are above its regular prices, so they are ignored`,
        fix: 'Write batch prices at or below the regular prices',
        severity: 'warning'
      })
    )
    return undefined
  }
  if (!smallest.equals(largest)) {
    issues.push(
      pricingIssue(source, {
        path: [key, BATCH_FIELDS.output],
        message: `the batch prices of "${key}" take ${formatPercent(discounts[0] as Fraction)} off input and ${formatPercent(discounts[1] as Fraction)} off output, but one batch discount is supported, so the smaller applies`,
        fix: 'Set batch-discount: for this model under models: in the usage file',
        severity: 'warning'
      })
    )
  }
  return smallest
}

function hasAnyPrice(prices: PricePatch): boolean {
  return Object.entries(prices).some(
    ([key, value]) => key !== 'path' && value !== undefined
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
