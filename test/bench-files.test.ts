import Fraction from 'fraction.js'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_FILE_BYTES, parseUsageFile } from '../src/config/parse.js'

// The bench is plain JavaScript, so it is loaded by URL, untyped.
interface BenchFiles {
  MAX_FILE_BYTES: number
  WORKLOADS: number
  writeLargestFile(directory: string): { file: string; workloads: number }
  writePullRequestFiles(directory: string): {
    base: string
    head: string
    changed: number
  }
}
const bench = (await import(
  new URL('../bench/large-file.js', import.meta.url).href
)) as BenchFiles

const directory = mkdtempSync(path.join(tmpdir(), 'bench-files-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('bench files', () => {
  it('use the size limit of the usage file', () => {
    expect(bench.MAX_FILE_BYTES).toBe(MAX_FILE_BYTES)
  })

  it('fill the largest file up to the limit', () => {
    const { file, workloads } = bench.writeLargestFile(directory)
    const bytes = statSync(file).size
    expect(bytes).toBeLessThanOrEqual(MAX_FILE_BYTES)
    // A workload line is under 300 bytes, so another one would not fit.
    expect(bytes).toBeGreaterThan(MAX_FILE_BYTES - 300)
    const { config } = parseUsageFile(readFileSync(file, 'utf8'), file)
    expect(config.workloads).toHaveLength(workloads)
  })

  it('change one workload in ten in the pull request', () => {
    const files = bench.writePullRequestFiles(directory)
    const base = parseUsageFile(readFileSync(files.base, 'utf8'), files.base)
    const head = parseUsageFile(readFileSync(files.head, 'utf8'), files.head)
    expect(base.config.workloads).toHaveLength(bench.WORKLOADS)
    // One in a hundred removed and as many added: 10,000 − 100 + 100.
    expect(head.config.workloads).toHaveLength(bench.WORKLOADS)
    // Settings compare without the paths and positions that locate them.
    const settings = (workload: unknown) =>
      JSON.stringify(workload, (key, value: unknown) => {
        if (key === 'path' || /^position$|Position$/.test(key)) return undefined
        return value instanceof Fraction ? value.toFraction() : value
      })
    const before = new Map(base.config.workloads.map(w => [w.name, w]))
    const after = new Set(head.config.workloads.map(w => w.name))
    const changed = head.config.workloads.filter(w => {
      const previous = before.get(w.name)
      return !previous || settings(previous) !== settings(w)
    })
    const removed = base.config.workloads.filter(w => !after.has(w.name))
    // 1,000 edited and 100 added differ from the base, and 100 are gone.
    expect(removed).toHaveLength(100)
    expect(changed.length + removed.length).toBe(files.changed)
    expect(files.changed).toBe(1200)
  })
})
