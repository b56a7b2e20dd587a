import type Fraction from 'fraction.js'

/** Prices above an input-token threshold (long-context tiers), USD per 1M tokens. */
export interface LongContextPrices {
  /** Input tokens per request above which these prices apply. */
  threshold: number
  /** Whether a request with exactly `threshold` input tokens is priced at these rates. */
  inclusive: boolean
  input: Fraction
  output: Fraction
  cachedInput?: Fraction
  cacheWrite5m?: Fraction
  cacheWrite1h?: Fraction
}

/** Prices in force from a date on, USD per 1,000,000 tokens. */
export interface PriceEntry {
  /** ISO date (YYYY-MM-DD) from which these prices apply. */
  from: string
  input: Fraction
  output: Fraction
  cachedInput?: Fraction
  cacheWrite5m?: Fraction
  cacheWrite1h?: Fraction
  /** Share taken off by the batch API (1/2 for 50%); unset where there is no batch API. */
  batchDiscount?: Fraction
  longContext?: LongContextPrices
  source: string
  checked: string
  /** The pricing file that set or changed these prices, if one did. */
  pricingFile?: string
  /**
   * The fields whose value the pricing file set, such as `input` or
   * `longContext.output`; the others are the catalog's.
   */
  pricingFields?: string[]
}

export type ReasoningMode = 'always' | 'optional' | 'none'

export interface CatalogModel {
  id: string
  name: string
  provider: string
  /** Exact alternative spellings; matched case-insensitively. */
  aliases: string[]
  status: 'active' | 'deprecated' | 'retired'
  /** ISO date of retirement, for retired models. */
  retired?: string
  /** Catalog id of the suggested replacement. */
  replacement?: string
  reasoning: ReasoningMode
  /**
   * Line of successive models of one provider with the same role, such as
   * `claude-sonnet` or `gpt-nano`. Savings suggestions compare models within it.
   */
  family?: string
  contextWindow: number
  /** Sorted by `from`, oldest first. */
  prices: PriceEntry[]
}

export interface Catalog {
  /** ISO date on which the catalog's prices were last checked as a whole. */
  asOf: string
  models: CatalogModel[]
}
