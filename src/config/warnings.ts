import Fraction from 'fraction.js'
import { isScalar } from 'yaml'
import type { ModelNameLookup } from './checks.js'
import { formatDecimal, formatPercent } from './numbers.js'
import { BUILT_IN_PROFILES } from './schema.js'
import { findClosestName } from './suggest.js'
import { asArray, asRecord, type Tree } from './tree.js'
import type { ConfigIssue } from './types.js'
import type { PathSegment, UsageSource } from './yaml-source.js'

// Values that the format accepts but that are seldom what the writer meant.
// Each is a warning on its line, so the file is still priced.

/** Monthly growth from which a warning is given: 100% doubles the volume every month. */
const STEEP_GROWTH = new Fraction(1)

/** A volume such as `1.000` or `2.500`, which many locales read as 1000 or 2500. */
const THOUSANDS_POINT_PATTERN = /^[1-9]\d{0,2}\.\d{3}$/

const VOLUME_KEYS = ['per-day', 'per-month', 'per-year']

/** Runs every warning check on the plain tree of a usage file. */
export function checkUsageWarnings(
  source: UsageSource,
  root: Tree,
  models?: ModelNameLookup
): ConfigIssue[] {
  const workloads = asArray(root.workloads)
  const issues = workloads.flatMap((workload, index) =>
    checkWorkloadValues(source, ['workloads', index])
  )
  issues.push(
    ...checkUnusedModels(source, root, models),
    ...checkBuiltInProfiles(source, root)
  )
  if (Array.isArray(root.workloads) && workloads.length === 0) {
    issues.push(
      warning(source, {
        path: ['workloads'],
        message: 'the file lists no workloads, so every figure is $0',
        fix: 'add the workloads under workloads:, one - name: entry each'
      })
    )
  }
  return issues
}

function warning(
  source: UsageSource,
  fields: Parameters<UsageSource['issue']>[0]
): ConfigIssue {
  return source.issue({ ...fields, severity: 'warning' })
}

function checkWorkloadValues(
  source: UsageSource,
  path: PathSegment[]
): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const growthPath = [...path, 'requests', 'growth']
  const growth = source.exactAt(growthPath)
  if (isBareOne(source, growthPath)) {
    issues.push(
      warning(source, {
        path: growthPath,
        message:
          'growth: 1 means 100% a month, which doubles the volume every month',
        fix: 'write 1% for one percent, or 100% to keep this growth'
      })
    )
  } else if (growth?.gte(STEEP_GROWTH)) {
    const factor = new Fraction(1).add(growth).pow(11)
    issues.push(
      warning(source, {
        path: growthPath,
        message: `growth of ${formatPercent(growth)} a month multiplies the volume by ${factor.round(0).toString()} by month 12`,
        fix: 'growth is per month and compounds: 5% a month is about 80% a year'
      })
    )
  }

  const retriesPath = [...path, 'retries']
  if (isBareOne(source, retriesPath)) {
    issues.push(
      warning(source, {
        path: retriesPath,
        message: 'retries: 1 means 100%, so every request is sent twice',
        fix: 'write 1% for one percent, or 100% to keep these retries'
      })
    )
  }

  for (const key of VOLUME_KEYS) {
    const volumePath = [...path, 'requests', key]
    const issue = checkThousandsPoint(source, volumePath)
    if (issue) issues.push(issue)
  }
  return issues
}

/** Tells whether a ratio is written as the bare number 1, which reads as 100%. */
function isBareOne(source: UsageSource, path: PathSegment[]): boolean {
  const node = source.entryAt(path)?.node
  if (!isScalar(node) || typeof node.value !== 'number') return false
  return source.exactAt(path)?.equals(1) === true
}

function checkThousandsPoint(
  source: UsageSource,
  path: PathSegment[]
): ConfigIssue | undefined {
  const node = source.entryAt(path)?.node
  if (!isScalar(node) || typeof node.value !== 'number') return undefined
  const text = node.source ?? ''
  const value = source.exactAt(path)
  if (!value || !THOUSANDS_POINT_PATTERN.test(text)) return undefined
  const thousands = text.replace('.', '')
  const read = formatDecimal(value)
  return warning(source, {
    path,
    message: `${text} is read as ${read}, but in many locales ${text} means ${thousands}`,
    fix: `write ${thousands} for ${thousands} requests, or ${read} to keep this value`
  })
}

/**
 * Reports `models:` entries that no workload, route or discount uses, which
 * is most often a misspelt key: the rate it sets is then not applied.
 */
function checkUnusedModels(
  source: UsageSource,
  root: Tree,
  catalog?: ModelNameLookup
): ConfigIssue[] {
  const own = Object.keys(asRecord(root.models) ?? {})
  if (own.length === 0) return []
  const used = listUsedModelNames(root)
  const identify = (name: string): string =>
    catalog?.idOf?.(name) ?? name.trim().toLowerCase()
  const usedIds = new Set(used.map(identify))

  return own
    .filter(name => !usedIds.has(identify(name)))
    .map(name => {
      // A key that is itself a catalog name is no typo, so only a name the
      // workloads use can be meant. No suggestion names the key's own model.
      const isOther = (candidate: string) =>
        identify(candidate) !== identify(name)
      const catalogNames = catalog?.idOf?.(name)
        ? []
        : (catalog?.closest(name) ?? [])
      const closest =
        findClosestName(name, used.filter(isOther)) ??
        findClosestName(name, catalogNames.filter(isOther))
      return warning(source, {
        path: ['models', name],
        message: `models.${name} is not used by any workload or discount, so its prices apply nowhere`,
        fix: closest
          ? `did you mean ${closest}? Name the model as the workloads do`
          : 'remove the entry, or name it in a workload',
        value: name,
        at: 'key'
      })
    })
}

function listUsedModelNames(root: Tree): string[] {
  const names: unknown[] = []
  for (const workload of asArray(root.workloads)) {
    const entry = asRecord(workload)
    names.push(entry?.model)
    for (const route of asArray(entry?.routes)) {
      names.push(asRecord(route)?.model)
    }
  }
  for (const discount of asArray(root.discounts)) {
    names.push(asRecord(discount)?.model)
  }
  return names.filter((name): name is string => typeof name === 'string')
}

/** Notes a profile that replaces a built-in one, which other readers of the file may not expect. */
function checkBuiltInProfiles(source: UsageSource, root: Tree): ConfigIssue[] {
  const profiles = Object.keys(asRecord(root.profiles) ?? {})
  return profiles
    .filter(name => Object.hasOwn(BUILT_IN_PROFILES, name))
    .map(name => {
      const builtIn = BUILT_IN_PROFILES[name] ?? { input: 0, output: 0 }
      return warning(source, {
        path: ['profiles', name],
        message: `profiles.${name} replaces the built-in profile ${name} (${builtIn.input} input, ${builtIn.output} output tokens)`,
        fix: 'keep it if that is intended, or rename it to keep the built-in one',
        value: name,
        at: 'key'
      })
    })
}
