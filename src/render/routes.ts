import { ZERO, formatPercent, formatUsd } from '../cost/money.js'
import type {
  Projection,
  RouteProjection,
  WorkloadProjection
} from '../cost/project.js'
import type { FileReport } from '../report.js'
import { escapeCell } from './escape.js'
import { describeOmitted } from './limit.js'
import { describeRange } from './ranges.js'

function routedWorkloads(file: FileReport): WorkloadProjection[] {
  return (file.head?.workloads ?? []).filter(w => w.routes.length > 1)
}

function describeRouteRange(route: RouteProjection): string {
  const range = describeRange(route.monthly, [route])
  return range ? ` (${range})` : ''
}

// The size search of a comment renders the table once per step, so the rows
// of a projection, which never changes once made, are rendered once.
const renderedRoutes = new WeakMap<Projection, string[][]>()

/** Returns the table rows of each workload with several routes, one list per workload. */
function routeRows(file: FileReport): string[][] {
  const head = file.head
  if (!head) return []
  let rows = renderedRoutes.get(head)
  if (!rows) {
    rows = routedWorkloads(file).map(renderWorkloadRoutes)
    renderedRoutes.set(head, rows)
  }
  return rows
}

function renderWorkloadRoutes(workload: WorkloadProjection): string[] {
  const blended = workload.monthly.expected
  return workload.routes.map((route, index) => {
    const name =
      index === 0
        ? `${escapeCell(workload.workload.name)} (${formatUsd(blended)})`
        : ''
    const share = blended.equals(ZERO)
      ? ''
      : formatPercent(route.monthly.expected.div(blended))
    return `| ${name} | ${escapeCell(route.model.id)} | ${formatPercent(route.route.share)} | ${formatUsd(route.monthly.expected)}${describeRouteRange(route)} | ${share} |`
  })
}

/**
 * Renders the monthly cost of each route of the workloads that have several,
 * next to the share of requests it takes and the share of the workload's
 * blended cost it makes, or '' when no workload has routes. At most
 * `rowLimit` workloads are shown.
 */
export function renderRoutesMarkdown(
  file: FileReport,
  rowLimit = Number.POSITIVE_INFINITY,
  fullReportHint?: string
): string {
  const workloads = routeRows(file)
  if (workloads.length === 0) return ''
  const lines = [
    '**Routes**',
    '',
    '| Workload | Model | Requests | Monthly | Cost share |',
    '|---|---|---:|---:|---:|'
  ]
  const shown = workloads.slice(0, rowLimit)
  for (const rows of shown) lines.push(...rows)
  const omitted = workloads.length - shown.length
  if (omitted > 0) {
    const noun = { one: 'workload with routes', many: 'workloads with routes' }
    lines.push('', describeOmitted(omitted, noun, fullReportHint))
  }
  return lines.join('\n')
}

/** Renders one indented line per route of a workload with several, for the text report. */
export function renderRoutesText(workload: WorkloadProjection): string[] {
  if (workload.routes.length < 2) return []
  return workload.routes.map(
    route =>
      `      ${formatPercent(route.route.share).padStart(6)}  ${formatUsd(route.monthly.expected).padStart(14)}  ${route.model.id}${describeRouteRange(route)}`
  )
}
