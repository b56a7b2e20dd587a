import type Fraction from 'fraction.js'

/** A 1-based line and column in a usage file. */
export interface SourcePosition {
  line: number
  column: number
}

/** One problem found in a usage file, with everything a user needs to fix it. */
export interface ConfigIssue {
  file: string
  line: number
  column: number
  /** YAML path in the form `workloads[2].requests.per-day`; empty for the whole file. */
  path: string
  /** The offending value as written in the file, when there is one. */
  value?: string
  message: string
  /** What to write instead. */
  fix: string
  severity: 'error' | 'warning'
}

/** Token counts per request. */
export interface TokenCounts {
  input: Fraction
  output: Fraction
}

/** A `models:` entry: prices in USD per 1,000,000 tokens. Unset fields fall back to the catalog. */
export interface ModelOverride {
  /** The key as written in the file. */
  name: string
  provider?: string
  /** Where `provider:` is written, when it is. */
  providerPosition?: SourcePosition
  input?: Fraction
  output?: Fraction
  cachedInput?: Fraction
  cacheWrite5m?: Fraction
  cacheWrite1h?: Fraction
  batchDiscount?: Fraction
  longContext?: LongContextOverride
  reasoning?: 'always' | 'optional' | 'none'
  /** Context window in tokens, input plus output, of a model outside the catalog. */
  contextWindow?: number
  /** Position of `context-window:`, when it is written. */
  contextWindowPosition?: SourcePosition
  path: string
  position: SourcePosition
}

/** `long-context:` of a `models:` entry. Unset fields fall back to the catalog's tier. */
export interface LongContextOverride {
  /** Input tokens per request above which these prices apply. */
  threshold?: number
  inclusive?: boolean
  input?: Fraction
  output?: Fraction
  cachedInput?: Fraction
  cacheWrite5m?: Fraction
  cacheWrite1h?: Fraction
  path: string
  position: SourcePosition
}

/** One model behind a workload, with the share of its requests. */
export interface Route {
  /** The model name as written in the file. */
  model: string
  share: Fraction
  path: string
  position: SourcePosition
}

/** `reasoning:` of a workload. `range` holds low and high values of the same kind. */
export type ReasoningSetting =
  | { kind: 'multiplier'; value: Fraction; range?: [Fraction, Fraction] }
  | { kind: 'tokens'; value: Fraction; range?: [Fraction, Fraction] }
  | { kind: 'none' }

export type VolumeUnit = 'per-day' | 'per-month' | 'per-year'

export interface RequestVolume {
  unit: VolumeUnit
  /** The number as written, in its unit. */
  value: Fraction
  /** Monthly compounded growth as a ratio (5% is 1/20). */
  growth: Fraction
}

export interface Workload {
  name: string
  /** A single `model:` is one route with share 1. */
  routes: Route[]
  tokens: TokenCounts
  /** The profile name, when tokens came from one. */
  profile?: string
  requests: RequestVolume
  retries: Fraction
  /** Unset means the model's default from the catalog. */
  reasoning?: ReasoningSetting
  /** Where `reasoning:` is written, when it is. */
  reasoningPosition?: SourcePosition
  cache: { read: Fraction; write: Fraction; ttl: '5m' | '1h' }
  batch: Fraction
  path: string
  position: SourcePosition
}

export interface Discount {
  provider?: string
  model?: string
  off: Fraction
  path: string
  position: SourcePosition
}

export interface BudgetLimits {
  monthly?: Fraction
  annual?: Fraction
}

export interface Budgets extends BudgetLimits {
  increase: { monthly?: Fraction; percent?: Fraction }
  warnAt?: Fraction
  workloads: Record<string, BudgetLimits>
  path: string
  position: SourcePosition
}

/** A validated `ai-usage.yml`, with every number as an exact fraction. */
export interface UsageConfig {
  file: string
  version: 1
  models: ModelOverride[]
  /** Built-in profiles merged with the file's own. */
  profiles: Record<string, TokenCounts>
  workloads: Workload[]
  discounts: Discount[]
  budgets: Budgets
}

/** Thrown when a usage file cannot be used; carries every issue found, not only the first. */
export class UsageFileError extends Error {
  readonly issues: ConfigIssue[]

  constructor(issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'))
    this.name = 'UsageFileError'
    this.issues = issues
  }
}

/**
 * Formats an issue as one line: `file:line:col path: message (found x). Fix`.
 * The value is left out when the message already names it, as in `unknown
 * key montly`.
 */
export function formatIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`
  const path = issue.path ? ` ${issue.path}:` : ''
  const value =
    issue.value === undefined || namesValue(issue.message, issue.value)
      ? ''
      : ` (found ${issue.value})`
  const fix = issue.fix.charAt(0).toUpperCase() + issue.fix.slice(1)
  return `${where}${path} ${issue.message}${value}. ${fix}`
}

/**
 * Tells whether a message contains the value as a word of its own: a name
 * such as `montly` or `"gpt-5.4-nanoo"`, not `1` inside `100%`.
 */
function namesValue(message: string, value: string): boolean {
  if (value.trim() === '') return false
  let at = message.indexOf(value)
  while (at >= 0) {
    const before = message[at - 1] ?? ' '
    const after = message[at + value.length] ?? ' '
    if (/[\s"'(*&]/.test(before) && /[\s"'),.:;?]/.test(after)) return true
    at = message.indexOf(value, at + 1)
  }
  return false
}
