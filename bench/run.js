// Measures the bundled Action against a bare Node start in the same process
// tree: the example usage file, and a generated file with 10,000 workloads.
// Prints medians, ratios and targets, then where the time goes for the large
// file (the AI_BUDGET_TIMINGS phase timings) and the peak RSS of each case.
// It asserts nothing.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { WORKLOADS, writeLargeFile } from './large-file.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const TIMED_RUNS = Number(process.env.BENCH_TIMED_RUNS ?? 5)
const EXAMPLE_TARGET_RATIO = 2.5
const LARGE_TARGET_MS = 1000

// Inside the repository, because the Action reads only usage files there.
mkdirSync(path.join(ROOT, '.tmp'), { recursive: true })
const scratch = mkdtempSync(path.join(ROOT, '.tmp', 'bench-'))

/** Environment of a scheduled run: no base to compare with, so no API call. */
function actionEnv(config, extra = {}) {
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
    'INPUT_FAIL-ON': 'none',
    ...extra
  }
}

/** Runs node once and returns the wall time in milliseconds and the output. */
function runOnce(args, env) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env,
    encoding: 'utf8'
  })
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) {
    throw new Error(
      `node ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout.slice(-2000)}`
    )
  }
  return { milliseconds, stdout: result.stdout }
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Returns the lines of the Timings group that AI_BUDGET_TIMINGS adds to the log. */
function timingLines(stdout) {
  const lines = stdout.split('\n')
  const start = lines.indexOf('::group::Timings')
  const end = lines.indexOf('::endgroup::', start)
  return start < 0 ? [] : lines.slice(start + 1, end)
}

function totalOf(lines) {
  const total = lines.find(line => line.startsWith('total '))
  return Number(/ ([\d.]+) ms/.exec(total ?? '')?.[1])
}

/** Runs a case with phase timings on and returns the run with the median total. */
function timedRun(args, env) {
  const runs = []
  for (let i = 0; i < TIMED_RUNS; i++) {
    runs.push(timingLines(runOnce(args, env).stdout))
  }
  runs.sort((a, b) => totalOf(a) - totalOf(b))
  return runs[Math.floor(runs.length / 2)] ?? []
}

function peakRss(lines) {
  return lines.find(line => line.startsWith('peak RSS'))?.replace(/\s+/g, ' ')
}

try {
  const large = path.relative(ROOT, writeLargeFile(scratch))
  const cases = [
    { name: 'node -e 0', args: ['-e', '0'], env: { PATH: process.env.PATH } },
    {
      name: 'action, example file',
      args: ['dist/index.js'],
      env: actionEnv('fixtures/example/ai-usage.yml')
    },
    {
      name: `action, ${WORKLOADS} workloads`,
      args: ['dist/index.js'],
      env: actionEnv(large)
    }
  ]
  // The cases take turns, so a change in machine load touches all of them.
  const samples = cases.map(() => [])
  for (let i = 0; i < RUNS; i++) {
    cases.forEach((c, index) => {
      samples[index]?.push(runOnce(c.args, c.env).milliseconds)
    })
  }
  const [bare, example, largeRun] = samples.map(median)

  const cpu = cpus()
  console.log(
    `median of ${RUNS} runs, node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}`
  )
  const row = (name, ms, ratio, target) =>
    console.log(
      `${name.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms  ${ratio.padStart(7)}  ${target}`
    )
  const verdict = met => (met ? 'met' : 'not met')
  row('node -e 0', bare, '1.00x', '')
  row(
    'action, example file',
    example,
    `${(example / bare).toFixed(2)}x`,
    `target ${EXAMPLE_TARGET_RATIO}x bare node: ${verdict(example / bare <= EXAMPLE_TARGET_RATIO)}`
  )
  row(
    `action, ${WORKLOADS} workloads`,
    largeRun,
    `${(largeRun / bare).toFixed(2)}x`,
    `target under ${LARGE_TARGET_MS} ms: ${verdict(largeRun < LARGE_TARGET_MS)}`
  )

  const timings = { AI_BUDGET_TIMINGS: '1' }
  const exampleTimed = timedRun(
    ['dist/index.js'],
    actionEnv('fixtures/example/ai-usage.yml', timings)
  )
  const largeTimed = timedRun(['dist/index.js'], actionEnv(large, timings))
  console.log(
    `\nwhere the time goes, ${WORKLOADS} workloads (AI_BUDGET_TIMINGS=1, median total of ${TIMED_RUNS} runs):`
  )
  for (const line of largeTimed) console.log(`  ${line}`)
  console.log(`\nexample file: ${peakRss(exampleTimed) ?? 'peak RSS unknown'}`)
  console.log(
    `${WORKLOADS} workloads: ${peakRss(largeTimed) ?? 'peak RSS unknown'}`
  )
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
