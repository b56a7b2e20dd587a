import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createGitHubClient,
  type GitHubClient
} from '../../src/github/client.js'
import { GitHubApiError, RefNotFoundError } from '../../src/github/errors.js'
import {
  findMergeBase,
  findPreviousPath,
  readPullRequestLabels,
  readRepoFile
} from '../../src/github/files.js'
import { GitHubStandIn } from '../support/github-stand-in.js'

const TOKEN = 'ghs_StandInFilesToken00000000000000000'
const REPO = 'acme/shop'
const BASE_SHA = '1111111111111111111111111111111111111111'
const HEAD_SHA = '2222222222222222222222222222222222222222'
const MERGE_BASE_SHA = '3333333333333333333333333333333333333333'
const USAGE = [
  'version: 1',
  'workloads:',
  '  - name: résumé-writer # non-ASCII survives the base64 round trip',
  '    model: gpt-5.4-nano',
  ''
].join('\n')

let standIn: GitHubStandIn
let client: GitHubClient

beforeEach(async () => {
  standIn = await GitHubStandIn.start({ token: TOKEN })
  client = createGitHubClient({
    token: TOKEN,
    baseUrl: standIn.url,
    retryDelayUnitMs: 1
  })
})

afterEach(async () => {
  await standIn.close()
})

describe('readRepoFile', () => {
  it('decodes a base64 file at a commit', async () => {
    standIn.setFile(REPO, MERGE_BASE_SHA, 'ai-usage.yml', USAGE)

    const text = await readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'ai-usage.yml',
      ref: MERGE_BASE_SHA
    })

    expect(text).toBe(USAGE)
    expect(standIn.requests).toHaveLength(1)
    expect(standIn.requests[0]?.query).toEqual({ ref: MERGE_BASE_SHA })
  })

  it('reads a file in a subdirectory', async () => {
    standIn.setFile(REPO, 'main', 'config/ai/ai-usage.yml', USAGE)

    const text = await readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'config/ai/ai-usage.yml',
      ref: 'main'
    })

    expect(text).toBe(USAGE)
  })

  it('returns undefined on 404', async () => {
    standIn.setFile(REPO, 'main', 'README.md', '# Shop\n')

    const text = await readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'ai-usage.yml',
      ref: 'main'
    })

    expect(text).toBeUndefined()
    expect(standIn.requests.map(item => item.status)).toEqual([404])
  })

  it('throws for an unknown ref', async () => {
    standIn.setFile(REPO, 'main', 'ai-usage.yml', USAGE)

    const read = readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'ai-usage.yml',
      ref: 'nosuchbranch'
    })

    await expect(read).rejects.toBeInstanceOf(RefNotFoundError)
    await expect(read).rejects.toThrow(
      'the repository has no branch, tag or commit named nosuchbranch'
    )
    expect(standIn.requests[0]?.responseBody).toMatchObject({
      message: 'No commit found for the ref nosuchbranch'
    })
  })

  it('returns undefined at a commit without the file', async () => {
    standIn.addRef(REPO, MERGE_BASE_SHA)

    const text = await readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'ai-usage.yml',
      ref: MERGE_BASE_SHA
    })

    expect(text).toBeUndefined()
    expect(standIn.requests[0]?.responseBody).toMatchObject({
      message: 'Not Found'
    })
  })

  it('reads a file above 1 MB with the raw type', async () => {
    const large = `version: 1\n# ${'x'.repeat(1_100_000)}\n`
    standIn.setFile(REPO, 'main', 'ai-usage.yml', large, { large: true })

    const text = await readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'ai-usage.yml',
      ref: 'main'
    })

    expect(text).toBe(large)
    const accepts = standIn.requests.map(item => item.headers['accept'])
    expect(accepts).toEqual([
      'application/vnd.github.v3+json',
      'application/vnd.github.v3.raw'
    ])
  })

  it('reads an empty file without a second request', async () => {
    standIn.setFile(REPO, 'main', 'ai-usage.yml', '')

    const text = await readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'ai-usage.yml',
      ref: 'main'
    })

    expect(text).toBe('')
    expect(standIn.requests).toHaveLength(1)
  })

  it('rejects a directory', async () => {
    standIn.setFile(REPO, 'main', 'config/ai-usage.yml', USAGE)

    await expect(
      readRepoFile(client, {
        owner: 'acme',
        repo: 'shop',
        path: 'config',
        ref: 'main'
      })
    ).rejects.toThrow('acme/shop/config at main is a directory, not a file')
  })

  it('throws on 403 instead of treating it as missing', async () => {
    standIn.addFaults('GET /repos/{owner}/{repo}/contents/{path}', {
      status: 403
    })

    const read = readRepoFile(client, {
      owner: 'acme',
      repo: 'shop',
      path: 'ai-usage.yml',
      ref: 'main'
    })

    await expect(read).rejects.toBeInstanceOf(GitHubApiError)
    await expect(read).rejects.toMatchObject({
      status: 403,
      route: 'GET /repos/{owner}/{repo}/contents/{path}',
      message:
        'GET /repos/{owner}/{repo}/contents/{path} for ai-usage.yml at main failed with 403 (Resource not accessible by integration)'
    })
  })
})

describe('findMergeBase', () => {
  it('returns merge_base_commit.sha of the comparison', async () => {
    standIn.setMergeBase(REPO, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)

    const sha = await findMergeBase(client, {
      owner: 'acme',
      repo: 'shop',
      base: BASE_SHA,
      head: HEAD_SHA
    })

    expect(sha).toBe(MERGE_BASE_SHA)
    expect(standIn.listCalls()).toEqual([
      `GET /repos/${REPO}/compare/${BASE_SHA}...${HEAD_SHA}`
    ])
  })

  it('throws on 404 for an unknown comparison', async () => {
    standIn.setMergeBase(REPO, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)

    await expect(
      findMergeBase(client, {
        owner: 'acme',
        repo: 'shop',
        base: BASE_SHA,
        head: 'f'.repeat(40)
      })
    ).rejects.toMatchObject({
      status: 404,
      message:
        'GET /repos/{owner}/{repo}/compare/{basehead} for the merge base of 1111111 and fffffff failed with 404 (Not Found)'
    })
  })
})

describe('findPreviousPath', () => {
  const PULL = { owner: 'acme', repo: 'shop', pullNumber: 5 }

  beforeEach(() => {
    standIn.addPullRequest(REPO, {
      number: 5,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      headRef: 'rename',
      baseRef: 'main'
    })
  })

  it('finds a rename on the third page', async () => {
    const others = Array.from({ length: 230 }, (_, index) => ({
      filename: `src/file-${index}.ts`,
      status: 'modified' as const
    }))
    standIn.setPullFiles(REPO, 5, [
      ...others,
      {
        filename: 'config/ai-usage.yml',
        status: 'renamed',
        previousFilename: 'ai-usage.yml'
      }
    ])

    const previous = await findPreviousPath(client, {
      ...PULL,
      path: 'config/ai-usage.yml'
    })

    expect(previous).toBe('ai-usage.yml')
    // 231 files at 100 a page take pages 1, 2 and 3.
    expect(standIn.requests.map(item => item.query['page'])).toEqual([
      undefined,
      '2',
      '3'
    ])
  })

  it('ignores a file that is only modified', async () => {
    standIn.setPullFiles(REPO, 5, [
      { filename: 'ai-usage.yml', status: 'modified' }
    ])

    const previous = await findPreviousPath(client, {
      ...PULL,
      path: 'ai-usage.yml'
    })

    expect(previous).toBeUndefined()
  })
})

describe('readPullRequestLabels', () => {
  it('reads the current labels', async () => {
    standIn.addPullRequest(REPO, {
      number: 8,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      headRef: 'raise',
      baseRef: 'main',
      labels: ['cost-approved', 'infra']
    })

    const labels = await readPullRequestLabels(client, {
      owner: 'acme',
      repo: 'shop',
      pullNumber: 8
    })

    expect(labels).toEqual(['cost-approved', 'infra'])
    expect(standIn.listCalls()).toEqual([`GET /repos/${REPO}/pulls/8`])
  })

  it('names the route on 404', async () => {
    await expect(
      readPullRequestLabels(client, {
        owner: 'acme',
        repo: 'shop',
        pullNumber: 9
      })
    ).rejects.toMatchObject({
      route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      status: 404
    })
  })
})
