import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Starts the bundled Action the way the runner does: `node dist/index.js`
 * with `INPUT_*` variables, an event payload file, the workspace, and the
 * `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files, then collects what it
 * wrote.
 */

/** Path of the bundle that `npm run build` writes. */
export const ACTION_BUNDLE = fileURLToPath(
  new URL('../../dist/index.js', import.meta.url)
)

/**
 * Node binary that runs the bundle: `AI_BUDGET_TEST_NODE` when set, else the
 * Node that runs the tests. `.ci/run` sets it to run the end-to-end tests on
 * the Action's declared runtime, Node 24, as well.
 */
export const BUNDLE_NODE = process.env.AI_BUDGET_TEST_NODE || process.execPath

/** Time limit of one run of the bundle. */
const RUN_TIMEOUT_MS = 30_000

/**
 * Retry delay unit and request timeout of the bundle's GitHub client, set
 * through the variables that `readApiTimings` reads: 10 ms units turn the
 * production waits of 1, 4 and 9 s into 10, 40 and 90 ms. The timeout stays
 * at 10 s, well above a loaded machine's response times, and a test of a
 * stalled request sets its own through `env`.
 */
const FAST_API_TIMINGS = {
  AI_BUDGET_RETRY_DELAY_MS: '10',
  AI_BUDGET_REQUEST_TIMEOUT_MS: '10000'
}

/** The only host variables the child inherits, so no host `GITHUB_*` leaks in. */
const KEPT_HOST_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']

/** Everything one run needs. */
export interface ActionRunSetup {
  /** Inputs by their `action.yml` names, e.g. `github-token`, `fail-on`. */
  inputs: Record<string, string>
  eventName: string
  eventPayload: unknown
  /** `owner/repo`. */
  repository: string
  /** REST API root, i.e. the stand-in's URL. */
  apiUrl: string
  /** Files of the checked-out workspace by relative path, as text or bytes. */
  workspaceFiles: Record<string, string | Uint8Array>
  /** Extra variables, e.g. `GITHUB_SHA`. */
  env?: Record<string, string>
}

/** What one run of the Action produced. */
export interface ActionRun {
  /** Process exit code; `null` when the run was killed. */
  exitCode: number | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** Step outputs parsed from the `GITHUB_OUTPUT` file. */
  outputs: Record<string, string>
  /** The `GITHUB_OUTPUT` file as written. */
  outputText: string
  /** Contents of the `GITHUB_STEP_SUMMARY` file. */
  summary: string
  /** Contents of the file named by the `report-path` output, if any. */
  report: string | undefined
}

/** Formats a run's exit code and streams for an assertion message. */
export function describeRun(run: ActionRun): string {
  return `exit ${String(run.exitCode)}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`
}

/** Builds the variable name `@actions/core` reads an input from. */
export function toInputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Parses a `GITHUB_OUTPUT` file: `name<<DELIMITER` heredocs as
 * `@actions/core` writes them, and single `name=value` lines.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  let index = 0
  while (index < lines.length) {
    const line = lines[index] ?? ''
    index++
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name = '', delimiter = ''] = heredoc
      const value: string[] = []
      while (index < lines.length && lines[index] !== delimiter) {
        value.push(lines[index] ?? '')
        index++
      }
      if (index >= lines.length) {
        throw new Error(`output ${name} has no closing delimiter ${delimiter}`)
      }
      index++
      outputs[name] = value.join('\n')
      continue
    }
    const separator = line.indexOf('=')
    if (separator > 0) {
      outputs[line.slice(0, separator)] = line.slice(separator + 1)
    }
  }
  return outputs
}

/** Runs `node dist/index.js` in fresh temporary directories. */
export async function runAction(setup: ActionRunSetup): Promise<ActionRun> {
  if (!existsSync(ACTION_BUNDLE)) {
    throw new Error(`${ACTION_BUNDLE} is missing; run npm run build first`)
  }
  const root = await mkdtemp(path.join(tmpdir(), 'ai-budget-e2e-'))
  try {
    const paths = await prepareDirectories(root, setup)
    const result = await startBundle(paths.workspace, buildEnv(setup, paths))
    const outputText = await readFile(paths.output, 'utf8')
    const outputs = parseOutputFile(outputText)
    // The report lives under RUNNER_TEMP, which is deleted below.
    const reportPath = outputs['report-path']
    return {
      ...result,
      outputs,
      outputText,
      summary: await readFile(paths.summary, 'utf8'),
      report:
        reportPath !== undefined && existsSync(reportPath)
          ? await readFile(reportPath, 'utf8')
          : undefined
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

interface RunPaths {
  workspace: string
  runnerTemp: string
  event: string
  output: string
  summary: string
}

async function prepareDirectories(
  root: string,
  setup: ActionRunSetup
): Promise<RunPaths> {
  const paths: RunPaths = {
    workspace: path.join(root, 'workspace'),
    runnerTemp: path.join(root, 'runner-temp'),
    event: path.join(root, 'event.json'),
    output: path.join(root, 'output.txt'),
    summary: path.join(root, 'summary.md')
  }
  await mkdir(paths.workspace)
  await mkdir(paths.runnerTemp)
  for (const [relative, content] of Object.entries(setup.workspaceFiles)) {
    const file = path.join(paths.workspace, relative)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, content)
  }
  await writeFile(paths.event, JSON.stringify(setup.eventPayload, null, 2))
  await writeFile(paths.output, '')
  await writeFile(paths.summary, '')
  return paths
}

function buildEnv(setup: ActionRunSetup, paths: RunPaths): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const name of KEPT_HOST_VARIABLES) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  for (const [name, value] of Object.entries(setup.inputs)) {
    env[toInputVariable(name)] = value
  }
  return {
    ...env,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: setup.eventName,
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_REPOSITORY: setup.repository,
    GITHUB_WORKSPACE: paths.workspace,
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_API_URL: setup.apiUrl,
    RUNNER_TEMP: paths.runnerTemp,
    ...FAST_API_TIMINGS,
    ...setup.env
  }
}

function startBundle(
  workspace: string,
  env: NodeJS.ProcessEnv
): Promise<Omit<ActionRun, 'outputs' | 'outputText' | 'summary' | 'report'>> {
  return new Promise(resolve => {
    execFile(
      BUNDLE_NODE,
      [ACTION_BUNDLE],
      { cwd: workspace, env, timeout: RUN_TIMEOUT_MS, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const timedOut = error?.killed === true
        let exitCode: number | null = 0
        if (error !== null) {
          exitCode = typeof error.code === 'number' ? error.code : null
        }
        resolve({ exitCode, timedOut, stdout, stderr })
      }
    )
  })
}
