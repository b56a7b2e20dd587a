import type { SourcePosition } from '../config/types.js'
import { formatPath, type PathSegment } from '../config/yaml-source.js'

/**
 * A JSON parser (RFC 8259) that keeps what `JSON.parse` throws away: the
 * text of every number, so `2.5e-06` reaches an exact fraction instead of a
 * double, and the offset of every value and key, so a problem can name its
 * line and column. It also rejects duplicate keys, which `JSON.parse`
 * resolves silently to the last one.
 */

/** Where one value is written, by offsets into the text. */
export interface JsonEntry {
  start: number
  end: number
  /** Start of the member's key, for a value inside an object. */
  keyStart?: number
  /** The number as written, for a number. */
  number?: string
}

/** Maps offsets to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      if (text.charCodeAt(index) === 10) this.starts.push(index + 1)
    }
  }

  positionOf(offset: number): SourcePosition {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const middle = Math.ceil((low + high) / 2)
      if ((this.starts[middle] ?? 0) <= offset) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 }
  }
}

export type JsonParseResult =
  | { tree: unknown; entries: Map<string, JsonEntry>; lines: LineIndex }
  | { error: { message: string; offset: number }; lines: LineIndex }

/** Nesting deeper than this is rejected, so a crafted file cannot exhaust the stack. */
const MAX_DEPTH = 256

const NUMBER_PATTERN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y
const WHITESPACE_PATTERN = /[ \t\n\r]*/y

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

/** Parses JSON text into plain data (null-prototype objects) with the entry of every path. */
export function parseJsonSource(text: string): JsonParseResult {
  const lines = new LineIndex(text)
  const parser = new Parser(text)
  try {
    parser.skipByteOrderMark()
    const tree = parser.parseValue([], undefined, 0)
    parser.skipWhitespace()
    if (parser.offset < text.length) {
      throw new JsonSyntaxError('unexpected text after the end', parser.offset)
    }
    return { tree, entries: parser.entries, lines }
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    return { error: { message: error.message, offset: error.offset }, lines }
  }
}

class Parser {
  offset = 0
  readonly entries = new Map<string, JsonEntry>()

  constructor(private readonly text: string) {}

  skipByteOrderMark(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.offset = 1
  }

  skipWhitespace(): void {
    WHITESPACE_PATTERN.lastIndex = this.offset
    WHITESPACE_PATTERN.exec(this.text)
    this.offset = WHITESPACE_PATTERN.lastIndex
  }

  parseValue(
    path: PathSegment[],
    keyStart: number | undefined,
    depth: number
  ): unknown {
    if (depth > MAX_DEPTH) {
      throw new JsonSyntaxError(
        `values nest deeper than ${MAX_DEPTH} levels`,
        this.offset
      )
    }
    this.skipWhitespace()
    const start = this.offset
    const entry: JsonEntry = { start, end: start }
    if (keyStart !== undefined) entry.keyStart = keyStart
    this.entries.set(formatPath(path), entry)

    const value = this.parseAt(path, depth, entry)
    entry.end = this.offset
    return value
  }

  private parseAt(path: PathSegment[], depth: number, entry: JsonEntry) {
    const char = this.text[this.offset]
    if (char === '{') return this.parseObject(path, depth)
    if (char === '[') return this.parseArray(path, depth)
    if (char === '"') return this.parseString()
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      const number = this.parseNumber()
      entry.number = number
      return Number(number)
    }
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length
        return value
      }
    }
    throw new JsonSyntaxError(
      char === undefined
        ? 'the text ends where a value belongs'
        : `unexpected character ${JSON.stringify(char)} where a value belongs`,
      this.offset
    )
  }

  private parseObject(
    path: PathSegment[],
    depth: number
  ): Record<string, unknown> {
    // A null prototype keeps keys such as `constructor` as plain data.
    const result = Object.create(null) as Record<string, unknown>
    this.offset++
    this.skipWhitespace()
    if (this.text[this.offset] === '}') {
      this.offset++
      return result
    }
    for (;;) {
      this.skipWhitespace()
      const keyStart = this.offset
      if (this.text[keyStart] !== '"') {
        throw new JsonSyntaxError('expected a key in double quotes', keyStart)
      }
      const key = this.parseString()
      if (Object.hasOwn(result, key)) {
        throw new JsonSyntaxError(
          `duplicate key ${JSON.stringify(key)}`,
          keyStart
        )
      }
      this.expect(':')
      result[key] = this.parseValue([...path, key], keyStart, depth + 1)
      if (this.endOf('}')) return result
    }
  }

  private parseArray(path: PathSegment[], depth: number): unknown[] {
    const result: unknown[] = []
    this.offset++
    this.skipWhitespace()
    if (this.text[this.offset] === ']') {
      this.offset++
      return result
    }
    for (;;) {
      result.push(
        this.parseValue([...path, result.length], undefined, depth + 1)
      )
      if (this.endOf(']')) return result
    }
  }

  /** Consumes a comma (returns false) or the closing bracket (returns true). */
  private endOf(close: '}' | ']'): boolean {
    this.skipWhitespace()
    const char = this.text[this.offset]
    if (char === ',') {
      this.offset++
      return false
    }
    if (char === close) {
      this.offset++
      return true
    }
    throw new JsonSyntaxError(`expected , or ${close}`, this.offset)
  }

  private expect(char: string): void {
    this.skipWhitespace()
    if (this.text[this.offset] !== char) {
      throw new JsonSyntaxError(`expected ${char}`, this.offset)
    }
    this.offset++
  }

  private parseString(): string {
    const start = this.offset
    let index = start + 1
    for (;;) {
      const code = this.text.charCodeAt(index)
      if (Number.isNaN(code)) {
        throw new JsonSyntaxError('a string is not closed', start)
      }
      if (code === 0x22) break
      if (code === 0x5c) index++
      else if (code < 0x20) {
        throw new JsonSyntaxError(
          'a control character must be escaped in a string',
          index
        )
      }
      index++
    }
    this.offset = index + 1
    // The token is a complete JSON string now, so JSON.parse decodes its
    // escapes and rejects an invalid one.
    try {
      return JSON.parse(this.text.slice(start, this.offset)) as string
    } catch {
      throw new JsonSyntaxError('a string has an invalid escape', start)
    }
  }

  private parseNumber(): string {
    NUMBER_PATTERN.lastIndex = this.offset
    const match = NUMBER_PATTERN.exec(this.text)
    if (!match) throw new JsonSyntaxError('invalid number', this.offset)
    this.offset = NUMBER_PATTERN.lastIndex
    const next = this.text[this.offset]
    if (next !== undefined && /[\w.+-]/.test(next)) {
      throw new JsonSyntaxError('invalid number', match.index)
    }
    return match[0]
  }
}

const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null]
]
