import { afterEach, describe, expect, test } from 'vitest'
import { InputError, readInputs } from '../src/inputs.js'

// `@actions/core` reads each input from INPUT_<NAME>, as the runner sets it.

const SET: string[] = []

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) {
    const variable = `INPUT_${name.toUpperCase()}`
    process.env[variable] = value
    SET.push(variable)
  }
}

afterEach(() => {
  for (const variable of SET.splice(0)) delete process.env[variable]
})

function readError(inputs: Record<string, string>): string {
  setInputs(inputs)
  try {
    readInputs()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('expected the inputs to be rejected')
}

describe('fail-on input', () => {
  test('none alone reports only', () => {
    setInputs({ 'fail-on': 'none' })
    expect([...readInputs().failOn]).toEqual([])
  })

  test('none with a kind rejected', () => {
    expect(readError({ 'fail-on': 'none,budget' })).toBe(
      'Input fail-on is invalid: "none,budget". none means that no exceeded limit fails the step, so it cannot be combined with budget. Write none alone, or budget, increase or both.'
    )
  })

  test('unknown kind rejected', () => {
    expect(readError({ 'fail-on': 'budgets' })).toBe(
      'Input fail-on has an invalid entry: "budgets". Use budget, increase, both separated by a comma, or none.'
    )
  })
})

describe('path inputs', () => {
  const FIX =
    'Write a path relative to the repository root, such as ai-usage.yml or config/ai-usage.yml.'

  test.each([
    ['/etc/hostname', 'is an absolute path'],
    ['C:\\repo\\ai-usage.yml', 'is an absolute path'],
    ['../../etc/hostname', 'leads outside the repository'],
    ['config/../../secrets.yml', 'leads outside the repository']
  ])('config %s rejected', (value, problem) => {
    expect(readError({ config: value })).toBe(
      `Input config is invalid: "${value}" ${problem}. ${FIX}`
    )
  })

  test('pricing-file outside rejected', () => {
    expect(readError({ 'pricing-file': '/tmp/prices.json' })).toBe(
      'Input pricing-file is invalid: "/tmp/prices.json" is an absolute path. Write a path relative to the repository root, such as .github/ai-prices.json.'
    )
  })

  test('relative paths normalized', () => {
    setInputs({
      config: './config/../ai/usage.yml',
      'pricing-file': 'prices/./rates.json'
    })
    const inputs = readInputs()
    expect(inputs.config).toBe('ai/usage.yml')
    expect(inputs.pricingFile).toBe('prices/rates.json')
  })

  test('config defaults to ai-usage.yml', () => {
    expect(readInputs().config).toBe('ai-usage.yml')
  })
})
