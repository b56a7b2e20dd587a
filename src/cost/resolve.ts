import Fraction from 'fraction.js'
import { findClosestName } from '../config/suggest.js'
import { formatCount } from './money.js'
import {
  UNDATED_FROM,
  closestModelNames,
  findModel,
  priceOn
} from '../pricing/catalog.js'
import type {
  Catalog,
  CatalogModel,
  LongContextPrices,
  PriceEntry,
  ReasoningMode
} from '../pricing/types.js'
import type {
  ConfigIssue,
  LongContextOverride,
  ModelOverride,
  UsageConfig
} from '../config/types.js'

/** A model as the cost engine prices it: catalog facts merged with the file's overrides. */
export interface PricedModel {
  /** Catalog id, or the `models:` key for a model the file adds. */
  id: string
  name: string
  provider: string
  reasoning: ReasoningMode
  origin: 'catalog' | 'override' | 'custom'
  catalog?: CatalogModel
  override?: ModelOverride
}

/** Returns the prices of a model in force on an ISO date, overrides applied field by field. */
export function pricesOn(model: PricedModel, date: string): PriceEntry {
  const override = model.override
  const base: PriceEntry | undefined = model.catalog
    ? priceOn(model.catalog, date)
    : undefined
  // A custom model has no catalog entry, so its file entry is the whole price.
  const entry: PriceEntry = base ?? {
    from: UNDATED_FROM,
    input: override?.input ?? new Fraction(0),
    output: override?.output ?? new Fraction(0),
    source: 'models: in the usage file',
    checked: ''
  }
  if (!override) return entry
  return {
    ...entry,
    input: override.input ?? entry.input,
    output: override.output ?? entry.output,
    cachedInput: override.cachedInput ?? entry.cachedInput,
    cacheWrite5m: override.cacheWrite5m ?? entry.cacheWrite5m,
    cacheWrite1h: override.cacheWrite1h ?? entry.cacheWrite1h,
    batchDiscount: override.batchDiscount ?? entry.batchDiscount,
    longContext: mergeLongContext(entry.longContext, override.longContext),
    source:
      override.input || override.output
        ? 'models: in the usage file'
        : entry.source
  }
}

/**
 * Merges a `long-context:` override into a price entry's tier field by
 * field. An override with threshold, input and output is a whole tier and
 * applies where the entry has none; a partial one changes an existing tier.
 */
function mergeLongContext(
  tier: LongContextPrices | undefined,
  override: LongContextOverride | undefined
): LongContextPrices | undefined {
  if (!override) return tier
  const threshold = override.threshold ?? tier?.threshold
  const input = override.input ?? tier?.input
  const output = override.output ?? tier?.output
  if (threshold === undefined || !input || !output) return tier
  const merged: LongContextPrices = {
    threshold,
    inclusive: override.inclusive ?? tier?.inclusive ?? false,
    input,
    output
  }
  const cachedInput = override.cachedInput ?? tier?.cachedInput
  const cacheWrite5m = override.cacheWrite5m ?? tier?.cacheWrite5m
  const cacheWrite1h = override.cacheWrite1h ?? tier?.cacheWrite1h
  if (cachedInput) merged.cachedInput = cachedInput
  if (cacheWrite5m) merged.cacheWrite5m = cacheWrite5m
  if (cacheWrite1h) merged.cacheWrite1h = cacheWrite1h
  return merged
}

/** Whether a `long-context:` override sets a whole tier: threshold, input and output. */
function isWholeTier(override: LongContextOverride): boolean {
  return (
    override.threshold !== undefined &&
    override.input !== undefined &&
    override.output !== undefined
  )
}

/** Resolves model names of one usage file against its overrides and the catalog. */
export class ModelResolver {
  private readonly byKey = new Map<string, PricedModel>()
  /** Names already resolved as written, since thousands of routes repeat a few. */
  private readonly resolved = new Map<string, PricedModel | undefined>()
  /** Normalized `models:` keys that have an error of their own in `issues`. */
  private readonly rejected = new Set<string>()
  readonly issues: ConfigIssue[] = []
  /** Warnings about `models:` entries, such as a provider no catalog model has. */
  readonly warnings: ConfigIssue[] = []

  constructor(
    private readonly catalog: Catalog,
    private readonly config: UsageConfig
  ) {
    for (const override of config.models) this.addOverride(override)
  }

  /** Returns the priced model for a name, or undefined when neither the file nor the catalog has it. */
  resolve(name: string): PricedModel | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name)
    const model = this.resolveOnce(name)
    this.resolved.set(name, model)
    return model
  }

  private resolveOnce(name: string): PricedModel | undefined {
    const key = normalizeName(name)
    const own = this.byKey.get(key)
    if (own) return own
    const model = findModel(this.catalog, name)
    if (!model) return undefined
    return this.byKey.get(normalizeName(model.id)) ?? fromCatalog(model)
  }

  /** Tells whether `models:` defines the name but its entry has an error, so "unknown model" would mislead. */
  isRejected(name: string): boolean {
    return this.rejected.has(normalizeName(name))
  }

  /** Returns the lower-cased provider names of the catalog and of the file's own models. */
  providers(): Set<string> {
    const names = new Set(catalogProviders(this.catalog))
    for (const model of this.byKey.values()) {
      names.add(model.provider.trim().toLowerCase())
    }
    return names
  }

  /** Returns the closest known names, for an "unknown model" message. */
  suggest(name: string): string[] {
    return closestModelNames(this.catalog, name, 3)
  }

  private addOverride(override: ModelOverride): void {
    const model = findModel(this.catalog, override.name)
    this.checkProvider(override)
    const tier = override.longContext
    const hasTier = model?.prices.some(entry => entry.longContext) ?? false
    if (tier && !hasTier && !isWholeTier(tier)) {
      this.issues.push(partialTierIssue(this.config.file, override, tier))
      return
    }
    if (
      model &&
      model.contextWindow > 0 &&
      override.contextWindow !== undefined
    ) {
      this.issues.push(catalogWindowIssue(this.config.file, override, model))
    }
    if (model) {
      const priced: PricedModel = {
        ...fromCatalog(model),
        provider: override.provider ?? model.provider,
        reasoning: override.reasoning ?? model.reasoning,
        origin: 'override',
        override
      }
      this.byKey.set(normalizeName(model.id), priced)
      this.byKey.set(normalizeName(override.name), priced)
      return
    }
    if (!override.input || !override.output) {
      this.issues.push(missingPriceIssue(this.config.file, override))
      this.rejected.add(normalizeName(override.name))
      return
    }
    this.byKey.set(normalizeName(override.name), {
      id: override.name,
      name: override.name,
      provider: override.provider ?? 'custom',
      reasoning: override.reasoning ?? 'none',
      origin: 'custom',
      override
    })
  }

  /** Warns when `provider:` names no catalog provider, which is most often a typo. */
  private checkProvider(override: ModelOverride): void {
    const provider = override.provider
    if (provider === undefined) return
    const known = catalogProviders(this.catalog)
    if (known.has(provider.trim().toLowerCase())) return
    const sorted = [...known].sort()
    const closest = findClosestName(provider.trim().toLowerCase(), sorted)
    const list =
      sorted.length > 1
        ? `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`
        : sorted.join('')
    this.warnings.push({
      file: this.config.file,
      ...(override.providerPosition ?? override.position),
      path: `${override.path}.provider`,
      value: provider,
      message: `model "${override.name}" names a provider that no catalog model has, so discounts for a catalog provider do not apply to it`,
      fix: closest
        ? `Write "${closest}" if that provider is meant; the catalog providers are ${list}`
        : `Check the provider name, because no catalog provider is close to it: the catalog providers are ${list}`,
      severity: 'warning'
    })
  }
}

const providersByCatalog = new WeakMap<Catalog, ReadonlySet<string>>()

function catalogProviders(catalog: Catalog): ReadonlySet<string> {
  let names = providersByCatalog.get(catalog)
  if (!names) {
    names = new Set(catalog.models.map(m => m.provider.trim().toLowerCase()))
    providersByCatalog.set(catalog, names)
  }
  return names
}

function fromCatalog(model: CatalogModel): PricedModel {
  return {
    id: model.id,
    name: model.name,
    provider: model.provider,
    reasoning: model.reasoning,
    origin: 'catalog',
    catalog: model
  }
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase()
}

function partialTierIssue(
  file: string,
  override: ModelOverride,
  tier: LongContextOverride
): ConfigIssue {
  const missing = [
    tier.threshold === undefined ? 'threshold' : undefined,
    tier.input === undefined ? 'input' : undefined,
    tier.output === undefined ? 'output' : undefined
  ].filter(key => key !== undefined)
  const list =
    missing.length > 1
      ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`
      : missing.join('')
  return {
    file,
    line: tier.position.line,
    column: tier.position.column,
    path: tier.path,
    value: override.name,
    message: `long-context of model "${override.name}" has no ${list}, and the catalog has no long-context tier for it to complete`,
    fix: 'Set threshold: (input tokens per request), input: and output: in USD per 1M tokens',
    severity: 'error'
  }
}

function catalogWindowIssue(
  file: string,
  override: ModelOverride,
  model: CatalogModel
): ConfigIssue {
  const position = override.contextWindowPosition ?? override.position
  return {
    file,
    line: position.line,
    column: position.column,
    path: `${override.path}.context-window`,
    value: String(override.contextWindow),
    message: `context-window is set on model "${override.name}", but the price catalog gives ${model.id} a context window of ${formatCount(new Fraction(model.contextWindow))} tokens, and only a model without a known window may set one`,
    fix: 'Remove context-window, or give a fine-tuned or proxied model a name of its own with input: and output:',
    severity: 'error'
  }
}

function missingPriceIssue(file: string, override: ModelOverride): ConfigIssue {
  return {
    file,
    line: override.position.line,
    column: override.position.column,
    path: override.path,
    value: override.name,
    message: `model "${override.name}" is not in the price catalog and has no input and output price`,
    fix: 'Add input: and output: in USD per 1M tokens, or use a catalog model name',
    severity: 'error'
  }
}
