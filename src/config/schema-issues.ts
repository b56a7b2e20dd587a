import { isScalar, isSeq, Scalar } from 'yaml'
import { z } from 'zod'
import {
  diagnoseNumberText,
  formatDecimal,
  isPercentText,
  parseDecimal
} from './numbers.js'
import { growthSchema, RATIO_SCHEMAS, usageFileSchema } from './schema.js'
import { findClosestName, toKebabCase } from './suggest.js'
import type { ConfigIssue } from './types.js'
import type { UsageSource } from './yaml-source.js'

type SchemaIssue = z.core.$ZodIssue
type IssuePath = readonly PropertyKey[]

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  string: 'text',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  boolean: 'true or false'
}

const MISSING_KEY_FIXES: Record<string, string> = {
  version: 'add version: 1 at the top of the file',
  workloads: 'add workloads: with one entry per workload',
  name: 'add name: followed by a name for the workload',
  requests: 'add requests: { per-month: 10000 }, for example',
  model: 'add model: followed by a model name',
  share: 'add share: 50%, for example',
  off: 'add off: 10%, for example',
  input: 'add input: followed by a number',
  output: 'add output: followed by a number'
}

/** A percentage with spaces before the sign, such as `5 %`. */
const SPACED_PERCENT = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s+%$/

/**
 * Words that YAML 1.1 tools read as booleans and YAML 1.2, which this tool
 * reads, as text. A file written for an older tool may use them.
 */
const YAML_11_BOOLEANS = new Set(
  ['y', 'yes', 'n', 'no', 'on', 'off'].flatMap(word => [
    word,
    word.toUpperCase(),
    word.charAt(0).toUpperCase() + word.slice(1)
  ])
)

/**
 * Converts the schema's issues into positioned issues in plain words, each
 * with a fix. A missing key that a misspelt key of the same mapping explains
 * is left out: `profle: simple` is one error, "unknown key profle, did you
 * mean profile?", and not also "a workload needs profile or tokens".
 */
export function describeSchemaIssues(
  source: UsageSource,
  issues: readonly SchemaIssue[]
): ConfigIssue[] {
  const misspelt = findMisspeltKeys(issues)
  return issues
    .filter(issue => !isExplainedByMisspelling(source, issue, misspelt))
    .flatMap(issue => describeSchemaIssue(source, issue))
}

/** Maps the path of each mapping to the valid keys that its unknown keys are closest to. */
function findMisspeltKeys(
  issues: readonly SchemaIssue[]
): Map<string, Set<string>> {
  const misspelt = new Map<string, Set<string>>()
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue
    const valid = listKeys(findSchemaAt(issue.path))
    for (const key of issue.keys) {
      const closest = findClosestName(key, valid)
      if (closest === undefined) continue
      const parent = pathKey(issue.path)
      const keys = misspelt.get(parent) ?? new Set<string>()
      keys.add(closest)
      misspelt.set(parent, keys)
    }
  }
  return misspelt
}

/**
 * Tells whether an issue reports a missing key, or a choice of keys with none
 * written, that a misspelt key of the same mapping stands for.
 */
function isExplainedByMisspelling(
  source: UsageSource,
  issue: SchemaIssue,
  misspelt: Map<string, Set<string>>
): boolean {
  if (issue.code === 'custom') {
    const missing: unknown = issue.params?.missing
    const near = misspelt.get(pathKey(issue.path))
    return (
      Array.isArray(missing) &&
      near !== undefined &&
      missing.some((key: unknown) => typeof key === 'string' && near.has(key))
    )
  }
  if (issue.code !== 'invalid_type' || source.entryAt(issue.path)) return false
  const key = issue.path.at(-1)
  const near = misspelt.get(pathKey(issue.path.slice(0, -1)))
  return typeof key === 'string' && near?.has(key) === true
}

function pathKey(path: IssuePath): string {
  return JSON.stringify(path.map(segment => String(segment)))
}

function describeSchemaIssue(
  source: UsageSource,
  issue: SchemaIssue
): ConfigIssue[] {
  const path = issue.path
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(key => unknownKeyIssue(source, path, key))
  }
  const schema = findSchemaAt(path)
  if (schema && RATIO_SCHEMAS.has(schema) && source.entryAt(path)) {
    // Every issue of a ratio, including its percent range refinement, gets
    // one message that is chosen by the value as written.
    return [ratioIssue(source, path, schema)]
  }
  if (issue.code === 'custom') {
    const fix = readFix(issue.params) ?? 'correct the value'
    return [source.issue({ path, message: issue.message, fix })]
  }
  if (source.entryAt(path) === undefined) return [missingKeyIssue(source, path)]
  return [valueIssue(source, path, issue, schema)]
}

function readFix(
  params: Record<string, unknown> | undefined
): string | undefined {
  const fix = params?.fix
  return typeof fix === 'string' ? fix : undefined
}

function unknownKeyIssue(
  source: UsageSource,
  path: IssuePath,
  key: string
): ConfigIssue {
  const valid = listKeys(findSchemaAt(path))
  const closest = findClosestName(key, valid)
  let fix = `use one of: ${valid.join(', ')}`
  if (/^\d+$/.test(key)) {
    // `{ per-day: 1,000 }` reads as per-day: 1 and a key 000.
    fix = 'write numbers without thousands separators: 1000000, not 1,000,000'
  } else if (closest && toKebabCase(key) === closest) {
    fix = `write ${closest}, because keys are kebab-case`
  } else if (closest) {
    fix = `did you mean ${closest}?`
  }
  return source.issue({
    path: [...path, key],
    message: `unknown key ${key}`,
    fix,
    value: key,
    at: 'key'
  })
}

function missingKeyIssue(source: UsageSource, path: IssuePath): ConfigIssue {
  const key = String(path.at(-1) ?? '')
  const description = findSchemaAt(path)?.description
  const fix =
    MISSING_KEY_FIXES[key] ??
    `add ${key}:${description ? ` (${description})` : ''}`
  return source.issue({ path, message: `missing required key ${key}`, fix })
}

function ratioIssue(
  source: UsageSource,
  path: IssuePath,
  schema: z.ZodType
): ConfigIssue {
  const node = source.entryAt(path)?.node
  const value: unknown = isScalar(node) ? node.value : undefined
  const text = isScalar(node) ? (node.source ?? '') : ''
  const number = typeof value === 'number' ? parseDecimal(text) : undefined
  const isGrowth = schema === growthSchema

  if (number?.gt(1)) {
    return source.issue({
      path,
      message: 'a bare number above 1 is not a ratio',
      fix: `write ${text}% or ${formatDecimal(number.div(100))}`
    })
  }
  if (number || isPercentText(text)) {
    const message = isGrowth
      ? 'growth cannot be below -100%'
      : number
        ? 'a ratio cannot be negative'
        : 'a share cannot be above 100%'
    const fix = isGrowth
      ? 'write a growth of -100% or more'
      : 'write a ratio from 0% to 100%'
    return source.issue({ path, message, fix })
  }
  const spaced = SPACED_PERCENT.exec(text)
  if (spaced) {
    return source.issue({
      path,
      message: 'a percentage is written without a space before the % sign',
      fix: `write ${spaced[1] ?? ''}%`
    })
  }
  return source.issue({
    path,
    message: `expected ${schema.description ?? 'a ratio'}${describeYaml11Boolean(node)}`,
    fix: 'write 80% or 0.8'
  })
}

function valueIssue(
  source: UsageSource,
  path: IssuePath,
  issue: SchemaIssue,
  schema: z.ZodType | undefined
): ConfigIssue {
  const about = schema?.description ? ` (${schema.description})` : ''
  switch (issue.code) {
    case 'invalid_type':
      return typeIssue(source, path, issue.expected, about)
    case 'too_small':
      return tooSmallIssue(source, path, issue)
    case 'invalid_value':
      return invalidValueIssue(source, path, issue.values)
    default:
      return source.issue({
        path,
        message: `invalid value${about}${describeYaml11Boolean(source.entryAt(path)?.node)}`,
        fix: schema?.description
          ? `write ${schema.description}`
          : 'correct the value as the format of ai-usage.yml describes'
      })
  }
}

/** Explains a YAML 1.1 boolean word such as `on`, or returns an empty string. */
function describeYaml11Boolean(node: unknown): string {
  if (!isScalar(node) || node.type !== Scalar.PLAIN) return ''
  const text = node.source ?? ''
  if (!YAML_11_BOOLEANS.has(text)) return ''
  return `; ${text} is text in YAML 1.2, not a boolean as in YAML 1.1`
}

function typeIssue(
  source: UsageSource,
  path: IssuePath,
  expected: string,
  about: string
): ConfigIssue {
  const node = source.entryAt(path)?.node
  const expectedWords = TYPE_WORDS[expected] ?? expected
  if (isScalar(node) && node.value === null) {
    const remove = isRequiredKey(path) ? '' : ', or remove the key'
    return source.issue({
      path,
      message: `the value is empty, but ${expectedWords} is expected${about}`,
      fix: `write ${expectedWords} after the colon${remove}`,
      value: source.writtenAt(path) || '(nothing)'
    })
  }
  if (expected === 'number' && isScalar(node)) {
    const quoted = node.type !== Scalar.PLAIN
    const problem = diagnoseNumberText(node.source ?? '', quoted)
    if (problem) return source.issue({ path, ...problem })
  }
  if (path.length === 0) return rootTypeIssue(source, node)
  return source.issue({
    path,
    message: `expected ${expectedWords}${about}${describeYaml11Boolean(node)}`,
    fix: typeFix(expected, node)
  })
}

function rootTypeIssue(source: UsageSource, node: unknown): ConfigIssue {
  const kind = isSeq(node) ? 'a list' : 'a single value'
  return source.issue({
    path: [],
    message: `the file is ${kind}, but a usage file is a mapping of keys such as version and workloads`,
    fix: isSeq(node)
      ? 'write version: 1 and workloads: as top-level keys, without a leading "- "'
      : 'start the file with version: 1 and list the workloads under workloads:'
  })
}

function typeFix(expected: string, node: unknown): string {
  if (expected === 'string' && isScalar(node)) {
    return `write "${node.source ?? ''}" in quotes`
  }
  if (expected === 'number') return 'write a number such as 1000'
  if (expected === 'array' || expected === 'tuple') {
    return 'write a list, one "- " item per line or [a, b] on one line'
  }
  if (expected === 'object' || expected === 'record') {
    return 'write a mapping, one key: value per line or { key: value } on one line'
  }
  return `write ${TYPE_WORDS[expected] ?? expected}`
}

function tooSmallIssue(
  source: UsageSource,
  path: IssuePath,
  issue: z.core.$ZodIssueTooSmall
): ConfigIssue {
  if (issue.origin === 'string') {
    return source.issue({
      path,
      message: 'the name is empty',
      fix: 'write a name'
    })
  }
  if (issue.origin === 'array') {
    return source.issue({
      path,
      message: 'the list is empty',
      fix: 'add at least one entry'
    })
  }
  const minimum = String(issue.minimum)
  // z.number().positive() reports a minimum of 0 that is not inclusive.
  // The schema uses it only on whole-number fields.
  if (minimum === '0' && issue.inclusive === false) {
    return source.issue({
      path,
      message: 'must be more than 0',
      fix: 'write a whole number of 1 or more'
    })
  }
  const message =
    minimum === '0' ? 'must not be negative' : `must be at least ${minimum}`
  const fix =
    minimum === '1'
      ? 'write 1 or more (1 means no hidden reasoning tokens)'
      : `write ${minimum} or more`
  return source.issue({ path, message, fix })
}

function invalidValueIssue(
  source: UsageSource,
  path: IssuePath,
  values: readonly unknown[]
): ConfigIssue {
  const choices = values.map(value => String(value))
  if (path.length === 1 && path[0] === 'version') {
    return source.issue({
      path,
      message: 'unsupported version, because this tool reads version 1',
      fix: 'write version: 1 (a number, without quotes)'
    })
  }
  return source.issue({
    path,
    message: `expected one of: ${choices.join(', ')}`,
    fix: `write ${choices.join(' or ')}`
  })
}

/** Tells whether the last key of a path is one that its mapping requires. */
function isRequiredKey(path: IssuePath): boolean {
  const key = path.at(-1)
  const parent = findSchemaAt(path.slice(0, -1))
  if (typeof key !== 'string' || !(parent instanceof z.ZodObject)) return false
  const shape = parent.shape as Record<string, z.ZodType>
  const child = Object.hasOwn(shape, key) ? shape[key] : undefined
  return (
    child !== undefined &&
    !(child instanceof z.ZodOptional) &&
    !(child instanceof z.ZodNullable)
  )
}

/** Returns the schema that describes the value at a path of the file. */
function findSchemaAt(path: IssuePath): z.ZodType | undefined {
  let schema: z.ZodType | undefined = unwrapSchema(usageFileSchema)
  for (const segment of path) {
    if (!schema) return undefined
    schema = findChildSchema(schema, segment)
  }
  return schema
}

function findChildSchema(
  schema: z.ZodType,
  segment: PropertyKey
): z.ZodType | undefined {
  let child: z.ZodType | undefined
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>
    child = Object.hasOwn(shape, segment) ? shape[String(segment)] : undefined
  } else if (schema instanceof z.ZodArray) {
    child = schema.element as z.ZodType
  } else if (schema instanceof z.ZodRecord) {
    child = schema.valueType as z.ZodType
  } else if (schema instanceof z.ZodTuple) {
    child = schema.def.items[Number(segment)] as z.ZodType | undefined
  } else if (schema instanceof z.ZodUnion) {
    const options = schema.options as z.ZodType[]
    child = options
      .map(option => findChildSchema(unwrapSchema(option), segment))
      .find(found => found !== undefined)
  }
  return child && unwrapSchema(child)
}

function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType
  }
  return current
}

function listKeys(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape)
  if (schema instanceof z.ZodUnion) {
    const options = schema.options as z.ZodType[]
    return options.flatMap(option => listKeys(unwrapSchema(option)))
  }
  return []
}
