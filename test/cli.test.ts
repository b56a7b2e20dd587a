import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUNDLE_NODE } from './support/run-action.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLI = path.join(ROOT, 'dist/cli/index.js')
const EXAMPLE = path.join(ROOT, 'fixtures/example/ai-usage.yml')
const EXAMPLE_BASE = path.join(ROOT, 'fixtures/example/ai-usage.base.yml')

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

async function cli(
  args: string[],
  cwd = ROOT,
  env: Record<string, string | undefined> = withoutColorVariables()
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(BUNDLE_NODE, [CLI, ...args], {
      cwd,
      env,
      timeout: 20_000
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string }
    return {
      code: failure.code,
      stdout: failure.stdout,
      stderr: failure.stderr
    }
  }
}

/** Copies the test process's environment without the variables that pick colours. */
function withoutColorVariables(
  extra: Record<string, string> = {}
): Record<string, string | undefined> {
  const env = { ...process.env }
  delete env.FORCE_COLOR
  delete env.NO_COLOR
  return { ...env, ...extra }
}

const EXAMPLE_ARGS = [
  EXAMPLE,
  '--base-file',
  EXAMPLE_BASE,
  '--date',
  '2026-12-04'
]
const ESCAPE = '\u001b['

// The example, priced by hand at catalog rates (USD per 1M tokens):
// ticket-triage: 20,000 a day × 365 / 12 = 608,333.33… requests a month ×
//   (200 × 0.20 + 50 × 1.25) / 1M = 748.25 / 12 = 62.3541…
// support-replies: 150,000 × (1,200 × 3 + 350 × 15) / 1M = 1,327.50
// contract-review (o3, reasoning ×5): 3,000 × (2,000 × 2 + 5,000 × 8) / 1M = 132.00
// Head: 1,521.8541… → 1,521.85; annual 12 × that = 18,262.25.
// Base: 62.3541… + 100,000 × 0.00885 = 947.3541… → 947.35; delta 574.50.
describe('ai-budget CLI', () => {
  it('prints the example as text', async () => {
    const result = await cli([
      EXAMPLE,
      '--base-file',
      EXAMPLE_BASE,
      '--date',
      '2026-12-04'
    ])
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe('PASS  within budget')
    expect(lines[1]).toContain('$947.35 -> $1,521.85 (+$574.50, +60.6%)')
    expect(lines[2]).toContain('$11,368.25 -> $18,262.25')
  })

  it('prints the example as JSON', async () => {
    const result = await cli([
      EXAMPLE,
      '--base-file',
      EXAMPLE_BASE,
      '--format',
      'json',
      '--date',
      '2026-12-04'
    ])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as {
      version: number
      totals: { monthly: { base: string; head: string; delta: string } }
      files: {
        workloads: { name: string; monthly: { head: string }; status: string }[]
      }[]
    }
    expect(report.version).toBe(2)
    expect(report.totals.monthly).toMatchObject({
      base: '947.35',
      head: '1521.85',
      delta: '574.50'
    })
    const rows = report.files[0]?.workloads.map(w => [
      w.name,
      w.monthly.head,
      w.status
    ])
    expect(rows).toEqual([
      ['support-replies', '1327.50', 'changed'],
      ['contract-review', '132.00', 'added'],
      ['ticket-triage', '62.35', 'unchanged']
    ])
  })

  it('rejects an unknown flag with status 2', async () => {
    const result = await cli(['--formt', 'json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'Unknown option --formt. Did you mean --format? Run ai-budget --help for the options.\n'
    )
  })

  it('names an option missing its value', async () => {
    const result = await cli([EXAMPLE, '--format'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      '--format is missing its value, such as --format json. Run ai-budget --help for the options.\n'
    )
  })

  it('rejects a value for a switch', async () => {
    const result = await cli(['--help=yes'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      '--help takes no value, but got "yes". Run ai-budget --help for the options.\n'
    )
  })

  it('rejects --base with --base-file', async () => {
    const result = await cli([...EXAMPLE_ARGS, '--base', 'HEAD'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      '--base and --base-file cannot be used together: --base compares with the file at a git ref, --base-file with another file. Pass one of them.\n'
    )
    expect(result.stdout).toBe('')
  })

  it('prints its version', async () => {
    const packageJson = JSON.parse(
      await readFile(path.join(ROOT, 'package.json'), 'utf8')
    ) as { version: string }
    const result = await cli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`ai-budget ${packageJson.version}\n`)
  })

  it('names a usage file that is missing', async () => {
    const result = await cli(['no-such-usage.yml', '--base', 'HEAD'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'The usage file no-such-usage.yml was not found. Check the path.\n'
    )
  })

  it('names a usage file that is a directory', async () => {
    const result = await cli(['fixtures', '--base', 'HEAD'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'The usage file fixtures is a directory. Pass the path of a file.\n'
    )
  })

  it('rejects an unknown format with status 2', async () => {
    const result = await cli([EXAMPLE, '--format', 'xml'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      '--format must be text, markdown or json, not "xml"\n'
    )
  })
})

describe('ai-budget CLI in a git repository', () => {
  let repo: string

  beforeEach(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'ai-budget-cli-'))
    const git = (...args: string[]) => run('git', args, { cwd: repo })
    await git('init', '-q', '-b', 'main')
    await git('config', 'user.email', 'dev@example.com')
    await git('config', 'user.name', 'Dev')
    // 500,000 requests × (200 × 0.20 + 50 × 1.25) / 1M = $51.25 a month.
    await writeFile(path.join(repo, 'ai-usage.yml'), usageFile('500000', ''))
    await git('add', '.')
    await git('commit', '-qm', 'Add usage file')
  })

  afterEach(async () => {
    await rm(repo, { recursive: true, force: true })
  })

  function usageFile(perMonth: string, budgets: string): string {
    return [
      'version: 1',
      'workloads:',
      '  - name: chat',
      '    model: gpt-5.4-nano',
      '    tokens: { input: 200, output: 50 }',
      `    requests: { per-month: ${perMonth} }`,
      budgets,
      ''
    ].join('\n')
  }

  it('compares the working tree with HEAD', async () => {
    // 1,000,000 requests: $102.50, up $51.25 (+100.0%) from HEAD.
    await writeFile(path.join(repo, 'ai-usage.yml'), usageFile('1000000', ''))
    const result = await cli([], repo)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      '$51.25 -> $102.50 (+$51.25, +100.0%) against HEAD'
    )
    // The repository has no origin, so the CLI compares with HEAD and
    // prints a note about it.
    expect(result.stderr).toBe(
      'note: origin/HEAD is not set, so the comparison is with HEAD, the last commit, and committed changes of this branch show no change. Run git remote set-head origin --auto, or pass --base main.\n'
    )
  })

  it('compares with the merge base of origin/HEAD', async () => {
    // origin/main is the first commit; a second commit raises the volume.
    const git = (...args: string[]) => run('git', args, { cwd: repo })
    await git('update-ref', 'refs/remotes/origin/main', 'HEAD')
    await git(
      'symbolic-ref',
      'refs/remotes/origin/HEAD',
      'refs/remotes/origin/main'
    )
    const { stdout: sha } = await git('rev-parse', 'HEAD')
    await writeFile(path.join(repo, 'ai-usage.yml'), usageFile('1000000', ''))
    await git('commit', '-qam', 'Double the volume')
    const result = await cli([], repo)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    // 500,000 → 1,000,000 requests: $51.25 → $102.50.
    expect(result.stdout).toContain(
      `$51.25 -> $102.50 (+$51.25, +100.0%) against the merge base ${sha.slice(0, 7)} with origin/main`
    )
  })

  it('exits 1 when a limit is exceeded', async () => {
    // The committed budget of $100 a month applies; $102.50 is over it.
    await writeFile(
      path.join(repo, 'ai-usage.yml'),
      usageFile('500000', 'budgets:\n  monthly: 100')
    )
    await run('git', ['commit', '-qam', 'Add budget'], { cwd: repo })
    await writeFile(
      path.join(repo, 'ai-usage.yml'),
      usageFile('1000000', 'budgets:\n  monthly: 100')
    )
    const result = await cli(['ai-usage.yml'], repo)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      '$102.50 is over the monthly budget of $100.00 by $2.50'
    )
  })

  it('exits 2 on an invalid file', async () => {
    await writeFile(
      path.join(repo, 'ai-usage.yml'),
      'version: 1\nworkloads:\n  - name: chat\n    model: gpt-5.4-nano\n    profile: tiny\n    requests: { per-day: 10 }\n'
    )
    const result = await cli(['ai-usage.yml'], repo)
    expect(result.code).toBe(2)
    expect(result.stdout).toMatch(
      /error: ai-usage\.yml:5:14 workloads\[0\]\.profile: /
    )
  })

  it('treats a file new since the ref as new', async () => {
    await writeFile(path.join(repo, 'other.yml'), usageFile('1000000', ''))
    const result = await cli(['other.yml', '--base', 'HEAD'], repo)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('$0.00 -> $102.50 (+$102.50, new)')
  })

  it('rejects an unknown ref with status 2', async () => {
    const result = await cli(['ai-usage.yml', '--base', 'no-such-ref'], repo)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      // The repository has one commit, so main is the only name to suggest.
      '--base no-such-ref cannot be used: git has no commit named "no-such-ref". Pass a branch, tag or commit that exists, such as main.\n'
    )
    expect(result.stdout).toBe('')
  })

  it('suggests no ref that failed', async () => {
    await run('git', ['branch', '-m', 'main', 'trunk'], { cwd: repo })
    await writeFile(path.join(repo, 'ai-usage.yml'), usageFile('1000000', ''))
    await run('git', ['commit', '-qam', 'Double the volume'], { cwd: repo })

    const result = await cli(['ai-usage.yml', '--base', 'main'], repo)

    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      '--base main cannot be used: git has no commit named "main". Pass a branch, tag or commit that exists, such as trunk or HEAD~1.\n'
    )
  })

  it('prices a repository without commits', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'ai-budget-cli-'))
    try {
      await run('git', ['init', '-q'], { cwd: empty })
      await writeFile(path.join(empty, 'ai-usage.yml'), usageFile('500000', ''))
      const result = await cli([], empty)
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(
        '$51.25, not compared: the repository has no commit to compare ai-usage.yml with'
      )
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})

describe('ai-budget CLI file arguments', () => {
  it('rejects --base-file with several files', async () => {
    const result = await cli([
      EXAMPLE,
      EXAMPLE_BASE,
      '--base-file',
      EXAMPLE_BASE
    ])

    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `--base-file is the base of one usage file, but 2 usage files were given (${EXAMPLE}, ${EXAMPLE_BASE}). Run ai-budget once for each file with its own --base-file, or compare them all with a git ref through --base REF.\n`
    )
    expect(result.stdout).toBe('')
  })

  it('rejects a file named twice', async () => {
    const result = await cli([EXAMPLE, EXAMPLE, '--base-file', EXAMPLE_BASE])

    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `The usage file ${EXAMPLE} is named twice, so its cost would be counted twice. Name each usage file once.\n`
    )
  })

  it('rejects one file under two names', async () => {
    const relative = 'fixtures/example/ai-usage.yml'
    const result = await cli([
      relative,
      `./fixtures/example/../example/ai-usage.yml`,
      '--base',
      'HEAD'
    ])

    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `The usage file ./fixtures/example/../example/ai-usage.yml is named twice (also as ${relative}), so its cost would be counted twice. Name each usage file once.\n`
    )
  })
})

describe('ai-budget CLI outside a git repository', () => {
  let directory: string

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'ai-budget-no-git-'))
    const head = await readFile(EXAMPLE, 'utf8')
    await writeFile(path.join(directory, 'ai-usage.yml'), head)
  })

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('rejects --base', async () => {
    const result = await cli(['--base', 'no-such-ref'], directory)

    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      '--base no-such-ref needs a git repository, but ai-usage.yml is not in one. Run ai-budget on a file inside a repository, or compare with another file through --base-file PATH.\n'
    )
    expect(result.stdout).toBe('')
  })

  it('prints no origin/HEAD note', async () => {
    const result = await cli(['--date', '2026-12-04'], directory)

    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain(
      'not compared: ai-usage.yml is not in a git repository'
    )
  })
})

describe('ai-budget CLI colours', () => {
  it('has none in a pipe', async () => {
    const result = await cli(EXAMPLE_ARGS)
    expect(result.stdout).not.toContain(ESCAPE)
  })

  it('adds them with FORCE_COLOR', async () => {
    const result = await cli(
      EXAMPLE_ARGS,
      ROOT,
      withoutColorVariables({ FORCE_COLOR: '1' })
    )
    // The verdict word is green. The rise of +$574.50 is within every
    // limit, so it is not red.
    expect(result.stdout.split('\n')[0]).toBe(
      `${ESCAPE}32mPASS ${ESCAPE}0m ${ESCAPE}1mwithin budget${ESCAPE}0m`
    )
    expect(result.stdout).toContain(' (+$574.50, +60.6%) against ')
    expect(result.stdout).not.toContain(`${ESCAPE}31m`)
  })

  it('stay off with FORCE_COLOR=0', async () => {
    const result = await cli(
      EXAMPLE_ARGS,
      ROOT,
      withoutColorVariables({ FORCE_COLOR: '0' })
    )
    expect(result.stdout).not.toContain(ESCAPE)
  })

  it('lets FORCE_COLOR win over NO_COLOR', async () => {
    const result = await cli(
      EXAMPLE_ARGS,
      ROOT,
      withoutColorVariables({ FORCE_COLOR: '1', NO_COLOR: '1' })
    )
    expect(result.stdout).toContain(ESCAPE)
  })

  it('never colours markdown or JSON', async () => {
    const env = withoutColorVariables({ FORCE_COLOR: '1' })
    const markdown = await cli(
      [...EXAMPLE_ARGS, '--format', 'markdown'],
      ROOT,
      env
    )
    const json = await cli([...EXAMPLE_ARGS, '--format', 'json'], ROOT, env)
    expect(markdown.stdout).not.toContain(ESCAPE)
    expect(json.stdout).not.toContain(ESCAPE)
  })
})

describe('ai-budget CLI options', () => {
  it('switches the chart off', async () => {
    const on = await cli([...EXAMPLE_ARGS, '--format', 'markdown'])
    const off = await cli([
      ...EXAMPLE_ARGS,
      '--format',
      'markdown',
      '--chart',
      'off'
    ])
    expect(on.stdout).toContain('```mermaid')
    expect(off.stdout).not.toContain('```mermaid')
  })

  it('rejects an unknown chart mode with status 2', async () => {
    const result = await cli([...EXAMPLE_ARGS, '--chart', 'sometimes'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--chart must be auto, on or off')
  })
})

describe('npm exec ai-budget', () => {
  it('runs the bin entry from the repository root', async () => {
    // npm links the package in the current directory and runs its bin, with
    // no registry request thanks to --offline.
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const { stdout } = await run(
      npm,
      ['exec', '--offline', '--yes', '--', 'ai-budget', ...EXAMPLE_ARGS],
      { cwd: ROOT, env: withoutColorVariables(), timeout: 60_000 }
    )
    expect(stdout.split('\n')[0]).toBe('PASS  within budget')
  }, 90_000)
})
