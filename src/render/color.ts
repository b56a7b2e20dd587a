/**
 * ANSI colours for the terminal report, on only where a reader will see
 * them as colours.
 */

/** SGR codes of the styles the text report uses. */
const STYLES = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33'
} as const

export type Style = keyof typeof STYLES

/** Wraps text in one style, or returns it unchanged. */
export type Painter = (style: Style, text: string) => string

/** Returns a painter that applies styles when `enabled`, else leaves text as it is. */
export function createPainter(enabled: boolean): Painter {
  if (!enabled) return (_style, text) => text
  return (style, text) => `\u001b[${STYLES[style]}m${text}\u001b[0m`
}

/**
 * Decides whether output gets colours. A non-empty `FORCE_COLOR` turns them
 * on even in a pipe, except `0` and `false`, which turn them off, as Node.js
 * reads them. Otherwise a non-empty `NO_COLOR` (no-color.org) turns them
 * off, and they are on only for a terminal whose `TERM` is not `dumb`.
 */
export function colorEnabled(
  env: Readonly<Record<string, string | undefined>>,
  isTerminal: boolean
): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') {
    return force !== '0' && force.toLowerCase() !== 'false'
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTerminal && env.TERM !== 'dumb'
}
