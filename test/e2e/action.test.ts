import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { GitHubStandIn } from '../support/github-stand-in.js'
import {
  ACTION_BUNDLE,
  describeRun,
  runAction,
  type ActionRun
} from '../support/run-action.js'
import { buildPullRequestEvent } from '../support/webhook-payload.js'

const TOKEN = 'ghs_EndToEndToken0123456789abcdefghij'
const OWNER = 'acme'
const REPO = 'shop'
const FULL_NAME = `${OWNER}/${REPO}`
const PR = 12
const BASE_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
const HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'
const NEXT_HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb3'
const MERGE_BASE_SHA = 'ccccccccccccccccccccccccccccccccccccccc4'
const MARKER = '<!-- ai-budget config=ai-usage.yml -->'
const RUN_TIMEOUT_MS = 60_000

/** Builds a usage file with one gpt-5.4-nano workload of 200 in / 50 out tokens. */
function buildUsageFile(perMonth: string, budgets = ''): string {
  return [
    'version: 1',
    'workloads:',
    '  - name: support-replies',
    '    model: gpt-5.4-nano',
    '    tokens: { input: 200, output: 50 }',
    `    requests: { per-month: ${perMonth} }`,
    budgets,
    ''
  ].join('\n')
}

// Head: 1,000,000 requests × (200 × $0.20 + 50 × $1.25) / 1,000,000 tokens
//   = 1,000,000 × ($40 + $62.50) / 1,000,000 = $102.50 a month,
//   × 12 months without growth = $1,230.00 a year.
const HEAD_FILE = buildUsageFile('1000000')
// Base: 500,000 requests × $102.50 / 1,000,000 = $51.25 a month.
// Delta: $102.50 - $51.25 = $51.25, which is +100% of $51.25.
const BASE_FILE = buildUsageFile('500000')
// Next head: 2,000,000 requests × $102.50 / 1,000,000 = $205.00 a month.
const NEXT_HEAD_FILE = buildUsageFile('2000000')

let standIn: GitHubStandIn

beforeAll(() => {
  if (!existsSync(ACTION_BUNDLE)) {
    throw new Error(`${ACTION_BUNDLE} is missing; run npm run build first`)
  }
})

beforeEach(async () => {
  standIn = await GitHubStandIn.start({ token: TOKEN, login: 'budget-bot' })
  standIn.addPullRequest(FULL_NAME, {
    number: PR,
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    headRef: 'raise-volume',
    baseRef: 'main'
  })
  standIn.setMergeBase(FULL_NAME, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)
  standIn.setMergeBase(FULL_NAME, BASE_SHA, NEXT_HEAD_SHA, MERGE_BASE_SHA)
})

afterEach(async () => {
  await standIn.close()
})

interface RunOptions {
  headFile?: string
  /** The workspace's file when it differs from the head's, as a merge commit's does. */
  workspaceFile?: string
  headSha?: string
  action?: 'opened' | 'synchronize'
  inputs?: Record<string, string>
}

/** Runs the bundle on the pull request, with the head file stored at its head commit, where the Action reads it. */
async function runOnPullRequest(options: RunOptions = {}): Promise<ActionRun> {
  const headSha = options.headSha ?? HEAD_SHA
  const headFile = options.headFile ?? HEAD_FILE
  standIn.setFile(FULL_NAME, headSha, 'ai-usage.yml', headFile)
  const event = buildPullRequestEvent(options.action ?? 'opened', {
    owner: OWNER,
    repo: REPO,
    number: PR,
    headSha,
    baseSha: BASE_SHA,
    headRef: 'raise-volume',
    baseRef: 'main',
    apiUrl: standIn.url
  })
  return await runAction({
    inputs: {
      config: 'ai-usage.yml',
      'github-token': TOKEN,
      ...options.inputs
    },
    eventName: 'pull_request',
    eventPayload: event,
    repository: FULL_NAME,
    apiUrl: standIn.url,
    workspaceFiles: {
      'ai-usage.yml': options.workspaceFile ?? headFile
    },
    env: { GITHUB_SHA: headSha, GITHUB_REF: `refs/pull/${PR}/merge` }
  })
}

/** Asserts that the token shows up nowhere but in the runner's mask command. */
function expectTokenHidden(run: ActionRun): void {
  const stdoutLines = run.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
  expect(stdoutLines.join('\n')).not.toContain(TOKEN)
  expect(run.stderr).not.toContain(TOKEN)
  expect(JSON.stringify(run.outputs)).not.toContain(TOKEN)
  expect(run.summary).not.toContain(TOKEN)
  expect(JSON.stringify(standIn.requests)).not.toContain(TOKEN)
}

describe('action on pull_request', () => {
  it(
    'creates the comment on the first run',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.listCalls()).toEqual([
        `GET /repos/${FULL_NAME}/compare/${BASE_SHA}...${HEAD_SHA}`,
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`,
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`,
        'GET /user',
        `GET /repos/${FULL_NAME}/issues/${PR}/comments`,
        `POST /repos/${FULL_NAME}/issues/${PR}/comments`,
        // The list again, for a comment that a concurrent run posted.
        `GET /repos/${FULL_NAME}/issues/${PR}/comments`
      ])
      expect(standIn.requests[1]?.query).toEqual({ ref: HEAD_SHA })
      expect(standIn.requests[2]?.query).toEqual({ ref: MERGE_BASE_SHA })

      const comments = standIn.listComments(FULL_NAME, PR)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.login).toBe('budget-bot')
      expect(comments[0]?.body.trimEnd().endsWith(MARKER)).toBe(true)
      expect(comments[0]?.body).toContain('102.50')
      expect(comments[0]?.body).toContain('51.25')
      expect(run.outputs['comment-url']).toBe(
        `${standIn.url}/${FULL_NAME}/pull/${PR}#issuecomment-${comments[0]?.id}`
      )
      expect(run.outputs['comment-body']).toBe(comments[0]?.body)
      expectTokenHidden(run)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'gives no percent next to a base that reads 0.00',
    async () => {
      // Base: 20 requests × $102.50 / 1,000,000 = $0.00205, output 0.00.
      // Head: 1,000,000 requests, $102.50. The exact change is +4,999,900%,
      // which next to a base of 0.00 would read as a wrong sum.
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        buildUsageFile('20')
      )

      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.outputs['base-monthly-cost']).toBe('0.00')
      // $102.50 - $0.00205 = $102.49795, rounded half up to 102.50.
      expect(run.outputs['monthly-delta']).toBe('102.50')
      expect(run.outputs['monthly-delta-percent']).toBe('')
      const report = JSON.parse(run.report ?? '{}') as {
        totals: { monthly: { base: string; percent: string | null } }
      }
      expect(report.totals.monthly.base).toBe('0.00')
      expect(report.totals.monthly.percent).toBeNull()
    },
    RUN_TIMEOUT_MS
  )

  it(
    'writes every output and the summary',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      // Figures from the hand computation next to HEAD_FILE and BASE_FILE.
      expect(run.outputs['monthly-cost']).toBe('102.50')
      expect(run.outputs['annual-cost']).toBe('1230.00')
      expect(run.outputs['peak-month-cost']).toBe('102.50')
      expect(run.outputs['base-monthly-cost']).toBe('51.25')
      expect(run.outputs['monthly-delta']).toBe('51.25')
      expect(Number(run.outputs['monthly-delta-percent'])).toBe(100)
      expect(run.outputs['over-budget']).toBe('false')
      expect(run.outputs['result']).toBe('pass')
      expect(run.outputs['compared']).toBe('true')
      expect(run.outputs['report-path']).toMatch(/\.json$/)
      expect(run.report, 'report file').toBeDefined()
      expect(() => JSON.parse(run.report ?? '') as unknown).not.toThrow()
      expect(run.summary).toContain('102.50')
      expect(run.summary).toContain('support-replies')
      expect(run.summary).not.toContain(MARKER)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'edits nothing on an identical second run',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const first = await runOnPullRequest()
      const firstCallCount = standIn.requests.length
      const second = await runOnPullRequest()

      expect(first.exitCode, describeRun(first)).toBe(0)
      expect(second.exitCode, describeRun(second)).toBe(0)
      const secondCalls = standIn.listCalls().slice(firstCallCount)
      expect(secondCalls).toEqual([
        `GET /repos/${FULL_NAME}/compare/${BASE_SHA}...${HEAD_SHA}`,
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`,
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`,
        'GET /user',
        `GET /repos/${FULL_NAME}/issues/${PR}/comments`
      ])
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
      expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
    },
    RUN_TIMEOUT_MS
  )

  it(
    'edits the same comment when the head changes',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
      const first = await runOnPullRequest()
      const [created] = standIn.listComments(FULL_NAME, PR)

      const second = await runOnPullRequest({
        action: 'synchronize',
        headSha: NEXT_HEAD_SHA,
        headFile: NEXT_HEAD_FILE
      })

      expect(first.exitCode, describeRun(first)).toBe(0)
      expect(second.exitCode, describeRun(second)).toBe(0)
      expect(standIn.listCalls().at(-1)).toBe(
        `PATCH /repos/${FULL_NAME}/issues/comments/${created?.id}`
      )
      const comments = standIn.listComments(FULL_NAME, PR)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.body).toContain('205.00')
      // $205.00 - $51.25 = $153.75, +300% of $51.25.
      expect(second.outputs['monthly-cost']).toBe('205.00')
      expect(second.outputs['monthly-delta']).toBe('153.75')
      expect(Number(second.outputs['monthly-delta-percent'])).toBe(300)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'leaves unrelated comments untouched',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
      const review = standIn.addComment(FULL_NAME, PR, 'octocat', 'LGTM')
      const copied = standIn.addComment(
        FULL_NAME,
        PR,
        'mallory',
        `Pasted report\n\n${MARKER}`
      )

      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      const comments = standIn.listComments(FULL_NAME, PR)
      expect(comments).toHaveLength(3)
      expect(comments[0]).toEqual(review)
      expect(comments[1]).toEqual(copied)
      expect(comments[2]?.login).toBe('budget-bot')
      expect(
        standIn.listCalls().filter(call => call.startsWith('PATCH'))
      ).toEqual([])
    },
    RUN_TIMEOUT_MS
  )

  it(
    'treats a missing base file as $0',
    async () => {
      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.requests[2]?.status).toBe(404)
      expect(run.outputs['monthly-cost']).toBe('102.50')
      expect(run.outputs['base-monthly-cost']).toBe('0.00')
      // The whole $102.50 is new spend, and a percent of $0 is undefined.
      expect(run.outputs['monthly-delta']).toBe('102.50')
      expect(run.outputs['monthly-delta-percent']).toBe('')
      expect(run.outputs['compared']).toBe('true')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'posts as github-actions[bot] with GITHUB_TOKEN',
    async () => {
      standIn.setLogin(null)
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const first = await runOnPullRequest()
      const second = await runOnPullRequest({
        headSha: NEXT_HEAD_SHA,
        headFile: NEXT_HEAD_FILE
      })

      expect(first.exitCode, describeRun(first)).toBe(0)
      expect(second.exitCode, describeRun(second)).toBe(0)
      const comments = standIn.listComments(FULL_NAME, PR)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.login).toBe('github-actions[bot]')
      expect(comments[0]?.body).toContain('205.00')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'warns and passes with a read-only token',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
      standIn.addFaults(
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
        { status: 403 }
      )

      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.stdout).toMatch(/::warning::.*pull-requests: write/)
      expect(run.outputs['comment-url'] ?? '').toBe('')
      expect(run.outputs['monthly-cost']).toBe('102.50')
      expect(run.summary).toContain('102.50')
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'survives a 500 on the compare call',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
      standIn.addFaults('GET /repos/{owner}/{repo}/compare/{basehead}', {
        status: 502
      })

      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      const compares = standIn.requests.filter(item =>
        item.path.includes('/compare/')
      )
      expect(compares.map(item => item.status)).toEqual([502, 200])
      expect(run.outputs['base-monthly-cost']).toBe('51.25')
    },
    RUN_TIMEOUT_MS
  )
})

describe('action gates', () => {
  // $102.50 a month is above a $100 budget.
  const BUDGET = 'budgets:\n  monthly: 100'

  it(
    'fails on a monthly budget breach',
    async () => {
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        buildUsageFile('500000', BUDGET)
      )

      const run = await runOnPullRequest({
        headFile: buildUsageFile('1000000', BUDGET)
      })

      expect(run.exitCode, describeRun(run)).toBe(1)
      const errors = run.stdout
        .split('\n')
        .filter(line => line.startsWith('::error'))
      expect(errors.join('\n')).toMatch(/budget/i)
      expect(errors.join('\n')).toContain('100')
      expect(run.outputs['over-budget']).toBe('true')
      expect(run.outputs['result']).toBe('fail')
      expect(run.summary).toContain('102.50')
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
      expectTokenHidden(run)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails on a max-monthly-cost input',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const run = await runOnPullRequest({
        inputs: { 'max-monthly-cost': '100' }
      })

      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.outputs['over-budget']).toBe('true')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails on a monthly increase limit',
    async () => {
      // The $51.25 increase is above a $50 limit.
      const limit = 'budgets:\n  increase: { monthly: 50 }'
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        buildUsageFile('500000', limit)
      )

      const run = await runOnPullRequest({
        headFile: buildUsageFile('1000000', limit)
      })

      expect(run.exitCode, describeRun(run)).toBe(1)
      const errors = run.stdout
        .split('\n')
        .filter(line => line.startsWith('::error'))
      expect(errors.join('\n')).toMatch(/increase/i)
      expect(errors.join('\n')).toContain('50')
      expect(run.outputs['over-budget']).toBe('false')
      expect(run.outputs['result']).toBe('fail')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'passes a breach with fail-on none',
    async () => {
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        buildUsageFile('500000', BUDGET)
      )

      const run = await runOnPullRequest({
        headFile: buildUsageFile('1000000', BUDGET),
        inputs: { 'fail-on': 'none' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.outputs['over-budget']).toBe('true')
      expect(run.outputs['result']).not.toBe('fail')
      expect(run.stdout).not.toMatch(/^::error/m)
    },
    RUN_TIMEOUT_MS
  )
})

describe('action inputs', () => {
  it(
    'gates on the base budget by default',
    async () => {
      // The PR raises its own budget from $100 to $1,000, but budgets come from
      // the base, so $102.50 is still over $100.
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        buildUsageFile('500000', 'budgets:\n  monthly: 100')
      )

      const run = await runOnPullRequest({
        headFile: buildUsageFile('1000000', 'budgets:\n  monthly: 1000')
      })

      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.outputs['over-budget']).toBe('true')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'gates on the head budget when asked',
    async () => {
      standIn.setFile(
        FULL_NAME,
        MERGE_BASE_SHA,
        'ai-usage.yml',
        buildUsageFile('500000', 'budgets:\n  monthly: 100')
      )

      const run = await runOnPullRequest({
        headFile: buildUsageFile('1000000', 'budgets:\n  monthly: 1000'),
        inputs: { 'budget-source': 'head' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.outputs['over-budget']).toBe('false')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'makes no comment calls with comment off',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const run = await runOnPullRequest({ inputs: { comment: 'off' } })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.listCalls()).toEqual([
        `GET /repos/${FULL_NAME}/compare/${BASE_SHA}...${HEAD_SHA}`,
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`,
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`
      ])
      expect(run.outputs['comment-url'] ?? '').toBe('')
      expect(run.outputs['comment-body']).toContain('102.50')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'creates no comment for an unchanged cost',
    async () => {
      // Head and base are the same file, so the cost did not change.
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', HEAD_FILE)

      const run = await runOnPullRequest({
        inputs: { 'comment-when': 'changed' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
      expect(run.outputs['monthly-delta']).toBe('0.00')
      expect(run.stdout).not.toMatch(/^::warning::/m)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'updates an existing comment for an unchanged cost',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', HEAD_FILE)
      const old = standIn.addComment(
        FULL_NAME,
        PR,
        'budget-bot',
        `Earlier report\n\n${MARKER}`
      )

      const run = await runOnPullRequest({
        inputs: { 'comment-when': 'changed' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.listCalls().at(-1)).toBe(
        `PATCH /repos/${FULL_NAME}/issues/comments/${old.id}`
      )
    },
    RUN_TIMEOUT_MS
  )
})

describe('action noise control', () => {
  it(
    'creates no comment for a model swap at equal cost',
    async () => {
      // nano-copy has gpt-5.4-nano's prices, so the head costs the same
      // $51.25 as the base although the workload changed its model. The
      // base defines nano-copy too, so its prices are not an edit.
      const withCopy = BASE_FILE.replace(
        'version: 1',
        'version: 1\nmodels:\n  nano-copy: { provider: openai, input: 0.20, output: 1.25 }'
      )
      const swapped = withCopy.replace(
        'model: gpt-5.4-nano',
        'model: nano-copy'
      )
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', withCopy)

      const run = await runOnPullRequest({
        headFile: swapped,
        inputs: { 'comment-when': 'changed' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.outputs['monthly-delta']).toBe('0.00')
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'comments on a price edit alone',
    async () => {
      // The base's prices price the head, so both cost $51.25, but the
      // edit itself is news to a reviewer.
      const lowered = BASE_FILE.replace(
        'version: 1',
        'version: 1\nmodels:\n  gpt-5.4-nano: { input: 0.01, output: 0.01 }'
      )
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const run = await runOnPullRequest({
        headFile: lowered,
        inputs: { 'comment-when': 'changed' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.outputs['monthly-delta']).toBe('0.00')
      expect(run.outputs.result).toBe('warn')
      const comments = standIn.listComments(FULL_NAME, PR)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.body).toContain('This change edits price settings')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'keeps one comment per key',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const first = await runOnPullRequest({ inputs: { key: 'search' } })
      const second = await runOnPullRequest({ inputs: { key: 'support' } })
      const again = await runOnPullRequest({
        headSha: NEXT_HEAD_SHA,
        headFile: NEXT_HEAD_FILE,
        inputs: { key: 'search' }
      })

      expect(first.exitCode, describeRun(first)).toBe(0)
      expect(second.exitCode, describeRun(second)).toBe(0)
      expect(again.exitCode, describeRun(again)).toBe(0)
      const comments = standIn.listComments(FULL_NAME, PR)
      expect(comments).toHaveLength(2)
      expect(comments[0]?.body).toContain(
        '<!-- ai-budget config=ai-usage.yml key=search -->'
      )
      expect(comments[1]?.body).toContain(
        '<!-- ai-budget config=ai-usage.yml key=support -->'
      )
      // Only the search comment shows the new head's $205.00.
      expect(comments[0]?.body).toContain('$205.00')
      expect(comments[1]?.body).not.toContain('$205.00')
    },
    RUN_TIMEOUT_MS
  )
})

describe('action on pull_request_target', () => {
  it(
    'reads the head file through the API',
    async () => {
      standIn.setFile(FULL_NAME, HEAD_SHA, 'ai-usage.yml', HEAD_FILE)
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
      const event = buildPullRequestEvent('opened', {
        owner: OWNER,
        repo: REPO,
        number: PR,
        headSha: HEAD_SHA,
        baseSha: BASE_SHA,
        headRef: 'raise-volume',
        baseRef: 'main',
        apiUrl: standIn.url
      })

      // The workspace contains the base branch, as actions/checkout leaves it for
      // pull_request_target, so its file must not be taken as the head.
      const run = await runAction({
        inputs: { config: 'ai-usage.yml', 'github-token': TOKEN },
        eventName: 'pull_request_target',
        eventPayload: event,
        repository: FULL_NAME,
        apiUrl: standIn.url,
        workspaceFiles: { 'ai-usage.yml': BASE_FILE },
        env: { GITHUB_SHA: BASE_SHA, GITHUB_REF: 'refs/heads/main' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      const contents = standIn.requests.filter(item =>
        item.path.includes('/contents/')
      )
      expect(contents.map(item => item.query['ref'])).toEqual(
        expect.arrayContaining([HEAD_SHA, MERGE_BASE_SHA])
      )
      expect(run.outputs['monthly-cost']).toBe('102.50')
      expect(run.outputs['base-monthly-cost']).toBe('51.25')
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
    },
    RUN_TIMEOUT_MS
  )
})

describe('action on push', () => {
  it(
    'compares with the before commit, no comment',
    async () => {
      standIn.setFile(FULL_NAME, BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const run = await runAction({
        inputs: { config: 'ai-usage.yml', 'github-token': TOKEN },
        eventName: 'push',
        eventPayload: {
          ref: 'refs/heads/main',
          before: BASE_SHA,
          after: HEAD_SHA,
          repository: {
            full_name: FULL_NAME,
            name: REPO,
            owner: { login: OWNER }
          }
        },
        repository: FULL_NAME,
        apiUrl: standIn.url,
        workspaceFiles: { 'ai-usage.yml': HEAD_FILE },
        env: { GITHUB_SHA: HEAD_SHA, GITHUB_REF: 'refs/heads/main' }
      })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.listCalls()).toEqual([
        `GET /repos/${FULL_NAME}/contents/ai-usage.yml`
      ])
      expect(standIn.requests[0]?.query).toEqual({ ref: BASE_SHA })
      expect(run.outputs['monthly-delta']).toBe('51.25')
      expect(run.summary).toContain('102.50')
    },
    RUN_TIMEOUT_MS
  )
})

describe('action on GitHub Enterprise Server', () => {
  it(
    'sends every call under GITHUB_API_URL',
    async () => {
      await standIn.close()
      standIn = await GitHubStandIn.start({
        token: TOKEN,
        login: 'budget-bot',
        pathPrefix: '/api/v3'
      })
      standIn.addPullRequest(FULL_NAME, {
        number: PR,
        headSha: HEAD_SHA,
        baseSha: BASE_SHA,
        headRef: 'raise-volume',
        baseRef: 'main'
      })
      standIn.setMergeBase(FULL_NAME, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

      const run = await runOnPullRequest()

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(standIn.requests).toHaveLength(7)
      expect(standIn.requests.every(item => item.route !== undefined)).toBe(
        true
      )
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
    },
    RUN_TIMEOUT_MS
  )
})
