import { describe, expect, it } from 'vitest'
import { renderText } from '../../src/render/text.js'
import { SCENARIOS, buildScenarioReport } from './scenarios.js'

function textOf(name: string, color = false): string[] {
  const scenario = SCENARIOS.find(s => s.name === name)
  if (!scenario) throw new Error(`no scenario ${name}`)
  return renderText(buildScenarioReport(scenario), { color }).split('\n')
}

const RED = '\u001b[31m'

describe('renderText', () => {
  it('names the approving label and the gated high estimate', () => {
    const lines = textOf('approved-high-estimate')
    expect(lines[0]).toBe(
      'WARN  over the limit, approved by the label cost-approved'
    )
    // Figures of scenarios.ts: $2,076.70 → $2,164.70, +$88.00 (+4.2%); head
    // range $2,100.70 to $2,324.70 from review's ×3 to ×10.
    expect(lines[1]).toBe(
      'Monthly     $2,076.70 -> $2,164.70 (+$88.00, +4.2%) against the merge base 1a2b3c4 (range $2,100.70 to $2,324.70, reasoning ×3 to ×10)'
    )
    // With 5% growth, month 12 costs more than month 1.
    expect(lines[3]).toBe('Peak month  $3,358.92')
    expect(lines[4]).toBe(
      'Limits checked on the high estimate $2,324.70 (gate-on high)'
    )
  })

  it('leaves out a peak month equal to month 1', () => {
    const lines = textOf('increase-over-limit')
    expect(lines.some(line => line.startsWith('Peak month'))).toBe(false)
  })

  it('names the largest increase once', () => {
    const lines = textOf('increase-over-limit')
    // Three limits fail, and replies rose most: +$2,241.60.
    expect(lines.filter(line => line.startsWith('  fail'))).toHaveLength(3)
    const movers = lines.filter(line => line.includes('largest increase'))
    expect(movers).toEqual([
      '        the largest increase is workload "replies" (+$2,241.60 a month)'
    ])
  })

  it('colours a failing increase red', () => {
    const lines = textOf('increase-over-limit', true)
    const monthly = lines.find(line => line.startsWith('Monthly'))
    const replies = lines.find(line => line.startsWith('  replies'))
    expect(monthly).toContain(RED)
    expect(replies).toContain(RED)
  })

  it('leaves an approved increase plain', () => {
    // The label turns the failures into warnings, so no limit fails.
    const lines = textOf('approved-high-estimate', true)
    const monthly = lines.find(line => line.startsWith('Monthly'))
    expect(monthly).toContain('+$88.00, +4.2%')
    expect(monthly).not.toContain(RED)
  })
})
