import * as core from '@actions/core'
import type { GitHubClient } from './client.js'
import { isRateLimitError, isRequestError } from './errors.js'
import { composeStickyBody } from './sticky-body.js'

/** Target issue, body and edit mode of a sticky comment. */
export interface StickyCommentRequest {
  owner: string
  repo: string
  /** Number of the pull request or issue. */
  issueNumber: number
  /** Hidden HTML comment that identifies the sticky comment, e.g. `<!-- x -->`. */
  marker: string
  /** Markdown body; the marker is appended when it does not end the body. */
  body: string
  /** `update` edits the previous comment in place; `new` always posts one. */
  mode: 'update' | 'new'
  /**
   * Whether to post a comment when there is none to edit; `false` only keeps
   * an existing comment up to date. Defaults to `true`.
   */
  createIfMissing?: boolean
  /**
   * Commit the body reports. It is recorded in the comment, and a comment that
   * already reports a newer commit of the same branch is left as it is.
   */
  headSha?: string
}

/** Outcome of {@link upsertStickyComment}. */
export interface StickyCommentResult {
  action: 'created' | 'updated' | 'unchanged' | 'skipped'
  /**
   * Why nothing was written: the token may not write, there was no comment
   * to update while `createIfMissing` is `false`, or the comment already
   * reports a newer commit.
   */
  skipCause?: 'denied' | 'not-requested' | 'newer-head'
  /** Web address of the comment, absent when skipped. */
  url?: string
  /**
   * Cause of a skip: a denied write, naming the permission to grant, or no
   * comment to update while `createIfMissing` is `false`.
   */
  reason?: string
}

/**
 * Author of comments written with the workflow's `GITHUB_TOKEN`. Other
 * actions identify their own comments in different ways:
 * marocchino/sticky-pull-request-comment reads the login from the GraphQL
 * `viewer` query, and actions/dependency-review-action matches the marker
 * alone, so it would edit a comment that anybody copied the marker into. This
 * module calls REST `GET /user`, which installation tokens may not call
 * (GitHub returns 403 "Resource not accessible by integration"), and then
 * falls back to this login.
 *
 * NOTE: a GitHub App installation token writes as `<app-slug>[bot]`, which
 * this fallback does not match, so with such a token every run creates a new
 * comment.
 */
export const FALLBACK_COMMENT_AUTHOR = 'github-actions[bot]'

/** Hidden tag that records the reported commit, placed before the marker. */
const HEAD_TAG = /<!-- sticky-comment head-sha=([0-9a-f]{7,64}) -->/

interface IssueComment {
  id: number
  html_url: string
  body?: string
  user: { login: string } | null
}

/**
 * Creates the sticky comment, or edits the token user's previous comment
 * that carries the marker, returning `skipped` when the token may not write.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  request: StickyCommentRequest
): Promise<StickyCommentResult> {
  const body = composeStickyBody(request.body, request.marker, request.headSha)

  const previous =
    request.mode === 'update'
      ? await findStickyComment(client, request)
      : undefined

  if (previous === undefined) {
    if (request.createIfMissing === false) {
      return {
        action: 'skipped',
        skipCause: 'not-requested',
        reason:
          'there is no previous comment to update and creating one was not requested'
      }
    }
    return await writeComment(request, 'created', async () => {
      const { data } = await client.rest.issues.createComment({
        owner: request.owner,
        repo: request.repo,
        issue_number: request.issueNumber,
        body
      })
      return data.html_url
    })
  }

  if (isSameBody(previous.body, body)) {
    return { action: 'unchanged', url: previous.html_url }
  }

  const newerSha = await findNewerReportedHead(client, request, previous)
  if (newerSha !== undefined) {
    return {
      action: 'skipped',
      skipCause: 'newer-head',
      url: previous.html_url,
      reason:
        `the comment already reports ${newerSha}, a later commit than ` +
        `${request.headSha ?? ''}, so this older run leaves it as it is`
    }
  }

  return await writeComment(request, 'updated', async () => {
    const { data } = await client.rest.issues.updateComment({
      owner: request.owner,
      repo: request.repo,
      comment_id: previous.id,
      body
    })
    return data.html_url
  })
}

/** Reads the login of the token's user, or the fallback for app tokens. */
export async function readTokenLogin(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    if (isRequestError(error) && [401, 403, 404].includes(error.status)) {
      core.debug(
        `GET /user returned ${error.status}, as it does for installation ` +
          `tokens, so comments written by ${FALLBACK_COMMENT_AUTHOR} match`
      )
      return FALLBACK_COMMENT_AUTHOR
    }
    throw error
  }
}

/**
 * Compares bodies the way GitHub may store them: line endings and trailing
 * white space can change on the way, so they do not count as an edit.
 */
function isSameBody(stored: string | undefined, body: string): boolean {
  const normalize = (text: string): string =>
    text.replace(/\r\n/g, '\n').trimEnd()
  return stored !== undefined && normalize(stored) === normalize(body)
}

/**
 * Returns the commit that `previous` reports when it is a descendant of
 * `request.headSha`, that is when a run for a later push already wrote it.
 * A force-pushed or unknown commit does not count as later.
 */
async function findNewerReportedHead(
  client: GitHubClient,
  request: StickyCommentRequest,
  previous: IssueComment
): Promise<string | undefined> {
  const reportedSha = HEAD_TAG.exec(previous.body ?? '')?.[1]
  if (request.headSha === undefined || reportedSha === undefined) return
  if (reportedSha === request.headSha) return

  try {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({
      owner: request.owner,
      repo: request.repo,
      basehead: `${request.headSha}...${reportedSha}`,
      per_page: 1
    })
    // "ahead": the reported commit descends from this run's head.
    return data.status === 'ahead' ? reportedSha : undefined
  } catch (error) {
    if (isRequestError(error) && error.status === 404) return
    throw error
  }
}

/** Searches every page of comments, oldest first, for the first match. */
async function findStickyComment(
  client: GitHubClient,
  request: StickyCommentRequest
): Promise<IssueComment | undefined> {
  const author = await readTokenLogin(client)
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: request.owner,
    repo: request.repo,
    issue_number: request.issueNumber,
    per_page: 100
  })

  for await (const page of pages) {
    const match = page.data.find(
      comment =>
        comment.user?.login === author &&
        comment.body?.includes(request.marker) === true
    )
    if (match !== undefined) return match
  }
  return undefined
}

async function writeComment(
  request: StickyCommentRequest,
  action: 'created' | 'updated',
  write: () => Promise<string>
): Promise<StickyCommentResult> {
  try {
    return { action, url: await write() }
  } catch (error) {
    const denied =
      isRequestError(error) &&
      (error.status === 403 || error.status === 404) &&
      !isRateLimitError(error)
    if (!denied) throw error
    return {
      action: 'skipped',
      skipCause: 'denied',
      reason: describeWriteDenied(request, error)
    }
  }
}

function describeWriteDenied(
  request: StickyCommentRequest,
  error: Error & { status: number }
): string {
  const target = `${request.owner}/${request.repo}#${request.issueNumber}`
  return [
    `Could not write the comment on ${target}: GitHub returned`,
    `${error.status} (${error.message}).`,
    'Grant the job the `pull-requests: write` permission.',
    'On a pull request from a fork the token is read-only whatever',
    'permissions the workflow requests, so post the `comment-body` output',
    'from a trusted follow-up workflow instead.'
  ].join(' ')
}
