import { afterEach, describe, expect, it } from 'vitest'
import {
  finishTimings,
  startTimings,
  timed,
  timedAsync,
  timingsRequested
} from '../src/timings.js'

afterEach(() => {
  finishTimings()
})

describe('timingsRequested', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    [' 1 ', true],
    ['0', false],
    ['false', false],
    ['FALSE', false],
    ['', false]
  ])('reads AI_BUDGET_TIMINGS=%j as %s', (value, expected) => {
    expect(timingsRequested({ AI_BUDGET_TIMINGS: value })).toBe(expected)
  })

  it('is off when the variable is unset', () => {
    expect(timingsRequested({})).toBe(false)
  })
})

describe('phase timings', () => {
  it('only runs the work when timings are off', async () => {
    expect(timed('parse', () => 42)).toBe(42)
    expect(await timedAsync('write', () => Promise.resolve('done'))).toBe(
      'done'
    )
    expect(finishTimings()).toEqual([])
  })

  it('lists phases in the order they first ran', async () => {
    startTimings()
    expect(timed('parse YAML', () => 'tree')).toBe('tree')
    await timedAsync('write summary', () => Promise.resolve())
    timed('parse YAML', () => undefined)

    const lines = finishTimings()
    const labels = lines.map(line => line.slice(0, 28).trim())
    expect(labels).toEqual([
      'start-up (process, modules)',
      'parse YAML',
      'write summary',
      'other',
      'total',
      'peak RSS'
    ])
    expect(lines[1]).toMatch(
      /^parse YAML +\d+\.\d ms {2}\(GC \d+\.\d ms, 2 calls\)$/
    )
    expect(lines[2]).toMatch(/^write summary +\d+\.\d ms {2}\(GC \d+\.\d ms\)$/)
    expect(lines[5]).toMatch(/^peak RSS +\d+\.\d MiB$/)
  })

  it('records a phase whose work throws', () => {
    startTimings()
    expect(() =>
      timed('build config', () => {
        throw new Error('invalid')
      })
    ).toThrow('invalid')
    const lines = finishTimings()
    expect(lines.some(line => line.startsWith('build config '))).toBe(true)
  })

  it('records collections of a synchronous phase', () => {
    startTimings()
    timed('build config', () => {
      // A million objects and strings, more than the young generation
      // holds, so the phase runs collections.
      const rows: { index: number; text: string }[] = []
      for (let i = 0; i < 1_000_000; i++) rows.push({ index: i, text: `${i}` })
      return rows.length
    })
    const lines = finishTimings()
    const phase = lines.find(line => line.startsWith('build config '))
    const gc = Number(/\(GC (\d+\.\d) ms/.exec(phase ?? '')?.[1])
    expect(gc).toBeGreaterThan(0)
    const total = lines.find(line => line.startsWith('total '))
    expect(total).toMatch(/in [1-9]\d* collections after start-up/)
  })

  it('stops recording when finished', () => {
    startTimings()
    finishTimings()
    timed('project cost', () => undefined)
    expect(finishTimings()).toEqual([])
  })

  it('adds the phases and other up to the total', () => {
    startTimings()
    timed('project cost', () => {
      let total = 0
      for (let i = 0; i < 100_000; i++) total += i
      return total
    })
    const lines = finishTimings()
    const milliseconds = (label: string): number => {
      const line = lines.find(l => l.startsWith(label))
      return Number(/ (\d+\.\d) ms/.exec(line ?? '')?.[1])
    }
    const parts =
      milliseconds('start-up') +
      milliseconds('project cost') +
      milliseconds('other')
    // Each figure is rounded to 0.1 ms, so the sum and the total may differ by 0.2 ms.
    expect(Math.abs(parts - milliseconds('total'))).toBeLessThanOrEqual(0.2)
  })
})
