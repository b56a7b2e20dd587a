import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { JSON_REPORT_VERSION, toJsonReport } from '../../src/render/json.js'
import { SCENARIOS, buildScenarioReport } from './scenarios.js'

const DOC = readFileSync(
  path.resolve(import.meta.dirname, '../../docs/report-json.md'),
  'utf8'
)

/** Key sets of the value types that docs/report-json.md documents once. */
const VALUE_TYPES = [
  ['expected', 'high', 'low'],
  ['base', 'delta', 'head', 'percent'],
  ['cache-write', 'cached-input', 'input', 'output', 'reasoning'],
  ['discounts', 'model', 'price', 'tokens', 'volume'],
  ['column', 'file', 'fix', 'line', 'message', 'path', 'severity', 'value']
].map(keys => keys.join(','))

/**
 * Collects every field path of a JSON value, such as
 * `files[].workloads[].routes[].rates.input`. An object of a documented
 * value type (Range, Delta, Parts, Causes, Issue) ends its path.
 */
function fieldPaths(value: unknown, prefix: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) fieldPaths(item, `${prefix}[]`, out)
    return
  }
  if (value === null || typeof value !== 'object') return
  const keys = Object.keys(value).sort()
  if (prefix !== '' && VALUE_TYPES.includes(keys.join(','))) return
  for (const key of keys) {
    const child = prefix === '' ? key : `${prefix}.${key}`
    out.add(child)
    fieldPaths((value as Record<string, unknown>)[key], child, out)
  }
}

/** The parts of the JSON report that these tests read. */
interface ReportJson {
  version: number
  totals: { monthly: unknown; 'monthly-range': { head: unknown } }
  files: {
    workloads: {
      name: string
      parts: Record<string, string>
      routes: { 'output-tokens': unknown }[]
    }[]
    checks: { limit: string }[]
  }[]
}

function jsonOf(name: string): ReportJson {
  const scenario = SCENARIOS.find(s => s.name === name)
  if (!scenario) throw new Error(`no scenario ${name}`)
  const text = JSON.stringify(toJsonReport(buildScenarioReport(scenario)))
  return JSON.parse(text) as ReportJson
}

describe('JSON report', () => {
  it('documents every field', () => {
    const paths = new Set<string>()
    for (const scenario of SCENARIOS)
      fieldPaths(jsonOf(scenario.name), '', paths)
    const undocumented = [...paths].filter(p => !DOC.includes(`\`${p}\``))
    expect(paths.size).toBeGreaterThan(50)
    expect(undocumented).toEqual([])
  })

  it('carries the version', () => {
    expect(jsonOf('new-file').version).toBe(JSON_REPORT_VERSION)
  })

  it('has the figures of the increase scenario', () => {
    const report = jsonOf('increase-over-limit')

    // Hand-computed next to the scenario: $2,076.70 → $4,625.80.
    expect(report.totals.monthly).toEqual({
      base: '2076.70',
      head: '4625.80',
      delta: '2549.10',
      percent: '122.75'
    })
    // The range comes from review alone: ×3 is $32 less and ×10 $80 more.
    expect(report.totals['monthly-range'].head).toEqual({
      expected: '4625.80',
      low: '4593.80',
      high: '4705.80'
    })

    const replies = report.files[0]?.workloads[0]
    expect(replies?.name).toBe('replies')
    // 96M × $3/1M, 144M × $0.30/1M and 90M × $15/1M, at 700,000 / 300,000.
    expect(replies?.parts).toEqual({
      input: '672.00',
      'cached-input': '100.80',
      'cache-write': '0.00',
      output: '3150.00',
      reasoning: '0.00'
    })

    const budget = report.files[0]?.checks.find(
      c => c.limit === 'workload "replies" monthly budget'
    )
    // $3,922.80 / $2,500 = 1.56912.
    expect(budget).toMatchObject({
      'yaml-path': 'budgets.workloads.replies',
      'limit-value': '2500.00',
      figure: '3922.80',
      usage: '1.5691',
      status: 'fail'
    })
  })

  it('splits reasoning from visible output', () => {
    const report = jsonOf('new-file')
    const review = report.files[0]?.workloads.find(w => w.name === 'review')
    // 2,000 requests × 1,000 visible tokens × $8/1M = $16; ×5 bills four
    // times as many hidden tokens: $64.
    expect(review?.parts.output).toBe('16.00')
    expect(review?.parts.reasoning).toBe('64.00')
    expect(review?.routes[0]?.['output-tokens']).toEqual({
      expected: '5000.00',
      low: '3000.00',
      high: '10000.00'
    })
  })
})
