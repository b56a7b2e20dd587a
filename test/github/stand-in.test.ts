import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from '../support/github-stand-in.js'
import { parseOutputFile, toInputVariable } from '../support/run-action.js'
import { buildPullRequestEvent } from '../support/webhook-payload.js'

const TOKEN = 'ghp_StandInSelfTestToken000000000000000'
const REPO = 'acme/shop'
const PR = 5

let standIn: GitHubStandIn

beforeEach(async () => {
  standIn = await GitHubStandIn.start({ token: TOKEN })
  standIn.addPullRequest(REPO, {
    number: PR,
    headSha: 'b'.repeat(40),
    baseSha: 'a'.repeat(40),
    headRef: 'feature',
    baseRef: 'main'
  })
})

afterEach(async () => {
  await standIn.close()
})

async function get(path: string, token = TOKEN): Promise<Response> {
  return await fetch(`${standIn.url}${path}`, {
    headers: { authorization: `token ${token}` }
  })
}

describe('GitHubStandIn', () => {
  it('links pages like GitHub', async () => {
    for (let index = 0; index < 250; index++) {
      standIn.addComment(REPO, PR, 'reviewer', `Comment ${index}`)
    }
    const path = `/repos/${REPO}/issues/${PR}/comments`
    const pageUrl = (page: number): string =>
      `<${standIn.url}${path}?per_page=100&page=${page}>`

    const first = await get(`${path}?per_page=100`)
    const second = await get(`${path}?per_page=100&page=2`)
    const last = await get(`${path}?per_page=100&page=3`)

    expect(first.headers.get('link')).toBe(
      `${pageUrl(2)}; rel="next", ${pageUrl(3)}; rel="last"`
    )
    expect(second.headers.get('link')).toBe(
      `${pageUrl(1)}; rel="prev", ${pageUrl(3)}; rel="next", ` +
        `${pageUrl(3)}; rel="last", ${pageUrl(1)}; rel="first"`
    )
    expect(last.headers.get('link')).toBe(
      `${pageUrl(2)}; rel="prev", ${pageUrl(1)}; rel="first"`
    )
    expect(((await first.json()) as unknown[]).length).toBe(100)
    expect(((await last.json()) as unknown[]).length).toBe(50)
  })

  it('caps per_page at 100', async () => {
    for (let index = 0; index < 120; index++) {
      standIn.addComment(REPO, PR, 'reviewer', `Comment ${index}`)
    }

    const response = await get(
      `/repos/${REPO}/issues/${PR}/comments?per_page=500`
    )

    expect(((await response.json()) as unknown[]).length).toBe(100)
  })

  it('defaults to 30 comments a page', async () => {
    for (let index = 0; index < 31; index++) {
      standIn.addComment(REPO, PR, 'reviewer', `Comment ${index}`)
    }

    const response = await get(`/repos/${REPO}/issues/${PR}/comments`)

    expect(((await response.json()) as unknown[]).length).toBe(30)
  })

  it('rejects a wrong token with 401', async () => {
    const response = await get('/user', 'ghp_SomeoneElse')

    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ message: 'Bad credentials' })
  })

  it('returns 403 on GET /user for installation tokens', async () => {
    standIn.setLogin(null)

    const response = await get('/user')

    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({
      message: 'Resource not accessible by integration'
    })
  })

  it('serves a schema-valid pull request', async () => {
    const response = await get(`/repos/${REPO}/pulls/${PR}`)
    const body = (await response.json()) as Record<string, unknown>

    expect(response.status).toBe(200)
    expect(body['number']).toBe(PR)
    expect(body['head']).toMatchObject({ sha: 'b'.repeat(40), ref: 'feature' })
    expect(body['base']).toMatchObject({ sha: 'a'.repeat(40), ref: 'main' })
    expect(standIn.schemaErrors).toEqual([])
  })

  it('serves queued faults in order', async () => {
    standIn.addFaults(
      'GET /user',
      { status: 502 },
      { status: 429, headers: { 'retry-after': '7' } }
    )

    const first = await get('/user')
    const second = await get('/user')
    const third = await get('/user')

    expect(first.status).toBe(502)
    expect(second.status).toBe(429)
    expect(second.headers.get('retry-after')).toBe('7')
    expect(third.status).toBe(200)
  })

  it('rejects a fault for an unknown route', () => {
    expect(() => standIn.addFaults('GET /nowhere', { status: 500 })).toThrow(
      'unknown route GET /nowhere'
    )
  })

  it('reports a body that breaks the schema', async () => {
    standIn.addFaults('GET /user', { status: 200, body: { login: 'x' } })

    await get('/user')

    expect(standIn.schemaErrors.length).toBeGreaterThan(0)
    expect(standIn.schemaErrors[0]).toContain('get /user 200')
    // Cleared so that afterEach's close() does not fail this test.
    standIn.schemaErrors.length = 0
  })

  it('close() rejects after a schema mismatch', async () => {
    const broken = await GitHubStandIn.start()
    broken.addFaults('GET /user', { status: 200, body: { login: 'x' } })
    await fetch(`${broken.url}/user`)

    await expect(broken.close()).rejects.toThrow(/OpenAPI/)
  })

  it('close() ends a stalled response', async () => {
    const stalling = await GitHubStandIn.start()
    stalling.addFaults('GET /user', { stall: true })
    const pending = fetch(`${stalling.url}/user`)
    const outcome = expect(pending).rejects.toThrow()

    await expect.poll(() => stalling.requests.length).toBe(1)
    await stalling.close()
    await outcome
  })

  it('rejects a comment body over 65,536 characters', async () => {
    const path = `/repos/${REPO}/issues/${PR}/comments`
    const post = async (body: string): Promise<Response> =>
      await fetch(`${standIn.url}${path}`, {
        method: 'POST',
        headers: { authorization: `token ${TOKEN}` },
        body: JSON.stringify({ body })
      })

    const atLimit = await post('x'.repeat(65_536))
    const overLimit = await post('x'.repeat(65_537))
    const reply = (await overLimit.json()) as Record<string, unknown>

    expect(atLimit.status).toBe(201)
    expect(overLimit.status).toBe(422)
    expect(reply['message']).toBe('Validation Failed')
    expect(reply['errors']).toEqual([
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: 'Body is too long (maximum is 65536 characters)'
      }
    ])
    expect(standIn.listComments(REPO, PR).length).toBe(1)
  })

  it('rejects an edit over 65,536 characters', async () => {
    const comment = standIn.addComment(REPO, PR, 'reviewer', 'short')
    const response = await fetch(
      `${standIn.url}/repos/${REPO}/issues/comments/${comment.id}`,
      {
        method: 'PATCH',
        headers: { authorization: `token ${TOKEN}` },
        body: JSON.stringify({ body: 'x'.repeat(65_537) })
      }
    )

    expect(response.status).toBe(422)
    expect(standIn.listComments(REPO, PR)[0]?.body).toBe('short')
  })

  it('logs requests with the token redacted', async () => {
    await get('/user')

    const [logged] = standIn.requests
    expect(logged?.route).toBe('GET /user')
    expect(logged?.status).toBe(200)
    expect(logged?.headers['authorization']).toBe('[redacted]')
    expect(JSON.stringify(standIn.requests)).not.toContain(TOKEN)
  })
})

describe('run-action helpers', () => {
  it('names inputs like @actions/core', () => {
    expect(toInputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN')
    expect(toInputVariable('fail-on')).toBe('INPUT_FAIL-ON')
    expect(toInputVariable('my input')).toBe('INPUT_MY_INPUT')
  })

  it('parses heredoc and plain outputs', () => {
    const text = [
      'monthly-cost<<ghadelimiter_1',
      '102.50',
      'ghadelimiter_1',
      'comment-body<<ghadelimiter_2',
      '### Cost',
      '',
      'a=b',
      'ghadelimiter_2',
      'result=pass',
      ''
    ].join('\n')

    expect(parseOutputFile(text)).toEqual({
      'monthly-cost': '102.50',
      'comment-body': '### Cost\n\na=b',
      result: 'pass'
    })
  })

  it('builds a pull_request payload for the stand-in', () => {
    const event = buildPullRequestEvent('synchronize', {
      owner: 'acme',
      repo: 'shop',
      number: 9,
      headSha: 'b'.repeat(40),
      baseSha: 'a'.repeat(40),
      headRef: 'feature',
      baseRef: 'main',
      apiUrl: 'http://127.0.0.1:1'
    })

    expect(event['action']).toBe('synchronize')
    expect(event['number']).toBe(9)
    expect(event['after']).toBe('b'.repeat(40))
    expect(event['pull_request']).toMatchObject({
      number: 9,
      head: { sha: 'b'.repeat(40), ref: 'feature' },
      base: { sha: 'a'.repeat(40), ref: 'main' }
    })
    expect(event['repository']).toMatchObject({ full_name: 'acme/shop' })
    expect(JSON.stringify(event)).not.toContain('api.github.com')
    expect(JSON.stringify(event)).not.toContain('Codertocat/Hello-World')
  })
})
