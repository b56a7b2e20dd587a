// Measures the bundled Action and CLI against a bare Node start in the same
// process tree. The cases are the example usage file, a generated file with
// 10,000 workloads, the largest file that the size limit accepts, and a pull
// request that changes one workload in ten of 10,000. Prints medians, ratios
// and targets, the peak RSS of each case, and where the time goes in the
// large cases (the AI_BUDGET_TIMINGS phase timings). It asserts nothing.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  MAX_FILE_BYTES,
  WORKLOADS,
  writeLargeFile,
  writeLargestFile,
  writePullRequestFiles
} from './large-file.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
// The largest file and the pull request take seconds a run, so they run
// fewer times.
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 5)
const TIMED_RUNS = Number(process.env.BENCH_TIMED_RUNS ?? 5)
// The bundles to measure, relative to the repository: dist by default, or
// the dist/ of another commit extracted elsewhere, to compare the two.
const DIST = process.env.BENCH_DIST ?? 'dist'
const MIB = 1024 * 1024

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
    encoding: 'utf8',
    // The CLI prints every workload: about 1.5 MB for 10,000.
    maxBuffer: 256 * MIB
  })
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) {
    throw new Error(
      `node ${args.join(' ')} exited ${result.status}: ${result.error ?? ''}${result.stderr}${result.stdout.slice(-2000)}`
    )
  }
  return { milliseconds, stdout: result.stdout, stderr: result.stderr }
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Returns the lines of the phase timings: the Timings group that the
 * Action logs, or the lines that the CLI writes to stderr.
 */
function timingLines({ stdout, stderr }) {
  const lines = stdout.split('\n')
  const start = lines.indexOf('::group::Timings')
  if (start >= 0) {
    return lines.slice(start + 1, lines.indexOf('::endgroup::', start))
  }
  const cli = stderr.split('\n')
  const first = cli.findIndex(line => line.startsWith('start-up '))
  return first < 0 ? [] : cli.slice(first).filter(Boolean)
}

function millisecondsOf(lines, label) {
  const line = lines.find(l => l.startsWith(`${label} `))
  return Number(/ ([\d.]+) ms/.exec(line ?? '')?.[1])
}

function peakRssOf(lines) {
  const line = lines.find(l => l.startsWith('peak RSS'))
  return Number(/ ([\d.]+) MiB/.exec(line ?? '')?.[1])
}

/** Runs a case with phase timings on and returns the run with the median total. */
function timedRun(testCase) {
  const env = { ...testCase.env, AI_BUDGET_TIMINGS: '1' }
  const runs = []
  for (let i = 0; i < TIMED_RUNS; i++) {
    runs.push(timingLines(runOnce(testCase.args, env)))
  }
  runs.sort((a, b) => millisecondsOf(a, 'total') - millisecondsOf(b, 'total'))
  return runs[Math.floor(runs.length / 2)] ?? []
}

const verdict = met => (met ? 'met' : 'not met')

try {
  const large = path.relative(ROOT, writeLargeFile(scratch))
  const largest = writeLargestFile(scratch)
  const pullRequest = writePullRequestFiles(scratch)
  const bare = {
    name: 'node -e 0',
    args: ['-e', '0'],
    env: { PATH: process.env.PATH },
    runs: RUNS
  }
  const example = {
    name: 'action, example file',
    args: [`${DIST}/index.js`],
    env: actionEnv('fixtures/example/ai-usage.yml'),
    runs: RUNS,
    target: (ms, bareMs) =>
      `target 2.5x bare node: ${verdict(ms / bareMs <= 2.5)}`
  }
  const tenThousand = {
    name: `action, ${WORKLOADS} workloads`,
    args: [`${DIST}/index.js`],
    env: actionEnv(large),
    runs: RUNS,
    target: ms => `target under 1000 ms: ${verdict(ms < 1000)}`
  }
  const largestCase = {
    name: `action, largest file (${largest.workloads} workloads, ${MAX_FILE_BYTES / MIB} MiB)`,
    args: [`${DIST}/index.js`],
    env: actionEnv(path.relative(ROOT, largest.file)),
    runs: SLOW_RUNS,
    // A few seconds and well under 1 GB, on a runner with 7 GB.
    target: (ms, _bare, rss) =>
      `target under 5000 ms and 768 MiB: ${verdict(ms < 5000 && rss < 768)}`
  }
  const pullRequestCase = {
    name: `cli, pull request (${pullRequest.changed} of ${WORKLOADS} changed)`,
    args: [
      `${DIST}/cli/index.js`,
      path.relative(ROOT, pullRequest.head),
      '--base-file',
      path.relative(ROOT, pullRequest.base)
    ],
    env: { PATH: process.env.PATH },
    runs: SLOW_RUNS,
    // Two files of 10,000 workloads to parse and price, about twice the
    // work of one, and attribution a small part of it.
    target: (ms, _bare, _rss, attribution) =>
      `target under 4000 ms, attribution under 10%: ${verdict(ms < 4000 && attribution < 0.1)}`
  }
  const cases = [bare, example, tenThousand, largestCase, pullRequestCase]

  // The cases take turns, so a change in machine load touches all of them.
  const samples = cases.map(() => [])
  const load = [loadavg()[0]]
  for (let i = 0; i < RUNS; i++) {
    cases.forEach((c, index) => {
      if (i < c.runs) samples[index]?.push(runOnce(c.args, c.env).milliseconds)
    })
  }
  const medians = samples.map(median)
  const bareMs = medians[0] ?? 0
  const timed = cases.slice(1).map(timedRun)
  load.push(loadavg()[0])

  const cpu = cpus()
  console.log(
    `median of ${RUNS} runs (${SLOW_RUNS} for the largest file and the pull request) of ${DIST}, node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, load average ${load.map(l => l.toFixed(1)).join(' to ')}`
  )
  cases.forEach((c, index) => {
    const ms = medians[index] ?? 0
    const lines = timed[index - 1] ?? []
    const rss = peakRssOf(lines)
    const attribution =
      millisecondsOf(lines, 'attribute change') / millisecondsOf(lines, 'total')
    const target = c.target?.(ms, bareMs, rss, attribution) ?? ''
    console.log(
      `${c.name.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  ${`${(ms / bareMs).toFixed(2)}x`.padStart(8)}  ${target}`
    )
  })

  console.log('\npeak RSS (AI_BUDGET_TIMINGS=1 runs):')
  cases.slice(1).forEach((c, index) => {
    const rss = peakRssOf(timed[index] ?? [])
    console.log(`  ${c.name.padEnd(52)} ${rss.toFixed(1).padStart(8)} MiB`)
  })
  cases.slice(2).forEach((c, index) => {
    console.log(
      `\nwhere the time goes, ${c.name} (AI_BUDGET_TIMINGS=1, median total of ${TIMED_RUNS} runs):`
    )
    for (const line of timed[index + 1] ?? []) console.log(`  ${line}`)
  })
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
