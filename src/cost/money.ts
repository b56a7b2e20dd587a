import Fraction from 'fraction.js'

/**
 * Money and ratio helpers on exact fractions.
 *
 * Every price, volume and sum is a `Fraction` (BigInt numerator and
 * denominator), so `per-day × 365 / 12` and compounded growth stay exact.
 * Rounding happens only here, for display and outputs.
 */

export const ZERO = new Fraction(0)
export const ONE = new Fraction(1)
export const ONE_MILLION = new Fraction(1_000_000)

// Every fraction.js operation allocates a Fraction and reduces it by a gcd,
// which dominates the time to price a large file. Multiplying by 1 and
// adding 0 are common (no share, no retries, no discount), so the helpers
// below skip them. Fractions are immutable, so returning an operand is safe.

/** Checks whether a fraction is 0, without a fraction.js operation. */
export function isZero(value: Fraction): boolean {
  return value.n === 0n
}

/** Checks whether a fraction is above 0, without a fraction.js operation. */
export function isPositive(value: Fraction): boolean {
  return value.s > 0n && value.n !== 0n
}

/**
 * Checks whether two fractions are equal without a fraction.js operation.
 * fraction.js keeps every Fraction reduced, with its sign in `s` (positive
 * for 0), so equal values have equal parts.
 */
export function sameValue(a: Fraction, b: Fraction): boolean {
  return a === b || (a.n === b.n && a.d === b.d && a.s === b.s)
}

function isOne(value: Fraction): boolean {
  return value.s > 0n && value.n === 1n && value.d === 1n
}

/** Returns a × b exactly, without an operation when either factor is 0 or 1. */
export function multiply(a: Fraction, b: Fraction): Fraction {
  if (isOne(b) || isZero(a)) return a
  if (isOne(a) || isZero(b)) return b
  return a.mul(b)
}

/** Returns a + b exactly, without an operation when either term is 0. */
export function add(a: Fraction, b: Fraction): Fraction {
  if (isZero(b)) return a
  if (isZero(a)) return b
  return a.add(b)
}

/** Returns 1 - value exactly, without an operation when the value is 0. */
export function complement(value: Fraction): Fraction {
  return isZero(value) ? ONE : ONE.sub(value)
}

/** Fractions of one denominator in a sum: the first one and their numerators added up. */
interface SumGroup {
  first: Fraction
  numerator: bigint
}

// A Map hashes a number key faster than a BigInt one, and most denominators
// of one file's costs fit in a double exactly.
const MAX_SAFE_KEY = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * Adds a list of fractions exactly. Zeros are skipped, and in a list of more
 * than three values those with the same denominator are added as BigInt
 * numerators first, because every Fraction operation allocates and runs a
 * gcd, and the costs of one file share few denominators.
 */
export function sum(values: Iterable<Fraction>): Fraction {
  const terms: Fraction[] = []
  for (const value of values) if (!isZero(value)) terms.push(value)
  if (terms.length <= 3) {
    return terms.reduce((total, term) => add(total, term), ZERO)
  }

  const groups = new Map<number | bigint, SumGroup>()
  for (const value of terms) {
    const numerator = value.s < 0n ? -value.n : value.n
    const key = value.d <= MAX_SAFE_KEY ? Number(value.d) : value.d
    const group = groups.get(key)
    if (group) group.numerator += numerator
    else groups.set(key, { first: value, numerator })
  }
  const [only] = groups.values()
  if (only && groups.size === 1) {
    if (only.numerator === 0n) return ZERO
    // An unchanged numerator means the group's sum is its first value.
    if (only.numerator === only.first.s * only.first.n) return only.first
  }

  // The groups are added over the least common multiple of their
  // denominators, so the sum is reduced once. Adding them one by one as
  // Fractions would run a gcd of two large products after every addition.
  let common = 1n
  for (const { first } of groups.values()) {
    common = (common / greatestCommonDivisor(common, first.d)) * first.d
  }
  let numerator = 0n
  for (const group of groups.values()) {
    numerator += group.numerator * (common / group.first.d)
  }
  return numerator === 0n ? ZERO : new Fraction(numerator, common)
}

/** Returns the greatest common divisor of two positive BigInts, by Euclid's algorithm. */
function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let x = a
  let y = b
  while (y !== 0n) {
    const remainder = x % y
    x = y
    y = remainder
  }
  return x
}

const POWERS_OF_TEN: bigint[] = []

function powerOfTen(exponent: number): bigint {
  let power = POWERS_OF_TEN[exponent]
  if (power === undefined) {
    power = 10n ** BigInt(exponent)
    POWERS_OF_TEN[exponent] = power
  }
  return power
}

/**
 * Returns |value| × factor × 10^places rounded half up to a whole number,
 * in BigInt on the numerator n and denominator d: floor(n × scale / d + 1/2)
 * is floor((2 × n × scale + d) / (2 × d)).
 */
function roundedUnits(value: Fraction, places: number, factor = 1n): bigint {
  const scale = powerOfTen(places) * factor
  return (2n * value.n * scale + value.d) / (2n * value.d)
}

/** Writes a whole number of 10^-places units as decimal text, without a sign. */
function unitsToText(units: bigint, places: number): string {
  if (places === 0) return units.toString()
  const digits = units.toString().padStart(places + 1, '0')
  const cut = digits.length - places
  return `${digits.slice(0, cut)}.${digits.slice(cut)}`
}

/** Rounds to `places` decimal places, half away from zero (half up in size). */
export function roundHalfUp(value: Fraction, places: number): Fraction {
  const units = roundedUnits(value, places)
  return new Fraction(value.s * units, powerOfTen(places))
}

/** Formats a fraction with exactly `places` decimals, rounded half up, no separators. */
export function toFixedHalfUp(value: Fraction, places: number): string {
  const units = roundedUnits(value, places)
  const sign = value.s < 0n && units !== 0n ? '-' : ''
  return `${sign}${unitsToText(units, places)}`
}

/** Formats USD for step outputs: `349791.67`, half up to the cent, `-` for negative values. */
export function formatCentsPlain(value: Fraction): string {
  return toFixedHalfUp(value, 2)
}

function groupThousands(digits: string): string {
  let grouped = digits.slice(0, digits.length % 3 || 3)
  for (let end = grouped.length + 3; end <= digits.length; end += 3) {
    grouped += `,${digits.slice(end - 3, end)}`
  }
  return grouped
}

/**
 * Returns the number of decimals that `formatUsd` shows: four for an amount
 * below one dollar that is not 0, else two.
 */
function usdPlaces(value: Fraction): number {
  // |value| < 1 and not 0: n < d because fraction.js keeps n non-negative.
  return value.n < value.d && value.n !== 0n ? 4 : 2
}

/** Returns a USD amount rounded half up as `formatUsd` shows it: to the cent, or to four decimals below one dollar. */
export function roundUsdForDisplay(value: Fraction): Fraction {
  return roundHalfUp(value, usdPlaces(value))
}

/**
 * Formats USD for people: `$1,230.00`. Amounts below one dollar keep up to
 * four decimals (`$0.0042`), so a small workload does not read as `$0.00`.
 * With `signed`, positive values get `+` and negative ones `−`.
 */
export function formatUsd(
  value: Fraction,
  options: { signed?: boolean } = {}
): string {
  const places = usdPlaces(value)
  const small = places === 4
  const units = roundedUnits(value, places)
  let text = unitsToText(units, places)
  // Keep at least two decimals and drop trailing zeros after them.
  if (small) text = text.replace(/(\.\d\d\d??)0+$/, '$1')
  const [whole = '0', decimals] = text.split('.')
  const body = `$${groupThousands(whole)}${decimals ? `.${decimals}` : ''}`
  const roundsToZero = units === 0n
  if (value.s < 0n && !roundsToZero) {
    return options.signed ? `−${body}` : `-${body}`
  }
  if (options.signed && !roundsToZero) return `+${body}`
  return body
}

/**
 * Formats a ratio as a percentage with thousands separators and one
 * decimal, or `places` decimals: `12.5%`, `3,152.9%`; signed adds `+`/`−`.
 */
export function formatPercent(
  ratio: Fraction,
  options: { signed?: boolean; places?: number } = {}
): string {
  const places = options.places ?? 1
  const units = roundedUnits(ratio, places, 100n)
  const [whole = '0', decimals] = unitsToText(units, places).split('.')
  const text = `${groupThousands(whole)}${decimals ? `.${decimals}` : ''}`
  const roundsToZero = units === 0n
  const negative = ratio.s < 0n && !roundsToZero
  if (negative) return options.signed ? `−${text}%` : `-${text}%`
  return options.signed && !roundsToZero ? `+${text}%` : `${text}%`
}

/** Maximum decimals of a percentage in `formatLimitShare`. */
const MAX_SHARE_PLACES = 6

/**
 * Formats the share of a limit used, such as `92.5%`. One decimal would show
 * a share just over the limit as `100.0%`, like one exactly at it. So a
 * share that rounds to 100% but is not 1 gets more decimals (`100.001%`), up
 * to six, and then reads `> 100.0%` or `< 100.0%`.
 */
export function formatLimitShare(ratio: Fraction): string {
  if (ratio.equals(ONE) || ratio.s < 0n) return formatPercent(ratio)
  for (let places = 1; places <= MAX_SHARE_PLACES; places++) {
    const units = roundedUnits(ratio, places, 100n)
    if (units !== 100n * powerOfTen(places)) {
      return formatPercent(ratio, { places })
    }
  }
  return ratio.compare(ONE) > 0 ? '> 100.0%' : '< 100.0%'
}

/** Formats a count with thousands separators, rounded half up to a whole number: `30,416,667`. */
export function formatCount(value: Fraction, places = 0): string {
  const text = toFixedHalfUp(value, places)
  const [whole = '0', decimals] = text.replace('-', '').split('.')
  const sign = text.startsWith('-') ? '-' : ''
  return `${sign}${groupThousands(whole)}${decimals ? `.${decimals}` : ''}`
}

// Rates repeat on every row of a model, and Fractions are immutable, so a
// formatted rate is kept for as long as its Fraction lives.
const formattedRates = new WeakMap<Fraction, string>()

/** Formats an exact price per 1M tokens with two to six decimals (`0.075`, `2.50`). */
export function formatRate(value: Fraction): string {
  let text = formattedRates.get(value)
  if (text === undefined) {
    text = toFixedHalfUp(value, 6).replace(/(\.\d\d\d*?)0+$/, '$1')
    formattedRates.set(value, text)
  }
  return text
}
