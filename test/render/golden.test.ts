import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/render/markdown.js'
import { parseTables, sourceTableRows } from '../support/gfm.js'
import {
  SCENARIOS,
  buildScenarioReport,
  buildSeveralFilesReport
} from './scenarios.js'

// Golden files change only when asked: UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const GOLDEN = path.join(import.meta.dirname, 'golden')
const MARKER = '<!-- ai-budget config=ai-usage.yml -->'

const CASES = [
  ...SCENARIOS.map(s => ({
    name: s.name,
    report: buildScenarioReport(s),
    // The approved scenario is one of several instances on the pull request.
    key: s.approvedBy ? 'support' : undefined
  })),
  { name: 'several-files', report: buildSeveralFilesReport(), key: undefined }
]

describe.each(CASES)('golden comment $name', ({ name, report, key }) => {
  const markdown = renderMarkdown(report, {
    maxChars: 65_536,
    marker: MARKER,
    fullReportHint: 'The job summary has every row.',
    key
  })
  const file = path.join(GOLDEN, `${name}.md`)

  it('matches the reviewed file', () => {
    if (UPDATE) writeFileSync(file, markdown)
    expect(
      existsSync(file),
      `${file} is missing: run with UPDATE_GOLDEN=1`
    ).toBe(true)
    expect(markdown).toBe(readFileSync(file, 'utf8'))
  })

  it('has tables as wide as their headers', () => {
    const tables = parseTables(markdown)
    expect(tables.length).toBeGreaterThan(0)
    for (const table of tables) {
      for (const cells of table.rows) expect(cells).toBe(table.header)
    }
  })

  it('has no row that a cell breaks', () => {
    const rows = sourceTableRows(markdown)
    const tables = parseTables(markdown)
    const header = new Map<number, number>()
    expect(rows.length).toBeGreaterThan(0)
    // Every source row must match the width of some rendered header.
    for (const table of tables) header.set(table.header, table.header)
    for (const row of rows) expect(header.has(row.cells), row.line).toBe(true)
  })

  it('puts the verdict and monthly total first', () => {
    const first = markdown.split('\n')[0] ?? ''
    expect(first).toMatch(
      /^### (✅|⚠️|❌|ℹ️) .+: \$[\d,.]+ (→ \$[\d,.]+ )?a month/
    )
  })

  it('ends with the marker', () => {
    expect(markdown.endsWith(`${MARKER}\n`)).toBe(true)
  })
})
