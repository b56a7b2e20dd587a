import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from '../support/github-stand-in.js'
import {
  describeRun,
  runAction,
  type ActionRun
} from '../support/run-action.js'
import type { StoredPullFile } from '../support/github-fixtures.js'
import { buildPullRequestEvent } from '../support/webhook-payload.js'

const TOKEN = 'ghs_MonorepoToken0123456789abcdefghijkl'
const OWNER = 'acme'
const REPO = 'platform'
const FULL_NAME = `${OWNER}/${REPO}`
const PR = 7
const BASE_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
const HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'
const MERGE_BASE_SHA = 'ccccccccccccccccccccccccccccccccccccccc4'
const PATTERN = 'services/*/ai-usage.yml'
const SEARCH = 'services/search/ai-usage.yml'
const SUPPORT = 'services/support/ai-usage.yml'
const RUN_TIMEOUT_MS = 60_000

/**
 * Builds a usage file with one gpt-5.4-nano workload of 200 input and 50
 * output tokens a request: $102.50 per 1,000,000 requests
 * (200 × $0.20 + 50 × $1.25 per 1M tokens).
 */
function usageFile(name: string, perMonth: string, budgets: string[]): string {
  return [
    'version: 1', // line 1
    'workloads:', // line 2
    `  - name: ${name}`, // line 3: the workload's notice goes here
    '    model: gpt-5.4-nano',
    '    tokens: { input: 200, output: 50 }',
    `    requests: { per-month: ${perMonth} }`,
    ...budgets, // from line 7
    ''
  ].join('\n')
}

// search: 1,000,000 → 2,000,000 requests, $102.50 → $205.00 (+$102.50).
const SEARCH_BASE = usageFile('ranking', '1000000', [])
const SEARCH_HEAD = usageFile('ranking', '2000000', [])
// support: 1,000,000 → 3,000,000 requests, $102.50 → $307.50 (+$205.00),
// over its $300 budget (line 10) and its $100 increase limit (line 8).
const SUPPORT_BUDGETS = [
  'budgets:', // line 7
  // line 8: "  increase: { " is 14 characters, so "monthly" is at column 15
  '  increase: { monthly: 100 }',
  '  workloads:',
  '    replies: { monthly: 300 }' // line 10, "replies" at column 5
]
const SUPPORT_BASE = usageFile('replies', '1000000', SUPPORT_BUDGETS)
const SUPPORT_HEAD = usageFile('replies', '3000000', SUPPORT_BUDGETS)

/** One `::level key=value,...::message` workflow command from stdout. */
interface Command {
  level: string
  properties: Record<string, string>
  message: string
}

function readCommands(stdout: string, level: string): Command[] {
  const commands: Command[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match || match[1] !== level) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const [key = '', ...value] = pair.split('=')
      properties[key] = decodeURIComponent(value.join('='))
    }
    // @actions/core escapes %, CR and LF in messages as %25, %0D and %0A.
    commands.push({
      level,
      properties,
      message: decodeURIComponent(match[3] ?? '')
    })
  }
  return commands
}

let standIn: GitHubStandIn

/**
 * Stores both usage files at the merge base and at the head: on pull
 * requests the Action reads each file that the glob matched in the
 * workspace through the API at the head commit.
 */
function storeFiles(): void {
  standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SEARCH, SEARCH_BASE)
  standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SUPPORT, SUPPORT_BASE)
  standIn.setFile(FULL_NAME, HEAD_SHA, SEARCH, SEARCH_HEAD)
  standIn.setFile(FULL_NAME, HEAD_SHA, SUPPORT, SUPPORT_HEAD)
}

beforeEach(async () => {
  standIn = await GitHubStandIn.start({ token: TOKEN, login: 'budget-bot' })
  standIn.addPullRequest(FULL_NAME, {
    number: PR,
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    headRef: 'more-traffic',
    baseRef: 'main'
  })
  standIn.setMergeBase(FULL_NAME, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)
})

afterEach(async () => {
  await standIn.close()
})

async function runOnPullRequest(
  config: string,
  workspaceFiles: Record<string, string>,
  eventName: 'pull_request' | 'pull_request_target' = 'pull_request',
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return await runAction({
    inputs: { config, 'github-token': TOKEN, ...inputs },
    eventName,
    eventPayload: buildPullRequestEvent('opened', {
      owner: OWNER,
      repo: REPO,
      number: PR,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      headRef: 'more-traffic',
      baseRef: 'main',
      apiUrl: standIn.url
    }),
    repository: FULL_NAME,
    apiUrl: standIn.url,
    workspaceFiles,
    env: { GITHUB_SHA: HEAD_SHA, GITHUB_REF: `refs/pull/${PR}/merge` }
  })
}

describe('action with a glob of usage files', () => {
  it(
    'reports both files in one comment',
    async () => {
      storeFiles()

      const run = await runOnPullRequest(PATTERN, {
        [SEARCH]: SEARCH_HEAD,
        [SUPPORT]: SUPPORT_HEAD,
        'services/README.md': 'not a usage file'
      })

      // support fails its limits, so the step fails.
      expect(run.exitCode, describeRun(run)).toBe(1)
      const comments = standIn.listComments(FULL_NAME, PR)
      expect(comments).toHaveLength(1)
      const body = comments[0]?.body ?? ''
      // Grand total: $102.50 + $102.50 = $205.00 at the base, $205.00 +
      // $307.50 = $512.50 at the head, +$307.50, +150%.
      expect(body.split('\n')[0]).toBe(
        '### ❌ Over the limit: $205.00 → $512.50 a month (+$307.50, +150.0%)'
      )
      expect(body).toContain(`#### \`${SEARCH}\``)
      expect(body).toContain(`#### \`${SUPPORT}\``)
      expect(body).toContain(
        `| \`${SEARCH}\` | $102.50 | $205.00 | +$102.50, +100.0% | ✅ pass |`
      )
      expect(body).toContain(
        `| \`${SUPPORT}\` | $102.50 | $307.50 | +$205.00, +200.0% | ❌ fail |`
      )
      expect(
        body
          .trimEnd()
          .endsWith(`<!-- ai-budget config=${encodeURIComponent(PATTERN)} -->`)
      ).toBe(true)

      // The outputs are the grand totals.
      expect(run.outputs['monthly-cost']).toBe('512.50')
      expect(run.outputs['base-monthly-cost']).toBe('205.00')
      expect(run.outputs['monthly-delta']).toBe('307.50')
      expect(run.outputs['result']).toBe('fail')

      const report = JSON.parse(run.report ?? '{}') as {
        files: { file: string }[]
      }
      expect(report.files.map(f => f.file)).toEqual([SEARCH, SUPPORT])
    },
    RUN_TIMEOUT_MS
  )

  it(
    'annotates changed workloads and failed limits',
    async () => {
      storeFiles()

      const run = await runOnPullRequest(PATTERN, {
        [SEARCH]: SEARCH_HEAD,
        [SUPPORT]: SUPPORT_HEAD
      })

      const notices = readCommands(run.stdout, 'notice')
      expect(notices.map(n => n.properties)).toEqual([
        {
          title: 'ai-budget: monthly cost',
          file: SEARCH,
          line: '3',
          col: '5'
        },
        {
          title: 'ai-budget: monthly cost',
          file: SUPPORT,
          line: '3',
          col: '5'
        }
      ])
      expect(notices[0]?.message).toBe(
        'Workload "ranking": $102.50 → $205.00 a month (+$102.50, +100.0%).'
      )
      expect(notices[1]?.message).toBe(
        'Workload "replies": $102.50 → $307.50 a month (+$205.00, +200.0%).'
      )

      const errors = readCommands(run.stdout, 'error')
      const workloadBudget = errors.find(e =>
        e.properties.title?.includes('workload "replies" monthly budget')
      )
      expect(workloadBudget?.properties).toMatchObject({
        file: SUPPORT,
        line: '10',
        col: '5'
      })
      expect(workloadBudget?.message).toContain(
        '$307.50 is over the workload "replies" monthly budget of $300.00 by $7.50'
      )
      const increase = errors.find(e =>
        e.properties.title?.includes('monthly increase limit')
      )
      expect(increase?.properties).toMatchObject({
        file: SUPPORT,
        line: '8',
        col: '15'
      })
      // Only support's two limits fail; search has none.
      expect(errors.filter(e => e.properties.file)).toHaveLength(2)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'applies workflow limits to the total',
    async () => {
      // Neither file has budgets. search: $102.50 → $205.00 (+$102.50);
      // support: $102.50 → $307.50 (+$205.00). Each is within $400 and
      // +$250, but the total, $205.00 → $512.50 (+$307.50), is not.
      const supportBase = usageFile('replies', '1000000', [])
      const supportHead = usageFile('replies', '3000000', [])
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SEARCH, SEARCH_BASE)
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SUPPORT, supportBase)
      standIn.setFile(FULL_NAME, HEAD_SHA, SEARCH, SEARCH_HEAD)
      standIn.setFile(FULL_NAME, HEAD_SHA, SUPPORT, supportHead)

      const run = await runOnPullRequest(
        PATTERN,
        { [SEARCH]: SEARCH_HEAD, [SUPPORT]: supportHead },
        'pull_request',
        { 'max-monthly-cost': '400', 'max-increase': '250' }
      )

      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.outputs['result']).toBe('fail')
      expect(run.outputs['over-budget']).toBe('true')
      const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
      expect(body.split('\n')[0]).toBe(
        '### ❌ Over the limit: $205.00 → $512.50 a month (+$307.50, +150.0%)'
      )
      expect(body).toContain(
        '**Workflow limits on the total of 2 usage files**'
      )
      // 512.50 / 400 = 128.125%, shown to one place.
      expect(body).toContain(
        '| Total monthly budget | $400.00 | $512.50 | 128.1% | ❌ fail |'
      )
      // 307.50 / 250 = 123%.
      expect(body).toContain(
        '| Total monthly increase limit | $250.00 | +$307.50 | 123.0% | ❌ fail |'
      )
      // Each file passes on its own.
      expect(body).toContain(
        `| \`${SUPPORT}\` | $102.50 | $307.50 | +$205.00, +200.0% | ✅ pass |`
      )
      expect(run.summary).toContain('| Total monthly budget |')

      // The limits are the workflow's, so their annotations have no file.
      const errors = readCommands(run.stdout, 'error')
      const total = errors.find(
        e => e.properties.title === 'ai-budget: total monthly budget'
      )
      expect(total?.properties.file).toBeUndefined()
      expect(total?.message).toBe(
        '$512.50 is over the total monthly budget of $400.00 by $112.50; the largest increase is workload "replies" in services/support/ai-usage.yml (+$205.00 a month).'
      )

      const report = JSON.parse(run.report ?? '{}') as {
        'total-checks': { limit: string; status: string; 'yaml-path': string }[]
      }
      expect(report['total-checks']).toEqual([
        expect.objectContaining({
          limit: 'total monthly budget',
          status: 'fail',
          'yaml-path': 'max-monthly-cost'
        }),
        expect.objectContaining({
          limit: 'total monthly increase limit',
          status: 'fail',
          'yaml-path': 'max-increase'
        })
      ])
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails when the glob matches nothing',
    async () => {
      const run = await runOnPullRequest('apps/*/ai-usage.yml', {
        [SEARCH]: SEARCH_HEAD
      })

      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stdout).toContain(
        '::error::The config input "apps/*/ai-usage.yml" matches no file'
      )
      expect(run.summary).toContain('apps/*/ai-usage.yml')
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
    },
    RUN_TIMEOUT_MS
  )
})

// support at 3,000,000 requests: 3 × $102.50 = $307.50 a month.
const SUPPORT_BIG = usageFile('replies', '3000000', [])
// billing: 4,000,000 requests, 4 × $102.50 = $410.00 a month.
const BILLING = 'services/billing/ai-usage.yml'
const BILLING_HEAD = usageFile('invoices', '4000000', [])

/** Files of the pull request that are not usage files, more than one page of 100. */
function otherPullFiles(count: number): StoredPullFile[] {
  return Array.from({ length: count }, (_, index) => ({
    filename: `src/module-${index}.ts`,
    status: 'modified' as const
  }))
}

/** Counts the requests to the pull request files API. */
function pullFileRequests(): number {
  return standIn.requests.filter(
    r => r.route === 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files'
  ).length
}

describe('action with several config lines', () => {
  const CONFIG = `${SEARCH}\n${SUPPORT}`

  it(
    'removes a listed file only the base has',
    async () => {
      // The pull request files API does not list the deletion, as when a
      // pull request changes more files than it returns.
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SEARCH, SEARCH_BASE)
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SUPPORT, SUPPORT_BASE)
      standIn.setFile(FULL_NAME, HEAD_SHA, SEARCH, SEARCH_BASE)

      const run = await runOnPullRequest(CONFIG, { [SEARCH]: SEARCH_BASE })

      expect(run.exitCode, describeRun(run)).toBe(0)
      // Base $102.50 + $102.50 = $205.00; head $102.50 + $0.
      expect(run.outputs['base-monthly-cost']).toBe('205.00')
      expect(run.outputs['monthly-cost']).toBe('102.50')
      expect(run.outputs['monthly-delta']).toBe('-102.50')
      const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
      expect(body).toContain(`| \`${SUPPORT}\` (deleted in this change) |`)
      expect(body).not.toContain('(no change)')
      // The base's budgets of the deleted file are still shown.
      expect(body).toContain('| Workload "replies" monthly budget | $300.00 |')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails on a listed file that does not exist',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SEARCH, SEARCH_BASE)
      standIn.setFile(FULL_NAME, HEAD_SHA, SEARCH, SEARCH_HEAD)
      const typo = 'services/serach/ai-usage.yml'

      const run = await runOnPullRequest(`${SEARCH}\n${typo}`, {
        [SEARCH]: SEARCH_HEAD
      })

      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stdout).toContain(
        `::error::The config input lists ${typo}, which is neither in the pull request head bbbbbbb nor at the merge base ccccccc.`
      )
      expect(run.outputs['result']).toBe('fail')
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails on a glob line that matches nothing',
    async () => {
      storeFiles()

      const run = await runOnPullRequest(`${SEARCH}\napps/*/ai-usage.yml`, {
        [SEARCH]: SEARCH_HEAD
      })

      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stdout).toContain(
        '::error::The line "apps/*/ai-usage.yml" of the config input matches no file'
      )
    },
    RUN_TIMEOUT_MS
  )
})

describe('action with a glob and the pull request files', () => {
  it(
    'reports a usage file that the pull request deletes',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SEARCH, SEARCH_BASE)
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SUPPORT, SUPPORT_BIG)
      standIn.setFile(FULL_NAME, HEAD_SHA, SEARCH, SEARCH_HEAD)
      // 150 other files put the deletion on the second page of 100.
      standIn.setPullFiles(FULL_NAME, PR, [
        ...otherPullFiles(150),
        { filename: SEARCH, status: 'modified' },
        { filename: SUPPORT, status: 'removed' }
      ])

      // The merge commit of pull_request no longer has the deleted file.
      const run = await runOnPullRequest(PATTERN, { [SEARCH]: SEARCH_HEAD })

      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(pullFileRequests()).toBe(2)
      const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
      // Base $102.50 + $307.50 = $410.00; head $205.00 + $0 = $205.00, so
      // −$205.00, −50.0%.
      expect(body.split('\n')[0]).toBe(
        '### ℹ️ No limits set: $410.00 → $205.00 a month (−$205.00, −50.0%)'
      )
      expect(body).toContain(
        `| \`${SUPPORT}\` (deleted in this change) | $307.50 | $0.00 | −$307.50, −100.0% | ✅ pass |`
      )
      expect(body).toContain(
        '| ~~replies~~ | gpt-5.4-nano | $307.50 | removed |'
      )
      expect(run.outputs['monthly-cost']).toBe('205.00')
      expect(run.outputs['base-monthly-cost']).toBe('410.00')
      expect(run.outputs['monthly-delta']).toBe('-205.00')

      // The removed workload is a notice on the deleted file.
      const notices = readCommands(run.stdout, 'notice')
      const removed = notices.find(n => n.properties.file === SUPPORT)
      expect(removed?.message).toBe(
        'Workload "replies" is removed: $307.50 a month less (−$307.50, −100.0%).'
      )
      const report = JSON.parse(run.report ?? '{}') as {
        files: { file: string; removed: boolean }[]
      }
      expect(report.files).toEqual([
        expect.objectContaining({ file: SEARCH, removed: false }),
        expect.objectContaining({ file: SUPPORT, removed: true })
      ])
    },
    RUN_TIMEOUT_MS
  )

  it(
    'prices a usage file that only the pull request adds',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SEARCH, SEARCH_BASE)
      standIn.setFile(FULL_NAME, HEAD_SHA, SEARCH, SEARCH_BASE)
      standIn.setFile(FULL_NAME, HEAD_SHA, BILLING, BILLING_HEAD)
      standIn.setPullFiles(FULL_NAME, PR, [
        { filename: BILLING, status: 'added' }
      ])

      // Under pull_request_target the workspace contains the base branch,
      // which does not have the new file.
      const run = await runOnPullRequest(
        PATTERN,
        { [SEARCH]: SEARCH_BASE },
        'pull_request_target'
      )

      expect(run.exitCode, describeRun(run)).toBe(0)
      const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
      // $102.50 at the base; $102.50 + $410.00 = $512.50 at the head.
      expect(body.split('\n')[0]).toBe(
        '### ℹ️ No limits set: $102.50 → $512.50 a month (+$410.00, +400.0%)'
      )
      expect(body).toContain(
        `| \`${BILLING}\` | $0.00 | $410.00 | +$410.00, new | ✅ pass |`
      )
      // The new file is read at the head commit through the API.
      const reads = standIn.requests.filter(
        r =>
          r.route === 'GET /repos/{owner}/{repo}/contents/{path}' &&
          r.query['ref'] === HEAD_SHA
      )
      expect(
        reads.some(r => decodeURIComponent(r.path).endsWith(`/${BILLING}`))
      ).toBe(true)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'matches changed files without a checkout',
    async () => {
      standIn.setFile(FULL_NAME, MERGE_BASE_SHA, SEARCH, SEARCH_BASE)
      standIn.setFile(FULL_NAME, HEAD_SHA, SEARCH, SEARCH_HEAD)
      standIn.setPullFiles(FULL_NAME, PR, [
        { filename: SEARCH, status: 'modified' }
      ])

      const run = await runOnPullRequest(PATTERN, {})

      expect(run.exitCode, describeRun(run)).toBe(0)
      const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
      // search alone: $102.50 → $205.00, +$102.50, +100.0%.
      expect(body.split('\n')[0]).toBe(
        '### ℹ️ No limits set: $102.50 → $205.00 a month (+$102.50, +100.0%)'
      )
      expect(body).toContain(
        'only the usage files that the pull request changes are reported'
      )
    },
    RUN_TIMEOUT_MS
  )

  it(
    'fails when the changed files cannot be listed',
    async () => {
      storeFiles()
      standIn.addFaults('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
        status: 403
      })

      const run = await runOnPullRequest(PATTERN, {
        [SEARCH]: SEARCH_HEAD,
        [SUPPORT]: SUPPORT_HEAD
      })

      // Without the list, a usage file that only the pull request adds
      // could be missed, so the run stops instead of guessing.
      expect(run.exitCode, describeRun(run)).toBe(1)
      const error = run.stdout
        .split('\n')
        .find(line => line.startsWith('::error::'))
      expect(error).toContain(
        'The usage files of the config glob cannot be found:'
      )
      expect(error).toContain('/pulls/{pull_number}/files')
      expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
    },
    RUN_TIMEOUT_MS
  )
})
