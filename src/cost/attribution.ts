import Fraction from 'fraction.js'
import { findModel } from '../pricing/catalog.js'
import type { Catalog } from '../pricing/types.js'
import type { UsageConfig, Workload } from '../config/types.js'
import type { CostDiff, WorkloadDiff } from './diff.js'
import { ZERO, sameValue, sum } from './money.js'
import {
  projectCost,
  type PriceSegment,
  type WorkloadProjection
} from './project.js'

/**
 * The causes a workload's change is split into, in the order in which they
 * switch from the base to the head:
 * - price: the file's `models:` prices and the pricing file's (each side
 *   has its own version of both, but the bundled catalog is the same for
 *   base and head, so a catalog change never shows);
 * - model: the model or the route mix;
 * - tokens: tokens per request, the profile and the reasoning setting;
 * - volume: requests, growth and retries;
 * - discounts: batch share, prompt caching and the `discounts:` list.
 */
export const ATTRIBUTION_FACTORS = [
  'price',
  'model',
  'tokens',
  'volume',
  'discounts'
] as const

export type AttributionFactor = (typeof ATTRIBUTION_FACTORS)[number]

/** A change in USD split by cause; the parts add up exactly to the change. */
export type AttributionParts = Record<AttributionFactor, Fraction>

/** The monthly and annual change of one workload, split by cause. */
export interface WorkloadAttribution {
  name: string
  status: WorkloadDiff['status']
  monthly: AttributionParts
  annual: AttributionParts
}

/** The change of one usage file, split by cause, per workload and in total. */
export interface Attribution {
  /** Workloads whose change has a non-zero part, in the order of the diff. */
  workloads: WorkloadAttribution[]
  monthly: AttributionParts
  annual: AttributionParts
}

type Side = 'base' | 'head'

/**
 * Splits each workload's change into price, model, tokens, volume and
 * discount parts. Starting from the base, the factors switch to their head
 * values one at a time in the order of ATTRIBUTION_FACTORS. Each part is the
 * change in cost that one switch makes, so the parts add up exactly to the
 * change. An added or removed workload counts wholly as volume, because
 * its requests go from or to zero.
 */
export function attributeChange(
  base: UsageConfig | undefined,
  head: UsageConfig,
  diff: CostDiff,
  catalogs: Record<Side, Catalog>,
  runDate: string
): Attribution {
  const fileFactorsChanged =
    base === undefined ||
    catalogs.base !== catalogs.head ||
    settingsKey([base.models, base.discounts]) !==
      settingsKey([head.models, head.discounts])
  const baseByName = new Map(base?.workloads.map(w => [w.name, w]))
  const headByName = new Map(head.workloads.map(w => [w.name, w]))

  const results = new Map<WorkloadDiff, WorkloadAttribution>()
  const pending: PendingRow[] = []
  for (const row of diff.workloads) {
    if (row.status === 'added' || row.status === 'removed') {
      results.set(row, wholePart(row, 'volume'))
      continue
    }
    const baseWorkload = baseByName.get(row.name)
    const headWorkload = headByName.get(row.name)
    if (!baseWorkload || !headWorkload) continue
    const changed = changedFactors(baseWorkload, headWorkload)
    if (!fileFactorsChanged && changed.length <= 1) {
      // When one factor's settings changed, the mixes before its switch
      // price the base and those after it the head, so that factor is the
      // whole change. A workload without a changed factor has no parts.
      const attribution = changed[0] && wholePart(row, changed[0])
      if (attribution && hasParts(attribution)) results.set(row, attribution)
      continue
    }
    // An unchanged workload with the same settings on both sides has no
    // parts unless the file-level factors changed its prices or discount.
    // Then, as when its settings changed, its parts may cancel out.
    const skip =
      row.status === 'unchanged' &&
      changed.length === 0 &&
      pricedAlike(row.base, row.head)
    if (skip) continue
    pending.push({ row, base: baseWorkload, head: headWorkload })
  }

  if (base && pending.length > 0) {
    const costs = priceSwitches(pending, { base, head }, catalogs, runDate)
    pending.forEach((entry, index) => {
      const attribution = {
        name: entry.row.name,
        status: entry.row.status,
        monthly: differences(costs.monthly[index] ?? []),
        annual: differences(costs.annual[index] ?? [])
      }
      if (hasParts(attribution)) results.set(entry.row, attribution)
    })
  }

  const workloads = diff.workloads.flatMap(row => {
    const attribution = results.get(row)
    return attribution ? [attribution] : []
  })
  return {
    workloads,
    monthly: sumParts(workloads.map(w => w.monthly)),
    annual: sumParts(workloads.map(w => w.annual))
  }
}

/** A workload on both sides whose change is split by pricing the mixes. */
interface PendingRow {
  row: WorkloadDiff
  base: Workload
  head: Workload
}

/** Attributes a workload's whole change to one factor. */
function wholePart(
  row: WorkloadDiff,
  factor: AttributionFactor
): WorkloadAttribution {
  return {
    name: row.name,
    status: row.status,
    monthly: { ...noParts(), [factor]: row.monthly.delta },
    annual: { ...noParts(), [factor]: row.annual.delta }
  }
}

/**
 * Returns, for each pending workload, its monthly and annual cost after
 * each switch: the base, the four mixes and the head. Each mix is priced
 * as one usage file that holds every pending workload, as file-level
 * factors (`models:`, `discounts:`) switch for all of them at once.
 */
function priceSwitches(
  pending: PendingRow[],
  files: Record<Side, UsageConfig>,
  catalogs: Record<Side, Catalog>,
  runDate: string
): { monthly: Fraction[][]; annual: Fraction[][] } {
  const mixedCatalogs = {
    base: borrowModels(catalogs.base, catalogs.head),
    head: borrowModels(catalogs.head, catalogs.base)
  }
  const monthly = pending.map(entry => [entry.row.monthly.base])
  const annual = pending.map(entry => [entry.row.annual.base])
  const choice: Record<AttributionFactor, Side> = {
    price: 'base',
    model: 'base',
    tokens: 'base',
    volume: 'base',
    discounts: 'base'
  }
  // Switch all but the last factor and price each mix; the last switch
  // reaches the head, whose figures the diff already has.
  for (const factor of ATTRIBUTION_FACTORS.slice(0, -1)) {
    choice[factor] = 'head'
    const catalog = mixedCatalogs[choice.price]
    const mixed = mixConfig(pending, files, choice, catalog)
    const projection = projectCost(mixed, catalog, runDate, { lenient: true })
    projection.workloads.forEach((workload, index) => {
      monthly[index]?.push(workload.monthly.expected)
      annual[index]?.push(workload.annual.expected)
    })
  }
  pending.forEach((entry, index) => {
    monthly[index]?.push(entry.row.monthly.head)
    annual[index]?.push(entry.row.annual.head)
  })
  return { monthly, annual }
}

/**
 * Returns a catalog with the models of `other` that `own` lacks, so that a
 * mix priced with one side's prices can price a model that only the other
 * side's pricing file adds. Returns `own` itself when nothing is missing.
 */
function borrowModels(own: Catalog, other: Catalog): Catalog {
  if (own === other) return own
  const missing = other.models.filter(model => !findModel(own, model.id))
  if (missing.length === 0) return own
  return { asOf: own.asOf, models: [...own.models, ...missing] }
}

function hasParts(attribution: WorkloadAttribution): boolean {
  return ATTRIBUTION_FACTORS.some(
    factor =>
      !attribution.monthly[factor].equals(ZERO) ||
      !attribution.annual[factor].equals(ZERO)
  )
}

/** Turns the costs after each switch into the part each switch adds. */
function differences(costs: Fraction[]): AttributionParts {
  const parts = noParts()
  ATTRIBUTION_FACTORS.forEach((factor, index) => {
    const before = costs[index] ?? ZERO
    const after = costs[index + 1] ?? ZERO
    parts[factor] = after.sub(before)
  })
  return parts
}

/**
 * Builds a usage file of the pending workloads whose factors come from base
 * or head as chosen. The prices are the chosen side's `models:`, plus the
 * other side's entries for models outside the catalog that the chosen side
 * does not define, so that every model of the mix can be priced.
 */
function mixConfig(
  pending: PendingRow[],
  files: Record<Side, UsageConfig>,
  choice: Record<AttributionFactor, Side>,
  catalog: Catalog
): UsageConfig {
  const priceSide = files[choice.price]
  const otherSide = choice.price === 'base' ? files.head : files.base
  const own = new Set(priceSide.models.map(m => normalizeName(m.name)))
  const borrowed = otherSide.models.filter(
    m => !own.has(normalizeName(m.name)) && !findModel(catalog, m.name)
  )
  const workloads = pending.map(entry => {
    const from = (factor: AttributionFactor): Workload => entry[choice[factor]]
    const tokens = from('tokens')
    const volume = from('volume')
    const discounts = from('discounts')
    return {
      ...entry.head,
      routes: from('model').routes,
      tokens: tokens.tokens,
      profile: tokens.profile,
      reasoning: tokens.reasoning,
      requests: volume.requests,
      retries: volume.retries,
      cache: discounts.cache,
      batch: discounts.batch
    }
  })
  return {
    ...files.head,
    models: [...priceSide.models, ...borrowed],
    workloads,
    discounts: files[choice.discounts].discounts
  }
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase()
}

function noParts(): AttributionParts {
  return {
    price: ZERO,
    model: ZERO,
    tokens: ZERO,
    volume: ZERO,
    discounts: ZERO
  }
}

function sumParts(list: AttributionParts[]): AttributionParts {
  const total = noParts()
  for (const factor of ATTRIBUTION_FACTORS) {
    total[factor] = sum(list.map(parts => parts[factor]))
  }
  return total
}

/**
 * Serializes settings for comparison: fractions as exact `n/d` text, and
 * without the `path` and `…position` fields that locate them in the file.
 */
function settingsKey(value: unknown): string {
  return JSON.stringify(value, (key, field: unknown) => {
    if (key === 'path' || /^position$|Position$/.test(key)) return undefined
    return field instanceof Fraction ? field.toFraction() : field
  })
}

/**
 * Lists the factors whose settings differ between the base and head
 * versions of a workload, in the order of ATTRIBUTION_FACTORS. The price
 * factor has no settings in a workload, so it is never listed.
 */
function changedFactors(a: Workload, b: Workload): AttributionFactor[] {
  const changed: AttributionFactor[] = []
  const sameRoutes =
    a.routes.length === b.routes.length &&
    a.routes.every((route, index) => {
      const other = b.routes[index]
      return (
        other !== undefined &&
        route.model === other.model &&
        sameValue(route.share, other.share)
      )
    })
  if (!sameRoutes) changed.push('model')
  const sameTokens =
    sameValue(a.tokens.input, b.tokens.input) &&
    sameValue(a.tokens.output, b.tokens.output) &&
    sameReasoning(a.reasoning, b.reasoning)
  if (!sameTokens) changed.push('tokens')
  const sameVolume =
    a.requests.unit === b.requests.unit &&
    sameValue(a.requests.value, b.requests.value) &&
    sameValue(a.requests.growth, b.requests.growth) &&
    sameValue(a.retries, b.retries)
  if (!sameVolume) changed.push('volume')
  const sameDiscounts =
    sameValue(a.cache.read, b.cache.read) &&
    sameValue(a.cache.write, b.cache.write) &&
    a.cache.ttl === b.cache.ttl &&
    sameValue(a.batch, b.batch)
  if (!sameDiscounts) changed.push('discounts')
  return changed
}

/**
 * Checks whether each route of a workload is priced alike on both sides:
 * the same model, provider and reasoning mode, discount and price entries.
 * Then every mix of the two sides prices it alike, whatever the file-level
 * factors, and its parts are all 0.
 */
function pricedAlike(
  base: WorkloadProjection | undefined,
  head: WorkloadProjection | undefined
): boolean {
  if (!base || !head || base.routes.length !== head.routes.length) return false
  return base.routes.every((route, index) => {
    const other = head.routes[index]
    return (
      other !== undefined &&
      route.model.id === other.model.id &&
      route.model.provider === other.model.provider &&
      route.model.reasoning === other.model.reasoning &&
      route.discount.equals(other.discount) &&
      sameSegments(route.segments, other.segments)
    )
  })
}

function sameSegments(a: PriceSegment[], b: PriceSegment[]): boolean {
  return (
    a.length === b.length &&
    a.every((segment, index) => {
      const other = b[index]
      return (
        other !== undefined &&
        segment.firstMonth === other.firstMonth &&
        segment.lastMonth === other.lastMonth &&
        (segment.rates === other.rates ||
          settingsKey(segment.rates) === settingsKey(other.rates))
      )
    })
  )
}

function sameReasoning(
  a: Workload['reasoning'],
  b: Workload['reasoning']
): boolean {
  if (a === undefined || b === undefined) return a === b
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind
  const [aLow, aHigh] = a.range ?? []
  const [bLow, bHigh] = b.range ?? []
  return (
    a.kind === b.kind &&
    sameValue(a.value, b.value) &&
    sameOptional(aLow, bLow) &&
    sameOptional(aHigh, bHigh)
  )
}

function sameOptional(a: Fraction | undefined, b: Fraction | undefined) {
  return a === undefined || b === undefined ? a === b : sameValue(a, b)
}
