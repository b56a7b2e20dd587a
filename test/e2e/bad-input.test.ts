import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { GitHubStandIn } from '../support/github-stand-in.js'
import type { ActionRun } from '../support/run-action.js'
import {
  addPullRequest,
  headShaOf,
  runOnPullRequest as runBundle,
  startStandIn
} from '../support/scenario.js'

// Every kind of bad usage file, run through the bundle on a pull request:
// the step fails, the error is an annotation on its line and column, and no
// comment is posted or edited. The positions are the ones that
// test/config/parse-invalid.test.ts checks on the parser, where each is
// explained.

const TOKEN = 'ghs_BadInputToken0123456789abcdefghijkl'
const FIRST_PULL_NUMBER = 100

interface BadInputCase {
  /** A fixture under fixtures/invalid, read as bytes. */
  fixture?: string
  text?: string
  line: number
  column: number
  message: string
}

const CASES: Record<string, BadInputCase> = {
  'invalid YAML': {
    fixture: 'invalid-yaml.yml',
    line: 5,
    column: 1,
    message: 'invalid YAML'
  },
  'empty file': {
    fixture: 'empty.yml',
    line: 1,
    column: 1,
    message: 'the file is empty'
  },
  'wrong version': {
    fixture: 'wrong-version.yml',
    line: 1,
    column: 10,
    message: 'unsupported version'
  },
  'missing version': {
    fixture: 'missing-version.yml',
    line: 1,
    column: 1,
    message: 'missing required key version'
  },
  'unknown key': {
    fixture: 'unknown-key.yml',
    line: 6,
    column: 17,
    message: 'unknown key per_day'
  },
  'wrong type': {
    fixture: 'wrong-type.yml',
    line: 5,
    column: 22,
    message: 'expected a number'
  },
  'negative number': {
    fixture: 'negative.yml',
    line: 6,
    column: 26,
    message: 'must not be negative'
  },
  '.nan': {
    fixture: 'not-a-number.yml',
    line: 6,
    column: 26,
    message: 'not a number'
  },
  '.inf': {
    fixture: 'infinite.yml',
    line: 6,
    column: 26,
    message: 'infinite values are not accepted'
  },
  'ratio written 80': {
    fixture: 'ratio-above-one.yml',
    line: 6,
    column: 20,
    message: 'a bare number above 1 is not a ratio'
  },
  'shares not 100%': {
    fixture: 'shares-not-100.yml',
    line: 5,
    column: 7,
    message: 'the route shares add up to 95%'
  },
  'duplicate workload': {
    fixture: 'duplicate-workload.yml',
    line: 7,
    column: 11,
    message: 'duplicate workload name triage'
  },
  'duplicate key': {
    fixture: 'duplicate-key.yml',
    line: 6,
    column: 5,
    message: 'Map keys must be unique'
  },
  'unknown model': {
    fixture: 'unknown-model.yml',
    line: 4,
    column: 12,
    message: 'unknown model "gpt-5.4-nanoo"'
  },
  'model with routes': {
    fixture: 'model-and-routes.yml',
    line: 6,
    column: 7,
    message: 'a workload takes model or routes'
  },
  'two volume keys': {
    fixture: 'two-volumes.yml',
    line: 6,
    column: 42,
    message: 'requests takes per-day, per-month or per-year'
  },
  'thousands separator': {
    fixture: 'thousands-separator.yml',
    line: 6,
    column: 26,
    message: 'thousands separators are not allowed'
  },
  'underscore number': {
    fixture: 'underscore-number.yml',
    line: 7,
    column: 16,
    message: 'YAML 1.2 reads a number with underscores as text'
  },
  'hexadecimal number': {
    fixture: 'hex-number.yml',
    line: 6,
    column: 26,
    message: 'hexadecimal numbers are not accepted'
  },
  '__proto__ key': {
    fixture: 'proto-keys.yml',
    line: 3,
    column: 3,
    message: 'the key __proto__ is not allowed'
  },
  'alias bomb': {
    fixture: 'alias-bomb.yml',
    line: 1,
    column: 1,
    message: 'aliases expand beyond the limit'
  },
  'unknown alias': {
    fixture: 'unknown-alias.yml',
    line: 10,
    column: 15,
    message: 'unknown alias *dialy'
  },
  'nesting over 64 levels': {
    fixture: 'deep-nesting.yml',
    line: 7,
    column: 73,
    message: 'nested deeper than 64 levels'
  },
  'file over 2 MiB': {
    text: `version: 1\n#${'x'.repeat(2 * 1024 * 1024)}\n`,
    line: 1,
    column: 1,
    message: 'the file is larger than the limit'
  },
  'tab indentation': {
    fixture: 'tab-indent.yml',
    line: 7,
    column: 1,
    message: 'Tabs are not allowed as indentation'
  },
  'several documents': {
    fixture: 'multiple-documents.yml',
    line: 7,
    column: 1,
    message: 'more than one YAML document'
  },
  'leading zero': {
    fixture: 'leading-zero.yml',
    line: 6,
    column: 26,
    message: 'YAML 1.1 tools read 0755 as octal 493'
  },
  'YAML 1.1 boolean': {
    fixture: 'yaml11-boolean.yml',
    line: 7,
    column: 12,
    message: 'yes is text in YAML 1.2'
  },
  'reasoning off': {
    fixture: 'reasoning-off.yml',
    line: 7,
    column: 16,
    message: 'off is text in YAML 1.2'
  },
  'number too large': {
    fixture: 'number-too-large.yml',
    line: 6,
    column: 26,
    message: 'the number is out of range'
  },
  'quoted number': {
    fixture: 'quoted-number.yml',
    line: 6,
    column: 26,
    message: 'a number in quotes is text'
  },
  'not UTF-8': {
    fixture: 'not-utf8.yml',
    line: 3,
    column: 14,
    message: 'the file is not valid UTF-8'
  },
  'UTF-16': {
    fixture: 'utf16.yml',
    line: 1,
    column: 4,
    message: 'as a file saved as UTF-16 does'
  },
  'top-level list': {
    fixture: 'top-level-list.yml',
    line: 1,
    column: 1,
    message: 'the file is a list'
  },
  'CRLF line endings': {
    fixture: 'crlf-negative.yml',
    line: 6,
    column: 26,
    message: 'must not be negative'
  },
  'byte order mark': {
    fixture: 'bom-wrong-version.yml',
    line: 1,
    column: 10,
    message: 'unsupported version'
  },
  'unknown profile': {
    fixture: 'unknown-profile.yml',
    line: 7,
    column: 14,
    message: 'unknown profile suport-reply'
  },
  'cache over 100%': {
    fixture: 'cache-over-100.yml',
    line: 6,
    column: 12,
    message: 'cache.read and cache.write add up to 110%'
  },
  'budget of no workload': {
    fixture: 'budget-unknown-workload.yml',
    line: 10,
    column: 5,
    message: 'no workload has that name'
  }
}

let standIn: GitHubStandIn

beforeAll(async () => {
  standIn = await startStandIn({ token: TOKEN, login: 'budget-bot' }, [])
})

afterAll(async () => {
  await standIn.close()
})

function readInvalidFixture(name: string): Buffer {
  return readFileSync(
    new URL(`../../fixtures/invalid/${name}`, import.meta.url)
  )
}

/** Runs the bundle on its own pull request, so that concurrent runs do not share comments. */
async function runOnPullRequest(
  number: number,
  content: string | Uint8Array
): Promise<ActionRun> {
  const headSha = headShaOf(number)
  addPullRequest(standIn, number, headSha)
  return await runBundle(standIn, {
    number,
    token: TOKEN,
    headFile: content,
    headSha
  })
}

function listAnnotations(run: ActionRun, kind: 'error' | 'warning'): string[] {
  return run.stdout
    .split('\n')
    .filter(line => line.startsWith(`::${kind} title=ai-budget,file=`))
}

function listCommentWrites(number: number): string[] {
  return standIn
    .listCalls()
    .filter(call => /^(POST|PATCH) /.test(call))
    .filter(
      call =>
        call.includes(`/issues/${number}/`) ||
        call.includes('/issues/comments/')
    )
}

describe('bad usage files end to end', () => {
  const cases = Object.entries(CASES).map(([name, item], index) => ({
    name,
    item,
    number: FIRST_PULL_NUMBER + index
  }))

  test.concurrent.each(cases)('$name', async ({ item, number }) => {
    const content = item.fixture
      ? readInvalidFixture(item.fixture)
      : (item.text ?? '')

    const run = await runOnPullRequest(number, content)

    expect(run.exitCode, run.stdout).toBe(1)
    const at = `::error title=ai-budget,file=ai-usage.yml,line=${item.line},col=${item.column}::ai-usage.yml:${item.line}:${item.column}`
    const annotation = listAnnotations(run, 'error').find(line =>
      line.startsWith(at)
    )
    expect(annotation, run.stdout).toBeDefined()
    expect(annotation).toContain(item.message)
    expect(run.outputs['result']).toBe('fail')
    const report = JSON.parse(run.report ?? '{}') as {
      result: string
      files: { result: string }[]
    }
    expect(report.result).toBe('fail')
    expect(report.files[0]?.result).toBe('error')
    // The summary escapes Markdown, so _ and * carry a backslash.
    expect(run.summary).toContain(item.message.replace(/[_*]/g, '\\$&'))
    expect(listCommentWrites(number)).toEqual([])
  })

  test('every error of a file annotated', async () => {
    const run = await runOnPullRequest(
      FIRST_PULL_NUMBER - 1,
      readInvalidFixture('several-errors.yml')
    )

    expect(run.exitCode, run.stdout).toBe(1)
    const positions = listAnnotations(run, 'error').map(line =>
      /line=(\d+),col=(\d+)/.exec(line)?.slice(1).map(Number)
    )
    // The four errors of the fixture, as the parser test lists them.
    expect(positions.map(position => position?.[0])).toEqual([6, 7, 8, 10])
    expect(listCommentWrites(FIRST_PULL_NUMBER - 1)).toEqual([])
  })

  test('unit slip is a warning on its line', async () => {
    // $0.000003 per 1M tokens is a price per token written as per 1M.
    const text = [
      'version: 1',
      'models:',
      '  gpt-5.4-nano: { input: 0.000003 }',
      'workloads:',
      '  - name: triage',
      '    model: gpt-5.4-nano',
      '    profile: simple',
      '    requests: { per-day: 1000 }',
      ''
    ].join('\n')

    const run = await runOnPullRequest(FIRST_PULL_NUMBER - 2, text)

    expect(run.exitCode, run.stdout).toBe(0)
    const warnings = listAnnotations(run, 'warning')
    expect(warnings).toHaveLength(1)
    // The price starts at column 26 of `  gpt-5.4-nano: { input: 0.000003 }`.
    expect(warnings[0]).toContain('line=3,col=26::')
    expect(warnings[0]).toContain('which suggests a price per token')
  })
})
