import Fraction from 'fraction.js'
import {
  loadPricingFile,
  PricingFileError,
  type LoadedPricing
} from './pricing-file.js'
import type { Catalog, CatalogModel } from './types.js'

/**
 * The base version of the pricing file, as the caller found it with git or
 * the GitHub API.
 */
export type BasePricingSource =
  /** The file is not versioned with the usage file, so it prices both sides. */
  | { state: 'shared'; reason: string }
  | { state: 'found'; text: string }
  /** The file is versioned but absent at the base: the base has the catalog alone. */
  | { state: 'missing' }
  | { state: 'unavailable'; reason: string }

/** The catalog that prices the base, or why there is none, with a note on how it differs from the head's. */
export type BasePricing =
  | { catalog: Catalog; note?: string }
  /** `unreadable`: the file could not be read, as opposed to being invalid. */
  | { unavailable: string; unreadable?: boolean }

/**
 * Loads the base version of a pricing file into the bundled catalog, so the
 * base is priced as it was and a price change made by the change itself is
 * visible. Returns the head's catalog when the file is shared or unchanged.
 */
export function loadBasePricing(
  bundled: Catalog,
  head: { text: string; loaded: LoadedPricing },
  base: BasePricingSource,
  file: string
): BasePricing {
  if (base.state === 'shared') return { catalog: head.loaded.catalog }
  if (base.state === 'unavailable') {
    return {
      unavailable: `the pricing file ${file} could not be read at the base: ${base.reason}`,
      unreadable: true
    }
  }
  if (base.state === 'missing') {
    const note = describePricingChange(file, bundled, head.loaded.catalog, {
      newFile: true
    })
    return note ? { catalog: bundled, note } : { catalog: bundled }
  }
  if (base.text === head.text) return { catalog: head.loaded.catalog }
  let catalog: Catalog
  try {
    catalog = loadPricingFile(bundled, base.text, file).catalog
  } catch (error) {
    if (!(error instanceof PricingFileError)) throw error
    const first = error.issues[0]
    const where = first
      ? `: line ${first.line}${first.path ? `, ${first.path}` : ''}, ${first.message}`
      : ''
    return {
      unavailable: `the base version of the pricing file ${file} is invalid${where}`
    }
  }
  const note = describePricingChange(file, catalog, head.loaded.catalog, {
    newFile: false
  })
  return note ? { catalog, note } : { catalog }
}

/** Model ids named in a pricing-change note before "and N more". */
const MAX_NAMED_MODELS = 5

/**
 * Describes how a pricing file's head version changes the prices of the
 * base, naming the models whose facts or prices differ, or returns
 * undefined when the two catalogs price every model alike.
 */
export function describePricingChange(
  file: string,
  base: Catalog,
  head: Catalog,
  options: { newFile: boolean }
): string | undefined {
  const before = new Map(base.models.map(m => [m.id, modelKey(m)]))
  const after = new Map(head.models.map(m => [m.id, modelKey(m)]))
  const changed = [...after.keys()].filter(
    id => before.has(id) && before.get(id) !== after.get(id)
  )
  const added = [...after.keys()].filter(id => !before.has(id))
  const removed = [...before.keys()].filter(id => !after.has(id))
  const parts = [
    changed.length && `changes the prices of ${listIds(changed)}`,
    added.length && `adds ${listIds(added)}`,
    removed.length && `removes ${listIds(removed)}`
  ].filter(Boolean)
  if (parts.length === 0) return undefined
  const effect = joinWords(parts as string[])
  return options.newFile
    ? `The pricing file ${file} is new in this change and ${effect}. The base is priced with the bundled catalog alone, so the new prices count as the price part of the change.`
    : `This change edits the pricing file ${file}, which ${effect}. Base and head are each priced with their own version, so the edit counts as the price part of the change.`
}

/**
 * Serializes the facts of a model that its cost depends on, with Fractions
 * as exact `n/d` text. The source, date checked and pricing-file fields of
 * each entry are left out, because a pricing file that repeats a catalog
 * price changes none of the prices.
 */
function modelKey(model: CatalogModel): string {
  const prices = model.prices.map(entry => ({
    ...entry,
    source: undefined,
    checked: undefined,
    pricingFile: undefined,
    pricingFields: undefined
  }))
  // Aliases are left out too: a LiteLLM key such as gemini/gemini-3.1-pro
  // becomes an alias of the model it prices, which changes no price.
  return JSON.stringify(
    {
      provider: model.provider,
      reasoning: model.reasoning,
      prices
    },
    (_key, value: unknown) =>
      value instanceof Fraction ? value.toFraction() : value
  )
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, MAX_NAMED_MODELS)
  const more = ids.length - shown.length
  return more > 0 ? `${shown.join(', ')} and ${more} more` : joinWords(shown)
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}
