import { formatIssue, type ConfigIssue } from './config/types.js'
import { formatPath } from './config/yaml-source.js'
import { describeCheck, type GateCheck } from './cost/gate.js'
import { ZERO, formatUsd } from './cost/money.js'
import type { FileReport, Report } from './report.js'
import { capitalize } from './render/budgets.js'
import { describeDelta } from './render/delta.js'

/** A file annotation as the runner shows it in "Files changed" and the run summary. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  title: string
  /** Undefined for a limit on the total of several usage files. */
  file?: string
  /** Undefined for a note on the whole file, such as a removed workload. */
  startLine?: number
  startColumn?: number
}

/**
 * Builds the annotations of a run. Errors and warnings of each usage file
 * go on their lines, an edit of the price settings on the file, and a
 * notice goes on the line of each workload whose monthly cost changed. A
 * limit that failed gets an error on its line, and one that warned gets a
 * warning. A limit on the total of several files gets one with no file.
 */
export function buildAnnotations(report: Report): Annotation[] {
  const annotations: Annotation[] = []
  for (const file of report.files) {
    for (const issue of file.errors) annotations.push(issueAnnotation(issue))
    for (const issue of file.warnings) annotations.push(issueAnnotation(issue))
    const prices = file.priceSettingsChange
    if (prices) {
      annotations.push({
        level: 'warning',
        message: prices.message,
        title: 'ai-budget: price settings',
        file: file.file
      })
    }
    annotations.push(...workloadNotices(file))
    for (const check of file.gate?.checks ?? []) {
      if (check.status !== 'pass')
        annotations.push(limitAnnotation(file, check))
    }
  }
  // The workflow sets the limits of the total, so no line of a usage file
  // is theirs.
  for (const check of report.totalGate?.checks ?? []) {
    if (check.status === 'pass') continue
    annotations.push({
      level: check.status === 'fail' ? 'error' : 'warning',
      message: `${capitalize(describeCheck(check))}.`,
      title: `ai-budget: ${check.limit}`
    })
  }
  return annotations
}

function issueAnnotation(issue: ConfigIssue): Annotation {
  return {
    level: issue.severity === 'error' ? 'error' : 'warning',
    message: formatIssue(issue),
    title: 'ai-budget',
    file: issue.file,
    startLine: issue.line,
    startColumn: issue.column
  }
}

/** Returns a notice for each added, removed or changed workload whose monthly cost moved. */
function workloadNotices(file: FileReport): Annotation[] {
  const notices: Annotation[] = []
  for (const row of file.diff?.workloads ?? []) {
    if (row.monthly.delta.equals(ZERO)) continue
    const position = row.head?.workload.position
    const change = describeDelta(row.monthly)
    const message =
      row.status === 'removed'
        ? `Workload "${row.name}" is removed: ${formatUsd(row.monthly.base)} a month less (${change}).`
        : row.status === 'added'
          ? `Workload "${row.name}" is new: ${formatUsd(row.monthly.head)} a month.`
          : `Workload "${row.name}": ${formatUsd(row.monthly.base)} → ${formatUsd(row.monthly.head)} a month (${change}).`
    notices.push({
      level: 'notice',
      message,
      title: 'ai-budget: monthly cost',
      file: file.file,
      startLine: position?.line,
      startColumn: position?.column
    })
  }
  return notices
}

function limitAnnotation(file: FileReport, check: GateCheck): Annotation {
  const position = file.limitPositions?.[formatPath(check.yamlPath)]
  return {
    level: check.status === 'fail' ? 'error' : 'warning',
    message: `${capitalize(describeCheck(check))}.`,
    title: `ai-budget: ${check.limit}`,
    file: file.file,
    startLine: position?.line,
    startColumn: position?.column
  }
}
