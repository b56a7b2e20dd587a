import { formatIssue, type ConfigIssue } from '../config/types.js'
import type { PathSegment } from '../config/yaml-source.js'
import { findModel } from './catalog.js'
import { convertCatalogFormat, isCatalogTree } from './catalog-format.js'
import { convertLiteLlm, isLiteLlmTree } from './litellm.js'
import type { PricingEntry } from './entry-use.js'
import { mergePricing, type MergeSummary, type ModelPatch } from './merge.js'
import {
  fileIssue,
  pricingIssue,
  readPricingSource,
  type PricingSource
} from './source.js'
import type { Catalog } from './types.js'

/** Pricing files larger than this many bytes are rejected before parsing (LiteLLM's file is about 1.6 MB). */
export const MAX_PRICING_FILE_BYTES = 32 * 1024 * 1024

/** Thrown when a pricing file cannot be used; carries every error found. */
export class PricingFileError extends Error {
  readonly issues: ConfigIssue[]

  constructor(issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'))
    this.name = 'PricingFileError'
    this.issues = issues
  }
}

/** A catalog with a pricing file's models merged in, and what the merge found. */
export interface LoadedPricing {
  catalog: Catalog
  format: 'catalog' | 'litellm'
  summary: MergeSummary & {
    /** Entries skipped because they are not priced by the token (LiteLLM images, audio). */
    skipped: number
    /** LiteLLM entries for another route to a catalog model that an entry names more directly. */
    outranked: number
  }
  warnings: ConfigIssue[]
  /** The file as read, for positions in later warnings. */
  source: PricingSource
  /** The entries that price a model, or could, with the model each prices. */
  entries: PricingEntry[]
}

/**
 * Merges a pricing file into a catalog. The format is detected from the
 * content: a `models:` list is the bundled catalog's format, and a mapping of
 * entries with `litellm_provider` or `input_cost_per_token` is LiteLLM's
 * `model_prices_and_context_window.json`. Entries that name a catalog model
 * merge with it field by field. Throws PricingFileError listing every error.
 */
export function loadPricingFile(
  catalog: Catalog,
  text: string,
  file: string
): LoadedPricing {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_PRICING_FILE_BYTES) {
    throw new PricingFileError([
      fileIssue(file, {
        value: `${bytes} bytes`,
        message: `the pricing file is larger than the limit of ${MAX_PRICING_FILE_BYTES} bytes`,
        fix: 'Keep only the models the usage files use'
      })
    ])
  }
  const read = readPricingSource(text, file)
  if (!read.source) throw new PricingFileError(read.issues)
  const source = read.source

  const issues: ConfigIssue[] = []
  let patches: ModelPatch[]
  let skipped = 0
  let outranked = 0
  let format: LoadedPricing['format']
  let candidates: { key: string; path: PathSegment[] }[] | undefined
  if (isCatalogTree(source.tree)) {
    format = 'catalog'
    patches = convertCatalogFormat(source, issues)
  } else if (isLiteLlmTree(source.tree)) {
    format = 'litellm'
    const converted = convertLiteLlm(
      source,
      name => findModel(catalog, name),
      issues
    )
    patches = converted.patches
    skipped = converted.skipped.length
    outranked = converted.outranked.length
    candidates = converted.candidates
  } else {
    throw new PricingFileError([
      pricingIssue(source, {
        path: [],
        message:
          "the pricing file is in neither supported format: the catalog's models: list, or LiteLLM's model_prices_and_context_window.json",
        fix: 'Write models: [ { id: …, prices: [ … ] } ], or pass a LiteLLM price file'
      })
    ])
  }

  // A LiteLLM file lists thousands of models under several spellings, so a
  // repeated model there is a warning; in a hand-written file, an error.
  const conflicts = format === 'litellm' ? 'warning' : 'error'
  const merged = mergePricing(catalog, patches, source, conflicts)
  issues.push(...merged.issues)
  const errors = issues.filter(issue => issue.severity === 'error')
  if (errors.length > 0) throw new PricingFileError(errors)
  const byKey = new Map(patches.map(patch => [patch.id, patch]))
  const entries: PricingEntry[] = candidates
    ? candidates.map(({ key, path }) => {
        const patch = byKey.get(key)
        const model = patch ? merged.applied.get(patch) : undefined
        return { name: key, path, at: 'key', ...(model ? { model } : {}) }
      })
    : patches.map(patch => {
        const model = merged.applied.get(patch)
        return { name: patch.id, ...patch.idAt, ...(model ? { model } : {}) }
      })
  return {
    catalog: merged.catalog,
    format,
    summary: { ...merged.summary, skipped, outranked },
    warnings: issues.filter(issue => issue.severity === 'warning'),
    source,
    entries
  }
}

/** Describes the effect of a pricing file in one line, for logs and the report. */
export function describePricing(file: string, loaded: LoadedPricing): string {
  const { updated, added, skipped } = loaded.summary
  const format =
    loaded.format === 'litellm' ? "LiteLLM's format" : "the catalog's format"
  const skippedNote =
    skipped > 0
      ? `, and skipped ${count(skipped, 'entry', 'entries')} not priced by the token or without the prices a new model needs`
      : ''
  const outranked = loaded.summary.outranked
  const outrankedNote =
    outranked > 0
      ? ` It kept ${count(outranked, 'entry', 'entries')} for another route to a catalog model, such as azure/ or bedrock/, out of that model, because another entry names the model more directly.`
      : ''
  return `The pricing file ${file} (${format}) updated ${count(updated, 'catalog model', 'catalog models')} and added ${count(added, 'model', 'models')}${skippedNote}.${outrankedNote}`
}

function count(value: number, one: string, many: string): string {
  return `${value} ${value === 1 ? one : many}`
}
