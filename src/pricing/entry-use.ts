import { editDistance } from '../config/suggest.js'
import type { ConfigIssue, UsageConfig } from '../config/types.js'
import type { PathSegment } from '../config/yaml-source.js'
import { findModel } from './catalog.js'
import { stripRoutePrefix } from './litellm.js'
import { pricingIssue, type PricingSource } from './source.js'
import type { Catalog } from './types.js'

/** One entry of a pricing file and the model it prices. */
export interface PricingEntry {
  /** The key or id as written. */
  name: string
  path: PathSegment[]
  /** Whether the name is a mapping key (LiteLLM) or an `id:` value. */
  at: 'key' | 'value'
  /** Id of the model that the entry changed or added; unset when the entry is ignored. */
  model?: string
}

/** The parts of a loaded pricing file that checkUnusedEntries reads. */
export interface PricingFileEntries {
  source: PricingSource
  entries: PricingEntry[]
}

/** Close entries reported for one model. */
const MAX_CLOSE_ENTRIES = 3

// A dated or preview snapshot after a model id: `-2026-03-17`, `@20251001`,
// `-preview`, `-latest`, `-v1:0`.
const SNAPSHOT_SUFFIX = /^([-@._:](\d[\d-]*|preview|latest|exp|v\d+(:\d+)?))+$/

/**
 * Warns about pricing-file entries that price no model the workloads of a
 * usage file use, while their name is close to a model that they use and
 * that the file does not price. Such an entry is most often meant for that
 * model under a spelling that names no catalog model, so its rate is
 * silently not applied. A model that some entry prices gets no warning,
 * because a large file such as LiteLLM's lists many close variants.
 */
export function checkUnusedEntries(
  pricing: PricingFileEntries,
  config: UsageConfig,
  catalog: Catalog
): ConfigIssue[] {
  const priced = new Set(
    pricing.entries.flatMap(entry => (entry.model ? [entry.model] : []))
  )
  const used = listUsedModels(config, catalog)
  const unused = pricing.entries.filter(
    entry => entry.model === undefined || !used.has(entry.model)
  )
  const issues: ConfigIssue[] = []
  for (const [id, use] of used) {
    if (priced.has(id)) continue
    const close = unused
      .filter(entry => isCloseName(entry.name, use.spellings))
      .slice(0, MAX_CLOSE_ENTRIES)
    for (const entry of close) {
      issues.push(
        pricingIssue(pricing.source, {
          path: entry.path,
          at: entry.at,
          value: entry.name,
          message: `entry "${entry.name}" prices no model that the workloads of ${config.file} use, but its name is close to ${id}, which workload "${use.workload}" uses at prices that this file does not set`,
          fix: `If the entry is meant for ${id}, name it ${id} or an alias of it, optionally after a route prefix such as gemini/ or azure/`,
          severity: 'warning'
        })
      )
    }
  }
  return issues
}

/** Maps the id of each model that a workload routes to, to its spellings and its first workload. */
function listUsedModels(
  config: UsageConfig,
  catalog: Catalog
): Map<string, { spellings: string[]; workload: string }> {
  const used = new Map<string, { spellings: string[]; workload: string }>()
  for (const workload of config.workloads) {
    for (const route of workload.routes) {
      const model = findModel(catalog, route.model)
      const id = model?.id ?? route.model.trim()
      let use = used.get(id)
      if (!use) {
        const spellings = model ? [model.id, ...model.aliases] : [id]
        use = { spellings: spellings.map(normalize), workload: workload.name }
        used.set(id, use)
      }
      const written = normalize(route.model)
      if (!use.spellings.includes(written)) use.spellings.push(written)
    }
  }
  return used
}

/**
 * Checks whether an entry's name looks like a spelling of the model. The
 * name, the name without a route prefix, or the last part of a path such
 * as `openrouter/google/gemini-3.1-pro` counts when it is a spelling of
 * the model, a dated or preview snapshot of one, or one typo away from one.
 * Spellings of 16 characters or more may be two typos away.
 */
function isCloseName(name: string, spellings: string[]): boolean {
  const lower = normalize(name)
  const variants = new Set([lower, lower.slice(lower.lastIndexOf('/') + 1)])
  const stripped = stripRoutePrefix(lower)
  if (stripped !== undefined) variants.add(stripped)
  for (const variant of variants) {
    for (const spelling of spellings) {
      if (variant === spelling) return true
      if (
        variant.startsWith(spelling) &&
        SNAPSHOT_SUFFIX.test(variant.slice(spelling.length))
      ) {
        return true
      }
      const allowed = spelling.length >= 16 ? 2 : 1
      if (
        Math.abs(variant.length - spelling.length) <= allowed &&
        editDistance(variant, spelling) <= allowed
      ) {
        return true
      }
    }
  }
  return false
}

function normalize(name: string): string {
  return name.trim().toLowerCase()
}
