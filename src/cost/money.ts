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

/** Adds a list of fractions exactly. */
export function sum(values: Iterable<Fraction>): Fraction {
  let total = ZERO
  for (const value of values) total = total.add(value)
  return total
}

/** Rounds to `places` decimal places, half away from zero (half up in size). */
export function roundHalfUp(value: Fraction, places: number): Fraction {
  const scale = new Fraction(10n ** BigInt(places))
  const scaled = value.abs().mul(scale)
  const rounded = scaled.add(new Fraction(1, 2)).floor()
  const result = rounded.div(scale)
  return value.s < 0n ? result.neg() : result
}

/** Formats a fraction with exactly `places` decimals, rounded half up, no separators. */
export function toFixedHalfUp(value: Fraction, places: number): string {
  const rounded = roundHalfUp(value, places)
  const scale = 10n ** BigInt(places)
  // rounded × 10^places is a whole number, so its numerator is the digits.
  const units = rounded.abs().mul(new Fraction(scale)).n
  const whole = units / scale
  const decimals = (units % scale).toString().padStart(places, '0')
  const sign = rounded.s < 0n && units !== 0n ? '-' : ''
  return places === 0 ? `${sign}${whole}` : `${sign}${whole}.${decimals}`
}

/** Formats USD for step outputs: `349791.67`, half up to the cent, `-` for negative values. */
export function formatCentsPlain(value: Fraction): string {
  return toFixedHalfUp(value, 2)
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
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
  const magnitude = value.abs()
  const small = magnitude.compare(ONE) < 0 && !magnitude.equals(ZERO)
  let text = toFixedHalfUp(magnitude, small ? 4 : 2)
  // Keep at least two decimals and drop trailing zeros after them.
  if (small) text = text.replace(/(\.\d\d\d??)0+$/, '$1')
  const [whole = '0', decimals] = text.split('.')
  const body = `$${groupThousands(whole)}${decimals ? `.${decimals}` : ''}`
  const isZero =
    toFixedHalfUp(magnitude, small ? 4 : 2).replace(/[0.]/g, '') === ''
  if (value.s < 0n && !isZero) return options.signed ? `−${body}` : `-${body}`
  if (options.signed && !isZero) return `+${body}`
  return body
}

/** Formats a ratio as a percentage with one decimal: `12.5%`; signed adds `+`/`−`. */
export function formatPercent(
  ratio: Fraction,
  options: { signed?: boolean } = {}
): string {
  const text = toFixedHalfUp(ratio.mul(100).abs(), 1)
  const isZero = text === '0.0'
  const negative = ratio.s < 0n && !isZero
  if (negative) return options.signed ? `−${text}%` : `-${text}%`
  return options.signed && !isZero ? `+${text}%` : `${text}%`
}

/** Formats a count with thousands separators, rounded half up to a whole number: `30,416,667`. */
export function formatCount(value: Fraction, places = 0): string {
  const text = toFixedHalfUp(value, places)
  const [whole = '0', decimals] = text.replace('-', '').split('.')
  const sign = text.startsWith('-') ? '-' : ''
  return `${sign}${groupThousands(whole)}${decimals ? `.${decimals}` : ''}`
}

/** Formats an exact price per 1M tokens with two to six decimals (`0.075`, `2.50`). */
export function formatRate(value: Fraction): string {
  return toFixedHalfUp(value, 6).replace(/(\.\d\d\d*?)0+$/, '$1')
}
