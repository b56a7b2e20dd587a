import Fraction from 'fraction.js'
import type { UsageConfig, Workload } from '../config/types.js'
import { priceOn } from '../pricing/catalog.js'
import type { Catalog, CatalogModel } from '../pricing/types.js'
import { ONE, ZERO, formatCount, formatUsd, isZero, sum } from './money.js'
import {
  projectCost,
  type Projection,
  type RouteProjection,
  type WorkloadProjection
} from './project.js'

/**
 * Ways to spend less that the report lists for information; they never
 * affect a gate. Each saving is month 1's expected cost now minus month 1's
 * cost with the change, computed exactly by the cost engine.
 */

export type SuggestionKind = 'model' | 'batch' | 'caching' | 'commitment'

export interface Suggestion {
  kind: SuggestionKind
  /** The workload the suggestion is about; unset for a provider-wide one. */
  workload?: string
  provider?: string
  /** The model in use and the one suggested, for `model`. */
  model?: { from: string; to: string }
  /** Monthly saving in USD: a range for `commitment`, equal bounds otherwise. */
  saving: { low: Fraction; high: Fraction }
  /** The suggestion in one plain sentence. */
  message: string
}

/** At most this many suggestions are returned, largest saving first. */
export const MAX_SUGGESTIONS = 10

/** Monthly spend with one provider above which committed-use discounts are mentioned, USD. */
export const COMMITMENT_SPEND = new Fraction(5000)

/**
 * The range of committed-use discounts mentioned. NOTE: this is an estimate
 * of what is commonly negotiated, not a published price.
 */
export const COMMITMENT_DISCOUNT: readonly [Fraction, Fraction] = [
  new Fraction(1, 5),
  new Fraction(2, 5)
]

/**
 * Input tokens per request from which prompt caching is suggested: the
 * minimum prompt length that OpenAI caches, per its prompt-caching guide.
 * NOTE: Anthropic's minimum is 512 to 4,096 tokens depending on the model,
 * so for some Claude models a suggested prompt may be too short to cache.
 */
export const CACHEABLE_INPUT_TOKENS = 1024

/**
 * Share of the input assumed to be a shared prefix read from the cache when
 * caching is suggested. NOTE: an assumption, because a usage file does not
 * say how much of a prompt repeats.
 */
export const ASSUMED_CACHED_SHARE = new Fraction(1, 2)

/**
 * Lists ways to spend less on one usage file: the cheapest catalog model of
 * the same family and capability, the batch API, prompt caching of a long
 * input, and committed-use discounts where one provider's spend passes
 * COMMITMENT_SPEND a month. Returns at most MAX_SUGGESTIONS, largest first.
 */
export function suggestSavings(
  config: UsageConfig,
  projection: Projection,
  catalog: Catalog,
  runDate: string
): Suggestion[] {
  const top = new TopSavings(MAX_SUGGESTIONS)
  for (const suggestion of suggestCommitments(config, projection)) {
    top.offer(suggestion)
  }
  const sibling = memoizeSibling(config, catalog, runDate)
  for (const workload of projection.workloads) {
    // No saving of a workload exceeds its cost, so a workload that costs
    // less than the smallest saving kept cannot add one.
    if (!top.admits(workload.monthly.expected)) continue
    for (const route of workload.routes) {
      if (!top.admits(route.monthly.expected)) continue
      const suggestion = suggestModel(workload.workload, route, sibling)
      if (suggestion) top.offer(suggestion)
    }
    const batch = suggestBatch(workload)
    if (batch) top.offer(batch)
    const caching = suggestCaching(workload)
    if (caching) top.offer(caching)
  }
  return top.take()
}

/** A suggestion whose message is written only if it is kept. */
interface Candidate extends Omit<Suggestion, 'message'> {
  describe: () => string
}

/**
 * Keeps the suggestions with the largest savings (the top of a range),
 * sorted largest first; of equal savings, the one offered first ranks first.
 */
class TopSavings {
  private readonly kept: Candidate[] = []

  constructor(private readonly capacity: number) {}

  /** Checks whether a saving as large as `bound` would be kept. */
  admits(bound: Fraction): boolean {
    const smallest = this.kept.at(-1)
    if (this.kept.length < this.capacity || !smallest) return true
    return bound.compare(smallest.saving.high) > 0
  }

  offer(candidate: Candidate): void {
    if (!this.admits(candidate.saving.high)) return
    let index = this.kept.length
    while (
      index > 0 &&
      candidate.saving.high.compare(
        (this.kept[index - 1] as Candidate).saving.high
      ) > 0
    ) {
      index--
    }
    this.kept.splice(index, 0, candidate)
    if (this.kept.length > this.capacity) this.kept.pop()
  }

  take(): Suggestion[] {
    return this.kept.map(({ describe, ...fields }) => ({
      ...fields,
      message: describe()
    }))
  }
}

// Model ------------------------------------------------------------------

/** The cheapest sibling of a model for one workload's settings, and its cost per billed request. */
interface Sibling {
  model: CatalogModel
  perRequest: Fraction
}

/**
 * Suggests the catalog model of the same family, provider and reasoning
 * mode that costs least for a route, when it costs less than the route's
 * model. A candidate must be active, hold the request in its context window,
 * and have a batch API when the workload uses one.
 */
function suggestModel(
  workload: Workload,
  route: RouteProjection,
  sibling: (workload: Workload, route: RouteProjection) => Sibling | undefined
): Candidate | undefined {
  const best = sibling(workload, route)
  if (!best) return undefined
  const cost = best.perRequest.mul(route.requests)
  const saving = route.monthly.expected.sub(cost)
  if (saving.compare(ZERO) <= 0) return undefined
  const current = route.model
  return {
    kind: 'model',
    workload: workload.name,
    provider: current.provider,
    model: { from: current.id, to: best.model.id },
    saving: { low: saving, high: saving },
    describe: () =>
      `Move workload "${workload.name}" from ${current.id} to ${best.model.id}, the cheapest catalog model of the same family and reasoning mode: ${formatUsd(cost)} a month instead of ${formatUsd(route.monthly.expected)}.`
  }
}

/**
 * Returns a function that finds the cheapest sibling of a route's model for
 * a workload's tokens, reasoning, cache and batch settings, pricing one
 * billed request in month 1 with the file's overrides and discounts. Results
 * are memoized by model and settings, which many workloads share.
 */
function memoizeSibling(
  config: UsageConfig,
  catalog: Catalog,
  runDate: string
): (workload: Workload, route: RouteProjection) => Sibling | undefined {
  const families = familyIndex(catalog)
  const cache = new Map<string, Sibling | undefined>()
  return (workload, route) => {
    const current = route.model
    const family = current.catalog?.family
    if (!family) return undefined
    const key = `${current.id}\n${settingsKey(workload)}`
    if (cache.has(key)) return cache.get(key)

    const requestTokens = workload.tokens.input.add(route.outputTokens.expected)
    const batched = workload.batch.compare(ZERO) > 0
    let best: Sibling | undefined
    for (const candidate of families.get(family) ?? []) {
      const eligible =
        candidate.id !== current.id &&
        candidate.provider === current.provider &&
        candidate.status === 'active' &&
        candidate.reasoning === current.reasoning &&
        (candidate.contextWindow === 0 ||
          requestTokens.compare(candidate.contextWindow) <= 0) &&
        (!batched || priceOn(candidate, runDate).batchDiscount !== undefined)
      if (!eligible) continue
      const perRequest = priceOneRequest(
        config,
        workload,
        candidate,
        catalog,
        runDate
      )
      if (!best || perRequest.compare(best.perRequest) < 0) {
        best = { model: candidate, perRequest }
      }
    }
    cache.set(key, best)
    return best
  }
}

const familyIndexes = new WeakMap<Catalog, Map<string, CatalogModel[]>>()

function familyIndex(catalog: Catalog): Map<string, CatalogModel[]> {
  let index = familyIndexes.get(catalog)
  if (!index) {
    index = new Map()
    for (const model of catalog.models) {
      if (!model.family) continue
      index.set(model.family, [...(index.get(model.family) ?? []), model])
    }
    familyIndexes.set(catalog, index)
  }
  return index
}

/** Identifies the settings that price one request of a workload on a given model. */
function settingsKey(workload: Workload): string {
  const text = (value: Fraction) => `${value.s * value.n}/${value.d}`
  const reasoning = workload.reasoning
  const reasoningText = !reasoning
    ? 'default'
    : reasoning.kind === 'none'
      ? 'none'
      : `${reasoning.kind}:${text(reasoning.value)}`
  const { tokens, cache } = workload
  return [
    text(tokens.input),
    text(tokens.output),
    reasoningText,
    text(cache.read),
    text(cache.write),
    cache.ttl,
    text(workload.batch)
  ].join(' ')
}

/** Prices one billed request of a workload on a model in month 1, after discounts. */
function priceOneRequest(
  config: UsageConfig,
  workload: Workload,
  model: CatalogModel,
  catalog: Catalog,
  runDate: string
): Fraction {
  const route = {
    model: model.id,
    share: ONE,
    path: workload.path,
    position: workload.position
  }
  const single: Workload = {
    ...workload,
    routes: [route],
    requests: { unit: 'per-month', value: ONE, growth: ZERO },
    retries: ZERO
  }
  // Lenient, so that a setting the candidate cannot take never stops the
  // report; candidates without a needed batch API are left out before this.
  const priced = projectCost(
    { ...config, workloads: [single] },
    catalog,
    runDate,
    {
      lenient: true
    }
  )
  return priced.monthly.expected
}

// Batch ------------------------------------------------------------------

/**
 * Suggests the batch API for a workload that sends nothing through it when
 * every route's model has one: each route then costs (1 − batch discount)
 * as much, so the saving is the sum of route cost × batch discount.
 */
function suggestBatch(projection: WorkloadProjection): Candidate | undefined {
  const { workload, routes } = projection
  if (workload.batch.compare(ZERO) > 0 || routes.length === 0) return undefined
  if (routes.some(route => !route.rates.batchDiscount)) return undefined
  const saving = sum(
    routes.map(route =>
      route.monthly.expected.mul(route.rates.batchDiscount ?? ZERO)
    )
  )
  if (saving.compare(ZERO) <= 0) return undefined
  return {
    kind: 'batch',
    workload: workload.name,
    saving: { low: saving, high: saving },
    describe: () =>
      `Send workload "${workload.name}" through the batch API if its responses can wait up to 24 hours. It sends none there now.`
  }
}

// Caching ----------------------------------------------------------------

/**
 * Suggests prompt caching for a workload that caches nothing and sends at
 * least CACHEABLE_INPUT_TOKENS input tokens a request, on models whose cached
 * input costs less than input. The saving assumes ASSUMED_CACHED_SHARE of
 * the input is read from the cache, at the rates the route pays (long-context
 * rates above the threshold), and leaves out the cost of cache writes.
 */
function suggestCaching(projection: WorkloadProjection): Candidate | undefined {
  const { workload, routes } = projection
  const { read, write } = workload.cache
  if (read.compare(ZERO) > 0 || write.compare(ZERO) > 0) return undefined
  if (workload.tokens.input.compare(CACHEABLE_INPUT_TOKENS) < 0)
    return undefined
  const saving = sum(routes.map(route => cachingSaving(route)))
  if (saving.compare(ZERO) <= 0) return undefined
  const share = ASSUMED_CACHED_SHARE.mul(100).toString()
  return {
    kind: 'caching',
    workload: workload.name,
    saving: { low: saving, high: saving },
    describe: () =>
      `Cache the prompt of workload "${workload.name}", which sends ${formatCount(workload.tokens.input)} input tokens a request uncached. The saving assumes that ${share}% of them are a shared prefix read from the cache, and leaves out the cost of cache writes.`
  }
}

function cachingSaving(route: RouteProjection): Fraction {
  const rates = route.rates
  const tier = route.longContext ? rates.longContext : undefined
  const input = tier ? tier.input : rates.input
  const cached = (tier ? tier.cachedInput : rates.cachedInput) ?? input
  if (input.equals(ZERO) || cached.compare(input) >= 0) return ZERO
  // parts.input is month 1's cost of uncached input with every discount
  // applied, so reading a share of it at the cached rate saves
  // parts.input × share × (1 − cached / input).
  return route.parts.input
    .mul(ASSUMED_CACHED_SHARE)
    .mul(ONE.sub(cached.div(input)))
}

// Commitment -------------------------------------------------------------

/**
 * Mentions committed-use discounts for each provider whose projected month-1
 * spend passes COMMITMENT_SPEND and that no `discounts:` entry covers yet.
 */
function suggestCommitments(
  config: UsageConfig,
  projection: Projection
): Candidate[] {
  // Each provider's route costs are added once, by sum(), which adds costs
  // of one denominator as BigInts instead of one Fraction at a time.
  const costs = new Map<string, Fraction[]>()
  const discounted = new Set<string>()
  for (const workload of projection.workloads) {
    for (const route of workload.routes) {
      const provider = route.model.provider
      let list = costs.get(provider)
      if (!list) {
        list = []
        costs.set(provider, list)
      }
      list.push(route.monthly.expected)
      if (!isZero(route.discount)) discounted.add(provider)
    }
  }
  const spend = new Map(
    [...costs].map(([provider, list]) => [provider, sum(list)] as const)
  )
  const named = new Set(
    config.discounts.flatMap(d =>
      d.provider ? [d.provider.trim().toLowerCase()] : []
    )
  )
  const suggestions: Candidate[] = []
  for (const [provider, monthly] of spend) {
    if (monthly.compare(COMMITMENT_SPEND) <= 0) continue
    if (discounted.has(provider) || named.has(provider.toLowerCase())) continue
    const [lowShare, highShare] = COMMITMENT_DISCOUNT
    const low = monthly.mul(lowShare)
    const high = monthly.mul(highShare)
    suggestions.push({
      kind: 'commitment',
      provider,
      saving: { low, high },
      describe: () =>
        `Negotiate a committed-use discount with ${provider}: the projected spend is ${formatUsd(monthly)} a month, and discounts of ${lowShare.mul(100).toString()}-${highShare.mul(100).toString()}% are commonly negotiated at this level. Record it under discounts: once agreed.`
    })
  }
  return suggestions
}
