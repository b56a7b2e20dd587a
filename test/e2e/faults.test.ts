import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  GitHubStandIn,
  StandInOptions
} from '../support/github-stand-in.js'
import type { ActionRun } from '../support/run-action.js'
import {
  BASE_SHA,
  buildUsageFile,
  describeRun,
  FULL_NAME,
  HEAD_SHA,
  MERGE_BASE_SHA,
  runOnPullRequest as runBundle,
  startStandIn
} from '../support/scenario.js'

// GitHub API faults injected into the stand-in while the bundle runs on a
// pull request. run-action.ts shortens the retry unit to 10 ms, so no test
// waits for the production delays.

const TOKEN = 'ghs_FaultsTestToken0123456789abcdefghijk'
const PR = 31
const MARKER = '<!-- ai-budget config=ai-usage.yml -->'
const COMPARE = `GET /repos/${FULL_NAME}/compare/${BASE_SHA}...${HEAD_SHA}`
const CONTENTS = `GET /repos/${FULL_NAME}/contents/ai-usage.yml`
const LIST = `GET /repos/${FULL_NAME}/issues/${PR}/comments`
const CREATE = `POST /repos/${FULL_NAME}/issues/${PR}/comments`

// Head: 1,000,000 requests at $0.0001025 (scenario.ts): $102.50 a month.
// Base: 500,000 requests, half of it: $51.25.
const HEAD_FILE = buildUsageFile(1_000_000)
const BASE_FILE = buildUsageFile(500_000)

let standIn: GitHubStandIn

/** Starts the stand-in with the pull request and the base file. */
async function start(options: StandInOptions): Promise<void> {
  standIn = await startStandIn({ token: TOKEN, ...options }, [PR])
  standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
}

beforeEach(async () => {
  await start({ login: 'budget-bot' })
})

afterEach(async () => {
  await standIn.close()
})

async function runOnPullRequest(
  env?: Record<string, string>
): Promise<ActionRun> {
  return await runBundle(standIn, {
    number: PR,
    token: TOKEN,
    headFile: HEAD_FILE,
    ...(env ? { env } : {})
  })
}

function statusesOf(call: string): (number | undefined)[] {
  return standIn.requests
    .filter(item => `${item.method} ${item.path}` === call)
    .map(item => item.status)
}

describe('action under API faults', () => {
  it('retries a 500, then succeeds', async () => {
    standIn.addFaults('GET /repos/{owner}/{repo}/compare/{basehead}', {
      status: 500
    })

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      COMPARE,
      CONTENTS,
      'GET /user',
      LIST,
      CREATE,
      LIST
    ])
    expect(statusesOf(COMPARE)).toEqual([500, 200])
    expect(run.outputs['base-monthly-cost']).toBe('51.25')
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
  })

  it('warns on a 403 comment write', async () => {
    standIn.addFaults(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { status: 403 }
    )

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    // A 403 is not retried, and no posted comment means no second list.
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      CONTENTS,
      'GET /user',
      LIST,
      CREATE
    ])
    const warning = run.stdout
      .split('\n')
      .find(line => line.startsWith('::warning::The pull request comment'))
    expect(warning).toContain('pull-requests: write')
    expect(warning).toContain('docs/fork-pull-requests.md')
    expect(run.outputs['monthly-cost']).toBe('102.50')
    expect(run.outputs['comment-body']).toContain(MARKER)
    expect(run.summary).toContain('102.50')
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
  })

  it('waits out a 429 with retry-after', async () => {
    standIn.addFaults(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { status: 429, headers: { 'retry-after': '1' } }
    )

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      CONTENTS,
      'GET /user',
      LIST,
      CREATE,
      CREATE,
      LIST
    ])
    expect(statusesOf(CREATE)).toEqual([429, 201])
    expect(run.stdout).toContain('Secondary rate limit hit on POST')
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
  })

  it('retries a stalled response', async () => {
    standIn.addFaults('GET /repos/{owner}/{repo}/contents/{path}', {
      stall: true
    })

    // A 3 s timeout ends the stall, and leaves the other requests time on a
    // loaded machine.
    const run = await runOnPullRequest({ AI_BUDGET_REQUEST_TIMEOUT_MS: '3000' })

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      CONTENTS,
      CONTENTS,
      'GET /user',
      LIST,
      CREATE,
      LIST
    ])
    // The stalled request has no status; the retry after the timeout reads
    // the base.
    expect(statusesOf(CONTENTS)).toEqual([undefined, 200])
    expect(run.outputs['base-monthly-cost']).toBe('51.25')
  })

  it('finds its comment among 300', async () => {
    for (let index = 0; index < 299; index++) {
      standIn.addComment(
        FULL_NAME,
        PR,
        `reviewer-${index % 7}`,
        `Note ${index}`
      )
    }
    const own = standIn.addComment(
      FULL_NAME,
      PR,
      'budget-bot',
      `Old report\n\n${MARKER}`
    )

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    // 300 comments at 100 a page: the marker is on page 3.
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      CONTENTS,
      'GET /user',
      LIST,
      LIST,
      LIST,
      `PATCH /repos/${FULL_NAME}/issues/comments/${own.id}`
    ])
    const pages = standIn.requests
      .filter(item => `${item.method} ${item.path}` === LIST)
      .map(item => item.query['page'])
    expect(pages).toEqual([undefined, '2', '3'])
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(300)
    expect(standIn.listComments(FULL_NAME, PR).at(-1)?.body).toContain('102.50')
  })

  it('leaves one comment after two concurrent runs', async () => {
    // The barrier keeps each post until both runs have sent theirs, so both
    // runs found no comment and both create one.
    standIn.addFaults(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { barrier: 2 },
      { barrier: 2 }
    )

    const [first, second] = await Promise.all([
      runOnPullRequest(),
      runOnPullRequest()
    ])

    expect(first?.exitCode, first && describeRun(first)).toBe(0)
    expect(second?.exitCode, second && describeRun(second)).toBe(0)
    const calls = standIn.listCalls()
    // Each run: compare, contents, user, list, post, list again. The run
    // whose comment came second deletes it; both bodies are the same, so
    // nothing is edited.
    expect(calls).toHaveLength(13)
    expect(calls.filter(call => call === CREATE)).toHaveLength(2)
    expect(calls.filter(call => call === LIST)).toHaveLength(4)
    expect(calls.filter(call => call.startsWith('DELETE '))).toHaveLength(1)
    expect(calls.filter(call => call.startsWith('PATCH '))).toHaveLength(0)
    const comments = standIn.listComments(FULL_NAME, PR)
    expect(comments).toHaveLength(1)
    expect(first?.outputs['comment-url']).toBe(second?.outputs['comment-url'])
    expect(first?.outputs['comment-url']).toContain(
      `#issuecomment-${comments[0]?.id}`
    )
  })

  it('reports a base that outlasts the retries', async () => {
    // Four 503 responses outlast the three retries.
    standIn.addFaults(
      'GET /repos/{owner}/{repo}/contents/{path}',
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 503 }
    )

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(statusesOf(CONTENTS)).toEqual([503, 503, 503, 503])
    expect(standIn.requests).toHaveLength(9)
    expect(run.outputs['monthly-cost']).toBe('102.50')
    expect(run.outputs['base-monthly-cost']).toBe('')
    expect(run.summary).toContain(
      'The base version of ai-usage.yml could not be read'
    )
  })
})

describe('action with an app installation token', () => {
  it('edits the comment of its own bot', async () => {
    await standIn.close()
    await start({ login: null, appSlug: 'budget-app' })
    const other = standIn.addComment(
      FULL_NAME,
      PR,
      'github-actions[bot]',
      `Another workflow's copy\n\n${MARKER}`
    )
    const own = standIn.addComment(
      FULL_NAME,
      PR,
      'budget-app[bot]',
      `Old report\n\n${MARKER}`
    )

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      CONTENTS,
      'GET /user',
      'POST /graphql',
      LIST,
      `PATCH /repos/${FULL_NAME}/issues/comments/${own.id}`
    ])
    const comments = standIn.listComments(FULL_NAME, PR)
    expect(comments[0]).toEqual(other)
    expect(comments[1]?.body).toContain('102.50')
  })
})
