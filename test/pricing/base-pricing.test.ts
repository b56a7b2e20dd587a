import { describe, expect, it } from 'vitest'
import {
  describePricingChange,
  loadBasePricing
} from '../../src/pricing/base-pricing.js'
import { findModel, loadCatalog, priceOn } from '../../src/pricing/catalog.js'
import { loadPricingFile } from '../../src/pricing/pricing-file.js'
import type { Catalog } from '../../src/pricing/types.js'
import { TEST_CATALOG } from '../cost/prices.js'

// The base version of a pricing file prices the base side, so that a price
// change made by a pull request shows as such. Catalog: test/cost/prices.ts,
// where nano costs 0.20 / 1.25 per 1M tokens.

const FILE = 'prices.yml'

const NANO_040 = 'models:\n  - id: nano\n    prices: [{ input: 0.40 }]\n'
const NANO_030 = 'models:\n  - id: nano\n    prices: [{ input: 0.30 }]\n'
const ACME =
  'models:\n  - id: acme-ft\n    provider: openai\n    prices: [{ input: 1, output: 2 }]\n'

function head(text: string) {
  return { text, loaded: loadPricingFile(TEST_CATALOG, text, FILE) }
}

function nanoInput(catalog: Catalog): string | undefined {
  const model = findModel(catalog, 'nano')
  return model && priceOn(model, '2026-12-04').input.toFraction()
}

describe('loadBasePricing', () => {
  it('prices the base with its own version', () => {
    const result = loadBasePricing(
      TEST_CATALOG,
      head(NANO_040),
      { state: 'found', text: NANO_030 },
      FILE
    )
    if (!('catalog' in result)) throw new Error(result.unavailable)
    expect(nanoInput(result.catalog)).toBe('3/10')
    expect(result.note).toBe(
      'This change edits the pricing file prices.yml, which changes the prices of nano. Base and head are each priced with their own version, so the edit counts as the price part of the change.'
    )
  })

  it('reuses the head catalog for the same text', () => {
    const pricing = head(NANO_040)
    const result = loadBasePricing(
      TEST_CATALOG,
      pricing,
      { state: 'found', text: NANO_040 },
      FILE
    )
    expect(result).toEqual({ catalog: pricing.loaded.catalog })
  })

  it('uses the catalog alone for a file new in the change', () => {
    const result = loadBasePricing(
      TEST_CATALOG,
      head(NANO_040),
      { state: 'missing' },
      FILE
    )
    if (!('catalog' in result)) throw new Error(result.unavailable)
    expect(result.catalog).toBe(TEST_CATALOG)
    expect(result.note).toBe(
      'The pricing file prices.yml is new in this change and changes the prices of nano. The base is priced with the bundled catalog alone, so the new prices count as the price part of the change.'
    )
  })

  it('shares a file that is not versioned', () => {
    const pricing = head(NANO_040)
    const result = loadBasePricing(
      TEST_CATALOG,
      pricing,
      { state: 'shared', reason: 'it is outside the repository' },
      FILE
    )
    expect(result).toEqual({ catalog: pricing.loaded.catalog })
  })

  it('reports an unreadable base version', () => {
    const result = loadBasePricing(
      TEST_CATALOG,
      head(NANO_040),
      { state: 'unavailable', reason: 'Server Error' },
      FILE
    )
    expect(result).toEqual({
      unavailable:
        'the pricing file prices.yml could not be read at the base: Server Error',
      unreadable: true
    })
  })

  it('reports an invalid base version', () => {
    const result = loadBasePricing(
      TEST_CATALOG,
      head(NANO_040),
      {
        state: 'found',
        text: 'models:\n  - id: nano\n    prices: [{ input: -1 }]\n'
      },
      FILE
    )
    expect(result).toEqual({
      unavailable:
        'the base version of the pricing file prices.yml is invalid: line 3, models[0].prices[0].input, a price cannot be negative'
    })
  })
})

describe('describePricingChange', () => {
  it('names changed, added and removed models', () => {
    const base = loadPricingFile(TEST_CATALOG, NANO_030, FILE).catalog
    const headCatalog = loadPricingFile(
      TEST_CATALOG,
      NANO_040 + ACME.replace('models:\n', ''),
      FILE
    ).catalog
    expect(
      describePricingChange(FILE, base, headCatalog, { newFile: false })
    ).toBe(
      'This change edits the pricing file prices.yml, which changes the prices of nano and adds acme-ft. Base and head are each priced with their own version, so the edit counts as the price part of the change.'
    )
    expect(
      describePricingChange(FILE, headCatalog, base, { newFile: false })
    ).toBe(
      'This change edits the pricing file prices.yml, which changes the prices of nano and removes acme-ft. Base and head are each priced with their own version, so the edit counts as the price part of the change.'
    )
  })

  it('stays quiet when only the source changes', () => {
    const base = loadPricingFile(TEST_CATALOG, NANO_040, FILE).catalog
    const headCatalog = loadPricingFile(
      TEST_CATALOG,
      `# checked again\n${NANO_040}`,
      FILE
    ).catalog
    expect(
      describePricingChange(FILE, base, headCatalog, { newFile: false })
    ).toBeUndefined()
  })

  it('stays quiet for a file that repeats catalog prices', () => {
    const repeat = 'models:\n  - id: nano\n    prices: [{ input: 0.20 }]\n'
    const headCatalog = loadPricingFile(TEST_CATALOG, repeat, FILE).catalog
    expect(
      describePricingChange(FILE, TEST_CATALOG, headCatalog, { newFile: true })
    ).toBeUndefined()
  })

  it('stays quiet for a LiteLLM key that repeats catalog prices', () => {
    // gemini/gemini-3.1-pro-preview names the catalog's gemini-3.1-pro and
    // becomes an alias of it, at the catalog's own $2 / $12 per 1M.
    const bundled = loadCatalog()
    const repeat = JSON.stringify({
      'gemini/gemini-3.1-pro-preview': {
        input_cost_per_token: 2e-6,
        output_cost_per_token: 1.2e-5,
        litellm_provider: 'gemini',
        mode: 'chat'
      }
    })
    const headCatalog = loadPricingFile(bundled, repeat, 'prices.json').catalog
    expect(findModel(headCatalog, 'gemini/gemini-3.1-pro-preview')?.id).toBe(
      'gemini-3.1-pro'
    )
    expect(
      describePricingChange('prices.json', bundled, headCatalog, {
        newFile: true
      })
    ).toBeUndefined()
  })

  it('counts the models beyond five', () => {
    const many = Array.from(
      { length: 7 },
      (_, index) =>
        `  - id: m${index}\n    provider: openai\n    prices: [{ input: 1, output: 2 }]`
    ).join('\n')
    const headCatalog = loadPricingFile(
      TEST_CATALOG,
      `models:\n${many}\n`,
      FILE
    ).catalog
    expect(
      describePricingChange(FILE, TEST_CATALOG, headCatalog, { newFile: true })
    ).toBe(
      'The pricing file prices.yml is new in this change and adds m0, m1, m2, m3, m4 and 2 more. The base is priced with the bundled catalog alone, so the new prices count as the price part of the change.'
    )
  })
})
