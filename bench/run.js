// Measures the bundled Action against a bare Node start in the same process
// tree: the example usage file, and a generated file with 10,000 workloads.
// Prints medians and ratios; it asserts nothing.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const WORKLOADS = 10_000

const scratch = mkdtempSync(path.join(tmpdir(), 'ai-budget-bench-'))

/** Environment of a scheduled run: no base to compare with, so no API call. */
function actionEnv(config) {
  const output = path.join(scratch, 'output')
  const summary = path.join(scratch, 'summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  return {
    PATH: process.env.PATH,
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_REPOSITORY: 'example/app',
    GITHUB_WORKSPACE: ROOT,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    // Nothing listens here; a scheduled run makes no request.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: scratch,
    INPUT_CONFIG: config,
    'INPUT_FAIL-ON': 'none'
  }
}

function generateLargeFile() {
  const models = ['gpt-5.4-nano', 'gpt-5.4-mini', 'claude-sonnet-4.6', 'o3']
  const lines = ['version: 1', 'workloads:']
  for (let i = 0; i < WORKLOADS; i++) {
    lines.push(
      `  - name: workload-${i}`,
      `    model: ${models[i % models.length]}`,
      `    tokens: { input: ${200 + (i % 50)}, output: ${50 + (i % 20)} }`,
      `    requests: { per-day: ${1000 + i} }`
    )
  }
  const file = path.join(scratch, 'large.yml')
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

function time(args, env) {
  const samples = []
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint()
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env,
      encoding: 'utf8'
    })
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6
    if (result.status !== 0) {
      throw new Error(
        `node ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout.slice(-2000)}`
      )
    }
    samples.push(elapsed)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

try {
  const bare = time(['-e', '0'], { PATH: process.env.PATH })
  const example = time(
    ['dist/index.js'],
    actionEnv('fixtures/example/ai-usage.yml')
  )
  const large = time(
    ['dist/index.js'],
    actionEnv(path.relative(ROOT, generateLargeFile()))
  )
  const row = (name, ms, note) =>
    console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${note}`)
  console.log(`median of ${RUNS} runs, node ${process.version}`)
  row('node -e 0', bare, '1.00x')
  row(
    'action, example file',
    example,
    `${(example / bare).toFixed(2)}x bare node (target 2.5x)`
  )
  row(
    `action, ${WORKLOADS} workloads`,
    large,
    `${(large / bare).toFixed(2)}x bare node (target under 1000 ms)`
  )
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
