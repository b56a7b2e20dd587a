import Fraction from 'fraction.js'
import { formatDecimal, formatPercent } from './numbers.js'
import { BUILT_IN_PROFILES } from './schema.js'
import {
  asciiSkeleton,
  describeName,
  hasNonAscii,
  listNonAscii
} from './lookalike.js'
import { findClosestName } from './suggest.js'
import { asArray, asRecord, type Tree } from './tree.js'
import type { ConfigIssue } from './types.js'
import { checkUsageWarnings } from './warnings.js'
import type { PathSegment, UsageSource } from './yaml-source.js'

// Rules that compare values exactly or that need the whole file. They read
// the plain tree defensively, so they run even when the schema rejected
// another part of the file, and each skips a value that is itself invalid
// (the schema reports that one).

/** Allowed gap between the sum of route shares and 100%: 0.01%. */
const SHARE_SUM_TOLERANCE = new Fraction(1, 10_000)

/** Prices above this, in USD per 1M tokens, are reported as a likely unit slip. */
const MAX_PLAUSIBLE_PRICE = new Fraction(1000)

/** Non-zero prices below this, in USD per 1M tokens, are reported as a likely unit slip. */
const MIN_PLAUSIBLE_PRICE = new Fraction(1, 1000)

const PRICE_KEYS = [
  'input',
  'output',
  'cached-input',
  'cache-write-5m',
  'cache-write-1h'
]

/** The price catalog's model names, so that unknown models are reported with the file's other errors. */
export interface ModelNameLookup {
  /** Whether the catalog has a model with this id or alias. */
  has(name: string): boolean
  /** The catalog ids closest to a name, nearest first. */
  closest(name: string): string[]
  /** The catalog id that a name resolves to, so that aliases of one model compare equal. */
  idOf?(name: string): string | undefined
}

/** Runs every cross-value check on the plain tree of a usage file. */
export function checkUsageTree(
  source: UsageSource,
  tree: unknown,
  models?: ModelNameLookup
): ConfigIssue[] {
  const root = asRecord(tree)
  if (!root) return []
  const workloads = asArray(root.workloads)
  return [
    ...(models ? checkModelNames(source, root, models) : []),
    ...checkWorkloadNames(source, workloads),
    ...checkModelKeys(source, asRecord(root.models), models),
    ...checkProfileNames(source, root, workloads),
    ...checkBudgetNames(source, root, workloads),
    ...workloads.flatMap((workload, index) =>
      checkWorkloadNumbers(source, asRecord(workload), ['workloads', index])
    ),
    ...workloads.flatMap((workload, index) =>
      checkRouteModels(
        source,
        asArray(asRecord(workload)?.routes),
        ['workloads', index, 'routes'],
        models
      )
    ),
    ...checkDiscountTargets(source, asArray(root.discounts)),
    ...checkPriceUnits(source, asRecord(root.models)),
    ...checkUsageWarnings(source, root, models)
  ]
}

function readName(workload: unknown): string | undefined {
  const name = asRecord(workload)?.name
  return typeof name === 'string' ? name : undefined
}

/**
 * Characters that a workload name must not contain: C0 and C1 controls,
 * which break the text report and the comment, and the bidirectional
 * overrides, which can make a name read as another.
 */
const FORBIDDEN_NAME_CHARACTER =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u

function checkWorkloadNames(
  source: UsageSource,
  workloads: unknown[]
): ConfigIssue[] {
  // The line of the first use is looked up only for a repeated name.
  const firstIndex = new Map<string, number>()
  const issues: ConfigIssue[] = []
  workloads.forEach((workload, index) => {
    const written = readName(workload)
    if (written === undefined) return
    const path = ['workloads', index, 'name']
    const problem = describeNameProblem(written)
    if (problem) {
      issues.push(source.issue({ path, ...problem }))
      return
    }

    // Names are trimmed when the file is read, so `a` and `a ` are one name.
    const name = written.trim()
    const first = firstIndex.get(name)
    if (first === undefined) {
      firstIndex.set(name, index)
      return
    }
    const seen = source.positionOf(['workloads', first, 'name']).line
    issues.push(
      source.issue({
        path,
        message: `duplicate workload name ${name}, first used on line ${seen}`,
        fix: 'give each workload a unique name'
      })
    )
  })
  return issues
}

/**
 * Invisible characters, which let two names look the same while they
 * differ: format characters (Unicode category Cf, such as U+200B ZERO
 * WIDTH SPACE), the other default-ignorable code points (such as U+3164
 * HANGUL FILLER), and the line and paragraph separators.
 */
const INVISIBLE_NAME_CHARACTER =
  /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u

function describeNameProblem(
  name: string,
  subject = 'workload name'
): { message: string; fix: string } | undefined {
  const control = FORBIDDEN_NAME_CHARACTER.exec(name)?.[0]
  if (control !== undefined) {
    return {
      message: `the ${subject} contains the control character ${codePointOf(control)}`,
      fix: 'write the name on one line with printable characters only'
    }
  }
  const invisible = INVISIBLE_NAME_CHARACTER.exec(name)?.[0]
  if (invisible !== undefined) {
    return {
      message: `the ${subject} contains the invisible character ${codePointOf(invisible)}`,
      fix: 'delete it, so that two names cannot look the same while they differ'
    }
  }
  if (name.trim() === '' && name !== '') {
    return { message: 'the name is empty', fix: 'write a name' }
  }
  return undefined
}

/** Writes a character's code point as `U+200B`. */
function codePointOf(character: string): string {
  const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase()
  return `U+${code.padStart(4, '0')}`
}

/**
 * Rejects `models:` keys with control or invisible characters, such as
 * "gpt-5.4" followed by U+200B, and keys outside printable ASCII that are
 * no catalog name, because either could make a custom model read as a
 * catalog one.
 */
function checkModelKeys(
  source: UsageSource,
  models: Tree | undefined,
  catalog: ModelNameLookup | undefined
): ConfigIssue[] {
  if (!models) return []
  return Object.keys(models).flatMap(name => {
    const problem =
      describeNameProblem(name, 'model name') ??
      describeForeignModelName(name, catalog)
    if (!problem) return []
    return [
      source.issue({
        path: ['models', name],
        ...problem,
        value: name,
        at: 'key'
      })
    ]
  })
}

/**
 * Reports model names that neither `models:` nor the catalog defines. The
 * cost engine resolves names the same way (trimmed, case-insensitive, by id
 * or alias) and stays the check of record once the file is otherwise valid.
 */
function checkModelNames(
  source: UsageSource,
  root: Tree,
  catalog: ModelNameLookup
): ConfigIssue[] {
  const own = new Set(Object.keys(asRecord(root.models) ?? {}).map(normalize))
  const isKnown = (name: string) =>
    own.has(normalize(name)) || catalog.has(name)
  const issues: ConfigIssue[] = []
  const check = (name: unknown, path: PathSegment[], subject: string) => {
    if (typeof name !== 'string' || name === '' || isKnown(name)) return
    const foreign = describeForeignModelName(name, catalog)
    if (foreign) {
      issues.push(source.issue({ path, ...foreign }))
      return
    }
    const closest = catalog.closest(name).map(id => `"${id}"`)
    issues.push(
      source.issue({
        path,
        message: `${subject} "${name}"`,
        fix: closest.length
          ? `use a catalog name such as ${closest.join(', ')}, or add the model with its prices under models:`
          : 'add the model with its prices under models:'
      })
    )
  }
  asArray(root.workloads).forEach((workload, index) => {
    const entry = asRecord(workload)
    const path = ['workloads', index]
    check(entry?.model, [...path, 'model'], 'unknown model')
    asArray(entry?.routes).forEach((route, routeIndex) => {
      const model = asRecord(route)?.model
      check(model, [...path, 'routes', routeIndex, 'model'], 'unknown model')
    })
  })
  asArray(root.discounts).forEach((discount, index) => {
    const model = asRecord(discount)?.model
    check(model, ['discounts', index, 'model'], 'discount names unknown model')
  })
  return issues
}

/**
 * Rejects a model name with characters outside printable ASCII that is not
 * a catalog id or alias. Provider model ids are ASCII, and such a name can
 * pass for a catalog model on screen, as "сlaude-sonnet-4.6" does with a
 * Cyrillic U+0441, while it prices as a model of its own. The message
 * names the catalog model that the name's ASCII skeleton matches.
 */
function describeForeignModelName(
  name: string,
  catalog: ModelNameLookup | undefined
): { message: string; fix: string } | undefined {
  if (!hasNonAscii(name.trim()) || catalog?.has(name)) return undefined
  const points = listNonAscii(name).join(', ')
  const skeleton = asciiSkeleton(name.trim())
  const match =
    skeleton === undefined
      ? undefined
      : (catalog?.idOf?.(skeleton) ??
        (catalog?.has(skeleton) ? skeleton : undefined))
  if (match !== undefined) {
    return {
      message: `the model name "${name}" contains ${points}, outside printable ASCII, and looks like the catalog model ${match}`,
      fix: `write ${match} in ASCII to use the catalog model, or give a custom model a name in printable ASCII`
    }
  }
  return {
    message: `the model name "${name}" contains ${points}, outside printable ASCII`,
    fix: 'write the model name in printable ASCII, as provider model ids are, so that it cannot pass for another model'
  }
}

function normalize(name: string): string {
  return name.trim().toLowerCase()
}

function checkProfileNames(
  source: UsageSource,
  root: Tree,
  workloads: unknown[]
): ConfigIssue[] {
  const defined = new Set([
    ...Object.keys(BUILT_IN_PROFILES),
    ...Object.keys(asRecord(root.profiles) ?? {})
  ])
  const issues: ConfigIssue[] = []
  workloads.forEach((workload, index) => {
    const profile = asRecord(workload)?.profile
    if (typeof profile !== 'string' || defined.has(profile)) return
    const closest = findClosestName(profile, defined)
    const list = [...defined].join(', ')
    issues.push(
      source.issue({
        path: ['workloads', index, 'profile'],
        message: `unknown profile ${profile}, defined profiles: ${list}`,
        fix: closest
          ? `did you mean ${closest}? Or define ${profile} under profiles:`
          : `use one of ${list}, or define ${profile} under profiles:`
      })
    )
  })
  return issues
}

function checkBudgetNames(
  source: UsageSource,
  root: Tree,
  workloads: unknown[]
): ConfigIssue[] {
  const budgets = asRecord(asRecord(root.budgets)?.workloads)
  if (!budgets) return []
  const names = new Set(
    workloads
      .map(readName)
      .filter(name => name !== undefined)
      .map(name => name.trim())
  )
  return Object.keys(budgets)
    .filter(name => !names.has(name))
    .map(name => {
      const closest = findClosestName(name, names)
      return source.issue({
        path: ['budgets', 'workloads', name],
        message: `budget for ${name}, but no workload has that name`,
        fix: closest
          ? suggestBudgetName(name, closest)
          : `use a workload name: ${[...names].join(', ')}`,
        value: name,
        at: 'key'
      })
    })
}

/**
 * Suggests the workload name closest to a budget key. When either has a
 * character outside printable ASCII, the two can look the same, so the fix
 * names the code points that tell them apart.
 */
function suggestBudgetName(key: string, closest: string): string {
  if (!hasNonAscii(key) && !hasNonAscii(closest)) {
    return `did you mean ${closest}?`
  }
  return `did you mean the workload ${describeName(closest)}? The budget key is ${describeName(key)}, and the two differ although they can look alike`
}

/**
 * Reports a model named by two routes of one workload, also through two
 * aliases of one catalog model. The cost would add up, but the split reads
 * as two models and is most often a copied line that was not edited.
 */
function checkRouteModels(
  source: UsageSource,
  routes: unknown[],
  path: PathSegment[],
  models?: ModelNameLookup
): ConfigIssue[] {
  const first = new Map<string, number>()
  const issues: ConfigIssue[] = []
  routes.forEach((route, index) => {
    const model = asRecord(route)?.model
    if (typeof model !== 'string') return
    const key = models?.idOf?.(model) ?? normalize(model)
    const earlier = first.get(key)
    if (earlier === undefined) {
      first.set(key, index)
      return
    }
    const other = asRecord(routes[earlier])?.model
    issues.push(
      source.issue({
        path: [...path, index, 'model'],
        message: `a second route to ${String(other)}, which routes[${earlier}] names already`,
        fix: 'merge the two routes into one whose share is the sum of both'
      })
    )
  })
  return issues
}

function checkWorkloadNumbers(
  source: UsageSource,
  workload: Tree | undefined,
  path: PathSegment[]
): ConfigIssue[] {
  if (!workload) return []
  return [
    ...checkRouteShares(source, asArray(workload.routes), [...path, 'routes']),
    ...checkCacheShares(source, [...path, 'cache']),
    ...checkReasoningRange(source, asRecord(workload.reasoning), [
      ...path,
      'reasoning'
    ])
  ]
}

function checkRouteShares(
  source: UsageSource,
  routes: unknown[],
  path: PathSegment[]
): ConfigIssue[] {
  if (routes.length === 0) return []
  const sharePaths = routes.map((_, index) => [...path, index, 'share'])
  const shares = sharePaths.map(sharePath => source.exactAt(sharePath))
  // A share that is invalid on its own has its own error, and a sum of
  // `80 + 20` would only repeat it.
  if (shares.some(share => share === undefined || !isRatio(share))) return []

  const sum = shares.reduce<Fraction>(
    (total, share) => total.add(share ?? 0),
    new Fraction(0)
  )
  if (sum.sub(1).abs().lte(SHARE_SUM_TOLERANCE)) return []
  return [
    source.issue({
      path,
      message: `the route shares add up to ${formatPercent(sum)}, not 100%`,
      fix: 'change the shares so that they add up to 100%',
      value: sharePaths
        .map(sharePath => source.writtenAt(sharePath))
        .join(' + ')
    })
  ]
}

/** Tells whether a value is a valid share, from 0 to 1. */
function isRatio(value: Fraction): boolean {
  return value.gte(0) && value.lte(1)
}

function checkCacheShares(
  source: UsageSource,
  path: PathSegment[]
): ConfigIssue[] {
  const read = source.exactAt([...path, 'read'])
  const write = source.exactAt([...path, 'write'])
  if (!read || !write || !isRatio(read) || !isRatio(write)) return []
  if (read.add(write).lte(1)) return []
  return [
    source.issue({
      path,
      message: `cache.read and cache.write add up to ${formatPercent(read.add(write))}, above 100% of input tokens`,
      fix: 'lower cache.read or cache.write so that together they are at most 100%',
      value: `${source.writtenAt([...path, 'read'])} + ${source.writtenAt([...path, 'write'])}`
    })
  ]
}

function checkReasoningRange(
  source: UsageSource,
  reasoning: Tree | undefined,
  path: PathSegment[]
): ConfigIssue[] {
  if (!reasoning || !Array.isArray(reasoning.range)) return []
  const kind = reasoning.multiplier === undefined ? 'tokens' : 'multiplier'
  const expected = source.exactAt([...path, kind])
  const low = source.exactAt([...path, 'range', 0])
  const high = source.exactAt([...path, 'range', 1])
  if (!expected || !low || !high) return []
  if (low.lte(expected) && expected.lte(high)) return []
  const value = formatDecimal(expected)
  return [
    source.issue({
      path: [...path, 'range'],
      message: `the range does not contain the expected ${kind} ${value}`,
      fix: `write [low, high] with low at most ${value} and high at least ${value}`
    })
  ]
}

function checkDiscountTargets(
  source: UsageSource,
  discounts: unknown[]
): ConfigIssue[] {
  const seen = new Map<string, number>()
  const issues: ConfigIssue[] = []
  discounts.forEach((discount, index) => {
    const entry = asRecord(discount)
    const key = ['provider', 'model'].find(
      name => typeof entry?.[name] === 'string'
    )
    if (!key || !entry) return
    const target = `${key} ${String(entry[key]).toLowerCase()}`
    const first = seen.get(target)
    if (first === undefined) {
      seen.set(target, index)
      return
    }
    issues.push(
      source.issue({
        path: ['discounts', index, key],
        message: `a second discount for ${target}, but discounts do not stack`,
        fix: `keep one discount for ${target} (the other is discounts[${first}])`
      })
    )
  })
  return issues
}

function checkPriceUnits(
  source: UsageSource,
  models: Tree | undefined
): ConfigIssue[] {
  if (!models) return []
  const tierKeys = PRICE_KEYS.map(key => ['long-context', key])
  const keys = [...PRICE_KEYS.map(key => [key]), ...tierKeys]
  return Object.keys(models).flatMap(model =>
    keys.flatMap(key => {
      const path = ['models', model, ...key]
      const price = source.exactAt(path)
      const issue = price && describeUnitSlip(price)
      if (!issue) return []
      return [source.issue({ path, ...issue, severity: 'warning' })]
    })
  )
}

function describeUnitSlip(
  price: Fraction
): { message: string; fix: string } | undefined {
  const written = formatDecimal(price)
  if (price.gt(MAX_PLAUSIBLE_PRICE)) {
    return {
      message: `$${written} per 1M tokens is above $1000, which suggests a unit slip`,
      fix: 'write the price in USD per 1,000,000 tokens, as providers publish it'
    }
  }
  if (price.gt(0) && price.lt(MIN_PLAUSIBLE_PRICE)) {
    const perToken = formatDecimal(price.mul(1_000_000))
    const perThousand = formatDecimal(price.mul(1000))
    return {
      message: `$${written} per 1M tokens is below $0.001, which suggests a price per token or per 1,000 tokens`,
      fix: `write the price in USD per 1,000,000 tokens: ${perToken} if ${written} is per token, ${perThousand} if it is per 1,000 tokens`
    }
  }
  return undefined
}
