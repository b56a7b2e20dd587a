import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GitHubStandIn } from '../support/github-stand-in.js'
import type { ActionRun } from '../support/run-action.js'
import {
  BASE_SHA,
  buildUsageFile,
  describeRun,
  FULL_NAME,
  HEAD_SHA,
  MERGE_BASE_SHA,
  runOnPullRequest as runBundle,
  startStandIn,
  type PullRequestRun
} from '../support/scenario.js'

// What a pull request cannot talk the gate out of, and what the gate never
// leaks: budgets from the base, the override label, the token, the comment's
// escaping and size.

const TOKEN = 'ghp_FAKEtokenForLeakCheck0123456789ABCDEF'
const PR = 44

// Head: 1,000,000 requests at $0.0001025 (scenario.ts): $102.50 a month.
// Base: 500,000 requests, $51.25 a month.
const HEAD_FILE = buildUsageFile(1_000_000)
const BASE_FILE = buildUsageFile(500_000)

let standIn: GitHubStandIn

beforeEach(async () => {
  standIn = await startStandIn({ token: TOKEN, login: 'budget-bot' }, [PR])
})

afterEach(async () => {
  await standIn.close()
})

async function runOnPullRequest(
  options: Partial<PullRequestRun> = {}
): Promise<ActionRun> {
  return await runBundle(standIn, {
    number: PR,
    token: TOKEN,
    headFile: HEAD_FILE,
    ...options
  })
}

describe('action trust', () => {
  it('keeps the token out of every output', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    const passing = await runOnPullRequest()
    // A denied write and an exhausted retry produce error messages that
    // could quote a request.
    standIn.addFaults(
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      { status: 403 }
    )
    standIn.addFaults(
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      { status: 502 },
      { status: 502 },
      { status: 502 },
      { status: 502 }
    )
    const degraded = await runOnPullRequest({
      headFile: buildUsageFile(2_000_000, 'budgets:\n  monthly: 100')
    })

    expect(passing.exitCode, describeRun(passing)).toBe(0)
    expect(degraded.exitCode, describeRun(degraded)).toBe(1)
    for (const run of [passing, degraded]) {
      // The mask command for the runner is the only line that contains
      // the token.
      const lines = run.stdout.split('\n')
      expect(lines).toContain(`::add-mask::${TOKEN}`)
      const rest = lines.filter(line => line !== `::add-mask::${TOKEN}`)
      expect(rest.join('\n')).not.toContain(TOKEN)
      expect(run.stderr).not.toContain(TOKEN)
      expect(run.summary).not.toContain(TOKEN)
      expect(run.outputText).not.toContain(TOKEN)
      expect(run.report, 'JSON report').toBeDefined()
      expect(run.report).not.toContain(TOKEN)
    }
    expect(JSON.stringify(standIn.requests)).not.toContain(TOKEN)
  })

  it('flags a budget change for after merge', async () => {
    // The head raises its own budget from $100 to $1,000, but the base's
    // $100 applies, and $102.50 is above it.
    standIn.setFile(
      FULL_NAME,
      MERGE_BASE_SHA,
      'ai-usage.yml',
      buildUsageFile(500_000, 'budgets:\n  monthly: 100')
    )

    const run = await runOnPullRequest({
      headFile: buildUsageFile(1_000_000, 'budgets:\n  monthly: 1000')
    })

    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.outputs['over-budget']).toBe('true')
    const note =
      'This change edits the budgets (monthly 100 → 1000). They apply after merge; this run uses the base'
    expect(run.summary).toContain(note)
    expect(standIn.listComments(FULL_NAME, PR)[0]?.body).toContain(note)
  })

  it('prices a lowered model with the base', async () => {
    // The head lowers gpt-5.4-nano to 0.01 / 0.01 and doubles the volume.
    // Priced with the base's prices it costs $102.50, over the base's $100;
    // with its own, 1M × (200 × 0.01 + 50 × 0.01) / 1M = $2.50.
    standIn.setFile(
      FULL_NAME,
      MERGE_BASE_SHA,
      'ai-usage.yml',
      buildUsageFile(500_000, 'budgets:\n  monthly: 100')
    )

    const run = await runOnPullRequest({
      headFile: buildUsageFile(
        1_000_000,
        'models:\n  gpt-5.4-nano: { input: 0.01, output: 0.01 }\nbudgets:\n  monthly: 100'
      )
    })

    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.outputs['monthly-cost']).toBe('102.50')
    expect(run.outputs['over-budget']).toBe('true')
    const note =
      "This change edits price settings (models: gpt-5.4-nano input 0.20 → 0.01, output 1.25 → 0.01). They apply after merge; this run prices both sides with the base's settings. With this change's own settings the head would cost $2.50 a month."
    expect(run.summary).toContain(note)
    expect(standIn.listComments(FULL_NAME, PR)[0]?.body).toContain(note)
    expect(run.stdout).toContain(
      '::warning title=ai-budget%3A price settings,file=ai-usage.yml::This change edits price settings'
    )
  })

  it('turns a failure into a warning by label', async () => {
    standIn.setFile(
      FULL_NAME,
      MERGE_BASE_SHA,
      'ai-usage.yml',
      buildUsageFile(500_000, 'budgets:\n  monthly: 100')
    )
    const headFile = buildUsageFile(1_000_000, 'budgets:\n  monthly: 100')
    const inputs = { 'override-label': 'cost-approved' }

    standIn.setLabels(FULL_NAME, PR, ['cost-approved'])
    const approved = await runOnPullRequest({
      headFile,
      labels: ['cost-approved'],
      inputs
    })
    standIn.setLabels(FULL_NAME, PR, ['other'])
    const unlabelled = await runOnPullRequest({
      headFile,
      labels: ['other'],
      inputs
    })

    expect(approved.exitCode, describeRun(approved)).toBe(0)
    expect(approved.outputs['result']).toBe('warn')
    const warning = approved.stdout
      .split('\n')
      .find(line => line.startsWith('::warning') && line.includes('budget'))
    expect(warning).toContain('but the label cost-approved approves it')
    expect(approved.stdout).not.toMatch(/^::error/m)
    expect(approved.summary).toContain('The label `cost-approved` approves')
    expect(unlabelled.exitCode, describeRun(unlabelled)).toBe(1)
    expect(unlabelled.outputs['result']).toBe('fail')
  })

  it('sees a label added before a re-run', async () => {
    standIn.setFile(
      FULL_NAME,
      MERGE_BASE_SHA,
      'ai-usage.yml',
      buildUsageFile(500_000, 'budgets:\n  monthly: 100')
    )
    // The event lists no labels, as for a job re-run after the label was
    // added. GitHub's label names ignore case.
    standIn.setLabels(FULL_NAME, PR, ['Cost-Approved'])

    const run = await runOnPullRequest({
      headFile: buildUsageFile(1_000_000, 'budgets:\n  monthly: 100'),
      labels: [],
      inputs: { 'override-label': 'cost-approved' }
    })

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.outputs['result']).toBe('warn')
    expect(standIn.listCalls()).toContain(`GET /repos/${FULL_NAME}/pulls/${PR}`)
    expect(run.stdout).toContain('but the label Cost-Approved approves it')
  })

  it('falls back to the event labels', async () => {
    standIn.setFile(
      FULL_NAME,
      MERGE_BASE_SHA,
      'ai-usage.yml',
      buildUsageFile(500_000, 'budgets:\n  monthly: 100')
    )
    const failure = { status: 502 }
    standIn.addFaults(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      failure,
      failure,
      failure,
      failure
    )

    const run = await runOnPullRequest({
      headFile: buildUsageFile(1_000_000, 'budgets:\n  monthly: 100'),
      labels: ['cost-approved'],
      inputs: { 'override-label': 'cost-approved' }
    })

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.stdout).toContain(
      "::warning::The pull request's current labels could not be read, so the labels of the event are used: GET /repos/{owner}/{repo}/pulls/{pull_number} for pull request #44 failed with 502"
    )
    expect(run.outputs['result']).toBe('warn')
  })

  it('compares a renamed file with its old path', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    standIn.setPullFiles(FULL_NAME, PR, [
      { filename: 'README.md', status: 'modified' },
      {
        filename: 'config/ai-usage.yml',
        status: 'renamed',
        previousFilename: 'ai-usage.yml'
      }
    ])

    const run = await runOnPullRequest({ config: 'config/ai-usage.yml' })

    expect(run.exitCode, describeRun(run)).toBe(0)
    // The head file at its new path, then the base at the new path, which
    // is missing, then the rename in the files API and the old path.
    expect(standIn.listCalls().slice(0, 5)).toEqual([
      `GET /repos/${FULL_NAME}/compare/${BASE_SHA}...${HEAD_SHA}`,
      `GET /repos/${FULL_NAME}/contents/config%2Fai-usage.yml`,
      `GET /repos/${FULL_NAME}/contents/config%2Fai-usage.yml`,
      `GET /repos/${FULL_NAME}/pulls/${PR}/files`,
      `GET /repos/${FULL_NAME}/contents/ai-usage.yml`
    ])
    expect(run.outputs['base-monthly-cost']).toBe('51.25')
    expect(run.outputs['monthly-delta']).toBe('51.25')
    expect(run.summary).toContain(
      'This change renames ai-usage.yml to config/ai-usage.yml'
    )
  })

  it('treats an added file as new spend', async () => {
    standIn.setPullFiles(FULL_NAME, PR, [
      { filename: 'ai-usage.yml', status: 'added' }
    ])

    const run = await runOnPullRequest()

    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.outputs['base-monthly-cost']).toBe('0.00')
    expect(run.outputs['monthly-delta']).toBe('102.50')
  })

  it('reads no config outside the workspace', async () => {
    for (const config of ['/etc/hostname', '../../etc/hostname']) {
      const run = await runOnPullRequest({ inputs: { config } })

      expect(run.exitCode, describeRun(run)).toBe(1)
      const problem = config.startsWith('/')
        ? 'is an absolute path'
        : 'leads outside the repository'
      expect(run.stdout).toContain(
        `::error::Input config is invalid: "${config}" ${problem}.`
      )
      expect(run.summary).not.toMatch(/found|version: 1/)
    }
    expect(standIn.requests).toHaveLength(0)
  })

  it('leaves no passing summary on a late failure', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    // The JSON report cannot be written under a file, which fails the run
    // after the report was rendered as a pass.
    const run = await runOnPullRequest({
      env: { RUNNER_TEMP: '/dev/null/runner-temp' }
    })

    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.summary).toMatch(/^### ❌ ai-budget could not run\n\nENOTDIR/)
    expect(run.summary).not.toContain('Within budget')
    expect(run.outputs['result']).toBe('fail')
  })

  it('escapes names in the comment', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    const name =
      '"@octocat <img src=x onerror=alert(1)> | #1 GH-2 https://github.com/a/b/issues/3"'
    const run = await runOnPullRequest({
      headFile: HEAD_FILE.replace('support-replies', name)
    })

    expect(run.exitCode, describeRun(run)).toBe(0)
    const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
    expect(body).toContain('@\u200boctocat')
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(body).toContain('&#124; #\u200b1')
    expect(body).not.toContain('@octocat')
    expect(body).not.toContain('<img')
    expect(body).not.toMatch(/#1\b/)
    expect(body).toContain('GH-\u200b2')
    expect(body).toContain('https:\u200b//github.com/a/b/issues/3')
  })

  it('cuts rows to fit the comment limit', async () => {
    standIn.setFile(FULL_NAME, MERGE_BASE_SHA, 'ai-usage.yml', BASE_FILE)
    // 3,000 workloads with 60-character names need far more than 65,536
    // characters as table rows.
    const workloads = Array.from({ length: 3000 }, (_, index) =>
      [
        `  - name: workload-${String(index).padStart(4, '0')}-${'x'.repeat(46)}`,
        '    model: gpt-5.4-nano',
        '    profile: simple',
        '    requests: { per-day: 10 }'
      ].join('\n')
    )
    const headFile = ['version: 1', 'workloads:', ...workloads, ''].join('\n')

    const run = await runOnPullRequest({
      headFile,
      env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '4242' }
    })

    expect(run.exitCode, describeRun(run)).toBe(0)
    const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/\d+ more workload rows are omitted/)
    // The summary has every row, so the comment links the run's summary,
    // which outlives the job, and not the JSON report in RUNNER_TEMP.
    expect(body).toContain(
      `The [job summary](https://github.com/${FULL_NAME}/actions/runs/4242) of this run has every row.`
    )
    expect(run.summary).toContain('workload-2999')
    expect(run.summary).not.toContain('more workload rows are omitted')
  })

  it('points a cut summary at the JSON report', async () => {
    // 5,000 workloads with 200-character names: each table row is over 200
    // bytes, so the rows alone pass the summary's 1 MiB (1,048,576 bytes).
    const workloads = Array.from({ length: 5000 }, (_, index) =>
      [
        `  - name: w${String(index).padStart(4, '0')}-${'y'.repeat(194)}`,
        '    model: gpt-5.4-nano',
        '    profile: simple',
        '    requests: { per-day: 10 }'
      ].join('\n')
    )
    const headFile = ['version: 1', 'workloads:', ...workloads, ''].join('\n')

    const run = await runOnPullRequest({ headFile })

    expect(run.exitCode, describeRun(run)).toBe(0)
    const hint =
      'The JSON report at the report-path output has every row; upload it with actions/upload-artifact to keep it after the job.'
    const body = standIn.listComments(FULL_NAME, PR)[0]?.body ?? ''
    expect(body).toContain(hint)
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThanOrEqual(
      1024 * 1024
    )
    expect(run.summary).toContain(hint)
    const report = JSON.parse(run.report ?? '{}') as {
      files: { workloads: unknown[] }[]
    }
    expect(report.files[0]?.workloads).toHaveLength(5000)
  }, 60_000)
})
