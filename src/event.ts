import { readFileSync } from 'node:fs'

/** What the run compares, taken from the triggering event. */
export interface EventTarget {
  name: string
  owner: string
  repo: string
  /** Pull request number, on pull request events. */
  pullNumber?: number
  /** Commit whose usage file is judged. */
  headSha?: string
  /**
   * Read the head file through the API at `headSha` instead of the
   * workspace, on pull request events, whose workspace is not the head.
   */
  headFromApi: boolean
  /** How to find the base commit. */
  base:
    | { kind: 'merge-base'; base: string; head: string }
    | { kind: 'commit'; sha: string; label: string }
    | { kind: 'none'; reason: string }
  labels: string[]
  /** Reason for judging this event without a comparison, logged as a notice. */
  notice?: string
}

const ZERO_SHA = /^0+$/

/** Reads the event payload named by GITHUB_EVENT_PATH and works out what to compare. */
export function readEventTarget(env: NodeJS.ProcessEnv): EventTarget {
  const name = env.GITHUB_EVENT_NAME ?? ''
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const common = {
    name,
    owner,
    repo,
    headFromApi: false,
    labels: [] as string[]
  }

  if (name === 'pull_request' || name === 'pull_request_target') {
    const pull = objectAt(payload, 'pull_request')
    const head = stringAt(objectAt(pull, 'head'), 'sha')
    const base = stringAt(objectAt(pull, 'base'), 'sha')
    const labels = arrayAt(pull, 'labels').map(label => stringAt(label, 'name'))
    const pullNumber = numberAt(pull, 'number')
    if (pullNumber === undefined || !head || !base) {
      const problem = `the ${name} event payload has no pull request number, head or base commit`
      // The workspace of pull_request_target contains the base branch, so
      // pricing it would present the base as the pull request.
      if (name === 'pull_request_target') {
        throw new Error(
          `${capitalize(problem)}, so the pull request's usage file cannot be read. Check GITHUB_EVENT_PATH and the workflow trigger.`
        )
      }
      return incomplete(common, problem)
    }
    return {
      ...common,
      pullNumber,
      headSha: head,
      headFromApi: true,
      base: { kind: 'merge-base', base, head },
      labels
    }
  }
  if (name === 'push') {
    const before = stringAt(payload, 'before')
    const after = stringAt(payload, 'after')
    if (!before || !after) {
      return incomplete(
        common,
        'the push event payload has no before or after commit'
      )
    }
    const base: EventTarget['base'] = ZERO_SHA.test(before)
      ? { kind: 'none', reason: describeCreatedRef(stringAt(payload, 'ref')) }
      : {
          kind: 'commit',
          sha: before,
          label: `the previous commit ${before.slice(0, 7)}`
        }
    return { ...common, headSha: after, base }
  }
  if (name === 'merge_group') {
    const group = objectAt(payload, 'merge_group')
    const baseSha = stringAt(group, 'base_sha')
    if (!baseSha) {
      return incomplete(
        common,
        'the merge_group event payload has no base commit'
      )
    }
    return {
      ...common,
      headSha: stringAt(group, 'head_sha'),
      base: {
        kind: 'commit',
        sha: baseSha,
        label: `the merge queue base ${baseSha.slice(0, 7)}`
      }
    }
  }
  if (name === 'schedule' || name === 'workflow_dispatch') {
    const reason = `a ${name} run checks budgets only`
    return { ...common, base: { kind: 'none', reason } }
  }
  const reason = `the ${name || 'unknown'} event has no base to compare with, so only budgets are checked`
  return {
    ...common,
    base: { kind: 'none', reason },
    notice: `ai-budget compares costs on pull_request, pull_request_target, push and merge_group events. On ${name || 'this'} event it checks budgets only.`
  }
}

/** Describes why a push that created its ref has no base: "the push created the tag v1.0, …". */
function describeCreatedRef(ref: string | undefined): string {
  const tag = ref?.startsWith('refs/tags/')
    ? ref.slice('refs/tags/'.length)
    : undefined
  const created = tag === undefined ? 'the branch' : `the tag ${tag}`
  return `the push created ${created}, so there is no earlier commit`
}

/** Builds the target of an event whose payload lacks the commits to compare, with a notice that explains it. */
function incomplete(
  common: Omit<EventTarget, 'base'>,
  problem: string
): EventTarget {
  const reason = `${problem}, so only budgets are checked`
  return {
    ...common,
    base: { kind: 'none', reason },
    notice: `No comparison: ${reason}. Check GITHUB_EVENT_PATH and the workflow trigger.`
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

type Json = Record<string, unknown>

function readPayload(path: string | undefined): Json {
  if (!path) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return isObject(parsed) ? parsed : {}
  } catch {
    return {}
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function objectAt(value: unknown, key: string): Json {
  const child = isObject(value) ? value[key] : undefined
  return isObject(child) ? child : {}
}

function arrayAt(value: unknown, key: string): unknown[] {
  const child = isObject(value) ? value[key] : undefined
  return Array.isArray(child) ? child : []
}

function stringAt(value: unknown, key: string): string {
  const child = isObject(value) ? value[key] : undefined
  return typeof child === 'string' ? child : ''
}

function numberAt(value: unknown, key: string): number | undefined {
  const child = isObject(value) ? value[key] : undefined
  return typeof child === 'number' ? child : undefined
}
