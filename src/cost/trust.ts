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

/**
 * Returns one check for each workload that routes requests to a model only
 * the head defines. The base cannot price such a model, so the figure uses
 * the change's own prices, and a reviewer has to approve it.
 */
export function checkHeadOnlyModels(
  projection: Projection,
  headOnlyModels: string[],
  failOn: ReadonlySet<GateKind>
): GateCheck[] {
  const own = new Set(headOnlyModels)
  const checks: GateCheck[] = []
  for (const workload of projection.workloads) {
    const models = [...new Set(workload.routes.map(route => route.model.id))]
    for (const id of models.filter(model => own.has(model))) {
      const routes = workload.routes.filter(route => route.model.id === id)
      const monthly = sum(routes.map(route => route.monthly.expected))
      const name = workload.workload.name
      const rates = describeRates(projection, id) ?? 'no prices'
      checks.push({
        kind: 'budget',
        limit: `workload "${name}" on model ${id}, priced by this change`,
        yamlPath: routes[0]?.model.origin === 'catalog' ? [] : ['models', id],
        limitValue: ZERO,
        figure: monthly,
        status: statusOf(failOn),
        message: `workload "${name}" uses the model ${id}, which only this change defines (${rates}), so the base cannot check the price of its ${formatUsd(monthly)} a month. Land the price in a change of its own first, ${APPROVAL}`
      })
    }
  }
  return checks
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
