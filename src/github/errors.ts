/** HTTP error thrown by Octokit, reduced to the fields this project reads. */
export interface RequestErrorLike extends Error {
  status: number
}

/** Tells whether `error` is an Octokit request error carrying an HTTP status. */
export function isRequestError(error: unknown): error is RequestErrorLike {
  return (
    error instanceof Error &&
    'status' in error &&
    typeof error.status === 'number'
  )
}

/** Tells whether `error` is GitHub refusing a request for its rate limits. */
export function isRateLimitError(error: RequestErrorLike): boolean {
  return error.status === 429 || /rate limit/i.test(error.message)
}

/**
 * Tells whether a request that failed this way may be sent again: a 5xx
 * response, which is also how Octokit reports a network error or a timeout.
 */
export function isRetriableError(error: unknown): boolean {
  return isRequestError(error) && error.status >= 500
}

/**
 * A GitHub API request that failed after its retries, with the request's
 * endpoint template (`GET /repos/{owner}/{repo}/contents/{path}`) and what
 * it was for, so that the message says which request failed and why.
 */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError'

  constructor(
    /** Method and endpoint template, as GitHub's REST documentation writes them. */
    readonly route: string,
    /** What the request was for, such as "ai-usage.yml at abc1234". */
    readonly subject: string,
    /** HTTP status; 500 also stands for a network error or a timeout. */
    readonly status: number,
    /** GitHub's own message, such as "Bad credentials". */
    readonly detail: string,
    /** Whether GitHub refused the request for its rate limits. */
    readonly rateLimited: boolean
  ) {
    super(
      `${route} for ${subject} failed with ${describeStatus(status, detail)}`
    )
  }
}

/** A ref that the repository does not have: GitHub answers 404 "No commit found for the ref …". */
export class RefNotFoundError extends Error {
  override name = 'RefNotFoundError'

  constructor(readonly ref: string) {
    super(`the repository has no branch, tag or commit named ${ref}`)
  }
}

/**
 * Sends one request and turns an Octokit request error into a
 * GitHubApiError that names the route and the subject.
 */
export async function callGitHub<T>(
  route: string,
  subject: string,
  send: () => Promise<T>
): Promise<T> {
  try {
    return await send()
  } catch (error) {
    throw toGitHubApiError(route, subject, error)
  }
}

/** Returns a GitHubApiError for an Octokit request error, and any other error as it is. */
export function toGitHubApiError(
  route: string,
  subject: string,
  error: unknown
): unknown {
  if (!isRequestError(error)) return error
  return new GitHubApiError(
    route,
    subject,
    error.status,
    readGitHubMessage(error),
    isRateLimitError(error)
  )
}

/**
 * Returns what a user can do about a failed request: check the token,
 * grant a permission, or run the job again.
 */
export function describeRemedy(error: GitHubApiError): string {
  if (error.status === 401) {
    return 'Check the github-token input: the token is invalid, expired or revoked.'
  }
  if (error.rateLimited) {
    return 'GitHub rate-limited the token. Re-run the job once the limit resets.'
  }
  if (error.status === 403 || error.status === 404) {
    return (
      'Check that the token can read the repository and its pull requests: ' +
      'grant the job contents: read and pull-requests: write (or read).'
    )
  }
  if (error.status >= 500) {
    return 'GitHub did not answer after the retries. Re-run the job; if it fails again, check https://www.githubstatus.com.'
  }
  return 'Re-run the job; if it fails again, check the inputs and the token.'
}

/** Formats a failed request with its remedy, for an error annotation. */
export function describeFailure(error: GitHubApiError): string {
  return `${error.message}. ${describeRemedy(error)}`
}

function describeStatus(status: number, detail: string): string {
  const words = detail ? ` (${detail})` : ''
  if (status === 500 && /timed out|fetch failed|ECONN|socket/i.test(detail)) {
    return `no response${words}`
  }
  return `${status}${words}`
}

/**
 * Reads GitHub's message from an Octokit error, whose own message appends
 * the documentation URL as " - https://docs.github.com/...".
 */
function readGitHubMessage(error: RequestErrorLike): string {
  return error.message.replace(/ - https:\/\/docs\.github\.com\S*$/, '')
}
