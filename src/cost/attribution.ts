import Fraction from 'fraction.js'
import { findModel } from '../pricing/catalog.js'
import type { Catalog } from '../pricing/types.js'
import type { UsageConfig, Workload } from '../config/types.js'
import type { CostDiff, WorkloadDiff } from './diff.js'
import { ZERO } from './money.js'
import { projectCost } from './project.js'

/**
 * The causes a workload's change is split into, in the order in which they
 * switch from the base to the head:
 * - price: the file's `models:` prices (the bundled catalog and the pricing
 *   file are the same for base and head, so a catalog change never shows);
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
  catalog: Catalog,
  runDate: string
): Attribution {
  const workloads: WorkloadAttribution[] = []
  const fileFactorsChanged =
    base === undefined ||
    settingsKey([base.models, base.discounts]) !==
      settingsKey([head.models, head.discounts])

  for (const row of diff.workloads) {
    const attribution = attributeRow(row, base, head, fileFactorsChanged, {
      catalog,
      runDate
    })
    if (attribution) workloads.push(attribution)
  }
  return {
    workloads,
    monthly: sumParts(workloads.map(w => w.monthly)),
    annual: sumParts(workloads.map(w => w.annual))
  }
}

interface PricingContext {
  catalog: Catalog
  runDate: string
}

function attributeRow(
  row: WorkloadDiff,
  base: UsageConfig | undefined,
  head: UsageConfig,
  fileFactorsChanged: boolean,
  context: PricingContext
): WorkloadAttribution | undefined {
  const { name, status } = row
  if (status === 'added' || status === 'removed') {
    return {
      name,
      status,
      monthly: { ...noParts(), volume: row.monthly.delta },
      annual: { ...noParts(), volume: row.annual.delta }
    }
  }
  const baseWorkload = base?.workloads.find(w => w.name === name)
  const headWorkload = head.workloads.find(w => w.name === name)
  if (!base || !baseWorkload || !headWorkload) return undefined
  // An unchanged workload with the same settings on both sides has no
  // parts. One whose settings changed may still have parts that cancel out.
  const settingsEqual =
    !fileFactorsChanged && sameWorkload(baseWorkload, headWorkload)
  if (status === 'unchanged' && settingsEqual) return undefined

  const sides = {
    base: { config: base, workload: baseWorkload },
    head: { config: head, workload: headWorkload }
  }
  const monthly: Fraction[] = [row.monthly.base]
  const annual: Fraction[] = [row.annual.base]
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
    const mixed = mixConfig(sides, choice, context.catalog)
    const projection = projectCost(mixed, context.catalog, context.runDate, {
      lenient: true
    })
    const workload = projection.workloads[0]
    monthly.push(workload?.monthly.expected ?? ZERO)
    annual.push(workload?.annual.expected ?? ZERO)
  }
  monthly.push(row.monthly.head)
  annual.push(row.annual.head)

  const attribution = {
    name,
    status,
    monthly: differences(monthly),
    annual: differences(annual)
  }
  const moved = ATTRIBUTION_FACTORS.some(
    factor =>
      !attribution.monthly[factor].equals(ZERO) ||
      !attribution.annual[factor].equals(ZERO)
  )
  return moved ? attribution : undefined
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

interface SideConfig {
  config: UsageConfig
  workload: Workload
}

/**
 * Builds a one-workload usage file whose factors come from base or head as
 * chosen. The prices are the chosen side's `models:`, plus the other side's
 * entries for models outside the catalog that the chosen side does not
 * define, so that every model of the mix can be priced.
 */
function mixConfig(
  sides: Record<Side, SideConfig>,
  choice: Record<AttributionFactor, Side>,
  catalog: Catalog
): UsageConfig {
  const from = (factor: AttributionFactor): SideConfig => sides[choice[factor]]
  const priceSide = from('price').config
  const otherSide =
    choice.price === 'base' ? sides.head.config : sides.base.config
  const own = new Set(priceSide.models.map(m => normalizeName(m.name)))
  const borrowed = otherSide.models.filter(
    m => !own.has(normalizeName(m.name)) && !findModel(catalog, m.name)
  )
  const tokens = from('tokens').workload
  const volume = from('volume').workload
  const discounts = from('discounts')
  const workload: Workload = {
    ...sides.head.workload,
    routes: from('model').workload.routes,
    tokens: tokens.tokens,
    profile: tokens.profile,
    reasoning: tokens.reasoning,
    requests: volume.requests,
    retries: volume.retries,
    cache: discounts.workload.cache,
    batch: discounts.workload.batch
  }
  return {
    ...sides.head.config,
    models: [...priceSide.models, ...borrowed],
    workloads: [workload],
    discounts: discounts.config.discounts
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
  for (const parts of list) {
    for (const factor of ATTRIBUTION_FACTORS) {
      total[factor] = total[factor].add(parts[factor])
    }
  }
  return total
}

/**
 * Serializes settings for comparison: fractions as exact `n/d` text, and
 * without the `path` and `position` fields that locate them in the file.
 */
function settingsKey(value: unknown): string {
  return JSON.stringify(value, (key, field: unknown) => {
    if (key === 'path' || key === 'position') return undefined
    return field instanceof Fraction ? field.toFraction() : field
  })
}

/** Compares the settings of a workload that attribution switches. */
function sameWorkload(a: Workload, b: Workload): boolean {
  const key = (w: Workload) =>
    settingsKey([
      w.routes.map(r => [r.model, r.share]),
      w.tokens,
      w.reasoning,
      w.requests,
      w.retries,
      w.cache,
      w.batch
    ])
  return key(a) === key(b)
}
