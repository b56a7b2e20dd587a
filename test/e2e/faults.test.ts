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
// The usage file is read twice: at the head, then at the merge base.
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
    // A comment the token may not write is skipped, not a failure.
    const report = JSON.parse(run.report ?? '{}') as {
      result: string
      failures: string[]
    }
    expect(report.failures).toEqual([])
    expect(report.result).toBe('pass')
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
      CONTENTS,
      'GET /user',
      LIST,
      CREATE,
      LIST
    ])
    // The stalled head read has no status; its retry after the timeout and
    // the base read succeed.
    expect(statusesOf(CONTENTS)).toEqual([undefined, 200, 200])
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
    // Each run: compare, two contents reads, user, list, post, list again.
    // The run whose comment came second deletes it; both bodies are the
    // same, so nothing is edited.
    expect(calls).toHaveLength(15)
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

  it('fails when the base outlasts the retries', async () => {
    // The head read passes; four 503 responses to the base read outlast
    // the three retries.
    const unavailable = { status: 503 }
    standIn.addFaults(
      'GET /repos/{owner}/{repo}/contents/{path}',
      { pass: true },
      unavailable,
      unavailable,
      unavailable,
      unavailable
    )

    const run = await runOnPullRequest()

    // The increase limits and the base's budgets cannot be checked, so the
    // step fails instead of passing with them unchecked.
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(statusesOf(CONTENTS)).toEqual([200, 503, 503, 503, 503])
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      CONTENTS,
      CONTENTS,
      CONTENTS,
      CONTENTS,
      CONTENTS,
      'GET /user',
      LIST,
      CREATE,
      LIST
    ])
    const error = run.stdout
      .split('\n')
      .find(line => line.startsWith('::error::'))
    expect(error).toContain(
      'The base version of ai-usage.yml could not be read, so the change and the limits that come from the base were not checked: GET /repos/{owner}/{repo}/contents/{path} for ai-usage.yml at ccccccc failed with 503 (Server Error). GitHub did not answer after the retries. Re-run the job'
    )
    expect(run.outputs['result']).toBe('fail')
    expect(run.outputs['monthly-cost']).toBe('102.50')
    expect(run.outputs['base-monthly-cost']).toBe('')
    // The summary and the comment say the same, with no passing verdict.
    const comment = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
    for (const text of [run.summary, comment]) {
      expect(text).toMatch(/^### ❌ Check failed: \$102\.50 a month/)
      expect(text).toContain('**The step failed:** The base version')
      expect(text).not.toContain('✅ Within budget')
    }
  })

  it('fails when the comment post outlasts the retries', async () => {
    const failure = { status: 500 }
    standIn.addFaults(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      failure,
      failure,
      failure,
      failure
    )

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(1)
    // Each failed post is followed by a list that looks for the comment
    // before the post is sent again: 4 posts, 1 + 3 lists.
    expect(standIn.listCalls()).toEqual([
      COMPARE,
      CONTENTS,
      CONTENTS,
      'GET /user',
      LIST,
      CREATE,
      LIST,
      CREATE,
      LIST,
      CREATE,
      LIST,
      CREATE
    ])
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(0)
    const error = run.stdout
      .split('\n')
      .find(line => line.startsWith('::error::'))
    expect(error).toBe(
      '::error::The pull request comment could not be written: POST /repos/{owner}/{repo}/issues/{issue_number}/comments for the comments of acme/shop#31 failed with 500 (Server Error). GitHub did not answer after the retries. Re-run the job; if it fails again, check https://www.githubstatus.com.'
    )
    expect(run.outputs['result']).toBe('fail')
    expect(run.summary).toMatch(/^### ❌ Check failed/)
    expect(run.summary).not.toContain('Within budget')
    const report = JSON.parse(run.report ?? '{}') as {
      result: string
      failures: string[]
    }
    expect(report.failures).toEqual([error?.replace('::error::', '')])
    // The JSON report agrees with the result output.
    expect(report.result).toBe('fail')
  })

  it('posts once when a failed post created the comment', async () => {
    // GitHub creates the comment, but the response is lost as a 502.
    standIn.addFaults(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { status: 502, applied: true }
    )

    const run = await runOnPullRequest()

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
    expect(standIn.listComments(FULL_NAME, PR)).toHaveLength(1)
  })

  it('names the token on bad credentials', async () => {
    const run = await runBundle(standIn, {
      number: PR,
      token: 'ghs_NotTheStandInsToken00000000000000000',
      headFile: HEAD_FILE
    })

    expect(run.exitCode, describeRun(run)).toBe(1)
    // The compare call fails at once, without retries, and so does the
    // head read; nothing else is sent.
    expect(standIn.listCalls()).toEqual([COMPARE, CONTENTS])
    const error = run.stdout
      .split('\n')
      .find(line => line.startsWith('::error::'))
    expect(error).toBe(
      '::error::ai-usage.yml could not be read at the pull request head bbbbbbb: GET /repos/{owner}/{repo}/contents/{path} for ai-usage.yml at bbbbbbb failed with 401 (Bad credentials). Check the github-token input: the token is invalid, expired or revoked.'
    )
    expect(run.summary).toContain('could not run')
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
