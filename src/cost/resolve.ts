import Fraction from 'fraction.js'
import { closestModelNames, findModel, priceOn } from '../pricing/catalog.js'
import type {
  Catalog,
  CatalogModel,
  PriceEntry,
  ReasoningMode
} from '../pricing/types.js'
import type {
  ConfigIssue,
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
    from: '0000-01-01',
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
    source:
      override.input || override.output
        ? 'models: in the usage file'
        : entry.source
  }
}

/** Resolves model names of one usage file against its overrides and the catalog. */
export class ModelResolver {
  private readonly byKey = new Map<string, PricedModel>()
  /** Names already resolved as written, since thousands of routes repeat a few. */
  private readonly resolved = new Map<string, PricedModel | undefined>()
  readonly issues: ConfigIssue[] = []

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

  /** Returns the closest known names, for an "unknown model" message. */
  suggest(name: string): string[] {
    return closestModelNames(this.catalog, name, 3)
  }

  private addOverride(override: ModelOverride): void {
    const model = findModel(this.catalog, override.name)
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
