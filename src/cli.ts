#!/usr/bin/env node
import { existsSync, realpathSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import packageJson from '../package.json' with { type: 'json' }
import { analyzeFile, buildReport, type BaseSource } from './analyze.js'
import {
  defaultBaseRef,
  isTrackedByGit,
  readFileAtRef,
  suggestRefs
} from './git.js'
import { findClosestName } from './config/suggest.js'
import { formatIssue } from './config/types.js'
import { loadCatalog } from './pricing/catalog.js'
import type { ChartMode } from './render/chart.js'
import { colorEnabled } from './render/color.js'
import {
  loadBasePricing,
  type BasePricing,
  type BasePricingSource
} from './pricing/base-pricing.js'
import {
  loadPricingFile,
  PricingFileError,
  type LoadedPricing
} from './pricing/pricing-file.js'
import type { Catalog } from './pricing/types.js'
import { toJsonReport } from './render/json.js'
import { renderMarkdown } from './render/markdown.js'
import { renderText } from './render/text.js'
import type { Report } from './report.js'
import {
  finishTimings,
  startTimings,
  timed,
  timedAsync,
  timingsRequested
} from './timings.js'

const USAGE = `Usage: ai-budget [FILE...] [options]

Projects the monthly and annual LLM API cost of each usage file (default
ai-usage.yml) and compares it with the same file at a git ref.

Options:
  --base REF         git ref to compare with (default: the merge base with
                     origin's default branch, or HEAD)
  --base-file PATH   compare the one FILE with this file instead of a
                     git ref
  --format FORMAT    text, markdown or json (default: text)
  --chart MODE       auto, on or off: the Mermaid chart of the markdown
                     format; auto draws it for 2 to 12 workloads (default: auto)
  --gate-on FIGURE   expected or high: which figure of a reasoning range the
                     budgets are checked against (default: expected)
  --pricing-file PATH
                     extra or overriding prices, in the bundled catalog's
                     format (JSON or YAML) or LiteLLM's
                     model_prices_and_context_window.json
  --date YYYY-MM-DD  price the projection as of this date (default: today)
  -h, --help         show this help
  --version          show the version

Text output is coloured on a terminal. NO_COLOR turns colours off and
FORCE_COLOR turns them on (FORCE_COLOR=0 off).

Exit status: 0 within limits, 1 a budget or increase limit is exceeded,
2 invalid input.`

const OPTIONS = {
  base: { type: 'string' },
  'base-file': { type: 'string' },
  format: { type: 'string', default: 'text' },
  chart: { type: 'string', default: 'auto' },
  'gate-on': { type: 'string', default: 'expected' },
  'pricing-file': { type: 'string' },
  date: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' }
} as const

/** Runs the CLI with the given arguments and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  let options
  try {
    options = parseArgs({
      args: argv,
      allowPositionals: true,
      options: OPTIONS
    })
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    process.stderr.write(`${describeArgumentError(argv)}\n`)
    return 2
  }
  const { values, positionals } = options
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (values.version) {
    process.stdout.write(`ai-budget ${packageJson.version}\n`)
    return 0
  }
  if (values.base !== undefined && values['base-file'] !== undefined) {
    process.stderr.write(
      '--base and --base-file cannot be used together: --base compares with the file at a git ref, --base-file with another file. Pass one of them.\n'
    )
    return 2
  }
  const format = values.format
  const chart = values.chart
  const gateOn = values['gate-on']
  const runDate = values.date ?? new Date().toISOString().slice(0, 10)
  const invalid =
    (format !== 'text' &&
      format !== 'markdown' &&
      format !== 'json' &&
      `--format must be text, markdown or json, not "${format}"`) ||
    (chart !== 'auto' &&
      chart !== 'on' &&
      chart !== 'off' &&
      `--chart must be auto, on or off, not "${chart}"`) ||
    (gateOn !== 'expected' &&
      gateOn !== 'high' &&
      `--gate-on must be expected or high, not "${gateOn}"`) ||
    (!isCalendarDate(runDate) &&
      `--date must be a date written YYYY-MM-DD, not "${runDate}"`)
  if (invalid) {
    process.stderr.write(`${invalid}\n`)
    return 2
  }

  const files = positionals.length ? positionals : ['ai-usage.yml']
  const fileProblem = checkUsageFiles(files, values['base-file'])
  if (fileProblem) {
    process.stderr.write(`${fileProblem}\n`)
    return 2
  }
  if (timingsRequested(process.env)) startTimings()
  const prices = await timedAsync('load prices', () =>
    loadPrices(values['pricing-file'])
  )
  if (!prices) return 2
  const { catalog } = prices
  let baseRef: string | undefined = values.base
  let baseLabel = values.base
  if (values['base-file'] === undefined && values.base === undefined) {
    const found = await defaultBaseRef(process.cwd())
    baseRef = found.ref
    baseLabel = found.label
    if (found.note) process.stderr.write(`note: ${found.note}\n`)
  }
  const basePrices = await loadBasePrices(prices, baseRef)
  const baseFile = values['base-file']
  if (baseFile !== undefined && !existsSync(baseFile)) {
    process.stderr.write(`--base-file ${baseFile} was not found\n`)
    return 2
  }
  const reports = []
  let noComparisonReason: string | undefined
  for (const file of files) {
    let headText: string
    try {
      headText = await readFile(file, 'utf8')
    } catch (error) {
      process.stderr.write(`${describeReadError('usage file', file, error)}\n`)
      return 2
    }
    let base: BaseSource
    try {
      base = await readBase(file, baseFile, baseRef)
    } catch (error) {
      if (baseFile === undefined) throw error
      process.stderr.write(
        `${describeReadError('base file', baseFile, error)}\n`
      )
      return 2
    }
    if (base.state === 'unavailable' && values.base !== undefined) {
      const examples = await suggestRefs(file, values.base)
      const next =
        examples.length > 0
          ? `Pass a branch, tag or commit that exists, such as ${examples.join(' or ')}.`
          : 'Pass a branch, tag or commit that exists. git branch --all lists the branches.'
      process.stderr.write(
        `--base ${values.base} cannot be used: ${base.reason}. ${next}\n`
      )
      return 2
    }
    if (base.state === 'none' && values.base !== undefined) {
      process.stderr.write(
        `--base ${values.base} needs a git repository, but ${file} is not in one. Run ai-budget on a file inside a repository, or compare with another file through --base-file PATH.\n`
      )
      return 2
    }
    if (base.state === 'unavailable') {
      // The default ref is HEAD or a merge base, which only a repository
      // without commits lacks: then there is nothing to compare with yet.
      noComparisonReason = `the repository has no commit to compare ${file} with (${base.reason})`
      base = { state: 'none' }
    } else if (base.state === 'none') {
      noComparisonReason = `${file} is not in a git repository, so there is no base to compare with`
    }
    reports.push(
      analyzeFile(file, headText, base, {
        catalog,
        basePrices,
        ...(prices.pricingFile
          ? { pricingFile: prices.pricingFile.loaded }
          : {}),
        runDate,
        budgetSource: 'base',
        overrides: {},
        gate: {
          failOn: new Set(['budget', 'increase']),
          gateOn: gateOn as 'expected' | 'high'
        }
      })
    )
  }
  const report = buildReport(reports, {
    runDate,
    catalogAsOf: catalog.asOf,
    baseLabel: baseFile ?? baseLabel,
    noComparisonReason,
    gateOn: gateOn as 'expected' | 'high'
  })
  if ('note' in basePrices && basePrices.note) {
    report.notes.unshift(basePrices.note)
  }
  report.notes.push(...prices.notes)

  const outputFormat = format as 'text' | 'markdown' | 'json'
  process.stdout.write(
    timed(`render ${outputFormat}`, () =>
      render(report, outputFormat, chart as ChartMode)
    )
  )
  const timings = finishTimings()
  if (timings.length > 0) process.stderr.write(`${timings.join('\n')}\n`)

  if (report.result === 'error') return 2
  return report.result === 'fail' ? 1 : 0
}

function render(
  report: Report,
  format: 'text' | 'markdown' | 'json',
  chart: ChartMode
): string {
  if (format === 'json') {
    return `${JSON.stringify(toJsonReport(report), null, 2)}\n`
  }
  if (format === 'markdown') {
    return renderMarkdown(report, {
      maxChars: Number.POSITIVE_INFINITY,
      chart
    })
  }
  const color = colorEnabled(process.env, process.stdout.isTTY === true)
  return renderText(report, { color })
}

/** The head's prices: the bundled catalog with the pricing file as it is on disk. */
interface HeadPrices {
  catalog: Catalog
  /** Pricing-file warnings, formatted for the report. */
  notes: string[]
  pricingFile?: { path: string; text: string; loaded: LoadedPricing }
}

/**
 * Loads the bundled catalog with the pricing file merged in. Prints the
 * problems and returns undefined when the file cannot be used.
 */
async function loadPrices(
  pricingFile: string | undefined
): Promise<HeadPrices | undefined> {
  const bundled = loadCatalog()
  if (pricingFile === undefined) return { catalog: bundled, notes: [] }
  let text: string
  try {
    text = await readFile(pricingFile, 'utf8')
  } catch (error) {
    process.stderr.write(
      `${describeReadError('pricing file', pricingFile, error)}\n`
    )
    return undefined
  }
  try {
    const loaded = loadPricingFile(bundled, text, pricingFile)
    return {
      catalog: loaded.catalog,
      notes: loaded.warnings.map(formatIssue),
      pricingFile: { path: pricingFile, text, loaded }
    }
  } catch (error) {
    if (!(error instanceof PricingFileError)) throw error
    for (const issue of error.issues) {
      process.stderr.write(`error: ${formatIssue(issue)}\n`)
    }
    return undefined
  }
}

/**
 * Loads the base's prices: the pricing file as git has it at the base ref.
 * A file that git does not track, or a comparison with --base-file, prices
 * both sides alike.
 */
async function loadBasePrices(
  prices: HeadPrices,
  ref: string | undefined
): Promise<BasePricing> {
  const pricing = prices.pricingFile
  if (!pricing) return { catalog: prices.catalog }
  const source = ref
    ? await readBasePricing(pricing.path, ref)
    : ({ state: 'shared', reason: 'there is no base ref' } as const)
  // The CLI judges a change with the base's budgets and prices, as the
  // Action does under budget-source: base.
  return loadBasePricing(loadCatalog(), pricing, source, pricing.path, 'base')
}

async function readBasePricing(
  file: string,
  ref: string
): Promise<BasePricingSource> {
  const base = await readFileAtRef(file, ref)
  if (base.state === 'found') return { state: 'found', text: base.text }
  if (base.state === 'unavailable') return base
  if (base.state === 'missing' && (await isTrackedByGit(file))) {
    return { state: 'missing' }
  }
  return { state: 'shared', reason: 'git does not track it' }
}

async function readBase(
  file: string,
  baseFile: string | undefined,
  ref: string | undefined
): Promise<BaseSource> {
  if (baseFile) {
    return { state: 'found', text: await readFile(baseFile, 'utf8') }
  }
  return ref ? readFileAtRef(file, ref) : { state: 'none' }
}

/**
 * Returns why the usage files cannot be compared as given, or undefined:
 * a file named twice would be counted twice, and one --base-file cannot
 * be the base of several files.
 */
function checkUsageFiles(
  files: string[],
  baseFile: string | undefined
): string | undefined {
  const seen = new Map<string, string>()
  for (const file of files) {
    const key = identifyFile(file)
    const first = seen.get(key)
    if (first !== undefined) {
      const also = first === file ? '' : ` (also as ${first})`
      return `The usage file ${file} is named twice${also}, so its cost would be counted twice. Name each usage file once.`
    }
    seen.set(key, file)
  }
  if (baseFile !== undefined && files.length > 1) {
    return `--base-file is the base of one usage file, but ${files.length} usage files were given (${files.join(', ')}). Run ai-budget once for each file with its own --base-file, or compare them all with a git ref through --base REF.`
  }
  return undefined
}

/** Returns the real path of a file, so that two names of one file compare equal. */
function identifyFile(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    // A missing file is reported when it is read.
    return path.resolve(file)
  }
}

/**
 * Describes why the arguments are invalid, in place of the parser's own
 * text: an unknown option with the closest known one, or an option that is
 * missing its value or given one it does not take.
 */
function describeArgumentError(argv: string[]): string {
  const { tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: OPTIONS
  })
  const help = 'Run ai-budget --help for the options.'
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const option = (OPTIONS as Record<string, { type: string }>)[token.name]
    if (!option) {
      const closest = findClosestName(token.name, Object.keys(OPTIONS))
      const hint = closest ? ` Did you mean --${closest}?` : ''
      return `Unknown option ${token.rawName}.${hint} ${help}`
    }
    if (option.type === 'string' && token.value === undefined) {
      return `${token.rawName} is missing its value, such as ${token.rawName} ${OPTION_EXAMPLES[token.name] ?? 'VALUE'}. ${help}`
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      return `${token.rawName} takes no value, but got "${token.value}". ${help}`
    }
  }
  return `The arguments are invalid. ${help}`
}

/** A valid value of each string option, for messages. */
const OPTION_EXAMPLES: Record<string, string> = {
  base: 'main',
  'base-file': 'ai-usage.base.yml',
  format: 'json',
  chart: 'off',
  'gate-on': 'high',
  'pricing-file': 'prices.json',
  date: '2026-12-04'
}

/** Describes why a file could not be read, by its error code, without the raw system text. */
function describeReadError(kind: string, file: string, error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT')
    return `The ${kind} ${file} was not found. Check the path.`
  if (code === 'EISDIR') {
    return `The ${kind} ${file} is a directory. Pass the path of a file.`
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `The ${kind} ${file} cannot be read: permission denied. Check the file's permissions.`
  }
  const reason = typeof code === 'string' ? code : 'unknown error'
  return `The ${kind} ${file} cannot be read (${reason}).`
}

/** Whether text is a real calendar date written YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}

process.exitCode = await main(process.argv.slice(2))
