import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../../src/config/parse.js'
import { UsageFileError, type ConfigIssue } from '../../src/config/types.js'
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
      'a request of workload "long", at the top of its reasoning range, has 190,000 input and 16,000 billed output tokens, 206,000 in all, more than the context window of o3 (200,000 tokens), so the provider may reject it rather than bill it'
    ])
  })

  it('says may for the assumed range top', () => {
    // o3 always reasons, so with no reasoning: setting the output is
    // billed ×5, with an assumed range of ×3 to ×10. Expected: 150,000 +
    // 10,000 × 5 = 200,000, exactly o3's window. Top: 150,000 + 10,000 ×
    // 10 = 250,000, over it.
    const warnings = warningsFor('o3', '{ input: 150000, output: 10000 }')
    expect(warnings.map(warning => warning.message)).toEqual([
      'a request of workload "long", at the top of its reasoning range, has 150,000 input and 100,000 billed output tokens, 250,000 in all, more than the context window of o3 (200,000 tokens), so the provider may reject it rather than bill it'
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

  it('checks a custom model window', () => {
    // acme-ft sets a window of 8,000 tokens: 7,800 + 200 = 8,000 fits,
    // and 7,801 + 200 = 8,001 is one token over.
    const fits = customWarnings('{ input: 7800, output: 200 }')
    expect(fits).toEqual([])
    const over = customWarnings('{ input: 7801, output: 200 }')
    expect(over.map(warning => warning.message)).toEqual([
      'a request of workload "long" has 7,801 input and 200 billed output tokens, 8,001 in all, more than the context window of acme-ft (8,000 tokens), so the provider rejects it rather than bills it'
    ])
  })

  it('rejects a window on a catalog model', () => {
    const issues = issuesOf(
      [
        'version: 1',
        'models:',
        '  gpt-4o: { context-window: 200000 }',
        'workloads:',
        '  - name: long',
        '    model: gpt-4o',
        '    tokens: { input: 1000, output: 100 }',
        '    requests: { per-month: 1000 }',
        ''
      ].join('\n')
    )
    expect(issues).toHaveLength(1)
    const [issue] = issues
    expect(issue?.severity).toBe('error')
    expect(issue?.line).toBe(3)
    expect(issue?.column).toBe(29)
    expect(issue?.path).toBe('models.gpt-4o.context-window')
    expect(issue?.value).toBe('200000')
    expect(issue?.message).toBe(
      'context-window is set on model "gpt-4o", but the price catalog gives gpt-4o a context window of 128,000 tokens, and only a model without a known window may set one'
    )
    expect(issue?.fix).toBe(
      'Remove context-window, or give a fine-tuned or proxied model a name of its own with input: and output:'
    )
  })

  it('rejects a window that is not a positive integer', () => {
    const cases = [
      ['0', 'must be more than 0'],
      ['-8000', 'must be more than 0'],
      ['1.5', 'expected int']
    ]
    for (const [written, message] of cases) {
      const issues = issuesOf(
        customFile(written ?? '', '{ input: 1, output: 1 }')
      )
      expect(issues).toHaveLength(1)
      expect(issues[0]?.path).toBe('models.acme-ft.context-window')
      expect(issues[0]?.line).toBe(3)
      expect(issues[0]?.value).toBe(written)
      expect(issues[0]?.message).toContain(message)
    }
  })
})

function customFile(window: string, tokens: string): string {
  return [
    'version: 1',
    'models:',
    `  acme-ft: { input: 1, output: 2, context-window: ${window} }`,
    'workloads:',
    '  - name: long',
    '    model: acme-ft',
    `    tokens: ${tokens}`,
    '    requests: { per-month: 1000 }',
    ''
  ].join('\n')
}

function customWarnings(tokens: string) {
  const { config } = parseUsageFile(customFile('8000', tokens), 'ai-usage.yml')
  return projectCost(config, bundled, '2026-12-04').warnings
}

/** Parses and projects a usage file and returns the errors that reject it. */
function issuesOf(text: string): ConfigIssue[] {
  try {
    const { config } = parseUsageFile(text, 'ai-usage.yml')
    projectCost(config, bundled, '2026-12-04')
  } catch (error) {
    expect(error).toBeInstanceOf(UsageFileError)
    return (error as UsageFileError).issues
  }
  throw new Error('expected the usage file to be rejected')
}
