import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderCostChart, type ChartBar } from '../../src/render/chart.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import {
  MERMAID_BUNDLES,
  openMermaidBrowser,
  type MermaidBrowser,
  type RenderedDiagram
} from '../support/mermaid-browser.js'
import { f } from '../cost/build.js'
import { SCENARIOS, buildScenarioReport } from './scenarios.js'

/** Returns the source of every Mermaid block in a Markdown text. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map(
    match => match[1] ?? ''
  )
}

/** Bars that have a length, by series: a $0 bar is drawn with no width. */
function drawnBars(diagram: RenderedDiagram, series: number): number {
  return diagram.bars.filter(bar => bar.series === series && bar.width > 0)
    .length
}

/** Colours of the bars of one series that have a length. */
function fillsOf(diagram: RenderedDiagram, series: number): string[] {
  return [
    ...new Set(
      diagram.bars
        .filter(bar => bar.series === series && bar.width > 0)
        .map(bar => bar.fill ?? '')
    )
  ]
}

describe.each(MERMAID_BUNDLES)(
  'cost chart in Chromium, Mermaid $version',
  bundle => {
    let browser: MermaidBrowser

    beforeAll(async () => {
      browser = await openMermaidBrowser(bundle)
    }, 60_000)

    afterAll(async () => {
      await browser?.close()
    })

    it('draws base and head of a scenario', async () => {
      const scenario = SCENARIOS.find(s => s.name === 'increase-over-limit')
      const markdown = renderMarkdown(buildScenarioReport(scenario!), {
        maxChars: 65_536
      })
      const blocks = mermaidBlocks(markdown)
      expect(blocks).toHaveLength(1)

      const diagram = await browser.render(blocks[0] ?? '')
      expect(diagram.error).toBeUndefined()
      expect(diagram.svg).toContain('<svg')
      // Three workloads, each with a base and a head category.
      expect(diagram.labels).toHaveLength(6)
      expect(drawnBars(diagram, 0)).toBe(3)
      expect(drawnBars(diagram, 1)).toBe(3)
      expect(diagram.labels.slice(0, 2)).toEqual([
        'replies (base) $1,681.20',
        'replies (head) $3,922.80'
      ])
      // Base bars are grey and head bars blue, as the title says.
      expect(fillsOf(diagram, 0)).toEqual(['#6e7781'])
      expect(fillsOf(diagram, 1)).toEqual(['#0969da'])
    })

    it('draws one bar per workload of a new file', async () => {
      const scenario = SCENARIOS.find(s => s.name === 'new-file')
      const markdown = renderMarkdown(buildScenarioReport(scenario!), {
        maxChars: 65_536
      })
      const diagram = await browser.render(mermaidBlocks(markdown)[0] ?? '')
      expect(diagram.error).toBeUndefined()
      expect(diagram.labels).toEqual([
        'triage $307.50',
        'replies $1,681.20',
        'review $88.00'
      ])
      expect(drawnBars(diagram, 0)).toBe(3)
      expect(drawnBars(diagram, 1)).toBe(0)
      expect(fillsOf(diagram, 0)).toEqual(['#0969da'])
    })

    it('keeps hostile names as plain labels', async () => {
      const names = [
        'say "hi"',
        '%%{init: {"theme": "dark"}}%%',
        '```js',
        '<img src=x onerror=alert(1)>',
        'a | b ; c: d',
        '$$x^2$$',
        'émoji 🚀 ünïcode'
      ]
      const bars: ChartBar[] = names.map((name, index) => ({
        name,
        base: f(index + 1),
        head: f(index + 2)
      }))
      const diagram = await browser.render(
        mermaidBlocks(renderCostChart(bars))[0] ?? ''
      )
      expect(diagram.error).toBeUndefined()
      expect(diagram.labels).toHaveLength(names.length * 2)
      expect(drawnBars(diagram, 0)).toBe(names.length)
      expect(drawnBars(diagram, 1)).toBe(names.length)
      expect(diagram.svg).not.toContain('<img')
      expect(diagram.labels[0]).toBe("say 'hi' (base) $1.00")
      expect(diagram.labels[6]).toBe('‹img src=x onerror=aler… (base) $4.00')
    })

    it('draws twelve workloads', async () => {
      const bars: ChartBar[] = Array.from({ length: 12 }, (_, index) => ({
        name: `workload-${index + 1}`,
        base: f(1000 * (index + 1)),
        head: f(1000 * (12 - index))
      }))
      const diagram = await browser.render(
        mermaidBlocks(renderCostChart(bars))[0] ?? ''
      )
      expect(diagram.error).toBeUndefined()
      expect(drawnBars(diagram, 0)).toBe(12)
      expect(drawnBars(diagram, 1)).toBe(12)
    })

    it('reports a parse error', async () => {
      // Shows that the page reports errors, so the checks above can fail.
      const diagram = await browser.render('xychart-beta\n  bar [1, "two"]')
      expect(diagram.error).toBeDefined()
    })
  }
)
