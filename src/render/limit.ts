/**
 * Maximum characters of one list item (a warning, error, note, price change
 * or suggestion) in a size-limited rendering. A longer item is cut, so that
 * one message listing every name of a large input cannot fill the comment.
 */
export const MAX_ITEM_CHARS = 2_000

/** Ends an item cut by shortenItem. */
const CUT_MARK =
  ' … (cut to fit the size limit; the JSON report has the full text)'

/**
 * Shortens an item to at most `maxChars` characters, cutting at the last
 * space before the limit. Returns the item unchanged when it fits.
 */
export function shortenItem(text: string, maxChars = MAX_ITEM_CHARS): string {
  if (text.length <= maxChars) return text
  const room = Math.max(0, maxChars - CUT_MARK.length)
  const space = text.lastIndexOf(' ', room)
  // A cut inside a word is kept when the item has no space to cut at.
  const end = space > room / 2 ? space : room
  return `${text.slice(0, end)}${CUT_MARK}`
}

/**
 * States how many rows or items were left out to fit GitHub's size limit,
 * followed by the pointer to the full report when there is one:
 * `3 more warnings are omitted to fit GitHub's size limit.`
 */
export function describeOmitted(
  count: number,
  noun: { one: string; many: string },
  hint?: string
): string {
  const subject =
    count === 1 ? `1 more ${noun.one} is` : `${count} more ${noun.many} are`
  const where = hint ? ` ${hint}` : ''
  return `${subject} omitted to fit GitHub's size limit.${where}`
}

/**
 * Keeps the first `limit` items of a list and states how many were left
 * out. Each item kept is shortened to `maxChars`.
 */
export function limitItems(
  items: string[],
  budget: ItemBudget,
  noun: { one: string; many: string }
): { shown: string[]; omitted?: string } {
  const shown = items
    .slice(0, budget.limit)
    .map(item => shortenItem(item, budget.maxChars))
  const count = items.length - shown.length
  if (count === 0) return { shown }
  return { shown, omitted: describeOmitted(count, noun, budget.fullReportHint) }
}

/** How much of a list a rendering shows. */
export interface ItemBudget {
  /** Items shown; the rest are counted. */
  limit: number
  /** Maximum characters of one item. */
  maxChars: number
  /** Appended to the note on items left out. */
  fullReportHint?: string
}

/** Renders a titled bullet list of escaped items, or '' without items. */
export function renderList(
  title: string,
  items: string[],
  prefix: string,
  budget: ItemBudget,
  noun: { one: string; many: string }
): string {
  if (items.length === 0) return ''
  const { shown, omitted } = limitItems(items, budget, noun)
  const lines = [title, '', ...shown.map(item => `- ${prefix}${item}`)]
  if (omitted) lines.push('', omitted)
  return lines.join('\n')
}
