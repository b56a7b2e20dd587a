import { describe, expect, it } from 'vitest'
import {
  formatCentsPlain,
  formatPercent,
  formatUsd,
  roundHalfUp
} from '../../src/cost/money.js'
import { f } from './build.js'

describe('money formatting', () => {
  it('rounds half up to the cent', () => {
    expect(formatCentsPlain(f('349791.665'))).toBe('349791.67')
    expect(formatCentsPlain(f('349791.6649'))).toBe('349791.66')
    expect(formatCentsPlain(f(1, 3))).toBe('0.33')
    expect(formatCentsPlain(f(2, 3))).toBe('0.67')
  })

  it('rounds negative halves away from zero', () => {
    expect(formatCentsPlain(f('-0.005'))).toBe('-0.01')
    expect(formatCentsPlain(f('-0.004'))).toBe('0.00')
    expect(roundHalfUp(f('-2.5'), 0).equals(f(-3))).toBe(true)
  })

  it('groups thousands and signs deltas', () => {
    expect(formatUsd(f('1230'))).toBe('$1,230.00')
    expect(formatUsd(f('1234567.891'))).toBe('$1,234,567.89')
    expect(formatUsd(f('51.25'), { signed: true })).toBe('+$51.25')
    expect(formatUsd(f('-51.25'), { signed: true })).toBe('−$51.25')
    expect(formatUsd(f(0), { signed: true })).toBe('$0.00')
  })

  it('keeps digits below one dollar', () => {
    expect(formatUsd(f('0.0042'))).toBe('$0.0042')
    expect(formatUsd(f('0.5'))).toBe('$0.50')
    expect(formatUsd(f('0.12345'))).toBe('$0.1235')
  })

  it('formats percentages with one decimal', () => {
    expect(formatPercent(f(1, 8))).toBe('12.5%')
    expect(formatPercent(f(1, 3), { signed: true })).toBe('+33.3%')
    expect(formatPercent(f(-1, 3), { signed: true })).toBe('−33.3%')
  })
})
