import type Fraction from 'fraction.js'
import type { GateCheck, GateStatus } from '../cost/gate.js'
import {
  ZERO,
  formatLimitShare,
  formatPercentApart,
  formatUsdApart
} from '../cost/money.js'
import { escapeCell } from './escape.js'

export const STATUS_LABEL: Record<GateStatus, string> = {
  pass: '✅ pass',
  warn: '⚠️ warning',
  fail: '❌ fail'
}

/**
 * Renders the limits of one file as a table with the share of each limit
 * used, then one line for every limit that warned or failed, and once the
 * workload that moved most.
 */
export function renderBudgets(checks: GateCheck[]): string {
  if (checks.length === 0) return ''
  const lines = [
    '| Limit | Allowed | Projected | Used | Status |',
    '|---|---:|---:|---:|---|'
  ]
  for (const check of checks) {
    const { limit, figure } = formatLimitAndFigure(check)
    lines.push(
      `| ${escapeCell(capitalize(check.limit))} | ${limit} | ${figure} | ${formatUsage(check)} | ${formatStatus(check)} |`
    )
  }

  const notable = checks.filter(c => c.status !== 'pass')
  if (notable.length > 0) {
    lines.push(
      '',
      ...notable.map(
        c =>
          `- ${STATUS_LABEL[c.status]}: ${escapeCell(capitalize(c.message))}.`
      )
    )
  }
  // Every failure of a file names the same mover.
  const mover = notable.find(c => c.mover)?.mover
  if (mover) lines.push('', `${escapeCell(capitalize(mover))}.`)
  return lines.join('\n')
}

function isPercentLimit(check: GateCheck): boolean {
  return check.limit.includes('percent')
}

/**
 * Formats the limit and the figure of a check, with the digits that tell
 * them apart when they differ by less than the usual rounding.
 */
function formatLimitAndFigure(check: GateCheck): {
  limit: string
  figure: string
} {
  const signed = check.kind === 'increase'
  const texts = isPercentLimit(check)
    ? formatPercentApart(check.figure, check.limitValue, { signed })
    : formatUsdApart(check.figure, check.limitValue, { signed })
  const figure = check.highEstimate ? `${texts.figure} (high)` : texts.figure
  return {
    limit: check.approval ? 'approval' : texts.limit,
    figure: check.notApplicable ? 'n/a' : figure
  }
}

/**
 * Returns the share of a limit used: the figure over the limit, for budgets
 * and for an increase alike. A decrease uses none of an increase limit, and
 * a $0 limit has no share.
 */
function formatUsage(check: GateCheck): string {
  if (check.notApplicable || check.limitValue.equals(ZERO)) return ''
  const usage: Fraction = check.usage ?? check.figure.div(check.limitValue)
  if (usage.compare(ZERO) < 0) return '0.0%'
  return formatLimitShare(usage)
}

function formatStatus(check: GateCheck): string {
  if (check.notApplicable && check.status === 'pass') return 'n/a'
  return STATUS_LABEL[check.status]
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
