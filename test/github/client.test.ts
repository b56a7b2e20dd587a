import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createGitHubClient,
  type GitHubClient
} from '../../src/github/client.js'
import { readRepoFile } from '../../src/github/files.js'
import { GitHubStandIn } from '../support/github-stand-in.js'

const TOKEN = 'ghp_StandInClientToken0000000000000000'
const REPO = 'acme/shop'
const CONTENTS_ROUTE = 'GET /repos/{owner}/{repo}/contents/{path}'
const FILE = { owner: 'acme', repo: 'shop', path: 'ai-usage.yml', ref: 'main' }

let standIn: GitHubStandIn

beforeEach(async () => {
  standIn = await GitHubStandIn.start({ token: TOKEN })
  standIn.setFile(REPO, 'main', 'ai-usage.yml', 'version: 1\n')
})

afterEach(async () => {
  vi.restoreAllMocks()
  await standIn.close()
})

function connect(options: { requestTimeoutMs?: number } = {}): GitHubClient {
  return createGitHubClient({
    token: TOKEN,
    baseUrl: standIn.url,
    retryDelayUnitMs: 1,
    ...options
  })
}

function listStatuses(): (number | undefined)[] {
  return standIn.requests.map(item => item.status)
}

describe('createGitHubClient retries', () => {
  it('retries a 500 once, then succeeds', async () => {
    standIn.addFaults(CONTENTS_ROUTE, { status: 500 })

    const text = await readRepoFile(connect(), FILE)

    expect(text).toBe('version: 1\n')
    expect(listStatuses()).toEqual([500, 200])
  })

  it('succeeds after three 5xx responses', async () => {
    standIn.addFaults(
      CONTENTS_ROUTE,
      { status: 502 },
      { status: 503 },
      { status: 500 }
    )

    const text = await readRepoFile(connect(), FILE)

    expect(text).toBe('version: 1\n')
    expect(listStatuses()).toEqual([502, 503, 500, 200])
  })

  it('gives up after three retries', async () => {
    standIn.addFaults(
      CONTENTS_ROUTE,
      { status: 500 },
      { status: 500 },
      { status: 500 },
      { status: 500 }
    )

    await expect(readRepoFile(connect(), FILE)).rejects.toMatchObject({
      status: 500
    })
    expect(listStatuses()).toEqual([500, 500, 500, 500])
  })

  it('does not retry a 401', async () => {
    const client = createGitHubClient({
      token: 'ghp_WrongToken',
      baseUrl: standIn.url,
      retryDelayUnitMs: 1
    })

    await expect(readRepoFile(client, FILE)).rejects.toMatchObject({
      status: 401
    })
    expect(listStatuses()).toEqual([401])
  })

  it('retries a 429 after retry-after', async () => {
    standIn.addFaults(CONTENTS_ROUTE, {
      status: 429,
      headers: { 'retry-after': '2' }
    })

    const text = await readRepoFile(connect(), FILE)

    expect(text).toBe('version: 1\n')
    expect(listStatuses()).toEqual([429, 200])
  })

  it('retries a primary rate limit that resets soon', async () => {
    const reset = Math.floor(Date.now() / 1000) + 1
    standIn.addFaults(CONTENTS_ROUTE, {
      status: 403,
      body: {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: '403'
      },
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset)
      }
    })

    const text = await readRepoFile(connect(), FILE)

    expect(text).toBe('version: 1\n')
    expect(listStatuses()).toEqual([403, 200])
  })

  it('fails at once when the rate limit resets in an hour', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600
    standIn.addFaults(CONTENTS_ROUTE, {
      status: 403,
      body: {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: '403'
      },
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset)
      }
    })

    await expect(readRepoFile(connect(), FILE)).rejects.toMatchObject({
      status: 403
    })
    expect(listStatuses()).toEqual([403])
  })
})

describe('createGitHubClient timeout', () => {
  it('retries a stalled response', async () => {
    standIn.addFaults(CONTENTS_ROUTE, { stall: true })

    const text = await readRepoFile(connect({ requestTimeoutMs: 1_000 }), FILE)

    expect(text).toBe('version: 1\n')
    expect(listStatuses()).toEqual([undefined, 200])
  })

  it('gives up after four stalled attempts', async () => {
    standIn.addFaults(
      CONTENTS_ROUTE,
      { stall: true },
      { stall: true },
      { stall: true },
      { stall: true }
    )
    const started = Date.now()

    await expect(
      readRepoFile(connect({ requestTimeoutMs: 200 }), FILE)
    ).rejects.toThrow(/timed out after 200 ms/)

    // Four attempts of 200 ms and waits of 1 + 4 + 9 ms.
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(standIn.requests).toHaveLength(4)
  })

  it('defaults to a 30 s timeout', async () => {
    // Fake timers also stall the HTTP client, so the default is read from
    // the timer that each attempt starts.
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const client = createGitHubClient({ token: TOKEN, baseUrl: standIn.url })

    await readRepoFile(client, FILE)

    const delays = timers.mock.calls.map(call => call[1])
    expect(delays).toContain(30_000)
  })
})

describe('createGitHubClient routing', () => {
  it('sends requests under a GHES path prefix', async () => {
    await standIn.close()
    standIn = await GitHubStandIn.start({ token: TOKEN, pathPrefix: '/api/v3' })
    standIn.setFile(REPO, 'main', 'ai-usage.yml', 'version: 1\n')

    const text = await readRepoFile(connect(), FILE)

    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/)
    expect(text).toBe('version: 1\n')
    expect(standIn.requests[0]?.path).toBe(
      '/repos/acme/shop/contents/ai-usage.yml'
    )
  })

  it('never writes the token to stdout or the log', async () => {
    const written: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written.push(String(chunk))
      return true
    })
    standIn.addFaults(CONTENTS_ROUTE, { status: 500 }, { status: 429 })

    await readRepoFile(connect(), FILE)
    await readRepoFile(connect(), { ...FILE, path: 'missing.yml' })

    expect(written.join('')).not.toContain(TOKEN)
    expect(JSON.stringify(standIn.requests)).not.toContain(TOKEN)
    expect(standIn.requests[0]?.headers['authorization']).toBe('[redacted]')
  })
})
