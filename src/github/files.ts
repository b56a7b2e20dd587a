import type { GitHubClient } from './client.js'
import { isRequestError } from './errors.js'

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
 * when GitHub returns 404 (no such file at that ref, or the ref or repository
 * is not visible to the token).
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
    if (isRequestError(error) && error.status === 404) return undefined
    throw error
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
  const { data } = await client.rest.repos.compareCommitsWithBasehead({
    owner: compare.owner,
    repo: compare.repo,
    basehead: `${compare.base}...${compare.head}`,
    // Only the merge base is needed, so ask for the smallest commit page.
    per_page: 1
  })
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
  for await (const page of pages) {
    const renamed = page.data.find(
      entry => entry.filename === file.path && entry.status === 'renamed'
    )
    if (renamed) return renamed.previous_filename
  }
  return undefined
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
  const { data } = await client.rest.repos.getContent({
    ...file,
    mediaType: { format: 'raw' }
  })
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
