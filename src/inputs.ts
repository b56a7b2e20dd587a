import * as core from '@actions/core'
import Fraction from 'fraction.js'
import path from 'node:path'
import type { LimitOverrides } from './analyze.js'
import type { GateKind } from './cost/gate.js'
import type { ChartMode } from './render/chart.js'

/** The Action's inputs, read once and validated. */
export interface ActionInputs {
  config: string
  token: string
  comment: 'update' | 'new' | 'off'
  failOn: ReadonlySet<GateKind>
  budgetSource: 'base' | 'head'
  overrideLabel?: string
  overrides: LimitOverrides
  pricingFile?: string
  baseRef?: string
  gateOn: 'expected' | 'high'
  commentWhen: 'always' | 'changed'
  key: string
  chart: ChartMode
}

/** Thrown for an input value the Action cannot use; the message names the input and the fix. */
export class InputError extends Error {
  override name = 'InputError'
}

/** Reads and validates every input of the Action. */
export function readInputs(): ActionInputs {
  return {
    config:
      readRepoPath('config', 'ai-usage.yml or config/ai-usage.yml') ??
      'ai-usage.yml',
    token: core.getInput('github-token'),
    comment: readChoice('comment', ['update', 'new', 'off'], 'update'),
    failOn: readFailOn(),
    budgetSource: readChoice('budget-source', ['base', 'head'], 'base'),
    overrideLabel: core.getInput('override-label') || undefined,
    overrides: {
      monthly: readMoney('max-monthly-cost'),
      annual: readMoney('max-annual-cost'),
      increaseMonthly: readMoney('max-increase'),
      increasePercent: readPercent('max-increase-percent')
    },
    pricingFile: readRepoPath('pricing-file', '.github/ai-prices.json'),
    baseRef: core.getInput('base-ref') || undefined,
    gateOn: readChoice('gate-on', ['expected', 'high'], 'expected'),
    commentWhen: readChoice('comment-when', ['always', 'changed'], 'always'),
    key: core.getInput('key'),
    chart: readChoice('chart', ['auto', 'on', 'off'], 'auto')
  }
}

/**
 * Reads a path input, which must lead to a file inside the repository: an
 * absolute path or one that climbs out with `..` is rejected, so that no
 * file outside the workspace is read and quoted in annotations. Returns the
 * path normalized (`./a/../b.yml` is `b.yml`), or undefined when empty.
 */
function readRepoPath(name: string, example: string): string | undefined {
  const raw = core.getInput(name).trim()
  if (raw === '') return undefined
  const fix = `Write a path relative to the repository root, such as ${example}.`
  if (path.posix.isAbsolute(raw) || /^[A-Za-z]:[\\/]|^\\/.test(raw)) {
    throw new InputError(
      `Input ${name} is invalid: "${raw}" is an absolute path. ${fix}`
    )
  }
  const normalized = path.posix.normalize(raw)
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new InputError(
      `Input ${name} is invalid: "${raw}" leads outside the repository. ${fix}`
    )
  }
  return normalized.replace(/^\.\//, '')
}

function readChoice<T extends string>(
  name: string,
  choices: readonly T[],
  fallback: T
): T {
  const value = core.getInput(name).trim().toLowerCase()
  if (value === '') return fallback
  const match = choices.find(choice => choice === value)
  if (match) return match
  throw new InputError(
    `Input ${name} is invalid: "${value}". Use one of: ${choices.join(', ')}.`
  )
}

function readFailOn(): ReadonlySet<GateKind> {
  const raw = core.getInput('fail-on').trim().toLowerCase() || 'budget,increase'
  const parts = raw.split(/[\s,]+/).filter(Boolean)
  if (raw === 'none') return new Set()
  if (parts.includes('none')) {
    throw new InputError(
      `Input fail-on is invalid: "${raw}". none means that no exceeded limit fails the step, so it cannot be combined with ${parts.filter(part => part !== 'none').join(', ')}. Write none alone, or budget, increase or both.`
    )
  }
  const kinds = new Set<GateKind>()
  for (const part of parts) {
    if (part !== 'budget' && part !== 'increase') {
      throw new InputError(
        `Input fail-on has an invalid entry: "${part}". Use budget, increase, both separated by a comma, or none.`
      )
    }
    kinds.add(part)
  }
  return kinds
}

/** Parses a plain decimal such as `1500` or `1500.50` exactly. */
export function parsePlainDecimal(text: string): Fraction | undefined {
  return /^\d+(\.\d+)?$/.test(text) ? new Fraction(text) : undefined
}

function readMoney(name: string): Fraction | undefined {
  const raw = core.getInput(name).trim()
  if (raw === '') return undefined
  const value = parsePlainDecimal(raw)
  if (value === undefined) {
    throw new InputError(
      `Input ${name} is invalid: "${raw}". Write a plain number of US dollars, such as 1500 or 1500.50, without $ or thousands separators.`
    )
  }
  return value
}

function readPercent(name: string): Fraction | undefined {
  const raw = core.getInput(name).trim()
  if (raw === '') return undefined
  const percent = raw.endsWith('%')
    ? parsePlainDecimal(raw.slice(0, -1))
    : undefined
  const value = percent ? percent.div(100) : parsePlainDecimal(raw)
  if (value === undefined || (!raw.endsWith('%') && value.compare(1) > 0)) {
    throw new InputError(
      `Input ${name} is invalid: "${raw}". Write a percentage such as 10% or a ratio such as 0.1.`
    )
  }
  return value
}

/** Timing of GitHub API calls, which tests shorten; unset fields keep the client's defaults. */
export interface ApiTimings {
  /** Time limit of one HTTP attempt in milliseconds. */
  requestTimeoutMs?: number
  /** One unit of retry delay in milliseconds: the nth retry waits n² units. */
  retryDelayUnitMs?: number
}

/**
 * Reads `AI_BUDGET_REQUEST_TIMEOUT_MS` and `AI_BUDGET_RETRY_DELAY_MS` from the
 * environment. They are not inputs, because a workflow has no reason to
 * change them, but the end-to-end tests run the bundle with short waits.
 */
export function readApiTimings(env: NodeJS.ProcessEnv): ApiTimings {
  return {
    requestTimeoutMs: readMilliseconds(env, 'AI_BUDGET_REQUEST_TIMEOUT_MS'),
    retryDelayUnitMs: readMilliseconds(env, 'AI_BUDGET_RETRY_DELAY_MS')
  }
}

function readMilliseconds(
  env: NodeJS.ProcessEnv,
  name: string
): number | undefined {
  const raw = env[name]?.trim() ?? ''
  if (raw === '') return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new InputError(
      `${name} is invalid: "${raw}". Write a whole number of milliseconds, 1 or more, or unset it.`
    )
  }
  return Number(raw)
}
