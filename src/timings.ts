import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks'

// Phase timings, a debugging aid for slow runs. With AI_BUDGET_TIMINGS=1 the
// Action and the CLI log the wall time of each phase, the part of it spent
// in garbage collection, and the peak resident set size. Without it, timed()
// only calls the work. Phases do not nest: each one times a leaf step, so
// the phases and "other" add up to the total.

/** The environment variable that turns phase timings on. */
export const TIMINGS_VARIABLE = 'AI_BUDGET_TIMINGS'

interface Phase {
  milliseconds: number
  gcMilliseconds: number
  calls: number
}

/** One run of a phase, in milliseconds since the process started. */
interface PhaseRun {
  phase: Phase
  start: number
  end: number
}

interface Recorder {
  phases: Map<string, Phase>
  runs: PhaseRun[]
  collections: PerformanceEntry[]
  /** Milliseconds since the process started at which recording began. */
  startedAt: number
  observer: PerformanceObserver
}

let recorder: Recorder | undefined

/** Checks whether an environment turns phase timings on. */
export function timingsRequested(env: NodeJS.ProcessEnv): boolean {
  const value = env[TIMINGS_VARIABLE]?.trim().toLowerCase()
  return (
    value !== undefined && value !== '' && value !== '0' && value !== 'false'
  )
}

/** Starts recording phases and garbage collections for this process. */
export function startTimings(): void {
  recorder?.observer.disconnect()
  const collections: PerformanceEntry[] = []
  const observer = new PerformanceObserver(list => {
    collections.push(...list.getEntries())
  })
  observer.observe({ entryTypes: ['gc'] })
  recorder = {
    phases: new Map(),
    runs: [],
    collections,
    startedAt: performance.now(),
    observer
  }
}

/** Runs a synchronous step and adds its wall time to the phase `name` when timings are on. */
export function timed<T>(name: string, work: () => T): T {
  if (!recorder) return work()
  const start = performance.now()
  try {
    return work()
  } finally {
    record(name, start, performance.now())
  }
}

/** Awaits an asynchronous step and adds its wall time to the phase `name` when timings are on. */
export async function timedAsync<T>(
  name: string,
  work: () => Promise<T>
): Promise<T> {
  if (!recorder) return work()
  const start = performance.now()
  try {
    return await work()
  } finally {
    record(name, start, performance.now())
  }
}

function record(name: string, start: number, end: number): void {
  if (!recorder) return
  let phase = recorder.phases.get(name)
  if (!phase) {
    phase = { milliseconds: 0, gcMilliseconds: 0, calls: 0 }
    recorder.phases.set(name, phase)
  }
  phase.milliseconds += end - start
  phase.calls++
  recorder.runs.push({ phase, start, end })
}

/**
 * Stops recording and returns one line per phase, in the order the phases
 * first ran, then the totals and the peak RSS. Returns an empty list when
 * timings are off.
 */
export function finishTimings(): string[] {
  const current = recorder
  if (!current) return []
  // GC entries are delivered asynchronously, so take the pending ones now.
  current.collections.push(...current.observer.takeRecords())
  current.observer.disconnect()
  recorder = undefined

  let gcTotal = 0
  for (const collection of current.collections) {
    gcTotal += collection.duration
    const run = current.runs.find(
      r => r.start <= collection.startTime && collection.startTime < r.end
    )
    if (run) run.phase.gcMilliseconds += collection.duration
  }

  const total = performance.now()
  const lines = [row('start-up (process, modules)', current.startedAt)]
  let phased = 0
  for (const [name, phase] of current.phases) {
    phased += phase.milliseconds
    const calls = phase.calls > 1 ? `, ${phase.calls} calls` : ''
    lines.push(
      row(
        name,
        phase.milliseconds,
        `  (GC ${formatMilliseconds(phase.gcMilliseconds)}${calls})`
      )
    )
  }
  const rss = process.resourceUsage().maxRSS / 1024
  lines.push(
    row('other', total - current.startedAt - phased),
    row(
      'total',
      total,
      `  (GC ${formatMilliseconds(gcTotal)} in ${current.collections.length} collections after start-up)`
    ),
    `${'peak RSS'.padEnd(LABEL_WIDTH)} ${rss.toFixed(1).padStart(9)} MiB`
  )
  return lines
}

const LABEL_WIDTH = 28

function row(label: string, milliseconds: number, note = ''): string {
  return `${label.padEnd(LABEL_WIDTH)} ${formatMilliseconds(milliseconds).padStart(12)}${note}`
}

function formatMilliseconds(milliseconds: number): string {
  return `${milliseconds.toFixed(1)} ms`
}
