import Fraction from 'fraction.js'
import type { ConfigIssue, Route, Workload } from '../config/types.js'
import { formatCount } from './money.js'
import type { Range } from './project.js'
import type { PricedModel } from './resolve.js'

/**
 * Returns a warning when a request's input plus billed output (visible and
 * reasoning tokens) exceeds the model's context window, which the provider
 * rejects rather than bills. The expected output is checked first, then
 * the top of a reasoning range, which `gate-on: high` prices. For the top
 * alone, the warning states that the provider may reject the request. The window is the model's
 * `context-window:` in the usage file, or else the catalog's. A model
 * without a known window (a custom one without `context-window:`, or a
 * pricing-file model without `max_input_tokens`) is not checked.
 */
export function describeContextOverflow(
  workload: Workload,
  route: Route,
  model: PricedModel,
  outputTokens: Range
): Omit<ConfigIssue, 'file'> | undefined {
  const window =
    model.override?.contextWindow ?? model.catalog?.contextWindow ?? 0
  if (window <= 0) return undefined
  const limit = new Fraction(window)
  const input = workload.tokens.input
  const expected = input.add(outputTokens.expected)
  const high = input.add(outputTokens.high)
  if (high.compare(limit) <= 0) return undefined
  const overExpected = expected.compare(limit) > 0
  const output = overExpected ? outputTokens.expected : outputTokens.high
  const which = overExpected ? '' : ', at the top of its reasoning range,'
  // The top of a range is a possible request, not the expected one.
  const outcome = overExpected
    ? 'the provider rejects it rather than bills it'
    : 'the provider may reject it rather than bill it'
  return {
    ...route.position,
    path: route.path,
    value: model.id,
    message: `a request of workload "${workload.name}"${which} has ${formatCount(input)} input and ${formatCount(output)} billed output tokens, ${formatCount(input.add(output))} in all, more than the context window of ${model.id} (${formatCount(limit)} tokens), so ${outcome}`,
    fix: 'Check the tokens: of this workload, or move it to a model with a larger context window',
    severity: 'warning'
  }
}
