import Fraction from 'fraction.js'
import { ZERO } from './money.js'

/**
 * An exact rational number that is not reduced: a BigInt numerator and a
 * positive BigInt denominator. fraction.js reduces every result by a gcd,
 * which is most of the time spent pricing a large file, so the cost of one
 * request is built up as Ratios and reduced once, by toFraction().
 */
export interface Ratio {
  readonly n: bigint
  readonly d: bigint
}

export const RATIO_ZERO: Ratio = { n: 0n, d: 1n }
export const RATIO_ONE: Ratio = { n: 1n, d: 1n }

/** Returns the Ratio of a fraction's value. */
export function ratioOf(value: Fraction): Ratio {
  return { n: value.s * value.n, d: value.d }
}

/** Returns a × b exactly, not reduced. */
export function timesRatio(a: Ratio, b: Ratio): Ratio {
  if (a.n === 0n || b.n === 0n) return RATIO_ZERO
  return { n: a.n * b.n, d: a.d * b.d }
}

/** Returns a + b exactly, not reduced. */
export function plusRatio(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) return a
  if (a.n === 0n) return b
  if (a.d === b.d) return { n: a.n + b.n, d: a.d }
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d }
}

/** Returns a - b exactly, not reduced. */
export function minusRatio(a: Ratio, b: Ratio): Ratio {
  return plusRatio(a, { n: -b.n, d: b.d })
}

/** Reduces a Ratio to a Fraction, the one gcd of its computation. */
export function toFraction(value: Ratio): Fraction {
  return value.n === 0n ? ZERO : new Fraction(value.n, value.d)
}

/**
 * Returns part / total × 100 rounded half away from zero to a whole number,
 * as roundHalfUp() rounds, in BigInt and without a Fraction operation. The
 * total must not be zero.
 */
export function wholePercentOf(part: Ratio, total: Ratio): bigint {
  const numerator = part.n * total.d * 100n
  const denominator = part.d * total.n
  const negative = numerator < 0n !== denominator < 0n
  const size = numerator < 0n ? -numerator : numerator
  const divisor = denominator < 0n ? -denominator : denominator
  // floor(size / divisor + 1/2) is floor((2 × size + divisor) / (2 × divisor)).
  const units = (2n * size + divisor) / (2n * divisor)
  return negative ? -units : units
}
