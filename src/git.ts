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

/** The ref to compare with when none is given, how reports name it, and why HEAD is used. */
export interface DefaultBase {
  ref: string
  label: string
  /** Set when origin's default branch is unknown, so HEAD is compared. */
  note?: string
}

/**
 * Picks the ref to compare with when none is given: the merge base with
 * origin's default branch, which is what a pull request compares with, or
 * HEAD when there is no such branch.
 */
export async function defaultBaseRef(cwd: string): Promise<DefaultBase> {
  // Outside a repository there is no origin to name, and each file reports
  // that it has no base.
  try {
    await git(cwd, ['rev-parse', '--is-inside-work-tree'])
  } catch {
    return { ref: 'HEAD', label: 'HEAD' }
  }
  let upstream: string
  try {
    upstream = (
      await git(cwd, ['rev-parse', '--abbrev-ref', 'origin/HEAD'])
    ).trim()
  } catch {
    return {
      ref: 'HEAD',
      label: 'HEAD',
      note: 'origin/HEAD is not set, so the comparison is with HEAD, the last commit, and committed changes of this branch show no change. Run git remote set-head origin --auto, or pass --base main.'
    }
  }
  try {
    const sha = (await git(cwd, ['merge-base', 'HEAD', upstream])).trim()
    return {
      ref: sha,
      label: `the merge base ${sha.slice(0, 7)} with ${upstream}`
    }
  } catch {
    return {
      ref: 'HEAD',
      label: 'HEAD',
      note: `HEAD has no merge base with ${upstream}, so the comparison is with HEAD, the last commit. Pass --base to choose the ref.`
    }
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

/**
 * Names up to two commits that exist in the repository of `file`, for an
 * error about `failed`: local branches first, then HEAD~1, never `failed`.
 */
export async function suggestRefs(
  file: string,
  failed: string
): Promise<string[]> {
  const directory = path.dirname(path.resolve(file))
  const names: string[] = []
  try {
    const branches = await git(directory, [
      'for-each-ref',
      '--format=%(refname:short)',
      'refs/heads'
    ])
    names.push(...branches.split('\n').filter(Boolean))
  } catch {
    return []
  }
  try {
    await git(directory, [
      'rev-parse',
      '--verify',
      '--quiet',
      'HEAD~1^{commit}'
    ])
    names.push('HEAD~1')
  } catch {
    // A repository with one commit has no HEAD~1.
  }
  return names.filter(name => name !== failed).slice(0, 2)
}
