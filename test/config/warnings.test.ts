import Fraction from 'fraction.js'
import { describe, expect, test } from 'vitest'
import { parseUsageFile, type ModelNameLookup } from '../../src/config/parse.js'
import { collectErrors } from './helpers.js'

// Values that the format accepts but that are seldom meant, reported as
// warnings on their line, and names that are rejected.

/** A stand-in for the catalog: two ids, and an alias of the first. */
const CATALOG: ModelNameLookup = {
  has: name => ['gpt-5.4-nano', 'gpt-5.4-mini', 'gpt-5-4-nano'].includes(name),
  closest: () => ['gpt-5.4-nano', 'gpt-5.4-mini'],
  idOf: name =>
    ({
      'gpt-5.4-nano': 'gpt-5.4-nano',
      'gpt-5-4-nano': 'gpt-5.4-nano',
      'gpt-5.4-mini': 'gpt-5.4-mini'
    })[name]
}

function warningsOf(...lines: string[]) {
  const text = ['version: 1', ...lines, ''].join('\n')
  return parseUsageFile(text, 'ai-usage.yml', { models: CATALOG }).warnings
}

/** Builds a file with one workload that has the given requests mapping. */
function withRequests(requests: string, extra = '') {
  return warningsOf(
    'workloads:',
    '  - name: bot',
    '    model: gpt-5.4-nano',
    '    profile: simple',
    `    requests: ${requests}`,
    ...(extra ? [`    ${extra}`] : [])
  )
}

describe('growth and retries warnings', () => {
  test('bare 1 growth', () => {
    const warnings = withRequests('{ per-day: 1000, growth: 1 }')
    expect(warnings).toHaveLength(1)
    // `1` starts at column 40 of `    requests: { per-day: 1000, growth: 1 }`.
    expect(warnings[0]).toMatchObject({
      line: 6,
      column: 40,
      path: 'workloads[0].requests.growth',
      severity: 'warning'
    })
    expect(warnings[0]?.message).toBe(
      'growth: 1 means 100% a month, which doubles the volume every month'
    )
    expect(warnings[0]?.fix).toBe(
      'write 1% for one percent, or 100% to keep this growth'
    )
  })

  test('steep growth in percent', () => {
    const warnings = withRequests('{ per-day: 1000, growth: 150% }')
    expect(warnings).toHaveLength(1)
    // 1.5 more a month for 11 months: 2.5^11 = 23,841.86, rounded 23842.
    const factor = new Fraction(5, 2).pow(11).round(0).toString()
    expect(factor).toBe('23842')
    expect(warnings[0]?.message).toBe(
      `growth of 150% a month multiplies the volume by ${factor} by month 12`
    )
  })

  test('100% growth warned', () => {
    const warnings = withRequests('{ per-day: 1000, growth: 100% }')
    // 2^11 = 2,048.
    expect(warnings[0]?.message).toBe(
      'growth of 100% a month multiplies the volume by 2048 by month 12'
    )
  })

  test.each(['1%', '0.99', '99%', '-50%'])('growth %s not warned', growth => {
    expect(withRequests(`{ per-day: 1000, growth: ${growth} }`)).toEqual([])
  })

  test('bare 1 retries', () => {
    const warnings = withRequests('{ per-day: 1000 }', 'retries: 1')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.path).toBe('workloads[0].retries')
    expect(warnings[0]?.message).toBe(
      'retries: 1 means 100%, so every request is sent twice'
    )
  })

  test.each(['1%', '100%', '0.5'])('retries %s not warned', retries => {
    expect(withRequests('{ per-day: 1000 }', `retries: ${retries}`)).toEqual([])
  })
})

describe('volume warnings', () => {
  test.each([
    ['1.000', '1', '1000'],
    ['2.500', '2.5', '2500'],
    ['120.000', '120', '120000']
  ])('%s reads as a thousands point', (written, read, thousands) => {
    const warnings = withRequests(`{ per-month: ${written} }`)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.path).toBe('workloads[0].requests.per-month')
    expect(warnings[0]?.message).toBe(
      `${written} is read as ${read}, but in many locales ${written} means ${thousands}`
    )
    expect(warnings[0]?.fix).toBe(
      `write ${thousands} for ${thousands} requests, or ${read} to keep this value`
    )
  })

  test.each(['1000', '1.5', '2.50', '0.500', '1.0000', '1000.000'])(
    '%s not warned',
    written => {
      expect(withRequests(`{ per-month: ${written} }`)).toEqual([])
    }
  )
})

describe('unused models warnings', () => {
  test('misspelt key names the model', () => {
    const warnings = warningsOf(
      'models:',
      '  gpt-5.4-nanoo: { input: 1, output: 1 }',
      'workloads:',
      '  - { name: bot, model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }'
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      line: 3,
      column: 3,
      path: 'models["gpt-5.4-nanoo"]',
      severity: 'warning'
    })
    expect(warnings[0]?.message).toBe(
      'models.gpt-5.4-nanoo is not used by any workload or discount, so its prices apply nowhere'
    )
    expect(warnings[0]?.fix).toBe(
      'did you mean gpt-5.4-nano? Name the model as the workloads do'
    )
  })

  test('unrelated unused key', () => {
    const warnings = warningsOf(
      'models:',
      '  acme-ft: { input: 1, output: 1 }',
      'workloads: [{ name: bot, model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }]'
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.fix).toBe('remove the entry, or name it in a workload')
  })

  test.each(['gpt-5.4-mini', 'gpt-5-4-nano'])(
    'unused catalog key %s suggests nothing',
    key => {
      // The key is a catalog name, so it is no typo of one, and gpt-5-4-nano
      // is an alias of gpt-5.4-nano, the same model. Only acme-ft is used.
      const warnings = warningsOf(
        'models:',
        `  ${key}: { input: 2 }`,
        '  acme-ft: { provider: openai, input: 1, output: 1 }',
        'workloads: [{ name: bot, model: acme-ft, profile: simple, requests: { per-day: 1 } }]'
      )
      expect(warnings).toHaveLength(1)
      expect(warnings[0]?.value).toBe(key)
      expect(warnings[0]?.fix).toBe(
        'remove the entry, or name it in a workload'
      )
    }
  )

  test('misspelt key names an unused catalog model', () => {
    const warnings = warningsOf(
      'models:',
      '  gpt-5.4-nanoo: { input: 2 }',
      '  acme-ft: { provider: openai, input: 1, output: 1 }',
      'workloads: [{ name: bot, model: acme-ft, profile: simple, requests: { per-day: 1 } }]'
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.fix).toBe(
      'did you mean gpt-5.4-nano? Name the model as the workloads do'
    )
  })

  test('alias of the key counts as use', () => {
    const warnings = warningsOf(
      'models:',
      '  gpt-5.4-nano: { input: 0.1 }',
      'workloads: [{ name: bot, model: gpt-5-4-nano, profile: simple, requests: { per-day: 1 } }]'
    )
    expect(warnings).toEqual([])
  })

  test('discount counts as use', () => {
    const warnings = warningsOf(
      'models:',
      '  gpt-5.4-mini: { input: 0.5 }',
      'workloads: [{ name: bot, model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }]',
      'discounts: [{ model: gpt-5.4-mini, off: 10% }]'
    )
    expect(warnings).toEqual([])
  })
})

describe('profile and workload list warnings', () => {
  test('built-in profile redefined', () => {
    const warnings = warningsOf(
      'profiles:',
      '  simple: { input: 100, output: 10 }',
      'workloads: [{ name: bot, model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }]'
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ line: 3, column: 3 })
    expect(warnings[0]?.message).toBe(
      'profiles.simple replaces the built-in profile simple (200 input, 50 output tokens)'
    )
  })

  test('no workloads', () => {
    const warnings = warningsOf('workloads: []')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ line: 2, column: 12 })
    expect(warnings[0]?.message).toBe(
      'the file lists no workloads, so every figure is $0'
    )
  })
})

describe('model names outside ASCII', () => {
  function usageText(model: string, extra: string[] = []): string {
    return [
      'version: 1',
      ...extra,
      'workloads:',
      `  - { name: a, model: "${model}", profile: simple, requests: { per-day: 1 } }`,
      ''
    ].join('\n')
  }

  function errorsOf(model: string, extra: string[] = []) {
    return collectErrors(usageText(model, extra), 'ai-usage.yml', CATALOG)
  }

  test.each([
    ['a Cyrillic o', 'gpt-5.4-nan\u043e', 'U+043E'],
    ['a Greek omicron', 'gpt-5.4-nan\u03bf', 'U+03BF'],
    [
      'full-width letters',
      '\uff47\uff50\uff54-5.4-nano',
      'U+FF47, U+FF50, U+FF54'
    ],
    ['an accent', 'gpt-5.4-nan\u00f6', 'U+00F6']
  ])('%s named as look-alike', (_case, written, points) => {
    const name = JSON.parse(`"${written}"`) as string
    const issues = errorsOf(name)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('workloads[0].model')
    expect(issues[0]?.message).toBe(
      `the model name "${name}" contains ${points}, outside printable ASCII, and looks like the catalog model gpt-5.4-nano`
    )
    expect(issues[0]?.fix).toBe(
      'write gpt-5.4-nano in ASCII to use the catalog model, or give a custom model a name in printable ASCII'
    )
  })

  test('custom look-alike key rejected', () => {
    const name = 'gpt-5.4-nan\u043e'
    const issues = errorsOf(name, [
      'models:',
      `  "${name}": { provider: openai, input: 0.01, output: 0.01 }`
    ])
    // One error, on the key, because the workload names a model that the
    // file defines.
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ line: 3, column: 3 })
    expect(issues[0]?.message).toContain(
      'looks like the catalog model gpt-5.4-nano'
    )
  })

  test('name without look-alike rejected', () => {
    const name = '\u043c\u043e\u0434\u0435\u043b\u044c'
    const issues = errorsOf(name, [
      'models:',
      `  "${name}": { provider: acme, input: 1, output: 1 }`
    ])
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe(
      `the model name "${name}" contains U+043C, U+043E, U+0434, U+0435, U+043B, U+044C, outside printable ASCII`
    )
  })

  test('look-alike budget key named', () => {
    // The workload is "сhat" with a Cyrillic U+0441, the budget key chat.
    const text = [
      'version: 1',
      'workloads:',
      '  - { name: "\u0441hat", model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }',
      'budgets:',
      '  workloads:',
      '    chat: { monthly: 10 }',
      ''
    ].join('\n')
    const issues = collectErrors(text, 'ai-usage.yml', CATALOG)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.fix).toBe(
      'did you mean the workload "\u0441hat" (with U+0441)? The budget key is "chat", and the two differ although they can look alike'
    )
  })

  test('ASCII custom name accepted', () => {
    const text = usageText('acme-chat', [
      'models:',
      '  acme-chat: { provider: acme, input: 1, output: 1 }'
    ])
    const parsed = parseUsageFile(text, 'ai-usage.yml', { models: CATALOG })
    expect(parsed.config.models.map(entry => entry.name)).toEqual(['acme-chat'])
  })
})

describe('workload names', () => {
  const CONTROL = 'the control character'
  const INVISIBLE = 'the invisible character'

  test.each([
    ['a newline', '"line\\nbreak"', CONTROL, 'U+000A'],
    ['an ANSI escape', '"\\e[31mred"', CONTROL, 'U+001B'],
    ['a bidirectional override', '"abc\\u202Edef"', CONTROL, 'U+202E'],
    ['a zero-width space', '"chat\\u200b"', INVISIBLE, 'U+200B'],
    ['a zero-width joiner', '"a\\u200db"', INVISIBLE, 'U+200D'],
    ['a word joiner', '"\\u2060chat"', INVISIBLE, 'U+2060'],
    ['a soft hyphen', '"ch\\u00adat"', INVISIBLE, 'U+00AD'],
    ['a Hangul filler', '"chat\\u3164"', INVISIBLE, 'U+3164'],
    ['a line separator', '"chat\\u2028"', INVISIBLE, 'U+2028']
  ])('%s rejected', (_name, written, kind, code) => {
    const text = `version: 1\nworkloads:\n  - { name: ${written}, model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }\n`
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('workloads[0].name')
    expect(issues[0]?.message).toBe(
      `the workload name contains ${kind} ${code}`
    )
  })

  test('invisible character fix', () => {
    const text = `version: 1\nworkloads:\n  - { name: "chat\\u200b", model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }\n`
    expect(collectErrors(text)[0]?.fix).toBe(
      'delete it, so that two names cannot look the same while they differ'
    )
  })

  test('names that look alike rejected', () => {
    // Both names display as "a"; the second has U+200B after it.
    const text = [
      'version: 1',
      'workloads:',
      '  - { name: a, model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }',
      '  - { name: "a\\u200b", model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }',
      ''
    ].join('\n')
    const issues = collectErrors(text)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ line: 4, path: 'workloads[1].name' })
  })

  test('invisible model key rejected', () => {
    const text = [
      'version: 1',
      'models:',
      '  "gpt-5.4\\u200b": { provider: openai, input: 0.01, output: 0.01 }',
      'workloads:',
      '  - { name: a, model: "gpt-5.4\\u200b", profile: simple, requests: { per-day: 1 } }',
      ''
    ].join('\n')
    const issues = collectErrors(text)
    expect(issues.map(issue => issue.message)).toEqual([
      'the model name contains the invisible character U+200B'
    ])
    expect(issues[0]).toMatchObject({
      line: 3,
      column: 3,
      path: 'models["gpt-5.4\u200b"]'
    })
  })

  test('spaces around a name trimmed', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - { name: " triage ", model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }',
      'budgets:',
      '  workloads:',
      '    triage: { monthly: 10 }',
      ''
    ].join('\n')
    const { config } = parseUsageFile(text, 'f.yml')
    expect(config.workloads[0]?.name).toBe('triage')
  })

  test('trimmed names collide', () => {
    const text = [
      'version: 1',
      'workloads:',
      '  - { name: triage, model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }',
      '  - { name: "triage ", model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }',
      ''
    ].join('\n')
    const issues = collectErrors(text)
    expect(issues.map(issue => issue.message)).toEqual([
      'duplicate workload name triage, first used on line 3'
    ])
  })

  test('blank name rejected', () => {
    const text =
      'version: 1\nworkloads:\n  - { name: "  ", model: gpt-5.4-nano, profile: simple, requests: { per-day: 1 } }\n'
    expect(collectErrors(text).map(issue => issue.message)).toEqual([
      'the name is empty'
    ])
  })
})

describe('route models', () => {
  function routesFile(first: string, second: string): string {
    return [
      'version: 1',
      'workloads:',
      '  - name: bot',
      '    routes:',
      `      - { model: ${first}, share: 50% }`,
      `      - { model: ${second}, share: 50% }`,
      '    profile: simple',
      '    requests: { per-day: 1 }',
      ''
    ].join('\n')
  }

  test('same model twice rejected', () => {
    const issues = collectErrors(routesFile('gpt-5.4-nano', 'GPT-5.4-nano'))
    expect(issues).toHaveLength(1)
    // The second route's model starts at column 18 of line 6.
    expect(issues[0]).toMatchObject({
      line: 6,
      column: 18,
      path: 'workloads[0].routes[1].model'
    })
    expect(issues[0]?.message).toBe(
      'a second route to gpt-5.4-nano, which routes[0] names already'
    )
    expect(issues[0]?.fix).toBe(
      'merge the two routes into one whose share is the sum of both'
    )
  })

  test('two aliases of one model rejected', () => {
    const issues = collectErrors(
      routesFile('gpt-5.4-nano', 'gpt-5-4-nano'),
      'ai-usage.yml',
      CATALOG
    )
    expect(issues.map(issue => issue.path)).toEqual([
      'workloads[0].routes[1].model'
    ])
  })

  test('two models accepted', () => {
    const text = routesFile('gpt-5.4-nano', 'gpt-5.4-mini')
    const { config } = parseUsageFile(text, 'f.yml', { models: CATALOG })
    expect(config.workloads[0]?.routes).toHaveLength(2)
  })
})
