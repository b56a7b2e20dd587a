import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { BaseSource } from './analyze.js'

const run = promisify(execFile)

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    maxBuffer: 16 * 1024 * 1024
  })
  return stdout
}

/**
 * Picks the ref to compare with when none is given: the merge base with
 * origin's default branch, which is what a pull request compares with, or
 * HEAD when there is no such branch.
 */
export async function defaultBaseRef(cwd: string): Promise<string> {
  try {
    const upstream = (
      await git(cwd, ['rev-parse', '--abbrev-ref', 'origin/HEAD'])
    ).trim()
    return (await git(cwd, ['merge-base', 'HEAD', upstream])).trim()
  } catch {
    return 'HEAD'
  }
}

/** Reads a file as it is at a git ref; `missing` when the ref has no such file. */
export async function readFileAtRef(
  file: string,
  ref: string
): Promise<BaseSource> {
  const directory = path.dirname(path.resolve(file))
  let top: string
  try {
    top = (await git(directory, ['rev-parse', '--show-toplevel'])).trim()
  } catch {
    return { state: 'none' }
  }
  const relative = path
    .relative(top, path.resolve(file))
    .split(path.sep)
    .join('/')
  try {
    await git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  } catch {
    return { state: 'unavailable', reason: `git has no commit named "${ref}"` }
  }
  try {
    return {
      state: 'found',
      text: await git(top, ['show', `${ref}:${relative}`])
    }
  } catch {
    return { state: 'missing' }
  }
}

/** Checks whether git tracks a file: committed, or added to the index. */
export async function isTrackedByGit(file: string): Promise<boolean> {
  const fullPath = path.resolve(file)
  try {
    await git(path.dirname(fullPath), [
      'ls-files',
      '--error-unmatch',
      '--',
      path.basename(fullPath)
    ])
    return true
  } catch {
    return false
  }
}
