import Fraction from 'fraction.js'

// Number forms in a usage file (YAML 1.2 core schema), and what happens to
// each. A value is always read from its source text, never from a JS number,
// so `0.30` is exactly 3/10:
// - `1000`, `0.30`, `.5`, `5.`, `+5`: read exactly;
// - `0755`, `010`: rejected, because YAML 1.1 tools read a leading zero as
//   octal (493, 8) and YAML 1.2 as decimal (755, 10);
// - `1e6`, `2.5E-3`: read exactly (1000000 and 1/400);
// - `80%`, `12.5%`: text that ratio fields read exactly (4/5 and 1/8);
// - `100_000`: YAML 1.2 reads it as text, so it is rejected ("write 100000");
// - `"1,000"`, and `1,000` in a block mapping: text, rejected ("write 1000").
//   In a flow mapping the comma splits it into `1` and a key `000`, which is
//   an unknown key whose fix names thousands separators;
// - `0x1F`, `0o17`: rejected, with the decimal value in the fix;
// - `.nan`, `.inf`, `-.inf`: rejected as not finite;
// - `true`, `"1000"` (quoted): text or booleans, rejected where a number
//   belongs.
// Signs are read here, and the schema decides which fields may be negative.

const DECIMAL_PATTERN = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/
const PERCENT_PATTERN = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+))%$/
/** An amount with a dollar sign or USD before or after it, such as `$25,000` or `25000 USD`. */
const CURRENCY_PATTERNS = [
  /^(?:\$|USD\s)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$/i,
  /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:\$|USD)$/i
]
const THOUSANDS_PATTERN = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/
const UNDERSCORE_PATTERN = /^[-+]?\d+(?:_\d+)+(?:\.\d+)?$/
const LEADING_ZERO_PATTERN = /^[-+]?0\d/
const HEX_PATTERN = /^0x[0-9a-fA-F]+$/
const OCTAL_PATTERN = /^0o[0-7]+$/
const NAN_PATTERN = /^\.(?:nan|NaN|NAN)$/
const INFINITY_PATTERN = /^[-+]?\.(?:inf|Inf|INF)$/

// A power of ten beyond this is rejected, so `1e999999999` cannot allocate
// a huge BigInt. It is far beyond any price, volume or budget.
export const MAX_EXPONENT = 300

/** Checks whether text is a decimal number in the YAML 1.2 core form, with an optional exponent. */
export function isDecimalText(text: string): boolean {
  const match = DECIMAL_PATTERN.exec(text)
  if (!match) return false
  const digits = (match[2] ?? '') + (match[3] ?? '')
  return digits.length > 0
}

/** Checks whether number text starts with a zero followed by a digit, as `0755` does. */
export function hasLeadingZero(text: string): boolean {
  return LEADING_ZERO_PATTERN.test(text)
}

/** Parses decimal text such as `0.30` or `1e6` into an exact fraction, or returns undefined for other text or an exponent out of range. */
export function parseDecimal(text: string): Fraction | undefined {
  const match = DECIMAL_PATTERN.exec(text)
  if (!match) return undefined
  const [, sign = '', whole = '', fraction = '', exponentText] = match
  if (whole.length + fraction.length === 0) return undefined

  const exponent = Number(exponentText ?? '0') - fraction.length
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined

  let numerator = BigInt(whole + fraction)
  let denominator = 1n
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent)
  else denominator = 10n ** BigInt(-exponent)
  if (sign === '-') numerator = -numerator
  return new Fraction(numerator, denominator)
}

/** Parses percent text such as `12.5%` into an exact ratio (1/8), or returns undefined. */
export function parsePercent(text: string): Fraction | undefined {
  const match = PERCENT_PATTERN.exec(text.trim())
  if (!match?.[1]) return undefined
  return parseDecimal(match[1])?.div(100)
}

/** Checks whether text is a percentage such as `80%` or `12.5%`. */
export function isPercentText(text: string): boolean {
  return PERCENT_PATTERN.test(text.trim())
}

/** Formats an exact value as decimal text for messages, such as `0.125`. */
export function formatDecimal(value: Fraction): string {
  const text = value.toString()
  // fraction.js marks a repeating decimal with brackets, as in `0.(3)`.
  return text.includes('(') ? value.toString(6) : text
}

/** Formats an exact ratio as a percentage for messages, such as `12.5%`. */
export function formatPercent(ratio: Fraction): string {
  return `${formatDecimal(ratio.mul(100))}%`
}

/** Problem with text written where a number belongs, in words and with a fix. */
export interface NumberTextProblem {
  message: string
  fix: string
}

/** Explains why text written where a number belongs is not read as one, and what to write instead. */
export function diagnoseNumberText(
  text: string,
  quoted: boolean
): NumberTextProblem | undefined {
  const amount = CURRENCY_PATTERNS.map(pattern => pattern.exec(text)?.[1]).find(
    match => match !== undefined
  )
  if (amount !== undefined) {
    const plain = amount.replaceAll(',', '')
    return {
      message:
        'a number is written without a currency sign, because amounts are in USD',
      fix: `write ${plain}`
    }
  }
  if (THOUSANDS_PATTERN.test(text)) {
    const plain = text.replaceAll(',', '')
    return {
      message: 'thousands separators are not allowed in numbers',
      fix: `write ${plain}`
    }
  }
  if (UNDERSCORE_PATTERN.test(text)) {
    const plain = text.replaceAll('_', '')
    return {
      message: 'YAML 1.2 reads a number with underscores as text',
      fix: `write ${plain}`
    }
  }
  return diagnoseSpecialForm(text) ?? diagnoseQuoted(text, quoted)
}

function diagnoseSpecialForm(text: string): NumberTextProblem | undefined {
  if (hasLeadingZero(text) && isDecimalText(text))
    return diagnoseLeadingZero(text)
  if (HEX_PATTERN.test(text)) {
    return {
      message: 'hexadecimal numbers are not accepted',
      fix: `write the decimal value ${BigInt(text).toString()}`
    }
  }
  if (OCTAL_PATTERN.test(text)) {
    return {
      message: 'octal numbers are not accepted',
      fix: `write the decimal value ${BigInt(text).toString()}`
    }
  }
  if (NAN_PATTERN.test(text)) {
    return {
      message: 'not a number',
      fix: 'write a finite number such as 1000'
    }
  }
  if (INFINITY_PATTERN.test(text)) {
    return {
      message: 'infinite values are not accepted',
      fix: 'write a finite number such as 1000'
    }
  }
  return undefined
}

function diagnoseLeadingZero(text: string): NumberTextProblem {
  const decimal = parseDecimal(text)
  const plain = decimal ? formatDecimal(decimal) : text
  const message = /^[-+]?[0-7]+$/.test(text)
    ? `YAML 1.1 tools read ${text} as octal ${parseInt(text, 8)} and YAML 1.2 as ${plain}`
    : `YAML 1.1 tools do not read ${text} as a decimal number, and YAML 1.2 reads it as ${plain}`
  return {
    message: `${message}, so a leading zero is not accepted`,
    fix: `write ${plain} without the leading zero`
  }
}

function diagnoseQuoted(
  text: string,
  quoted: boolean
): NumberTextProblem | undefined {
  if (!isDecimalText(text)) return undefined
  if (quoted) {
    return {
      message: 'a number in quotes is text',
      fix: `write ${text} without quotes`
    }
  }
  // A plain decimal only reaches here when it cannot be read as a finite
  // number in the accepted range.
  return {
    message: `the number is out of range (powers of ten up to ${MAX_EXPONENT})`,
    fix: 'write a number of a size that a price, volume or budget can have'
  }
}
