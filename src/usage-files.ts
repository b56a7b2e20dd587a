import path from 'node:path'

/** Thrown when the config input matches no usage file; the message names the pattern. */
export class NoUsageFileError extends Error {
  override name = 'NoUsageFileError'
}

/** Characters that make a `config` line a glob pattern rather than a path. */
const GLOB_CHARACTERS = /[*?[\]{}]/

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
 * Finds the usage files that the `config` input names, as paths relative to
 * the workspace with `/` separators, sorted. Patterns are those of
 * `@actions/glob`, one per line, with `!` to exclude, matched under the
 * workspace. Throws NoUsageFileError when the patterns match no file.
 *
 * NOTE: only files in the workspace match, so a usage file that the pull
 * request deletes is left out of the report rather than shown as removed.
 */
export async function findUsageFiles(
  config: string,
  workspace: string
): Promise<string[]> {
  if (!isGlobInput(config)) return [config.trim()]

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
    .sort()
  if (files.length === 0) {
    throw new NoUsageFileError(
      `The config input ${JSON.stringify(config.trim())} matches no file in ${workspace}. Check the pattern, and check out the repository with actions/checkout before this step.`
    )
  }
  return [...new Set(files)]
}
