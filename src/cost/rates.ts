import Fraction from 'fraction.js'
import { UNDATED_FROM } from '../pricing/catalog.js'
import type { PriceEntry } from '../pricing/types.js'
import { formatCount, formatRate } from './money.js'
import {
  ratesForInput,
  type PriceSegment,
  type Projection,
  type TierRates
} from './project.js'
import type { PricedModel } from './resolve.js'

/** The rates one model charges some workloads in some months, USD per 1M tokens. */
export interface RateRow {
  model: PricedModel
  /** ISO date from which the price entry applies; unset for undated prices. */
  from?: string
  /** First and last projected month, 1 to 12, priced with these rates. */
  firstMonth: number
  lastMonth: number
  /** The threshold, for the long-context rates charged above it. */
  longContext?: { threshold: number; inclusive: boolean }
  rates: TierRates
  batchDiscount?: Fraction
  /** Workloads charged these rates, in file order. */
  workloads: string[]
  /** Layers that set the rates: `catalog`, `usage file` or `pricing file <path>`, each with its rates when several do. */
  source: string
}

/** A price that changes within the 12 projected months. */
export interface PriceChange {
  /** Model id, with the long-context threshold for those rates. */
  label: string
  model: string
  /** ISO date from which the new price applies. */
  date: string
  /** Months priced with the new price. */
  firstMonth: number
  lastMonth: number
  before: TierRates
  after: TierRates
  /** The change in one sentence, for the report. */
  message: string
}

/**
 * Lists the rates that price a projection: one row per model, price entry
 * and tier (standard or long-context) that some workload is charged, with
 * the months and the workloads. Rows follow the first use of each model,
 * then the date of the entry, standard rates before long-context ones.
 */
export function listRatesUsed(projection: Projection): RateRow[] {
  const rows = new Map<string, RateRow>()
  const modelOrder = new Map<string, number>()
  for (const workload of projection.workloads) {
    const name = workload.workload.name
    const input = workload.workload.tokens.input
    for (const route of workload.routes) {
      if (!modelOrder.has(route.model.id)) {
        modelOrder.set(route.model.id, modelOrder.size)
      }
      for (const segment of route.segments) {
        const key = `${route.model.id}\n${segment.rates.from}\n${segment.longContext}`
        let row = rows.get(key)
        if (!row) {
          row = buildRow(route.model, segment, input)
          rows.set(key, row)
        }
        row.firstMonth = Math.min(row.firstMonth, segment.firstMonth)
        row.lastMonth = Math.max(row.lastMonth, segment.lastMonth)
        if (row.workloads.at(-1) !== name) row.workloads.push(name)
      }
    }
  }
  const order = (row: RateRow) => modelOrder.get(row.model.id) ?? 0
  return [...rows.values()].sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.from ?? '').localeCompare(b.from ?? '') ||
      Number(a.longContext !== undefined) - Number(b.longContext !== undefined)
  )
}

function buildRow(
  model: PricedModel,
  segment: PriceSegment,
  input: Fraction
): RateRow {
  const entry = segment.rates
  const tier = entry.longContext
  const row: RateRow = {
    model,
    firstMonth: segment.firstMonth,
    lastMonth: segment.lastMonth,
    rates: ratesForInput(entry, input),
    workloads: [],
    source: ''
  }
  row.source = describeSource(model, entry, row.rates)
  if (entry.from !== UNDATED_FROM) row.from = entry.from
  if (segment.longContext && tier) {
    row.longContext = { threshold: tier.threshold, inclusive: tier.inclusive }
  }
  if (entry.batchDiscount) row.batchDiscount = entry.batchDiscount
  return row
}

/** Rate fields of a row with their labels, in the order of the rates table. */
const SOURCE_FIELDS = [
  ['input', 'input'],
  ['cachedInput', 'cached input'],
  ['cacheWrite5m', '5m cache write'],
  ['cacheWrite1h', '1h cache write'],
  ['output', 'output']
] as const

type SourceField = (typeof SOURCE_FIELDS)[number][0]

/** Names of two layers that set rates; the third, `pricing file <path>`, names its file. */
const USAGE_FILE = 'usage file'
const CATALOG = 'catalog'

/**
 * Names the layers that set a row's rates: `models:` in the usage file,
 * the pricing file, the catalog. One layer is named alone; several are
 * each named with the rates they set, such as `usage file (output),
 * catalog (input, batch discount)`.
 */
function describeSource(
  model: PricedModel,
  entry: PriceEntry,
  rates: TierRates
): string {
  if (model.origin === 'custom') return USAGE_FILE
  const pricingFile = `pricing file ${entry.pricingFile ?? ''}`
  const fromPricingFile = new Set(entry.pricingFields ?? [])
  const layerOf = (field: SourceField | 'batchDiscount', tier: boolean) => {
    const override = model.override
    const overridden = !tier
      ? override?.[field]
      : field === 'batchDiscount'
        ? undefined
        : override?.longContext?.[field]
    if (overridden !== undefined) return USAGE_FILE
    const key = tier ? `longContext.${field}` : field
    return fromPricingFile.has(key) ? pricingFile : CATALOG
  }

  const labels = new Map<string, string[]>([
    [USAGE_FILE, []],
    [pricingFile, []],
    [CATALOG, []]
  ])
  const add = (layer: string, label: string) => {
    const list = labels.get(layer) ?? []
    if (!list.includes(label)) list.push(label)
  }
  const tier = entry.longContext
  for (const [field, label] of SOURCE_FIELDS) {
    if (rates[field] === undefined) continue
    if (!rates.longContext) {
      add(layerOf(field, false), label)
    } else if (tier?.[field] !== undefined) {
      add(layerOf(field, true), label)
    } else {
      // A write price that the tier lacks is the standard one scaled by
      // the tier's input price, so both layers set it.
      add(layerOf(field, false), label)
      add(layerOf('input', true), label)
    }
  }
  if (entry.batchDiscount)
    add(layerOf('batchDiscount', false), 'batch discount')

  const used = [...labels].filter(([, list]) => list.length > 0)
  if (used.length === 1) return used[0]?.[0] ?? CATALOG
  return used.map(([layer, list]) => `${layer} (${list.join(', ')})`).join(', ')
}

/** Returns the label of a row's rates: the model id, with the threshold of long-context rates. */
export function describeRateLabel(
  row: Pick<RateRow, 'model' | 'longContext'>
): string {
  const tier = row.longContext
  if (!tier) return row.model.id
  const tokens = formatCount(new Fraction(tier.threshold))
  return tier.inclusive
    ? `${row.model.id} from ${tokens} input tokens`
    : `${row.model.id} above ${tokens} input tokens`
}

/** Describes months of the projection: `month 1` or `months 2–12`. */
export function describeMonths(first: number, last: number): string {
  return first === last ? `month ${first}` : `months ${first}–${last}`
}

/**
 * Lists the prices that change within the projection: for each model and
 * tier, every price entry after the one in force in its first month, with
 * the months it prices. A change announced for next quarter then does not
 * reach the annual figure unannounced.
 */
export function listPriceChanges(rows: RateRow[]): PriceChange[] {
  const changes: PriceChange[] = []
  const previous = new Map<string, RateRow>()
  const byDate = [...rows].sort(
    (a, b) =>
      a.firstMonth - b.firstMonth || (a.from ?? '').localeCompare(b.from ?? '')
  )
  for (const row of byDate) {
    const label = describeRateLabel(row)
    const before = previous.get(label)
    previous.set(label, row)
    if (!before || !row.from || !pricesDiffer(before.rates, row.rates)) continue
    changes.push({
      label,
      model: row.model.id,
      date: row.from,
      firstMonth: row.firstMonth,
      lastMonth: row.lastMonth,
      before: before.rates,
      after: row.rates,
      message: describeChange(label, row.from, before, row)
    })
  }
  return changes
}

const RATE_FIELDS = [
  ['input', 'input'],
  ['output', 'output'],
  ['cachedInput', 'cached input'],
  ['cacheWrite5m', '5m cache write'],
  ['cacheWrite1h', '1h cache write']
] as const

function pricesDiffer(a: TierRates, b: TierRates): boolean {
  return RATE_FIELDS.some(([field]) => !sameRate(a[field], b[field]))
}

function sameRate(a: Fraction | undefined, b: Fraction | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.equals(b)
}

function describeChange(
  label: string,
  date: string,
  before: RateRow,
  after: RateRow
): string {
  const pair = (rates: TierRates) =>
    `${formatRate(rates.input)} / ${formatRate(rates.output)}`
  // Input and output are always named; other rates only when they change.
  const others = RATE_FIELDS.slice(2)
    .filter(([field]) => !sameRate(before.rates[field], after.rates[field]))
    .map(
      ([field, name]) =>
        `, ${name} ${formatOptionalRate(before.rates[field])} to ${formatOptionalRate(after.rates[field])}`
    )
    .join('')
  const months =
    after.firstMonth === after.lastMonth
      ? `month ${after.firstMonth}`
      : `months ${after.firstMonth} to ${after.lastMonth}`
  return `${label}: price changes to ${pair(after.rates)} per 1M on ${date} (from ${pair(before.rates)}${others}), which prices ${months}`
}

function formatOptionalRate(rate: Fraction | undefined): string {
  return rate === undefined ? 'none' : formatRate(rate)
}
