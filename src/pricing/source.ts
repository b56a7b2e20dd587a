import { isScalar } from 'yaml'
import { MAX_FILE_BYTES, MAX_FILE_MIB, readYaml } from '../config/read-yaml.js'
import type { ConfigIssue, SourcePosition } from '../config/types.js'
import { formatPath, type PathSegment } from '../config/yaml-source.js'
import { parseJsonSource } from './json-source.js'

/**
 * A pricing file read into plain data, with the text and position of every
 * value, so that prices are read exactly from the digits written and each
 * problem points at its line.
 */
export interface PricingSource {
  file: string
  /** Plain data: objects, arrays, strings, JS numbers, booleans and null. */
  tree: unknown
  /** Returns the decimal text of the number at a path, as written. */
  numberText(path: readonly PathSegment[]): string | undefined
  /** Returns where the value (or its key) at a path starts. */
  positionOf(path: readonly PathSegment[], at?: 'key' | 'value'): SourcePosition
  /** Returns the text written at a path, shortened to one line. */
  writtenAt(path: readonly PathSegment[]): string | undefined
}

/** Fields of a pricing-file issue; `value` defaults to the text at `path`. */
export interface PricingIssueFields {
  path: readonly PathSegment[]
  message: string
  fix: string
  value?: string
  at?: 'key' | 'value'
  severity?: 'error' | 'warning'
}

/** The result of reading a pricing file: its source, or the errors that stop it. */
export type ReadPricingResult =
  | { source: PricingSource; issues: ConfigIssue[] }
  | { source?: undefined; issues: ConfigIssue[] }

/**
 * Reads a pricing file. A name ending in `.json` is parsed as JSON by a
 * parser that keeps each number's text, because `JSON.parse` rounds
 * `2.5e-06` to a double; any other name is read as YAML, a superset of JSON.
 */
export function readPricingSource(
  text: string,
  file: string
): ReadPricingResult {
  if (text.trim() === '') {
    const issue = fileIssue(file, {
      message: 'the pricing file is empty',
      fix: 'Write a models: list, or use a LiteLLM model_prices_and_context_window.json file'
    })
    return { issues: [issue] }
  }
  if (file.toLowerCase().endsWith('.json')) return readJson(text, file)
  return readYamlPricing(text, file)
}

function readJson(text: string, file: string): ReadPricingResult {
  const parsed = parseJsonSource(text)
  if ('error' in parsed) {
    const { line, column } = parsed.lines.positionOf(parsed.error.offset)
    const issue = fileIssue(file, {
      message: `invalid JSON: ${parsed.error.message}`,
      fix: 'Correct the JSON syntax at this position'
    })
    return { issues: [{ ...issue, line, column }] }
  }
  const { tree, entries, lines } = parsed
  const shorten = (start: number, end: number): string =>
    shortenText(text.slice(start, end))
  return {
    issues: [],
    source: {
      file,
      tree,
      numberText: path => entries.get(formatPath(path))?.number,
      positionOf: (path, at = 'value') => {
        for (let depth = path.length; depth >= 0; depth--) {
          const entry = entries.get(formatPath(path.slice(0, depth)))
          if (!entry) continue
          const useKey = at === 'key' && depth === path.length
          const offset = useKey ? (entry.keyStart ?? entry.start) : entry.start
          return lines.positionOf(offset)
        }
        return { line: 1, column: 1 }
      },
      writtenAt: path => {
        const entry = entries.get(formatPath(path))
        return entry ? shorten(entry.start, entry.end) : undefined
      }
    }
  }
}

function readYamlPricing(text: string, file: string): ReadPricingResult {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_FILE_BYTES) {
    const issue = fileIssue(file, {
      value: `${bytes} bytes`,
      message: `the YAML pricing file is larger than the limit of ${MAX_FILE_BYTES} bytes (${MAX_FILE_MIB} MiB)`,
      fix: 'Write a large pricing file as JSON, in a file whose name ends in .json'
    })
    return { issues: [issue] }
  }
  const { source, tree, issues } = readYaml(text, file)
  const errors = issues.filter(issue => issue.severity === 'error')
  if (tree === undefined || errors.length > 0) return { issues: errors }
  return {
    issues: [],
    source: {
      file,
      tree,
      numberText: path => {
        const node = source.entryAt(path)?.node
        return isScalar(node) && typeof node.value === 'number'
          ? node.source
          : undefined
      },
      positionOf: (path, at) => source.positionOf(path, at),
      writtenAt: path => source.writtenAt(path)
    }
  }
}

const MAX_VALUE_CHARS = 60

function shortenText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line.length <= MAX_VALUE_CHARS) return line
  return `${line.slice(0, MAX_VALUE_CHARS - 1)}…`
}

/** Builds an issue positioned at a path of a pricing file. */
export function pricingIssue(
  source: PricingSource,
  fields: PricingIssueFields
): ConfigIssue {
  const position = source.positionOf(fields.path, fields.at ?? 'value')
  const value = fields.value ?? source.writtenAt(fields.path)
  return {
    file: source.file,
    line: position.line,
    column: position.column,
    path: formatPath(fields.path),
    ...(value === undefined ? {} : { value }),
    message: fields.message,
    fix: fields.fix,
    severity: fields.severity ?? 'error'
  }
}

/** Builds an error about a whole pricing file, positioned at its start. */
export function fileIssue(
  file: string,
  fields: { message: string; fix: string; value?: string }
): ConfigIssue {
  return { file, line: 1, column: 1, path: '', ...fields, severity: 'error' }
}
