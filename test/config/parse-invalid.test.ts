import { describe, expect, test } from 'vitest'
import { MAX_FILE_BYTES, parseUsageFile } from '../../src/config/parse.js'
import { collectErrors, readFixture } from './helpers.js'

/** A stand-in for the price catalog's names. */
const CATALOG_NAMES = [
  'gpt-5.4-nano',
  'gpt-5.4-mini',
  'gpt-5.4-pro',
  'claude-sonnet-4.6'
]

interface ExpectedIssue {
  line: number
  column: number
  path: string
  message: string
  fix: string
  value?: string
}

// One fixture per kind of bad input, and each must produce exactly this issue.
const SINGLE_ISSUE_CASES: Record<string, ExpectedIssue> = {
  'empty.yml': {
    line: 1,
    column: 1,
    path: '',
    message: 'the file is empty',
    fix: 'start the file with version: 1'
  },
  'missing-version.yml': {
    line: 1,
    column: 1,
    path: 'version',
    message: 'missing required key version',
    fix: 'add version: 1'
  },
  'wrong-version.yml': {
    line: 1,
    column: 10,
    path: 'version',
    message: 'unsupported version',
    fix: 'write version: 1',
    value: '2'
  },
  'negative.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'must not be negative',
    fix: 'write 0 or more',
    value: '-100'
  },
  'not-a-number.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'not a number',
    fix: 'write a finite number',
    value: '.nan'
  },
  'infinite.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'infinite values are not accepted',
    fix: 'write a finite number',
    value: '.inf'
  },
  'hex-number.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'hexadecimal numbers are not accepted',
    fix: 'write the decimal value 31',
    value: '0x1F'
  },
  // `*dialy` starts at column 15 of `    requests: *dialy`.
  'unknown-alias.yml': {
    line: 10,
    column: 15,
    path: '',
    message: 'unknown alias *dialy: no anchor &dialy is defined before it',
    fix: 'mark the value to repeat with &dialy above this line'
  },
  // `*loop` starts at column 19 of `x-loop: &loop [1, *loop]`.
  'alias-cycle.yml': {
    line: 2,
    column: 19,
    path: '',
    message: 'the alias *loop is inside the value &loop that it repeats',
    fix: 'move *loop out of the value that &loop marks'
  },
  // The top mapping, workloads and the workload are 3 levels, so the 62nd
  // bracket is level 65. The brackets start at column 12 of line 7, and the
  // 62nd is at column 12 + 61 = 73.
  'deep-nesting.yml': {
    line: 7,
    column: 73,
    path: '',
    message: 'lists and mappings are nested deeper than 64 levels',
    fix: 'nest values at most a few levels deep'
  },
  'ratio-above-one.yml': {
    line: 6,
    column: 20,
    path: 'workloads[0].cache.read',
    message: 'a bare number above 1 is not a ratio',
    fix: 'write 80% or 0.8',
    value: '80'
  },
  'shares-not-100.yml': {
    line: 5,
    column: 7,
    path: 'workloads[0].routes',
    message: 'the route shares add up to 95%, not 100%',
    fix: 'add up to 100%',
    value: '80% + 15%'
  },
  'duplicate-workload.yml': {
    line: 7,
    column: 11,
    path: 'workloads[1].name',
    message: 'duplicate workload name triage, first used on line 3',
    fix: 'unique name',
    value: 'triage'
  },
  'duplicate-key.yml': {
    line: 6,
    column: 5,
    path: 'workloads[0].model',
    message: 'invalid YAML: Map keys must be unique',
    fix: 'remove or rename one of the two keys',
    value: 'model'
  },
  'model-and-routes.yml': {
    line: 6,
    column: 7,
    path: 'workloads[0].routes',
    message: 'a workload takes model or routes, not model and routes',
    fix: 'keep one of model and routes'
  },
  'two-volumes.yml': {
    line: 6,
    column: 42,
    path: 'workloads[0].requests.per-month',
    message:
      'requests takes per-day, per-month or per-year, not per-day and per-month',
    fix: 'keep one of per-day and per-month',
    value: '3000'
  },
  'thousands-separator.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'thousands separators are not allowed',
    fix: 'write 1000',
    value: '"1,000"'
  },
  'underscore-number.yml': {
    line: 7,
    column: 16,
    path: 'workloads[0].requests.per-day',
    message: 'YAML 1.2 reads a number with underscores as text',
    fix: 'write 100000',
    value: '100_000'
  },
  'unknown-profile.yml': {
    line: 7,
    column: 14,
    path: 'workloads[0].profile',
    message:
      'unknown profile suport-reply, defined profiles: simple, medium, complex, support-reply',
    fix: 'did you mean support-reply?',
    value: 'suport-reply'
  },
  'cache-over-100.yml': {
    line: 6,
    column: 12,
    path: 'workloads[0].cache',
    message: 'cache.read and cache.write add up to 110%, above 100%',
    fix: 'at most 100%',
    value: '70% + 0.4'
  },
  'budget-unknown-workload.yml': {
    line: 10,
    column: 5,
    path: 'budgets.workloads.contract-reveiw',
    message: 'budget for contract-reveiw, but no workload has that name',
    fix: 'did you mean contract-review?',
    value: 'contract-reveiw'
  },
  'unknown-model.yml': {
    line: 4,
    column: 12,
    path: 'workloads[0].model',
    message: 'unknown model "gpt-5.4-nanoo"',
    fix: 'use a catalog name such as "gpt-5.4-nano"',
    value: 'gpt-5.4-nanoo'
  },
  'tab-indent.yml': {
    line: 7,
    column: 1,
    path: '',
    message: 'invalid YAML: Tabs are not allowed as indentation',
    fix: 'indent with spaces, not tabs'
  },
  'multiple-documents.yml': {
    line: 7,
    column: 1,
    path: '',
    message: 'invalid YAML: the file contains more than one YAML document',
    fix: 'keep one YAML document in the file (remove the extra ---)'
  },
  'leading-zero.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    // 0755 in octal is 7 × 64 + 5 × 8 + 5 = 493.
    message: 'YAML 1.1 tools read 0755 as octal 493 and YAML 1.2 as 755',
    fix: 'write 755 without the leading zero',
    value: '0755'
  },
  'yaml11-boolean.yml': {
    line: 7,
    column: 12,
    path: 'workloads[0].batch',
    message: 'yes is text in YAML 1.2, not a boolean as in YAML 1.1',
    fix: 'write 80% or 0.8',
    value: 'yes'
  },
  'reasoning-off.yml': {
    line: 7,
    column: 16,
    path: 'workloads[0].reasoning',
    message: 'off is text in YAML 1.2, not a boolean',
    fix: 'write none, { multiplier: 5 } or { tokens: 2000 }',
    value: 'off'
  },
  'number-too-large.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'the number is out of range',
    fix: 'write a number of a size that a price, volume or budget can have',
    value: '1e400'
  },
  'quoted-number.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'a number in quotes is text',
    fix: 'write 1000 without quotes',
    value: '"1000"'
  },
  'not-utf8.yml': {
    // The Latin-1 byte 0xE9 of "trié" is the 14th character of line 3.
    line: 3,
    column: 14,
    path: '',
    message: 'the file is not valid UTF-8',
    fix: 'save the file as UTF-8',
    value: '- name: tri\ufffdage'
  },
  'utf16.yml': {
    // Bytes FF FE (the UTF-16 byte order mark, two invalid UTF-8 bytes), then
    // "v" and its NUL high byte, the 4th character.
    line: 1,
    column: 4,
    path: '',
    message: 'the file contains NUL characters, as a file saved as UTF-16 does',
    fix: 'save the file as UTF-8'
  },
  'top-level-list.yml': {
    line: 1,
    column: 1,
    path: '',
    message: 'the file is a list, but a usage file is a mapping',
    fix: 'without a leading "- "'
  },
  'crlf-negative.yml': {
    line: 6,
    column: 26,
    path: 'workloads[0].requests.per-day',
    message: 'must not be negative',
    fix: 'write 0 or more',
    value: '-1000'
  },
  'bom-wrong-version.yml': {
    // The byte order mark before "version" takes no column.
    line: 1,
    column: 10,
    path: 'version',
    message: 'unsupported version',
    fix: 'write version: 1',
    value: '2'
  },
  'alias-bomb.yml': {
    line: 1,
    column: 1,
    path: '',
    message: 'aliases expand beyond the limit',
    fix: 'use fewer nested aliases'
  }
}

function expectIssue(actual: unknown, expected: ExpectedIssue): void {
  expect(actual).toMatchObject({
    file: 'ai-usage.yml',
    line: expected.line,
    column: expected.column,
    path: expected.path,
    severity: 'error'
  })
  const issue = actual as { message: string; fix: string; value?: string }
  expect(issue.message).toContain(expected.message)
  expect(issue.fix).toContain(expected.fix)
  if (expected.value !== undefined) expect(issue.value).toBe(expected.value)
}

describe('one issue per bad input', () => {
  test.each(Object.entries(SINGLE_ISSUE_CASES))('%s', (name, expected) => {
    const issues = collectErrors(readFixture(`invalid/${name}`), undefined, {
      has: name => CATALOG_NAMES.includes(name),
      closest: () => CATALOG_NAMES
    })
    expect(issues).toHaveLength(1)
    expectIssue(issues[0], expected)
  })
})

describe('bad inputs with several issues', () => {
  test('invalid YAML is positioned', () => {
    const issues = collectErrors(readFixture('invalid/invalid-yaml.yml'))
    expect(issues.length).toBeGreaterThan(0)
    expectIssue(issues[0], {
      line: 5,
      column: 1,
      path: '',
      message: 'invalid YAML: ',
      fix: 'correct the YAML syntax'
    })
  })

  test('unknown keys name the closest key', () => {
    const issues = collectErrors(readFixture('invalid/unknown-key.yml'))
    const unknown = issues.filter(issue => issue.message.startsWith('unknown'))
    expect(unknown).toHaveLength(2)
    expectIssue(unknown[0], {
      line: 6,
      column: 17,
      path: 'workloads[0].requests.per_day',
      message: 'unknown key per_day',
      fix: 'write per-day, because keys are kebab-case',
      value: 'per_day'
    })
    expectIssue(unknown[1], {
      line: 7,
      column: 1,
      path: 'budgts',
      message: 'unknown key budgts',
      fix: 'did you mean budgets?',
      value: 'budgts'
    })
  })

  test('wrong types', () => {
    const issues = collectErrors(readFixture('invalid/wrong-type.yml'))
    expect(issues).toHaveLength(2)
    expectIssue(issues[0], {
      line: 5,
      column: 22,
      path: 'workloads[0].tokens.input',
      message: 'expected a number',
      fix: 'write a number',
      value: 'lots'
    })
    expectIssue(issues[1], {
      line: 6,
      column: 26,
      path: 'workloads[0].requests.per-day',
      message: 'expected a number',
      fix: 'write a number',
      value: 'true'
    })
  })

  test('__proto__ keys are rejected', () => {
    const issues = collectErrors(readFixture('invalid/proto-keys.yml'))
    expect(issues).toHaveLength(3)
    expectIssue(issues[0], {
      line: 3,
      column: 3,
      path: 'profiles.__proto__',
      message: 'the key __proto__ is not allowed',
      fix: 'rename the key',
      value: '__proto__'
    })
    expectIssue(issues[1], {
      line: 11,
      column: 5,
      path: 'budgets.workloads.__proto__',
      message: 'the key __proto__ is not allowed',
      fix: 'rename the key',
      value: '__proto__'
    })
    expectIssue(issues[2], {
      line: 12,
      column: 5,
      path: 'budgets.workloads.constructor',
      message: 'no workload has that name',
      fix: 'use a workload name: triage',
      value: 'constructor'
    })
    expect(({} as Record<string, unknown>).input).toBeUndefined()
    expect(({} as Record<string, unknown>).monthly).toBeUndefined()
  })

  test('all errors reported at once', () => {
    const issues = collectErrors(readFixture('invalid/several-errors.yml'))
    // The misspelt profil explains the missing profile, so "a workload
    // needs profile or tokens" is not reported as well.
    expect(issues.map(issue => [issue.line, issue.path])).toEqual([
      [6, 'workloads[0].requests.per-day'],
      [7, 'workloads[0].retries'],
      [8, 'workloads[1].name'],
      [10, 'workloads[1].profil']
    ])
    expect(issues[1]?.fix).toBe('write 3% or 0.03')
    expect(issues[3]?.fix).toBe('did you mean profile?')
  })

  test('error message lists every issue', () => {
    const text = readFixture('invalid/several-errors.yml')
    expect(() => parseUsageFile(text, 'ai-usage.yml')).toThrow(
      /ai-usage\.yml:6:26 workloads\[0\]\.requests\.per-day: must not be negative \(found -5\)\. Write 0 or more\n/
    )
  })
})

describe('limits', () => {
  test('oversize file rejected before parsing', () => {
    const text = `version: 1\n#${'x'.repeat(MAX_FILE_BYTES)}\n`
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    // 2 MiB is 2 × 1,024 × 1,024 = 2,097,152 bytes.
    expectIssue(issues[0], {
      line: 1,
      column: 1,
      path: '',
      message: 'larger than the limit of 2097152 bytes (2 MiB)',
      fix: 'shorten the file to under 2 MiB'
    })
  })

  test('file of exactly the limit parsed', () => {
    // A valid file padded with a comment to 2,097,152 bytes, then one more.
    const valid =
      'version: 1\nworkloads:\n  - name: chat\n    model: gpt-5.4-nano\n    profile: simple\n    requests: { per-day: 1 }\n#'
    const atLimit = valid + 'x'.repeat(2_097_152 - valid.length)
    expect(Buffer.byteLength(atLimit)).toBe(2_097_152)
    expect(
      parseUsageFile(atLimit, 'ai-usage.yml').config.workloads
    ).toHaveLength(1)
    const [issue] = collectErrors(`${atLimit}x`)
    expect(issue?.message).toContain('larger than the limit')
    expect(issue?.value).toBe('2097153 bytes')
  })

  test('deep nesting rejected without a stack overflow', () => {
    // 100,000 levels overflow the call stack of a recursive parser.
    const depth = 100_000
    const text = `version: 1\nworkloads: ${'['.repeat(depth)}${']'.repeat(depth)}\n`
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    // The top mapping is level 1, so the 64th bracket is level 65. The
    // brackets start at column 12 of line 2: 12 + 63 = 75.
    expectIssue(issues[0], {
      line: 2,
      column: 75,
      path: '',
      message: 'nested deeper than 64 levels',
      fix: 'nest values at most a few levels deep'
    })
  })

  test('64 levels of nesting accepted by the parser', () => {
    // 63 brackets under the top mapping make 64 levels, so the only error
    // is the schema's: a workload is a mapping, not a list.
    const text = `version: 1\nworkloads: ${'['.repeat(63)}${']'.repeat(63)}\n`
    const issues = collectErrors(text)
    expect(issues.map(issue => issue.message)).toEqual(['expected a mapping'])
  })

  test('aliases cannot nest past the limit', () => {
    // Each anchor is 40 levels deep and contains the previous one, so
    // expanding *a1 at the top would reach 1 + 40 + 40 = 81 levels.
    const nest = (inner: string) => `${'['.repeat(40)}${inner}${']'.repeat(40)}`
    const text = [
      'version: 1',
      `x-a0: &a0 ${nest('1')}`,
      `x-a1: &a1 ${nest('*a0')}`,
      'workloads: *a1',
      ''
    ].join('\n')
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe(
      'lists and mappings are nested deeper than 64 levels'
    )
  })

  test('large anchor copied many times rejected', () => {
    const keys = Array.from({ length: 200 }, (_, index) => `k${index}: 1`)
    const uses = Array.from({ length: 90 }, () => '  - *big').join('\n')
    const text = `version: 1\nbig: &big { ${keys.join(', ')} }\nlist:\n${uses}\n`
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toContain('too many nodes copied')
  })

  test('alias bomb under a rejected key rejected', () => {
    // The value of __proto__ is never read into the tree, and 10^6 copies
    // of x hide in it, because each level lists ten aliases of the one above.
    const levels = ['a', 'b', 'c', 'd', 'e', 'f']
    const lines = levels.map((name, index) => {
      const items =
        index === 0
          ? Array(10).fill('x')
          : Array(10).fill(`*${levels[index - 1] ?? ''}`)
      return `  ${name}: &${name} [${items.join(', ')}]`
    })
    const text = [
      'version: 1',
      '__proto__:',
      ...lines,
      'workloads: []',
      ''
    ].join('\n')
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toContain('aliases expand beyond the limit')
  })
})

describe('ratio and number edge cases', () => {
  function workloadWith(line: string): string {
    return [
      'version: 1',
      'workloads:',
      '  - name: a',
      '    model: m',
      '    profile: simple',
      '    requests: { per-day: 1 }',
      `    ${line}`
    ].join('\n')
  }

  test.each([
    [
      'batch: 150%',
      'a share cannot be above 100%',
      'write a ratio from 0% to 100%'
    ],
    [
      'batch: -0.5',
      'a ratio cannot be negative',
      'write a ratio from 0% to 100%'
    ],
    [
      'batch: 12.5',
      'a bare number above 1 is not a ratio',
      'write 12.5% or 0.125'
    ],
    ['batch: lots', 'expected a ratio', 'write 80% or 0.8'],
    ['retries: true', 'expected a ratio', 'write 80% or 0.8']
  ])('%s', (line, message, fix) => {
    const issues = collectErrors(workloadWith(line))
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toContain(message)
    expect(issues[0]?.fix).toBe(fix)
    expect(issues[0]?.line).toBe(7)
  })

  test('growth below -100% rejected', () => {
    const text = workloadWith('cache: { ttl: 2h }').replace(
      'per-day: 1',
      'per-day: 1, growth: -150%'
    )
    const issues = collectErrors(text)
    expect(issues.map(issue => issue.message)).toEqual([
      'growth cannot be below -100%',
      'expected one of: 5m, 1h'
    ])
    expect(issues[1]?.fix).toBe('write 5m or 1h')
  })

  test('quoted number rejected', () => {
    const issues = collectErrors(
      workloadWith('tokens: { input: "800", output: 300 }').replace(
        'profile: simple',
        'reasoning: none'
      )
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe('a number in quotes is text')
    expect(issues[0]?.fix).toBe('write 800 without quotes')
  })

  test('octal number rejected', () => {
    const issues = collectErrors(
      workloadWith('').replace('per-day: 1', 'per-day: 0o17')
    )
    expect(issues[0]?.message).toBe('octal numbers are not accepted')
    expect(issues[0]?.fix).toBe('write the decimal value 15')
  })

  test('comma inside flow mapping', () => {
    const issues = collectErrors(
      workloadWith('').replace('per-day: 1', 'per-day: 1,000')
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('workloads[0].requests["000"]')
    expect(issues[0]?.fix).toContain('without thousands separators')
  })

  test('reasoning range must contain value', () => {
    const issues = collectErrors(
      workloadWith('reasoning: { multiplier: 5, range: [6, 10] }')
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('workloads[0].reasoning.range')
    expect(issues[0]?.message).toBe(
      'the range does not contain the expected multiplier 5'
    )
  })

  test('reasoning multiplier below 1', () => {
    const issues = collectErrors(workloadWith('reasoning: { multiplier: 0.5 }'))
    expect(issues[0]?.message).toBe('must be at least 1')
  })

  test('shares within 0.01% accepted', () => {
    const text = workloadWith('').replace(
      'model: m',
      'routes: [{ model: a, share: 33.33% }, { model: b, share: 66.66% }]'
    )
    const { config } = parseUsageFile(text, 'f.yml')
    expect(config.workloads[0]?.routes[1]?.share.toFraction()).toBe('3333/5000')
  })

  test('shares off by more than 0.01% rejected', () => {
    const text = workloadWith('').replace(
      'model: m',
      'routes: [{ model: a, share: 33.33% }, { model: b, share: 66.65% }]'
    )
    expect(collectErrors(text)[0]?.message).toBe(
      'the route shares add up to 99.98%, not 100%'
    )
  })
})

describe('price warnings', () => {
  function withPrice(price: string): string {
    return [
      'version: 1',
      'models:',
      `  my-model: { input: ${price}, output: 1 }`,
      'workloads:',
      '  - { name: bot, model: my-model, profile: simple, requests: { per-day: 1 } }'
    ].join('\n')
  }

  test('price per token warned', () => {
    const { warnings } = parseUsageFile(withPrice('0.000003'), 'ai-usage.yml')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      line: 3,
      column: 22,
      path: 'models.my-model.input',
      value: '0.000003',
      severity: 'warning'
    })
    expect(warnings[0]?.fix).toBe(
      'write the price in USD per 1,000,000 tokens: 3 if 0.000003 is per token, 0.003 if it is per 1,000 tokens'
    )
  })

  test('price above 1000 warned', () => {
    const { warnings } = parseUsageFile(withPrice('2500'), 'ai-usage.yml')
    expect(warnings[0]?.message).toBe(
      '$2500 per 1M tokens is above $1000, which suggests a unit slip'
    )
  })

  test.each(['0', '0.001', '1000'])('price %s not warned', price => {
    expect(parseUsageFile(withPrice(price), 'f.yml').warnings).toEqual([])
  })
})

describe('errors of every stage at once', () => {
  const catalog = {
    has: (name: string) => name.toLowerCase() === 'gpt-5.4-nano',
    closest: () => ['gpt-5.4-nano']
  }

  test('duplicate key with other errors', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - name: a',
      '    model: gpt-5.4-nano',
      '    model: gpt-5.4-nano',
      '    profile: simple',
      '    requests: { per-day: -1 }'
    ].join('\n')
    const issues = collectErrors(text, undefined, catalog)
    expect(issues.map(issue => [issue.line, issue.column, issue.path])).toEqual(
      [
        [5, 5, 'workloads[0].model'],
        [7, 26, 'workloads[0].requests.per-day']
      ]
    )
    expect(issues[0]?.message).toContain('Map keys must be unique')
    expect(issues[1]?.message).toBe('must not be negative')
  })

  test('unknown models with schema errors', () => {
    const text = [
      'version: 1',
      'models:',
      '  Acme-FT: { input: 1, output: 2 }',
      'workloads:',
      '  - name: a',
      '    model: gtp-5.4-nano',
      '    profile: simple',
      '    requests: { per-day: 1, per-month: 2 }',
      '  - name: b',
      '    routes: [{ model: acme-ft, share: 50% }, { model: nope, share: 50% }]',
      '    profile: simple',
      '    requests: { per-day: 1 }',
      'discounts:',
      '  - { model: GPT-5.4-NANO, off: 5% }',
      '  - { model: missing, off: 5% }'
    ].join('\n')
    const issues = collectErrors(text, undefined, catalog)
    expect(issues.map(issue => [issue.line, issue.column, issue.path])).toEqual(
      [
        [6, 12, 'workloads[0].model'],
        [8, 40, 'workloads[0].requests.per-month'],
        // "nope" starts after `    routes: [{ model: acme-ft, share: 50% }, { model: `.
        [10, 55, 'workloads[1].routes[1].model'],
        [15, 14, 'discounts[1].model']
      ]
    )
    expect(issues[0]?.message).toBe('unknown model "gtp-5.4-nano"')
    expect(issues[0]?.fix).toBe(
      'use a catalog name such as "gpt-5.4-nano", or add the model with its prices under models:'
    )
    expect(issues[2]?.message).toBe('unknown model "nope"')
    expect(issues[3]?.message).toBe('discount names unknown model "missing"')
  })

  test('model names unchecked without a catalog', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - name: a',
      '    model: anything',
      '    profile: simple',
      '    requests: { per-day: 1 }'
    ].join('\n')
    expect(parseUsageFile(text, 'f.yml').config.workloads).toHaveLength(1)
  })
})

describe('leading zeros', () => {
  function withVolume(number: string): string {
    return [
      'version: 1',
      'workloads:',
      '  - name: a',
      '    model: m',
      '    profile: simple',
      `    requests: { per-day: ${number} }`
    ].join('\n')
  }

  test.each([
    ['010', 'YAML 1.1 tools read 010 as octal 8 and YAML 1.2 as 10'],
    [
      '089',
      'YAML 1.1 tools do not read 089 as a decimal number, and YAML 1.2 reads it as 89'
    ],
    ['00.5', 'YAML 1.1 tools do not read 00.5 as a decimal number']
  ])('%s rejected', (number, message) => {
    const issues = collectErrors(withVolume(number))
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toContain(message)
    expect(issues[0]?.column).toBe(26)
  })

  test.each(['0', '0.5', '0e3'])('%s accepted', number => {
    const { config } = parseUsageFile(withVolume(number), 'f.yml')
    expect(config.workloads).toHaveLength(1)
  })
})
