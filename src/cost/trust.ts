import type Fraction from 'fraction.js'
import { describeName } from '../config/lookalike.js'
import type { CostDiff } from './diff.js'
import type { GateCheck, GateKind, GateStatus } from './gate.js'
import { ZERO, formatRate, formatUsd, sum } from './money.js'
import type { Projection } from './project.js'

// Checks that keep a pull request from choosing the prices or the budgets
// it is judged with under `budget-source: base`. A failed check is a
// warning instead under `fail-on: none`, and the override label approves
// it. The rename check is a budget check, so it also warns when fail-on
// leaves out budget.

const APPROVAL =
  'or add the label that the override-label input names to approve it'

/**
 * Returns a check's message without its closing sentence on how to approve
 * the check, for a check that the override label has approved. That
 * sentence contains no names, so the last ". " before it ends the message.
 */
export function withoutApprovalHint(message: string): string {
  if (!message.endsWith(APPROVAL)) return message
  const end = message.lastIndexOf('. ')
  return end < 0 ? message : message.slice(0, end)
}

/**
 * Describes a model's month-1 prices as "input 0.01, output 0.01 per 1M
 * tokens", or returns undefined when no route uses the model.
 */
export function describeRates(
  projection: Projection,
  modelId: string
): string | undefined {
  for (const workload of projection.workloads) {
    for (const route of workload.routes) {
      if (route.model.id !== modelId) continue
      const { input, output } = route.rates
      return `input ${formatRate(input)}, output ${formatRate(output)} per 1M tokens`
    }
  }
  return undefined
}

/** Workloads that the head-only check names before "and N more". */
const MAX_NAMED_WORKLOADS = 10

/** A workload routed to a model that only the head defines, and its monthly cost there. */
interface HeadOnlyUse {
  workload: string
  model: string
  origin: string
  monthly: Fraction
}

/**
 * Returns one check when any workload routes requests to a model that only
 * the head defines, or none otherwise. The check fails, or warns under
 * `fail-on: none`. The base cannot price such a model, so the figure uses
 * the change's own prices and a reviewer has to approve it. The check
 * names the first MAX_NAMED_WORKLOADS workloads, so its size is bounded.
 */
export function checkHeadOnlyModels(
  projection: Projection,
  headOnlyModels: string[],
  failOn: ReadonlySet<GateKind>
): GateCheck[] {
  const uses = listHeadOnlyUses(projection, new Set(headOnlyModels))
  const first = uses[0]
  if (!first) return []

  const monthly = sum(uses.map(use => use.monthly))
  const describe = (use: HeadOnlyUse) =>
    `workload "${use.workload}" on ${use.model} (${describeRates(projection, use.model) ?? 'no prices'})`
  const check = {
    kind: 'budget' as const,
    yamlPath: first.origin === 'catalog' ? [] : ['models', first.model],
    limitValue: ZERO,
    approval: true,
    figure: monthly,
    status: statusOf(failOn)
  }

  if (uses.length === 1) {
    const rates = describeRates(projection, first.model) ?? 'no prices'
    return [
      {
        ...check,
        limit: `workload "${first.workload}" on model ${first.model}, priced by this change`,
        message: `workload "${first.workload}" uses the model ${first.model}, which only this change defines (${rates}), so the base cannot check the price of its ${formatUsd(monthly)} a month. Land the price in a change of its own first, ${APPROVAL}`
      }
    ]
  }

  const named = uses.slice(0, MAX_NAMED_WORKLOADS).map(describe)
  const more = uses.length - MAX_NAMED_WORKLOADS
  if (more > 0) named.push(`and ${more} more`)
  return [
    {
      ...check,
      limit: `${uses.length} workloads on models priced by this change`,
      message: `${uses.length} workloads use models that only this change defines, so the base cannot check the price of their ${formatUsd(monthly)} a month: ${named.join(', ')}. Land the prices in a change of their own first, ${APPROVAL}`
    }
  ]
}

function listHeadOnlyUses(
  projection: Projection,
  own: ReadonlySet<string>
): HeadOnlyUse[] {
  const uses: HeadOnlyUse[] = []
  for (const workload of projection.workloads) {
    const models = [...new Set(workload.routes.map(route => route.model.id))]
    for (const model of models.filter(id => own.has(id))) {
      const routes = workload.routes.filter(route => route.model.id === model)
      uses.push({
        workload: workload.workload.name,
        model,
        origin: routes[0]?.model.origin ?? 'catalog',
        monthly: sum(routes.map(route => route.monthly.expected))
      })
    }
  }
  return uses
}

/**
 * Fails each workload budget from the base that names no workload of the
 * head when the change adds a workload, because that is how a rename
 * reads: the renamed workload would escape its budget. A removal that adds
 * nothing keeps the warning that evaluateGates gives.
 */
export function failRenamedBudgets(
  checks: GateCheck[],
  diff: CostDiff | undefined,
  failOn: ReadonlySet<GateKind>
): void {
  const added = (diff?.workloads ?? [])
    .filter(row => row.status === 'added')
    .map(row => describeName(row.name))
  if (added.length === 0) return
  for (const check of checks) {
    const [section, group, name] = check.yamlPath
    if (!check.notApplicable || section !== 'budgets') continue
    if (group !== 'workloads' || name === undefined) continue
    check.status = failOn.has('budget') ? 'fail' : 'warn'
    check.message = `the ${check.limit} of ${formatUsd(check.limitValue)} names no workload at the head, and this change adds ${added.join(', ')}: a renamed workload keeps its budget only under its old name. Keep the old name, ${APPROVAL}`
  }
}

function statusOf(failOn: ReadonlySet<GateKind>): GateStatus {
  return failOn.size > 0 ? 'fail' : 'warn'
}
