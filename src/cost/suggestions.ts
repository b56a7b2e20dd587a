import Fraction from 'fraction.js'
import type { UsageConfig, Workload } from '../config/types.js'
import { priceOn } from '../pricing/catalog.js'
import type { Catalog, CatalogModel } from '../pricing/types.js'
import { ONE, ZERO, formatCount, formatUsd, sum } from './money.js'
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
  const suggestions = [
    ...suggestModels(config, projection, catalog, runDate),
    ...projection.workloads.flatMap(w => suggestBatch(w)),
    ...projection.workloads.flatMap(w => suggestCaching(w)),
    ...suggestCommitments(config, projection)
  ]
  return suggestions
    .sort((a, b) => b.saving.high.compare(a.saving.high))
    .slice(0, MAX_SUGGESTIONS)
}

// Model ------------------------------------------------------------------

/**
 * Suggests, for each route on a catalog model with a family, the catalog
 * model of the same family, provider and reasoning mode that costs least
 * for that route, when it costs less. A candidate must be active, hold the
 * request in its context window, and have a batch API when the workload
 * uses one.
 */
function suggestModels(
  config: UsageConfig,
  projection: Projection,
  catalog: Catalog,
  runDate: string
): Suggestion[] {
  const perRequest = memoizePerRequest(config, catalog, runDate)
  const routes = projection.workloads
    .flatMap(w => w.routes.map(route => ({ workload: w.workload, route })))
    .filter(({ route }) => route.monthly.expected.compare(ZERO) > 0)
    .sort((a, b) => b.route.monthly.expected.compare(a.route.monthly.expected))

  const found: Suggestion[] = []
  for (const { workload, route } of routes) {
    // A saving is at most the route's cost, so once the list is full, a
    // route that costs less than its smallest saving cannot enter it.
    const smallest = found.length >= MAX_SUGGESTIONS ? found.at(-1) : undefined
    if (smallest && route.monthly.expected.compare(smallest.saving.low) <= 0) {
      break
    }
    const suggestion = cheapestSibling(
      workload,
      route,
      catalog,
      perRequest,
      runDate
    )
    if (!suggestion) continue
    found.push(suggestion)
    found.sort((a, b) => b.saving.low.compare(a.saving.low))
    if (found.length > MAX_SUGGESTIONS) found.pop()
  }
  return found
}

function cheapestSibling(
  workload: Workload,
  route: RouteProjection,
  catalog: Catalog,
  perRequest: (workload: Workload, model: CatalogModel) => Fraction,
  runDate: string
): Suggestion | undefined {
  const current = route.model
  const family = current.catalog?.family
  if (!family) return undefined
  const requestTokens = workload.tokens.input.add(route.outputTokens.expected)
  const batched = workload.batch.compare(ZERO) > 0

  let best: { model: CatalogModel; cost: Fraction } | undefined
  for (const candidate of catalog.models) {
    const eligible =
      candidate.family === family &&
      candidate.id !== current.id &&
      candidate.provider === current.provider &&
      candidate.status === 'active' &&
      candidate.reasoning === current.reasoning &&
      (candidate.contextWindow === 0 ||
        requestTokens.compare(candidate.contextWindow) <= 0) &&
      (!batched || priceOn(candidate, runDate).batchDiscount !== undefined)
    if (!eligible) continue
    const cost = perRequest(workload, candidate).mul(route.requests)
    if (!best || cost.compare(best.cost) < 0) best = { model: candidate, cost }
  }
  if (!best) return undefined
  const saving = route.monthly.expected.sub(best.cost)
  if (saving.compare(ZERO) <= 0) return undefined
  return {
    kind: 'model',
    workload: workload.name,
    provider: current.provider,
    model: { from: current.id, to: best.model.id },
    saving: { low: saving, high: saving },
    message: `Move workload "${workload.name}" from ${current.id} to ${best.model.id}, the cheapest catalog model of the same family and reasoning mode: ${formatUsd(best.cost)} a month instead of ${formatUsd(route.monthly.expected)}.`
  }
}

/**
 * Returns a function that prices one billed request of a workload on a
 * model in month 1, with the workload's tokens, reasoning, cache, batch
 * share and discounts. Results are memoized, as many workloads share them.
 */
function memoizePerRequest(
  config: UsageConfig,
  catalog: Catalog,
  runDate: string
): (workload: Workload, model: CatalogModel) => Fraction {
  const cache = new Map<string, Fraction>()
  return (workload, model) => {
    const key = JSON.stringify([
      model.id,
      workload.tokens.input.toFraction(),
      workload.tokens.output.toFraction(),
      reasoningKey(workload),
      workload.cache.read.toFraction(),
      workload.cache.write.toFraction(),
      workload.cache.ttl,
      workload.batch.toFraction()
    ])
    let cost = cache.get(key)
    if (!cost) {
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
      // Lenient, so that a setting the candidate cannot take never stops
      // the report; candidates without a needed batch API are left out
      // before this.
      const priced = projectCost(
        { ...config, workloads: [single] },
        catalog,
        runDate,
        { lenient: true }
      )
      cost = priced.monthly.expected
      cache.set(key, cost)
    }
    return cost
  }
}

function reasoningKey(workload: Workload): string {
  const reasoning = workload.reasoning
  if (!reasoning) return 'default'
  if (reasoning.kind === 'none') return 'none'
  return `${reasoning.kind}:${reasoning.value.toFraction()}`
}

// Batch ------------------------------------------------------------------

/**
 * Suggests the batch API for a workload that sends nothing through it when
 * every route's model has one: each route then costs (1 − batch discount)
 * as much, so the saving is the sum of route cost × batch discount.
 */
function suggestBatch(projection: WorkloadProjection): Suggestion[] {
  const { workload, routes } = projection
  if (workload.batch.compare(ZERO) > 0 || routes.length === 0) return []
  if (routes.some(route => !route.rates.batchDiscount)) return []
  const saving = sum(
    routes.map(route =>
      route.monthly.expected.mul(route.rates.batchDiscount ?? ZERO)
    )
  )
  if (saving.compare(ZERO) <= 0) return []
  return [
    {
      kind: 'batch',
      workload: workload.name,
      saving: { low: saving, high: saving },
      message: `Send workload "${workload.name}" through the batch API if its responses can wait up to 24 hours. It sends none there now.`
    }
  ]
}

// Caching ----------------------------------------------------------------

/**
 * Suggests prompt caching for a workload that caches nothing and sends at
 * least CACHEABLE_INPUT_TOKENS input tokens a request, on models whose cached
 * input costs less than input. The saving assumes ASSUMED_CACHED_SHARE of
 * the input is read from the cache, at the rates the route pays (long-context
 * rates above the threshold), and leaves out the cost of cache writes.
 */
function suggestCaching(projection: WorkloadProjection): Suggestion[] {
  const { workload, routes } = projection
  const { read, write } = workload.cache
  if (read.compare(ZERO) > 0 || write.compare(ZERO) > 0) return []
  if (workload.tokens.input.compare(CACHEABLE_INPUT_TOKENS) < 0) return []
  const saving = sum(routes.map(route => cachingSaving(route)))
  if (saving.compare(ZERO) <= 0) return []
  const share = ASSUMED_CACHED_SHARE.mul(100).toString()
  return [
    {
      kind: 'caching',
      workload: workload.name,
      saving: { low: saving, high: saving },
      message: `Cache the prompt of workload "${workload.name}", which sends ${formatCount(workload.tokens.input)} input tokens a request uncached. The saving assumes that ${share}% of them are a shared prefix read from the cache, and leaves out the cost of cache writes.`
    }
  ]
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
): Suggestion[] {
  const spend = new Map<string, Fraction>()
  const discounted = new Set<string>()
  for (const workload of projection.workloads) {
    for (const route of workload.routes) {
      const provider = route.model.provider
      spend.set(
        provider,
        (spend.get(provider) ?? ZERO).add(route.monthly.expected)
      )
      if (!route.discount.equals(ZERO)) discounted.add(provider)
    }
  }
  const named = new Set(
    config.discounts.flatMap(d =>
      d.provider ? [d.provider.trim().toLowerCase()] : []
    )
  )
  const suggestions: Suggestion[] = []
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
      message: `Negotiate a committed-use discount with ${provider}: the projected spend is ${formatUsd(monthly)} a month, and discounts of ${lowShare.mul(100).toString()}-${highShare.mul(100).toString()}% are commonly negotiated at this level. Record it under discounts: once agreed.`
    })
  }
  return suggestions
}
