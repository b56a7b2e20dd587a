import fc from 'fast-check'
import Fraction from 'fraction.js'
import { describe, expect, it } from 'vitest'
import {
  ONE,
  ZERO,
  add,
  complement,
  formatCentsPlain,
  formatCount,
  formatLimitShare,
  formatPercent,
  formatRate,
  formatUsd,
  multiply,
  roundHalfUp,
  sameValue,
  sum,
  toFixedHalfUp
} from '../../src/cost/money.js'
import { arbitraryFraction, f } from './build.js'

/** Rounds |value| × 10^places half up with Fraction operations only. */
function referenceUnits(value: Fraction, places: number): bigint {
  const scaled = value.abs().mul(new Fraction(10n ** BigInt(places)))
  return scaled.add(new Fraction(1, 2)).floor().n
}

/** Formats like toFixedHalfUp, from the Fraction-only rounding above. */
function referenceFixed(value: Fraction, places: number): string {
  const units = referenceUnits(value, places)
  const scale = 10n ** BigInt(places)
  const sign = value.s < 0n && units !== 0n ? '-' : ''
  const whole = (units / scale).toString()
  if (places === 0) return `${sign}${whole}`
  const decimals = (units % scale).toString().padStart(places, '0')
  return `${sign}${whole}.${decimals}`
}

const fractions = arbitraryFraction(15, 9)

describe('money formatting', () => {
  it('rounds half up to the cent', () => {
    expect(formatCentsPlain(f('349791.665'))).toBe('349791.67')
    expect(formatCentsPlain(f('349791.6649'))).toBe('349791.66')
    expect(formatCentsPlain(f(1, 3))).toBe('0.33')
    expect(formatCentsPlain(f(2, 3))).toBe('0.67')
  })

  it('rounds negative halves away from zero', () => {
    expect(formatCentsPlain(f('-0.005'))).toBe('-0.01')
    expect(formatCentsPlain(f('-0.004'))).toBe('0.00')
    expect(roundHalfUp(f('-2.5'), 0).equals(f(-3))).toBe(true)
  })

  it('groups thousands and signs deltas', () => {
    expect(formatUsd(f('1230'))).toBe('$1,230.00')
    expect(formatUsd(f('1234567.891'))).toBe('$1,234,567.89')
    expect(formatUsd(f('51.25'), { signed: true })).toBe('+$51.25')
    expect(formatUsd(f('-51.25'), { signed: true })).toBe('−$51.25')
    expect(formatUsd(f(0), { signed: true })).toBe('$0.00')
  })

  it('keeps digits below one dollar', () => {
    expect(formatUsd(f('0.0042'))).toBe('$0.0042')
    expect(formatUsd(f('0.5'))).toBe('$0.50')
    expect(formatUsd(f('0.12345'))).toBe('$0.1235')
  })

  it('formats percentages with one decimal', () => {
    expect(formatPercent(f(1, 8))).toBe('12.5%')
    expect(formatPercent(f(1, 3), { signed: true })).toBe('+33.3%')
    expect(formatPercent(f(-1, 3), { signed: true })).toBe('−33.3%')
  })

  it('groups the thousands of a percentage', () => {
    // 31.529 is 3,152.9%, and -1,000,000 is -100,000,000.0%.
    expect(formatPercent(f('31.529'), { signed: true })).toBe('+3,152.9%')
    expect(formatPercent(f(-1_000_000))).toBe('-100,000,000.0%')
    // 1/8 with three places is 12.500%.
    expect(formatPercent(f(1, 8), { places: 3 })).toBe('12.500%')
  })

  it('never rounds a share of a limit across 100%', () => {
    // $1,277.50 of $1,277.49 is 1 + 0.01 / 1,277.49 = 1.0000078…, which is
    // 100.00078…%: 100.0% and 100.00% to one and two places, 100.001% to three.
    expect(formatLimitShare(f('1277.50').div(f('1277.49')))).toBe('100.001%')
    // 0.9996 is 99.96%, which one decimal would show as 100.0%.
    expect(formatLimitShare(f('0.9996'))).toBe('99.96%')
    expect(formatLimitShare(f(1))).toBe('100.0%')
    expect(formatLimitShare(f('0.925'))).toBe('92.5%')
    // 1 + 10^-12 needs more than six decimals of a percent.
    expect(formatLimitShare(f(1).add(f(1, 10 ** 12)))).toBe('> 100.0%')
    expect(formatLimitShare(f(1).sub(f(1, 10 ** 12)))).toBe('< 100.0%')
  })
})

describe('money rounding edges', () => {
  it('rounds a value just under one dollar up to $1.00', () => {
    // 0.99996 × 10^4 = 9999.6, which rounds to 10000, so 1.0000 and $1.00.
    expect(formatUsd(f('0.99996'))).toBe('$1.00')
  })

  it('shows no sign on a value that rounds to zero', () => {
    // 0.00004 × 10^4 = 0.4, which rounds down to 0.
    expect(formatUsd(f('-0.00004'), { signed: true })).toBe('$0.00')
    // -0.0004 is -0.04%, which rounds to 0.0%.
    expect(formatPercent(f('-0.0004'), { signed: true })).toBe('0.0%')
  })

  it('formats whole units without a point', () => {
    expect(toFixedHalfUp(f('2.5'), 0)).toBe('3')
    expect(toFixedHalfUp(f('-2.5'), 0)).toBe('-3')
    expect(toFixedHalfUp(f('-0.4'), 0)).toBe('0')
  })

  it('pads decimals below one unit', () => {
    // 1/400 = 0.0025, which rounds half up to 0.003.
    expect(toFixedHalfUp(f(1, 400), 3)).toBe('0.003')
    expect(toFixedHalfUp(f(1, 400), 6)).toBe('0.002500')
  })

  it('formats counts and rates', () => {
    // 1,000,000 × 365 / 12 = 30,416,666.67 requests a month.
    expect(formatCount(f(365_000_000, 12))).toBe('30,416,667')
    expect(formatCount(f(365_000_000, 12), 2)).toBe('30,416,666.67')
    expect(formatCount(f('-1234.5'))).toBe('-1,235')
    expect(formatRate(f('0.075'))).toBe('0.075')
    expect(formatRate(f('2.5'))).toBe('2.50')
    // 1/3 = 0.333333 to six places.
    expect(formatRate(f(1, 3))).toBe('0.333333')
  })

  it('matches Fraction rounding for any value', () => {
    fc.assert(
      fc.property(
        fractions,
        fc.integer({ min: 0, max: 8 }),
        (value, places) => {
          expect(toFixedHalfUp(value, places)).toBe(
            referenceFixed(value, places)
          )
          const rounded = roundHalfUp(value, places)
          const expected = new Fraction(
            value.s * referenceUnits(value, places),
            10n ** BigInt(places)
          )
          expect(rounded.equals(expected)).toBe(true)
        }
      )
    )
  })

  it('matches Fraction rounding in USD and percent', () => {
    fc.assert(
      fc.property(fractions, value => {
        const small = value.abs().compare(1) < 0 && !value.equals(0)
        const fixed = referenceFixed(value.abs(), small ? 4 : 2)
        const digits = fixed.replace(/[.]/g, '').replace(/^0+/, '')
        expect(formatUsd(value).replace(/[$,-]/g, '')).toBe(
          small ? fixed.replace(/(\.\d\d\d??)0+$/, '$1') : fixed
        )
        expect(formatUsd(value).startsWith('-')).toBe(
          value.s < 0n && digits !== ''
        )
        const percent = referenceFixed(value.mul(100), 1)
        expect(formatPercent(value).replace(/,/g, '')).toBe(`${percent}%`)
      })
    )
  })
})

describe('thousands separators', () => {
  it('groups every length of whole number', () => {
    const cases: [string, string][] = [
      ['0', '0'],
      ['12', '12'],
      ['123', '123'],
      ['1234', '1,234'],
      ['123456', '123,456'],
      ['1234567', '1,234,567'],
      ['-1234567', '-1,234,567']
    ]
    for (const [value, grouped] of cases) {
      expect(formatCount(f(value))).toBe(grouped)
    }
  })

  it('matches a comma every three digits from the right', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), whole => {
        const digits = whole.toString()
        let expected = ''
        for (let i = 0; i < digits.length; i++) {
          const left = digits.length - i
          expected += digits[i]
          if (left > 1 && (left - 1) % 3 === 0) expected += ','
        }
        expect(formatCount(new Fraction(whole))).toBe(expected)
        expect(formatUsd(new Fraction(whole))).toBe(`$${expected}.00`)
      })
    )
  })

  it('formats a rate again from its cache', () => {
    const rate = f('0.075')
    expect(formatRate(rate)).toBe('0.075')
    expect(formatRate(rate)).toBe('0.075')
  })
})

describe('exact sums', () => {
  it('adds an empty list to zero', () => {
    expect(sum([]).equals(ZERO)).toBe(true)
  })

  it('adds values over different denominators', () => {
    // 1/3 + 1/6 = 1/2, and 1/2 + 1/4 = 3/4.
    expect(sum([f(1, 3), f(1, 6), f(1, 4)]).equals(f(3, 4))).toBe(true)
  })

  it('adds values that cancel out to zero', () => {
    // 1/3 + 1/6 - 1/2 = 0.
    expect(sum([f(1, 3), f(1, 6), f(-1, 2)]).equals(ZERO)).toBe(true)
  })

  it('adds values over one denominator', () => {
    // Five twelfths minus one twelfth: 4/12 = 1/3.
    const twelfths = [1, 1, 1, 1, 1, -1].map(n => f(n, 12))
    expect(sum(twelfths).equals(f(1, 3))).toBe(true)
  })

  it('returns a single value unchanged', () => {
    const value = f(7, 9)
    expect(sum([value])).toBe(value)
  })

  it('matches adding one by one', () => {
    fc.assert(
      fc.property(fc.array(fractions, { maxLength: 30 }), values => {
        const expected = values.reduce((total, v) => total.add(v), ZERO)
        expect(sum(values).equals(expected)).toBe(true)
      })
    )
  })

  it('matches adding one by one past 2^53', () => {
    // Denominators of up to 20 digits are past Number.MAX_SAFE_INTEGER, and
    // those of one digit repeat, so values of one denominator are grouped.
    const mixed = fc.oneof(arbitraryFraction(30, 20), arbitraryFraction(6, 1))
    fc.assert(
      fc.property(fc.array(mixed, { maxLength: 40 }), values => {
        const expected = values.reduce((total, v) => total.add(v), ZERO)
        expect(sum(values).equals(expected)).toBe(true)
      })
    )
  })

  it('adds equal large denominators as one group', () => {
    // 2^60 + 1 is past Number.MAX_SAFE_INTEGER: 1/d + 2/d + 3/d + 4/d = 10/d.
    const d = 2n ** 60n + 1n
    const values = [1n, 2n, 3n, 4n].map(n => new Fraction(n, d))
    expect(sum(values).equals(new Fraction(10n, d))).toBe(true)
  })
})

describe('sameValue', () => {
  it('matches equal values made apart', () => {
    // 2/4 reduces to 1/2, and 1/3 - 1/3 is 0 like 0 itself.
    expect(sameValue(f(2, 4), f(1, 2))).toBe(true)
    expect(sameValue(f(1, 3).sub(f(1, 3)), ZERO)).toBe(true)
    expect(sameValue(f(-0), ZERO)).toBe(true)
    expect(sameValue(f(-3, 6), f(1, -2))).toBe(true)
  })

  it('tells different values apart', () => {
    expect(sameValue(f(1, 2), f(-1, 2))).toBe(false)
    expect(sameValue(f(1, 2), f(1, 3))).toBe(false)
    expect(sameValue(f(2), f(2, 3))).toBe(false)
  })

  it('agrees with equals()', () => {
    fc.assert(
      fc.property(fractions, fractions, (a, b) => {
        expect(sameValue(a, b)).toBe(a.equals(b))
        expect(sameValue(a, a.mul(1))).toBe(true)
      })
    )
  })
})

describe('shortcut arithmetic', () => {
  it('multiplies with 0 and 1 without changing the value', () => {
    const value = f(3, 7)
    expect(multiply(value, ONE)).toBe(value)
    expect(multiply(ONE, value)).toBe(value)
    expect(multiply(value, ZERO).equals(ZERO)).toBe(true)
    expect(multiply(ZERO, value).equals(ZERO)).toBe(true)
    expect(multiply(f(-1), value).equals(f(-3, 7))).toBe(true)
  })

  it('adds zero without changing the value', () => {
    const value = f(3, 7)
    expect(add(value, ZERO)).toBe(value)
    expect(add(ZERO, value)).toBe(value)
    // 3/7 + 4/7 = 1.
    expect(add(value, f(4, 7)).equals(ONE)).toBe(true)
  })

  it('takes the complement of a share', () => {
    expect(complement(ZERO)).toBe(ONE)
    // 1 - 3/5 = 2/5.
    expect(complement(f(3, 5)).equals(f(2, 5))).toBe(true)
  })

  it('matches Fraction operations for any value', () => {
    const special = fc.constantFrom(ZERO, ONE, f(-1))
    const values = fc.oneof(fractions, special)
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(multiply(a, b).equals(a.mul(b))).toBe(true)
        expect(add(a, b).equals(a.add(b))).toBe(true)
        expect(complement(a).equals(ONE.sub(a))).toBe(true)
      })
    )
  })
})
