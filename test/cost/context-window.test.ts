import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import { projectCost } from '../../src/cost/project.js'
import { loadCatalog } from '../../src/pricing/catalog.js'

const bundled = loadCatalog()

/** Projects one workload of `tokens` on `model` and returns its warnings. */
function warningsFor(model: string, tokens: string, reasoning?: string) {
  const lines = [
    'version: 1',
    'workloads:',
    '  - name: long',
    `    model: ${model}`,
    `    tokens: ${tokens}`,
    ...(reasoning ? [`    reasoning: ${reasoning}`] : []),
    '    requests: { per-month: 1000 }',
    ''
  ]
  const { config } = parseUsageFile(lines.join('\n'), 'ai-usage.yml')
  return projectCost(config, bundled, '2026-12-04').warnings
}

describe('context window check', () => {
  it('accepts a request that fills the window', () => {
    // gpt-4o has a window of 128,000 tokens: 127,900 + 100 = 128,000.
    expect(warningsFor('gpt-4o', '{ input: 127900, output: 100 }')).toEqual([])
  })

  it('warns one token over the window', () => {
    // 127,901 + 100 = 128,001 tokens, one more than gpt-4o's 128,000.
    const warnings = warningsFor('gpt-4o', '{ input: 127901, output: 100 }')
    expect(warnings).toHaveLength(1)
    const [warning] = warnings
    expect(warning?.severity).toBe('warning')
    expect(warning?.file).toBe('ai-usage.yml')
    expect(warning?.line).toBe(4)
    expect(warning?.path).toBe('workloads[0].model')
    expect(warning?.value).toBe('gpt-4o')
    expect(warning?.message).toBe(
      'a request of workload "long" has 127,901 input and 100 billed output tokens, 128,001 in all, more than the context window of gpt-4o (128,000 tokens), so the provider rejects it rather than bills it'
    )
  })

  it('counts reasoning tokens as billed output', () => {
    // o3 has a window of 200,000 tokens. Reasoning ×5 bills 2,000 × 5 =
    // 10,000 output tokens, and 195,000 + 10,000 = 205,000.
    const warnings = warningsFor('o3', '{ input: 195000, output: 2000 }')
    expect(warnings.map(warning => warning.message)).toEqual([
      'a request of workload "long" has 195,000 input and 10,000 billed output tokens, 205,000 in all, more than the context window of o3 (200,000 tokens), so the provider rejects it rather than bills it'
    ])
  })

  it('checks the top of a reasoning range', () => {
    // Expected ×2 gives 190,000 + 2,000 × 2 = 194,000, inside o3's 200,000;
    // the top ×8 gives 190,000 + 16,000 = 206,000, which is over it.
    const warnings = warningsFor(
      'o3',
      '{ input: 190000, output: 2000 }',
      '{ multiplier: 2, range: [1, 8] }'
    )
    expect(warnings.map(warning => warning.message)).toEqual([
      'a request of workload "long", at the top of its reasoning range, has 190,000 input and 16,000 billed output tokens, 206,000 in all, more than the context window of o3 (200,000 tokens), so the provider rejects it rather than bills it'
    ])
  })

  it('skips a model without a known window', () => {
    const text = [
      'version: 1',
      'models:',
      '  acme-ft: { input: 1, output: 2 }',
      'workloads:',
      '  - name: long',
      '    model: acme-ft',
      '    tokens: { input: 5000000, output: 100 }',
      '    requests: { per-month: 1000 }',
      ''
    ].join('\n')
    const { config } = parseUsageFile(text, 'ai-usage.yml')
    expect(projectCost(config, bundled, '2026-12-04').warnings).toEqual([])
  })
})
