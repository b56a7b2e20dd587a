import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GitHubStandIn } from '../support/github-stand-in.js'
import { runAction, type ActionRun } from '../support/run-action.js'
import {
  BASE_SHA,
  buildUsageFile,
  describeRun,
  FULL_NAME,
  HEAD_SHA,
  MERGE_BASE_SHA,
  OWNER,
  REPO,
  runOnPullRequest as runBundle,
  startStandIn,
  type PullRequestRun
} from '../support/scenario.js'
import { buildPullRequestEvent } from '../support/webhook-payload.js'

// What the head is compared with, and where the limits come from when the
// base cannot be read or priced: a pull request never gets its limits from
// its own head because of its base.

const TOKEN = 'ghs_BaseTestToken0123456789abcdefghijklm'
const PR = 52
const CONTENTS_ROUTE = 'GET /repos/{owner}/{repo}/contents/{path}'
const COMPARE_ROUTE = 'GET /repos/{owner}/{repo}/compare/{basehead}'

// 1,000,000 requests at $0.0001025 (scenario.ts) are $102.50 a month, over
// the base's $100 budget. The head raises its own budget to $1,000,000.
const BASE_BUDGETS = 'budgets:\n  monthly: 100\n  increase: { monthly: 10 }'
const HEAD_BUDGETS =
  'budgets:\n  monthly: 1000000\n  increase: { monthly: 1000000 }'
const BASE_FILE = buildUsageFile(500_000, BASE_BUDGETS)
const HEAD_FILE = buildUsageFile(1_000_000, HEAD_BUDGETS)

let standIn: GitHubStandIn

beforeEach(async () => {
  standIn = await startStandIn({ token: TOKEN, login: 'budget-bot' }, [PR])
})

afterEach(async () => {
  await standIn.close()
})

async function runOnPullRequest(
  options: Partial<PullRequestRun> = {}
): Promise<ActionRun> {
  return await runBundle(standIn, {
    number: PR,
    token: TOKEN,
    headFile: HEAD_FILE,
    ...options
  })
}

function findError(run: ActionRun): string | undefined {
  return run.stdout.split('\n').find(line => line.startsWith('::error::'))
}

/** Runs on a pull request with an empty workspace, as a job without actions/checkout. */
async function runWithoutCheckout(): Promise<ActionRun> {
  return await runAction({
    inputs: { 'github-token': TOKEN },
    eventName: 'pull_request',
    eventPayload: pullRequestEvent(),
    repository: FULL_NAME,
    apiUrl: standIn.url,
    workspaceFiles: {}
  })
}

function pullRequestEvent(): Record<string, unknown> {
  return buildPullRequestEvent('opened', {
    owner: OWNER,
    repo: REPO,
    number: PR,
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    headRef: 'feature',
    baseRef: 'main',
    apiUrl: standIn.url
  })
}

/** Four failures outlast the client's three retries. */
const OUTLASTING = Array.from({ length: 4 }, () => ({ status: 502 }))

describe('action with an unreadable base', () => {
  it('fails instead of using the head budgets', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    // The head read passes, and the base read outlasts the retries.
    standIn.addFaults(CONTENTS_ROUTE, { pass: true }, ...OUTLASTING)

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(findError(run)).toContain(
      'The base version of ai-usage.yml could not be read, so the change and the limits that come from the base were not checked'
    )
    expect(findError(run)).toContain('failed with 502')
    expect(findError(run)).toContain('Re-run the job')
    // The head's $1,000,000 budget is never applied.
    expect(run.summary).not.toContain('1,000,000.00')
    expect(run.outputs['over-budget']).toBe('false')
    expect(run.outputs['result']).toBe('fail')
  })

  it('fails when the merge base cannot be found', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    standIn.addFaults(COMPARE_ROUTE, ...OUTLASTING)

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(findError(run)).toContain(
      'not checked: the merge base could not be found: GET /repos/{owner}/{repo}/compare/{basehead} for the merge base of aaaaaaa and bbbbbbb failed with 502'
    )
    expect(run.summary).not.toContain('1,000,000.00')
  })
})

describe('action with an invalid base', () => {
  it('applies a valid budgets section of the base', async () => {
    // A catalog update retired the base's model name, so the base cannot be
    // priced, but its budgets are valid on their own.
    const base = BASE_FILE.replace('gpt-5.4-nano', 'claude-sonnet-9')
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', base)

    const run = await runOnPullRequest()

    // $102.50 is over the base's $100, which applies.
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.outputs['over-budget']).toBe('true')
    expect(findError(run)).toContain(
      '$102.50 is over the monthly budget of $100.00'
    )
    expect(run.summary).toContain(
      "so the change is not measured. Its budgets section is valid, so the base's budgets apply."
    )
    // The base's $10 increase limit cannot be checked without its cost.
    expect(run.summary).toContain(
      'The monthly increase limit was not checked because the base file is invalid'
    )
  })

  it('warns loudly when it falls back to the head', async () => {
    const base = BASE_FILE.replace('monthly: 100', 'monthly: plenty')
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', base)

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.outputs['result']).toBe('warn')
    expect(run.summary).toContain(
      "The budgets come from the head, because the base's budgets section is invalid too (line 8: expected a number"
    )
    expect(run.summary).toContain(
      'This change could raise its own limits, so review the budgets in the diff.'
    )
  })
})

describe('action budget change notes', () => {
  it('notes a change applied under budget-source head', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

    const run = await runOnPullRequest({
      inputs: { 'budget-source': 'head' }
    })

    expect(run.exitCode, describeRun(run)).toBe(0)
    const note =
      "This change edits the budgets (increase.monthly 10 → 1000000, monthly 100 → 1000000). budget-source is head, so this run applies the head's budgets."
    expect(run.summary).toContain(note)
    expect(standIn.listComments(FULL_NAME, PR)[0]?.body).toContain(note)
  })
})

describe('action base and head commits', () => {
  it('compares the head commit, not the merge commit', async () => {
    // The pull request only rewords a comment. main added a workload after
    // the branch point, so the merge commit that actions/checkout puts in
    // the workspace has it, while the head and the merge base do not.
    const base = buildUsageFile(1_000_000)
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', base)
    const head = `# Support bot volume, reviewed.\n${base}`
    const merged = [
      head.trimEnd(),
      '  - name: added-on-main-later',
      '    model: gpt-5.4-nano',
      '    tokens: { input: 200, output: 50 }',
      '    requests: { per-month: 1000000 }',
      ''
    ].join('\n')

    const run = await runOnPullRequest({
      headFile: head,
      workspaceFile: merged,
      inputs: { 'max-increase': '1' }
    })

    expect(run.exitCode, describeRun(run)).toBe(0)
    // Both sides are $102.50: no change, and no added workload.
    expect(run.outputs['monthly-cost']).toBe('102.50')
    expect(run.outputs['monthly-delta']).toBe('0.00')
    expect(run.summary).not.toContain('added-on-main-later')
    const headRead = standIn.requests.find(
      item => item.route === 'GET /repos/{owner}/{repo}/contents/{path}'
    )
    expect(headRead?.query).toEqual({ ref: HEAD_SHA })
  })

  it('works without a checkout', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    // The head file is stored at the head commit only; the workspace is
    // empty, as in a job without actions/checkout.
    standIn.setFile(FULL_NAME, HEAD_SHA, 'ai-usage.yml', HEAD_FILE)
    const run = await runWithoutCheckout()

    // $102.50 is over the base's $100 budget, which applies.
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.outputs['monthly-cost']).toBe('102.50')
    expect(run.outputs['base-monthly-cost']).toBe('51.25')
    expect(run.outputs['over-budget']).toBe('true')
  })

  it('reports a usage file that the change deletes', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    // The head commit and the merge commit in the workspace lack the file.
    const run = await runWithoutCheckout()

    // The base's 500,000 requests at $0.0001025 are $51.25 a month, and
    // the head has none: −$51.25, within the base's budget of $100.
    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(findError(run)).toBeUndefined()
    expect(run.outputs['monthly-cost']).toBe('0.00')
    expect(run.outputs['base-monthly-cost']).toBe('51.25')
    expect(run.outputs['monthly-delta']).toBe('-51.25')
    const report = JSON.parse(run.report ?? '{}') as {
      files: { file: string; removed: boolean }[]
    }
    expect(report.files).toEqual([
      expect.objectContaining({ file: 'ai-usage.yml', removed: true })
    ])
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
  })

  it('fails when neither side has the usage file', async () => {
    const run = await runWithoutCheckout()

    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(findError(run)).toBe(
      `::error::ai-usage.yml was not found at the pull request head ${HEAD_SHA.slice(0, 7)}. Set the config input to the path of the usage file.`
    )
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
  })

  it('rejects a base-ref that does not exist', async () => {
    const run = await runOnPullRequest({
      inputs: { 'base-ref': 'nosuchbranch' }
    })

    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(findError(run)).toBe(
      '::error::Input base-ref is invalid: "nosuchbranch". The repository has no branch, tag or commit named nosuchbranch in acme/shop. Set base-ref to an existing branch, tag or commit SHA, or leave it empty to compare with the merge base.'
    )
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
    expect(run.summary).toContain('could not run')
  })

  it('prices a file missing at an existing base-ref as new', async () => {
    standIn.addRef(FULL_NAME, 'release')

    const run = await runOnPullRequest({ inputs: { 'base-ref': 'release' } })

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.outputs['base-monthly-cost']).toBe('0.00')
    expect(run.outputs['monthly-delta']).toBe('102.50')
    const reads = standIn.requests.filter(item => item.route === CONTENTS_ROUTE)
    expect(reads.map(item => item.query['ref'])).toEqual([HEAD_SHA, 'release'])
    expect(standIn.listCalls()[0]).not.toContain(`/compare/${BASE_SHA}`)
  })
})
