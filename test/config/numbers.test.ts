import Fraction from 'fraction.js'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import {
  diagnoseNumberText,
  formatPercent,
  parseDecimal,
  parsePercent
} from '../../src/config/numbers.js'
import { usageFileSchema } from '../../src/config/parse.js'

describe('parseDecimal', () => {
  test.each([
    ['0.30', '3/10'],
    ['1e6', '1000000'],
    ['2.5E-3', '1/400'],
    ['.5', '1/2'],
    ['5.', '5'],
    ['+5', '5'],
    ['-0.25', '-1/4'],
    ['010', '10'],
    ['123456789012345678901234567890', '123456789012345678901234567890']
  ])('%s is %s', (text, expected) => {
    expect(parseDecimal(text)?.toFraction()).toBe(expected)
  })

  test.each(['', '.', '1e', '0x1F', '1_000', '1,000', '1e301', 'abc'])(
    '%s is not read',
    text => {
      expect(parseDecimal(text)).toBeUndefined()
    }
  )
})

describe('parsePercent', () => {
  test.each([
    ['80%', '4/5'],
    ['12.5%', '1/8'],
    ['0.01%', '1/10000'],
    ['-5%', '-1/20'],
    ['150%', '3/2']
  ])('%s is %s', (text, expected) => {
    expect(parsePercent(text)?.toFraction()).toBe(expected)
  })

  test('80 without sign is not a percentage', () => {
    expect(parsePercent('80')).toBeUndefined()
  })

  test('formats 1/8 as 12.5%', () => {
    expect(formatPercent(new Fraction(1, 8))).toBe('12.5%')
  })
})

describe('diagnoseNumberText', () => {
  test.each([
    ['1,000,000', false, 'write 1000000'],
    ['100_000', false, 'write 100000'],
    ['0x10', false, 'write the decimal value 16'],
    ['0o10', false, 'write the decimal value 8'],
    ['.NaN', false, 'write a finite number such as 1000'],
    ['-.inf', false, 'write a finite number such as 1000'],
    ['250', true, 'write 250 without quotes'],
    [
      '1e999',
      false,
      'write a number of a size that a price, volume or budget can have'
    ]
  ])('%s', (text, quoted, fix) => {
    expect(diagnoseNumberText(text, quoted)?.fix).toBe(fix)
  })

  test('plain text has no diagnosis', () => {
    expect(diagnoseNumberText('lots', false)).toBeUndefined()
  })
})

describe('usageFileSchema', () => {
  test('converts to JSON Schema', () => {
    const schema = z.toJSONSchema(usageFileSchema, { io: 'input' })
    expect(schema.required).toEqual(['version', 'workloads'])
    expect(schema.additionalProperties).toBe(false)
    expect(JSON.stringify(schema)).toContain('a ratio from 0 to 100%')
  })
})
