import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseTables } from './support/gfm.js'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '..')
const README = path.join(ROOT, 'README.md')
const START = '<!-- example-comment:start -->'
const END = '<!-- example-comment:end -->'

/** The command the README names, run from the repository root. */
const EXAMPLE_COMMAND = [
  'fixtures/example/ai-usage.yml',
  '--base-file',
  'fixtures/example/ai-usage.base.yml',
  '--format',
  'markdown',
  '--date',
  '2026-12-04'
]

// The README block changes only when asked: UPDATE_GOLDEN=1 npx vitest run test/readme.test.ts
const UPDATE = process.env.UPDATE_GOLDEN === '1'

/** Returns the example comment between the README's markers, without Prettier's guard comments. */
function readmeExample(readme: string): string | undefined {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) return undefined
  return readme
    .slice(start + START.length, end)
    .replace('<!-- prettier-ignore-start -->\n', '')
    .replace('\n<!-- prettier-ignore-end -->', '')
    .trim()
}

describe('README example comment', () => {
  it('matches the CLI output for the example', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, 'dist/cli/index.js'), ...EXAMPLE_COMMAND],
      { cwd: ROOT, timeout: 20_000 }
    )
    let readme = readFileSync(README, 'utf8')
    if (UPDATE) {
      const start = readme.indexOf(START)
      const end = readme.indexOf(END)
      expect(start).toBeGreaterThanOrEqual(0)
      const block = `${START}\n<!-- prettier-ignore-start -->\n${stdout.trim()}\n<!-- prettier-ignore-end -->\n`
      readme = readme.slice(0, start) + block + readme.slice(end)
      writeFileSync(README, readme)
    }
    expect(readmeExample(readme)).toBe(stdout.trim())
  })

  it('names the command that produced it', () => {
    const readme = readFileSync(README, 'utf8')
    expect(readme).toContain(`npx ai-budget ${EXAMPLE_COMMAND.join(' ')}`)
  })

  it('is well-formed GFM', () => {
    const example = readmeExample(readFileSync(README, 'utf8')) ?? ''
    const tables = parseTables(example)
    expect(tables.length).toBeGreaterThan(2)
    for (const table of tables) {
      for (const cells of table.rows) expect(cells).toBe(table.header)
    }
  })
})
