import { describe, expect, it } from 'vitest'
import { buildAnnotations } from '../src/annotations.js'
import { SCENARIOS, buildScenarioReport } from './render/scenarios.js'

function annotationsOf(name: string) {
  const scenario = SCENARIOS.find(s => s.name === name)
  if (!scenario) throw new Error(`no scenario ${name}`)
  return buildAnnotations(buildScenarioReport(scenario))
}

// The scenario files put `version` on line 1, three models on lines 2-5,
// `workloads:` on line 6 and the workloads at lines 7 (triage), 11
// (replies) and 16 (review), each `name` key at column 5. `budgets:` is on
// line 20, then monthly (21), increase (22), warn-at (23), workloads (24)
// and `replies:` (25, column 5).
describe('buildAnnotations', () => {
  it('puts a notice on each changed workload', () => {
    const notices = annotationsOf('increase-over-limit').filter(
      a => a.level === 'notice'
    )
    expect(notices.map(n => [n.startLine, n.startColumn])).toEqual([
      [11, 5],
      [7, 5]
    ])
    // replies: $1,681.20 → $3,922.80 is +$2,241.60, +133.3%.
    expect(notices[0]?.message).toBe(
      'Workload "replies": $1,681.20 → $3,922.80 a month (+$2,241.60, +133.3%).'
    )
  })

  it('puts limits on their budget lines', () => {
    const limits = annotationsOf('increase-over-limit').filter(
      a => a.level !== 'notice'
    )
    const at = (title: string) =>
      limits.find(a => a.title === `ai-budget: ${title}`)
    expect(at('monthly budget')).toMatchObject({
      level: 'warning',
      startLine: 21,
      startColumn: 3
    })
    expect(at('workload "replies" monthly budget')).toMatchObject({
      level: 'error',
      startLine: 25,
      startColumn: 5
    })
    // "  increase: { monthly: 500, percent: 25% }": 14 characters before
    // monthly (column 15) and 28 before percent (column 29).
    expect(at('monthly increase limit')).toMatchObject({
      level: 'error',
      startLine: 22,
      startColumn: 15
    })
    expect(at('monthly increase limit in percent')).toMatchObject({
      level: 'error',
      startLine: 22,
      startColumn: 29
    })
    expect(limits).toHaveLength(4)
  })

  it('notes a removed workload on the whole file', () => {
    const removed = annotationsOf('decrease').find(a =>
      a.message.startsWith('Workload "review" is removed')
    )
    expect(removed).toMatchObject({ level: 'notice', file: 'ai-usage.yml' })
    expect(removed?.startLine).toBeUndefined()
    expect(removed?.message).toBe(
      'Workload "review" is removed: $88.00 a month less (−$88.00, −100.0%).'
    )
  })

  it('says nothing when no cost moved', () => {
    expect(annotationsOf('unchanged')).toEqual([])
  })
})
