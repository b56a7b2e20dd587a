import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  ACTIONS_BOT,
  buildBasicError,
  buildComparison,
  buildContentFile,
  buildDiffEntry,
  buildDirectoryEntry,
  buildIssueComment,
  buildLabel,
  buildPrivateUser,
  buildSimpleUser,
  formatTimestamp,
  type FixtureUrls,
  type StoredComment,
  type StoredPullFile
} from './github-fixtures.js'
import { getResponseValidator } from './openapi.js'
import { buildPullRequestResponse } from './webhook-payload.js'

/**
 * A GitHub REST API stand-in for tests: an HTTP server on 127.0.0.1 with
 * in-memory repositories, the endpoints that ai-budget calls, GitHub-style
 * pagination, a request log and injectable faults. Every JSON body it sends
 * is checked against GitHub's OpenAPI description, and `close()` rejects
 * when one did not match.
 */

type JsonObject = Record<string, unknown>

/** Settings of {@link GitHubStandIn.start}. */
export interface StandInOptions {
  /** Token that requests must carry; others get 401 "Bad credentials". */
  token?: string
  /**
   * Login behind the token. `null` is an installation token: `GET /user`
   * returns 403, the GraphQL viewer query returns `appSlug`, and comments are
   * written by `<appSlug>[bot]`.
   */
  login?: string | null
  /** Slug of the app behind an installation token; `github-actions` by default, as for `GITHUB_TOKEN`. */
  appSlug?: string
  /** Path before `/repos/...`, e.g. `/api/v3` as on GitHub Enterprise Server. */
  pathPrefix?: string
}

/** An injected failure for the next request to one route. */
export type Fault =
  | {
      status: number
      /** JSON body; defaults to a GitHub `basic-error` object. */
      body?: unknown
      headers?: Record<string, string>
      /**
       * Carries the request out before the error is sent, as when a proxy
       * times out after GitHub created the comment.
       */
      applied?: boolean
    }
  /** Accepts the request and sends no response until the server closes. */
  | { stall: true }
  /** Serves the request normally, so that the faults after it hit later requests. */
  | { pass: true }
  /**
   * Holds the request until this many requests of the route are held, then
   * serves them all normally in the order they arrived, so that two clients
   * are sure to overlap.
   */
  | { barrier: number }

/** One request as the stand-in received it, with its response. */
export interface LoggedRequest {
  method: string
  /** Path without the prefix and the query, still percent-encoded. */
  path: string
  query: Record<string, string>
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown
  /** Lowercase names; `authorization` is replaced by `[redacted]`. */
  headers: Record<string, string>
  /** Route template from the OpenAPI description, e.g. `GET /user`. */
  route: string | undefined
  status: number | undefined
  responseBody: unknown
}

/** Commits and branch names of a pull request in the stand-in. */
export interface PullRequestState {
  number: number
  headSha: string
  baseSha: string
  headRef: string
  baseRef: string
  /** Names of the pull request's current labels; none by default. */
  labels?: string[]
}

/** Value of `status` in a commit comparison, seen from the base. */
export type ComparisonStatus = 'ahead' | 'behind' | 'diverged' | 'identical'

interface StoredComparison {
  mergeBase: string
  status: ComparisonStatus
}

interface StoredFile {
  /** Text, or bytes for a file that is not UTF-8. */
  content: string | Uint8Array
  /** Served like a file above 1 MB: empty `content`, raw type only. */
  large: boolean
}

interface RepoState {
  owner: string
  repo: string
  /**
   * Branch names and commit SHAs that exist: the default branch, every ref
   * with files, and the commits of pull requests and comparisons.
   */
  refs: Set<string>
  /** Files by ref (branch name or commit SHA), then by path. */
  files: Map<string, Map<string, StoredFile>>
  /** Comparisons by `base...head`. */
  comparisons: Map<string, StoredComparison>
  pulls: Map<number, PullRequestState>
  /** Files of each pull request, for the pull request files API. */
  pullFiles: Map<number, StoredPullFile[]>
  comments: StoredComment[]
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Sent as-is with this content type, skipping schema validation. */
  text?: { contentType: string; content: string | Uint8Array }
}

interface Route {
  method: string
  template: string
  pattern: RegExp
  handle: (call: RouteCall) => Reply
}

interface RouteCall {
  params: Record<string, string>
  query: Record<string, string>
  body: unknown
  headers: IncomingMessage['headers']
}

/** Default branch, used when a contents request names no ref. */
const DEFAULT_BRANCH = 'main'
/** First comment id, large like GitHub's so ids never look like counts. */
const FIRST_COMMENT_ID = 2_100_000_001
const PERSONAL_USER_ID = 583231

function toPattern(template: string): RegExp {
  const source = template.replace(/\{(\w+)\}/g, (_match, name: string) =>
    // A file path or a `base...head` pair may contain slashes.
    name === 'path' || name === 'basehead'
      ? `(?<${name}>.+)`
      : `(?<${name}>[^/]+)`
  )
  return new RegExp(`^${source}$`)
}

/** The stand-in server; create it with {@link GitHubStandIn.start}. */
export class GitHubStandIn {
  /** Every request received, oldest first. */
  readonly requests: LoggedRequest[] = []
  /** Schema mismatches of sent bodies; `close()` rejects when not empty. */
  readonly schemaErrors: string[] = []

  private readonly repos = new Map<string, RepoState>()
  private readonly faults = new Map<string, Fault[]>()
  private readonly stalled = new Set<ServerResponse>()
  private readonly barriers = new Map<string, (() => void)[]>()
  private readonly sockets = new Set<Socket>()
  private readonly validator = getResponseValidator()
  private readonly routes: Route[]
  private nextCommentId = FIRST_COMMENT_ID
  private login: string | null
  private origin = ''

  private constructor(
    private readonly server: Server,
    private readonly options: StandInOptions
  ) {
    this.login = options.login === undefined ? 'octo-bot' : options.login
    this.routes = this.defineRoutes()
  }

  /** Starts a stand-in on 127.0.0.1 at a free port. */
  static async start(options: StandInOptions = {}): Promise<GitHubStandIn> {
    const server = createServer()
    const standIn = new GitHubStandIn(server, options)
    server.on('request', (request, response) => {
      standIn.handleRequest(request, response).catch((error: unknown) => {
        standIn.schemaErrors.push(`stand-in failed: ${String(error)}`)
        response.destroy()
      })
    })
    server.on('connection', socket => {
      standIn.sockets.add(socket)
      socket.on('close', () => standIn.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = server.address() as AddressInfo
    standIn.origin = `http://127.0.0.1:${port}`
    return standIn
  }

  /** REST API root to pass as `baseUrl` or `GITHUB_API_URL`. */
  get url(): string {
    return `${this.origin}${this.options.pathPrefix ?? ''}`
  }

  private get urls(): FixtureUrls {
    return { api: this.url, web: this.origin }
  }

  /** Login that comments written with the token get. */
  get writerLogin(): string {
    return this.login ?? `${this.appSlug}[bot]`
  }

  private get appSlug(): string {
    return this.options.appSlug ?? 'github-actions'
  }

  /** Sets the token's user; `null` switches to installation token mode. */
  setLogin(login: string | null): void {
    this.login = login
  }

  /** Stores a file at a ref, as text or bytes; `large` mimics files above 1 MB. */
  setFile(
    fullName: string,
    ref: string,
    path: string,
    content: string | Uint8Array,
    options: { large?: boolean } = {}
  ): void {
    const repo = this.getRepo(fullName)
    repo.refs.add(ref)
    const files = repo.files
    const byPath = files.get(ref) ?? new Map<string, StoredFile>()
    byPath.set(path, { content, large: options.large ?? false })
    files.set(ref, byPath)
  }

  /**
   * Stores the merge base that `GET compare/{base}...{head}` returns, with
   * `status` "ahead" (head descends from base) unless given.
   */
  setMergeBase(
    fullName: string,
    base: string,
    head: string,
    mergeBase: string,
    status: ComparisonStatus = 'ahead'
  ): void {
    const repo = this.getRepo(fullName)
    for (const ref of [base, head, mergeBase]) repo.refs.add(ref)
    repo.comparisons.set(`${base}...${head}`, { mergeBase, status })
  }

  /** Makes a branch, tag or commit exist without files, so that a file read there is a plain 404. */
  addRef(fullName: string, ref: string): void {
    this.getRepo(fullName).refs.add(ref)
  }

  /** Stores a pull request, which also makes its issue number commentable. */
  addPullRequest(fullName: string, pull: PullRequestState): void {
    const repo = this.getRepo(fullName)
    for (const ref of [
      pull.headSha,
      pull.baseSha,
      pull.headRef,
      pull.baseRef
    ]) {
      repo.refs.add(ref)
    }
    repo.pulls.set(pull.number, { ...pull })
  }

  /** Replaces a pull request's labels, as adding or removing one on GitHub does. */
  setLabels(fullName: string, pullNumber: number, labels: string[]): void {
    const pull = this.getRepo(fullName).pulls.get(pullNumber)
    if (pull === undefined) throw new Error(`no pull request ${pullNumber}`)
    pull.labels = [...labels]
  }

  /** Stores the files that the pull request files API lists for a pull request. */
  setPullFiles(
    fullName: string,
    pullNumber: number,
    files: StoredPullFile[]
  ): void {
    this.getRepo(fullName).pullFiles.set(pullNumber, [...files])
  }

  /** Adds a comment written by `login`, as another user or bot would. */
  addComment(
    fullName: string,
    issueNumber: number,
    login: string,
    body: string
  ): StoredComment {
    const now = formatTimestamp(new Date())
    const comment: StoredComment = {
      id: this.nextCommentId++,
      issueNumber,
      login,
      userId: this.findUserId(login),
      body,
      createdAt: now,
      updatedAt: now
    }
    this.getRepo(fullName).comments.push(comment)
    return comment
  }

  /** Lists the comments of one issue, oldest first. */
  listComments(fullName: string, issueNumber: number): StoredComment[] {
    return this.getRepo(fullName).comments.filter(
      comment => comment.issueNumber === issueNumber
    )
  }

  /**
   * Queues faults for a route, used one per request before the route
   * works again. `route` is `METHOD template`, e.g.
   * `POST /repos/{owner}/{repo}/issues/{issue_number}/comments`.
   */
  addFaults(route: string, ...faults: Fault[]): void {
    if (
      !this.routes.some(item => `${item.method} ${item.template}` === route)
    ) {
      throw new Error(`unknown route ${route}`)
    }
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults])
  }

  /** Lists the logged requests as `METHOD path`, for compact assertions. */
  listCalls(): string[] {
    return this.requests.map(request => `${request.method} ${request.path}`)
  }

  /** Stops the server, ends stalled responses and reports schema errors. */
  async close(): Promise<void> {
    for (const response of this.stalled) response.destroy()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
    if (this.schemaErrors.length > 0) {
      throw new Error(
        `the stand-in sent bodies that do not match GitHub's OpenAPI ` +
          `description:\n${this.schemaErrors.join('\n')}`
      )
    }
  }

  private getRepo(fullName: string): RepoState {
    let state = this.repos.get(fullName)
    if (state === undefined) {
      const [owner = '', repo = ''] = fullName.split('/')
      state = {
        owner,
        repo,
        refs: new Set([DEFAULT_BRANCH]),
        files: new Map(),
        comparisons: new Map(),
        pulls: new Map(),
        pullFiles: new Map(),
        comments: []
      }
      this.repos.set(fullName, state)
    }
    return state
  }

  private findUserId(login: string): number {
    if (login === this.login && login !== null) return PERSONAL_USER_ID
    if (login === ACTIONS_BOT.login) return ACTIONS_BOT.id
    return hashLogin(login)
  }

  private findRepo(params: Record<string, string>): RepoState | undefined {
    return this.repos.get(`${params['owner'] ?? ''}/${params['repo'] ?? ''}`)
  }

  private async handleRequest(
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin)
    const prefix = this.options.pathPrefix ?? ''
    // Octokit sends GraphQL to `/graphql`, or `/api/graphql` on GHES, whose
    // REST root is `/api/v3`.
    const graphqlPath = `${prefix.replace(/\/v3$/, '')}/graphql`
    let path = url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length)
      : url.pathname
    // GHES serves no GraphQL under the REST root, so that path stays
    // unmatched and gets a 404.
    if (path === '/graphql') path = url.pathname
    if (url.pathname === graphqlPath) path = '/graphql'
    const entry: LoggedRequest = {
      method: request.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(await readBody(request)),
      headers: redactHeaders(request.headers),
      route: undefined,
      status: undefined,
      responseBody: undefined
    }
    this.requests.push(entry)

    const match = this.matchRoute(entry.method, path)
    if (match === undefined) {
      this.send(response, entry, undefined, {
        status: 404,
        body: buildBasicError('Not Found', 404)
      })
      return
    }
    entry.route = `${match.route.method} ${match.route.template}`

    const queued = this.faults.get(entry.route)?.shift()
    const fault = queued !== undefined && 'pass' in queued ? undefined : queued
    if (fault !== undefined && 'barrier' in fault) {
      await this.waitAtBarrier(entry.route, fault.barrier)
    } else if (fault !== undefined) {
      if (!('stall' in fault) && fault.applied === true) {
        match.route.handle({
          params: match.params,
          query: entry.query,
          body: entry.body,
          headers: request.headers
        })
      }
      this.sendFault(response, entry, match.route, fault)
      return
    }
    if (!this.isAuthorized(request.headers.authorization)) {
      this.send(response, entry, match.route, {
        status: 401,
        body: buildBasicError('Bad credentials', 401)
      })
      return
    }

    const reply = match.route.handle({
      params: match.params,
      query: entry.query,
      body: entry.body,
      headers: request.headers
    })
    this.send(response, entry, match.route, reply)
  }

  private matchRoute(
    method: string,
    path: string
  ): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue
      const match = route.pattern.exec(path)
      if (match === null) continue
      const params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([key, value]) => [
          key,
          decodeURIComponent(value)
        ])
      )
      return { route, params }
    }
    return undefined
  }

  private waitAtBarrier(route: string, count: number): Promise<void> {
    return new Promise(resolve => {
      const waiting = this.barriers.get(route) ?? []
      waiting.push(resolve)
      this.barriers.set(route, waiting)
      if (waiting.length < count) return
      this.barriers.delete(route)
      for (const release of waiting) release()
    })
  }

  private isAuthorized(header: string | undefined): boolean {
    const token = this.options.token
    if (token === undefined) return true
    return header === `token ${token}` || header === `Bearer ${token}`
  }

  private sendFault(
    response: ServerResponse,
    entry: LoggedRequest,
    route: Route,
    fault: Exclude<Fault, { barrier: number } | { pass: true }>
  ): void {
    if ('stall' in fault) {
      this.stalled.add(response)
      response.on('close', () => this.stalled.delete(response))
      return
    }
    this.send(
      response,
      entry,
      route,
      {
        status: fault.status,
        body:
          fault.body ??
          buildBasicError(describeStatus(fault.status), fault.status),
        headers: fault.headers ?? {}
      },
      true
    )
  }

  private send(
    response: ServerResponse,
    entry: LoggedRequest,
    route: Route | undefined,
    reply: Reply,
    allowUndocumented = reply.status >= 400
  ): void {
    entry.status = reply.status
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-resource': 'core',
      ...reply.headers
    }

    if (reply.text !== undefined) {
      entry.responseBody = reply.text.content
      response.writeHead(reply.status, {
        ...headers,
        'content-type': reply.text.contentType
      })
      response.end(reply.text.content)
      return
    }

    entry.responseBody = reply.body
    if (route !== undefined && reply.body !== undefined) {
      this.schemaErrors.push(
        ...this.validator.validate(
          route.method,
          route.template,
          reply.status,
          reply.body,
          allowUndocumented
        )
      )
    }
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body)
    response.writeHead(reply.status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text))
    })
    response.end(text)
  }

  private defineRoutes(): Route[] {
    const routes: [string, string, (call: RouteCall) => Reply][] = [
      ['GET', '/user', () => this.getUser()],
      ['POST', '/graphql', call => this.answerGraphql(call)],
      [
        'GET',
        '/repos/{owner}/{repo}/contents/{path}',
        call => this.getContent(call)
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/compare/{basehead}',
        call => this.compare(call)
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}',
        call => this.getPullRequest(call)
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}/files',
        call => this.listPullFiles(call)
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        call => this.listIssueComments(call)
      ],
      [
        'POST',
        '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        call => this.createComment(call)
      ],
      [
        'PATCH',
        '/repos/{owner}/{repo}/issues/comments/{comment_id}',
        call => this.updateComment(call)
      ],
      [
        'DELETE',
        '/repos/{owner}/{repo}/issues/comments/{comment_id}',
        call => this.deleteComment(call)
      ]
    ]
    return routes.map(([method, template, handle]) => ({
      method,
      template,
      pattern: toPattern(template),
      handle
    }))
  }

  private getUser(): Reply {
    if (this.login === null) {
      return {
        status: 403,
        body: buildBasicError(
          'Resource not accessible by integration',
          403,
          'https://docs.github.com/rest/users/users#get-the-authenticated-user'
        )
      }
    }
    return {
      status: 200,
      body: buildPrivateUser(this.urls, this.login, PERSONAL_USER_ID)
    }
  }

  /** Answers the one GraphQL query that ai-budget sends, `viewer { login }`. */
  private answerGraphql(call: RouteCall): Reply {
    const query = isObject(call.body) ? call.body['query'] : undefined
    const content =
      typeof query === 'string' && /\bviewer\s*\{\s*login\s*\}/.test(query)
        ? { data: { viewer: { login: this.login ?? this.appSlug } } }
        : {
            errors: [
              { message: `the stand-in has no answer to ${String(query)}` }
            ]
          }
    // GraphQL has no OpenAPI description, so the body is sent unchecked.
    return {
      status: 200,
      text: {
        contentType: 'application/json; charset=utf-8',
        content: JSON.stringify(content)
      }
    }
  }

  private listPullFiles(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const number = Number(call.params['pull_number'])
    const pull = repo?.pulls.get(number)
    if (repo === undefined || pull === undefined) {
      return notFound('pulls/pulls#list-pull-requests-files')
    }
    const fullName = `${repo.owner}/${repo.repo}`
    const { items, headers } = selectPage(
      repo.pullFiles.get(number) ?? [],
      call.query,
      `${this.url}/repos/${fullName}/pulls/${number}/files`
    )
    return {
      status: 200,
      body: items.map(file =>
        buildDiffEntry(this.urls, fullName, pull.headSha, file)
      ),
      headers
    }
  }

  private getContent(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const ref = call.query['ref'] ?? DEFAULT_BRANCH
    const path = (call.params['path'] ?? '').replace(/\/+$/, '')
    if (repo === undefined) {
      return notFound('repos/contents#get-repository-content')
    }
    // GitHub tells a ref that does not exist from a missing file by this
    // message.
    if (!repo.refs.has(ref)) {
      return {
        status: 404,
        body: buildBasicError(
          `No commit found for the ref ${ref}`,
          404,
          'https://docs.github.com/rest/repos/contents#get-repository-content'
        )
      }
    }
    const files = repo.files.get(ref) ?? new Map<string, StoredFile>()
    const fullName = `${repo.owner}/${repo.repo}`

    const file = files.get(path)
    if (file !== undefined) {
      const accept = String(call.headers.accept ?? '')
      if (accept.includes('.raw')) {
        return {
          status: 200,
          text: {
            contentType: 'text/plain; charset=utf-8',
            content: file.content
          }
        }
      }
      return {
        status: 200,
        body: buildContentFile(
          this.urls,
          fullName,
          ref,
          path,
          file.content,
          file.large
        )
      }
    }

    const entries = listDirectory(files, path)
    if (entries.length === 0)
      return notFound('repos/contents#get-repository-content')
    return {
      status: 200,
      body: entries.map(([entryPath, type, content]) =>
        buildDirectoryEntry(this.urls, fullName, ref, entryPath, type, content)
      )
    }
  }

  private compare(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const basehead = call.params['basehead'] ?? ''
    const comparison = repo?.comparisons.get(basehead)
    const [base = '', head = ''] = basehead.split('...')
    if (repo === undefined || comparison === undefined) {
      return notFound('commits/commits#compare-two-commits')
    }
    const author = buildSimpleUser(this.urls, repo.owner, hashLogin(repo.owner))
    return {
      status: 200,
      body: buildComparison(
        this.urls,
        `${repo.owner}/${repo.repo}`,
        { base, head, ...comparison },
        author
      )
    }
  }

  private getPullRequest(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const pull = repo?.pulls.get(Number(call.params['pull_number']))
    if (repo === undefined || pull === undefined) {
      return notFound('pulls/pulls#get-a-pull-request')
    }
    const fullName = `${repo.owner}/${repo.repo}`
    const body = buildPullRequestResponse({
      owner: repo.owner,
      repo: repo.repo,
      apiUrl: this.url,
      ...pull
    })
    body['labels'] = (pull.labels ?? []).map((name, index) =>
      buildLabel(this.urls, fullName, name, index)
    )
    return { status: 200, body }
  }

  private listIssueComments(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const issueNumber = Number(call.params['issue_number'])
    if (repo === undefined || !this.hasIssue(repo, issueNumber)) {
      return notFound('issues/comments#list-issue-comments')
    }
    const fullName = `${repo.owner}/${repo.repo}`
    const { items, headers } = selectPage(
      repo.comments.filter(item => item.issueNumber === issueNumber),
      call.query,
      `${this.url}/repos/${fullName}/issues/${issueNumber}/comments`
    )
    return {
      status: 200,
      body: items.map(item => buildIssueComment(this.urls, fullName, item)),
      headers
    }
  }

  private createComment(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const issueNumber = Number(call.params['issue_number'])
    if (repo === undefined || !this.hasIssue(repo, issueNumber)) {
      return notFound('issues/comments#create-an-issue-comment')
    }
    const body = readCommentBody(call.body)
    if (body === undefined)
      return invalidBody('issues/comments#create-an-issue-comment')
    if (body.length > MAX_COMMENT_BODY_CHARS)
      return bodyTooLong('issues/comments#create-an-issue-comment')

    const fullName = `${repo.owner}/${repo.repo}`
    const comment = this.addComment(
      fullName,
      issueNumber,
      this.writerLogin,
      body
    )
    const resource = buildIssueComment(this.urls, fullName, comment)
    return {
      status: 201,
      body: resource,
      headers: { location: String(resource['url']) }
    }
  }

  private updateComment(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const id = Number(call.params['comment_id'])
    const comment = repo?.comments.find(item => item.id === id)
    if (repo === undefined || comment === undefined) {
      return notFound('issues/comments#update-an-issue-comment')
    }
    const body = readCommentBody(call.body)
    if (body === undefined)
      return invalidBody('issues/comments#update-an-issue-comment')
    if (body.length > MAX_COMMENT_BODY_CHARS)
      return bodyTooLong('issues/comments#update-an-issue-comment')

    comment.body = body
    comment.updatedAt = formatTimestamp(new Date())
    return {
      status: 200,
      body: buildIssueComment(this.urls, `${repo.owner}/${repo.repo}`, comment)
    }
  }

  private deleteComment(call: RouteCall): Reply {
    const repo = this.findRepo(call.params)
    const id = Number(call.params['comment_id'])
    const index = repo?.comments.findIndex(item => item.id === id) ?? -1
    if (repo === undefined || index < 0) {
      return notFound('issues/comments#delete-an-issue-comment')
    }
    repo.comments.splice(index, 1)
    return { status: 204 }
  }

  private hasIssue(repo: RepoState, issueNumber: number): boolean {
    return (
      repo.pulls.has(issueNumber) ||
      repo.comments.some(item => item.issueNumber === issueNumber)
    )
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function redactHeaders(
  headers: IncomingMessage['headers']
): Record<string, string> {
  const redacted: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    redacted[name] = name === 'authorization' ? '[redacted]' : String(value)
  }
  return redacted
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readCommentBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const text = (body as JsonObject)['body']
  return typeof text === 'string' ? text : undefined
}

function notFound(documentationPath: string): Reply {
  return {
    status: 404,
    body: buildBasicError(
      'Not Found',
      404,
      `https://docs.github.com/rest/${documentationPath}`
    )
  }
}

function invalidBody(documentationPath: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Invalid request.\n\n"body" wasn\'t supplied.',
      documentation_url: `https://docs.github.com/rest/${documentationPath}`,
      status: '422'
    }
  }
}

/**
 * GitHub rejects a longer comment body with 422. The unit it counts is not
 * documented, so the stand-in counts UTF-16 code units, which are never
 * fewer than code points and so reject at least what GitHub rejects.
 */
const MAX_COMMENT_BODY_CHARS = 65_536

/** GitHub's `validation-error` reply to a comment body over the limit. */
function bodyTooLong(documentationPath: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: `Body is too long (maximum is ${MAX_COMMENT_BODY_CHARS} characters)`
        }
      ],
      documentation_url: `https://docs.github.com/rest/${documentationPath}`,
      status: '422'
    }
  }
}

function describeStatus(status: number): string {
  if (status === 429) {
    return 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
  }
  if (status >= 500) return 'Server Error'
  if (status === 403) return 'Resource not accessible by integration'
  if (status === 404) return 'Not Found'
  return 'Error'
}

/** Lists the files and subdirectories directly under `dir`. */
function listDirectory(
  files: Map<string, { content: string | Uint8Array }>,
  dir: string
): [string, 'file' | 'dir', string | Uint8Array][] {
  const prefix = dir === '' ? '' : `${dir}/`
  const entries = new Map<
    string,
    [string, 'file' | 'dir', string | Uint8Array]
  >()
  for (const [path, file] of files) {
    if (!path.startsWith(prefix)) continue
    const [name = '', ...rest] = path.slice(prefix.length).split('/')
    const entryPath = `${prefix}${name}`
    entries.set(
      entryPath,
      rest.length === 0
        ? [entryPath, 'file', file.content]
        : [entryPath, 'dir', entryPath]
    )
  }
  return [...entries.values()]
}

/**
 * Selects the page that `per_page` (30 by default, at most 100) and `page`
 * ask for, with its `Link` header.
 */
function selectPage<T>(
  all: T[],
  query: Record<string, string>,
  url: string
): { items: T[]; headers: Record<string, string> } {
  const perPage = clamp(Number(query['per_page'] ?? 30), 1, 100)
  const page = Math.max(1, Number(query['page'] ?? 1))
  const items = all.slice((page - 1) * perPage, page * perPage)
  const link = buildLinkHeader(url, page, perPage, all.length)
  return { items, headers: link === '' ? {} : { link } }
}

/** Builds a `Link` header with first, prev, next and last like GitHub's. */
function buildLinkHeader(
  url: string,
  page: number,
  perPage: number,
  total: number
): string {
  const lastPage = Math.max(1, Math.ceil(total / perPage))
  const at = (target: number): string =>
    `<${url}?per_page=${perPage}&page=${target}>`
  const links: string[] = []
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`)
  if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`)
  if (page < lastPage) links.push(`${at(lastPage)}; rel="last"`)
  if (page > 1) links.push(`${at(1)}; rel="first"`)
  return links.join(', ')
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min
  return Math.min(max, Math.max(min, Math.trunc(value)))
}

/** Derives a stable user id from a login, so one login keeps one id. */
function hashLogin(login: string): number {
  let hash = 7
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 90_000_000
  return 10_000_000 + hash
}
