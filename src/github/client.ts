import * as core from '@actions/core'
import { defaults, getOctokitOptions, GitHub } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

/** Octokit class with the REST methods, pagination, retries and throttling. */
const RetryingGitHub = GitHub.plugin(retry, throttling)

/** Octokit instance that every function in `src/github` takes. */
export type GitHubClient = InstanceType<typeof RetryingGitHub>

/** Settings of {@link createGitHubClient}. */
export interface GitHubClientOptions {
  /** Token sent in the `Authorization` header and never logged. */
  token: string
  /** REST API root, `GITHUB_API_URL` in Actions (differs on GHES). */
  baseUrl: string
  /** Time limit of one HTTP attempt, body included, in milliseconds. */
  requestTimeoutMs?: number
  /** Length of one unit of retry delay in milliseconds, which tests shorten. */
  retryDelayUnitMs?: number
}

/** Retries after a 5xx response, a network error or a timeout. */
export const MAX_RETRIES = 3
/** Retries after a rate limit, each after the wait that GitHub requests. */
const MAX_RATE_LIMIT_RETRIES = 2
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
/** One second: plugin-retry waits retryCount² units, so 1 s, 4 s, 9 s. */
const DEFAULT_RETRY_DELAY_UNIT_MS = 1_000
/** Rate limits that reset later than this fail at once instead of waiting. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60

type Fetch = (url: string, init?: RequestInit) => Promise<Response>

/** Creates the Octokit client that sends every request to `baseUrl`. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const delayUnitMs = options.retryDelayUnitMs ?? DEFAULT_RETRY_DELAY_UNIT_MS
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const baseUrl = trimTrailingSlashes(options.baseUrl)
  const fetchWithTimeout = wrapFetchWithTimeout(selectFetch(baseUrl), timeoutMs)

  const client = new RetryingGitHub(
    getOctokitOptions(options.token, {
      baseUrl,
      request: { fetch: fetchWithTimeout },
      log: {
        debug: message => core.debug(message),
        info: message => core.info(message),
        warn: message => core.warning(message),
        error: message => core.error(message)
      },
      retry: {
        retries: MAX_RETRIES,
        retryAfterBaseValue: delayUnitMs,
        // 429 joins the client errors that plugin-retry leaves alone, so only
        // plugin-throttling retries rate limits, honouring `retry-after`.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451]
      },
      throttle: {
        // A distinct id gives each client its own limiters, so one client's
        // write spacing does not delay another's.
        id: `ai-budget-${Math.random().toString(36).slice(2)}`,
        retryAfterBaseValue: delayUnitMs,
        onRateLimit: (retryAfter, request, _octokit, retryCount) =>
          decideRateLimitRetry('Rate limit', retryAfter, request, retryCount),
        onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) =>
          decideRateLimitRetry(
            'Secondary rate limit',
            retryAfter,
            request,
            retryCount
          )
      }
    })
  )
  retryDelayUnits.set(client, delayUnitMs)
  return client
}

/** The retry delay unit of each client, for requests that are retried by hand. */
const retryDelayUnits = new WeakMap<GitHubClient, number>()

/**
 * Waits as long as plugin-retry would before its retry number `retryCount`
 * (1, 4, 9 units), for a request that is not safe to resend blindly and is
 * therefore retried by its caller.
 */
export async function waitBeforeRetry(
  client: GitHubClient,
  retryCount: number
): Promise<void> {
  const unit = retryDelayUnits.get(client) ?? DEFAULT_RETRY_DELAY_UNIT_MS
  await new Promise(resolve => setTimeout(resolve, retryCount ** 2 * unit))
}

/**
 * Returns the proxy-aware fetch of `@actions/github` when `baseUrl` is the
 * URL it was set up for (`GITHUB_API_URL` at import), else the global fetch,
 * so requests to another host never go through a proxy chosen for GitHub.
 */
function selectFetch(baseUrl: string): Fetch {
  const proxyFetch: unknown = defaults.request?.fetch
  const proxiedUrl = trimTrailingSlashes(defaults.baseUrl ?? '')
  if (proxiedUrl === baseUrl && typeof proxyFetch === 'function') {
    return proxyFetch as Fetch
  }
  return (url, init) => globalThis.fetch(url, init)
}

/**
 * Wraps `fetch` so that one attempt, headers and body, ends after
 * `timeoutMs`. The timeout is a `TimeoutError`, which `@octokit/request` 10
 * wraps as a status 500 error, so plugin-retry retries it like a 5xx
 * response. With the defaults a stalled server costs at most 4 attempts of
 * 30 s plus 1 + 4 + 9 s of waiting: 134 s for one request.
 */
function wrapFetchWithTimeout(baseFetch: Fetch, timeoutMs: number): Fetch {
  return async (url, init) => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    const signal = init?.signal
      ? AbortSignal.any([init.signal, controller.signal])
      : controller.signal

    try {
      const response = await baseFetch(url, { ...init, signal })
      // Reading the body here keeps a stalled body under the same timer.
      const body = await response.arrayBuffer()
      return new Response(isNullBodyStatus(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      })
    } catch (error) {
      if (controller.signal.aborted) {
        const method = init?.method ?? 'GET'
        throw new DOMException(
          `GitHub API request ${method} ${url} timed out after ${timeoutMs} ms`,
          'TimeoutError'
        )
      }
      throw error
    } finally {
      clearTimeout(timer)
    }
  }
}

function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '')
}

function isNullBodyStatus(status: number): boolean {
  return status === 101 || status === 204 || status === 205 || status === 304
}

interface RateLimitedRequest {
  method?: string
  url?: string
}

function decideRateLimitRetry(
  kind: string,
  retryAfterSeconds: number,
  request: RateLimitedRequest,
  retryCount: number
): boolean {
  const route = `${request.method ?? 'GET'} ${request.url ?? ''}`
  if (retryCount >= MAX_RATE_LIMIT_RETRIES) {
    core.warning(
      `${kind} hit on ${route}, giving up after ${retryCount} retries`
    )
    return false
  }
  if (retryAfterSeconds > MAX_RATE_LIMIT_WAIT_SECONDS) {
    core.warning(
      `${kind} hit on ${route}, which resets in ${retryAfterSeconds} s, ` +
        `more than the ${MAX_RATE_LIMIT_WAIT_SECONDS} s this step waits`
    )
    return false
  }
  core.info(
    `${kind} hit on ${route}, retrying in ${retryAfterSeconds} s ` +
      `(retry ${retryCount + 1} of ${MAX_RATE_LIMIT_RETRIES})`
  )
  return true
}
