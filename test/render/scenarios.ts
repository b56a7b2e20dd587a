import {
  analyzeFile,
  approveFailures,
  buildReport,
  type BaseSource
} from '../../src/analyze.js'
import type { Catalog } from '../../src/pricing/types.js'
import type { FileReport, Report } from '../../src/report.js'
import { model } from '../cost/build.js'

/**
 * Pull-request scenarios for the golden Markdown files and the chart test,
 * written as usage files and run through the real parser, engine and gates.
 * Every model is defined under `models:`, so the figures do not move when
 * the bundled catalog changes, and the catalog passed in holds only one
 * reference model per provider.
 */

/** The run date and price date of every scenario. */
export const SCENARIO_DATE = '2026-03-02'

/**
 * One catalog model per provider of the scenarios, so that their providers
 * are known. Both cost $100 per 1M tokens, far above every scenario model,
 * so no suggestion names them.
 */
const SCENARIO_CATALOG: Catalog = {
  asOf: SCENARIO_DATE,
  models: [
    model('reference-openai', '100', '100', { provider: 'openai' }),
    model('reference-anthropic', '100', '100', { provider: 'anthropic' })
  ]
}

const MODELS = `models:
  chat-small: { provider: openai, input: 0.20, output: 1.25, cached-input: 0.02 }
  chat-large: { provider: anthropic, input: 3, output: 15, cached-input: 0.30 }
  reasoner: { provider: openai, input: 2, output: 8, reasoning: always }
`

/**
 * Three workloads. Month 1 costs, by hand:
 * - triage: 3,000,000 requests of 200 input and 50 output tokens on
 *   chat-small: 600M × $0.20/1M + 150M × $1.25/1M = $120 + $187.50 = $307.50.
 * - replies: 300,000 requests of 800 input (60% cached) and 300 output
 *   tokens on chat-large: 96M × $3/1M + 144M × $0.30/1M + 90M × $15/1M =
 *   $288 + $43.20 + $1,350 = $1,681.20.
 * - review: 2,000 requests of 2,000 input and 1,000 visible output tokens on
 *   reasoner, billed ×5 by default (range ×3 to ×10): 4M × $2/1M +
 *   10M × $8/1M = $8 + $80 = $88; low ×3 $8 + $48 = $56, high ×10 $8 + $160
 *   = $168.
 * Total $307.50 + $1,681.20 + $88 = $2,076.70.
 */
const BASE_WORKLOADS = `workloads:
  - name: triage
    model: chat-small
    tokens: { input: 200, output: 50 }
    requests: { per-month: 3000000 }
  - name: replies
    model: chat-large
    tokens: { input: 800, output: 300 }
    cache: { read: 60% }
    requests: { per-month: 300000 }
  - name: review
    model: reasoner
    tokens: { input: 2000, output: 1000 }
    requests: { per-month: 2000 }
`

export interface Scenario {
  /** File name of the golden output, without `.md`. */
  name: string
  /** What a reviewer should read from the comment. */
  summary: string
  /** The usage file at the base, or undefined when the base does not have it. */
  base: string | undefined
  head: string
  /** Which figure of a reasoning range the limits check; `expected` by default. */
  gateOn?: 'expected' | 'high'
  /** An override label on the pull request that approves the failures. */
  approvedBy?: string
}

function file(workloads: string, budgets = ''): string {
  return `version: 1\n${MODELS}${workloads}${budgets}`
}

const BUDGETS = `budgets:
  monthly: 5000
  increase: { monthly: 500, percent: 25% }
  warn-at: 80%
  workloads:
    replies: { monthly: 2500 }
`

/**
 * The head of the increase scenario: triage doubles to 6,000,000 requests
 * ($615.00, +$307.50) and replies move to 700,000 requests ($3,922.80,
 * +$2,241.60, since 700,000 / 300,000 × $1,681.20 = $3,922.80). Total
 * $615 + $3,922.80 + $88 = $4,625.80, +$2,549.10 (+122.7%) on $2,076.70:
 * over the $500 and 25% increase limits and the $2,500 budget of replies,
 * and above 80% of the $5,000 monthly budget ($4,000).
 */
const INCREASED_WORKLOADS = BASE_WORKLOADS.replace(
  'per-month: 3000000',
  'per-month: 6000000'
).replace('per-month: 300000 }', 'per-month: 700000 }')

/**
 * The head of the decrease scenario: replies move to chat-small, so
 * 96M × $0.20/1M + 144M × $0.02/1M + 90M × $1.25/1M = $19.20 + $2.88 +
 * $112.50 = $134.58 (−$1,546.62), and review is removed (−$88). Total
 * $307.50 + $134.58 = $442.08, −$1,634.62 (−78.7%).
 */
const DECREASED_WORKLOADS = `workloads:
  - name: triage
    model: chat-small
    tokens: { input: 200, output: 50 }
    requests: { per-month: 3000000 }
  - name: replies
    model: chat-small
    tokens: { input: 800, output: 300 }
    cache: { read: 60% }
    requests: { per-month: 300000 }
`

/**
 * Workloads of 1,000,000 requests of 1,000 input and no output tokens on
 * chat-small, $200 each (1,000M × $0.20/1M). The base has 39 of them
 * ($7,800). The head has 40: `load-31` is added ($200) and `load-07`
 * doubles to $400, so the total is 38 × $200 + $400 + $200 = $8,200,
 * +$400 (+5.1%, since 400 / 7,800 = 0.0513).
 */
function manyWorkloads(head: boolean): string {
  const lines = ['workloads:']
  for (let index = 1; index <= 40; index++) {
    const name = `load-${String(index).padStart(2, '0')}`
    if (!head && index === 31) continue
    const requests = head && index === 7 ? 2000000 : 1000000
    lines.push(
      `  - name: ${name}`,
      '    model: chat-small',
      '    tokens: { input: 1000, output: 0 }',
      `    requests: { per-month: ${requests} }`
    )
  }
  return `${lines.join('\n')}\n`
}

/**
 * The head of the approved scenario: replies grow 5% a month and review
 * doubles to 4,000 requests, so its month 1 is 8M × $2/1M + 20M × $8/1M =
 * $16 + $160 = $176, low ×3 $16 + $96 = $112, high ×10 $16 + $320 = $336.
 * Month 1: $307.50 + $1,681.20 + $176 = $2,164.70 (+$88.00, +4.2% on
 * $2,076.70), high $307.50 + $1,681.20 + $336 = $2,324.70. Month 12 of
 * replies is $1,681.20 × 1.05^11 = $1,681.20 × 1.7103394 = $2,875.42, so the
 * peak month is $307.50 + $2,875.42 + $176 = $3,358.92. With gate-on high
 * the $2,324.70 high estimate is over the $2,250 budget, while the expected
 * $2,164.70 is within it, and the override label approves it.
 */
const APPROVED_WORKLOADS = BASE_WORKLOADS.replace(
  'requests: { per-month: 300000 }',
  'requests: { per-month: 300000, growth: 5% }'
).replace('per-month: 2000 }', 'per-month: 4000 }')

const APPROVED_BUDGETS = `budgets:
  monthly: 2250
`

export const SCENARIOS: Scenario[] = [
  {
    name: 'new-file',
    summary: 'a usage file added in the pull request: all spend is new',
    base: undefined,
    head: file(BASE_WORKLOADS, BUDGETS)
  },
  {
    name: 'increase-over-limit',
    summary: 'volume rises past the increase limits and a workload budget',
    base: file(BASE_WORKLOADS, BUDGETS),
    head: file(INCREASED_WORKLOADS, BUDGETS)
  },
  {
    name: 'decrease',
    summary: 'a cheaper model and a removed workload',
    base: file(BASE_WORKLOADS, BUDGETS),
    head: file(DECREASED_WORKLOADS, BUDGETS)
  },
  {
    name: 'unchanged',
    summary: 'an edit that does not move the cost',
    base: file(BASE_WORKLOADS, BUDGETS),
    head: `# Reviewed in March.\n${file(BASE_WORKLOADS, BUDGETS)}`
  },
  {
    name: 'many-workloads',
    summary: 'forty workloads, two of them changed: no chart in auto mode',
    base: file(manyWorkloads(false), 'budgets:\n  monthly: 10000\n'),
    head: file(manyWorkloads(true), 'budgets:\n  monthly: 10000\n')
  },
  {
    name: 'approved-high-estimate',
    summary:
      'growth and a high estimate over the budget, approved by a label (gate-on high)',
    base: file(BASE_WORKLOADS, APPROVED_BUDGETS),
    head: file(APPROVED_WORKLOADS, APPROVED_BUDGETS),
    gateOn: 'high',
    approvedBy: 'cost-approved'
  }
]

function analyzeScenario(file: string, scenario: Scenario): FileReport {
  const base: BaseSource =
    scenario.base === undefined
      ? { state: 'missing' }
      : { state: 'found', text: scenario.base }
  return analyzeFile(file, scenario.head, base, {
    catalog: SCENARIO_CATALOG,
    runDate: SCENARIO_DATE,
    budgetSource: 'base',
    overrides: {},
    gate: {
      failOn: new Set(['budget', 'increase']),
      gateOn: scenario.gateOn ?? 'expected'
    }
  })
}

const CONTEXT = {
  runDate: SCENARIO_DATE,
  catalogAsOf: SCENARIO_DATE,
  baseLabel: 'the merge base 1a2b3c4'
}

/** Prices one scenario and builds the report the Action would render. */
export function buildScenarioReport(scenario: Scenario): Report {
  const report = buildReport([analyzeScenario('ai-usage.yml', scenario)], {
    ...CONTEXT,
    gateOn: scenario.gateOn ?? 'expected'
  })
  if (scenario.approvedBy) approveFailures(report, scenario.approvedBy)
  return report
}

function scenarioNamed(name: string): Scenario {
  const scenario = SCENARIOS.find(s => s.name === name)
  if (!scenario) throw new Error(`no scenario named ${name}`)
  return scenario
}

/**
 * A monorepo run over three usage files: `search` is the decrease scenario,
 * `support` the increase scenario, and `legacy` has a negative volume. The
 * grand total is that of the two valid files: $2,076.70 + $2,076.70 =
 * $4,153.40 at the base and $442.08 + $4,625.80 = $5,067.88 at the head,
 * +$914.48 (+22.0%, since 914.48 / 4,153.40 = 0.2202).
 */
export function buildSeveralFilesReport(): Report {
  const legacy: Scenario = {
    name: 'legacy',
    summary: 'an invalid file',
    base: undefined,
    head: file(
      'workloads:\n  - name: batch\n    model: chat-small\n    tokens: { input: 1, output: 1 }\n    requests: { per-day: -5 }\n'
    )
  }
  return buildReport(
    [
      analyzeScenario('services/legacy/ai-usage.yml', legacy),
      analyzeScenario(
        'services/search/ai-usage.yml',
        scenarioNamed('decrease')
      ),
      analyzeScenario(
        'services/support/ai-usage.yml',
        scenarioNamed('increase-over-limit')
      )
    ],
    CONTEXT
  )
}
