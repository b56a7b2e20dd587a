import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/**
 * Renders Mermaid diagrams the way GitHub's viewer does: the `mermaid`
 * package's browser build on a page served from 127.0.0.1, in Debian's
 * headless Chromium.
 */

/** Debian's Chromium; `.ci/run` installs it when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** A browser build of Mermaid that the tests render with. */
export interface MermaidBundle {
  /** Package version, for test names. */
  version: string
  path: string
}

function bundleOf(packageName: string): MermaidBundle {
  const root = new URL(`../../node_modules/${packageName}/`, import.meta.url)
  const manifest = JSON.parse(
    readFileSync(new URL('package.json', root), 'utf8')
  ) as { version: string }
  return {
    version: manifest.version,
    path: fileURLToPath(new URL('dist/mermaid.min.js', root))
  }
}

/**
 * The Mermaid versions the chart must render with: the one GitHub rendered
 * in Markdown when last checked (the `mermaid-github` alias, see
 * src/render/chart.ts), and the current release.
 */
export const MERMAID_BUNDLES: MermaidBundle[] = [
  bundleOf('mermaid-github'),
  bundleOf('mermaid')
]

/** Flags that keep Chromium off the network and away from the host profile. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

// The page renders a diagram and measures it in the browser, where the DOM
// is, and returns plain data.
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><script src="/mermaid.min.js"></script></head>
<body><div id="out"></div><script>
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })
let count = 0
window.renderDiagram = async code => {
  const out = document.getElementById('out')
  out.innerHTML = ''
  let svg
  try {
    svg = (await mermaid.render('diagram' + ++count, code)).svg
  } catch (error) {
    return { error: String(error && error.message ? error.message : error), bars: [], labels: [] }
  }
  out.innerHTML = svg
  const bars = [...out.querySelectorAll('g[class*="bar-plot-"] rect')].map(rect => ({
    series: Number(/bar-plot-(\\d+)/.exec(rect.closest('g[class*="bar-plot-"]').getAttribute('class'))[1]),
    width: Number(rect.getAttribute('width')),
    height: Number(rect.getAttribute('height')),
    fill: rect.getAttribute('fill')
  }))
  const labels = [...out.querySelectorAll('g.left-axis g.label text, g.bottom-axis g.label text')]
    .map(text => text.textContent)
  return { svg, bars, labels }
}
</script></body></html>`

/** A bar of a rendered chart, read from the SVG, in pixels. */
export interface RenderedBar {
  /** Index of the `bar` line that drew it, from 0. */
  series: number
  width: number
  height: number
  /** The `fill` attribute, such as `#0969da`. */
  fill: string | null
}

/** What rendering one diagram produced. */
export interface RenderedDiagram {
  error?: string
  svg?: string
  bars: RenderedBar[]
  /** Texts of the category axis labels, in drawing order. */
  labels: string[]
}

/** A running page that renders Mermaid diagrams; call close() when done. */
export interface MermaidBrowser {
  render(code: string): Promise<RenderedDiagram>
  screenshot(file: string): Promise<void>
  close(): Promise<void>
}

/** Starts the page server on 127.0.0.1 and Chromium with a fresh profile. */
export async function openMermaidBrowser(
  mermaid: MermaidBundle
): Promise<MermaidBrowser> {
  const bundle = await readFile(mermaid.path)
  const server = createServer((request, response) => {
    if (request.url === '/mermaid.min.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' })
      response.end(bundle)
      return
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(PAGE)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const profile = await mkdtemp(path.join(tmpdir(), 'ai-budget-chromium-'))
  let context: BrowserContext | undefined
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1000, height: 700 },
      timeout: 20_000
    })
    const page = context.pages()[0] ?? (await context.newPage())
    // Only the local page server may be reached.
    await page.route('**/*', route =>
      route.request().url().startsWith(`http://127.0.0.1:${port}/`)
        ? route.continue()
        : route.abort()
    )
    await page.goto(`http://127.0.0.1:${port}/`, { timeout: 20_000 })
    return wrapPage(page, context, server, profile)
  } catch (error) {
    await context?.close()
    await closeServer(server)
    await rm(profile, { recursive: true, force: true })
    throw error
  }
}

function wrapPage(
  page: Page,
  context: BrowserContext,
  server: Server,
  profile: string
): MermaidBrowser {
  return {
    render(code) {
      const call = `renderDiagram(${JSON.stringify(code)})`
      return page.evaluate<RenderedDiagram>(call)
    },
    async screenshot(file) {
      await page.locator('#out svg').screenshot({ path: file })
    },
    async close() {
      await context.close()
      await closeServer(server)
      await rm(profile, { recursive: true, force: true })
    }
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise(resolve => server.close(() => resolve()))
}
