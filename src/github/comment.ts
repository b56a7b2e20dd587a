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
  /** Id of the comment that was written, absent when nothing was. */
  id?: number
  /** Web address of the comment, absent when skipped. */
  url?: string
  /**
   * Cause of a skip: a denied write, naming the permission to grant, or no
   * comment to update while `createIfMissing` is `false`.
   */
  reason?: string
}

/**
 * Author assumed when neither `GET /user` nor the GraphQL `viewer` query
 * returns the token's login: the app behind the workflow's `GITHUB_TOKEN`.
 */
export const FALLBACK_COMMENT_AUTHOR = 'github-actions[bot]'

/** Suffix of the REST login of a GitHub App's bot user. */
const BOT_SUFFIX = '[bot]'

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
    const created = await writeComment(request, 'created', async () => {
      const { data } = await client.rest.issues.createComment({
        owner: request.owner,
        repo: request.repo,
        issue_number: request.issueNumber,
        body
      })
      return { id: data.id, url: data.html_url }
    })
    if (request.mode === 'update' && created.id !== undefined) {
      return await settleRace(client, request, created.id, body, created)
    }
    return created
  }

  return await updateComment(client, request, previous, body)
}

/**
 * Edits `previous` unless its body is the same or it reports a newer
 * commit, so that a run for an older push never overwrites a newer one.
 */
async function updateComment(
  client: GitHubClient,
  request: StickyCommentRequest,
  previous: IssueComment,
  body: string
): Promise<StickyCommentResult> {
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
    return { id: data.id, url: data.html_url }
  })
}

/**
 * Removes a duplicate that two runs racing on one pull request create when
 * both find no comment and both post one. Each run lists the comments again
 * after posting, keeps the oldest marked comment, deletes its own when that
 * is a later one, and then updates the oldest. Whichever order the runs
 * take, one comment remains.
 */
async function settleRace(
  client: GitHubClient,
  request: StickyCommentRequest,
  createdId: number,
  body: string,
  created: StickyCommentResult
): Promise<StickyCommentResult> {
  const marked = await listStickyComments(client, request)
  const oldest = marked[0]
  if (oldest === undefined || oldest.id >= createdId) return created

  core.info(
    `Another run posted comment ${oldest.id} first, so comment ${createdId} is deleted`
  )
  try {
    await client.rest.issues.deleteComment({
      owner: request.owner,
      repo: request.repo,
      comment_id: createdId
    })
  } catch (error) {
    // 404: the comment is gone already, which is the aim.
    if (!isRequestError(error) || error.status !== 404) throw error
  }
  return await updateComment(client, request, oldest, body)
}

/**
 * Reads the login that comments written with the token get. `GET /user`
 * returns it for personal tokens. Installation tokens, the workflow's
 * `GITHUB_TOKEN` among them, get 403 "Resource not accessible by
 * integration" there, but the GraphQL `viewer` query returns their app's
 * bot, whose REST login ends in `[bot]`.
 */
export async function readTokenLogin(client: GitHubClient): Promise<string> {
  let login = tokenLogins.get(client)
  if (login === undefined) {
    login = lookUpTokenLogin(client)
    tokenLogins.set(client, login)
  }
  return await login
}

/** Logins already read, so that a run looks each client's login up once. */
const tokenLogins = new WeakMap<GitHubClient, Promise<string>>()

async function lookUpTokenLogin(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    if (!isRequestError(error) || ![401, 403, 404].includes(error.status)) {
      throw error
    }
    core.debug(
      `GET /user returned ${error.status}, as it does for installation tokens, so the GraphQL viewer query names the bot`
    )
  }
  return await readBotLogin(client)
}

async function readBotLogin(client: GitHubClient): Promise<string> {
  try {
    const { viewer } = await client.graphql<{ viewer: { login: string } }>(
      'query { viewer { login } }'
    )
    // NOTE: GitHub's documentation does not say whether the viewer login of
    // a bot carries the `[bot]` suffix of its REST login, so both are read.
    const login = viewer.login
    return login.endsWith(BOT_SUFFIX) ? login : `${login}${BOT_SUFFIX}`
  } catch (error) {
    if (!(error instanceof Error)) throw error
    core.debug(
      `The GraphQL viewer query failed (${error.message}), so comments written by ${FALLBACK_COMMENT_AUTHOR} match`
    )
    return FALLBACK_COMMENT_AUTHOR
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
  for await (const match of iterateStickyComments(client, request)) {
    return match
  }
  return undefined
}

/** Lists every comment of the token's user that carries the marker, oldest first. */
async function listStickyComments(
  client: GitHubClient,
  request: StickyCommentRequest
): Promise<IssueComment[]> {
  const matches: IssueComment[] = []
  for await (const match of iterateStickyComments(client, request)) {
    matches.push(match)
  }
  return matches
}

/** Yields the token user's marked comments, fetching a page only when the caller reads past the previous one. */
async function* iterateStickyComments(
  client: GitHubClient,
  request: StickyCommentRequest
): AsyncGenerator<IssueComment> {
  const author = await readTokenLogin(client)
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: request.owner,
    repo: request.repo,
    issue_number: request.issueNumber,
    per_page: 100
  })

  for await (const page of pages) {
    for (const comment of page.data) {
      const mine = comment.user?.login === author
      if (mine && comment.body?.includes(request.marker) === true) {
        yield comment
      }
    }
  }
}

async function writeComment(
  request: StickyCommentRequest,
  action: 'created' | 'updated',
  write: () => Promise<{ id: number; url: string }>
): Promise<StickyCommentResult> {
  try {
    const { id, url } = await write()
    return { action, id, url }
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
    'from a trusted workflow_run workflow instead, as',
    'docs/fork-pull-requests.md in the ai-budget repository shows.'
  ].join(' ')
}
