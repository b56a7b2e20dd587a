import fc from 'fast-check'
import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import type {
  Discount,
  ReasoningSetting,
  Workload
} from '../../src/config/types.js'
import { projectCost, type Projection } from '../../src/cost/project.js'
import { usage, workload } from './build.js'
import { RUN_DATE, TEST_CATALOG } from './prices.js'

// Properties of the cost engine over random workloads on the test catalog.
// Runs are bounded so that the file stays fast.
const RUNS = { numRuns: 100 }

/** Models of the test catalog with one price entry and a batch API. */
const BATCH_MODELS = ['nano', 'nano-old', 'think', 'opus', 'haiku', 'sol']
/** Models with one price entry, so a steady workload costs the same each month. */
const STEADY_MODELS = [...BATCH_MODELS, 'grok', 'small', 'nano-lite']

/** A ratio n / 1000 between 0 and 1. */
const ratio = fc.integer({ min: 0, max: 1000 }).map(n => new Fraction(n, 1000))

const reasoning: fc.Arbitrary<ReasoningSetting | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ kind: 'none' as const }),
  fc
    .tuple(fc.integer({ min: 10, max: 100 }), fc.integer({ min: 0, max: 50 }))
    .map(([tenths, spread]) => {
      const value = new Fraction(tenths, 10)
      return {
        kind: 'multiplier' as const,
        value,
        range: [new Fraction(1), value.add(spread)] as [Fraction, Fraction]
      }
    }),
  fc.integer({ min: 0, max: 20000 }).map(tokens => ({
    kind: 'tokens' as const,
    value: new Fraction(tokens)
  }))
)

interface Settings {
  model: string
  input: number
  output: number
  perMonth: number
  growth: Fraction
  retries: Fraction
  read: Fraction
  write: Fraction
  ttl: '5m' | '1h'
  batch: Fraction
  reasoning: ReasoningSetting | undefined
}

const settings: fc.Arbitrary<Settings> = fc
  .record({
    model: fc.constantFrom(...STEADY_MODELS),
    input: fc.integer({ min: 0, max: 400000 }),
    output: fc.integer({ min: 0, max: 20000 }),
    perMonth: fc.integer({ min: 0, max: 100_000_000 }),
    growth: fc.constant(new Fraction(0)),
    retries: ratio,
    read: ratio,
    write: ratio,
    ttl: fc.constantFrom('5m' as const, '1h' as const),
    batch: ratio,
    reasoning
  })
  .map(s => {
    // cache.read + cache.write is at most 100%, and only models with a
    // batch API take a batch share.
    const write =
      s.read.add(s.write).compare(1) > 0 ? new Fraction(1).sub(s.read) : s.write
    const batch = BATCH_MODELS.includes(s.model) ? s.batch : new Fraction(0)
    return { ...s, write, batch }
  })

const growing = settings.chain(s =>
  fc
    .integer({ min: -1000, max: 1000 })
    .map(n => ({ ...s, growth: new Fraction(n, 1000) }))
)

function build(s: Settings, routes?: [string, Fraction][]): Workload {
  return workload('w', s.model, {
    input: String(s.input),
    output: String(s.output),
    requests: {
      unit: 'per-month',
      value: new Fraction(s.perMonth),
      growth: s.growth
    },
    retries: s.retries,
    cache: { read: s.read, write: s.write, ttl: s.ttl },
    batch: s.batch,
    reasoning: s.reasoning,
    routes
  })
}

function price(
  workloads: Workload[],
  discounts: Omit<Discount, 'path' | 'position'>[] = []
): Projection {
  return projectCost(usage(workloads, { discounts }), TEST_CATALOG, RUN_DATE)
}

function figures(projection: Projection): Fraction[] {
  const { monthly, annual, peak } = projection
  return [monthly, annual, peak, ...projection.months].flatMap(range => [
    range.expected,
    range.low,
    range.high
  ])
}

describe('cost engine properties', () => {
  it('never returns a negative cost', () => {
    fc.assert(
      fc.property(growing, s => {
        for (const value of figures(price([build(s)]))) {
          expect(value.compare(0)).toBeGreaterThanOrEqual(0)
        }
      }),
      RUNS
    )
  })

  it('keeps the expected figure inside its range', () => {
    fc.assert(
      fc.property(growing, s => {
        const { monthly, annual } = price([build(s)])
        for (const range of [monthly, annual]) {
          expect(range.low.compare(range.expected)).toBeLessThanOrEqual(0)
          expect(range.expected.compare(range.high)).toBeLessThanOrEqual(0)
        }
      }),
      RUNS
    )
  })

  it('doubles the cost with double the volume', () => {
    fc.assert(
      fc.property(growing, s => {
        const once = price([build(s)])
        const twice = price([build({ ...s, perMonth: s.perMonth * 2 })])
        expect(
          twice.monthly.expected.equals(once.monthly.expected.mul(2))
        ).toBe(true)
        expect(twice.annual.expected.equals(once.annual.expected.mul(2))).toBe(
          true
        )
        expect(twice.annual.high.equals(once.annual.high.mul(2))).toBe(true)
      }),
      RUNS
    )
  })

  it('keeps the total when one model is split into two routes', () => {
    fc.assert(
      fc.property(growing, fc.integer({ min: 0, max: 1000 }), (s, n) => {
        const share = new Fraction(n, 1000)
        const whole = price([build(s)])
        const split = price([
          build(s, [
            [s.model, share],
            [s.model, new Fraction(1).sub(share)]
          ])
        ])
        expect(split.monthly.expected.equals(whole.monthly.expected)).toBe(true)
        expect(split.annual.expected.equals(whole.annual.expected)).toBe(true)
        expect(split.annual.low.equals(whole.annual.low)).toBe(true)
        expect(split.annual.high.equals(whole.annual.high)).toBe(true)
      }),
      RUNS
    )
  })

  it('never raises a cost with a discount', () => {
    fc.assert(
      fc.property(growing, ratio, fc.boolean(), (s, off, byModel) => {
        const model = TEST_CATALOG.models.find(m => m.id === s.model)
        const discount = byModel
          ? { model: s.model, off }
          : { provider: model?.provider ?? 'openai', off }
        const full = price([build(s)])
        const discounted = price([build(s)], [discount])
        expect(
          discounted.monthly.expected.compare(full.monthly.expected)
        ).toBeLessThanOrEqual(0)
        expect(
          discounted.annual.high.compare(full.annual.high)
        ).toBeLessThanOrEqual(0)
        // The discount takes exactly its share off: cost × (1 − off).
        expect(
          discounted.annual.expected.equals(
            full.annual.expected.mul(new Fraction(1).sub(off))
          )
        ).toBe(true)
      }),
      RUNS
    )
  })

  it('makes the annual figure twelve months without growth', () => {
    fc.assert(
      fc.property(settings, s => {
        const { monthly, annual, peak } = price([build(s)])
        expect(annual.expected.equals(monthly.expected.mul(12))).toBe(true)
        expect(annual.low.equals(monthly.low.mul(12))).toBe(true)
        expect(annual.high.equals(monthly.high.mul(12))).toBe(true)
        expect(peak.expected.equals(monthly.expected)).toBe(true)
      }),
      RUNS
    )
  })

  it('sums the twelve months into the annual figure', () => {
    fc.assert(
      fc.property(growing, s => {
        const projection = price([build(s)])
        const total = projection.months.reduce(
          (sum, month) => sum.add(month.expected),
          new Fraction(0)
        )
        expect(projection.months).toHaveLength(12)
        expect(projection.annual.expected.equals(total)).toBe(true)
      }),
      RUNS
    )
  })

  it("adds the workloads' months into the file's", () => {
    // Steady and growing workloads mixed, each bound checked month by month.
    const mix = fc.array(fc.oneof(settings, growing), {
      minLength: 2,
      maxLength: 6
    })
    fc.assert(
      fc.property(mix, list => {
        const projection = price(
          list.map((s, index) => ({ ...build(s), name: `w${index}` }))
        )
        const bounds = ['expected', 'low', 'high'] as const
        for (let k = 0; k < 12; k++) {
          for (const bound of bounds) {
            const total = projection.workloads.reduce(
              (sum, w) => sum.add(w.months[k]?.[bound] ?? 0),
              new Fraction(0)
            )
            expect(projection.months[k]?.[bound].equals(total)).toBe(true)
          }
        }
      }),
      RUNS
    )
  })
})
