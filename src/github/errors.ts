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
