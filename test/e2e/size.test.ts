import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GitHubStandIn } from '../support/github-stand-in.js'
import {
  describeRun,
  FULL_NAME,
  MERGE_BASE_SHA,
  runOnPullRequest,
  startStandIn
} from '../support/scenario.js'

// A pull request whose every growing part passes GitHub's comment limit on
// its own: the stand-in rejects a body over 65,536 characters with 422, as
// GitHub does, so the comment must be cut to be posted at all.

const TOKEN = 'ghp_FAKEtokenForSizeCheck0123456789ABCDEF'
const PR = 61
const COUNT = 1500

function pad(index: number): string {
  return String(index).padStart(4, '0')
}

/** Names of 40 characters or more, so that each row and list item is long. */
function workloadName(index: number): string {
  return `workload-${pad(index)}-${'n'.repeat(26)}`
}

// Base: COUNT workloads on gpt-5.4-nano.
const BASE_FILE = [
  'version: 1',
  'workloads:',
  ...Array.from({ length: COUNT }, (_, index) =>
    [
      `  - name: ${workloadName(index)}`,
      '    model: gpt-5.4-nano',
      '    tokens: { input: 200, output: 50 }',
      '    requests: { per-month: 1000 }'
    ].join('\n')
  ),
  ''
].join('\n')

// Head: each workload moves half its requests to a model of its own, which
// adds COUNT price-settings edits, rate rows, route tables and attribution
// rows, and COUNT more models that no workload uses add COUNT warnings.
const HEAD_FILE = [
  'version: 1',
  'models:',
  ...Array.from(
    { length: COUNT },
    (_, index) =>
      `  routed-model-${pad(index)}: { provider: openai, input: 0.05, output: 0.4 }`
  ),
  ...Array.from(
    { length: COUNT },
    (_, index) =>
      `  unused-model-${pad(index)}: { provider: openai, input: 0.05, output: 0.4 }`
  ),
  'workloads:',
  ...Array.from({ length: COUNT }, (_, index) =>
    [
      `  - name: ${workloadName(index)}`,
      '    routes:',
      `      - { model: routed-model-${pad(index)}, share: 50% }`,
      '      - { model: gpt-5.4-nano, share: 50% }',
      '    tokens: { input: 200, output: 50 }',
      '    requests: { per-month: 2000 }'
    ].join('\n')
  ),
  ''
].join('\n')

let standIn: GitHubStandIn

beforeEach(async () => {
  standIn = await startStandIn({ token: TOKEN, login: 'budget-bot' }, [PR])
})

afterEach(async () => {
  await standIn.close()
})

describe('action comment size', () => {
  it('cuts every growing part to fit', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)

    const run = await runOnPullRequest(standIn, {
      number: PR,
      token: TOKEN,
      headFile: HEAD_FILE
    })

    // Every workload moves to a model that only the head defines, so each
    // of the COUNT workloads has a failing check, and those rows must fit
    // too.
    expect(run.exitCode, describeRun(run)).toBe(1)
    const posts = standIn.requests.filter(
      request =>
        request.route ===
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'
    )
    expect(posts.map(post => post.status)).toEqual([201])
    const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    // The summary passes 1 MiB as well, so both point at the JSON report.
    const hint =
      'The JSON report at the report-path output has every row; upload it with actions/upload-artifact to keep it after the job.'
    for (const noun of [
      'workload rows',
      'workloads with routes',
      'rows',
      'warnings',
      'rate rows'
    ]) {
      const note = new RegExp(
        `\\d+ more ${noun} are omitted to fit GitHub's size limit\\. ${hint}`
      )
      expect(body).toMatch(note)
      expect(run.summary).toMatch(note)
    }
    // The head adds 3,000 models, so the price-settings warning names 10
    // edits and counts 3,000 - 10 = 2,990 more.
    expect(body).toContain(
      "routed-model-0009 (price set by this change); and 2990 more, all listed in the JSON report's price-settings-change.edits"
    )
    expect(body).not.toContain('routed-model-0010 (price set')
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThanOrEqual(
      1024 * 1024
    )
    const report = JSON.parse(run.report ?? '{}') as {
      files: { 'price-settings-change': { edits: string[] } }[]
    }
    expect(report.files[0]?.['price-settings-change'].edits).toHaveLength(
      2 * COUNT
    )
  }, 60_000)
})
