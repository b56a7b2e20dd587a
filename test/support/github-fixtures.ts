import { createHash } from 'node:crypto'

/**
 * Response objects shaped like GitHub's, with every field that the OpenAPI
 * description marks required, so the stand-in's responses pass its schemas.
 */

type JsonObject = Record<string, unknown>

/** Addresses that fixtures embed: the API root and the web root. */
export interface FixtureUrls {
  api: string
  web: string
}

/** Login and numeric id of the app behind the workflow's `GITHUB_TOKEN`. */
export const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282 }

/** Formats a time the way GitHub does: ISO 8601 in UTC, whole seconds. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Computes the git blob SHA-1 of a text file, as the contents API reports. */
export function computeBlobSha(content: string | Uint8Array): string {
  const bytes =
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex')
}

/** Encodes a legacy GitHub node id: base64 of `04:User1` for user 1. */
function encodeNodeId(type: string, id: number): string {
  const length = String(type.length).padStart(2, '0')
  return Buffer.from(`${length}:${type}${id}`).toString('base64')
}

/** Builds a `simple-user` object; logins ending in `[bot]` are bots. */
export function buildSimpleUser(
  urls: FixtureUrls,
  login: string,
  id: number
): JsonObject {
  const isBot = login.endsWith('[bot]')
  const api = `${urls.api}/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: encodeNodeId(isBot ? 'Bot' : 'User', id),
    avatar_url: `${urls.web}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${isBot ? 'apps/' + login.slice(0, -5) : login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: isBot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false
  }
}

/** Builds the `private-user` body of `GET /user` for a personal token. */
export function buildPrivateUser(
  urls: FixtureUrls,
  login: string,
  id: number
): JsonObject {
  return {
    ...buildSimpleUser(urls, login, id),
    user_view_type: 'private',
    name: login,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true
  }
}

/** Stored state of one issue comment. */
export interface StoredComment {
  id: number
  issueNumber: number
  login: string
  userId: number
  body: string
  createdAt: string
  updatedAt: string
}

/** Builds an `issue-comment` object for a comment on a pull request. */
export function buildIssueComment(
  urls: FixtureUrls,
  fullName: string,
  comment: StoredComment
): JsonObject {
  const issueApi = `${urls.api}/repos/${fullName}/issues/${comment.issueNumber}`
  return {
    id: comment.id,
    node_id: encodeNodeId('IssueComment', comment.id),
    url: `${urls.api}/repos/${fullName}/issues/comments/${comment.id}`,
    html_url:
      `${urls.web}/${fullName}/pull/${comment.issueNumber}` +
      `#issuecomment-${comment.id}`,
    body: comment.body,
    user: buildSimpleUser(urls, comment.login, comment.userId),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: issueApi,
    author_association: comment.login.endsWith('[bot]') ? 'NONE' : 'MEMBER',
    performed_via_github_app: null
  }
}

/** Builds a `content-file` object, base64 with a line break every 60 chars. */
export function buildContentFile(
  urls: FixtureUrls,
  fullName: string,
  ref: string,
  path: string,
  content: string | Uint8Array,
  large: boolean
): JsonObject {
  const bytes =
    typeof content === 'string'
      ? Buffer.from(content, 'utf8')
      : Buffer.from(content)
  const sha = computeBlobSha(bytes)
  const self = `${urls.api}/repos/${fullName}/contents/${path}?ref=${ref}`
  const git = `${urls.api}/repos/${fullName}/git/blobs/${sha}`
  const html = `${urls.web}/${fullName}/blob/${ref}/${path}`
  const base64 = bytes.toString('base64')
  return {
    type: 'file',
    // Files above 1 MB come without content; the raw media type serves them.
    encoding: large ? 'none' : 'base64',
    size: bytes.length,
    name: path.split('/').pop() ?? path,
    path,
    content: large ? '' : (base64.match(/.{1,60}/g) ?? []).join('\n'),
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: `${urls.web}/raw/${fullName}/${ref}/${path}`,
    _links: { self, git, html }
  }
}

/** Builds one `content-directory` entry for a file or a subdirectory. */
export function buildDirectoryEntry(
  urls: FixtureUrls,
  fullName: string,
  ref: string,
  path: string,
  type: 'file' | 'dir',
  content: string | Uint8Array
): JsonObject {
  const sha = computeBlobSha(content)
  const self = `${urls.api}/repos/${fullName}/contents/${path}?ref=${ref}`
  const git = `${urls.api}/repos/${fullName}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`
  const html = `${urls.web}/${fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`
  return {
    type,
    size: type === 'dir' ? 0 : Buffer.byteLength(content, 'utf8'),
    name: path.split('/').pop() ?? path,
    path,
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      type === 'dir' ? null : `${urls.web}/raw/${fullName}/${ref}/${path}`,
    _links: { self, git, html }
  }
}

/** Builds a `commit` object as the compare API embeds it. */
export function buildCommit(
  urls: FixtureUrls,
  fullName: string,
  sha: string,
  author: JsonObject
): JsonObject {
  const api = `${urls.api}/repos/${fullName}`
  const person = {
    name: String(author['login']),
    email: `${String(author['id'])}+${String(author['login'])}@users.noreply.github.com`,
    date: '2026-03-02T10:00:00Z'
  }
  return {
    sha,
    node_id: Buffer.from(`04:Commit${sha}`).toString('base64'),
    url: `${api}/commits/${sha}`,
    html_url: `${urls.web}/${fullName}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: person,
      committer: person,
      message: `Commit ${sha.slice(0, 7)}`,
      comment_count: 0,
      tree: {
        sha: computeBlobSha(`tree ${sha}`),
        url: `${api}/git/trees/${sha}`
      },
      verification: {
        verified: false,
        reason: 'unsigned',
        payload: null,
        signature: null,
        verified_at: null
      }
    },
    author,
    committer: author,
    parents: []
  }
}

/** Builds the `commit-comparison` body of the compare API. */
export function buildComparison(
  urls: FixtureUrls,
  fullName: string,
  compare: { base: string; head: string; mergeBase: string; status: string },
  author: JsonObject
): JsonObject {
  const basehead = `${compare.base}...${compare.head}`
  const headCommit = buildCommit(urls, fullName, compare.head, author)
  const ahead = compare.status === 'ahead' || compare.status === 'diverged'
  const behind = compare.status === 'behind' || compare.status === 'diverged'
  return {
    url: `${urls.api}/repos/${fullName}/compare/${basehead}`,
    html_url: `${urls.web}/${fullName}/compare/${basehead}`,
    permalink_url: `${urls.web}/${fullName}/compare/${basehead}`,
    diff_url: `${urls.web}/${fullName}/compare/${basehead}.diff`,
    patch_url: `${urls.web}/${fullName}/compare/${basehead}.patch`,
    base_commit: buildCommit(urls, fullName, compare.base, author),
    merge_base_commit: buildCommit(urls, fullName, compare.mergeBase, author),
    status: compare.status,
    ahead_by: ahead ? 1 : 0,
    behind_by: behind ? 1 : 0,
    total_commits: ahead ? 1 : 0,
    commits: ahead ? [headCommit] : [],
    files: []
  }
}

/** Builds the `basic-error` body that GitHub sends with 4xx and 5xx. */
export function buildBasicError(
  message: string,
  status: number,
  documentationUrl = 'https://docs.github.com/rest'
): JsonObject {
  return {
    message,
    documentation_url: documentationUrl,
    status: String(status)
  }
}

/** Builds a `label` object as pull requests list them. */
export function buildLabel(
  urls: FixtureUrls,
  fullName: string,
  name: string,
  index: number
): JsonObject {
  return {
    id: 900 + index,
    node_id: `LA_${index}`,
    url: `${urls.api}/repos/${fullName}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null
  }
}

/** One file of a pull request as the pull request files API lists it. */
export interface StoredPullFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed'
  /** The path before a rename. */
  previousFilename?: string
}

/** Builds a `diff-entry` object of `GET /repos/{owner}/{repo}/pulls/{pull_number}/files`. */
export function buildDiffEntry(
  urls: FixtureUrls,
  fullName: string,
  headSha: string,
  file: StoredPullFile
): JsonObject {
  const path = encodeURIComponent(file.filename).replaceAll('%2F', '/')
  return {
    sha: computeBlobSha(file.filename),
    filename: file.filename,
    status: file.status,
    additions: 1,
    deletions: 1,
    changes: 2,
    blob_url: `${urls.web}/${fullName}/blob/${headSha}/${path}`,
    raw_url: `${urls.web}/${fullName}/raw/${headSha}/${path}`,
    contents_url: `${urls.api}/repos/${fullName}/contents/${path}?ref=${headSha}`,
    patch: '@@ -1 +1 @@\n-a\n+b',
    ...(file.previousFilename === undefined
      ? {}
      : { previous_filename: file.previousFilename })
  }
}
