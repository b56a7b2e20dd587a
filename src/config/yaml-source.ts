import type Fraction from 'fraction.js'
import { isScalar, type LineCounter, type Node } from 'yaml'
import { parseDecimal, parsePercent } from './numbers.js'
import type { ConfigIssue, SourcePosition } from './types.js'

/** One step of a YAML path: a mapping key or a sequence index. */
export type PathSegment = string | number

/** The YAML node behind one path of the plain tree, after aliases and merge keys are resolved. */
export interface SourceEntry {
  /** The value node, absent for an empty value such as `key:` at the end of a flow mapping. */
  node?: Node
  /** The key node, for a value inside a mapping. */
  key?: Node
  /** The exact value of a number written in decimal form, read once while walking. */
  exact?: Fraction
  /** The entries of a mapping's values or a sequence's items, by key or index. */
  children?: Map<PathSegment, SourceEntry>
}

/** Fields of an issue. `value` defaults to the text written at `path`; `null` leaves it out, as when the message names it. */
export interface IssueFields {
  path: readonly PropertyKey[]
  message: string
  fix: string
  value?: string | null
  /** Point at the key instead of the value, as for an unknown key. */
  at?: 'key' | 'value'
  severity?: 'error' | 'warning'
}

const PLAIN_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/
const MAX_VALUE_CHARS = 60

/** Formats a path as `workloads[2].requests.per-day`, quoting keys such as `models["claude-sonnet-4.6"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`
    } else {
      const key = String(segment)
      if (!PLAIN_KEY_PATTERN.test(key)) text += `[${JSON.stringify(key)}]`
      else text += text === '' ? key : `.${key}`
    }
  }
  return text
}

/** Returns an entry with every field present, so all entries share one object shape. */
function emptyEntry(): SourceEntry {
  return {
    node: undefined,
    key: undefined,
    exact: undefined,
    children: undefined
  }
}

/** Adds the entry of a child of a mapping or sequence and returns it. */
export function addChildEntry(
  parent: SourceEntry,
  segment: PathSegment
): SourceEntry {
  const child = emptyEntry()
  parent.children ??= new Map()
  parent.children.set(segment, child)
  return child
}

/** A parsed usage file: its text, line index and the YAML node behind every path of its plain tree. */
export class UsageSource {
  /** The entry of the whole document, with the entries below it as children. */
  readonly root: SourceEntry = emptyEntry()

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly lineCounter: LineCounter
  ) {}

  /** Returns the 1-based line and column of a character offset. */
  positionOfOffset(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset)
    return { line: Math.max(line, 1), column: Math.max(col, 1) }
  }

  /** Returns the entry at a path, if the file has a value there. */
  entryAt(path: readonly PropertyKey[]): SourceEntry | undefined {
    let entry: SourceEntry | undefined = this.root
    for (const segment of path) {
      // Segments match by type, as in formatPath: a sequence index is a
      // number and a mapping key a string, so "0" names no item.
      entry = entry.children?.get(segment as PathSegment)
      if (!entry) return undefined
    }
    return entry
  }

  /** Returns where a path is written: its value (or key), or else its nearest written ancestor. */
  positionOf(
    path: readonly PropertyKey[],
    at: 'key' | 'value' = 'value'
  ): SourcePosition {
    // Walks down the path and keeps the start of the deepest written entry.
    let start: number | undefined
    let entry: SourceEntry | undefined = this.root
    for (let depth = 0; entry; depth++) {
      const exact = depth === path.length
      const node = exact && at === 'key' ? entry.key : entry.node
      start = node?.range?.[0] ?? entry.key?.range?.[0] ?? start
      if (exact) break
      entry = entry.children?.get(path[depth] as PathSegment)
    }
    if (start === undefined) return { line: 1, column: 1 }
    return this.positionOfOffset(start)
  }

  /**
   * Reads the number or percentage at a path exactly, from its source text.
   * Returns undefined when there is none, or when it is written in a form
   * that is not read as a number.
   */
  exactAt(path: readonly PropertyKey[]): Fraction | undefined {
    const entry = this.entryAt(path)
    if (entry?.exact) return entry.exact
    const node = entry?.node
    if (!isScalar(node)) return undefined
    if (typeof node.value === 'number') return parseDecimal(node.source ?? '')
    if (typeof node.value === 'string') return parsePercent(node.value)
    return undefined
  }

  /** Returns the text of the value at a path as written in the file, shortened to one line. */
  writtenAt(path: readonly PropertyKey[]): string | undefined {
    const range = this.entryAt(path)?.node?.range
    if (!range) return undefined
    return this.excerpt(range[0], range[1])
  }

  /** Returns the text between two offsets, on one line and shortened for a message. */
  excerpt(start: number, end: number): string {
    const text = this.text.slice(start, end).replace(/\s+/g, ' ').trim()
    if (text.length <= MAX_VALUE_CHARS) return text
    return `${text.slice(0, MAX_VALUE_CHARS - 1)}…`
  }

  /** Returns the line that contains an offset, shortened for a message. */
  lineAt(offset: number): string {
    const start = this.text.lastIndexOf('\n', offset - 1) + 1
    const end = this.text.indexOf('\n', offset)
    return this.excerpt(start, end < 0 ? this.text.length : end)
  }

  /** Builds an issue positioned at a path of this file. */
  issue(fields: IssueFields): ConfigIssue {
    const at = fields.at ?? 'value'
    const position = this.positionOf(fields.path, at)
    const value =
      fields.value === null
        ? undefined
        : (fields.value ?? this.writtenAt(fields.path))
    return {
      file: this.file,
      line: position.line,
      column: position.column,
      path: formatPath(fields.path),
      ...(value === undefined ? {} : { value }),
      message: fields.message,
      fix: fields.fix,
      severity: fields.severity ?? 'error'
    }
  }
}
