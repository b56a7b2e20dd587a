import { describe, expect, it } from 'vitest'
import { colorEnabled, createPainter } from '../../src/render/color.js'

describe('colorEnabled', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '3' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '' }, false, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true]
  ])('%o on a terminal %s: %s', (env, terminal, expected) => {
    expect(colorEnabled(env, terminal)).toBe(expected)
  })
})

describe('createPainter', () => {
  it('wraps text in SGR codes', () => {
    expect(createPainter(true)('red', 'x')).toBe('\u001b[31mx\u001b[0m')
  })

  it('leaves text alone when off', () => {
    expect(createPainter(false)('red', 'x')).toBe('x')
  })
})
