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

/** Adds a pull request from HEAD_SHA onto BASE_SHA. */
export function addPullRequest(standIn: GitHubStandIn, number: number): void {
  standIn.addPullRequest(FULL_NAME, {
    number,
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    headRef: 'feature',
    baseRef: 'main'
  })
}

/** A run of the bundle on one pull request. */
export interface PullRequestRun {
  number: number
  token: string
  /** Head version of the usage file, checked out in the workspace. */
  headFile: string | Uint8Array
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
  const event = buildPullRequestEvent('synchronize', {
    owner: OWNER,
    repo: REPO,
    number: setup.number,
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    headRef: 'feature',
    baseRef: 'main',
    apiUrl: standIn.url
  })
  if (setup.labels) setLabels(event, setup.labels, standIn.url)
  const config = setup.config ?? 'ai-usage.yml'
  return await runAction({
    inputs: { config, 'github-token': setup.token, ...setup.inputs },
    eventName: 'pull_request',
    eventPayload: event,
    repository: FULL_NAME,
    apiUrl: standIn.url,
    workspaceFiles: { [config]: setup.headFile },
    ...(setup.env ? { env: setup.env } : {})
  })
}

function setLabels(
  event: Record<string, unknown>,
  names: string[],
  apiUrl: string
): void {
  const pull = event['pull_request'] as Record<string, unknown>
  pull['labels'] = names.map((name, index) => ({
    id: 900 + index,
    node_id: `LA_${index}`,
    url: `${apiUrl}/repos/${FULL_NAME}/labels/${name}`,
    name,
    color: 'ededed',
    default: false,
    description: null
  }))
}

/** Formats a run's exit code and streams for an assertion message. */
export function describeRun(run: ActionRun): string {
  return `exit ${String(run.exitCode)}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`
}
