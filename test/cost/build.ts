import fc from 'fast-check'
import Fraction from 'fraction.js'
import type {
  Budgets,
  Discount,
  ModelOverride,
  UsageConfig,
  Workload
} from '../../src/config/types.js'
import type { Catalog, CatalogModel } from '../../src/pricing/types.js'

/** Builds usage-file objects for engine tests without going through YAML. */

const AT = { line: 1, column: 1 }

export function f(value: string | number, denominator?: number): Fraction {
  if (denominator === undefined) return new Fraction(value)
  return new Fraction(Number(value), denominator)
}

/** Generates fractions with a numerator of up to 10^digits in size and a denominator up to 10^denominatorDigits. */
export function arbitraryFraction(
  digits: number,
  denominatorDigits: number
): fc.Arbitrary<Fraction> {
  const limit = 10n ** BigInt(digits)
  return fc
    .tuple(
      fc.bigInt({ min: -limit, max: limit }),
      fc.bigInt({ min: 1n, max: 10n ** BigInt(denominatorDigits) })
    )
    .map(([numerator, denominator]) => new Fraction(numerator, denominator))
}

export function workload(
  name: string,
  model: string,
  options: Partial<Omit<Workload, 'routes' | 'name'>> & {
    input?: string
    output?: string
    perMonth?: string
    perDay?: string
    routes?: [string, Fraction][]
  } = {}
): Workload {
  const routes = options.routes ?? [[model, f(1)]]
  return {
    name,
    routes: routes.map(([routeModel, share], index) => ({
      model: routeModel,
      share,
      path: `workloads[0].routes[${index}].model`,
      position: AT
    })),
    tokens: options.tokens ?? {
      input: f(options.input ?? '200'),
      output: f(options.output ?? '50')
    },
    requests:
      options.requests ??
      (options.perDay
        ? { unit: 'per-day', value: f(options.perDay), growth: f(0) }
        : {
            unit: 'per-month',
            value: f(options.perMonth ?? '1000000'),
            growth: f(0)
          }),
    retries: options.retries ?? f(0),
    reasoning: options.reasoning,
    cache: options.cache ?? { read: f(0), write: f(0), ttl: '5m' },
    batch: options.batch ?? f(0),
    path: 'workloads[0]',
    position: AT
  }
}

export function usage(
  workloads: Workload[],
  extra: {
    budgets?: Partial<Budgets>
    discounts?: Omit<Discount, 'path' | 'position'>[]
    models?: Omit<ModelOverride, 'path' | 'position'>[]
  } = {}
): UsageConfig {
  return {
    file: 'ai-usage.yml',
    version: 1,
    models: (extra.models ?? []).map(m => ({
      ...m,
      path: `models.${m.name}`,
      position: AT
    })),
    profiles: {},
    workloads,
    discounts: (extra.discounts ?? []).map(d => ({
      ...d,
      path: 'discounts[0]',
      position: AT
    })),
    budgets: {
      increase: {},
      workloads: {},
      path: 'budgets',
      position: AT,
      ...extra.budgets
    }
  }
}

export function model(
  id: string,
  input: string,
  output: string,
  extra: Partial<CatalogModel> & {
    cachedInput?: string
    batch?: string
    from?: string
  } = {}
): CatalogModel {
  return {
    id,
    name: id,
    provider: extra.provider ?? 'openai',
    aliases: extra.aliases ?? [],
    status: extra.status ?? 'active',
    reasoning: extra.reasoning ?? 'none',
    contextWindow: 400000,
    prices: extra.prices ?? [
      {
        from: extra.from ?? '2025-01-01',
        input: f(input),
        output: f(output),
        cachedInput:
          extra.cachedInput === undefined ? undefined : f(extra.cachedInput),
        batchDiscount: extra.batch === undefined ? undefined : f(extra.batch),
        source: 'test',
        checked: '2026-01-01'
      }
    ]
  }
}

export function catalog(...models: CatalogModel[]): Catalog {
  return { asOf: '2026-03-01', models }
}
