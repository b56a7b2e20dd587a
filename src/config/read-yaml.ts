import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  YAMLParseError,
  type CST,
  type Document,
  type Node,
  type Scalar,
  type YAMLError
} from 'yaml'
import { timed } from '../timings.js'
import { hasLeadingZero, parseDecimal } from './numbers.js'
import type { ConfigIssue } from './types.js'
import {
  findTooDeepOffset,
  findBadAliases,
  type BadAlias,
  MAX_NESTING_DEPTH
} from './yaml-limits.js'
import {
  addChildEntry,
  UsageSource,
  type PathSegment,
  type SourceEntry
} from './yaml-source.js'

/**
 * Maximum size of a usage file in MiB of UTF-8, checked before parsing. About
 * 17,000 workloads of four lines each fit in 2 MiB. The `yaml` library takes
 * about 1.3 s and 290 MiB to parse that much, and a run on a 4 MiB file took
 * 7 s and 800 MiB (docs/benchmarks.md has the measurements and machine).
 */
export const MAX_FILE_MIB = 2

/** MAX_FILE_MIB in bytes. */
export const MAX_FILE_BYTES = MAX_FILE_MIB * 1024 * 1024

/**
 * The `maxAliasCount` given to the `yaml` library: an anchor may be expanded
 * about this many times, and an alias to a node that itself contains aliases
 * counts as all the expansions it causes. This stops "billion laughs" files.
 */
export const MAX_ALIAS_COUNT = 100

/**
 * Maximum number of YAML nodes copied through aliases and `<<` merge keys in one file. This
 * also bounds a large anchored mapping reused many times, which
 * `MAX_ALIAS_COUNT` alone lets through.
 */
export const MAX_ALIAS_NODES = 10_000

/** A YAML file read into plain data, with the node behind every path. */
export interface YamlReadResult {
  source: UsageSource
  /** Plain data of the document, or undefined when it could not be read. */
  tree: unknown
  issues: ConfigIssue[]
}

interface WalkContext {
  doc: Document.Parsed
  source: UsageSource
  issues: ConfigIssue[]
  aliasNodes: number
  /** Set when the walk resolved an alias or skipped a value it did not read. */
  needsAliasCheck: boolean
}

interface PairSource {
  key: Node
  value: unknown
  /** Whether the pair came from a `<<` merge key. */
  merged: boolean
}

class AliasLimitError extends Error {}

/** Thrown by the walk at a list or mapping that aliases nest too deep. */
class NestingLimitError extends Error {
  constructor(readonly offset: number) {
    super('nesting limit')
  }
}

const YAML_FIXES: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'remove or rename one of the two keys',
  BAD_ALIAS: 'define the anchor (&name) before the alias (*name) that uses it',
  MULTIPLE_DOCS: 'keep one YAML document in the file (remove the extra ---)',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'align the key with the other keys of its mapping',
  BAD_DQ_ESCAPE: 'fix the backslash escape in the double-quoted text',
  RESOURCE_EXHAUSTION: 'use fewer aliases'
}

/** Messages that replace the `yaml` library's own where it names its API. */
const YAML_MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  MULTIPLE_DOCS:
    'the file contains more than one YAML document, because a second --- starts another'
}

const BYTE_ORDER_MARK = '\uFEFF'
const REPLACEMENT_CHARACTER = '\uFFFD'

/**
 * Reads a usage file's text into plain data, with limits on size and alias
 * expansion and positioned YAML errors. A leading byte order mark is ignored.
 */
export function readYaml(written: string, file: string): YamlReadResult {
  // Editors on Windows often save UTF-8 with a byte order mark. Dropping it
  // keeps the columns of line 1 right.
  const text = written.startsWith(BYTE_ORDER_MARK) ? written.slice(1) : written
  const lineCounter = new LineCounter()
  const source = new UsageSource(file, text, lineCounter)

  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_FILE_BYTES) {
    const issue = source.issue({
      path: [],
      message: `the file is larger than the limit of ${MAX_FILE_BYTES} bytes (${MAX_FILE_MIB} MiB)`,
      fix: `shorten the file to under ${MAX_FILE_MIB} MiB, for example by moving repeated token counts into profiles:`,
      value: `${bytes} bytes`
    })
    return { source, tree: undefined, issues: [issue] }
  }

  const parsed = parseText(source, lineCounter)
  if ('issue' in parsed) {
    return { source, tree: undefined, issues: [parsed.issue] }
  }
  const doc = parsed.doc

  const issues = [
    ...doc.errors.map(error => yamlErrorIssue(source, doc, error, 'error')),
    ...doc.warnings.map(error => yamlErrorIssue(source, doc, error, 'warning'))
  ]
  // A duplicate key leaves a sound tree, so the rest of the file is still
  // checked and every error is reported at once. Other syntax errors do not.
  if (doc.errors.some(error => error.code !== 'DUPLICATE_KEY')) {
    return { source, tree: undefined, issues }
  }

  if (doc.contents === null || isEmptyScalar(doc.contents)) {
    issues.push(
      source.issue({
        path: [],
        message: 'the file is empty',
        fix: 'start the file with version: 1 and list the workloads'
      })
    )
    return { source, tree: undefined, issues }
  }

  // The alias checks take a pass over the whole document each, so they run
  // only when the walk met an alias, left a value unread or stopped at a
  // limit. The walk itself stops after MAX_ALIAS_NODES copies and
  // MAX_NESTING_DEPTH levels, so it cannot blow up first. The checks then
  // decide as if they had run before the walk.
  const documentIssues = [...issues]
  const walked = timed('walk YAML', () => walkDocument(source, doc, issues))
  if (!walked.needsAliasCheck) return walked.result
  const aliasIssues = timed('check aliases', () =>
    checkAliases(source, doc, documentIssues)
  )
  return aliasIssues
    ? { source, tree: undefined, issues: aliasIssues }
    : walked.result
}

/**
 * Parses the text into a document, or returns the issue that stops it: text
 * that is not UTF-8, or nesting deeper than MAX_NESTING_DEPTH. The parser's
 * tokens stay local, so they can be collected while the document is read.
 */
function parseText(
  source: UsageSource,
  lineCounter: LineCounter
): { doc: Document.Parsed } | { issue: ConfigIssue } {
  const text = source.text
  // The parser fills the line counter, so the encoding is checked after it.
  // An encoding problem also explains any syntax errors.
  const tokens = timed('parse YAML', () =>
    Array.from(new Parser(lineCounter.addNewLine).parse(text))
  )
  const encodingIssue = checkEncoding(source)
  if (encodingIssue) return { issue: encodingIssue }
  const tooDeep = timed('check nesting', () => findTooDeepOffset(tokens))
  if (tooDeep !== undefined) return { issue: nestingIssue(source, tooDeep) }
  return {
    doc: timed('parse YAML', () => composeDocument(tokens, text.length))
  }
}

/**
 * Builds the document from the parser's tokens as `parseDocument` does, and
 * reports a second document as an error.
 */
function composeDocument(tokens: CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true, merge: true })
  let doc: Document.Parsed | undefined
  for (const next of composer.compose(tokens, true, length)) {
    if (doc === undefined) {
      doc = next
      continue
    }
    const range: [number, number] = [next.range[0], next.range[1]]
    doc.errors.push(
      new YAMLParseError(range, 'MULTIPLE_DOCS', 'more than one document')
    )
    break
  }
  // compose(tokens, true) always ends with a document, empty or not.
  if (doc === undefined)
    throw new Error('the YAML composer returned no document')
  return doc
}

function nestingIssue(source: UsageSource, offset: number): ConfigIssue {
  return positionedIssue(
    source,
    {
      message: `lists and mappings are nested deeper than ${MAX_NESTING_DEPTH} levels`,
      fix: 'nest values at most a few levels deep, as the format does: workloads[0].routes[0].model is 5 levels'
    },
    offset,
    false
  )
}

function badAliasIssue(source: UsageSource, bad: BadAlias): ConfigIssue {
  const name = bad.alias.source
  const words =
    bad.problem === 'unknown'
      ? {
          message: `unknown alias *${name}: no anchor &${name} is defined before it`,
          fix: `mark the value to repeat with &${name} above this line, or write the value out`
        }
      : {
          message: `the alias *${name} is inside the value &${name} that it repeats, which would never end`,
          fix: `move *${name} out of the value that &${name} marks`
        }
  return positionedIssue(source, words, bad.alias.range?.[0] ?? 0, false)
}

/**
 * Reports text that was not valid UTF-8. Readers decode files as UTF-8 and
 * replace each invalid byte with U+FFFD, so that character marks the spot. A
 * NUL character marks UTF-16, which Windows tools such as PowerShell's `>`
 * write.
 */
function checkEncoding(source: UsageSource): ConfigIssue | undefined {
  const nul = source.text.indexOf('\u0000')
  if (nul >= 0) {
    // The line would show the NUL characters, so the issue has no value.
    return positionedIssue(
      source,
      {
        message:
          'the file contains NUL characters, as a file saved as UTF-16 does',
        fix: 'save the file as UTF-8'
      },
      nul,
      false
    )
  }
  const invalid = source.text.indexOf(REPLACEMENT_CHARACTER)
  if (invalid < 0) return undefined
  return positionedIssue(
    source,
    {
      message:
        'the file is not valid UTF-8: a byte here is not part of a UTF-8 character (it reads as U+FFFD)',
      fix: 'save the file as UTF-8, as editors and git do by default'
    },
    invalid
  )
}

function positionedIssue(
  source: UsageSource,
  words: { message: string; fix: string },
  offset: number,
  showLine = true
): ConfigIssue {
  const issue = source.issue({
    path: [],
    ...words,
    value: showLine ? source.lineAt(offset) : null
  })
  const position = source.positionOfOffset(offset)
  return { ...issue, line: position.line, column: position.column }
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && !node.tag
}

function yamlErrorIssue(
  source: UsageSource,
  doc: Document.Parsed,
  error: YAMLError,
  severity: 'error' | 'warning'
): ConfigIssue {
  const [start, end] = error.pos
  // A syntax error can leave a tree whose paths mislead, so only a duplicate
  // key, which parses cleanly, gets a path and a value.
  const duplicate = error.code === 'DUPLICATE_KEY'
  const issue = source.issue({
    path: duplicate ? findPathAtOffset(doc.contents, start) : [],
    message: `invalid YAML: ${YAML_MESSAGES[error.code] ?? error.message}`,
    fix: YAML_FIXES[error.code] ?? 'correct the YAML syntax at this position',
    severity,
    ...(duplicate
      ? { value: source.excerpt(start, keyEnd(doc.contents, start, end)) }
      : {})
  })
  // The error marks the offending text, which is more precise than the node
  // that its path leads to.
  const position = source.positionOfOffset(start)
  return { ...issue, line: position.line, column: position.column }
}

/** Returns the path of the deepest mapping key or item that contains an offset, without following aliases. */
function findPathAtOffset(node: unknown, offset: number): PathSegment[] {
  if (isSeq(node)) {
    const index = node.items.findIndex(item => contains(item, offset))
    if (index < 0) return []
    return [index, ...findPathAtOffset(node.items[index], offset)]
  }
  if (!isMap(node)) return []
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    if (key === undefined) continue
    if (contains(pair.key, offset)) return [key]
    if (contains(pair.value, offset)) {
      return [key, ...findPathAtOffset(pair.value, offset)]
    }
  }
  return []
}

function contains(node: unknown, offset: number): boolean {
  if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) {
    return false
  }
  const range = node.range
  return range != null && range[0] <= offset && offset < range[2]
}

/** Returns the end of the key that starts at an offset, for the value of a duplicate-key error. */
function keyEnd(contents: unknown, start: number, fallback: number): number {
  let end = fallback
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const range = isScalar(pair.key) ? pair.key.range : undefined
        if (range?.[0] === start) end = range[1]
        visit(pair.value)
      }
    } else if (isSeq(node)) {
      node.items.forEach(visit)
    }
  }
  visit(contents)
  return end
}

/**
 * Returns the issues of aliases that name no anchor or repeat a value they
 * are part of, with the issues of the document, or else the issue of the
 * `yaml` library's alias limit, or undefined when the aliases are sound.
 */
function checkAliases(
  source: UsageSource,
  doc: Document.Parsed,
  documentIssues: ConfigIssue[]
): ConfigIssue[] | undefined {
  const badAliases = findBadAliases(doc)
  if (badAliases.length > 0) {
    return [
      ...documentIssues,
      ...badAliases.map(bad => badAliasIssue(source, bad))
    ]
  }
  const aliasIssue = checkAliasCount(source, doc)
  return aliasIssue ? [aliasIssue] : undefined
}

/** Runs the `yaml` library's own alias limit, which rejects exponential alias expansion. */
function checkAliasCount(
  source: UsageSource,
  doc: Document.Parsed
): ConfigIssue | undefined {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    return undefined
  } catch (error) {
    // The library raises a ReferenceError for too many expansions. Other
    // errors, such as a merge key that names a list of numbers, are reported
    // with their path by the walk that follows.
    if (error instanceof ReferenceError)
      return aliasIssue(source, error.message)
    if (error instanceof Error) return undefined
    throw error
  }
}

function aliasIssue(source: UsageSource, detail: string): ConfigIssue {
  return source.issue({
    path: [],
    message: `aliases expand beyond the limit (${MAX_ALIAS_COUNT} expansions of an anchor, ${MAX_ALIAS_NODES} copied nodes): ${detail}`,
    fix: 'write the repeated values out, or use fewer nested aliases'
  })
}

function walkDocument(
  source: UsageSource,
  doc: Document.Parsed,
  issues: ConfigIssue[]
): { result: YamlReadResult; needsAliasCheck: boolean } {
  const context: WalkContext = {
    doc,
    source,
    issues,
    aliasNodes: 0,
    needsAliasCheck: false
  }
  try {
    const tree = walkNode(
      context,
      doc.contents,
      [],
      undefined,
      source.root,
      undefined,
      false
    )
    const result = { source, tree, issues }
    return { result, needsAliasCheck: context.needsAliasCheck }
  } catch (error) {
    if (error instanceof NestingLimitError) {
      const issue = nestingIssue(source, error.offset)
      const result = { source, tree: undefined, issues: [issue] }
      return { result, needsAliasCheck: true }
    }
    if (!(error instanceof AliasLimitError)) throw error
    const result = {
      source,
      tree: undefined,
      issues: [aliasIssue(source, 'too many nodes copied')]
    }
    return { result, needsAliasCheck: true }
  }
}

/**
 * Converts a node into plain data: null-prototype objects, arrays and
 * scalars, and records the node in its source entry. The node's path is
 * `parentPath` and then `segment` (none at the root).
 */
function walkNode(
  context: WalkContext,
  value: unknown,
  parentPath: PathSegment[],
  segment: PathSegment | undefined,
  entry: SourceEntry,
  key: Node | undefined,
  throughAlias: boolean
): unknown {
  let node = value
  let copied = throughAlias
  if (isAlias(node)) {
    node = node.resolve(context.doc)
    copied = true
    context.needsAliasCheck = true
  }
  if (copied && ++context.aliasNodes > MAX_ALIAS_NODES) {
    throw new AliasLimitError()
  }
  // The parser's tokens are checked for depth already, but an alias can put
  // a deep value at a deep place.
  const depth = parentPath.length + (segment === undefined ? 0 : 1)
  if ((isMap(node) || isSeq(node)) && depth >= MAX_NESTING_DEPTH) {
    throw new NestingLimitError(node.range?.[0] ?? 0)
  }

  if (key) entry.key = key

  if (isScalar(node)) {
    entry.node = node
    return readScalar(node, entry)
  }
  // Only collections need their path, for issues about their keys, so most
  // nodes, the scalars, never build one.
  const path = segment === undefined ? parentPath : [...parentPath, segment]
  if (isSeq(node)) {
    entry.node = node
    return node.items.map((item, index) =>
      walkNode(
        context,
        item,
        path,
        index,
        addChildEntry(entry, index),
        undefined,
        copied
      )
    )
  }
  if (isMap(node)) {
    entry.node = node
    return walkMap(context, node, path, entry, copied)
  }
  return null
}

/**
 * Returns the value of a scalar. A number becomes a JS number only for the
 * schema's type and range checks, and its exact value, read from its source
 * text, goes into the entry. A number in another form (hex, octal, `.nan`,
 * `.inf`, out of range, a leading zero) stays text, so the schema reports it
 * as not a number.
 */
function readScalar(node: Scalar, entry: SourceEntry): unknown {
  const value = node.value
  if (typeof value === 'number') {
    const text = node.source ?? ''
    // parseDecimal() also rejects text that is not in decimal form. A
    // leading zero reads as octal in YAML 1.1 tools, so it stays text and the
    // schema reports it.
    const exact = hasLeadingZero(text) ? undefined : parseDecimal(text)
    if (exact === undefined || !Number.isFinite(value)) return text
    entry.exact = exact
    return value
  }
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return value
  }
  // Other tags, such as !!binary, are kept as the text that was written.
  return node.source ?? null
}

function walkMap(
  context: WalkContext,
  node: Node,
  path: PathSegment[],
  entry: SourceEntry,
  copied: boolean
): Record<string, unknown> {
  // A null prototype keeps keys such as `constructor` as plain data.
  const result = Object.create(null) as Record<string, unknown>
  // forEach() spares the [name, pair] array that a for...of makes per pair.
  collectPairs(context, node, path).forEach((pair, name) => {
    result[name] = walkNode(
      context,
      pair.value,
      path,
      name,
      addChildEntry(entry, name),
      pair.key,
      copied || pair.merged
    )
  })
  return result
}

/**
 * Lists the pairs of a mapping by key, with `<<` merge keys applied: an
 * explicit key beats a merged one wherever it is written, and among merged
 * mappings the earlier one wins, as in the YAML 1.1 merge key type.
 */
function collectPairs(
  context: WalkContext,
  node: unknown,
  path: PathSegment[]
): Map<string, PairSource> {
  const pairs = new Map<string, PairSource>()
  if (!isMap(node)) return pairs

  const merges: unknown[] = []
  for (const pair of node.items) {
    if (!isPair(pair)) continue
    if (isMergeKey(pair.key)) {
      merges.push(pair.value)
      continue
    }
    const name = readKey(context, pair.key, path)
    if (name === undefined) continue
    pairs.set(name, { key: pair.key as Node, value: pair.value, merged: false })
  }

  for (const merge of merges) {
    for (const mapping of mergeSources(context, merge, path)) {
      for (const [name, pair] of collectPairs(context, mapping, path)) {
        if (!pairs.has(name)) pairs.set(name, { ...pair, merged: true })
      }
    }
  }
  return pairs
}

function isMergeKey(key: unknown): boolean {
  // With `merge: true`, the `yaml` library resolves a plain `<<` key to a
  // scalar whose value is a symbol.
  return isScalar(key) && typeof key.value === 'symbol'
}

function mergeSources(
  context: WalkContext,
  value: unknown,
  path: PathSegment[]
): unknown[] {
  context.needsAliasCheck = true
  const resolved = isAlias(value) ? value.resolve(context.doc) : value
  const items = isSeq(resolved) ? resolved.items : [resolved]
  const mappings = items.map(item =>
    isAlias(item) ? item.resolve(context.doc) : item
  )
  if (mappings.every(item => isMap(item))) return mappings

  context.issues.push(
    context.source.issue({
      path,
      message: 'a << merge key must name a mapping or a list of mappings',
      fix: 'write <<: *anchor where &anchor marks a mapping'
    })
  )
  return mappings.filter(item => isMap(item))
}

/** Returns a mapping key as text, or reports a key that cannot be one. */
function readKey(
  context: WalkContext,
  key: unknown,
  path: PathSegment[]
): string | undefined {
  const name = keyText(key)
  // The value of a rejected key is not walked, so the alias limit must
  // still look at it.
  if (name === undefined || name === '__proto__') context.needsAliasCheck = true
  if (name === undefined) {
    const range = isMap(key) || isSeq(key) ? key.range : undefined
    context.issues.push(
      withOffset(
        context,
        context.source.issue({
          path,
          message: 'a mapping key must be plain text, not a list or mapping',
          fix: 'write the key as text'
        }),
        range?.[0]
      )
    )
    return undefined
  }
  if (name === '__proto__') {
    // JavaScript objects give this key a special meaning, and zod skips it in
    // records, so it could neither be stored nor checked safely.
    context.issues.push(
      withOffset(
        context,
        context.source.issue({
          path: [...path, name],
          message: 'the key __proto__ is not allowed',
          fix: 'rename the key',
          value: name
        }),
        isScalar(key) ? key.range?.[0] : undefined
      )
    )
    return undefined
  }
  return name
}

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined
  if (typeof key.value === 'string') return key.value
  return key.source ?? String(key.value)
}

function withOffset(
  context: WalkContext,
  issue: ConfigIssue,
  offset: number | undefined
): ConfigIssue {
  if (offset === undefined) return issue
  const position = context.source.positionOfOffset(offset)
  return { ...issue, line: position.line, column: position.column }
}
