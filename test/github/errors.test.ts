import { describe, expect, it } from 'vitest'
import {
  callGitHub,
  describeFailure,
  GitHubApiError
} from '../../src/github/errors.js'

const ROUTE = 'GET /repos/{owner}/{repo}/pulls/{pull_number}'

function failure(status: number, detail: string, rateLimited = false) {
  return new GitHubApiError(
    ROUTE,
    'pull request #7',
    status,
    detail,
    rateLimited
  )
}

describe('describeFailure', () => {
  it.each([
    [
      failure(401, 'Bad credentials'),
      'failed with 401 (Bad credentials). Check the github-token input: the token is invalid, expired or revoked.'
    ],
    [
      failure(404, 'Not Found'),
      'failed with 404 (Not Found). Check that the token can read the repository and its pull requests: grant the job contents: read and pull-requests: write (or read).'
    ],
    [
      failure(403, 'API rate limit exceeded', true),
      'failed with 403 (API rate limit exceeded). GitHub rate-limited the token. Re-run the job once the limit resets.'
    ],
    [
      failure(503, 'Service Unavailable'),
      'failed with 503 (Service Unavailable). GitHub did not answer after the retries. Re-run the job; if it fails again, check https://www.githubstatus.com.'
    ],
    [
      failure(500, 'GitHub API request GET x timed out after 30000 ms'),
      'failed with no response (GitHub API request GET x timed out after 30000 ms). GitHub did not answer'
    ]
  ])('names request, cause and remedy', (error, expected) => {
    const text = describeFailure(error)
    expect(text.startsWith(`${ROUTE} for pull request #7 `)).toBe(true)
    expect(text).toContain(expected)
  })
})

describe('callGitHub', () => {
  it('drops the documentation link from the message', async () => {
    const octokitError = Object.assign(
      new Error('Bad credentials - https://docs.github.com/rest'),
      { status: 401 }
    )
    await expect(
      callGitHub(ROUTE, 'pull request #7', () => Promise.reject(octokitError))
    ).rejects.toMatchObject({ status: 401, detail: 'Bad credentials' })
  })

  it('passes other errors through', async () => {
    const plain = new TypeError('not a request')
    await expect(
      callGitHub(ROUTE, 'pull request #7', () => Promise.reject(plain))
    ).rejects.toBe(plain)
  })
})
