/**
 * Escapes user text (workload and model names from the usage file) for a
 * Markdown table cell: no `|` splits a row, no HTML renders, and no
 * @-mention or #-reference notifies anyone.
 */
export function escapeCell(text: string): string {
  const escaped = text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    // Emphasis, code, links and strikethrough characters lose their meaning.
    .replace(/([\\`*_[\]~])/g, '\\$1')
  // A zero-width space after @ and # keeps GitHub from linking a user, team
  // or issue, while the name still reads the same.
  return escaped.replace(/([@#])/g, '$1\u200b')
}
