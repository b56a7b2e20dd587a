import { formatDecimal } from '../config/numbers.js'
import { formatCount, formatUsd } from '../cost/money.js'
import type { Range, RouteProjection } from '../cost/project.js'

/** Most distinct reasoning ranges that a label names one by one. */
const MAX_NAMED_RANGES = 2

/**
 * Describes the reasoning ranges behind a low-to-high figure, such as
 * `reasoning ×3 to ×10` or `reasoning +1,000 to +4,000 tokens`. Returns ''
 * when no route has a range.
 */
export function describeReasoningRanges(routes: RouteProjection[]): string {
  const ranges = new Set<string>()
  for (const route of routes) {
    const reasoning = route.reasoning
    if (reasoning.kind === 'none' || !reasoning.range) continue
    const [low, high] = reasoning.range
    ranges.add(
      reasoning.kind === 'multiplier'
        ? `×${formatDecimal(low)} to ×${formatDecimal(high)}`
        : `+${formatCount(low)} to +${formatCount(high)} tokens`
    )
  }
  const list = [...ranges]
  if (list.length === 0) return ''
  if (list.length > MAX_NAMED_RANGES) return 'the reasoning range of each model'
  return `reasoning ${list.join(' and ')}`
}

/**
 * Describes a figure's low-to-high range with its cause:
 * `range $56.00 to $168.00, reasoning ×3 to ×10`. Returns '' for a figure
 * without a range.
 */
export function describeRange(range: Range, routes: RouteProjection[]): string {
  if (range.low.equals(range.high)) return ''
  const cause = describeReasoningRanges(routes)
  const span = `range ${formatUsd(range.low)} to ${formatUsd(range.high)}`
  return cause ? `${span}, ${cause}` : span
}
