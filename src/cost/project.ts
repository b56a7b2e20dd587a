import Fraction from 'fraction.js'
import type {
  ConfigIssue,
  Discount,
  ReasoningSetting,
  Route,
  UsageConfig,
  Workload
} from '../config/types.js'
import { formatDecimal } from '../config/numbers.js'
import { rankByDistance } from '../config/suggest.js'
import { UsageFileError } from '../config/types.js'
import type {
  Catalog,
  LongContextPrices,
  PriceEntry
} from '../pricing/types.js'
import {
  ZERO,
  add,
  complement,
  formatCount,
  isPositive,
  isZero,
  multiply,
  sum
} from './money.js'
import {
  RATIO_ONE,
  RATIO_ZERO,
  minusRatio,
  plusRatio,
  ratioOf,
  timesRatio,
  toFraction,
  type Ratio
} from './ratio.js'
import { describeContextOverflow } from './context-window.js'
import { ModelResolver, pricesOn, type PricedModel } from './resolve.js'

/** A figure with its low and high bounds; all three are equal where no range applies. */
export interface Range {
  expected: Fraction
  low: Fraction
  high: Fraction
}

/** Where month 1's expected cost of a route goes, in USD, after discounts. */
export interface CostParts {
  input: Fraction
  cachedInput: Fraction
  cacheWrite: Fraction
  output: Fraction
  reasoning: Fraction
}

/** Consecutive months of a route priced with one price entry. */
export interface PriceSegment {
  /** The entry, with the file's overrides applied. */
  rates: PriceEntry
  /** First and last month, 1 to 12, priced with the entry. */
  firstMonth: number
  lastMonth: number
  /** Whether the request's input passes the entry's long-context threshold. */
  longContext: boolean
}

export interface RouteProjection {
  route: Route
  model: PricedModel
  /** Prices in force in month 1, USD per 1M tokens. */
  rates: PriceEntry
  /** Whether month 1 is priced at the long-context rates. */
  longContext: boolean
  /** The price entries of the 12 months, in order. */
  segments: PriceSegment[]
  /** The reasoning that bills this route: the workload's, or the model's default. */
  reasoning: ReasoningSetting
  /** Billed output tokens per request (visible plus reasoning). */
  outputTokens: Range
  /** Requests billed in month 1, retries included. */
  requests: Fraction
  discount: Fraction
  batchDiscount: Fraction
  /** Cost of each of the 12 projected months. */
  months: Range[]
  monthly: Range
  annual: Range
  peak: Range
  parts: CostParts
}

export interface WorkloadProjection {
  workload: Workload
  routes: RouteProjection[]
  months: Range[]
  monthly: Range
  annual: Range
  peak: Range
  parts: CostParts
}

/** The projected cost of one usage file. */
export interface Projection {
  file: string
  workloads: WorkloadProjection[]
  months: Range[]
  monthly: Range
  annual: Range
  peak: Range
  /** Every model that priced a route, for the table of rates used. */
  models: Map<string, { model: PricedModel; rates: PriceEntry }>
  warnings: ConfigIssue[]
}

/** Requests a month per request a day: 365 / 12 days in an average month. */
const DAYS_PER_MONTH: Ratio = { n: 365n, d: 12n }
/** Requests a month per request a year. */
const YEARS_PER_MONTH: Ratio = { n: 1n, d: 12n }
const PER_MILLION_TOKENS = new Fraction(1, 1_000_000)
const PROJECTED_MONTHS = 12
/** Providers named in an unknown-provider error, closest first. */
const MAX_LISTED_PROVIDERS = 10

// Reasoning models bill hidden thinking tokens as output; the billed output
// is commonly 3 to 10 times the visible output, so ×5 is the default.
const DEFAULT_REASONING: ReasoningSetting = {
  kind: 'multiplier',
  value: new Fraction(5),
  range: [new Fraction(3), new Fraction(10)]
}

/**
 * Returns the ISO date on which each projected month starts: month 1 starts
 * on the run date, month k on the first day of the (k-1)th calendar month
 * after it. Each month is priced with the catalog entry in force that day.
 */
export function projectionMonths(runDate: string): string[] {
  const [year = 0, month = 1] = runDate.split('-').map(Number)
  const starts = [runDate]
  for (let k = 1; k < PROJECTED_MONTHS; k++) {
    const index = month - 1 + k
    const y = year + Math.floor(index / 12)
    const m = (index % 12) + 1
    starts.push(`${y}-${String(m).padStart(2, '0')}-01`)
  }
  return starts
}

/** Returns a workload's requests per month in month 1, before retries. */
export function monthlyRequests(workload: Workload): Fraction {
  const { unit, value } = workload.requests
  return unit === 'per-month'
    ? value
    : toFraction(monthlyRequestsRatio(workload))
}

/** Returns monthlyRequests() as a Ratio, not reduced. */
function monthlyRequestsRatio(workload: Workload): Ratio {
  const { unit, value } = workload.requests
  const ratio = ratioOf(value)
  if (unit === 'per-month') return ratio
  return timesRatio(
    ratio,
    unit === 'per-year' ? YEARS_PER_MONTH : DAYS_PER_MONTH
  )
}

/** Options of projectCost. */
export interface ProjectOptions {
  /**
   * Prices settings that are errors in a usage file as far as they can be
   * priced: a batch share on a model without a batch API at full price, and
   * a discount for an unknown provider as no discount. Attribution uses it
   * for the mixes of a base and a head file that it prices on the way from
   * one to the other. Unknown models are errors either way.
   */
  lenient?: boolean
}

/**
 * Projects the monthly, annual and peak-month cost of every workload in a
 * usage file. Throws UsageFileError listing every model that cannot be priced.
 */
export function projectCost(
  config: UsageConfig,
  catalog: Catalog,
  runDate: string,
  options: ProjectOptions = {}
): Projection {
  const resolver = new ModelResolver(catalog, config)
  const months = projectionMonths(runDate)
  const issues: ConfigIssue[] = [...resolver.issues]
  const warnings: ConfigIssue[] = [...resolver.warnings]
  const models: Projection['models'] = new Map()
  const workloads: WorkloadProjection[] = []
  const lenient = options.lenient ?? false
  const discountFor = buildDiscountLookup(config, resolver, issues, lenient)

  for (const workload of config.workloads) {
    const routes: RouteProjection[] = []
    for (const route of workload.routes) {
      const model = resolver.resolve(route.model)
      if (!model) {
        if (!resolver.isRejected(route.model)) {
          issues.push(
            unknownModelIssue(config.file, route, resolver.suggest(route.model))
          )
        }
        continue
      }
      const projected = projectRoute({
        config,
        workload,
        route,
        model,
        months,
        issues,
        warnings,
        discountFor,
        lenient
      })
      if (!projected) continue
      routes.push(projected)
      if (!models.has(model.id))
        models.set(model.id, { model, rates: projected.rates })
    }
    workloads.push(totalWorkload(workload, routes))
  }

  if (issues.some(issue => issue.severity === 'error')) {
    throw new UsageFileError(issues.filter(issue => issue.severity === 'error'))
  }
  const totals = summarizeMonths(workloads.map(w => w.months))
  return { file: config.file, workloads, ...totals, models, warnings }
}

interface RouteContext {
  config: UsageConfig
  workload: Workload
  route: Route
  model: PricedModel
  months: string[]
  issues: ConfigIssue[]
  warnings: ConfigIssue[]
  discountFor: (model: PricedModel) => Fraction
  lenient: boolean
}

/** Per-request cost of one set of prices, discounts applied. */
interface RequestCost {
  /** The parts of the expected cost, not reduced, for scaling to month 1. */
  parts: Record<keyof CostParts, Ratio>
  total: Fraction
  low: Fraction
  high: Fraction
  longContext: boolean
}

function projectRoute(context: RouteContext): RouteProjection | undefined {
  const { workload, route, model, months } = context
  const firstRates = pricesOn(model, months[0] ?? '')
  if (!checkRoute(context, firstRates)) return undefined

  const reasoning = effectiveReasoning(workload, model)
  const outputTokens = billedOutputTokens(workload.tokens.output, reasoning)
  const overflow = describeContextOverflow(workload, route, model, outputTokens)
  if (overflow)
    context.warnings.push({ file: context.config.file, ...overflow })
  const discount = context.discountFor(model)
  const batchDiscount = firstRates.batchDiscount ?? ZERO
  const costFor = memoizeRequestCost(context, outputTokens, discount)

  // Requests billed in month 1: base × (1 + retries) × share. Month k
  // multiplies them by (1 + growth)^(k-1). The volumes stay unreduced
  // Ratios, so each month's cost is reduced once.
  const requests = toFraction(
    timesRatio(
      timesRatio(monthlyRequestsRatio(workload), onePlus(workload.retries)),
      ratioOf(route.share)
    )
  )
  const growthFactor = onePlus(workload.requests.growth)
  const steady = isZero(workload.requests.growth)
  let volume = ratioOf(requests)
  const monthCosts: Range[] = []
  const firstCost = costFor(firstRates)
  let previousCost: RequestCost | undefined
  let previousRange: Range | undefined
  const segments: PriceSegment[] = []
  for (const [index, start] of months.entries()) {
    const rates = pricesOn(model, start)
    const cost = costFor(rates)
    addToSegments(segments, rates, index + 1, cost.longContext)
    // Without growth a month with the same prices costs the same as the one
    // before, which saves most of the arithmetic on large files.
    const range =
      steady && previousRange && previousCost === cost
        ? previousRange
        : scaleCost(volume, cost)
    monthCosts.push(range)
    previousCost = cost
    previousRange = range
    if (!steady) volume = timesRatio(volume, growthFactor)
  }

  return {
    route,
    model,
    rates: firstRates,
    longContext: firstCost.longContext,
    segments,
    reasoning,
    outputTokens,
    requests,
    discount,
    batchDiscount: isPositive(workload.batch) ? batchDiscount : ZERO,
    ...summarizeMonths([monthCosts]),
    parts: scaleParts(firstCost.parts, requests)
  }
}

/** Returns 1 + value as a Ratio, not reduced. */
function onePlus(value: Fraction): Ratio {
  const ratio = ratioOf(value)
  return ratio.n === 0n ? RATIO_ONE : { n: ratio.d + ratio.n, d: ratio.d }
}

/** Returns the cost of `volume` requests. A bound equal to the expected cost shares its Fraction. */
function scaleCost(volume: Ratio, cost: RequestCost): Range {
  const times = (price: Fraction): Fraction =>
    toFraction(timesRatio(volume, ratioOf(price)))
  const expected = times(cost.total)
  return {
    expected,
    low: cost.low === cost.total ? expected : times(cost.low),
    high: cost.high === cost.total ? expected : times(cost.high)
  }
}

/** Extends the last segment with a month priced by the same entry, or starts a new one. */
function addToSegments(
  segments: PriceSegment[],
  rates: PriceEntry,
  month: number,
  longContext: boolean
): void {
  const last = segments.at(-1)
  if (last && last.rates.from === rates.from) {
    last.lastMonth = month
    return
  }
  segments.push({ rates, firstMonth: month, lastMonth: month, longContext })
}

/** Checks the route's settings against what the model offers; records errors and warnings. */
function checkRoute(context: RouteContext, rates: PriceEntry): boolean {
  const { config, workload, route, model, issues, warnings } = context
  // Built only for an issue, which most routes do not have.
  const place = () => ({ file: config.file, ...workload.position })
  // A warning about the model points at its name as written, where the
  // annotation lands on the line to change.
  const atModel = () => ({
    file: config.file,
    ...route.position,
    value: route.model
  })
  const written = () => describeWrittenModel(route.model, model)
  let usable = true
  if (isPositive(workload.batch) && !rates.batchDiscount && !context.lenient) {
    const custom = model.origin === 'custom'
    issues.push({
      ...place(),
      path: `${workload.path}.batch`,
      value: model.id,
      message: custom
        ? `model ${written()} from models: has no batch-discount, so batch: cannot be priced`
        : `model ${written()} has no batch API in the price catalog`,
      fix: custom
        ? `Set batch-discount: under models.${model.id}, or remove batch:`
        : 'Remove batch:, or set batch-discount: for this model under models:',
      severity: 'error'
    })
    usable = false
  }
  if (isPositive(workload.cache.read) && !rates.cachedInput) {
    warnings.push({
      ...atModel(),
      path: `${workload.path}.cache.read`,
      message: `model ${written()} has no cached-input price, so cached input is priced as input`,
      fix: 'Set cached-input: for this model under models: if the provider offers one',
      severity: 'warning'
    })
  }
  const writeWarning = describeMissingWritePrice(workload, model, rates)
  if (writeWarning) warnings.push({ ...place(), ...writeWarning })
  const reasoningWarning = describeReasoningMismatch(workload, model)
  if (reasoningWarning)
    warnings.push({ file: config.file, ...reasoningWarning })
  const dateWarning = describeMonthsBeforePrices(context)
  if (dateWarning) warnings.push({ file: config.file, ...dateWarning })
  if (model.catalog?.status === 'retired') {
    const replacement = model.catalog.replacement
    warnings.push({
      ...atModel(),
      path: route.path,
      message: `model ${written()} was retired on ${model.catalog.retired ?? 'an unknown date'}`,
      fix: replacement ? `Move to ${replacement}` : 'Move to a current model',
      severity: 'warning'
    })
  }
  return usable
}

/** Names a model as the file writes it, with its catalog id when that differs: `"deepseek-chat" (deepseek-v3.2)`. */
function describeWrittenModel(written: string, model: PricedModel): string {
  const same = written.trim().toLowerCase() === model.id.toLowerCase()
  return same ? `"${written}"` : `"${written}" (${model.id})`
}

/**
 * Returns a warning when a workload writes to the prompt cache and the model
 * has no cache-write price for its TTL, so writes are priced as input.
 */
function describeMissingWritePrice(
  workload: Workload,
  model: PricedModel,
  rates: PriceEntry
): Omit<ConfigIssue, 'file' | 'line' | 'column'> | undefined {
  const { write, ttl } = workload.cache
  if (write.compare(ZERO) <= 0) return undefined
  const price = ttl === '1h' ? rates.cacheWrite1h : rates.cacheWrite5m
  if (price) return undefined
  const key = `cache-write-${ttl}`
  const otherTtl = ttl === '1h' ? '5m' : '1h'
  const other = ttl === '1h' ? rates.cacheWrite5m : rates.cacheWrite1h
  const fix = other
    ? `Set ${key}: for this model under models:, or use cache.ttl: ${otherTtl}, which has a price`
    : `Set ${key}: for this model under models: if the provider charges more for cache writes than for input`
  return {
    path: `${workload.path}.cache.write`,
    value: model.id,
    message: `model "${model.id}" has no ${ttl} cache-write price, so cache writes are priced as input`,
    fix,
    severity: 'warning'
  }
}

/**
 * Returns a warning when a workload sets reasoning on a model whose
 * reasoning mode is none, which bills output that the model never produces.
 */
function describeReasoningMismatch(
  workload: Workload,
  model: PricedModel
): Omit<ConfigIssue, 'file'> | undefined {
  const reasoning = workload.reasoning
  if (!reasoning || reasoning.kind === 'none' || model.reasoning !== 'none') {
    return undefined
  }
  const billed =
    reasoning.kind === 'multiplier'
      ? `${formatDecimal(reasoning.value)} times its visible output`
      : `${reasoning.value.equals(reasoning.value.floor()) ? formatCount(reasoning.value) : formatDecimal(reasoning.value)} hidden tokens a request`
  return {
    ...(workload.reasoningPosition ?? workload.position),
    path: `${workload.path}.reasoning`,
    value: model.id,
    message: `model "${model.id}" does not reason (its reasoning mode is none), yet reasoning: bills ${billed}`,
    fix: 'Remove reasoning: from this workload, or set reasoning: optional for the model under models: if it does reason',
    severity: 'warning'
  }
}

/**
 * Returns a warning when projected months start before a catalog model's
 * first price entry, which then prices them although the model may not have
 * existed. A `models:` entry that sets input and output prices them instead.
 */
function describeMonthsBeforePrices(
  context: RouteContext
): Omit<ConfigIssue, 'file'> | undefined {
  const { model, months, route } = context
  const first = model.catalog?.prices[0]?.from
  if (first === undefined) return undefined
  if (model.override?.input && model.override.output) return undefined
  const early = months.filter(start => start < first).length
  if (early === 0) return undefined
  const which = early === 1 ? 'month 1' : `months 1 to ${early}`
  const verb = early === 1 ? 'is' : 'are'
  return {
    ...route.position,
    path: route.path,
    value: model.id,
    message: `model "${model.id}" has no catalog price before ${first}, so ${which} of the projection (from ${months[0] ?? ''}) ${verb} priced as on ${first}`,
    fix: 'Check the run date, or set the prices of the model for that time under models:',
    severity: 'warning'
  }
}

function effectiveReasoning(
  workload: Workload,
  model: PricedModel
): ReasoningSetting {
  if (workload.reasoning) return workload.reasoning
  return model.reasoning === 'always' ? DEFAULT_REASONING : { kind: 'none' }
}

/** Returns the billed output tokens per request: visible output plus hidden reasoning. */
export function billedOutputTokens(
  visible: Fraction,
  reasoning: ReasoningSetting
): Range {
  if (reasoning.kind === 'none')
    return { expected: visible, low: visible, high: visible }
  const apply = (value: Fraction): Fraction =>
    reasoning.kind === 'multiplier' ? visible.mul(value) : visible.add(value)
  const expected = apply(reasoning.value)
  if (!reasoning.range) return { expected, low: expected, high: expected }
  const [low, high] = reasoning.range
  return { expected, low: apply(low), high: apply(high) }
}

/**
 * Builds the lookup of the discount that applies to a model: a `model:`
 * entry beats a `provider:` entry, and discounts never stack. A discount for
 * a model that cannot be resolved is an error, so a typo never drops it.
 */
function buildDiscountLookup(
  config: UsageConfig,
  resolver: ModelResolver,
  issues: ConfigIssue[],
  lenient: boolean
): (model: PricedModel) => Fraction {
  const byModel = new Map<string, Fraction>()
  const byProvider = new Map<string, Fraction>()
  const providers = resolver.providers()
  for (const discount of config.discounts) {
    if (discount.model !== undefined) {
      const model = resolver.resolve(discount.model)
      if (!model) {
        if (!resolver.isRejected(discount.model)) {
          issues.push(
            unknownDiscountModelIssue(config.file, discount, resolver)
          )
        }
        continue
      }
      if (!byModel.has(model.id)) byModel.set(model.id, discount.off)
    } else if (discount.provider !== undefined) {
      const provider = discount.provider.trim().toLowerCase()
      if (!providers.has(provider)) {
        if (!lenient) {
          issues.push(unknownProviderIssue(config.file, discount, providers))
        }
        continue
      }
      if (!byProvider.has(provider)) byProvider.set(provider, discount.off)
    }
  }
  return model =>
    byModel.get(model.id) ??
    byProvider.get(model.provider.toLowerCase()) ??
    ZERO
}

function unknownDiscountModelIssue(
  file: string,
  discount: Discount,
  resolver: ModelResolver
): ConfigIssue {
  const name = discount.model ?? ''
  const suggestions = resolver.suggest(name)
  const fix = suggestions.length
    ? `Use a catalog name such as ${suggestions.map(s => `"${s}"`).join(', ')}`
    : 'Use a model name from the catalog or from models:'
  return discountIssue(file, discount, 'model', {
    message: `discount names unknown model "${name}"`,
    fix
  })
}

function unknownProviderIssue(
  file: string,
  discount: Discount,
  providers: ReadonlySet<string>
): ConfigIssue {
  const name = discount.provider ?? ''
  const ranked = rankByDistance(name.trim().toLowerCase(), providers)
  const shown = ranked.slice(0, MAX_LISTED_PROVIDERS).join(', ')
  const more = ranked.length - MAX_LISTED_PROVIDERS
  const known = more > 0 ? `${shown} and ${more} more` : shown
  return discountIssue(file, discount, 'provider', {
    message:
      'discount names a provider that no model of the catalog or of models: has, so it would apply to no model',
    fix: `Use a known provider, closest first: ${known}`
  })
}

function discountIssue(
  file: string,
  discount: Discount,
  key: 'model' | 'provider',
  text: { message: string; fix: string }
): ConfigIssue {
  return {
    file,
    line: discount.position.line,
    column: discount.position.column,
    path: `${discount.path}.${key}`,
    value: discount[key] ?? '',
    ...text,
    severity: 'error'
  }
}

function memoizeRequestCost(
  context: RouteContext,
  outputTokens: Range,
  discount: Fraction
): (rates: PriceEntry) => RequestCost {
  const cache = new Map<string, RequestCost>()
  return rates => {
    let cost = cache.get(rates.from)
    if (!cost) {
      cost = requestCost(context.workload, rates, outputTokens, discount)
      cache.set(rates.from, cost)
    }
    return cost
  }
}

/**
 * Returns the cost of one request in USD:
 * (input × (1 - c - w) × p_in + input × c × p_cached + input × w × p_write
 *  + output_tokens × p_out) / 1M × (1 - batch × batch_discount) × (1 - off).
 */
function requestCost(
  workload: Workload,
  entry: PriceEntry,
  outputTokens: Range,
  discount: Fraction
): RequestCost {
  const input = workload.tokens.input
  const visible = workload.tokens.output
  const { read, write, ttl } = workload.cache
  const rates = ratesForInput(entry, input)
  // A provider without a cached or write price bills that input as input.
  const cachedRate = rates.cachedInput ?? rates.input
  const writeRate =
    (ttl === '1h' ? rates.cacheWrite1h : rates.cacheWrite5m) ?? rates.input
  const factor = multiply(
    complement(multiply(workload.batch, entry.batchDiscount ?? ZERO)),
    complement(discount)
  )
  const usdPerToken = ratioOf(multiply(PER_MILLION_TOKENS, factor))
  const priced = (tokens: Ratio, rate: Fraction): Ratio =>
    timesRatio(timesRatio(tokens, ratioOf(rate)), usdPerToken)

  const inputTokens = ratioOf(input)
  const inputTokensAt = (share: Fraction): Ratio =>
    timesRatio(inputTokens, ratioOf(share))
  const expectedOutput = ratioOf(outputTokens.expected)
  const visibleOutput = ratioOf(visible)
  const parts = {
    input: priced(inputTokensAt(complement(add(read, write))), rates.input),
    cachedInput: priced(inputTokensAt(read), cachedRate),
    cacheWrite: priced(inputTokensAt(write), writeRate),
    output: priced(visibleOutput, rates.output),
    reasoning:
      outputTokens.expected === visible
        ? RATIO_ZERO
        : priced(minusRatio(expectedOutput, visibleOutput), rates.output)
  }
  const inputTotal = plusRatio(
    plusRatio(parts.input, parts.cachedInput),
    parts.cacheWrite
  )
  const total = toFraction(
    plusRatio(plusRatio(inputTotal, parts.output), parts.reasoning)
  )
  // A bound equal to the expected output tokens costs the expected total:
  // input parts + output + reasoning is input parts + expected × p_out.
  const bound = (tokens: Fraction): Fraction =>
    tokens === outputTokens.expected
      ? total
      : toFraction(plusRatio(inputTotal, priced(ratioOf(tokens), rates.output)))
  return {
    parts,
    total,
    low: bound(outputTokens.low),
    high: bound(outputTokens.high),
    longContext: rates.longContext
  }
}

/**
 * Rates of one tier of a price entry, USD per 1M tokens. An unset cached or
 * write rate means the provider publishes none, and the input rate applies.
 */
export interface TierRates {
  input: Fraction
  output: Fraction
  cachedInput?: Fraction
  cacheWrite5m?: Fraction
  cacheWrite1h?: Fraction
  longContext: boolean
}

/** Picks the long-context rates when the request's input passes the model's threshold. */
export function ratesForInput(entry: PriceEntry, input: Fraction): TierRates {
  const tier = entry.longContext
  if (tier && passesThreshold(tier, input)) {
    // Without a long-context cached price, cached input is priced as
    // long-context input, so the figure errs high rather than low. A missing
    // long-context write price keeps the model's write premium: providers
    // state it as a multiple of the input price (1.25x for 5 minutes, 2x for
    // an hour at Anthropic), so it scales with the long-context input price.
    const scale = (write: Fraction | undefined): Fraction | undefined =>
      write && !entry.input.equals(ZERO)
        ? write.mul(tier.input).div(entry.input)
        : undefined
    return {
      input: tier.input,
      output: tier.output,
      cachedInput: tier.cachedInput,
      cacheWrite5m: tier.cacheWrite5m ?? scale(entry.cacheWrite5m),
      cacheWrite1h: tier.cacheWrite1h ?? scale(entry.cacheWrite1h),
      longContext: true
    }
  }
  return {
    input: entry.input,
    output: entry.output,
    cachedInput: entry.cachedInput,
    cacheWrite5m: entry.cacheWrite5m,
    cacheWrite1h: entry.cacheWrite1h,
    longContext: false
  }
}

function passesThreshold(tier: LongContextPrices, input: Fraction): boolean {
  const threshold = new Fraction(tier.threshold)
  return (
    input.compare(threshold) > 0 || (tier.inclusive && input.equals(threshold))
  )
}

function scaleParts(
  parts: RequestCost['parts'],
  requests: Fraction
): CostParts {
  const factor = ratioOf(requests)
  const scale = (part: Ratio): Fraction =>
    part.n === 0n ? ZERO : toFraction(timesRatio(part, factor))
  return {
    input: scale(parts.input),
    cachedInput: scale(parts.cachedInput),
    cacheWrite: scale(parts.cacheWrite),
    output: scale(parts.output),
    reasoning: scale(parts.reasoning)
  }
}

function addParts(a: CostParts, b: CostParts): CostParts {
  return {
    input: add(a.input, b.input),
    cachedInput: add(a.cachedInput, b.cachedInput),
    cacheWrite: add(a.cacheWrite, b.cacheWrite),
    output: add(a.output, b.output),
    reasoning: add(a.reasoning, b.reasoning)
  }
}

const NO_PARTS: CostParts = {
  input: ZERO,
  cachedInput: ZERO,
  cacheWrite: ZERO,
  output: ZERO,
  reasoning: ZERO
}

/** Adds ranges bound by bound. */
export function sumRanges(ranges: Range[]): Range {
  const [only] = ranges
  if (only && ranges.length === 1) return only
  const expected = sum(ranges.map(r => r.expected))
  // Without reasoning ranges every bound is its expected Fraction.
  const sameLow = ranges.every(r => r.low === r.expected)
  const sameHigh = ranges.every(r => r.high === r.expected)
  return {
    expected,
    low: sameLow ? expected : sum(ranges.map(r => r.low)),
    high: sameHigh ? expected : sum(ranges.map(r => r.high))
  }
}

function maxRange(ranges: Range[]): Range {
  let peak = ranges[0] ?? NO_COST
  for (const range of ranges) {
    if (range !== peak && range.expected.compare(peak.expected) > 0) {
      peak = range
    }
  }
  return peak
}

/**
 * Adds month series month by month and returns the series with its month 1,
 * its 12-month sum and its most expensive month.
 */
function summarizeMonths(series: Range[][]): {
  months: Range[]
  monthly: Range
  annual: Range
  peak: Range
} {
  const [only] = series
  const months: Range[] = series.length === 1 && only ? only : []
  // A series whose months are all one object, as for a workload without
  // growth or price changes, adds the same figure to every month, so the
  // steady series are added once and only the others month by month.
  const steady: Range[] = []
  const varying: Range[][] = []
  if (months.length === 0) {
    for (const months of series) {
      if (isSteady(months)) steady.push(months[0] ?? NO_COST)
      else varying.push(months)
    }
  }
  const steadyTotal = steady.length > 0 ? [sumRanges(steady)] : []
  for (let k = months.length; k < PROJECTED_MONTHS; k++) {
    // A month whose every part is the same object as the month before has
    // the same total.
    const previous = months[k - 1]
    const repeats = previous && varying.every(s => s[k] === s[k - 1])
    months.push(
      repeats
        ? previous
        : sumRanges([...steadyTotal, ...varying.map(s => s[k] ?? NO_COST)])
    )
  }
  return {
    months,
    monthly: months[0] ?? NO_COST,
    annual: sumRepeated(months),
    peak: maxRange(months)
  }
}

function isSteady(months: Range[]): boolean {
  return months.every(month => month === months[0])
}

/** Adds ranges, multiplying runs of the same object instead of adding them one by one. */
function sumRepeated(ranges: Range[]): Range {
  const runs: Range[] = []
  let index = 0
  while (index < ranges.length) {
    const range = ranges[index] as Range
    let count = 1
    while (ranges[index + count] === range) count++
    runs.push(count === 1 ? range : scaleRange(range, count))
    index += count
  }
  return sumRanges(runs)
}

function scaleRange(range: Range, factor: number): Range {
  const expected = range.expected.mul(factor)
  return {
    expected,
    low: range.low === range.expected ? expected : range.low.mul(factor),
    high: range.high === range.expected ? expected : range.high.mul(factor)
  }
}

const NO_COST: Range = { expected: ZERO, low: ZERO, high: ZERO }

function totalWorkload(
  workload: Workload,
  routes: RouteProjection[]
): WorkloadProjection {
  const [only] = routes
  if (only && routes.length === 1) {
    const { months, monthly, annual, peak, parts } = only
    return { workload, routes, months, monthly, annual, peak, parts }
  }
  return {
    workload,
    routes,
    ...summarizeMonths(routes.map(r => r.months)),
    parts: routes.reduce((total, r) => addParts(total, r.parts), NO_PARTS)
  }
}

function unknownModelIssue(
  file: string,
  route: Route,
  suggestions: string[]
): ConfigIssue {
  const fix = suggestions.length
    ? `Use a catalog name such as ${suggestions.map(s => `"${s}"`).join(', ')}, or add the model with its prices under models:`
    : 'Add the model with its prices under models:'
  return {
    file,
    line: route.position.line,
    column: route.position.column,
    path: route.path,
    value: route.model,
    message: `unknown model "${route.model}"`,
    fix,
    severity: 'error'
  }
}
