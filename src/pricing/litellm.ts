import Fraction from 'fraction.js'
import { formatPercent } from '../config/numbers.js'
import type { ConfigIssue } from '../config/types.js'
import type { ModelPatch, PricePatch } from './merge.js'
import { readPrice, type PriceUnit } from './read-price.js'
import { pricingIssue, type PricingSource } from './source.js'
import type { LongContextPrices } from './types.js'

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

// A long-context price: a flat field name, then `_above_<N>k_tokens`.
// Service-tier variants (`_priority`, `_flex`) do not match, so they are
// ignored, as the cost model has no service tiers.
const TIER_FIELD =
  /^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost|cache_creation_input_token_cost_above_1hr)_above_(\d+)k_tokens$/

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

/** Checks whether a parsed file looks like LiteLLM's: a mapping of entries with LiteLLM's keys. */
export function isLiteLlmTree(tree: unknown): boolean {
  if (!isRecord(tree)) return false
  return Object.values(tree).some(
    entry =>
      isRecord(entry) &&
      ('litellm_provider' in entry || 'input_cost_per_token' in entry)
  )
}

/** The models of a LiteLLM file, and the keys it skipped because they are not priced by the token. */
export interface LiteLlmModels {
  patches: ModelPatch[]
  skipped: string[]
}

/**
 * Converts the entries of a LiteLLM file. An entry for a model outside the
 * catalog needs both an input and an output price per token, and is skipped
 * otherwise; an entry for a catalog model may set any price.
 */
export function convertLiteLlm(
  source: PricingSource,
  isCatalogModel: (key: string) => boolean,
  issues: ConfigIssue[]
): LiteLlmModels {
  const patches: ModelPatch[] = []
  const skipped: string[] = []
  const tree = source.tree as Record<string, unknown>
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
    const inCatalog = isCatalogModel(key)
    const patch = convertEntry(source, key, entry, inCatalog, issues)
    if (patch) patches.push(patch)
    else skipped.push(key)
  }
  return { patches, skipped }
}

function convertEntry(
  source: PricingSource,
  key: string,
  entry: Record<string, unknown>,
  inCatalog: boolean,
  issues: ConfigIssue[]
): ModelPatch | undefined {
  const mode = entry.mode
  if (typeof mode === 'string' && !TOKEN_MODES.has(mode)) return undefined
  const prices = readPrices(source, key, entry, issues)
  const usable = inCatalog
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
  if (inCatalog) return patch
  const provider = entry.litellm_provider
  patch.provider =
    typeof provider === 'string'
      ? (PROVIDERS[provider] ?? provider.toLowerCase())
      : 'unknown'
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
    const flat = FLAT_FIELDS[field]
    const tier = TIER_FIELD.exec(field)
    if (!flat && !tier) continue
    const price = readPrice(source, [key, field], value, PER_TOKEN, issues)
    if (price === undefined) continue
    if (flat) {
      prices[flat] = price
      continue
    }
    const [, base = '', thousands = '0'] = tier ?? []
    const threshold = Number(thousands) * 1000
    const tierPrices = tiers.get(threshold) ?? { threshold, inclusive: false }
    const name = FLAT_FIELDS[base]
    if (name) tierPrices[name] = price
    tiers.set(threshold, tierPrices)
  }
  const longContext = pickTier(source, key, tiers, issues)
  if (longContext) prices.longContext = longContext
  const discount = readBatchDiscount(source, key, entry, prices, issues)
  if (discount) prices.batchDiscount = discount
  return prices
}

/**
 * Returns the long-context tier. The cost model has one tier a model, so
 * with several thresholds the lowest is used, with a warning.
 */
function pickTier(
  source: PricingSource,
  key: string,
  tiers: Map<number, Partial<LongContextPrices>>,
  issues: ConfigIssue[]
): Partial<LongContextPrices> | undefined {
  const thresholds = [...tiers.keys()].sort((a, b) => a - b)
  const [lowest] = thresholds
  if (lowest === undefined) return undefined
  if (thresholds.length > 1) {
    issues.push(
      pricingIssue(source, {
        path: [key],
        at: 'key',
        value: key,
        message: `entry "${key}" has long-context prices above ${thresholds.map(t => `${t / 1000}k`).join(', ')} tokens, but one tier is supported, so the ${lowest / 1000}k prices apply to every longer request`,
        fix: 'Keep the prices of one threshold, or set the tier under models: in the usage file',
        severity: 'warning'
      })
    )
  }
  return tiers.get(lowest)
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
