import type { Delta } from '../cost/diff.js'
import {
  ZERO,
  formatPercent,
  formatUsd,
  roundUsdForDisplay
} from '../cost/money.js'

/**
 * Describes a change as `+$51.25, +4.3%`, as `+$51.25, new` when the base is
 * $0, or as `no change`. A base that is not $0 but shows as `$0.00` gets no
 * percent, because a percent of a figure that reads as zero adds nothing.
 */
export function describeDelta(delta: Delta): string {
  const money = formatUsd(delta.delta, { signed: true })
  if (delta.delta.equals(ZERO)) return 'no change'
  if (delta.percent === undefined) return `${money}, new`
  if (roundUsdForDisplay(delta.base).equals(ZERO)) return money
  return `${money}, ${formatPercent(delta.percent, { signed: true })}`
}

/**
 * Checks whether a change, rounded from the exact difference, differs from
 * the rounded head minus the rounded base, as in $1,351.14 → $1,364.87
 * shown as +$13.74 (the exact change is $13.735).
 */
export function roundsApart(delta: Delta): boolean {
  const shown = roundUsdForDisplay(delta.head).sub(
    roundUsdForDisplay(delta.base)
  )
  return !shown.equals(roundUsdForDisplay(delta.delta))
}

/** The footnote of a report in which some change is `roundsApart`. */
export const ROUNDING_NOTE =
  'A change is the exact difference rounded half up, so it can be a cent away from the rounded head minus the rounded base.'

/**
 * Checks whether the peak month equals month 1 on both sides, so that its
 * row would repeat the monthly one: no growth and no price rise.
 */
export function peakIsMonthly(
  totals: { monthly: Delta; peak: Delta },
  compared: boolean
): boolean {
  const head = totals.peak.head.equals(totals.monthly.head)
  return head && (!compared || totals.peak.base.equals(totals.monthly.base))
}
