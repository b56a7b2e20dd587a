import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from '../support/github-stand-in.js'
import {
  describeRun,
  runAction,
  type ActionRun
} from '../support/run-action.js'
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
  workspaceFiles: Record<string, string>
): Promise<ActionRun> {
  return await runAction({
    inputs: { config, 'github-token': TOKEN },
    eventName: 'pull_request',
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
