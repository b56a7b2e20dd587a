import { describe, expect, test } from 'vitest'
import { formatIssue } from '../../src/config/types.js'
import { collectErrors } from './helpers.js'

// The first error a user sees is the cause: a misspelt or invalid value is
// reported once, without the errors that only follow from it, and each fix
// says what to write for the value at hand.

/** Builds a file with one workload whose lines are given, after its name. */
function workloadFile(...lines: string[]): string {
  return [
    'version: 1',
    'workloads:',
    '  - name: bot',
    ...lines.map(line => `    ${line}`),
    ''
  ].join('\n')
}

describe('root causes only', () => {
  test('misspelt profile key', () => {
    const issues = collectErrors(
      workloadFile(
        'model: gpt-5.4-nano',
        'profle: simple',
        'requests: { per-day: 1000 }'
      )
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe('unknown key profle')
    expect(issues[0]?.fix).toBe('did you mean profile?')
  })

  test('misspelt volume key', () => {
    const issues = collectErrors(
      workloadFile(
        'model: gpt-5.4-nano',
        'profile: simple',
        'requests: { perday: 1000 }'
      )
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe('unknown key perday')
    expect(issues[0]?.fix).toBe('did you mean per-day?')
  })

  test('misspelt required key', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - nme: bot',
      '    model: gpt-5.4-nano',
      '    profile: simple',
      '    requests: { per-day: 1000 }',
      ''
    ].join('\n')
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe('unknown key nme')
    expect(issues[0]?.fix).toBe('did you mean name?')
  })

  test('unrelated unknown key keeps missing key', () => {
    // `flavour` is close to no valid key, so it does not explain the
    // missing profile or tokens.
    const issues = collectErrors(
      workloadFile(
        'model: gpt-5.4-nano',
        'flavour: simple',
        'requests: { per-day: 1000 }'
      )
    )
    expect(issues.map(issue => issue.message)).toEqual([
      'a workload needs profile or tokens',
      'unknown key flavour'
    ])
  })

  test('bare shares without sum error', () => {
    const issues = collectErrors(
      workloadFile(
        'routes:',
        '  - { model: gpt-5.4-nano, share: 80 }',
        '  - { model: gpt-5.4-mini, share: 20 }',
        'profile: simple',
        'requests: { per-day: 1000 }'
      )
    )
    expect(issues.map(issue => issue.fix)).toEqual([
      'write 80% or 0.8',
      'write 20% or 0.2'
    ])
  })

  test('bare cache share without sum error', () => {
    const issues = collectErrors(
      workloadFile(
        'model: gpt-5.4-nano',
        'profile: simple',
        'cache: { read: 80, write: 20% }',
        'requests: { per-day: 1000 }'
      )
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.fix).toBe('write 80% or 0.8')
  })
})

describe('specific fixes', () => {
  test('unknown key named once', () => {
    const text = [
      'version: 1',
      'workloads: []',
      'budgets:',
      '  montly: 10',
      ''
    ].join('\n')
    const [issue] = collectErrors(text)
    expect(issue?.value).toBe('montly')
    expect(formatIssue(issue!)).toBe(
      'ai-usage.yml:4:3 budgets.montly: unknown key montly. Did you mean monthly?'
    )
  })

  test('value kept where message lacks it', () => {
    const issues = collectErrors(
      workloadFile(
        'model: gpt-5.4-nano',
        'profile: simple',
        'requests: { per-day: -5 }'
      )
    )
    expect(formatIssue(issues[0]!)).toContain('must not be negative (found -5)')
  })

  test('percentage with a space', () => {
    const issues = collectErrors(
      workloadFile(
        'model: gpt-5.4-nano',
        'profile: simple',
        'retries: 5 %',
        'requests: { per-day: 1000 }'
      )
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe(
      'a percentage is written without a space before the % sign'
    )
    expect(issues[0]?.fix).toBe('write 5%')
  })

  test.each([
    ['$25,000', 'write 25000'],
    ['$ 1500.50', 'write 1500.50'],
    ['25000 USD', 'write 25000'],
    ['USD 25,000', 'write 25000']
  ])('currency amount %s', (written, fix) => {
    const text = `version: 1\nworkloads: []\nbudgets:\n  monthly: ${written}\n`
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe(
      'a number is written without a currency sign, because amounts are in USD'
    )
    expect(issues[0]?.fix).toBe(fix)
  })

  test('empty required name', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - name: null',
      '    model: gpt-5.4-nano',
      '    profile: simple',
      '    requests: { per-day: 1000 }',
      ''
    ].join('\n')
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe(
      'the value is empty, but text is expected (a name)'
    )
    // The key is required, so removing it is no fix.
    expect(issues[0]?.fix).toBe('write text after the colon')
  })

  test('empty optional key', () => {
    const text = 'version: 1\nworkloads: []\nbudgets:\n  monthly:\n'
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.fix).toBe(
      'write a number after the colon, or remove the key'
    )
  })
})
