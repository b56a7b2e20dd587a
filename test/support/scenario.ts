import { buildLabel } from './github-fixtures.js'
import { GitHubStandIn, type StandInOptions } from './github-stand-in.js'
import { runAction, type ActionRun } from './run-action.js'
import { buildPullRequestEvent } from './webhook-payload.js'

/**
 * One repository with one pull request in the stand-in, and a run of the
 * bundle on it, for the end-to-end tests.
 */

export const OWNER = 'acme'
export const REPO = 'shop'
export const FULL_NAME = `${OWNER}/${REPO}`
export const BASE_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
export const HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'
export const MERGE_BASE_SHA = 'ccccccccccccccccccccccccccccccccccccccc4'

/**
 * Builds a usage file with one gpt-5.4-nano workload of 200 input and 50
 * output tokens a request, which costs (200 × $0.20 + 50 × $1.25) / 1M =
 * $0.0001025 a request: $102.50 a month for 1,000,000 requests.
 */
export function buildUsageFile(perMonth: number, budgets = ''): string {
  return [
    'version: 1',
    'workloads:',
    '  - name: support-replies',
    '    model: gpt-5.4-nano',
    '    tokens: { input: 200, output: 50 }',
    `    requests: { per-month: ${perMonth} }`,
    budgets,
    ''
  ].join('\n')
}

/** Starts a stand-in with `acme/shop` and its pull requests, each from HEAD_SHA onto BASE_SHA. */
export async function startStandIn(
  options: StandInOptions,
  pullNumbers: number[]
): Promise<GitHubStandIn> {
  const standIn = await GitHubStandIn.start(options)
  for (const number of pullNumbers) addPullRequest(standIn, number)
  standIn.setMergeBase(FULL_NAME, BASE_SHA, HEAD_SHA, MERGE_BASE_SHA)
  return standIn
}

/**
 * Adds a pull request onto BASE_SHA from HEAD_SHA, or from its own head
 * commit, so that concurrent runs do not read each other's head file. Its
 * merge base is MERGE_BASE_SHA.
 */
export function addPullRequest(
  standIn: GitHubStandIn,
  number: number,
  headSha = HEAD_SHA
): void {
  standIn.addPullRequest(FULL_NAME, {
    number,
    headSha,
    baseSha: BASE_SHA,
    headRef: 'feature',
    baseRef: 'main'
  })
  standIn.setMergeBase(FULL_NAME, BASE_SHA, headSha, MERGE_BASE_SHA)
}

/** Builds a commit SHA of its own for a pull request number. */
export function headShaOf(number: number): string {
  return `b${String(number).padStart(39, '0')}`
}

/** A run of the bundle on one pull request. */
export interface PullRequestRun {
  number: number
  token: string
  /**
   * Head version of the usage file, stored at HEAD_SHA, where the Action
   * reads it, and checked out in the workspace.
   */
  headFile: string | Uint8Array
  /** Workspace version when it differs, as the merge commit of a checkout does. */
  workspaceFile?: string
  /** Head commit of the pull request; HEAD_SHA by default. */
  headSha?: string
  /** Path of the usage file; `ai-usage.yml` by default. */
  config?: string
  inputs?: Record<string, string>
  labels?: string[]
  /** Extra environment variables of the run. */
  env?: Record<string, string>
}

/** Runs the bundle on a `pull_request` event for a pull request in the stand-in. */
export async function runOnPullRequest(
  standIn: GitHubStandIn,
  setup: PullRequestRun
): Promise<ActionRun> {
  const headSha = setup.headSha ?? HEAD_SHA
  const event = buildPullRequestEvent('synchronize', {
    owner: OWNER,
    repo: REPO,
    number: setup.number,
    headSha,
    baseSha: BASE_SHA,
    headRef: 'feature',
    baseRef: 'main',
    apiUrl: standIn.url
  })
  if (setup.labels) setLabels(event, setup.labels, standIn.url)
  const config = setup.config ?? 'ai-usage.yml'
  standIn.setFile(FULL_NAME, headSha, config, setup.headFile)
  return await runAction({
    inputs: { config, 'github-token': setup.token, ...setup.inputs },
    eventName: 'pull_request',
    eventPayload: event,
    repository: FULL_NAME,
    apiUrl: standIn.url,
    workspaceFiles: { [config]: setup.workspaceFile ?? setup.headFile },
    ...(setup.env ? { env: setup.env } : {})
  })
}

function setLabels(
  event: Record<string, unknown>,
  names: string[],
  apiUrl: string
): void {
  const pull = event['pull_request'] as Record<string, unknown>
  const urls = { api: apiUrl, web: apiUrl }
  pull['labels'] = names.map((name, index) =>
    buildLabel(urls, FULL_NAME, name, index)
  )
}

/** Formats a run's exit code and streams for an assertion message. */
export function describeRun(run: ActionRun): string {
  return `exit ${String(run.exitCode)}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`
}
