import type { Delta } from '../cost/diff.js'
import { ZERO, formatPercent, formatUsd } from '../cost/money.js'

/** Describes a change as `+$51.25, +4.3%`, as `+$51.25, new` when the base is $0, or as `no change`. */
export function describeDelta(delta: Delta): string {
  const money = formatUsd(delta.delta, { signed: true })
  if (delta.delta.equals(ZERO)) return 'no change'
  if (delta.percent === undefined) return `${money}, new`
  return `${money}, ${formatPercent(delta.percent, { signed: true })}`
}
