import Fraction from 'fraction.js'
import { BUILT_IN_PROFILES, type UsageFileInput } from './schema.js'
import type {
  BudgetLimits,
  Budgets,
  Discount,
  LongContextOverride,
  ModelOverride,
  ReasoningSetting,
  RequestVolume,
  Route,
  TokenCounts,
  UsageConfig,
  VolumeUnit,
  Workload
} from './types.js'
import {
  formatPath,
  type PathSegment,
  type UsageSource
} from './yaml-source.js'

type WorkloadInput = UsageFileInput['workloads'][number]
type ModelInput = NonNullable<UsageFileInput['models']>[string]

const VOLUME_UNITS: readonly VolumeUnit[] = ['per-day', 'per-month', 'per-year']

// Fractions are immutable, so every unset share can be this one.
const ZERO = new Fraction(0)

/**
 * Builds the typed configuration from a tree that passed the schema and the
 * checks, reading every number exactly from its source text. Defaults: growth,
 * retries, batch and cache shares 0, cache TTL 5m.
 */
export function buildUsageConfig(
  source: UsageSource,
  input: UsageFileInput
): UsageConfig {
  const reader = new ExactReader(source)
  const profiles = buildProfiles(reader, input.profiles ?? {})
  return {
    file: source.file,
    version: 1,
    models: Object.keys(input.models ?? {}).map(name =>
      buildModel(reader, name, input.models?.[name] ?? {})
    ),
    profiles,
    workloads: input.workloads.map((workload, index) =>
      buildWorkload(reader, workload, ['workloads', index], profiles)
    ),
    discounts: (input.discounts ?? []).map((discount, index) =>
      buildDiscount(reader, discount, ['discounts', index])
    ),
    budgets: buildBudgets(reader, input.budgets ?? {})
  }
}

/** Reads exact numbers and positions from the source of a validated file. */
class ExactReader {
  constructor(private readonly source: UsageSource) {}

  /** Reads the number or percentage at a path, which the schema has accepted. */
  read(path: PathSegment[]): Fraction {
    const value = this.source.exactAt(path)
    if (!value) {
      throw new Error(`no valid number at ${formatPath(path)} after validation`)
    }
    return value
  }

  /** Reads the value at a path when it is written. */
  readOptional(path: PathSegment[], written: unknown): Fraction | undefined {
    return written === undefined ? undefined : this.read(path)
  }

  /** Reads the value at a path, or returns 0 when it is not written. */
  readOrZero(path: PathSegment[], written: unknown): Fraction {
    return this.readOptional(path, written) ?? ZERO
  }

  /** Returns the path text and position of a value (or its key) for the output. */
  locate(path: PathSegment[], at: 'key' | 'value' = 'value') {
    return {
      path: formatPath(path),
      position: this.source.positionOf(path, at)
    }
  }
}

function buildModel(
  reader: ExactReader,
  name: string,
  model: ModelInput
): ModelOverride {
  const path = ['models', name]
  const price = (key: keyof ModelInput) =>
    reader.readOptional([...path, key], model[key])
  return {
    name,
    provider: model.provider,
    providerPosition:
      model.provider === undefined
        ? undefined
        : reader.locate([...path, 'provider']).position,
    input: price('input'),
    output: price('output'),
    cachedInput: price('cached-input'),
    cacheWrite5m: price('cache-write-5m'),
    cacheWrite1h: price('cache-write-1h'),
    batchDiscount: price('batch-discount'),
    longContext: buildLongContext(reader, model['long-context'], [
      ...path,
      'long-context'
    ]),
    reasoning: model.reasoning,
    ...(model['context-window'] === undefined
      ? {}
      : {
          contextWindow: model['context-window'],
          contextWindowPosition: reader.locate([...path, 'context-window'])
            .position
        }),
    ...reader.locate(path, 'key')
  }
}

function buildLongContext(
  reader: ExactReader,
  tier: ModelInput['long-context'],
  path: PathSegment[]
): LongContextOverride | undefined {
  if (tier === undefined) return undefined
  const price = (key: keyof NonNullable<ModelInput['long-context']>) =>
    reader.readOptional([...path, key], tier[key])
  return {
    threshold: tier.threshold,
    inclusive: tier.inclusive,
    input: price('input'),
    output: price('output'),
    cachedInput: price('cached-input'),
    cacheWrite5m: price('cache-write-5m'),
    cacheWrite1h: price('cache-write-1h'),
    ...reader.locate(path, 'key')
  }
}

function buildProfiles(
  reader: ExactReader,
  written: Record<string, unknown>
): Record<string, TokenCounts> {
  // A null prototype keeps a profile named like an Object method as data.
  const profiles = Object.create(null) as Record<string, TokenCounts>
  for (const [name, tokens] of Object.entries(BUILT_IN_PROFILES)) {
    profiles[name] = {
      input: new Fraction(tokens.input),
      output: new Fraction(tokens.output)
    }
  }
  for (const name of Object.keys(written)) {
    profiles[name] = readTokens(reader, ['profiles', name])
  }
  return profiles
}

function readTokens(reader: ExactReader, path: PathSegment[]): TokenCounts {
  return {
    input: reader.read([...path, 'input']),
    output: reader.read([...path, 'output'])
  }
}

function buildWorkload(
  reader: ExactReader,
  workload: WorkloadInput,
  path: PathSegment[],
  profiles: Record<string, TokenCounts>
): Workload {
  const cache = workload.cache ?? {}
  return {
    // Trimmed, so that `name: "triage "` matches its budget and base row.
    name: workload.name.trim(),
    routes: buildRoutes(reader, workload, path),
    tokens: buildTokens(reader, workload, path, profiles),
    profile: workload.profile,
    requests: buildRequests(reader, workload.requests, [...path, 'requests']),
    retries: reader.readOrZero([...path, 'retries'], workload.retries),
    reasoning: buildReasoning(reader, workload.reasoning, [
      ...path,
      'reasoning'
    ]),
    reasoningPosition:
      workload.reasoning === undefined
        ? undefined
        : reader.locate([...path, 'reasoning'], 'key').position,
    cache: {
      read: reader.readOrZero([...path, 'cache', 'read'], cache.read),
      write: reader.readOrZero([...path, 'cache', 'write'], cache.write),
      ttl: cache.ttl ?? '5m'
    },
    batch: reader.readOrZero([...path, 'batch'], workload.batch),
    ...reader.locate(path)
  }
}

/** Builds the routes, each located at its model name for catalog errors. A single model is one route with share 1. */
function buildRoutes(
  reader: ExactReader,
  workload: WorkloadInput,
  path: PathSegment[]
): Route[] {
  if (workload.model !== undefined) {
    const location = reader.locate([...path, 'model'])
    return [{ model: workload.model, share: new Fraction(1), ...location }]
  }
  return (workload.routes ?? []).map((route, index) => ({
    model: route.model,
    share: reader.read([...path, 'routes', index, 'share']),
    ...reader.locate([...path, 'routes', index, 'model'])
  }))
}

function buildTokens(
  reader: ExactReader,
  workload: WorkloadInput,
  path: PathSegment[],
  profiles: Record<string, TokenCounts>
): TokenCounts {
  if (workload.tokens) return readTokens(reader, [...path, 'tokens'])
  const profile = profiles[workload.profile ?? '']
  if (!profile) {
    throw new Error(`unknown profile at ${formatPath(path)} after validation`)
  }
  return { input: profile.input, output: profile.output }
}

function buildRequests(
  reader: ExactReader,
  requests: WorkloadInput['requests'],
  path: PathSegment[]
): RequestVolume {
  const unit = VOLUME_UNITS.find(name => requests[name] !== undefined)
  if (!unit)
    throw new Error(`no volume at ${formatPath(path)} after validation`)
  return {
    unit,
    value: reader.read([...path, unit]),
    growth: reader.readOrZero([...path, 'growth'], requests.growth)
  }
}

function buildReasoning(
  reader: ExactReader,
  reasoning: WorkloadInput['reasoning'],
  path: PathSegment[]
): ReasoningSetting | undefined {
  if (reasoning === undefined) return undefined
  if (reasoning === 'none') return { kind: 'none' }

  const kind = reasoning.multiplier === undefined ? 'tokens' : 'multiplier'
  const value = reader.read([...path, kind])
  if (!reasoning.range) return { kind, value }
  const range: [Fraction, Fraction] = [
    reader.read([...path, 'range', 0]),
    reader.read([...path, 'range', 1])
  ]
  return { kind, value, range }
}

function buildDiscount(
  reader: ExactReader,
  discount: NonNullable<UsageFileInput['discounts']>[number],
  path: PathSegment[]
): Discount {
  return {
    provider: discount.provider,
    model: discount.model,
    off: reader.read([...path, 'off']),
    ...reader.locate(path)
  }
}

/** Builds the budgets of a `budgets:` section that passed the schema, read exactly. */
export function buildBudgetsSection(
  source: UsageSource,
  budgets: NonNullable<UsageFileInput['budgets']>
): Budgets {
  return buildBudgets(new ExactReader(source), budgets)
}

function buildBudgets(
  reader: ExactReader,
  budgets: NonNullable<UsageFileInput['budgets']>
): Budgets {
  const path = ['budgets']
  const increase = budgets.increase ?? {}
  return {
    ...buildLimits(reader, budgets, path),
    increase: {
      monthly: reader.readOptional(
        [...path, 'increase', 'monthly'],
        increase.monthly
      ),
      percent: reader.readOptional(
        [...path, 'increase', 'percent'],
        increase.percent
      )
    },
    warnAt: reader.readOptional([...path, 'warn-at'], budgets['warn-at']),
    workloads: buildWorkloadBudgets(reader, budgets.workloads ?? {}),
    ...reader.locate(path, 'key')
  }
}

function buildWorkloadBudgets(
  reader: ExactReader,
  written: Record<string, BudgetLimitsInput>
): Record<string, BudgetLimits> {
  // A null prototype keeps a workload named like an Object method as data.
  const limits = Object.create(null) as Record<string, BudgetLimits>
  for (const [name, budget] of Object.entries(written)) {
    limits[name] = buildLimits(reader, budget, ['budgets', 'workloads', name])
  }
  return limits
}

type BudgetLimitsInput = { monthly?: number; annual?: number }

function buildLimits(
  reader: ExactReader,
  limits: BudgetLimitsInput,
  path: PathSegment[]
): BudgetLimits {
  return {
    monthly: reader.readOptional([...path, 'monthly'], limits.monthly),
    annual: reader.readOptional([...path, 'annual'], limits.annual)
  }
}
