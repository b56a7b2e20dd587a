import type Fraction from 'fraction.js'
import type { ConfigIssue } from '../config/types.js'
import type { PathSegment } from '../config/yaml-source.js'
import { UNDATED_FROM, findModel } from './catalog.js'
import { pricingIssue, type PricingSource } from './source.js'
import type {
  Catalog,
  CatalogModel,
  LongContextPrices,
  PriceEntry,
  ReasoningMode
} from './types.js'

/** Prices of one pricing-file entry; unset fields keep the catalog's. */
export interface PricePatch {
  /** ISO date from which the prices apply; unset means every date. */
  from?: string
  input?: Fraction
  output?: Fraction
  cachedInput?: Fraction
  cacheWrite5m?: Fraction
  cacheWrite1h?: Fraction
  batchDiscount?: Fraction
  longContext?: Partial<LongContextPrices>
  /**
   * The fallback for the tier's unset prices when the model has no tier at
   * the same threshold. `standard` takes the entry's standard prices, as
   * LiteLLM bills them. Unset, the tier needs a threshold, input and output
   * of its own.
   */
  tierDefaults?: 'standard'
  source?: string
  checked?: string
  path: PathSegment[]
}

/** One model of a pricing file, in either format, before it meets the catalog. */
export interface ModelPatch {
  /** The id or key as written. */
  id: string
  /**
   * Id of the catalog model that the entry names when its key spells the
   * model with a route prefix, such as `gemini/` in `gemini/gemini-3.1-pro-preview`.
   */
  catalogId?: string
  /** Path of the entry. */
  path: PathSegment[]
  /** Location of the id: a mapping key (LiteLLM) or an `id:` value. */
  idAt: { path: PathSegment[]; at: 'key' | 'value' }
  name?: string
  provider?: string
  aliases?: string[]
  status?: CatalogModel['status']
  retired?: string
  replacement?: string
  reasoning?: ReasoningMode
  family?: string
  contextWindow?: number
  prices: PricePatch[]
}

/** Counts of the catalog changes that a pricing file made. */
export interface MergeSummary {
  /** Catalog models whose facts or prices the file changed. */
  updated: number
  /** Models the file added. */
  added: number
}

/** The merged catalog, with the issues, counts and applied patches of the merge. */
export interface MergeResult {
  catalog: Catalog
  issues: ConfigIssue[]
  summary: MergeSummary
  /** Id of the model that each applied patch changed or added; ignored patches are absent. */
  applied: Map<ModelPatch, string>
}

/**
 * Merges the models of a pricing file into a catalog. A model whose id names
 * a catalog model (by id or alias) merges field by field: the prices it sets
 * replace the catalog's and the others stay. Undated prices apply to every
 * dated catalog entry; a dated price changes the entry of that date or adds
 * one, filled from the entry in force on that date. Any other model is added
 * and needs a provider and input and output prices.
 */
export function mergePricing(
  catalog: Catalog,
  patches: ModelPatch[],
  source: PricingSource,
  /** How an entry that names an already used model or spelling is reported; it is skipped either way. */
  conflicts: 'error' | 'warning'
): MergeResult {
  const issues: ConfigIssue[] = []
  const applied = new Map<ModelPatch, string>()
  const merged = new Map<CatalogModel, CatalogModel>()
  const firstPatch = new Map<CatalogModel, ModelPatch>()
  const added: CatalogModel[] = []
  const spellings = new Map<string, string>()
  for (const model of catalog.models) {
    for (const spelling of spellingsOf(model)) spellings.set(spelling, model.id)
  }

  for (const patch of patches) {
    const existing = findModel(catalog, patch.catalogId ?? patch.id)
    if (existing) {
      const earlier = firstPatch.get(existing)
      if (earlier) {
        issues.push(duplicateIssue(source, patch, earlier, existing, conflicts))
        continue
      }
      firstPatch.set(existing, patch)
      const aliases = claimAliases(
        source,
        patch,
        existing.id,
        spellings,
        issues
      )
      merged.set(existing, patchModel(existing, patch, aliases, source, issues))
      applied.set(patch, existing.id)
      continue
    }
    const model = newModel(source, patch, issues)
    if (!model) continue
    const clash = spellingsOf(model).find(spelling => spellings.has(spelling))
    if (clash !== undefined) {
      const owner = spellings.get(clash) ?? ''
      issues.push(clashIssue(source, patch, clash, owner, conflicts))
      continue
    }
    for (const spelling of spellingsOf(model)) spellings.set(spelling, model.id)
    added.push(model)
    applied.set(patch, model.id)
  }

  const models = [
    ...catalog.models.map(model => merged.get(model) ?? model),
    ...added
  ]
  return {
    catalog: { asOf: catalog.asOf, models },
    issues,
    summary: { updated: merged.size, added: added.length },
    applied
  }
}

function spellingsOf(model: CatalogModel): string[] {
  return [
    ...new Set([model.id, ...model.aliases, model.name].map(normalizeName))
  ]
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase()
}

/** Keeps the patch's aliases that name no other model; reports the others. */
function claimAliases(
  source: PricingSource,
  patch: ModelPatch,
  owner: string,
  spellings: Map<string, string>,
  issues: ConfigIssue[]
): string[] {
  const kept: string[] = []
  for (const [index, alias] of (patch.aliases ?? []).entries()) {
    const taken = spellings.get(normalizeName(alias))
    if (taken !== undefined && taken !== owner) {
      issues.push(
        pricingIssue(source, {
          path: [...patch.path, 'aliases', index],
          message: `alias "${alias}" already names model ${taken}`,
          fix: 'Remove the alias, or give it to one model only'
        })
      )
      continue
    }
    spellings.set(normalizeName(alias), owner)
    kept.push(alias)
  }
  return kept
}

function patchModel(
  model: CatalogModel,
  patch: ModelPatch,
  aliases: string[],
  source: PricingSource,
  issues: ConfigIssue[]
): CatalogModel {
  const known = new Set(model.aliases.map(normalizeName))
  const result: CatalogModel = {
    ...model,
    name: patch.name ?? model.name,
    provider: patch.provider ?? model.provider,
    aliases: [
      ...model.aliases,
      ...aliases.filter(alias => !known.has(normalizeName(alias)))
    ],
    status: patch.status ?? model.status,
    reasoning: patch.reasoning ?? model.reasoning,
    contextWindow: patch.contextWindow ?? model.contextWindow,
    prices: patchPrices(model, patch.prices, source, issues)
  }
  const retired = patch.retired ?? model.retired
  const replacement = patch.replacement ?? model.replacement
  const family = patch.family ?? model.family
  if (retired !== undefined) result.retired = retired
  if (replacement !== undefined) result.replacement = replacement
  if (family !== undefined) result.family = family
  return result
}

/**
 * Applies undated patches to every entry first, then dated ones to the entry
 * of their date, which is added, filled from the entry in force, if missing.
 */
function patchPrices(
  model: CatalogModel,
  patches: PricePatch[],
  source: PricingSource,
  issues: ConfigIssue[]
): PriceEntry[] {
  const context: PatchContext = { model: model.id, source, issues }
  let result = model.prices.map(entry => ({ ...entry }))
  for (const patch of patches.filter(p => p.from === undefined)) {
    result = result.map(entry => applyPatch(entry, patch, context))
  }
  const dated = patches
    .filter(p => p.from !== undefined)
    .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''))
  for (const patch of dated) {
    const from = patch.from ?? UNDATED_FROM
    const index = result.findIndex(entry => entry.from === from)
    if (index >= 0) {
      result[index] = applyPatch(result[index] as PriceEntry, patch, context)
      continue
    }
    const base = entryInForce(result, from)
    result.push(applyPatch({ ...base, from }, patch, context))
    result.sort((a, b) => a.from.localeCompare(b.from))
  }
  return result
}

/** Returns the latest entry from on or before a date, else the earliest; entries are sorted. */
function entryInForce(entries: PriceEntry[], date: string): PriceEntry {
  let inForce = entries[0] as PriceEntry
  for (const entry of entries) {
    if (entry.from <= date) inForce = entry
  }
  return inForce
}

/** The model and file that a patch applies to, for the error about an incomplete tier. */
interface PatchContext {
  model: string
  source: PricingSource
  issues: ConfigIssue[]
  /** Paths of tiers already reported, so that a tier applied to several dated entries is reported once. */
  reported?: Set<string>
}

/** Rate fields of a price entry that a pricing file can set. */
const RATE_FIELDS = [
  'input',
  'output',
  'cachedInput',
  'cacheWrite5m',
  'cacheWrite1h',
  'batchDiscount'
] as const

/** Prefix of the tier's fields in PriceEntry.pricingFields. */
const TIER_PREFIX = 'longContext.'

/** Rate fields of a long-context tier; the standard price of each fills a LiteLLM tier. */
const TIER_RATE_FIELDS = [
  'input',
  'output',
  'cachedInput',
  'cacheWrite5m',
  'cacheWrite1h'
] as const

function applyPatch(
  entry: PriceEntry,
  patch: PricePatch,
  context: PatchContext
): PriceEntry {
  const file = context.source.file
  const result: PriceEntry = {
    ...entry,
    input: patch.input ?? entry.input,
    output: patch.output ?? entry.output,
    source: patch.source ?? `pricing file ${file}`,
    checked: patch.checked ?? entry.checked,
    pricingFile: file
  }
  const optional = {
    cachedInput: patch.cachedInput ?? entry.cachedInput,
    cacheWrite5m: patch.cacheWrite5m ?? entry.cacheWrite5m,
    cacheWrite1h: patch.cacheWrite1h ?? entry.cacheWrite1h,
    batchDiscount: patch.batchDiscount ?? entry.batchDiscount
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(result, { [key]: value })
  }
  const fields = new Set(entry.pricingFields ?? [])
  for (const field of RATE_FIELDS) {
    if (patch[field] !== undefined) fields.add(field)
  }
  const tier = patchTier(entry.longContext, result, patch, fields, context)
  if (tier) result.longContext = tier
  else delete result.longContext
  result.pricingFields = [...fields]
  return result
}

/**
 * Merges a patch's tier into the entry's field by field. A LiteLLM tier
 * (`tierDefaults: 'standard'`) merges only with a tier at its threshold.
 * Otherwise it replaces the entry's tier, and its unset prices are the
 * entry's standard ones. A merged tier without a threshold, input and
 * output is an error, and the entry keeps its tier. Records in `fields`
 * which tier prices the pricing file set.
 * NOTE: whether LiteLLM bills a tier that lacks a price at the standard
 * price was not confirmed in its cost code.
 */
function patchTier(
  tier: LongContextPrices | undefined,
  entry: PriceEntry,
  patch: PricePatch,
  fields: Set<string>,
  context: PatchContext
): LongContextPrices | undefined {
  const update = patch.longContext
  if (!update) return tier
  const standard = patch.tierDefaults === 'standard'
  const mergesWithTier =
    tier !== undefined &&
    (!standard ||
      update.threshold === undefined ||
      update.threshold === tier.threshold)
  const start: Partial<LongContextPrices> = {}
  const tierFields = new Set<string>()
  if (mergesWithTier) {
    Object.assign(start, tier)
    for (const field of fields) {
      if (field.startsWith(TIER_PREFIX)) tierFields.add(field)
    }
  } else if (standard) {
    for (const field of TIER_RATE_FIELDS) {
      if (entry[field] === undefined || update[field] !== undefined) continue
      start[field] = entry[field]
      if (fields.has(field)) tierFields.add(`${TIER_PREFIX}${field}`)
    }
  }
  const merged = { ...start, ...definedFields(update) }
  const { threshold, input, output } = merged
  if (threshold === undefined || !input || !output) {
    reportIncompleteTier(context, patch, merged)
    return tier
  }
  for (const field of TIER_RATE_FIELDS) {
    if (update[field] !== undefined) tierFields.add(`${TIER_PREFIX}${field}`)
  }
  for (const field of [...fields]) {
    if (field.startsWith(TIER_PREFIX)) fields.delete(field)
  }
  for (const field of tierFields) fields.add(field)
  return {
    ...merged,
    threshold,
    input,
    output,
    inclusive: merged.inclusive ?? false
  }
}

function reportIncompleteTier(
  context: PatchContext,
  patch: PricePatch,
  merged: Partial<LongContextPrices>
): void {
  const path = [...patch.path, 'long-context']
  const key = JSON.stringify(path)
  context.reported ??= new Set()
  if (context.reported.has(key)) return
  context.reported.add(key)
  const missing = (['threshold', 'input', 'output'] as const).filter(
    field => merged[field] === undefined
  )
  context.issues.push(
    pricingIssue(context.source, {
      path,
      message: `the long-context tier of "${context.model}" has no ${joinWords(missing)}, and the model has no long-context tier for it to complete`,
      fix: 'Set threshold: (input tokens per request), input: and output: in USD per 1M tokens'
    })
  )
}

/** Joins words as a list in prose: `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined)
  ) as Partial<T>
}

/** Builds a model the catalog does not have, or reports what it lacks. */
function newModel(
  source: PricingSource,
  patch: ModelPatch,
  issues: ConfigIssue[]
): CatalogModel | undefined {
  if (patch.provider === undefined) {
    issues.push(
      pricingIssue(source, {
        ...patch.idAt,
        value: patch.id,
        message: `model "${patch.id}" is not in the price catalog and has no provider`,
        fix: 'Add provider:, or use the id or an alias of a catalog model'
      })
    )
    return undefined
  }
  const prices = newModelPrices(source, patch, issues)
  if (!prices) return undefined
  const model: CatalogModel = {
    id: patch.id,
    name: patch.name ?? patch.id,
    provider: patch.provider,
    aliases: patch.aliases ?? [],
    status: patch.status ?? 'active',
    reasoning: patch.reasoning ?? 'none',
    contextWindow: patch.contextWindow ?? 0,
    prices
  }
  if (patch.retired !== undefined) model.retired = patch.retired
  if (patch.replacement !== undefined) model.replacement = patch.replacement
  if (patch.family !== undefined) model.family = patch.family
  return model
}

function newModelPrices(
  source: PricingSource,
  patch: ModelPatch,
  issues: ConfigIssue[]
): PriceEntry[] | undefined {
  let entries: PriceEntry[] = []
  let complete = true
  // Undated entries of a new model combine into one that applies always.
  const undated = patch.prices.filter(p => p.from === undefined)
  const dated = patch.prices.filter(p => p.from !== undefined)
  const groups = [
    ...(undated.length ? [{ from: UNDATED_FROM, parts: undated }] : []),
    ...dated.map(p => ({ from: p.from ?? UNDATED_FROM, parts: [p] }))
  ]
  for (const { from, parts } of groups) {
    // A later part of the group overrides an earlier one, as in applyPatch.
    const input = [...parts].reverse().find(part => part.input)?.input
    const output = [...parts].reverse().find(part => part.output)?.output
    const last = parts.at(-1) as PricePatch
    if (!input || !output) {
      issues.push(
        pricingIssue(source, {
          path: last.path,
          value: patch.id,
          message: `model "${patch.id}" is not in the price catalog, so its prices need input and output`,
          fix: 'Add both an input and an output price'
        })
      )
      complete = false
      continue
    }
    let entry: PriceEntry = {
      from,
      input,
      output,
      source: `pricing file ${source.file}`,
      checked: ''
    }
    const context: PatchContext = { model: patch.id, source, issues }
    for (const part of parts) entry = applyPatch(entry, part, context)
    // Every price of a model that the file adds comes from the file.
    entry.pricingFields = [
      ...new Set([...(entry.pricingFields ?? []), 'input', 'output'])
    ]
    entries.push(entry)
  }
  if (!complete) return undefined
  if (entries.length === 0) {
    issues.push(
      pricingIssue(source, {
        ...patch.idAt,
        value: patch.id,
        message: `model "${patch.id}" is not in the price catalog and has no prices`,
        fix: 'Add input and output prices'
      })
    )
    return undefined
  }
  entries = entries.sort((a, b) => a.from.localeCompare(b.from))
  return entries
}

function duplicateIssue(
  source: PricingSource,
  patch: ModelPatch,
  earlier: ModelPatch,
  model: CatalogModel,
  severity: 'error' | 'warning'
): ConfigIssue {
  return pricingIssue(source, {
    ...patch.idAt,
    value: patch.id,
    message: `"${patch.id}" names catalog model ${model.id}, as "${earlier.id}" does before it, so this entry is ignored`,
    fix: 'Keep one entry per model',
    severity
  })
}

function clashIssue(
  source: PricingSource,
  patch: ModelPatch,
  spelling: string,
  owner: string,
  severity: 'error' | 'warning'
): ConfigIssue {
  return pricingIssue(source, {
    ...patch.idAt,
    value: patch.id,
    message: `"${spelling}" of model "${patch.id}" already names model ${owner}, so this entry is ignored`,
    fix: 'Give the model a name, id and aliases that no other model uses',
    severity
  })
}
