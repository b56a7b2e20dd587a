import MarkdownIt from 'markdown-it'

/** A table found in rendered Markdown: the cell count of its header and of each body row. */
export interface ParsedTable {
  header: number
  rows: number[]
}

const parser = new MarkdownIt('default', { html: true })

/**
 * Parses Markdown as GitHub does for comments (CommonMark with GFM tables,
 * inline HTML allowed) and returns every table with its cell counts. A row
 * with more cells than its header loses the extra ones when rendered, and
 * one with fewer is padded, so a mismatch means a broken row.
 */
export function parseTables(markdown: string): ParsedTable[] {
  const tables: ParsedTable[] = []
  let current: ParsedTable | undefined
  let cells = 0
  let inHeader = false
  for (const token of parser.parse(markdown, {})) {
    if (token.type === 'table_open') current = { header: 0, rows: [] }
    else if (token.type === 'thead_open') inHeader = true
    else if (token.type === 'thead_close') inHeader = false
    else if (token.type === 'tr_open') cells = 0
    else if (token.type === 'th_open' || token.type === 'td_open') cells++
    else if (token.type === 'tr_close' && current) {
      if (inHeader) current.header = cells
      else current.rows.push(cells)
    } else if (token.type === 'table_close' && current) {
      tables.push(current)
      current = undefined
    }
  }
  return tables
}

/**
 * Returns the lines that look like table rows (start and end with `|`) in
 * the Markdown source, outside code fences, with the cells each one has.
 * markdown-it pads short rows and drops extra cells, so the source count is
 * what shows a row that a name broke.
 */
export function sourceTableRows(
  markdown: string
): { line: string; cells: number }[] {
  const rows: { line: string; cells: number }[] = []
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    if (fenced || !line.startsWith('|') || !line.endsWith('|')) continue
    // A cell separator is a | that no backslash escapes.
    const separators = line.match(/(?<!\\)\|/g)?.length ?? 0
    rows.push({ line, cells: separators - 1 })
  }
  return rows
}
