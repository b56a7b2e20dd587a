import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ZERO, roundHalfUp } from '../../src/cost/money.js'
import {
  RATIO_ZERO,
  minusRatio,
  plusRatio,
  ratioOf,
  timesRatio,
  toFraction,
  wholePercentOf
} from '../../src/cost/ratio.js'
import { arbitraryFraction, f } from './build.js'

const fractions = arbitraryFraction(12, 6)

describe('unreduced ratios', () => {
  it('keeps the sign in the numerator', () => {
    expect(ratioOf(f(-3, 4))).toEqual({ n: -3n, d: 4n })
    expect(ratioOf(f(3, 4))).toEqual({ n: 3n, d: 4n })
  })

  it('multiplies without reducing', () => {
    // 2/4 × 3/6 = 6/24, which is 1/4.
    const product = timesRatio({ n: 2n, d: 4n }, { n: 3n, d: 6n })
    expect(product).toEqual({ n: 6n, d: 24n })
    expect(toFraction(product).equals(f(1, 4))).toBe(true)
  })

  it('adds over a shared denominator', () => {
    // 1/12 + 5/12 = 6/12, which is 1/2.
    const total = plusRatio({ n: 1n, d: 12n }, { n: 5n, d: 12n })
    expect(total).toEqual({ n: 6n, d: 12n })
    expect(toFraction(total).equals(f(1, 2))).toBe(true)
  })

  it('adds over different denominators', () => {
    // 1/3 + 1/4 = (4 + 3)/12 = 7/12.
    const total = plusRatio({ n: 1n, d: 3n }, { n: 1n, d: 4n })
    expect(toFraction(total).equals(f(7, 12))).toBe(true)
  })

  it('subtracts down to zero', () => {
    const difference = minusRatio({ n: 5n, d: 2n }, { n: 10n, d: 4n })
    expect(toFraction(difference)).toBe(ZERO)
  })

  it('returns zero for a zero factor', () => {
    expect(timesRatio(RATIO_ZERO, { n: 7n, d: 3n })).toBe(RATIO_ZERO)
    expect(timesRatio({ n: 7n, d: 3n }, { n: 0n, d: 5n })).toBe(RATIO_ZERO)
  })

  it('matches Fraction arithmetic for any value', () => {
    fc.assert(
      fc.property(fractions, fractions, (a, b) => {
        const x = ratioOf(a)
        const y = ratioOf(b)
        expect(toFraction(timesRatio(x, y)).equals(a.mul(b))).toBe(true)
        expect(toFraction(plusRatio(x, y)).equals(a.add(b))).toBe(true)
        expect(toFraction(minusRatio(x, y)).equals(a.sub(b))).toBe(true)
      })
    )
  })
})

describe('wholePercentOf', () => {
  it('rounds half away from zero', () => {
    // 1/8 is 12.5%, which rounds to 13; -1/8 to -13; 1/3 is 33.3% to 33.
    expect(wholePercentOf({ n: 1n, d: 8n }, { n: 1n, d: 1n })).toBe(13n)
    expect(wholePercentOf({ n: -1n, d: 8n }, { n: 1n, d: 1n })).toBe(-13n)
    expect(wholePercentOf({ n: 1n, d: 8n }, { n: -1n, d: 1n })).toBe(-13n)
    expect(wholePercentOf({ n: 2n, d: 6n }, { n: 2n, d: 2n })).toBe(33n)
    expect(wholePercentOf(RATIO_ZERO, { n: 5n, d: 3n })).toBe(0n)
  })

  it('matches rounding the Fraction', () => {
    const nonZero = fractions.filter(value => !value.equals(ZERO))
    fc.assert(
      fc.property(fractions, nonZero, (part, total) => {
        const expected = roundHalfUp(part.div(total).mul(100), 0)
        const percent = wholePercentOf(ratioOf(part), ratioOf(total))
        expect(expected.equals(toFraction({ n: percent, d: 1n }))).toBe(true)
      })
    )
  })
})
