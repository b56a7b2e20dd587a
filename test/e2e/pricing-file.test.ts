import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from '../support/github-stand-in.js'
import {
  BUNDLE_NODE,
  runAction,
  type ActionRun
} from '../support/run-action.js'
import { buildPullRequestEvent } from '../support/webhook-payload.js'

// A LiteLLM-format price file used end to end, through the CLI bundle and
// the Action bundle. Figures of fixtures/pricing/ai-usage.yml, by hand:
// triage: 1M × (200 × 0.15 + 50 × 1.00) / 1M = 80, half of it batch at 50%
//   off: 80 × (1 − 0.5 × 0.5) = 60.
// support: 100,000 × (1,000 × 0.30 + 200 × 1.20) / 1M = 54, all batch at the
//   50% the file's batch prices give: 27.
// long-docs: 250,000 input tokens is above the 200K threshold, so 4 / 18:
//   1,000 × (250,000 × 4 + 2,000 × 18) / 1M = 1,036.
// Head: 60 + 27 + 1,036 = 1,123 a month, 13,476 a year. The base has no
// support workload: 1,096, so the change is +27, +2.46%.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = path.join(ROOT, 'dist/cli/index.js')
const FIXTURES = path.join(ROOT, 'fixtures/pricing')
const USAGE = path.join(FIXTURES, 'ai-usage.yml')
const PRICES = path.join(FIXTURES, 'litellm-prices.json')
const RUN_TIMEOUT_MS = 60_000

const HEAD_FILE = readFileSync(USAGE, 'utf8')
const PRICES_FILE = readFileSync(PRICES, 'utf8')

/** The fixture without its support workload, as the base of the change. */
function baseFile(): string {
  const start = HEAD_FILE.indexOf('  - name: support')
  const end = HEAD_FILE.indexOf('  - name: long-docs')
  return HEAD_FILE.slice(0, start) + HEAD_FILE.slice(end)
}

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

function cli(args: string[], cwd = ROOT): Promise<CliResult> {
  return new Promise(resolve => {
    execFile(
      BUNDLE_NODE,
      [CLI, ...args],
      { cwd, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error
          ? typeof error.code === 'number'
            ? error.code
            : 1
          : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

describe('pricing file through the CLI', () => {
  let directory = ''
  let basePath = ''

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'ai-budget-pricing-'))
    basePath = path.join(directory, 'ai-usage.base.yml')
    await writeFile(basePath, baseFile())
  })

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('prices the usage file with LiteLLM prices', async () => {
    const result = await cli([
      USAGE,
      '--base-file',
      basePath,
      '--pricing-file',
      PRICES,
      '--date',
      '2026-12-04',
      '--format',
      'json'
    ])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as {
      totals: Record<string, { base: string; head: string; delta: string }>
      files: { workloads: { name: string; monthly: { head: string } }[] }[]
    }
    expect(report.totals.monthly).toMatchObject({
      base: '1096.00',
      head: '1123.00',
      delta: '27.00'
    })
    expect(report.totals.annual?.head).toBe('13476.00')
    const rows = report.files[0]?.workloads ?? []
    const monthly = Object.fromEntries(rows.map(r => [r.name, r.monthly.head]))
    expect(monthly).toEqual({
      triage: '60.00',
      support: '27.00',
      'long-docs': '1036.00'
    })
  })

  it('prints the text report', async () => {
    const result = await cli([
      USAGE,
      '--base-file',
      basePath,
      '--pricing-file',
      PRICES,
      '--date',
      '2026-12-04'
    ])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('$1,096.00 -> $1,123.00 (+$27.00, +2.5%)')
  })

  it('rejects the usage file without the pricing file', async () => {
    const result = await cli([USAGE, '--base-file', basePath])
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('unknown model "acme/support-ft-v2"')
  })

  it('exits 2 on an invalid pricing file', async () => {
    const broken = path.join(directory, 'prices.json')
    await writeFile(broken, '{ "acme": { "input_cost_per_token": "1" } }')
    const result = await cli([USAGE, '--pricing-file', broken])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `error: ${broken}:1:37 acme.input_cost_per_token: a price must be a number in USD per token (found "1"). Write a non-negative number in USD per token, such as 2.5e-06\n`
    )
  })

  it('exits 2 on a missing pricing file', async () => {
    const result = await cli([USAGE, '--pricing-file', 'no-such-prices.json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'The pricing file no-such-prices.json was not found. Check the path.\n'
    )
  })
})

/**
 * The fixture's prices with gpt-5.4-nano input at 2.5e-07 ($0.25 per 1M)
 * instead of 1.5e-07, as an older version of the file. triage then costs
 * 1M × (200 × 0.25 + 50 × 1.00) / 1M = 100, and 75 with half of it batched
 * at 50% off: 15 more than the 60 of the fixture.
 */
const OLDER_PRICES_FILE = PRICES_FILE.replace(
  '"input_cost_per_token": 1.5e-07',
  '"input_cost_per_token": 2.5e-07'
)

const runGit = promisify(execFile)

async function git(cwd: string, ...args: string[]): Promise<void> {
  await runGit('git', args, { cwd, timeout: 20_000 })
}

describe('pricing file of each side through the CLI', () => {
  let repo = ''

  beforeEach(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'ai-budget-pricing-git-'))
    await git(repo, 'init', '-q')
    await git(repo, 'config', 'user.email', 'dev@example.com')
    await git(repo, 'config', 'user.name', 'Dev')
    await writeFile(path.join(repo, 'ai-usage.yml'), HEAD_FILE)
  })

  afterEach(async () => {
    await rm(repo, { recursive: true, force: true })
  })

  /** Runs the CLI in the repository with prices.json and returns its JSON report. */
  async function priceInRepo() {
    const result = await cli(
      ['--pricing-file', 'prices.json', '--format', 'json'],
      repo
    )
    expect(result.code, result.stderr).toBe(0)
    return JSON.parse(result.stdout) as {
      notes: string[]
      totals: Record<string, { base: string; head: string; delta: string }>
      files: { attribution: { monthly: Record<string, string> } }[]
    }
  }

  it('prices both sides with the committed version', async () => {
    // Base: triage 75 + support 27 + long-docs 1,036 = 1,138 with the older
    // prices. The edit (1,123 with its own prices) applies after merge, so
    // the head is priced with the older prices too: no change.
    await writeFile(path.join(repo, 'prices.json'), OLDER_PRICES_FILE)
    await git(repo, 'add', '.')
    await git(repo, 'commit', '-qm', 'Add usage and prices')
    await writeFile(path.join(repo, 'prices.json'), PRICES_FILE)
    const report = await priceInRepo()
    expect(report.totals.monthly).toMatchObject({
      base: '1138.00',
      head: '1138.00',
      delta: '0.00'
    })
    expect(report.notes[0]).toBe(
      "This change edits the pricing file prices.json, which changes the prices of gpt-5.4-nano. The edit applies after merge, so this run prices both sides with the base's version; a model that only this change's version defines keeps its prices."
    )
    const file = report.files[0] as unknown as Record<string, unknown>
    expect(file['price-settings-change']).toMatchObject({
      edits: ['pricing file prices.json: gpt-5.4-nano input 0.25 → 0.15'],
      'priced-with': 'base'
    })
  })

  it('prices both sides alike with an untracked file', async () => {
    await git(repo, 'add', 'ai-usage.yml')
    await git(repo, 'commit', '-qm', 'Add usage')
    await writeFile(path.join(repo, 'prices.json'), PRICES_FILE)
    const report = await priceInRepo()
    expect(report.totals.monthly).toMatchObject({
      base: '1123.00',
      head: '1123.00',
      delta: '0.00'
    })
    expect(report.notes).toEqual([])
  })
})

const TOKEN = 'ghs_PricingFileToken0123456789abcdefgh'
const OWNER = 'acme'
const REPO = 'shop'
const FULL_NAME = `${OWNER}/${REPO}`
const PR = 21
const BASE_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
const HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'
const MERGE_BASE_SHA = 'ccccccccccccccccccccccccccccccccccccccc4'

describe('pricing file through the Action', () => {
  let standIn: GitHubStandIn

  beforeEach(async () => {
    standIn = await GitHubStandIn.start({ token: TOKEN, login: 'budget-bot' })
    standIn.addPullRequest(FULL_NAME, {
      number: PR,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      headRef: 'add-support',
      baseRef: 'main'
    })
    standIn.setMergeBase(FULL_NAME, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', baseFile())
  })

  afterEach(async () => {
    await standIn.close()
  })

  /** Commits the pricing file at the merge base and at the head of the pull request. */
  function commitPrices(versions: { base?: string; head?: string }): void {
    const file = 'prices/litellm.json'
    if (versions.base !== undefined) {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, file, versions.base)
    }
    if (versions.head !== undefined) {
      standIn.setFile(FULL_NAME, HEAD_SHA, file, versions.head)
    }
  }

  function runWithPrices(
    prices: string,
    inputs: Record<string, string> = {}
  ): Promise<ActionRun> {
    // The Action reads the head file at the head commit.
    standIn.setFile(FULL_NAME, HEAD_SHA, 'ai-usage.yml', HEAD_FILE)
    return runAction({
      inputs: {
        config: 'ai-usage.yml',
        'github-token': TOKEN,
        'pricing-file': 'prices/litellm.json',
        ...inputs
      },
      eventName: 'pull_request',
      eventPayload: buildPullRequestEvent('opened', {
        owner: OWNER,
        repo: REPO,
        number: PR,
        headSha: HEAD_SHA,
        baseSha: BASE_SHA,
        headRef: 'add-support',
        baseRef: 'main',
        apiUrl: standIn.url
      }),
      repository: FULL_NAME,
      apiUrl: standIn.url,
      workspaceFiles: {
        'ai-usage.yml': HEAD_FILE,
        'prices/litellm.json': prices
      },
      env: { GITHUB_SHA: HEAD_SHA, GITHUB_REF: `refs/pull/${PR}/merge` }
    })
  }

  it(
    'prices base and head with the file',
    async () => {
      const run = await runWithPrices(PRICES_FILE)
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs['monthly-cost']).toBe('1123.00')
      expect(run.outputs['base-monthly-cost']).toBe('1096.00')
      expect(run.outputs['monthly-delta']).toBe('27.00')
      expect(run.outputs['annual-cost']).toBe('13476.00')
      expect(run.stdout).toContain(
        "The pricing file prices/litellm.json (LiteLLM's format) updated 2 catalog models and added 2 models, and skipped 1 entry not priced by the token or without the prices a new model needs."
      )
      const [comment] = standIn.listComments(FULL_NAME, PR)
      expect(comment?.body).toContain('$1,123.00')
      // The added workload is the whole change, as volume.
      expect(comment?.body).toContain('**Why the cost changed**')
      expect(comment?.body).toContain(
        '| support | – | – | – | +$27.00 | – | +$27.00 |'
      )
      const report = JSON.parse(run.report ?? '{}') as {
        files: { attribution: { monthly: Record<string, string> } }[]
      }
      expect(report.files[0]?.attribution.monthly).toEqual({
        price: '0.00',
        model: '0.00',
        tokens: '0.00',
        volume: '27.00',
        discounts: '0.00'
      })
      // The file is in neither commit, so a step of the workflow made it.
      expect(run.stdout).toContain(
        'The pricing file prices/litellm.json prices base and head alike: it is in neither the base nor the head commit, so the workflow made it.'
      )
    },
    RUN_TIMEOUT_MS
  )

  it(
    'prices the head with the base version',
    async () => {
      // Base: triage 75 (older prices) + long-docs 1,036 = 1,111. The head
      // is priced with the same older prices: 75 + support 27 + 1,036 =
      // 1,138, so +27, all of it volume. Its own prices give 1,123.
      commitPrices({ base: OLDER_PRICES_FILE, head: PRICES_FILE })
      const run = await runWithPrices(PRICES_FILE)
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs['base-monthly-cost']).toBe('1111.00')
      expect(run.outputs['monthly-cost']).toBe('1138.00')
      expect(run.outputs['monthly-delta']).toBe('27.00')
      const [comment] = standIn.listComments(FULL_NAME, PR)
      expect(comment?.body).toContain(
        "This change edits price settings (pricing file prices/litellm.json: gpt-5.4-nano input 0.25 → 0.15). They apply after merge; this run prices both sides with the base's settings. With this change's own settings the head would cost $1,123.00 a month."
      )
      const report = JSON.parse(run.report ?? '{}') as {
        files: { attribution: { monthly: Record<string, string> } }[]
      }
      expect(report.files[0]?.attribution.monthly).toEqual({
        price: '0.00',
        model: '0.00',
        tokens: '0.00',
        volume: '27.00',
        discounts: '0.00'
      })
    },
    RUN_TIMEOUT_MS
  )

  it(
    'prices each side with its own version under head',
    async () => {
      // Base: triage 75 (older prices) + long-docs 1,036 = 1,111. Head:
      // 1,123, so +12: triage −15 of price, support +27 of volume.
      commitPrices({ base: OLDER_PRICES_FILE, head: PRICES_FILE })
      const run = await runWithPrices(PRICES_FILE, { 'budget-source': 'head' })
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs['base-monthly-cost']).toBe('1111.00')
      expect(run.outputs['monthly-cost']).toBe('1123.00')
      expect(run.outputs['monthly-delta']).toBe('12.00')
      const note =
        'This change edits the pricing file prices/litellm.json, which changes the prices of gpt-5.4-nano. Base and head are each priced with their own version, so the edit counts as the price part of the change.'
      expect(run.stdout).toContain(`::warning::${note}`)
      const [comment] = standIn.listComments(FULL_NAME, PR)
      expect(comment?.body).toContain(`- ⚠️ ${note}`)
      expect(comment?.body).toContain(
        '| triage | −$15.00 | – | – | – | – | −$15.00 |'
      )
      const report = JSON.parse(run.report ?? '{}') as {
        files: { attribution: { monthly: Record<string, string> } }[]
      }
      expect(report.files[0]?.attribution.monthly).toEqual({
        price: '-15.00',
        model: '0.00',
        tokens: '0.00',
        volume: '27.00',
        discounts: '0.00'
      })
    },
    RUN_TIMEOUT_MS
  )

  it(
    'prices the base with the catalog for a new file',
    async () => {
      // The base has triage alone, at catalog prices: 1M × (200 × 0.20 +
      // 50 × 1.25) / 1M = 102.50, and 76.875 with half of it batched. The
      // head's file prices triage at 60: −16.875 of price; support and
      // long-docs add 1,063 of volume. 1,123 − 76.875 = 1,046.125.
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        HEAD_FILE.slice(0, HEAD_FILE.indexOf('  - name: support'))
      )
      commitPrices({ head: PRICES_FILE })
      const run = await runWithPrices(PRICES_FILE, { 'budget-source': 'head' })
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs['base-monthly-cost']).toBe('76.88')
      expect(run.outputs['monthly-delta']).toBe('1046.13')
      expect(run.stdout).toContain(
        '::warning::The pricing file prices/litellm.json is new in this change and changes the prices of gpt-5.4-nano and adds acme/support-ft-v2 and text-embedding-3-small. The base is priced with the bundled catalog alone, so the new prices count as the price part of the change.'
      )
      const report = JSON.parse(run.report ?? '{}') as {
        files: { attribution: { monthly: Record<string, string> } }[]
      }
      expect(report.files[0]?.attribution.monthly).toEqual({
        price: '-16.88',
        model: '0.00',
        tokens: '0.00',
        volume: '1063.00',
        discounts: '0.00'
      })
    },
    RUN_TIMEOUT_MS
  )

  it(
    'prices a new file with the catalog under base',
    async () => {
      // The base has triage alone: 76.875 at catalog prices, as above. The
      // new file applies after merge, so triage stays at 76.875; support
      // and long-docs, on models only the file defines, add 1,063:
      // 76.875 + 1,063 = 1,139.875.
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        HEAD_FILE.slice(0, HEAD_FILE.indexOf('  - name: support'))
      )
      commitPrices({ head: PRICES_FILE })
      const run = await runWithPrices(PRICES_FILE)
      // support is on acme/support-ft-v2, which only the head's pricing
      // file prices, so it fails: 27.00 a month at the file's prices.
      expect(run.exitCode, run.stdout).toBe(1)
      expect(run.stdout).toContain(
        '::error title=ai-budget%3A workload "support" on model acme/support-ft-v2%2C priced by this change,file=ai-usage.yml,line=1,col=1::Workload "support" uses the model acme/support-ft-v2, which only this change defines (input 0.30, output 1.20 per 1M tokens), so the base cannot check the price of its $27.00 a month'
      )
      // long-docs names gemini-3.1-pro by the file's LiteLLM key, whose
      // prices equal the catalog's, so only triage's price is an edit.
      expect(run.outputs['monthly-cost'], run.stdout).toBe('1139.88')
      expect(run.stdout).toContain(
        'This change edits price settings (pricing file prices/litellm.json: + acme/support-ft-v2 (price set by this change); pricing file prices/litellm.json: gpt-5.4-nano input 0.20 → 0.15, output 1.25 → 1.00). They apply after merge'
      )
      expect(run.outputs['monthly-delta']).toBe('1063.00')
      expect(run.stdout).toContain(
        "The edit applies after merge, so this run prices both sides with the bundled catalog; a model that only this change's version defines keeps its prices."
      )
    },
    RUN_TIMEOUT_MS
  )

  it(
    'does not measure a base whose pricing file is invalid',
    async () => {
      commitPrices({
        base: '{\n  "acme": {\n    "input_cost_per_token": -1\n  }\n}',
        head: PRICES_FILE
      })
      const run = await runWithPrices(PRICES_FILE)
      expect(run.outputs['base-monthly-cost']).toBe('')
      const report = JSON.parse(run.report ?? '{}') as {
        files: { 'base-state': string; 'base-note': string }[]
      }
      // An invalid base pricing file is a fact of the base, not a failed
      // read, so the base is invalid: not priced, and its budgets apply.
      expect(run.exitCode, run.stdout).toBe(0)
      expect(report.files[0]?.['base-state']).toBe('invalid')
      expect(report.files[0]?.['base-note']).toBe(
        "The base version of ai-usage.yml cannot be priced, because the base version of the pricing file prices/litellm.json is invalid: line 3, acme.input_cost_per_token, a price cannot be negative, so the change is not measured. Its budgets section is valid, so the base's budgets apply."
      )
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails with an annotation on a bad entry',
    async () => {
      const run = await runWithPrices(
        '{\n  "acme": {\n    "input_cost_per_token": -1\n  }\n}'
      )
      expect(run.exitCode).toBe(1)
      expect(run.outputs['result']).toBe('fail')
      expect(run.stdout).toContain(
        '::error title=ai-budget,file=prices/litellm.json,line=3,col=29::prices/litellm.json:3:29 acme.input_cost_per_token: a price cannot be negative (found -1). Write a non-negative number in USD per token, such as 2.5e-06'
      )
    },
    RUN_TIMEOUT_MS
  )
})
