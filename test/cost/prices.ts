import { expect } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import { UsageFileError, type ConfigIssue } from '../../src/config/types.js'
import { projectCost, type Projection } from '../../src/cost/project.js'
import { parseCatalog } from '../../src/pricing/catalog.js'
import type { Catalog } from '../../src/pricing/types.js'

/**
 * A small price catalog with round prices, USD per 1M tokens, so that the
 * expected figures of the cost tests can be worked out by hand.
 */

const SOURCE = 'https://example.com/pricing'

function entry(from: string, prices: Record<string, unknown>) {
  return { from, ...prices, source: SOURCE, checked: '2026-09-01' }
}

function model(
  id: string,
  provider: string,
  extra: Record<string, unknown>,
  prices: Record<string, unknown>[]
) {
  return {
    id,
    name: id,
    provider,
    status: 'active',
    reasoning: 'none',
    'context-window': 400000,
    ...extra,
    prices
  }
}

/** The test catalog: see each model's prices below. */
export const TEST_CATALOG: Catalog = parseCatalog({
  'as-of': '2026-09-01',
  models: [
    // 0.20 in, 1.25 out, 0.02 cached, batch 50%.
    model('nano', 'openai', { family: 'gpt-nano' }, [
      entry('2025-01-01', {
        input: '0.20',
        output: '1.25',
        'cached-input': '0.02',
        'batch-discount': '0.5'
      })
    ]),
    // An older, cheaper model of the same line: 0.05 in, 0.40 out.
    model('nano-old', 'openai', { family: 'gpt-nano' }, [
      entry('2025-01-01', {
        input: '0.05',
        output: '0.40',
        'cached-input': '0.005',
        'batch-discount': '0.5'
      })
    ]),
    // Same line, cheapest, but with no batch API and an 8,000-token context.
    model(
      'nano-lite',
      'openai',
      { family: 'gpt-nano', 'context-window': 8000 },
      [entry('2025-01-01', { input: '0.02', output: '0.10' })]
    ),
    // Same line, but retired: never suggested.
    model(
      'nano-retired',
      'openai',
      {
        family: 'gpt-nano',
        status: 'retired',
        retired: '2026-01-01',
        replacement: 'nano'
      },
      [entry('2025-01-01', { input: '0.01', output: '0.01' })]
    ),
    // A reasoning-only model: 2 in, 8 out, 0.50 cached, batch 50%.
    model('think', 'openai', { reasoning: 'always', family: 'o' }, [
      entry('2025-01-01', {
        input: '2',
        output: '8',
        'cached-input': '0.5',
        'batch-discount': '0.5'
      })
    ]),
    // Same line as think, cheaper, but without reasoning: never suggested
    // for think, whose reasoning mode differs.
    model('think-lite', 'openai', { family: 'o' }, [
      entry('2025-01-01', {
        input: '0.1',
        output: '0.4',
        'batch-discount': '0.5'
      })
    ]),
    // 5 in, 25 out, 0.50 cached, writes 6.25 (5m) and 10 (1h), batch 50%;
    // above 200,000 input tokens 10 / 37.50 / 1, writes 12.50 and 20.
    model('opus', 'anthropic', { family: 'claude-opus' }, [
      entry('2025-01-01', {
        input: '5',
        output: '25',
        'cached-input': '0.5',
        'cache-write-5m': '6.25',
        'cache-write-1h': '10',
        'batch-discount': '0.5',
        'long-context': {
          threshold: 200000,
          inclusive: false,
          input: '10',
          output: '37.5',
          'cached-input': '1',
          'cache-write-5m': '12.5',
          'cache-write-1h': '20'
        }
      })
    ]),
    // 1 in, 5 out: the cheap model of Anthropic, in another line.
    model('haiku', 'anthropic', { family: 'claude-haiku' }, [
      entry('2025-01-01', {
        input: '1',
        output: '5',
        'cached-input': '0.1',
        'cache-write-5m': '1.25',
        'batch-discount': '0.5'
      })
    ]),
    // 4 in, 20 out, 0.40 cached, write 5 (5m only); above 272,000 input
    // tokens 8 / 30 / 0.80 and no long-context write price.
    model('sol', 'openai', {}, [
      entry('2025-01-01', {
        input: '4',
        output: '20',
        'cached-input': '0.4',
        'cache-write-5m': '5',
        'batch-discount': '0.5',
        'long-context': {
          threshold: 272000,
          inclusive: false,
          input: '8',
          output: '30',
          'cached-input': '0.8'
        }
      })
    ]),
    // 1.25 in, 2.50 out; at or above 200,000 input tokens 2.50 / 5.
    model('grok', 'xai', {}, [
      entry('2025-01-01', {
        input: '1.25',
        output: '2.50',
        'long-context': {
          threshold: 200000,
          inclusive: true,
          input: '2.50',
          output: '5'
        }
      })
    ]),
    // 0.06 in, 0.18 out, no cached price and no batch API.
    model('small', 'mistral', {}, [
      entry('2025-01-01', { input: '0.06', output: '0.18' })
    ]),
    // 0.75 / 3.75 until 2027-01-01, then 1.50 / 7.50.
    model('flash', 'google', {}, [
      entry('2025-01-01', {
        input: '0.75',
        output: '3.75',
        'batch-discount': '0.5'
      }),
      entry('2027-01-01', {
        input: '1.50',
        output: '7.50',
        'batch-discount': '0.5'
      })
    ])
  ]
})

/** Run date of the cost tests: month 1 is 2026-12-04, month 2 starts 2027-01-01. */
export const RUN_DATE = '2026-12-04'

/** Parses a usage file written as YAML lines and prices it with the test catalog. */
export function priceYaml(
  lines: string[],
  catalog: Catalog = TEST_CATALOG,
  runDate = RUN_DATE
): Projection {
  const { config } = parseUsageFile(lines.join('\n'), 'ai-usage.yml')
  return projectCost(config, catalog, runDate)
}

/** Writes a one-workload usage file. */
export function file(workload: string[], extra: string[] = []): string[] {
  return [
    'version: 1',
    'workloads:',
    ...workload.map((line, index) =>
      index === 0 ? `  - ${line}` : `    ${line}`
    ),
    ...extra
  ]
}

/** Prices a usage file that must be rejected and returns its errors. */
export function rejected(lines: string[]): ConfigIssue[] {
  try {
    priceYaml(lines)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageFileError)
    return (error as UsageFileError).issues
  }
  throw new Error('expected the usage file to be rejected')
}
