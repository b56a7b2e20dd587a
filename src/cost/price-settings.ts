import Fraction from 'fraction.js'
import { formatPercent } from '../config/numbers.js'
import type { Discount, ModelOverride, UsageConfig } from '../config/types.js'
import { findModel, priceOn } from '../pricing/catalog.js'
import type { Catalog, CatalogModel, PriceEntry } from '../pricing/types.js'
import { formatRate } from './money.js'
import { ModelResolver, pricesOn, type PricedModel } from './resolve.js'

/**
 * The settings that decide what a token costs: the usage file's `models:`
 * and `discounts:`, and the catalog with the pricing file merged in. Volume,
 * tokens, routes, caching and batch shares are not among them.
 */
export interface PriceSettings {
  /** Undefined for a usage file that the base does not have. */
  config?: UsageConfig
  catalog: Catalog
}

/** The edits of the head's price settings against the base's. */
export interface PriceSettingsChange {
  /**
   * One entry per edited model or discount, such as "models:
   * claude-sonnet-4.6 input 3.00 → 0.01" or "discounts: + openai 99% off".
   */
  edits: string[]
  /** Models that only the head defines, which keep the head's prices. */
  headOnlyModels: string[]
}

/**
 * Returns a catalog with the models of `other` that `own` lacks, so that
 * one side's prices can price a model that only the other side's pricing
 * file adds. Returns `own` itself when nothing is missing.
 */
export function borrowModels(own: Catalog, other: Catalog): Catalog {
  if (own === other) return own
  const missing = other.models.filter(model => !findModel(own, model.id))
  if (missing.length === 0) return own
  return { asOf: own.asOf, models: [...own.models, ...missing] }
}

/**
 * Returns the head's usage file and catalog with the base's price settings:
 * the base's `models:` and `discounts:` and the base's version of the
 * pricing file. A model that only the head defines, in `models:` or in its
 * pricing file, keeps the head's definition, because the base cannot price
 * it. A base without the file keeps the head's `models:` and `discounts:`.
 */
export function withBasePrices(
  base: PriceSettings,
  head: Required<PriceSettings>
): Required<PriceSettings> {
  const catalog = borrowModels(
    addHeadAliases(base.catalog, head.catalog),
    head.catalog
  )
  if (!base.config) return { config: head.config, catalog }
  const baseNames = new Set(
    base.config.models.map(entry => modelIdentity(base.catalog, entry.name))
  )
  const headOnly = head.config.models.filter(
    entry =>
      !baseNames.has(modelIdentity(base.catalog, entry.name)) &&
      !findModel(base.catalog, entry.name)
  )
  return {
    config: {
      ...head.config,
      models: [...base.config.models, ...headOnly],
      discounts: base.config.discounts
    },
    catalog
  }
}

/**
 * Returns the base's catalog with the aliases that the head's pricing file
 * adds to a model both have, such as LiteLLM's `gemini/` keys, so that a
 * workload that names the model by such an alias gets the base's prices.
 */
function addHeadAliases(base: Catalog, head: Catalog): Catalog {
  if (base === head) return base
  let added = false
  const models = base.models.map(model => {
    const aliases = findModel(head, model.id)?.aliases ?? []
    const extra = aliases.filter(alias => !model.aliases.includes(alias))
    if (extra.length === 0) return model
    added = true
    return { ...model, aliases: [...model.aliases, ...extra] }
  })
  return added ? { ...base, models } : base
}

/**
 * Lists how the head's price settings differ from the base's, or returns
 * undefined when they price every model alike. Pricing-file changes are
 * listed for the models that a workload of either side uses.
 */
export function comparePriceSettings(
  base: PriceSettings,
  head: Required<PriceSettings>,
  runDate: string
): PriceSettingsChange | undefined {
  const headOnlyModels: string[] = []
  const edits = [
    ...compareModelEntries(base, head, runDate, headOnlyModels),
    // A usage file that is new in the change has no base settings to
    // compare, so its own `models:` and `discounts:` price it.
    ...(base.config
      ? compareDiscounts(base.config.discounts, head.config.discounts)
      : []),
    ...comparePricingFiles(base, head, runDate, headOnlyModels)
  ]
  if (edits.length === 0) return undefined
  return { edits, headOnlyModels: [...new Set(headOnlyModels)] }
}

/** Names a model by its catalog id when the catalog has it, else by its lower-cased name. */
function modelIdentity(catalog: Catalog, name: string): string {
  return (findModel(catalog, name)?.id ?? name).trim().toLowerCase()
}

function compareModelEntries(
  base: PriceSettings,
  head: Required<PriceSettings>,
  runDate: string,
  headOnlyModels: string[]
): string[] {
  const baseConfig = base.config
  if (!baseConfig) return []
  const entriesOf = (config: UsageConfig, catalog: Catalog) =>
    new Map(
      config.models.map(entry => [modelIdentity(catalog, entry.name), entry])
    )
  const before = entriesOf(baseConfig, base.catalog)
  const after = entriesOf(head.config, head.catalog)
  const baseResolver = new ModelResolver(base.catalog, baseConfig)
  const headResolver = new ModelResolver(head.catalog, head.config)
  const edits: string[] = []
  for (const identity of [...new Set([...before.keys(), ...after.keys()])]) {
    const old = before.get(identity)
    const current = after.get(identity)
    if (entryKey(old) === entryKey(current)) continue
    const name = current?.name ?? old?.name ?? identity
    const previous = baseResolver.resolve(name)
    const next = headResolver.resolve(name)
    if (!previous && next) {
      headOnlyModels.push(next.id)
      edits.push(`models: + ${name} (price set by this change)`)
    } else if (previous && !next) {
      edits.push(`models: − ${name}`)
    } else if (previous && next) {
      const fields = describeModelChange(
        { model: previous, prices: pricesOn(previous, runDate) },
        { model: next, prices: pricesOn(next, runDate) }
      )
      edits.push(`models: ${name} ${fields ?? 'settings changed'}`)
    }
  }
  return edits
}

function compareDiscounts(before: Discount[], after: Discount[]): string[] {
  const byTarget = (discounts: Discount[]) =>
    new Map(discounts.map(discount => [describeTarget(discount), discount.off]))
  const old = byTarget(before)
  const current = byTarget(after)
  const edits: string[] = []
  for (const target of [...new Set([...old.keys(), ...current.keys()])]) {
    const was = old.get(target)
    const now = current.get(target)
    if (was && now && was.equals(now)) continue
    if (!was && now) {
      edits.push(`discounts: + ${target} ${formatPercent(now)} off`)
    } else if (was && !now) {
      edits.push(`discounts: − ${target} ${formatPercent(was)} off`)
    } else if (was && now) {
      edits.push(
        `discounts: ${target} ${formatPercent(was)} → ${formatPercent(now)} off`
      )
    }
  }
  return edits
}

function describeTarget(discount: Discount): string {
  return (discount.model ?? discount.provider ?? '').trim().toLowerCase()
}

/**
 * Lists the models whose pricing-file prices differ between base and head,
 * among those that a workload of either side uses.
 */
function comparePricingFiles(
  base: PriceSettings,
  head: Required<PriceSettings>,
  runDate: string,
  headOnlyModels: string[]
): string[] {
  if (base.catalog === head.catalog) return []
  const used = new Set<string>()
  for (const [config, catalog] of [
    [base.config, base.catalog],
    [head.config, head.catalog]
  ] as const) {
    for (const workload of config?.workloads ?? []) {
      for (const route of workload.routes) {
        const model = findModel(catalog, route.model)
        if (model) used.add(model.id)
      }
    }
  }
  const edits: string[] = []
  for (const id of [...used].sort()) {
    const old = findModel(base.catalog, id)
    const current = findModel(head.catalog, id)
    if (catalogKey(old) === catalogKey(current)) continue
    const file = pricingFileOf(current) ?? pricingFileOf(old) ?? ''
    const subject = file ? `pricing file ${file}` : 'pricing file'
    if (!old && current) {
      headOnlyModels.push(current.id)
      edits.push(`${subject}: + ${id} (price set by this change)`)
    } else if (old && !current) {
      edits.push(`${subject}: − ${id}`)
    } else if (old && current) {
      const fields = describeModelChange(
        { model: old, prices: priceOn(old, runDate) },
        { model: current, prices: priceOn(current, runDate) }
      )
      const later = `prices from ${firstDifferentDate(old, current) ?? runDate}`
      edits.push(`${subject}: ${id} ${fields ?? later}`)
    }
  }
  return edits
}

/** Returns the date of the first price entry in which two definitions of a model differ. */
function firstDifferentDate(
  before: CatalogModel,
  after: CatalogModel
): string | undefined {
  const dates = [...before.prices, ...after.prices].map(entry => entry.from)
  return [...new Set(dates)].sort().find(date => {
    const old = before.prices.find(entry => entry.from === date)
    const current = after.prices.find(entry => entry.from === date)
    return settingsKey(old ?? null) !== settingsKey(current ?? null)
  })
}

function pricingFileOf(model: CatalogModel | undefined): string | undefined {
  return model?.prices.find(entry => entry.pricingFile)?.pricingFile
}

/** A model and its prices in force on the run date. */
interface PricedAt {
  model: PricedModel | CatalogModel
  prices: PriceEntry
}

/** The price fields of an entry that messages name, USD per 1M tokens. */
const PRICE_FIELDS: [string, (prices: PriceEntry) => Fraction | undefined][] = [
  ['input', prices => prices.input],
  ['output', prices => prices.output],
  ['cached input', prices => prices.cachedInput],
  ['cache write 5m', prices => prices.cacheWrite5m],
  ['cache write 1h', prices => prices.cacheWrite1h],
  ['long-context input', prices => prices.longContext?.input],
  ['long-context output', prices => prices.longContext?.output],
  ['long-context cached input', prices => prices.longContext?.cachedInput],
  ['long-context cache write 5m', prices => prices.longContext?.cacheWrite5m],
  ['long-context cache write 1h', prices => prices.longContext?.cacheWrite1h]
]

/**
 * Describes the fields that differ between two definitions of a model on
 * the run date, as "input 3.00 → 0.01, output 15.00 → 0.01", or returns
 * undefined when they price the run date alike.
 */
function describeModelChange(
  before: PricedAt,
  after: PricedAt
): string | undefined {
  const changes: string[] = []
  const describe = (value: Fraction | undefined, format = formatRate) =>
    value === undefined ? 'none' : format(value)
  for (const [label, pick] of PRICE_FIELDS) {
    const old = pick(before.prices)
    const current = pick(after.prices)
    if (sameValue(old, current)) continue
    changes.push(`${label} ${describe(old)} → ${describe(current)}`)
  }

  const oldBatch = before.prices.batchDiscount
  const newBatch = after.prices.batchDiscount
  if (!sameValue(oldBatch, newBatch)) {
    changes.push(
      `batch discount ${describe(oldBatch, formatPercent)} → ${describe(newBatch, formatPercent)}`
    )
  }

  const oldThreshold = before.prices.longContext?.threshold
  const newThreshold = after.prices.longContext?.threshold
  if (oldThreshold !== newThreshold) {
    changes.push(
      `long-context threshold ${oldThreshold ?? 'none'} → ${newThreshold ?? 'none'}`
    )
  }

  if (before.model.provider !== after.model.provider) {
    changes.push(`provider ${before.model.provider} → ${after.model.provider}`)
  }
  if (before.model.reasoning !== after.model.reasoning) {
    changes.push(
      `reasoning ${before.model.reasoning} → ${after.model.reasoning}`
    )
  }
  return changes.length > 0 ? changes.join(', ') : undefined
}

function sameValue(a: Fraction | undefined, b: Fraction | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b)
}

/**
 * Serializes settings for comparison: fractions as exact `n/d` text, and
 * without the fields that locate them in a file or name their source.
 */
function settingsKey(value: unknown): string {
  return JSON.stringify(value, (key, field: unknown) => {
    if (key === 'path' || /^position$|Position$/.test(key)) return undefined
    if (
      key === 'source' ||
      key === 'checked' ||
      key === 'pricingFile' ||
      key === 'pricingFields'
    ) {
      return undefined
    }
    return field instanceof Fraction ? field.toFraction() : field
  })
}

function entryKey(entry: ModelOverride | undefined): string {
  return entry === undefined ? '' : settingsKey({ ...entry, name: undefined })
}

/** Serializes the facts of a catalog model that its cost depends on. */
function catalogKey(model: CatalogModel | undefined): string {
  if (model === undefined) return ''
  const { provider, reasoning, prices } = model
  return settingsKey({ provider, reasoning, prices })
}
