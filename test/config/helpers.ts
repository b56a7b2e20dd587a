import { readFileSync } from 'node:fs'
import Fraction from 'fraction.js'
import { expect } from 'vitest'
import { parseUsageFile, type ModelNameLookup } from '../../src/config/parse.js'
import { UsageFileError, type ConfigIssue } from '../../src/config/types.js'

/** Reads a fixture file as text. */
export function readFixture(name: string): string {
  return readFileSync(
    new URL(`../../fixtures/${name}`, import.meta.url),
    'utf8'
  )
}

/** Parses text and returns the errors of the UsageFileError it must throw. */
export function collectErrors(
  text: string,
  file = 'ai-usage.yml',
  models?: ModelNameLookup
): ConfigIssue[] {
  try {
    parseUsageFile(text, file, { models })
  } catch (error) {
    expect(error).toBeInstanceOf(UsageFileError)
    return (error as UsageFileError).issues
  }
  throw new Error('expected the file to be rejected')
}

/** Replaces every Fraction in a value with its `n/d` text, for readable deep comparisons. */
export function showFractions(value: unknown): unknown {
  if (value instanceof Fraction) return value.toFraction()
  if (Array.isArray(value)) return value.map(showFractions)
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(
      ([, item]) => item !== undefined
    )
    return Object.fromEntries(
      entries.map(([key, item]) => [key, showFractions(item)])
    )
  }
  return value
}
