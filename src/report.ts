import type { ConfigIssue } from './config/types.js'
import type { CostDiff, Delta } from './cost/diff.js'
import type { GateLimits, GateResult, GateStatus } from './cost/gate.js'
import type { Projection } from './cost/project.js'

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
  head?: Projection
  /** Errors that stop the head from being priced. */
  errors: ConfigIssue[]
  warnings: ConfigIssue[]
  base?: Projection
  baseState: BaseState
  /** Why the base is missing, invalid or unavailable. */
  baseNote?: string
  diff?: CostDiff
  gate?: GateResult
  limits?: GateLimits
  /** Where budgets came from: the base or head file, and workflow inputs. */
  limitsSource?: string
}

/** The outcome of one run over all usage files. */
export interface Report {
  /** `error` means a usage file could not be priced. */
  result: GateStatus | 'error'
  files: FileReport[]
  totals?: { monthly: Delta; annual: Delta; peak: Delta }
  /** What the head was compared with, for people: "merge base abc1234". */
  baseLabel?: string
  runDate: string
  catalogAsOf: string
  /** Set when an override label turned a failure into a warning. */
  overriddenBy?: string
}
