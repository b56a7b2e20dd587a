import path from 'node:path'
import { Minimatch } from 'minimatch'
import type { PullFile } from './github/files.js'

/** Thrown when the config input matches no usage file; the message names the pattern. */
export class NoUsageFileError extends Error {
  override name = 'NoUsageFileError'
}

/** Characters that make a `config` line a glob pattern rather than a path. */
const GLOB_CHARACTERS = /[*?[\]{}]/

/** One usage file of a run, with what the pull request does to it. */
export interface UsageFile {
  /** Path relative to the repository root, with `/` separators. */
  path: string
  /**
   * Set for a file that the pull request deletes, or renames to a path the
   * patterns do not match: only its base exists, so all its spend is removed.
   */
  removed?: boolean
  /** The path at the base of a file that the pull request renames. */
  previousPath?: string
  /**
   * Set for a plain path of a several-line `config` that is neither in the
   * workspace nor among the pull request's changed files. The head commit
   * may still have it, or only the base, when the change deletes it.
   */
  unmatched?: boolean
}

/** The usage files of a run, and notes on how they were found. */
export interface UsageFileSet {
  files: UsageFile[]
  /** Warnings for the report, such as a glob matched without a checkout. */
  notes: string[]
}

/**
 * Returns whether the `config` input is a glob (or several lines of
 * patterns). A plain path is read as it is, so that a missing file gets the
 * "not found" error that names the checkout step.
 */
export function isGlobInput(config: string): boolean {
  const lines = patternLines(config)
  return (
    lines.length > 1 ||
    lines.some(line => line.startsWith('!') || GLOB_CHARACTERS.test(line))
  )
}

function patternLines(config: string): string[] {
  return config
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
}

/**
 * Finds the usage files that the `config` input names, sorted by path.
 * Patterns are those of `@actions/glob`, one per line, with `!` to exclude,
 * matched under the workspace. On a pull request, `pullFiles` (the files it
 * changes) are matched too: a file that only the pull request adds is found
 * without it being in the workspace, and a file it deletes is returned as
 * removed. A plain path line that matches nothing is returned as
 * `unmatched`. Throws NoUsageFileError when the patterns match no file, or
 * when a glob line of several matches none.
 */
export async function findUsageFiles(
  config: string,
  workspace: string,
  pullFiles?: PullFile[]
): Promise<UsageFileSet> {
  if (!isGlobInput(config))
    return { files: [{ path: config.trim() }], notes: [] }

  const inWorkspace = await matchWorkspace(config, workspace)
  const byPath = new Map<string, UsageFile>(
    inWorkspace.map(file => [file, { path: file }])
  )
  const matches = createMatcher(config)
  if (pullFiles) addPullFiles(byPath, matches, pullFiles)
  const where = pullFiles
    ? `${workspace} or among the files that the pull request changes`
    : workspace
  const noMatch = (subject: string) =>
    new NoUsageFileError(
      `${subject} matches no file in ${where}. Check the pattern, and check out the repository with actions/checkout before this step.`
    )
  // Without a checkout and without the pull request's files, every line
  // would look deleted or mistyped.
  if (byPath.size === 0 && (!pullFiles || patternLines(config).length === 1)) {
    throw noMatch(`The config input ${JSON.stringify(config.trim())}`)
  }
  const candidates = [
    ...inWorkspace,
    ...(pullFiles ?? []).flatMap(file =>
      file.previousPath === undefined
        ? [file.path]
        : [file.path, file.previousPath]
    )
  ]
  for (const line of includedLines(config)) {
    if (GLOB_CHARACTERS.test(line)) {
      if (!candidates.some(file => matchesLine(line, file))) {
        throw noMatch(`The line ${JSON.stringify(line)} of the config input`)
      }
      continue
    }
    // A plain path names one file, so it is kept until the head and base
    // tell whether the change deletes it or it never existed.
    const file = normalizeLine(line)
    if (!byPath.has(file) && matches(file)) {
      byPath.set(file, { path: file, unmatched: true })
    }
  }
  const files = [...byPath.values()].sort(comparePaths)
  const notes =
    pullFiles && inWorkspace.length === 0
      ? [
          `No file in the workspace matches the config input ${JSON.stringify(config.trim())}, so only the usage files that the pull request changes are reported. Check out the repository with actions/checkout before this step to report the others too.`
        ]
      : []
  return { files, notes }
}

/**
 * Adds the files of a pull request that the patterns match. A deleted file
 * replaces the workspace's copy of it, which the base branch checked out by
 * pull_request_target still has, and a renamed one replaces its old path.
 */
function addPullFiles(
  byPath: Map<string, UsageFile>,
  matches: (file: string) => boolean,
  pullFiles: PullFile[]
): void {
  for (const file of pullFiles) {
    const current = matches(file.path)
    if (file.status === 'removed') {
      if (current) byPath.set(file.path, { path: file.path, removed: true })
      continue
    }
    const previous = file.status === 'renamed' ? file.previousPath : undefined
    if (previous !== undefined && matches(previous)) {
      if (current) byPath.delete(previous)
      else byPath.set(previous, { path: previous, removed: true })
    }
    if (!current) continue
    byPath.set(
      file.path,
      previous === undefined
        ? { path: file.path }
        : { path: file.path, previousPath: previous }
    )
  }
}

/** Returns the lines that include files: not `!` lines, and not absolute paths, which name no repository file. */
function includedLines(config: string): string[] {
  return patternLines(config).filter(
    line => !line.startsWith('!') && !path.posix.isAbsolute(line)
  )
}

/** Returns a line as a repository path: `./a/../b.yml` is `b.yml`. */
function normalizeLine(line: string): string {
  return path.posix.normalize(line).replace(/^\.\//, '')
}

/** Checks whether one pattern line of `config` matches a repository path. */
function matchesLine(line: string, file: string): boolean {
  return new Minimatch(normalizeLine(line), MATCH_OPTIONS).match(file)
}

/** Options of `@actions/glob` 0.7.0 that matter for repository paths. */
const MATCH_OPTIONS = {
  dot: true,
  nobrace: true,
  nocomment: true,
  noext: true,
  nonegate: true
}

/**
 * Builds a matcher of repository paths for the patterns, with the options
 * and the order rule of `@actions/glob` 0.7.0. Every line is checked in
 * turn: a pattern includes a matching path and a `!` pattern excludes it
 * again, so the last matching line decides.
 */
function createMatcher(config: string): (file: string) => boolean {
  const patterns = patternLines(config).map(line => {
    const negated = line.startsWith('!')
    const pattern = (negated ? line.slice(1) : line).replace(/^\.\//, '')
    return {
      negated,
      matcher: new Minimatch(pattern, MATCH_OPTIONS)
    }
  })
  return file => {
    let matched = false
    for (const { negated, matcher } of patterns) {
      if (matcher.match(file)) matched = !negated
    }
    return matched
  }
}

function comparePaths(a: UsageFile, b: UsageFile): number {
  if (a.path === b.path) return 0
  return a.path < b.path ? -1 : 1
}

/** Matches the patterns against the files of the workspace, as relative paths. */
async function matchWorkspace(
  config: string,
  workspace: string
): Promise<string[]> {
  // @actions/glob roots relative patterns at the process's working directory,
  // so each pattern is rooted at the workspace here.
  const patterns = patternLines(config).map(line => {
    const negated = line.startsWith('!')
    const pattern = negated ? line.slice(1) : line
    const rooted = path.isAbsolute(pattern)
      ? pattern
      : path.join(workspace, pattern)
    return negated ? `!${rooted}` : rooted
  })
  const glob = await import('@actions/glob')
  const globber = await glob.create(patterns.join('\n'), {
    // Not following links keeps the search inside the workspace.
    followSymbolicLinks: false,
    implicitDescendants: false,
    matchDirectories: false
  })
  const matches = await globber.glob()
  const files = matches
    .map(match => path.relative(workspace, match).split(path.sep).join('/'))
    .filter(file => file !== '' && !file.startsWith('../'))
  return [...new Set(files)]
}
