import type { GitHubClient } from './client.js'
import {
  callGitHub,
  isRequestError,
  RefNotFoundError,
  toGitHubApiError
} from './errors.js'

const CONTENTS_ROUTE = 'GET /repos/{owner}/{repo}/contents/{path}'
const COMPARE_ROUTE = 'GET /repos/{owner}/{repo}/compare/{basehead}'
const PULL_FILES_ROUTE = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files'
const PULL_ROUTE = 'GET /repos/{owner}/{repo}/pulls/{pull_number}'

/** GitHub's 404 message for a ref that names no branch, tag or commit. */
const NO_COMMIT_MESSAGE = /^No commit found for the ref/i

/** Location of one file at one commit, branch or tag. */
export interface RepoFileRef {
  owner: string
  repo: string
  path: string
  ref: string
}

/** The two commits of a comparison, as SHAs or ref names. */
export interface CompareRef {
  owner: string
  repo: string
  base: string
  head: string
}

/**
 * Reads a UTF-8 text file through the contents API, returning `undefined`
 * when GitHub returns 404 for the file. A ref that does not exist throws
 * RefNotFoundError, which GitHub tells apart with the message "No commit
 * found for the ref". Other failures throw GitHubApiError.
 */
export async function readRepoFile(
  client: GitHubClient,
  file: RepoFileRef
): Promise<string | undefined> {
  let data: unknown
  try {
    const response = await client.rest.repos.getContent({ ...file })
    data = response.data
  } catch (error) {
    if (isRequestError(error) && error.status === 404) {
      if (NO_COMMIT_MESSAGE.test(error.message)) {
        throw new RefNotFoundError(file.ref)
      }
      // NOTE: GitHub also answers a plain 404 when the token cannot see the
      // repository at all. Pull requests find their base with the compare
      // API first, which fails on such a token, but push and base-ref do not.
      return undefined
    }
    throw toGitHubApiError(CONTENTS_ROUTE, describeFile(file), error)
  }

  const content = readFileContent(data, file)
  // Files of 1 to 100 MB come back with `content` empty and `encoding` set
  // to "none"; the raw media type returns their bytes.
  if (content === '' && readSize(data) > 0) {
    return await readRawFile(client, file)
  }
  return content
}

/** Finds the merge base of `base` and `head` via the compare API. */
export async function findMergeBase(
  client: GitHubClient,
  compare: CompareRef
): Promise<string> {
  const subject = `the merge base of ${shorten(compare.base)} and ${shorten(compare.head)}`
  const { data } = await callGitHub(COMPARE_ROUTE, subject, () =>
    client.rest.repos.compareCommitsWithBasehead({
      owner: compare.owner,
      repo: compare.repo,
      basehead: `${compare.base}...${compare.head}`,
      // Only the merge base is needed, so ask for the smallest commit page.
      per_page: 1
    })
  )
  return data.merge_base_commit.sha
}

/** A file of a pull request by its path at the head. */
export interface PullFileRef {
  owner: string
  repo: string
  pullNumber: number
  path: string
}

/**
 * Returns the path that a file renamed in a pull request had before, from
 * the pull request files API, or undefined when the pull request does not
 * rename it. The API lists at most 3,000 files, so a rename beyond those
 * reads as a new file.
 */
export async function findPreviousPath(
  client: GitHubClient,
  file: PullFileRef
): Promise<string | undefined> {
  const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
    owner: file.owner,
    repo: file.repo,
    pull_number: file.pullNumber,
    per_page: 100
  })
  return await callGitHub(
    PULL_FILES_ROUTE,
    `the files of pull request #${file.pullNumber}`,
    async () => {
      for await (const page of pages) {
        const renamed = page.data.find(
          entry => entry.filename === file.path && entry.status === 'renamed'
        )
        if (renamed) return renamed.previous_filename
      }
      return undefined
    }
  )
}

/** A pull request of a repository. */
export interface PullRef {
  owner: string
  repo: string
  pullNumber: number
}

/** One file that a pull request changes, as the pull request files API lists it. */
export interface PullFile {
  /** Path at the head; for a removed file, the path it had. */
  path: string
  /** `added`, `removed`, `modified`, `renamed`, `copied`, `changed` or `unchanged`. */
  status: string
  /** The path before a rename or copy. */
  previousPath?: string
}

/**
 * Lists the files that a pull request changes, every page of 100. GitHub
 * lists at most 3,000 files, so a larger pull request has files missing.
 */
export async function listPullRequestFiles(
  client: GitHubClient,
  pull: PullRef
): Promise<PullFile[]> {
  const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    per_page: 100
  })
  return await callGitHub(
    PULL_FILES_ROUTE,
    `the files of pull request #${pull.pullNumber}`,
    async () => {
      const files: PullFile[] = []
      for await (const page of pages) {
        for (const entry of page.data) {
          files.push(
            entry.previous_filename
              ? {
                  path: entry.filename,
                  status: entry.status,
                  previousPath: entry.previous_filename
                }
              : { path: entry.filename, status: entry.status }
          )
        }
      }
      return files
    }
  )
}

/**
 * Reads the names of a pull request's current labels. The event payload
 * lists the labels when the run was triggered, so a label added before a
 * re-run is only seen here.
 */
export async function readPullRequestLabels(
  client: GitHubClient,
  pull: PullRef
): Promise<string[]> {
  const { data } = await callGitHub(
    PULL_ROUTE,
    `pull request #${pull.pullNumber}`,
    () =>
      client.rest.pulls.get({
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.pullNumber
      })
  )
  return data.labels.map(label => label.name)
}

function describeFile(file: RepoFileRef): string {
  return `${file.path} at ${shorten(file.ref)}`
}

/** Shortens a commit SHA to 7 characters and leaves a branch or tag name as it is. */
function shorten(ref: string): string {
  return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref
}

function readFileContent(data: unknown, file: RepoFileRef): string {
  const where = `${file.owner}/${file.repo}/${file.path} at ${file.ref}`
  if (Array.isArray(data)) {
    throw new Error(`${where} is a directory, not a file`)
  }
  if (!isObject(data) || data['type'] !== 'file') {
    const type = isObject(data) ? String(data['type']) : typeof data
    throw new Error(`${where} is a ${type}, not a file`)
  }

  const content = data['content']
  if (typeof content !== 'string') {
    throw new Error(`${where}: the contents API returned no content field`)
  }
  if (data['encoding'] === 'base64') {
    return Buffer.from(content, 'base64').toString('utf8')
  }
  return content
}

function readSize(data: unknown): number {
  return isObject(data) && typeof data['size'] === 'number' ? data['size'] : 0
}

async function readRawFile(
  client: GitHubClient,
  file: RepoFileRef
): Promise<string> {
  const { data } = await callGitHub(CONTENTS_ROUTE, describeFile(file), () =>
    client.rest.repos.getContent({ ...file, mediaType: { format: 'raw' } })
  )
  const raw: unknown = data
  if (typeof raw === 'string') return raw
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8')
  throw new Error(
    `${file.owner}/${file.repo}/${file.path} at ${file.ref}: ` +
      'the raw contents response was not text'
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
