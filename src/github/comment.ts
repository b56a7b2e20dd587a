import * as core from '@actions/core'
import { MAX_RETRIES, waitBeforeRetry, type GitHubClient } from './client.js'
import {
  callGitHub,
  GitHubApiError,
  isRetriableError,
  toGitHubApiError
} from './errors.js'
import { composeStickyBody } from './sticky-body.js'

const LIST_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments'
const CREATE_ROUTE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'
const UPDATE_ROUTE = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}'
const DELETE_ROUTE = 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}'
const COMPARE_ROUTE = 'GET /repos/{owner}/{repo}/compare/{basehead}'
const USER_ROUTE = 'GET /user'

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
    const created = await writeComment(request, () =>
      createComment(client, request, body)
    )
    if (created.action === 'skipped') return created
    if (created.existing !== undefined) {
      return await updateComment(client, request, created.existing, body)
    }
    const result: StickyCommentResult = {
      action: 'created',
      id: created.id,
      url: created.url
    }
    if (request.mode === 'update') {
      return await settleRace(client, request, created.id, body, result)
    }
    return result
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

  const updated = await writeComment(request, async () => {
    const { data } = await callGitHub(
      UPDATE_ROUTE,
      describeTarget(request),
      () =>
        client.rest.issues.updateComment({
          owner: request.owner,
          repo: request.repo,
          comment_id: previous.id,
          body
        })
    )
    return { action: 'updated' as const, id: data.id, url: data.html_url }
  })
  return updated
}

/** A written comment, or the marked comment that a failed create found instead. */
interface CreatedComment {
  action: 'created'
  id: number
  url: string
  /** Set when the comment is there already and needs at most an edit. */
  existing?: IssueComment
}

/**
 * Posts the comment, retrying a 5xx or a timeout by hand. Octokit would
 * resend the POST at once, but GitHub may have created the comment before
 * the error. So before each retry the comments are listed again. In update
 * mode any marked comment of the token's user is then the one to edit, and
 * in new mode one with this body counts as posted, so a re-run of the same
 * commit in new mode can find its earlier identical comment and post none.
 */
async function createComment(
  client: GitHubClient,
  request: StickyCommentRequest,
  body: string
): Promise<CreatedComment> {
  for (let retry = 0; ; retry++) {
    try {
      const { data } = await client.rest.issues.createComment({
        owner: request.owner,
        repo: request.repo,
        issue_number: request.issueNumber,
        body,
        request: { retries: 0 }
      })
      return { action: 'created', id: data.id, url: data.html_url }
    } catch (error) {
      if (!isRetriableError(error) || retry >= MAX_RETRIES) {
        throw toGitHubApiError(CREATE_ROUTE, describeTarget(request), error)
      }
    }

    const marked = await listStickyComments(client, request)
    const posted =
      request.mode === 'update'
        ? marked[0]
        : [...marked].reverse().find(comment => isSameBody(comment.body, body))
    if (posted !== undefined) {
      core.info(
        `Creating the comment failed, but comment ${posted.id} is there, so it is not posted again`
      )
      return {
        action: 'created',
        id: posted.id,
        url: posted.html_url,
        existing: posted
      }
    }
    core.info(
      `Creating the comment failed and no comment was posted, so it is sent again (retry ${retry + 1} of ${MAX_RETRIES})`
    )
    await waitBeforeRetry(client, retry + 1)
  }
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
    await callGitHub(DELETE_ROUTE, describeTarget(request), () =>
      client.rest.issues.deleteComment({
        owner: request.owner,
        repo: request.repo,
        comment_id: createdId
      })
    )
  } catch (error) {
    // 404: the comment is gone already, which is the aim.
    if (!(error instanceof GitHubApiError) || error.status !== 404) throw error
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
    const { data } = await callGitHub(USER_ROUTE, 'the token’s login', () =>
      client.rest.users.getAuthenticated()
    )
    return data.login
  } catch (error) {
    // 401 is a bad token, which every later request would fail with too.
    const status = error instanceof GitHubApiError ? error.status : 0
    if (status !== 403 && status !== 404) throw error
    const cause =
      status === 403
        ? ', which installation tokens such as GITHUB_TOKEN get'
        : ''
    core.debug(
      `GET /user returned ${status}${cause}, so the GraphQL viewer query names the bot`
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

  const subject = `the comment's commit ${reportedSha.slice(0, 7)}`
  try {
    const { data } = await callGitHub(COMPARE_ROUTE, subject, () =>
      client.rest.repos.compareCommitsWithBasehead({
        owner: request.owner,
        repo: request.repo,
        basehead: `${request.headSha}...${reportedSha}`,
        per_page: 1
      })
    )
    // "ahead": the reported commit descends from this run's head.
    return data.status === 'ahead' ? reportedSha : undefined
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return
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

  const iterator = pages[Symbol.asyncIterator]()
  for (;;) {
    let next: IteratorResult<{ data: IssueComment[] }>
    try {
      next = await iterator.next()
    } catch (error) {
      throw toGitHubApiError(LIST_ROUTE, describeTarget(request), error)
    }
    if (next.done === true) return
    for (const comment of next.value.data) {
      const mine = comment.user?.login === author
      if (mine && comment.body?.includes(request.marker) === true) {
        yield comment
      }
    }
  }
}

function describeTarget(request: StickyCommentRequest): string {
  return `the comments of ${request.owner}/${request.repo}#${request.issueNumber}`
}

/** The result of a write that the token may not make. */
interface DeniedWrite extends StickyCommentResult {
  action: 'skipped'
  skipCause: 'denied'
}

/** Sends a write, and turns a denied one into a skipped result that names the permission. */
async function writeComment<T>(
  request: StickyCommentRequest,
  write: () => Promise<T>
): Promise<T | DeniedWrite> {
  try {
    return await write()
  } catch (error) {
    const denied =
      error instanceof GitHubApiError &&
      (error.status === 403 || error.status === 404) &&
      !error.rateLimited
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
  error: GitHubApiError
): string {
  const target = `${request.owner}/${request.repo}#${request.issueNumber}`
  return [
    `Could not write the comment on ${target}: ${error.route} returned`,
    `${error.status} (${error.detail}).`,
    'Grant the job the `pull-requests: write` permission.',
    'On a pull request from a fork the token is read-only whatever',
    'permissions the workflow requests, so post the `comment-body` output',
    'from a trusted workflow_run workflow instead, as',
    'docs/fork-pull-requests.md in the ai-budget repository shows.'
  ].join(' ')
}
