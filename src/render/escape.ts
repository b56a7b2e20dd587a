// Every character that a replacement below changes, so most names pass as
// they are after one test.
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[@#$\r\n\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069&<>|\\`*_[\]~]/

/**
 * Escapes user text (workload and model names from the usage file) for a
 * Markdown table cell: no `|` splits a row, no HTML renders, and no
 * @-mention or #-reference notifies anyone.
 */
export function escapeCell(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text
  // A zero-width space after @ and # keeps GitHub from linking a user, team
  // or issue, while the name still reads the same. It goes in before the
  // entities below, whose own # must stay intact.
  // The same space goes into `GH-123`, which GitHub links like `#123`, and
  // into URLs, so that a link to an issue does not add a cross-reference to
  // its timeline.
  const inert = text
    .replace(/([@#])/g, '$1\u200b')
    .replace(/\b(GH-)(\d)/gi, '$1\u200b$2')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, 'www\u200b.')
  const escaped = inert
    .replace(/[\r\n]+/g, ' ')
    // Control characters and bidirectional overrides could hide or reorder
    // text, so each shows as a replacement character.
    .replace(
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
      '\ufffd'
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    // Emphasis, code, links and strikethrough characters lose their meaning.
    .replace(/([\\`*_[\]~])/g, '\\$1')
    // GitHub renders text between two `$` as LaTeX math, and its docs
    // escape a `$` outside math with a span. Each `$` but that of a plain
    // amount such as `$1,230.00` gets one, so a name cannot open math.
    // NOTE: GitHub does not document which `$` may delimit math, so a
    // name's own `$5` followed by a space keeps its `$` like an amount.
    .replace(/\$(?!\d[\d,]*(?:\.\d+)?(?![\w\\{}^$]))/g, '<span>$$</span>')
  return escaped
}
