import { GCProfiler } from 'node:v8'

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

interface Recorder {
  phases: Map<string, Phase>
  /** Milliseconds since the process started at which recording began. */
  startedAt: number
  /** Profiles every garbage collection from the start of recording. */
  profiler: GCProfiler
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
  recorder?.profiler.stop()
  const profiler = new GCProfiler()
  profiler.start()
  recorder = { phases: new Map(), startedAt: performance.now(), profiler }
}

// GCProfiler returns its collections when stopped, even from synchronous
// code. PerformanceObserver's `gc` entries arrive only when the event loop
// runs, so the phases of a synchronous run (the CLI's) would show none.

/** Runs a synchronous step and adds its wall time to the phase `name` when timings are on. */
export function timed<T>(name: string, work: () => T): T {
  if (!recorder) return work()
  const profiler = new GCProfiler()
  profiler.start()
  const start = performance.now()
  try {
    return work()
  } finally {
    record(name, start, performance.now(), profiler)
  }
}

/** Awaits an asynchronous step and adds its wall time to the phase `name` when timings are on. */
export async function timedAsync<T>(
  name: string,
  work: () => Promise<T>
): Promise<T> {
  if (!recorder) return work()
  const profiler = new GCProfiler()
  profiler.start()
  const start = performance.now()
  try {
    return await work()
  } finally {
    record(name, start, performance.now(), profiler)
  }
}

function record(
  name: string,
  start: number,
  end: number,
  profiler: GCProfiler
): void {
  const collections = profiler.stop()?.statistics ?? []
  if (!recorder) return
  let phase = recorder.phases.get(name)
  if (!phase) {
    phase = { milliseconds: 0, gcMilliseconds: 0, calls: 0 }
    recorder.phases.set(name, phase)
  }
  phase.milliseconds += end - start
  phase.gcMilliseconds += gcMilliseconds(collections)
  phase.calls++
}

/** Adds up the time of profiled collections, whose cost GCProfiler gives in microseconds. */
function gcMilliseconds(collections: { cost: number }[]): number {
  let microseconds = 0
  for (const collection of collections) microseconds += collection.cost
  return microseconds / 1000
}

/**
 * Stops recording and returns one line per phase, in the order the phases
 * first ran, then the totals and the peak RSS. Returns an empty list when
 * timings are off.
 */
export function finishTimings(): string[] {
  const current = recorder
  if (!current) return []
  const collections = current.profiler.stop()?.statistics ?? []
  recorder = undefined

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
      `  (GC ${formatMilliseconds(gcMilliseconds(collections))} in ${collections.length} collections after start-up)`
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
