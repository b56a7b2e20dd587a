import type Fraction from 'fraction.js'
import type { Suggestion } from '../cost/suggestions.js'
import { formatCentsPlain, formatUsd } from '../cost/money.js'
import type { FileReport } from '../report.js'
import { escapeCell } from './escape.js'
import type { Json } from './json.js'
import { limitItems, type ItemBudget } from './limit.js'

function describeSaving(saving: Suggestion['saving']): string {
  if (saving.low.equals(saving.high)) return formatUsd(saving.high)
  return `${formatUsd(saving.low)} – ${formatUsd(saving.high)}`
}

function largestSaving(suggestions: Suggestion[]): Fraction | undefined {
  let largest: Fraction | undefined
  for (const suggestion of suggestions) {
    if (!largest || suggestion.saving.high.compare(largest) > 0) {
      largest = suggestion.saving.high
    }
  }
  return largest
}

/**
 * Renders the suggestions as a collapsed `<details>` list, each with its
 * monthly saving, or '' when there are none. They are information only:
 * no gate reads them. At most `budget.limit` suggestions are shown.
 */
export function renderSuggestionsMarkdown(
  file: FileReport,
  budget: ItemBudget = {
    limit: Number.POSITIVE_INFINITY,
    maxChars: Number.POSITIVE_INFINITY
  }
): string {
  const suggestions = file.suggestions ?? []
  const largest = largestSaving(suggestions)
  if (!largest) return ''
  const items = suggestions.map(
    s => `**${describeSaving(s.saving)} a month**: ${escapeCell(s.message)}`
  )
  const { shown, omitted } = limitItems(items, budget, {
    one: 'suggestion',
    many: 'suggestions'
  })
  const lines = [
    `<details><summary>Suggestions: up to ${formatUsd(largest)} a month to save (information only)</summary>`,
    '',
    ...shown.map(item => `- ${item}`)
  ]
  if (omitted) lines.push('', omitted)
  lines.push('', '</details>')
  return lines.join('\n')
}

/** Renders the suggestions as indented lines for the text report. */
export function renderSuggestionsText(file: FileReport): string[] {
  const suggestions = file.suggestions ?? []
  if (suggestions.length === 0) return []
  return [
    '  Suggestions (information only):',
    ...suggestions.map(
      s => `    save ${describeSaving(s.saving)} a month: ${s.message}`
    )
  ]
}

/** Converts the suggestions to JSON: savings as USD strings rounded half up to the cent. */
export function suggestionsJson(file: FileReport): Json {
  return (file.suggestions ?? []).map(s => ({
    kind: s.kind,
    workload: s.workload ?? null,
    provider: s.provider ?? null,
    model: s.model ? { from: s.model.from, to: s.model.to } : null,
    'monthly-saving': {
      low: formatCentsPlain(s.saving.low),
      high: formatCentsPlain(s.saving.high)
    },
    message: s.message
  }))
}
