import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createGitHubClient,
  type GitHubClient
} from '../../src/github/client.js'
import {
  FALLBACK_COMMENT_AUTHOR,
  upsertStickyComment,
  type StickyCommentRequest
} from '../../src/github/comment.js'
import {
  GitHubStandIn,
  type StandInOptions
} from '../support/github-stand-in.js'

const TOKEN = 'ghp_StandInCommentToken0000000000000000'
const REPO = 'acme/shop'
const PR = 12
const MARKER = '<!-- ai-budget config=ai-usage.yml -->'
const LIST_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments'
const CREATE_ROUTE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'
const UPDATE_ROUTE = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}'
const OLD_HEAD = '4444444444444444444444444444444444444444'
const NEW_HEAD = '5555555555555555555555555555555555555555'

let standIn: GitHubStandIn
let client: GitHubClient

/** Starts a stand-in with the pull request, and a client for it. */
async function start(options: StandInOptions): Promise<void> {
  standIn = await GitHubStandIn.start({ token: TOKEN, ...options })
  standIn.addPullRequest(REPO, {
    number: PR,
    headSha: 'b'.repeat(40),
    baseSha: 'a'.repeat(40),
    headRef: 'feature',
    baseRef: 'main'
  })
  client = connect()
}

async function restart(options: StandInOptions): Promise<void> {
  await standIn.close()
  await start(options)
}

function connect(): GitHubClient {
  return createGitHubClient({
    token: TOKEN,
    baseUrl: standIn.url,
    retryDelayUnitMs: 1
  })
}

beforeEach(async () => {
  await start({ login: 'budget-bot' })
})

afterEach(async () => {
  await standIn.close()
})

function request(
  body: string,
  changes: Partial<StickyCommentRequest> = {}
): StickyCommentRequest {
  return {
    owner: 'acme',
    repo: 'shop',
    issueNumber: PR,
    marker: MARKER,
    body,
    mode: 'update',
    ...changes
  }
}

function countCalls(method: string): number {
  return standIn.requests.filter(item => item.method === method).length
}

describe('upsertStickyComment', () => {
  it('creates, then updates, then leaves unchanged', async () => {
    const first = await upsertStickyComment(client, request('Monthly $10'))
    expect(first.action).toBe('created')
    const [created] = standIn.listComments(REPO, PR)
    expect(created?.body).toBe(`Monthly $10\n\n${MARKER}`)
    expect(created?.login).toBe('budget-bot')
    expect(first.url).toBe(
      `${standIn.url}/${REPO}/pull/${PR}#issuecomment-${created?.id}`
    )

    const second = await upsertStickyComment(client, request('Monthly $20'))
    expect(second.action).toBe('updated')
    expect(second.url).toBe(first.url)
    expect(standIn.listComments(REPO, PR)).toHaveLength(1)
    expect(standIn.listComments(REPO, PR)[0]?.body).toBe(
      `Monthly $20\n\n${MARKER}`
    )

    const third = await upsertStickyComment(client, request('Monthly $20'))
    expect(third).toEqual({ action: 'unchanged', url: first.url })
    const list = `GET /repos/${REPO}/issues/${PR}/comments`
    // The login is read once per client. After posting, the list is read
    // again to find a comment that a concurrent run posted.
    expect(standIn.listCalls()).toEqual([
      'GET /user',
      list,
      `POST /repos/${REPO}/issues/${PR}/comments`,
      list,
      list,
      `PATCH /repos/${REPO}/issues/comments/${created?.id}`,
      list
    ])
  })

  it('leaves another user’s marked comment untouched', async () => {
    const foreign = standIn.addComment(
      REPO,
      PR,
      'mallory',
      `Copied report\n\n${MARKER}`
    )

    const result = await upsertStickyComment(client, request('Monthly $10'))

    expect(result.action).toBe('created')
    const comments = standIn.listComments(REPO, PR)
    expect(comments).toHaveLength(2)
    expect(comments[0]).toEqual(foreign)
    expect(comments[0]?.body).toBe(`Copied report\n\n${MARKER}`)
    expect(countCalls('PATCH')).toBe(0)
  })

  it('leaves own comments without the marker untouched', async () => {
    standIn.addComment(REPO, PR, 'budget-bot', 'A note from the same bot')
    standIn.addComment(
      REPO,
      PR,
      'budget-bot',
      'Another instance\n\n<!-- ai-budget config=ai-usage.yml key=nightly -->'
    )

    const result = await upsertStickyComment(client, request('Monthly $10'))

    expect(result.action).toBe('created')
    expect(standIn.listComments(REPO, PR)[0]?.body).toBe(
      'A note from the same bot'
    )
    expect(countCalls('PATCH')).toBe(0)
  })

  it('finds the marker on page 3 of 250', async () => {
    // 250 comments at 100 a page: ids 1-100 on page 1, 101-200 on page 2,
    // and the sticky comment is number 230, on page 3.
    let stickyId = 0
    for (let index = 1; index <= 250; index++) {
      const login = index % 2 === 0 ? 'budget-bot' : 'reviewer'
      const body =
        index === 230 ? `Old report\n\n${MARKER}` : `Comment ${index}`
      const comment = standIn.addComment(REPO, PR, login, body)
      if (index === 230) stickyId = comment.id
    }

    const result = await upsertStickyComment(client, request('New report'))

    expect(result.action).toBe('updated')
    const lists = standIn.requests.filter(item => item.route === LIST_ROUTE)
    expect(lists.map(item => item.query)).toEqual([
      { per_page: '100' },
      { per_page: '100', page: '2' },
      { per_page: '100', page: '3' }
    ])
    expect(standIn.listCalls().at(-1)).toBe(
      `PATCH /repos/${REPO}/issues/comments/${stickyId}`
    )
    expect(countCalls('POST')).toBe(0)
  })

  it('stops paging once the marker is found', async () => {
    standIn.addComment(REPO, PR, 'budget-bot', `Old report\n\n${MARKER}`)
    for (let index = 0; index < 150; index++) {
      standIn.addComment(REPO, PR, 'reviewer', `Comment ${index}`)
    }

    await upsertStickyComment(client, request('New report'))

    const lists = standIn.requests.filter(item => item.route === LIST_ROUTE)
    expect(lists).toHaveLength(1)
  })

  it('posts a new comment each run in new mode', async () => {
    await upsertStickyComment(client, request('Run 1', { mode: 'new' }))
    const second = await upsertStickyComment(
      client,
      request('Run 2', { mode: 'new' })
    )

    expect(second.action).toBe('created')
    expect(standIn.listComments(REPO, PR).map(item => item.body)).toEqual([
      `Run 1\n\n${MARKER}`,
      `Run 2\n\n${MARKER}`
    ])
    expect(standIn.listCalls()).not.toContain('GET /user')
  })

  it('keeps a marker that already ends the body', async () => {
    await upsertStickyComment(client, request(`Report\n${MARKER}\n`))

    expect(standIn.listComments(REPO, PR)[0]?.body).toBe(`Report\n${MARKER}\n`)
  })

  it('ignores CRLF and trailing space changes', async () => {
    standIn.addComment(REPO, PR, 'budget-bot', `Report\r\n\r\n${MARKER}\r\n`)

    const result = await upsertStickyComment(client, request('Report'))

    expect(result.action).toBe('unchanged')
    expect(countCalls('PATCH')).toBe(0)
  })

  it('skips creating when createIfMissing is false', async () => {
    const result = await upsertStickyComment(
      client,
      request('Report', { createIfMissing: false })
    )

    expect(result.action).toBe('skipped')
    expect(result.reason).toMatch(/no previous comment/)
    expect(countCalls('POST')).toBe(0)
  })

  it('updates when createIfMissing is false', async () => {
    standIn.addComment(REPO, PR, 'budget-bot', `Old\n\n${MARKER}`)

    const result = await upsertStickyComment(
      client,
      request('New', { createIfMissing: false })
    )

    expect(result.action).toBe('updated')
  })

  it('returns skipped on 403 when creating', async () => {
    standIn.addFaults(CREATE_ROUTE, { status: 403 })

    const result = await upsertStickyComment(client, request('Report'))

    expect(result.action).toBe('skipped')
    expect(result.url).toBeUndefined()
    expect(result.reason).toContain('pull-requests: write')
    expect(result.reason).toContain('fork')
    expect(result.reason).toContain('403')
    expect(standIn.listComments(REPO, PR)).toHaveLength(0)
  })

  it('returns skipped on 404 when updating', async () => {
    standIn.addComment(REPO, PR, 'budget-bot', `Old\n\n${MARKER}`)
    standIn.addFaults(UPDATE_ROUTE, { status: 404 })

    const result = await upsertStickyComment(client, request('New'))

    expect(result.action).toBe('skipped')
    expect(result.reason).toContain('pull-requests: write')
  })

  it('throws on a rate limit, not skipped', async () => {
    const limited = {
      status: 403,
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: '403'
      },
      headers: { 'retry-after': '1' }
    }
    standIn.addFaults(CREATE_ROUTE, limited, limited, limited)

    await expect(
      upsertStickyComment(client, request('Report'))
    ).rejects.toThrow(/secondary rate limit/)
    // One attempt and two retries.
    expect(countCalls('POST')).toBe(3)
  })

  it('retries a 500 on the comment list', async () => {
    standIn.addFaults(LIST_ROUTE, { status: 500 })

    const result = await upsertStickyComment(client, request('Report'))

    expect(result.action).toBe('created')
    const lists = standIn.requests.filter(item => item.route === LIST_ROUTE)
    // The failed list, its retry, and the list after posting.
    expect(lists.map(item => item.status)).toEqual([500, 200, 200])
  })

  it('finds a comment that a failed post created', async () => {
    // GitHub created the comment, then the response was lost as a 502.
    standIn.addFaults(CREATE_ROUTE, { status: 502, applied: true })

    const result = await upsertStickyComment(client, request('Report'))

    expect(standIn.listComments(REPO, PR)).toHaveLength(1)
    const [comment] = standIn.listComments(REPO, PR)
    // The list before the post finds nothing; the list after the 502 finds
    // the comment, whose body is this one, so nothing is sent again.
    expect(standIn.listCalls()).toEqual([
      'GET /user',
      `GET /repos/${REPO}/issues/${PR}/comments`,
      `POST /repos/${REPO}/issues/${PR}/comments`,
      `GET /repos/${REPO}/issues/${PR}/comments`
    ])
    expect(result).toMatchObject({ action: 'unchanged' })
    expect(result.url).toContain(`#issuecomment-${comment?.id}`)
  })

  it('posts again after a post that created nothing', async () => {
    standIn.addFaults(CREATE_ROUTE, { status: 502 }, { status: 503 })

    const result = await upsertStickyComment(client, request('Report'))

    expect(result.action).toBe('created')
    expect(standIn.listComments(REPO, PR)).toHaveLength(1)
    const list = `GET /repos/${REPO}/issues/${PR}/comments`
    const post = `POST /repos/${REPO}/issues/${PR}/comments`
    // Each failed post is followed by a list that finds no comment; the
    // third post works, and the list after it checks for a racing run.
    expect(standIn.listCalls()).toEqual([
      'GET /user',
      list,
      post,
      list,
      post,
      list,
      post,
      list
    ])
  })

  it('gives up posting after three retries', async () => {
    const failure = { status: 500 }
    standIn.addFaults(CREATE_ROUTE, failure, failure, failure, failure)

    await expect(
      upsertStickyComment(client, request('Report'))
    ).rejects.toThrow(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments for the comments of acme/shop#12 failed with 500 (Server Error)'
    )
    expect(countCalls('POST')).toBe(4)
    expect(standIn.listComments(REPO, PR)).toHaveLength(0)
  })

  it('finds a new-mode comment that a failed post created', async () => {
    standIn.addFaults(CREATE_ROUTE, { status: 504, applied: true })

    const result = await upsertStickyComment(
      client,
      request('Run 1', { mode: 'new' })
    )

    expect(result.action).toBe('unchanged')
    expect(standIn.listComments(REPO, PR)).toHaveLength(1)
    expect(countCalls('POST')).toBe(1)
  })

  it('stops at a rejected token', async () => {
    await restart({ login: 'budget-bot', token: 'ghp_other' })

    await expect(
      upsertStickyComment(client, request('Report'))
    ).rejects.toMatchObject({
      route: 'GET /user',
      status: 401,
      detail: 'Bad credentials'
    })
    // No GraphQL fallback: every request would be rejected the same way.
    expect(standIn.listCalls()).toEqual(['GET /user'])
  })

  it('asks GraphQL for the bot after GET /user 403', async () => {
    standIn.setLogin(null)
    standIn.addComment(REPO, PR, 'budget-bot', `Personal\n\n${MARKER}`)
    const own = standIn.addComment(
      REPO,
      PR,
      FALLBACK_COMMENT_AUTHOR,
      `Old\n\n${MARKER}`
    )

    const result = await upsertStickyComment(client, request('New'))

    expect(result.action).toBe('updated')
    const userCall = standIn.requests.find(item => item.path === '/user')
    expect(userCall?.status).toBe(403)
    expect(standIn.listCalls()[1]).toBe('POST /graphql')
    expect(standIn.listCalls().at(-1)).toBe(
      `PATCH /repos/${REPO}/issues/comments/${own.id}`
    )
    expect(standIn.listComments(REPO, PR)[0]?.body).toBe(
      `Personal\n\n${MARKER}`
    )
  })

  it('matches another app bot by its login', async () => {
    await restart({ login: null, appSlug: 'budget-app' })
    const actions = standIn.addComment(
      REPO,
      PR,
      FALLBACK_COMMENT_AUTHOR,
      `Other workflow\n\n${MARKER}`
    )
    const own = standIn.addComment(
      REPO,
      PR,
      'budget-app[bot]',
      `Old\n\n${MARKER}`
    )

    const result = await upsertStickyComment(client, request('New'))

    expect(result.action).toBe('updated')
    expect(result.id).toBe(own.id)
    expect(standIn.listComments(REPO, PR)[0]).toEqual(actions)
  })

  it('asks GraphQL at /api/graphql on GHES', async () => {
    await restart({ login: null, pathPrefix: '/api/v3' })

    const result = await upsertStickyComment(client, request('Report'))

    expect(result.action).toBe('created')
    expect(standIn.requests[1]?.path).toBe('/graphql')
    expect(standIn.listComments(REPO, PR)[0]?.login).toBe(
      FALLBACK_COMMENT_AUTHOR
    )
  })

  it('falls back to github-actions[bot] without GraphQL', async () => {
    standIn.setLogin(null)
    standIn.addFaults('POST /graphql', { status: 403 })
    const own = standIn.addComment(
      REPO,
      PR,
      FALLBACK_COMMENT_AUTHOR,
      `Old\n\n${MARKER}`
    )

    const result = await upsertStickyComment(client, request('New'))

    expect(result).toMatchObject({ action: 'updated', id: own.id })
  })

  it('keeps one comment when two runs race', async () => {
    // Both runs find no comment, and the barrier keeps both posts until
    // both are sent, so each run has posted before either lists again.
    standIn.addFaults(CREATE_ROUTE, { barrier: 2 }, { barrier: 2 })
    const other = connect()

    const results = await Promise.all([
      upsertStickyComment(client, request('Report')),
      upsertStickyComment(other, request('Report'))
    ])

    const comments = standIn.listComments(REPO, PR)
    expect(comments).toHaveLength(1)
    const actions = results.map(result => result.action).sort()
    // The later post is deleted, and the kept comment has the same body.
    expect(actions).toEqual(['created', 'unchanged'])
    const kept = `${standIn.url}/${REPO}/pull/${PR}#issuecomment-${comments[0]?.id}`
    expect(results.map(result => result.url)).toEqual([kept, kept])
    expect(countCalls('POST')).toBe(2)
    expect(countCalls('DELETE')).toBe(1)
    expect(countCalls('PATCH')).toBe(0)
  })

  it('updates the kept comment when racing with a newer body', async () => {
    standIn.addFaults(CREATE_ROUTE, { barrier: 2 }, { barrier: 2 })
    const other = connect()

    const results = await Promise.all([
      upsertStickyComment(client, request('First')),
      upsertStickyComment(other, request('Second'))
    ])

    const comments = standIn.listComments(REPO, PR)
    expect(comments).toHaveLength(1)
    expect(results.map(result => result.action).sort()).toEqual([
      'created',
      'updated'
    ])
    // The run whose post came second deletes it and writes its body into
    // the first comment.
    expect(countCalls('DELETE')).toBe(1)
    expect(countCalls('PATCH')).toBe(1)
    const updated = results.find(result => result.action === 'updated')
    expect(updated?.id).toBe(comments[0]?.id)
  })

  it('creates as github-actions[bot] with an installation token', async () => {
    standIn.setLogin(null)

    const first = await upsertStickyComment(client, request('Report'))
    const second = await upsertStickyComment(client, request('Report'))

    expect(first.action).toBe('created')
    expect(second.action).toBe('unchanged')
    expect(standIn.listComments(REPO, PR)[0]?.login).toBe(
      FALLBACK_COMMENT_AUTHOR
    )
  })

  it('records the head commit before the marker', async () => {
    await upsertStickyComment(client, request('Report', { headSha: OLD_HEAD }))

    expect(standIn.listComments(REPO, PR)[0]?.body).toBe(
      `Report\n\n<!-- sticky-comment head-sha=${OLD_HEAD} -->\n${MARKER}`
    )
  })

  it('keeps a comment for a newer head', async () => {
    await upsertStickyComment(
      client,
      request('Newer report', { headSha: NEW_HEAD })
    )
    // NEW_HEAD descends from OLD_HEAD, so the comparison is "ahead".
    standIn.setMergeBase(REPO, OLD_HEAD, NEW_HEAD, OLD_HEAD, 'ahead')

    const result = await upsertStickyComment(
      client,
      request('Older report', { headSha: OLD_HEAD })
    )

    expect(result.action).toBe('skipped')
    expect(result.reason).toContain(NEW_HEAD)
    expect(result.url).toMatch(/#issuecomment-\d+$/)
    expect(standIn.listComments(REPO, PR)[0]?.body).toContain('Newer report')
    expect(countCalls('PATCH')).toBe(0)
    expect(standIn.listCalls().at(-1)).toBe(
      `GET /repos/${REPO}/compare/${OLD_HEAD}...${NEW_HEAD}`
    )
  })

  it('updates after a force push', async () => {
    await upsertStickyComment(
      client,
      request('Before force push', { headSha: OLD_HEAD })
    )
    standIn.setMergeBase(REPO, NEW_HEAD, OLD_HEAD, 'c'.repeat(40), 'diverged')

    const result = await upsertStickyComment(
      client,
      request('After force push', { headSha: NEW_HEAD })
    )

    expect(result.action).toBe('updated')
    expect(standIn.listComments(REPO, PR)[0]?.body).toContain(NEW_HEAD)
  })

  it('updates when the reported commit is gone', async () => {
    await upsertStickyComment(client, request('Before', { headSha: OLD_HEAD }))

    // No comparison is stored, so the stand-in returns 404.
    const result = await upsertStickyComment(
      client,
      request('After', { headSha: NEW_HEAD })
    )

    expect(result.action).toBe('updated')
  })

  it('never sends the token anywhere but the header', async () => {
    await upsertStickyComment(client, request('Report'))

    expect(JSON.stringify(standIn.requests)).not.toContain(TOKEN)
    expect(
      standIn.requests.every(
        item => item.headers['authorization'] === '[redacted]'
      )
    ).toBe(true)
  })
})
