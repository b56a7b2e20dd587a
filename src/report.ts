import type { ConfigIssue, SourcePosition } from './config/types.js'
import type { Attribution } from './cost/attribution.js'
import type { PriceChange, RateRow } from './cost/rates.js'
import type { Suggestion } from './cost/suggestions.js'
import type { CostDiff, Delta } from './cost/diff.js'
import type {
  GateCheck,
  GateLimits,
  GateResult,
  GateStatus
} from './cost/gate.js'
import type { PriceSettingsChange } from './cost/price-settings.js'
import type { Projection, Range } from './cost/project.js'

/** How the base of the comparison was obtained. */
export type BaseState =
  /** The base file was read and priced. */
  | 'compared'
  /** The file does not exist at the base: every cost is new. */
  | 'missing'
  /** The base file exists but is invalid, so it cannot be priced. */
  | 'invalid'
  /** The base could not be read (API or git failure). */
  | 'unavailable'
  /** The event has no base (schedule, workflow_dispatch): budgets only. */
  | 'none'

/** Everything known about one usage file in one run. */
export interface FileReport {
  /** Path relative to the repository root. */
  file: string
  /**
   * Set for a usage file that the change deletes: the head is an empty
   * projection, so every workload of the base is removed.
   */
  removed?: boolean
  head?: Projection
  /** Errors that stop the head from being priced. */
  errors: ConfigIssue[]
  warnings: ConfigIssue[]
  base?: Projection
  baseState: BaseState
  /** The reason the base is invalid, or a note on a renamed base. */
  baseNote?: string
  /**
   * The reason the base could not be read, with the failed request and its
   * remedy. It fails the run, because the limits from the base are unknown.
   */
  baseFailure?: string
  /** Set when the budgets come from the head although `budget-source` is base. */
  limitsWarning?: string
  /** Set when the change edits budgets that are read from the base. */
  budgetChange?: string
  /** Set when the change edits `models:`, `discounts:` or the pricing file. */
  priceSettingsChange?: PriceSettingsNote
  /** Undefined when there is no base to compare with. */
  diff?: CostDiff
  /** The change split into price, model, tokens, volume and discount parts; set with `diff`. */
  attribution?: Attribution
  /** The rates that price the head, per model, price entry and tier. */
  rates?: RateRow[]
  /** Prices of the head's models that change within the 12 projected months. */
  priceChanges?: PriceChange[]
  /** Ways to spend less on the head, largest monthly saving first; information only. */
  suggestions?: Suggestion[]
  gate?: GateResult
  /**
   * Position of each checked limit in the head file, by YAML path
   * (`budgets.workloads.chat`), or of the nearest enclosing key that the
   * head writes. A limit set only by a workflow input points at line 1.
   */
  limitPositions?: Record<string, SourcePosition>
  limits?: GateLimits
  /**
   * Source of the file's budgets: `base` or `head`, or `inputs` when only
   * the workflow's limits apply. Workflow inputs replace either.
   */
  limitsSource?: 'base' | 'head' | 'inputs'
}

/** A change's edits of the price settings, and the settings that priced the run. */
export interface PriceSettingsNote extends PriceSettingsChange {
  /**
   * `base`: both sides are priced with the base's settings, as under
   * `budget-source: base`; `head`: each side with its own.
   */
  applied: 'base' | 'head'
  /** The head's figures with its own settings, when the base's applied. */
  headOwnSettings?: { monthly: Range; annual: Range; peak: Range }
  /** The note the report shows. */
  message: string
}

/** The outcome of one run over all usage files. */
export interface Report {
  /** `error`: a usage file could not be priced, or an entry of `failures` stopped the check. */
  result: GateStatus | 'error'
  files: FileReport[]
  /** Whether every priced file was compared with a base. */
  compared: boolean
  /** Base and delta are meaningful only when `compared` is true. */
  totals?: { monthly: Delta; annual: Delta; peak: Delta }
  /** What the head was compared with, in plain text: "the merge base abc1234". */
  baseLabel?: string
  /** Why nothing was compared, e.g. "a schedule run checks budgets only". */
  noComparisonReason?: string
  /** Notes on the whole run, such as stale prices. */
  notes: string[]
  runDate: string
  catalogAsOf: string
  /**
   * The workflow's limits checked against the total of several usage files;
   * unset for one file, whose own checks apply them, or without such limits.
   */
  totalGate?: GateResult
  /** Set when an override label turned a failure into a warning. */
  overriddenBy?: string
  /** The figure of a reasoning range that the limits checked; `expected` when unset. */
  gateOn?: 'expected' | 'high'
  /**
   * What failed the run besides an invalid usage file, such as an
   * unreadable base or a comment that could not be written. Any entry makes
   * the result `error`.
   */
  failures: string[]
}

/** Lists every limit the run checked: each file's, then the total's. */
export function listChecks(report: Report): GateCheck[] {
  return [
    ...report.files.flatMap(file => file.gate?.checks ?? []),
    ...(report.totalGate?.checks ?? [])
  ]
}
