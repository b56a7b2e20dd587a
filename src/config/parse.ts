import { z } from 'zod'
import { buildBudgetsSection, buildUsageConfig } from './build.js'
import { checkUsageTree, type ModelNameLookup } from './checks.js'
import { timed } from '../timings.js'
import { readYaml } from './read-yaml.js'
import { describeSchemaIssues } from './schema-issues.js'
import { usageFileSchema, type UsageFileInput } from './schema.js'
import {
  UsageFileError,
  type Budgets,
  type ConfigIssue,
  type UsageConfig
} from './types.js'
import type { UsageSource } from './yaml-source.js'

export {
  MAX_ALIAS_COUNT,
  MAX_ALIAS_NODES,
  MAX_FILE_BYTES,
  MAX_FILE_MIB
} from './read-yaml.js'
export { usageFileSchema } from './schema.js'
export type { ModelNameLookup } from './checks.js'

/** Settings of {@link parseUsageFile}. */
export interface ParseOptions {
  /** The catalog's names; without it, model names are checked only when the file is priced. */
  models?: ModelNameLookup
}

/** A validated usage file and the warnings found in it. */
export interface ParsedUsageFile {
  config: UsageConfig
  warnings: ConfigIssue[]
  /** The parsed text, for finding the line of any path. */
  source: UsageSource
}

/**
 * Parses and validates the text of an `ai-usage.yml`, with every number
 * exact. Throws UsageFileError with every error found, sorted by position.
 */
export function parseUsageFile(
  text: string,
  file: string,
  options: ParseOptions = {}
): ParsedUsageFile {
  const { source, tree: written, issues } = readYaml(text, file)
  const tree = omitExtensionKeys(written)
  if (tree !== undefined) {
    const result = timed('validate schema', () =>
      usageFileSchema.safeParse(tree)
    )
    if (!result.success) {
      issues.push(...describeSchemaIssues(source, result.error.issues))
    }
    issues.push(
      ...timed('check values', () =>
        checkUsageTree(source, tree, options.models)
      )
    )
  }

  const sorted = sortIssues(issues)
  const errors = sorted.filter(issue => issue.severity === 'error')
  if (errors.length > 0 || tree === undefined) throw new UsageFileError(errors)

  // The schema accepted the tree, so it has the schema's input type.
  const config = timed('build config', () =>
    buildUsageConfig(source, tree as UsageFileInput)
  )
  const warnings = sorted.filter(issue => issue.severity === 'warning')
  return { config, warnings, source }
}

/** The `budgets:` section alone; other top-level keys are not checked. */
const budgetsSectionSchema = z.looseObject({
  budgets: usageFileSchema.shape.budgets
})

/**
 * Reads only the `budgets:` section of a usage file, for a base version that
 * is invalid elsewhere, such as one that names a model the catalog no longer
 * has. Returns the errors found in the section, or in the YAML as a whole
 * when it cannot be read at all.
 */
export function parseBudgetsSection(
  text: string,
  file: string
): { budgets: Budgets } | { errors: ConfigIssue[] } {
  const { source, tree, issues } = readYaml(text, file)
  const inSection = (issue: ConfigIssue) =>
    issue.severity === 'error' &&
    (issue.path === '' || /^budgets\b/.test(issue.path))
  const errors = issues.filter(inSection)
  if (tree === undefined || errors.length > 0) {
    return { errors: sortIssues(errors) }
  }
  const result = budgetsSectionSchema.safeParse(tree)
  if (!result.success) {
    return {
      errors: sortIssues(describeSchemaIssues(source, result.error.issues))
    }
  }
  return { budgets: buildBudgetsSection(source, result.data.budgets ?? {}) }
}

/** Prefix of top-level keys that are ignored, so that anchors can live there. */
export const EXTENSION_KEY_PREFIX = 'x-'

/**
 * Drops the top-level keys that start with `x-`, as Docker Compose does, so
 * that a file can keep shared values under `x-defaults: &defaults` and merge
 * them with `<<: *defaults`.
 */
function omitExtensionKeys(tree: unknown): unknown {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) {
    return tree
  }
  const kept = Object.create(null) as Record<string, unknown>
  for (const [key, value] of Object.entries(tree)) {
    if (!key.startsWith(EXTENSION_KEY_PREFIX)) kept[key] = value
  }
  return kept
}

/** Sorts issues by position and drops repeats of one message at one path. */
function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>()
  const unique = issues.filter(issue => {
    const key = `${issue.path}\n${issue.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique.sort((a, b) => a.line - b.line || a.column - b.column)
}
