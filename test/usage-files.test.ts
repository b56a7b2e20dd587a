import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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

describe('findUsageFiles', () => {
  it('returns a plain path as it is', async () => {
    expect(await findUsageFiles('missing.yml', workspace)).toEqual([
      'missing.yml'
    ])
  })

  it('matches a glob in sorted order', async () => {
    expect(await findUsageFiles('services/*/ai-usage.yml', workspace)).toEqual([
      'services/search/ai-usage.yml',
      'services/support/ai-usage.yml'
    ])
  })

  it('excludes with a negated pattern', async () => {
    const files = await findUsageFiles(
      '**/ai-usage.yml\n!services/support/**',
      workspace
    )
    expect(files).toEqual(['ai-usage.yml', 'services/search/ai-usage.yml'])
  })

  it('does not follow a directory link out of the workspace', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'ai-budget-outside-'))
    try {
      await writeFile(path.join(outside, 'ai-usage.yml'), 'version: 1\n')
      await symlink(outside, path.join(workspace, 'services/linked'))
      const files = await findUsageFiles('services/**/ai-usage.yml', workspace)
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
