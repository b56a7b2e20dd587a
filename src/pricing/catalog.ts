import Fraction from 'fraction.js'
import { z } from 'zod'
import data from './catalog.json' with { type: 'json' }
import type {
  Catalog,
  CatalogModel,
  LongContextPrices,
  PriceEntry
} from './types.js'

// Prices are decimal strings in USD per 1,000,000 tokens, so that they reach
// Fraction exactly. A JSON number such as 0.075 would already be a binary float.
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a decimal string such as "0.075"')

const isoDate = z.iso.date()

const longContextSchema = z.strictObject({
  threshold: z.number().int().positive(),
  inclusive: z.boolean(),
  input: decimal,
  output: decimal,
  'cached-input': decimal.optional(),
  'cache-write-5m': decimal.optional(),
  'cache-write-1h': decimal.optional()
})

const priceEntrySchema = z.strictObject({
  from: isoDate,
  input: decimal,
  output: decimal,
  'cached-input': decimal.optional(),
  'cache-write-5m': decimal.optional(),
  'cache-write-1h': decimal.optional(),
  'batch-discount': decimal.optional(),
  'long-context': longContextSchema.optional(),
  source: z.url(),
  checked: isoDate
})

const modelSchema = z
  .strictObject({
    id: z.string().trim().min(1),
    name: z.string().trim().min(1),
    provider: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    status: z.enum(['active', 'deprecated', 'retired']),
    retired: isoDate.optional(),
    replacement: z.string().trim().min(1).optional(),
    reasoning: z.enum(['always', 'optional', 'none']),
    family: z.string().trim().min(1).optional(),
    'context-window': z.number().int().positive(),
    prices: z.array(priceEntrySchema).min(1)
  })
  .superRefine((model, context) => {
    if (model.status === 'retired' && model.retired === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['retired'],
        message: 'a retired model needs its retirement date in "retired"'
      })
    }
    const seen = new Set<string>()
    model.prices.forEach((entry, index) => {
      if (seen.has(entry.from)) {
        context.addIssue({
          code: 'custom',
          path: ['prices', index, 'from'],
          message: `two price entries start on ${entry.from}`
        })
      }
      seen.add(entry.from)
      const discount = entry['batch-discount']
      if (discount !== undefined && new Fraction(discount).compare(1) > 0) {
        context.addIssue({
          code: 'custom',
          path: ['prices', index, 'batch-discount'],
          message: 'a batch discount is a share between 0 and 1, such as "0.5"'
        })
      }
    })
  })

const catalogSchema = z.strictObject({
  'as-of': isoDate,
  models: z.array(modelSchema)
})

type RawCatalog = z.infer<typeof catalogSchema>
type RawModel = RawCatalog['models'][number]
type RawPriceEntry = RawModel['prices'][number]

/** The `from` date of prices that apply on every date: those of a custom model or an undated pricing-file entry. */
export const UNDATED_FROM = '1970-01-01'

let bundledCatalog: Catalog | undefined

/**
 * Returns the bundled price catalog, converted on first use. The test suite
 * checks that parseCatalog() accepts the bundled file and returns the same
 * catalog, so a run skips the schema, whose zod parsers are compiled on first
 * use (docs/benchmarks.md has the measured cost).
 */
export function loadCatalog(): Catalog {
  bundledCatalog ??= convertCatalog(data as unknown as RawCatalog)
  return bundledCatalog
}

/**
 * Validates a catalog in the bundled JSON shape and converts every price to
 * an exact Fraction. Throws an Error that lists the JSON path and value of
 * each problem.
 */
export function parseCatalog(raw: unknown): Catalog {
  const result = catalogSchema.safeParse(raw)
  if (!result.success) {
    const problems = result.error.issues.flatMap(issue => {
      // Zod reports an unknown key on its parent object, so name the key itself.
      const paths =
        issue.code === 'unrecognized_keys'
          ? issue.keys.map(key => [...issue.path, key])
          : [issue.path]
      return paths.map(path => {
        const value = describeValue(valueAt(raw, path))
        return `${formatPath(path)}: ${issue.message} (value: ${value})`
      })
    })
    throw new Error(`invalid price catalog:\n  ${problems.join('\n  ')}`)
  }
  return convertCatalog(result.data)
}

/** Converts a catalog that has the schema's shape, and rejects spellings shared by two models. */
function convertCatalog(raw: RawCatalog): Catalog {
  const catalog: Catalog = {
    asOf: raw['as-of'],
    models: raw.models.map(convertModel)
  }
  checkCatalog(catalog)
  return catalog
}

/**
 * Finds the model whose id, alias or display name equals `name`, ignoring
 * case and surrounding whitespace. It never matches a prefix or substring.
 */
export function findModel(
  catalog: Catalog,
  name: string
): CatalogModel | undefined {
  const index = indexCatalog(catalog)
  const key = normalizeName(name)
  return index.byId.get(key) ?? index.byAlias.get(key)
}

/**
 * Lists up to `limit` catalog ids that resemble `name`, nearest first, for
 * an "unknown model" message. Names are compared by their parts (`gpt-4-turbo`
 * is gpt, 4 and turbo). A word part counts 1, or 0.75 with one typo in a
 * part of 4 letters or more. A number part counts 0.5 at the same place
 * among the numbers (the major version first) and 0.25 elsewhere. When the
 * first word names a family of catalog ids (gpt, claude, gemini), only that
 * family is listed, so `gpt-4-turbo` finds GPT-4 models and `sonnet` finds
 * the Claude Sonnet ones. Models that share no word part with `name` are
 * never listed, and ties go to the smaller edit distance.
 */
export function closestModelNames(
  catalog: Catalog,
  name: string,
  limit = 3
): string[] {
  const key = normalizeName(name)
  const parts = splitNameParts(key)
  const family = findFamily(catalog, parts)
  const ranked = catalog.models
    .map((model, order) => {
      const spellings = [model.id, ...model.aliases, model.name].map(
        normalizeName
      )
      const score = Math.max(
        ...spellings.map(spelling =>
          scoreNameParts(parts, splitNameParts(spelling))
        )
      )
      const distance = Math.min(
        ...spellings.map(spelling => editDistance(key, spelling))
      )
      return { model, score, distance, order }
    })
    .filter(
      entry =>
        entry.score >= MIN_SUGGESTION_SCORE &&
        (family === undefined || familyOf(entry.model.id) === family)
    )
  ranked.sort(
    (a, b) => b.score - a.score || a.distance - b.distance || a.order - b.order
  )
  return ranked.slice(0, Math.max(0, limit)).map(entry => entry.model.id)
}

/** Score a suggestion needs: one word part in common, or a typo of one and a number. */
const MIN_SUGGESTION_SCORE = 1

/** Splits a name at punctuation and between letters and digits: `gpt-4o` is gpt, 4 and o. */
function splitNameParts(name: string): string[] {
  return name.match(/[a-z]+|\d+/g) ?? []
}

/** Returns the first word part of an id, such as gpt or claude. */
function familyOf(id: string): string | undefined {
  return splitNameParts(normalizeName(id)).find(part => /^[a-z]/.test(part))
}

/** Returns the first word part of a name when some catalog id starts with it. */
function findFamily(catalog: Catalog, parts: string[]): string | undefined {
  const first = parts.find(part => /^[a-z]/.test(part))
  if (first === undefined) return undefined
  const known = catalog.models.some(model => familyOf(model.id) === first)
  return known ? first : undefined
}

/** Adds up how well the parts of a name match the parts of a candidate. */
function scoreNameParts(nameParts: string[], candidate: string[]): number {
  const nameNumbers = nameParts.filter(part => /^\d/.test(part))
  const candidateNumbers = candidate.filter(part => /^\d/.test(part))
  let score = 0
  for (const part of nameParts) {
    if (/^\d/.test(part)) {
      const place = nameNumbers.indexOf(part)
      if (candidateNumbers[place] === part) score += 0.5
      else if (candidateNumbers.includes(part)) score += 0.25
    } else if (candidate.includes(part)) {
      score += 1
    } else if (
      part.length >= 4 &&
      candidate.some(other => isOneTypo(part, other))
    ) {
      score += 0.75
    }
  }
  return score
}

function isOneTypo(part: string, other: string): boolean {
  return other.length >= 4 && editDistance(part, other) === 1
}

/**
 * Selects the price entry in force on an ISO date: the latest entry whose
 * `from` is on or before it, or the earliest entry for an earlier date.
 */
export function priceOn(model: CatalogModel, date: string): PriceEntry {
  const [earliest] = model.prices
  if (earliest === undefined) {
    throw new Error(`model ${model.id} has no price entries`)
  }
  let inForce = earliest
  // ISO dates (YYYY-MM-DD) compare correctly as strings.
  for (const entry of model.prices) {
    if (entry.from <= date) inForce = entry
  }
  return inForce
}

function convertModel(raw: RawModel): CatalogModel {
  const model: CatalogModel = {
    id: raw.id,
    name: raw.name,
    provider: raw.provider,
    aliases: raw.aliases,
    status: raw.status,
    reasoning: raw.reasoning,
    contextWindow: raw['context-window'],
    prices: raw.prices.map(convertPriceEntry).sort(byStartDate)
  }
  if (raw.retired !== undefined) model.retired = raw.retired
  if (raw.replacement !== undefined) model.replacement = raw.replacement
  if (raw.family !== undefined) model.family = raw.family
  return model
}

// ISO dates (YYYY-MM-DD) sort by their UTF-16 code units, which spares the
// ICU collator that localeCompare() loads on first use.
function byStartDate(a: PriceEntry, b: PriceEntry): number {
  if (a.from === b.from) return 0
  return a.from < b.from ? -1 : 1
}

function convertPriceEntry(raw: RawPriceEntry): PriceEntry {
  const entry: PriceEntry = {
    from: raw.from,
    input: new Fraction(raw.input),
    output: new Fraction(raw.output),
    source: raw.source,
    checked: raw.checked
  }
  const cachedInput = raw['cached-input']
  const cacheWrite5m = raw['cache-write-5m']
  const cacheWrite1h = raw['cache-write-1h']
  const batchDiscount = raw['batch-discount']
  const longContext = raw['long-context']

  if (cachedInput !== undefined) entry.cachedInput = new Fraction(cachedInput)
  if (cacheWrite5m !== undefined) {
    entry.cacheWrite5m = new Fraction(cacheWrite5m)
  }
  if (cacheWrite1h !== undefined) {
    entry.cacheWrite1h = new Fraction(cacheWrite1h)
  }
  if (batchDiscount !== undefined) {
    entry.batchDiscount = new Fraction(batchDiscount)
  }

  if (longContext !== undefined) {
    const prices: LongContextPrices = {
      threshold: longContext.threshold,
      inclusive: longContext.inclusive,
      input: new Fraction(longContext.input),
      output: new Fraction(longContext.output)
    }
    const longCached = longContext['cached-input']
    const longWrite5m = longContext['cache-write-5m']
    const longWrite1h = longContext['cache-write-1h']
    if (longCached !== undefined) prices.cachedInput = new Fraction(longCached)
    if (longWrite5m !== undefined) {
      prices.cacheWrite5m = new Fraction(longWrite5m)
    }
    if (longWrite1h !== undefined) {
      prices.cacheWrite1h = new Fraction(longWrite1h)
    }
    entry.longContext = prices
  }
  return entry
}

interface CatalogIndex {
  byId: Map<string, CatalogModel>
  byAlias: Map<string, CatalogModel>
}

const indexes = new WeakMap<Catalog, CatalogIndex>()

function indexCatalog(catalog: Catalog): CatalogIndex {
  const cached = indexes.get(catalog)
  if (cached) return cached
  const index: CatalogIndex = { byId: new Map(), byAlias: new Map() }
  // Ids are indexed first so that an id wins over another model's alias.
  // checkCatalog rejects such clashes in parsed catalogs anyway.
  for (const model of catalog.models) {
    const key = normalizeName(model.id)
    if (!index.byId.has(key)) index.byId.set(key, model)
  }
  for (const model of catalog.models) {
    for (const spelling of [...model.aliases, model.name]) {
      const key = normalizeName(spelling)
      if (!index.byAlias.has(key)) index.byAlias.set(key, model)
    }
  }
  indexes.set(catalog, index)
  return index
}

// Rejects catalogs in which one spelling could name two models, because
// findModel would then pick one of them arbitrarily. A replacement may name a
// model outside a pricing file, so replacements are not checked here.
function checkCatalog(catalog: Catalog): void {
  const problems: string[] = []
  const owners = new Map<string, string>()
  catalog.models.forEach((model, index) => {
    const spellings = new Set(
      [model.id, ...model.aliases, model.name].map(normalizeName)
    )
    for (const spelling of spellings) {
      const owner = owners.get(spelling)
      if (owner !== undefined) {
        problems.push(
          `models[${index}]: "${spelling}" of model ${model.id} already names model ${owner}`
        )
      } else {
        owners.set(spelling, model.id)
      }
    }
  })
  if (problems.length > 0) {
    throw new Error(`invalid price catalog:\n  ${problems.join('\n  ')}`)
  }
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase()
}

// Levenshtein distance with one rolling row: O(a × b) time, O(b) memory.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution =
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      const deletion = (previous[j] ?? 0) + 1
      const insertion = (current[j - 1] ?? 0) + 1
      current.push(Math.min(substitution, deletion, insertion))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

// Formats a path as `models[3].prices[0].input`.
function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text === '' ? '(top level)' : text
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
