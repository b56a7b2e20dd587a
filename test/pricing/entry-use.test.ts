import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import { loadCatalog } from '../../src/pricing/catalog.js'
import { checkUnusedEntries } from '../../src/pricing/entry-use.js'
import { loadPricingFile } from '../../src/pricing/pricing-file.js'

const bundled = loadCatalog()

/** Loads a pricing file and checks it against a usage file whose workloads use `models`. */
function check(prices: string, models: string[], file = 'prices.json') {
  const pricing = loadPricingFile(bundled, prices, file)
  const lines = ['version: 1', 'workloads:']
  models.forEach((model, index) => {
    lines.push(
      `  - name: w${index + 1}`,
      `    model: ${model}`,
      '    profile: simple',
      '    requests: { per-month: 1000 }'
    )
  })
  const { config } = parseUsageFile(lines.join('\n'), 'ai-usage.yml')
  return checkUnusedEntries(pricing, config, pricing.catalog)
}

function liteLlm(keys: string[]): string {
  const entries = Object.fromEntries(
    keys.map(key => [
      key,
      { input_cost_per_token: 1e-6, output_cost_per_token: 6e-6, mode: 'chat' }
    ])
  )
  return JSON.stringify(entries, null, 2)
}

describe('checkUnusedEntries', () => {
  it('warns about an entry one typo from a used model', () => {
    const issues = check(
      liteLlm(['gpt-5.4-nano', 'gemini/gemini-3.1-pro-previw']),
      ['gemini-3.1-pro', 'gpt-5.4-nano']
    )
    expect(issues).toEqual([
      {
        file: 'prices.json',
        line: 7,
        column: 3,
        path: '["gemini/gemini-3.1-pro-previw"]',
        value: 'gemini/gemini-3.1-pro-previw',
        message:
          'entry "gemini/gemini-3.1-pro-previw" prices no model that the workloads of ai-usage.yml use, but its name is close to gemini-3.1-pro, which workload "w1" uses at prices that this file does not set',
        fix: 'If the entry is meant for gemini-3.1-pro, name it gemini-3.1-pro or an alias of it, optionally after a route prefix such as gemini/ or azure/',
        severity: 'warning'
      }
    ])
  })

  it('warns about a dated snapshot the catalog lacks', () => {
    const issues = check(liteLlm(['claude-sonnet-4-6-20260217']), [
      'claude-sonnet-4.6'
    ])
    expect(issues.map(issue => issue.value)).toEqual([
      'claude-sonnet-4-6-20260217'
    ])
  })

  it('warns about a model behind an unknown route', () => {
    // The last part of the key is an alias of gemini-3.1-pro.
    const issues = check(
      liteLlm(['openrouter/google/gemini-3.1-pro-preview']),
      ['gemini-3.1-pro']
    )
    expect(issues.map(issue => issue.value)).toEqual([
      'openrouter/google/gemini-3.1-pro-preview'
    ])
  })

  it('names at most three entries a model', () => {
    const issues = check(
      liteLlm([
        'gpt-5.4-nanoo',
        'gpt-5.4-nano-2026-01-01',
        'gpt-5.4-nano-latest',
        'gpt-5.4-nano-preview'
      ]),
      ['gpt-5.4-nano']
    )
    expect(issues.map(issue => issue.value)).toEqual([
      'gpt-5.4-nanoo',
      'gpt-5.4-nano-2026-01-01',
      'gpt-5.4-nano-latest'
    ])
  })

  it('stays quiet when an entry prices the model', () => {
    const issues = check(
      liteLlm(['gpt-5.4-nano', 'gpt-5.4-nanoo', 'azure/eu/gpt-5.4-nano']),
      ['gpt-5.4-nano']
    )
    expect(issues).toEqual([])
  })

  it('stays quiet about a different model', () => {
    // gpt-5.4-mini is four edits from gpt-5.4-nano, a model of its own.
    const issues = check(liteLlm(['gpt-5.4-mini']), ['gpt-5.4-nano'])
    expect(issues).toEqual([])
  })

  it('checks entries of the catalog format', () => {
    const prices = [
      'models:',
      '  - id: gpt-5.4-nanno',
      '    provider: openai',
      '    prices: [{ input: 0.1, output: 1 }]'
    ].join('\n')
    const [issue] = check(prices, ['gpt-5.4-nano'], 'prices.yml')
    expect(issue).toMatchObject({
      file: 'prices.yml',
      line: 2,
      column: 9,
      path: 'models[0].id',
      value: 'gpt-5.4-nanno'
    })
  })
})
