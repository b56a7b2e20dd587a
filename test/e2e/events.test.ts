import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from '../support/github-stand-in.js'
import {
  describeRun,
  runAction,
  type ActionRun
} from '../support/run-action.js'
import {
  buildPullRequestEvent,
  loadWebhookExample
} from '../support/webhook-payload.js'

const TOKEN = 'ghs_EventsTestToken0123456789abcdefghijk'
const OWNER = 'acme'
const REPO = 'shop'
const FULL_NAME = `${OWNER}/${REPO}`
const PR = 7
const BASE_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
const HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'
const MERGE_BASE_SHA = 'ccccccccccccccccccccccccccccccccccccccc4'
const RUN_TIMEOUT_MS = 60_000

// 1,000,000 requests × (200 × $0.20 + 50 × $1.25) / 1M tokens = $102.50 a
// month; the budget of $1,000 passes and the increase limit of $1 would fail
// against a $0 base.
const HEAD_FILE = [
  'version: 1',
  'workloads:',
  '  - name: triage',
  '    model: gpt-5.4-nano',
  '    tokens: { input: 200, output: 50 }',
  '    requests: { per-month: 1000000 }',
  'budgets:',
  '  monthly: 1000',
  '  increase: { monthly: 1 }',
  ''
].join('\n')

let standIn: GitHubStandIn

beforeEach(async () => {
  standIn = await GitHubStandIn.start({ token: TOKEN, login: 'budget-bot' })
  standIn.addPullRequest(FULL_NAME, {
    number: PR,
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    headRef: 'feature',
    baseRef: 'main'
  })
  standIn.setMergeBase(FULL_NAME, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)
})

afterEach(async () => {
  await standIn.close()
})

async function runEvent(
  eventName: string,
  eventPayload: unknown,
  options: { inputs?: Record<string, string>; headFile?: string } = {}
): Promise<ActionRun> {
  // On pull requests the Action reads the head file at the head commit.
  standIn.setFile(
    FULL_NAME,
    HEAD_SHA,
    'ai-usage.yml',
    options.headFile ?? HEAD_FILE
  )
  return await runAction({
    inputs: {
      config: 'ai-usage.yml',
      'github-token': TOKEN,
      ...options.inputs
    },
    eventName,
    eventPayload,
    repository: FULL_NAME,
    apiUrl: standIn.url,
    workspaceFiles: { 'ai-usage.yml': options.headFile ?? HEAD_FILE }
  })
}

function pullRequestEvent(): unknown {
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

describe('action on events without a base', () => {
  it(
    'checks budgets only on workflow_dispatch',
    async () => {
      const run = await runEvent(
        'workflow_dispatch',
        loadWebhookExample('workflow_dispatch'),
        {
          inputs: { 'github-token': '' }
        }
      )
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.requests).toHaveLength(0)
      expect(run.outputs['monthly-cost']).toBe('102.50')
      expect(run.outputs['result']).toBe('pass')
      // The $1 increase limit is not applied without a base.
      expect(run.summary).not.toContain('increase limit')
      expect(run.summary).toContain(
        'not compared: a workflow\\_dispatch run checks budgets only'
      )
      expect(run.outputs['base-monthly-cost']).toBe('')
      expect(run.outputs['monthly-delta']).toBe('')
      expect(run.outputs['compared']).toBe('false')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'treats a push that creates a branch as budgets only',
    async () => {
      // The example push has before = 000…0: the branch is new.
      const run = await runEvent('push', loadWebhookExample('push'))
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.requests).toHaveLength(0)
      expect(run.outputs['result']).toBe('pass')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'reports an unknown event instead of crashing',
    async () => {
      const run = await runEvent('label', loadWebhookExample('label'))
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.stdout).toContain('No comparison: the label event has no base')
      expect(run.stdout).toContain(
        '::notice::ai-budget compares costs on pull_request, pull_request_target, push and merge_group events. On label event it checks budgets only.'
      )
      expect(run.outputs['monthly-cost']).toBe('102.50')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'checks budgets only on schedule',
    async () => {
      const run = await runEvent('schedule', { schedule: '0 6 * * 1' })
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.requests).toHaveLength(0)
      expect(run.stdout).not.toContain('::notice::')
      expect(run.outputs['monthly-cost']).toBe('102.50')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'notes a pull request payload without commits',
    async () => {
      const run = await runEvent('pull_request', { action: 'opened' })
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.requests).toHaveLength(0)
      expect(run.stdout).toContain(
        '::notice::No comparison: the pull_request event payload has no pull request number, head or base commit, so only budgets are checked.'
      )
      expect(run.outputs['monthly-cost']).toBe('102.50')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails pull_request_target without commits',
    async () => {
      // The workspace holds the base branch, which must not pass as the head.
      const run = await runEvent('pull_request_target', { action: 'opened' })
      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stdout).toContain(
        "::error::The pull_request_target event payload has no pull request number, head or base commit, so the pull request's usage file cannot be read."
      )
      expect(run.outputs['monthly-cost'] ?? '').toBe('')
      expect(standIn.requests).toHaveLength(0)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'compares a merge group with its base commit',
    async () => {
      const payload = loadWebhookExample('merge_group', {
        merge_group: {
          head_sha: HEAD_SHA,
          base_sha: BASE_SHA,
          head_ref: 'q',
          base_ref: 'main'
        }
      })
      // Base: 990,000 requests × $102.50 / 1M = $101.475 a month; the change is
      // $102.50 − $101.475 = $1.025, over the $1 increase limit.
      standIn.setFile(
        FULL_NAME,
        BASE_SHA,
        'ai-usage.yml',
        HEAD_FILE.replace('per-month: 1000000', 'per-month: 990000')
      )
      const run = await runEvent('merge_group', payload)
      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(standIn.listCalls()).toEqual([
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`
      ])
      expect(run.outputs['base-monthly-cost']).toBe('101.48')
      expect(run.outputs['monthly-delta']).toBe('1.03')
      expect(run.stdout).toContain(
        'rises by $1.03, over the increase limit of $1.00'
      )
    },
    RUN_TIMEOUT_MS
  )
})

describe('action on bad input', () => {
  it(
    'annotates an invalid usage file and posts no comment',
    async () => {
      const broken = HEAD_FILE.replace(
        'per-month: 1000000',
        'per-mnth: 1000000'
      )
      const run = await runEvent('pull_request', pullRequestEvent(), {
        headFile: broken
      })
      expect(run.exitCode, describeRun(run)).toBe(1)
      // Line 6, column 18 is the key per-mnth inside the flow mapping.
      expect(run.stdout).toMatch(
        /::error title=ai-budget,file=ai-usage\.yml,line=6,col=\d+::ai-usage\.yml:6:\d+ workloads\[0\]\.requests/
      )
      expect(run.stdout).toContain('per-month')
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
      expect(standIn.requests.filter(r => r.method === 'POST')).toHaveLength(0)
      expect(run.summary).toContain('Invalid usage file')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'rejects an invalid input with its name and the fix',
    async () => {
      const run = await runEvent('pull_request', pullRequestEvent(), {
        inputs: { 'fail-on': 'budgets' }
      })
      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stdout).toContain(
        'Input fail-on has an invalid entry: "budgets". Use budget, increase, both separated by a comma, or none.'
      )
      expect(standIn.requests).toHaveLength(0)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'names the pricing-file input when it is missing',
    async () => {
      const run = await runEvent('pull_request', pullRequestEvent(), {
        inputs: { 'pricing-file': 'nope.json' }
      })
      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stdout).toMatch(
        /::error::The pricing-file nope\.json was not found in \S+\. Check out the repository before this step, or correct the path\./
      )
    },
    RUN_TIMEOUT_MS
  )

  it(
    'rejects a formatted money input',
    async () => {
      const run = await runEvent('pull_request', pullRequestEvent(), {
        inputs: { 'max-monthly-cost': '$1,000' }
      })
      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stdout).toContain(
        'Input max-monthly-cost is invalid: "$1,000"'
      )
    },
    RUN_TIMEOUT_MS
  )

  it(
    'reports an invalid base and still prices the head',
    async () => {
      // The base's budgets section is invalid too, so the head's $1,000
      // budget applies, with a warning that says so.
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        'version: 2\nworkloads: []\nbudgets:\n  monthly: lots\n'
      )
      const run = await runEvent('pull_request', pullRequestEvent())
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.outputs['monthly-cost']).toBe('102.50')
      expect(run.outputs['result']).toBe('warn')
      expect(run.summary).toContain(
        'The base version of ai-usage.yml is invalid (line 1: unsupported version'
      )
      expect(run.summary).toContain(
        "The budgets come from the head, because the base's budgets section is invalid too (line 4: expected a number"
      )
      expect(run.summary).toContain(
        'onthly increase limit was not checked because the base file is invalid'
      )
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails when the base cannot be read',
    async () => {
      // The head read passes; four 503 answers to the base read outlast
      // the client's three retries.
      standIn.addFaults(
        'GET /repos/{owner}/{repo}/contents/{path}',
        { pass: true },
        { status: 503 },
        { status: 503 },
        { status: 503 },
        { status: 503 }
      )
      const run = await runEvent('pull_request', pullRequestEvent(), {
        inputs: { 'fail-on': 'budget,increase' }
      })
      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.summary).toContain(
        'The base version of ai-usage.yml could not be read'
      )
      expect(run.outputs['result']).toBe('fail')
      const reads = standIn.requests.filter(r => r.path.includes('/contents/'))
      expect(reads.map(r => r.status)).toEqual([200, 503, 503, 503, 503])
    },
    RUN_TIMEOUT_MS
  )

  it(
    'reports an unreadable base with fail-on none',
    async () => {
      standIn.addFaults(
        'GET /repos/{owner}/{repo}/contents/{path}',
        { pass: true },
        { status: 503 },
        { status: 503 },
        { status: 503 },
        { status: 503 }
      )
      const run = await runEvent('pull_request', pullRequestEvent(), {
        inputs: { 'fail-on': 'none' }
      })
      // No limit can fail the step, so the unread base is a warning.
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.outputs['result']).toBe('warn')
      expect(run.summary).toContain(
        'The base version of ai-usage.yml could not be read'
      )
    },
    RUN_TIMEOUT_MS
  )
})
