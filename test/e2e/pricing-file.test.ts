import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from '../support/github-stand-in.js'
import { runAction, type ActionRun } from '../support/run-action.js'
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

function cli(args: string[]): Promise<CliResult> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, timeout: 20_000 },
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
    expect(result.stderr).toContain(
      'no-such-prices.json: cannot read the pricing file'
    )
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

  function runWithPrices(prices: string): Promise<ActionRun> {
    return runAction({
      inputs: {
        config: 'ai-usage.yml',
        'github-token': TOKEN,
        'pricing-file': 'prices/litellm.json'
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
        "The pricing file prices/litellm.json (LiteLLM's format) updated 1 catalog model and added 3 models, and skipped 1 entry not priced by the token."
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
