import Fraction from 'fraction.js'
import {
  formatDecimal,
  isDecimalText,
  MAX_EXPONENT,
  parseDecimal
} from '../config/numbers.js'
import type { ConfigIssue } from '../config/types.js'
import type { PathSegment } from '../config/yaml-source.js'
import { pricingIssue, type PricingSource } from './source.js'

/** Prices above this, in USD per 1M tokens, are reported as a likely unit slip. */
const MAX_PLAUSIBLE_PRICE = new Fraction(1000)

/** Non-zero prices below this, in USD per 1M tokens, are reported as a likely unit slip. */
const MIN_PLAUSIBLE_PRICE = new Fraction(1, 1000)

const DECIMAL_STRING = /^\d+(?:\.\d+)?$/

/** YAML's infinity and not-a-number forms: `.inf`, `-.Inf`, `.nan`. */
const NOT_FINITE = /^[-+]?\.(?:inf|nan)$/i

/** How a price is written in one format of pricing file. */
export interface PriceUnit {
  /** Multiplies a written price into USD per 1M tokens. */
  toPerMillion: Fraction
  /** The unit in words, for messages: "USD per token". */
  name: string
  /** An example of a valid price in this unit. */
  example: string
  /** Whether a decimal string such as "0.30" is accepted besides a number. */
  strings: boolean
}

/**
 * Reads the price at a path exactly from its written digits and converts it
 * to USD per 1M tokens. Records an error for a value that is not a
 * non-negative number, and a warning for a price that looks like a unit slip.
 */
export function readPrice(
  source: PricingSource,
  path: PathSegment[],
  value: unknown,
  unit: PriceUnit,
  issues: ConfigIssue[]
): Fraction | undefined {
  const text =
    typeof value === 'number'
      ? source.numberText(path)
      : unit.strings && typeof value === 'string' && DECIMAL_STRING.test(value)
        ? value
        : undefined
  const written = text === undefined ? undefined : parseDecimal(text)
  if (written === undefined || written.s < 0n) {
    issues.push(
      pricingIssue(source, {
        path,
        message: describeInvalidPrice(source.numberText(path), unit),
        fix: `Write a non-negative number in ${unit.name}, such as ${unit.example}`
      })
    )
    return undefined
  }
  const price = written.mul(unit.toPerMillion)
  const slip = describeUnitSlip(price, unit)
  if (slip) {
    issues.push(pricingIssue(source, { path, ...slip, severity: 'warning' }))
  }
  return price
}

/** Explains why a price is invalid, from the number text written at its path if there is any. */
function describeInvalidPrice(
  numberText: string | undefined,
  unit: PriceUnit
): string {
  if (numberText === undefined)
    return `a price must be a number in ${unit.name}`
  if (!isDecimalText(numberText)) {
    return NOT_FINITE.test(numberText)
      ? 'a price must be a finite number'
      : 'a price must be a decimal number'
  }
  // A number such as 1e309 is too large for a double, so JSON and YAML
  // readers turn it into Infinity.
  if (!Number.isFinite(Number(numberText))) {
    return 'a price must be a finite number, and this one is too large, so it is read as infinity'
  }
  if (parseDecimal(numberText) === undefined) {
    return `a price is out of range (powers of ten from -${MAX_EXPONENT} to ${MAX_EXPONENT})`
  }
  return 'a price cannot be negative'
}

function describeUnitSlip(
  price: Fraction,
  unit: PriceUnit
): { message: string; fix: string } | undefined {
  const perMillion = formatDecimal(price)
  if (price.gt(MAX_PLAUSIBLE_PRICE)) {
    return {
      message: `the price is $${perMillion} per 1M tokens, above $1000, which suggests a unit slip`,
      fix: `Write the price in ${unit.name}, such as ${unit.example}`
    }
  }
  if (price.gt(0) && price.lt(MIN_PLAUSIBLE_PRICE)) {
    return {
      message: `the price is $${perMillion} per 1M tokens, below $0.001, which suggests a unit slip`,
      fix: `Write the price in ${unit.name}, such as ${unit.example}`
    }
  }
  return undefined
}
