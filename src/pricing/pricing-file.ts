import { parse as parseYaml } from 'yaml'
import { findModel, parseCatalog } from './catalog.js'
import type { Catalog, CatalogModel } from './types.js'

/**
 * Adds the models of a pricing file (the bundled catalog's JSON or YAML
 * shape) to a catalog. A model whose id or alias names a catalog model
 * replaces it whole; any other model is added.
 */
export function loadPricingFile(
  catalog: Catalog,
  text: string,
  file: string
): Catalog {
  let raw: unknown
  try {
    raw = parseYaml(text, { maxAliasCount: 100 })
  } catch (error) {
    throw new Error(
      `${file}: the pricing file is not valid JSON or YAML: ${error instanceof Error ? error.message : String(error)}`
    )
  }
  let extra: Catalog
  try {
    extra = parseCatalog(withDefaultAsOf(raw, catalog.asOf))
  } catch (error) {
    throw new Error(
      `${file}: the pricing file does not have the catalog's shape: ${error instanceof Error ? error.message : String(error)}`
    )
  }
  const replaced = new Set<CatalogModel>()
  for (const model of extra.models) {
    const existing = findModel(catalog, model.id)
    if (existing) replaced.add(existing)
  }
  return {
    asOf: catalog.asOf,
    models: [...extra.models, ...catalog.models.filter(m => !replaced.has(m))]
  }
}

function withDefaultAsOf(raw: unknown, asOf: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
  return 'as-of' in raw ? raw : { 'as-of': asOf, ...raw }
}
