import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseUsageFile } from '../src/config/parse.js'
import { projectCost } from '../src/cost/project.js'
import { loadCatalog } from '../src/pricing/catalog.js'
import { loadPricingFile } from '../src/pricing/pricing-file.js'

// The README's examples of a usage file and a pricing file must stay valid.

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** Returns the first ```yaml block after a heading. */
function yamlAfter(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  const block = /```yaml\n([\s\S]*?)```/.exec(README.slice(start))
  if (!block?.[1]) throw new Error(`no YAML block after ${heading}`)
  return block[1]
}

describe('README examples', () => {
  it('has a usage file that prices without warnings', () => {
    const { config, warnings } = parseUsageFile(
      yamlAfter('## The usage file'),
      'ai-usage.yml'
    )
    expect(warnings).toEqual([])
    const projection = projectCost(config, loadCatalog(), '2026-12-04')
    expect(projection.warnings).toEqual([])
    expect(projection.workloads.map(w => w.workload.name)).toEqual([
      'ticket-triage',
      'support-replies',
      'contract-review',
      'assistant'
    ])
  })

  it('has a pricing file that loads', () => {
    const loaded = loadPricingFile(
      loadCatalog(),
      yamlAfter('## Prices'),
      'prices.yml'
    )
    expect(loaded.format).toBe('catalog')
    expect(loaded.warnings).toEqual([])
    expect(loaded.summary).toEqual({ updated: 2, added: 1, skipped: 0 })
  })
})
