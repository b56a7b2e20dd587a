import { ZERO, formatPercent, formatUsd } from '../cost/money.js'
import type { RouteProjection, WorkloadProjection } from '../cost/project.js'
import type { FileReport } from '../report.js'
import { escapeCell } from './escape.js'
import { describeRange } from './ranges.js'

function routedWorkloads(file: FileReport): WorkloadProjection[] {
  return (file.head?.workloads ?? []).filter(w => w.routes.length > 1)
}

function describeRouteRange(route: RouteProjection): string {
  const range = describeRange(route.monthly, [route])
  return range ? ` (${range})` : ''
}

/**
 * Renders the monthly cost of each route of the workloads that have several,
 * next to the share of requests it takes and the share of the workload's
 * blended cost it makes, or '' when no workload has routes. At most
 * `rowLimit` workloads are shown.
 */
export function renderRoutesMarkdown(
  file: FileReport,
  rowLimit = Number.POSITIVE_INFINITY
): string {
  const workloads = routedWorkloads(file)
  if (workloads.length === 0) return ''
  const lines = [
    '**Routes**',
    '',
    '| Workload | Model | Requests | Monthly | Cost share |',
    '|---|---|---:|---:|---:|'
  ]
  const shown = workloads.slice(0, rowLimit)
  for (const workload of shown) {
    const blended = workload.monthly.expected
    workload.routes.forEach((route, index) => {
      const name =
        index === 0
          ? `${escapeCell(workload.workload.name)} (${formatUsd(blended)})`
          : ''
      const share = blended.equals(ZERO)
        ? ''
        : formatPercent(route.monthly.expected.div(blended))
      lines.push(
        `| ${name} | ${escapeCell(route.model.id)} | ${formatPercent(route.route.share)} | ${formatUsd(route.monthly.expected)}${describeRouteRange(route)} | ${share} |`
      )
    })
  }
  const omitted = workloads.length - shown.length
  if (omitted > 0) {
    lines.push(
      '',
      `${omitted} more workloads with routes are omitted to fit GitHub's size limit.`
    )
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
