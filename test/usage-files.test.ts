import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PullFile } from '../src/github/files.js'
import {
  NoUsageFileError,
  findUsageFiles,
  isGlobInput
} from '../src/usage-files.js'

let workspace: string

beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'ai-budget-glob-'))
  for (const file of [
    'services/search/ai-usage.yml',
    'services/support/ai-usage.yml',
    'services/support/old/ai-usage.yml',
    'ai-usage.yml'
  ]) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true })
    await writeFile(path.join(workspace, file), 'version: 1\n')
  }
})

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true })
})

describe('isGlobInput', () => {
  it.each([
    ['ai-usage.yml', false],
    ['services/search/ai-usage.yml', false],
    ['services/*/ai-usage.yml', true],
    ['**/ai-usage.yml', true],
    ['a.yml\nb.yml', true],
    ['ai-usage.yml\n!skip.yml', true],
    ['ai-usage.yml\n', false]
  ])('%j: %s', (config, expected) => {
    expect(isGlobInput(config)).toBe(expected)
  })
})

/** Returns the paths that the config input finds, in order. */
async function pathsOf(
  config: string,
  pullFiles?: PullFile[]
): Promise<string[]> {
  const found = await findUsageFiles(config, workspace, pullFiles)
  return found.files.map(file => file.path)
}

describe('findUsageFiles', () => {
  it('returns a plain path as it is', async () => {
    expect(await pathsOf('missing.yml')).toEqual(['missing.yml'])
  })

  it('matches a glob in sorted order', async () => {
    expect(await pathsOf('services/*/ai-usage.yml')).toEqual([
      'services/search/ai-usage.yml',
      'services/support/ai-usage.yml'
    ])
  })

  it('excludes with a negated pattern', async () => {
    const files = await pathsOf('**/ai-usage.yml\n!services/support/**')
    expect(files).toEqual(['ai-usage.yml', 'services/search/ai-usage.yml'])
  })

  it('does not follow a directory link out of the workspace', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'ai-budget-outside-'))
    try {
      await writeFile(path.join(outside, 'ai-usage.yml'), 'version: 1\n')
      await symlink(outside, path.join(workspace, 'services/linked'))
      const files = await pathsOf('services/**/ai-usage.yml')
      expect(files).not.toContain('services/linked/ai-usage.yml')
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  it('names the pattern that matched nothing', async () => {
    const search = findUsageFiles('apps/*/ai-usage.yml', workspace)
    await expect(search).rejects.toThrow(NoUsageFileError)
    await expect(search).rejects.toThrow(
      'The config input "apps/*/ai-usage.yml" matches no file'
    )
  })
})

describe('findUsageFiles with several lines', () => {
  it('names the glob line that matched nothing', async () => {
    const search = findUsageFiles(
      'services/*/ai-usage.yml\napps/*/ai-usage.yml',
      workspace
    )
    await expect(search).rejects.toThrow(NoUsageFileError)
    await expect(search).rejects.toThrow(
      'The line "apps/*/ai-usage.yml" of the config input matches no file'
    )
  })

  it('keeps a listed path the workspace lacks', async () => {
    const found = await findUsageFiles(
      'ai-usage.yml\n./team-b/ai-usage.yml',
      workspace
    )
    expect(found.files).toEqual([
      { path: 'ai-usage.yml' },
      { path: 'team-b/ai-usage.yml', unmatched: true }
    ])
  })

  it('leaves out a listed path excluded later', async () => {
    const files = await pathsOf('ai-usage.yml\nteam-b/ai-usage.yml\n!team-b/**')
    expect(files).toEqual(['ai-usage.yml'])
  })

  it('matches a glob line to a deleted file', async () => {
    const found = await findUsageFiles(
      'ai-usage.yml\napps/*/ai-usage.yml',
      workspace,
      [{ path: 'apps/web/ai-usage.yml', status: 'removed' }]
    )
    expect(found.files).toEqual([
      { path: 'ai-usage.yml' },
      { path: 'apps/web/ai-usage.yml', removed: true }
    ])
  })

  it('rejects lines that match nothing without a checkout', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'ai-budget-empty-'))
    try {
      const search = findUsageFiles('a/ai-usage.yml\nb/ai-usage.yml', empty)
      await expect(search).rejects.toThrow(
        'The config input "a/ai-usage.yml\\nb/ai-usage.yml" matches no file'
      )
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})

describe('findUsageFiles on a pull request', () => {
  const GLOB = 'services/*/ai-usage.yml'

  it('adds a file that only the pull request has', async () => {
    const found = await findUsageFiles(GLOB, workspace, [
      { path: 'services/billing/ai-usage.yml', status: 'added' },
      { path: 'services/billing/README.md', status: 'added' }
    ])
    expect(found.files).toEqual([
      { path: 'services/billing/ai-usage.yml' },
      { path: 'services/search/ai-usage.yml' },
      { path: 'services/support/ai-usage.yml' }
    ])
    expect(found.notes).toEqual([])
  })

  it('marks a deleted file as removed', async () => {
    // The workspace of pull_request_target still has the deleted file.
    const found = await findUsageFiles(GLOB, workspace, [
      { path: 'services/support/ai-usage.yml', status: 'removed' },
      { path: 'services/gone/ai-usage.yml', status: 'removed' }
    ])
    expect(found.files).toEqual([
      { path: 'services/gone/ai-usage.yml', removed: true },
      { path: 'services/search/ai-usage.yml' },
      { path: 'services/support/ai-usage.yml', removed: true }
    ])
  })

  it('follows a rename within the patterns', async () => {
    const found = await findUsageFiles(GLOB, workspace, [
      {
        path: 'services/help/ai-usage.yml',
        status: 'renamed',
        previousPath: 'services/support/ai-usage.yml'
      }
    ])
    expect(found.files).toEqual([
      {
        path: 'services/help/ai-usage.yml',
        previousPath: 'services/support/ai-usage.yml'
      },
      { path: 'services/search/ai-usage.yml' }
    ])
  })

  it('removes a file renamed out of the patterns', async () => {
    const found = await findUsageFiles(GLOB, workspace, [
      {
        path: 'archive/support-ai-usage.yml',
        status: 'renamed',
        previousPath: 'services/support/ai-usage.yml'
      }
    ])
    expect(found.files).toEqual([
      { path: 'services/search/ai-usage.yml' },
      { path: 'services/support/ai-usage.yml', removed: true }
    ])
  })

  it('lets a later negated line exclude a changed file', async () => {
    const files = await pathsOf(`${GLOB}\n!services/billing/**`, [
      { path: 'services/billing/ai-usage.yml', status: 'added' },
      { path: 'services/new/ai-usage.yml', status: 'added' }
    ])
    expect(files).toEqual([
      'services/new/ai-usage.yml',
      'services/search/ai-usage.yml',
      'services/support/ai-usage.yml'
    ])
  })

  it('notes a run whose workspace matched nothing', async () => {
    const found = await findUsageFiles('apps/*/ai-usage.yml', workspace, [
      { path: 'apps/web/ai-usage.yml', status: 'modified' }
    ])
    expect(found.files).toEqual([{ path: 'apps/web/ai-usage.yml' }])
    expect(found.notes).toHaveLength(1)
    expect(found.notes[0]).toContain(
      'only the usage files that the pull request changes are reported'
    )
  })

  it('names the pattern when neither source matches', async () => {
    const search = findUsageFiles('apps/*/ai-usage.yml', workspace, [
      { path: 'docs/README.md', status: 'modified' }
    ])
    await expect(search).rejects.toThrow(
      'matches no file in ' // the workspace path follows
    )
    await expect(search).rejects.toThrow(
      'or among the files that the pull request changes'
    )
  })
})
