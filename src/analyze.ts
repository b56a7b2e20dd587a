import type Fraction from 'fraction.js'
import { parseBudgetsSection, parseUsageFile } from './config/parse.js'
import type {
  Budgets,
  ConfigIssue,
  SourcePosition,
  UsageConfig
} from './config/types.js'
import { formatPath, type UsageSource } from './config/yaml-source.js'
import { UsageFileError } from './config/types.js'
import { attributeChange } from './cost/attribution.js'
import { compareFigures, diffProjections } from './cost/diff.js'
import {
  evaluateGates,
  worstStatus,
  type GateCheck,
  type GateLimits,
  type GateOptions,
  type GateResult
} from './cost/gate.js'
import { ZERO, formatUsd, sum } from './cost/money.js'
import {
  comparePriceSettings,
  withBasePrices,
  type PriceSettings
} from './cost/price-settings.js'
import { projectCost, type Projection } from './cost/project.js'
import { listPriceChanges, listRatesUsed } from './cost/rates.js'
import { suggestSavings } from './cost/suggestions.js'
import {
  checkHeadOnlyModels,
  describeRates,
  failRenamedBudgets,
  withoutApprovalHint
} from './cost/trust.js'
import { closestModelNames, findModel } from './pricing/catalog.js'
import type { BasePricing } from './pricing/base-pricing.js'
import {
  checkUnusedEntries,
  type PricingFileEntries
} from './pricing/entry-use.js'
import type { Catalog } from './pricing/types.js'
import { timed } from './timings.js'
import {
  listChecks,
  type BaseState,
  type FileReport,
  type Report
} from './report.js'

/** What is known about the base version of a usage file before parsing it. */
export type BaseSource =
  /** `renamedFrom`: the base path of a file that the change renames. */
  | { state: 'found'; text: string; renamedFrom?: string }
  | { state: 'missing' }
  /**
   * The base was expected but could not be read, so the limits that depend
   * on it cannot be checked and the run fails. `reason` names the request,
   * the cause and the remedy.
   */
  | { state: 'unavailable'; reason: string }
  | { state: 'none' }

/**
 * Limits set by workflow inputs. In a run over one usage file, each one
 * replaces the file's own limit of its kind. Over several files they limit
 * the total instead (checkTotalLimits), and each file keeps its budgets.
 */
export interface LimitOverrides {
  monthly?: Fraction
  annual?: Fraction
  increaseMonthly?: Fraction
  increasePercent?: Fraction
}

export interface AnalyzeOptions {
  /** Prices of the head: the bundled catalog with the head's pricing file. */
  catalog: Catalog
  /**
   * Prices of the base, with the base's version of the pricing file, or why
   * they are unknown; the head's prices by default.
   */
  basePrices?: BasePricing
  /** The head's pricing file, whose entries that miss the workloads' models get a warning. */
  pricingFile?: PricingFileEntries
  runDate: string
  budgetSource: 'base' | 'head'
  overrides: LimitOverrides
  gate: GateOptions
}

/** Prices older than this many days are reported as possibly stale. */
export const STALE_CATALOG_DAYS = 180

/**
 * Prices the head and base versions of one usage file, compares them and
 * checks the limits. An invalid head is reported with its errors. An invalid
 * base is noted, never shown as all-new spend, and never hides the head's
 * result. A base that could not be read fails the file, because the limits
 * that come from it are unknown.
 */
export function analyzeFile(
  file: string,
  headText: string,
  base: BaseSource,
  options: AnalyzeOptions
): FileReport {
  const head = priceText(file, headText, options)
  if ('errors' in head) {
    return { file, errors: head.errors, warnings: [], baseState: 'none' }
  }

  const report: FileReport = {
    file,
    head: head.projection,
    errors: [],
    warnings: options.pricingFile
      ? [
          ...head.warnings,
          ...checkUnusedEntries(
            options.pricingFile,
            head.config,
            options.catalog
          )
        ]
      : head.warnings,
    baseState: 'none'
  }
  const {
    config: baseConfig,
    budgets: baseBudgets,
    budgetsError
  } = readBase(report, base, options)
  const budgets = chooseBudgets(report, head.config.budgets, baseBudgets, {
    budgetSource: options.budgetSource,
    budgetsError
  })
  report.limits = applyOverrides(limitsOf(budgets), options.overrides)
  if (baseBudgets) {
    report.budgetChange = describeBudgetChange(
      baseBudgets,
      head.config.budgets,
      options.budgetSource
    )
  }

  const priced = judgePriceSettings(report, head, baseConfig, options)
  const headProjection = report.head ?? head.projection
  const rates = timed('list rates', () => listRatesUsed(headProjection))
  report.rates = rates
  report.priceChanges = timed('list rates', () => listPriceChanges(rates))
  report.suggestions = timed('suggest savings', () =>
    suggestSavings(
      priced.config,
      headProjection,
      priced.catalog,
      options.runDate
    )
  )

  const gate = compareAndGate(report, baseConfig, priced, options)
  if (options.budgetSource === 'base') {
    const failOn = options.gate.failOn
    if (report.limitsSource === 'base') {
      failRenamedBudgets(gate.checks, report.diff, failOn)
    }
    const headOnly = report.priceSettingsChange?.headOnlyModels ?? []
    gate.checks.push(...checkHeadOnlyModels(headProjection, headOnly, failOn))
    gate.result = worstStatus(gate.checks)
  }
  report.limitPositions = locateLimits(head.source, gate.checks)
  return report
}

/**
 * Reports a usage file that the change deletes: every workload of its base
 * is removed, and the head costs $0. Budgets come from the base under
 * `budget-source: base`; the head has none.
 */
export function analyzeRemovedFile(
  file: string,
  base: BaseSource,
  options: AnalyzeOptions
): FileReport {
  const report: FileReport = {
    file,
    removed: true,
    errors: [],
    warnings: [],
    baseState: 'none'
  }
  const { config: baseConfig, budgets } = readBase(report, base, options)
  const headConfig = emptyUsageConfig(file, baseConfig)
  report.head = projectCost(headConfig, options.catalog, options.runDate)
  const fromBase = options.budgetSource === 'base' && budgets !== undefined
  report.limitsSource = fromBase ? 'base' : 'inputs'
  report.limits = applyOverrides(
    limitsOf(fromBase ? budgets : undefined),
    options.overrides
  )
  compareAndGate(
    report,
    baseConfig,
    { config: headConfig, catalog: options.catalog },
    options
  )
  // The head has no file to put a limit's annotation on.
  report.limitPositions = {}
  return report
}

/** Returns a usage file with no workloads, the head of a deleted file. */
function emptyUsageConfig(
  file: string,
  base: UsageConfig | undefined
): UsageConfig {
  return {
    file,
    version: 1,
    models: base?.models ?? [],
    profiles: base?.profiles ?? {},
    workloads: [],
    discounts: base?.discounts ?? [],
    budgets: NO_BUDGETS
  }
}

/**
 * Compares the priced head with the base, splits the change by cause and
 * checks the report's limits. `headPrices` are the usage file and catalog
 * that priced the head. Increase limits need a base, so without one they
 * are left out, or reported as not checked when the base was expected.
 */
function compareAndGate(
  report: FileReport,
  baseConfig: UsageConfig | undefined,
  headPrices: Required<PriceSettings>,
  options: AnalyzeOptions
): GateResult {
  const head = report.head
  if (!head) throw new Error(`${report.file} has no priced head to compare`)
  const compared = isCompared(report.baseState)
  report.diff = compared
    ? timed('compare', () => diffProjections(report.base, head))
    : undefined
  if (report.diff) {
    const diff = report.diff
    report.attribution = timed('attribute change', () =>
      attributeChange(
        baseConfig,
        headPrices.config,
        diff,
        { base: baseCatalogOf(options), head: headPrices.catalog },
        options.runDate
      )
    )
  }
  const allLimits = report.limits ?? limitsOf()
  const limits = compared
    ? allLimits
    : { ...allLimits, increaseMonthly: undefined, increasePercent: undefined }
  const gate = timed('check limits', () =>
    evaluateGates(report.base, head, report.diff, limits, options.gate)
  )
  if (!compared && report.baseState !== 'none') {
    gate.checks.push(...uncheckedIncreases(allLimits, report.baseState))
    gate.result = worstStatus(gate.checks)
  }
  report.gate = gate
  return gate
}

/** Finds the line of each checked limit in the head file, for annotations. */
function locateLimits(
  source: UsageSource,
  checks: GateCheck[]
): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {}
  for (const check of checks) {
    positions[formatPath(check.yamlPath)] = source.positionOf(
      check.yamlPath,
      'key'
    )
  }
  return positions
}

/**
 * Compares the head's price settings (`models:`, `discounts:` and the
 * pricing file) with the base's and records the edits. Under
 * `budget-source: base` an edit applies only after merge: both sides are
 * priced with the base's settings, so that the figures shown are the ones
 * gated, and the head's own figures go into the note. A usage file that is
 * new has the catalog and the base's pricing file as its base settings. A
 * model that only the head defines keeps the head's prices, and
 * analyzeFile fails each workload that uses it. Returns the usage file and
 * catalog that price the head.
 */
function judgePriceSettings(
  report: FileReport,
  head: PricedFile,
  baseConfig: UsageConfig | undefined,
  options: AnalyzeOptions
): Required<PriceSettings> {
  const own = { config: head.config, catalog: options.catalog }
  if (!isCompared(report.baseState)) return own
  const isNew = report.baseState === 'missing'
  const trustBase = options.budgetSource === 'base'
  const base = {
    config:
      baseConfig ??
      (isNew && trustBase
        ? emptyUsageConfig(report.file, undefined)
        : undefined),
    catalog: baseCatalogOf(options)
  }
  const change = comparePriceSettings(base, own, options.runDate)
  if (!change) return own
  const edits = isNew
    ? `This usage file is new and sets price settings (${listEdits(change.edits)}).`
    : `This change edits price settings (${listEdits(change.edits)}).`
  if (!trustBase) {
    report.priceSettingsChange = {
      ...change,
      applied: 'head',
      message: `${edits} budget-source is head, so this run prices each side with its own settings.`
    }
    return own
  }

  const trusted = withBasePrices(base, own)
  let projection: Projection
  try {
    projection = timed('project cost', () =>
      projectCost(trusted.config, trusted.catalog, options.runDate, {
        lenient: true
      })
    )
  } catch (error) {
    if (!(error instanceof UsageFileError)) throw error
    report.priceSettingsChange = { ...change, applied: 'head', message: edits }
    const warning = `The head could not be priced with the base's price settings (${describeFirstIssue(error.issues) ?? 'no detail'}), so its own settings apply. Review the price settings in the diff, because this change may lower its own prices.`
    report.limitsWarning = report.limitsWarning
      ? `${report.limitsWarning} ${warning}`
      : warning
    return own
  }
  const ownMonthly = head.projection.monthly.expected
  const applied = isNew
    ? "this run prices the file with the catalog and the base's pricing file, without its own discounts: and catalog model overrides"
    : "this run prices both sides with the base's settings"
  report.priceSettingsChange = {
    ...change,
    applied: 'base',
    headOwnSettings: {
      monthly: head.projection.monthly,
      annual: head.projection.annual,
      peak: head.projection.peak
    },
    message: `${edits} They apply after merge; ${applied}.${describeHeadOnly(change.headOnlyModels, projection, isNew)} With this change's own settings the head would cost ${formatUsd(ownMonthly)} a month.`
  }
  report.head = projection
  return trusted
}

/** Edits that the price-settings note names before "and N more". */
const MAX_NAMED_EDITS = 10

/** Joins the first edits for the note; the JSON report lists every edit. */
function listEdits(edits: string[]): string {
  const shown = edits.slice(0, MAX_NAMED_EDITS).join('; ')
  const more = edits.length - MAX_NAMED_EDITS
  if (more <= 0) return shown
  return `${shown}; and ${more} more, all listed in the JSON report's price-settings-change.edits`
}

/**
 * Says which models keep the head's prices because only the head defines
 * them, and, for a file with a base, that the cost change books a move to
 * one as a change of model.
 */
function describeHeadOnly(
  models: string[],
  projection: Projection,
  isNew: boolean
): string {
  if (models.length === 0) return ''
  const priced = models.slice(0, MAX_NAMED_EDITS).map(id => {
    const rates = describeRates(projection, id)
    return rates ? `${id} (${rates})` : id
  })
  const more = models.length - MAX_NAMED_EDITS
  if (more > 0) priced.push(`and ${more} more models`)
  const one = models.length === 1
  const keeps = one
    ? "the base cannot price it, and it keeps this change's prices"
    : "the base cannot price them, and they keep this change's prices"
  const attribution = isNew
    ? ''
    : ` The cost change books a move to ${one ? 'it' : 'them'} as "model", although this change set the price.`
  return ` Only this change defines ${priced.join(', ')}, so ${keeps}.${attribution}`
}

/**
 * Picks the budgets that apply and records where they came from. Under
 * `budget-source: base` a change never gets its limits from the head
 * because of its base: an unreadable base leaves only the workflow's
 * limits, and an invalid base still gives its budgets section when that is
 * valid. Only a base whose budgets section is invalid too falls back to the
 * head's budgets, with a warning that says so.
 */
function chooseBudgets(
  report: FileReport,
  headBudgets: Budgets,
  baseBudgets: Budgets | undefined,
  options: { budgetSource: 'base' | 'head'; budgetsError?: string }
): Budgets | undefined {
  if (options.budgetSource === 'head') {
    report.limitsSource = 'head'
    return headBudgets
  }
  if (baseBudgets) {
    report.limitsSource = 'base'
    return baseBudgets
  }
  if (report.baseState === 'unavailable') {
    report.limitsSource = 'inputs'
    return undefined
  }
  if (report.baseState === 'invalid') {
    const detail = options.budgetsError ? ` (${options.budgetsError})` : ''
    report.limitsWarning = `The budgets come from the head, because the base's budgets section is invalid too${detail}. This change could raise its own limits, so review the budgets in the diff.`
  }
  // A file that is new, or a run without a base, has only its own budgets.
  report.limitsSource = 'head'
  return headBudgets
}

function baseCatalogOf(options: AnalyzeOptions): Catalog {
  const prices = options.basePrices
  return prices && 'catalog' in prices ? prices.catalog : options.catalog
}

/** Whether a base state allows a comparison: a missing base file is a $0 base. */
export function isCompared(state: BaseState): boolean {
  return state === 'compared' || state === 'missing'
}

/**
 * Prices the base version into the report, and returns its budgets when
 * they can be read: from the whole file, or from its budgets section alone
 * when the rest is invalid.
 */
function readBase(
  report: FileReport,
  base: BaseSource,
  options: AnalyzeOptions
): { config?: UsageConfig; budgets?: Budgets; budgetsError?: string } {
  const file = report.file
  if (base.state === 'missing' || base.state === 'none') {
    report.baseState = base.state
    return {}
  }
  if (base.state === 'unavailable') {
    markUnread(report, base.reason, options)
    return {}
  }
  // The base file was read, so its budgets are known even when its prices
  // are not: the base's pricing file could not be read or is invalid.
  const prices = options.basePrices ?? { catalog: options.catalog }
  if ('unavailable' in prices) {
    if (prices.unreadable === true) {
      markUnread(report, prices.unavailable, options)
    } else {
      report.baseState = 'invalid'
      report.baseNote = `The base version of ${file} cannot be priced, because ${prices.unavailable}, so the change is not measured.`
    }
    return readBudgetsSection(report, base.text)
  }
  const priced = priceText(file, base.text, {
    ...options,
    catalog: prices.catalog
  })
  if (!('errors' in priced)) {
    report.baseState = 'compared'
    report.base = priced.projection
    if (base.renamedFrom) {
      report.baseNote = `This change renames ${base.renamedFrom} to ${file}, so the base is ${base.renamedFrom}.`
    }
    return { config: priced.config, budgets: priced.config.budgets }
  }

  report.baseState = 'invalid'
  const first = describeFirstIssue(priced.errors)
  report.baseNote = `The base version of ${file} is invalid${first ? ` (${first})` : ''}, so the change is not measured.`
  return readBudgetsSection(report, base.text)
}

/** Reads the budgets of a base that cannot be priced, and says in the note whether they apply. */
function readBudgetsSection(
  report: FileReport,
  text: string
): { budgets?: Budgets; budgetsError?: string } {
  const section = parseBudgetsSection(text, report.file)
  if ('errors' in section) {
    return { budgetsError: describeFirstIssue(section.errors) }
  }
  const applies = "Its budgets section is valid, so the base's budgets apply."
  report.baseNote = report.baseNote ? `${report.baseNote} ${applies}` : applies
  return { budgets: section.budgets }
}

function describeFirstIssue(issues: ConfigIssue[]): string | undefined {
  const first = issues[0]
  return first ? `line ${first.line}: ${first.message}` : undefined
}

/**
 * Records a base that could not be read. It fails the file, because the
 * limits that come from the base are unknown, unless fail-on is none, when
 * no limit fails the step and the base only informs.
 */
function markUnread(
  report: FileReport,
  reason: string,
  options: AnalyzeOptions
): void {
  report.baseState = 'unavailable'
  const note = `The base version of ${report.file} could not be read, so the change and the limits that come from the base were not checked: ${reason}`
  if (options.gate.failOn.size > 0) report.baseFailure = note
  else report.baseNote = note
}

/**
 * Returns a warning for each increase limit that cannot be checked because
 * the base could not be priced: the change is unknown, not zero.
 */
function uncheckedIncreases(limits: GateLimits, state: BaseState): GateCheck[] {
  const reason =
    state === 'invalid'
      ? 'the base file is invalid'
      : 'the base could not be read'
  const unchecked: GateCheck[] = []
  const limitsToCheck: [string, Fraction | undefined, string][] = [
    ['monthly increase limit', limits.increaseMonthly, 'monthly'],
    ['monthly increase limit in percent', limits.increasePercent, 'percent']
  ]
  for (const [label, value, key] of limitsToCheck) {
    if (value === undefined) continue
    unchecked.push({
      kind: 'increase',
      limit: label,
      yamlPath: ['budgets', 'increase', key],
      limitValue: value,
      figure: ZERO,
      status: 'warn',
      notApplicable: true,
      message: `the ${label} was not checked because ${reason}`
    })
  }
  return unchecked
}

/** A usage file that was parsed and priced. */
interface PricedFile {
  config: UsageConfig
  projection: Projection
  warnings: ConfigIssue[]
  source: UsageSource
}

type Priced = PricedFile | { errors: ConfigIssue[] }

function priceText(
  file: string,
  text: string,
  options: AnalyzeOptions
): Priced {
  try {
    const { config, warnings, source } = parseUsageFile(text, file, {
      models: {
        has: name => findModel(options.catalog, name) !== undefined,
        closest: name => closestModelNames(options.catalog, name, 3),
        idOf: name => findModel(options.catalog, name)?.id
      }
    })
    const projection = timed('project cost', () =>
      projectCost(config, options.catalog, options.runDate)
    )
    return {
      config,
      source,
      projection,
      warnings: [...warnings, ...projection.warnings]
    }
  } catch (error) {
    if (error instanceof UsageFileError) return { errors: error.issues }
    throw error
  }
}

const NO_BUDGETS: Budgets = {
  increase: {},
  workloads: {},
  path: 'budgets',
  position: { line: 1, column: 1 }
}

function limitsOf(budgets: Budgets = NO_BUDGETS): GateLimits {
  return {
    monthly: budgets.monthly,
    annual: budgets.annual,
    increaseMonthly: budgets.increase.monthly,
    increasePercent: budgets.increase.percent,
    warnAt: budgets.warnAt,
    workloads: budgets.workloads
  }
}

function applyOverrides(
  limits: GateLimits,
  overrides: LimitOverrides
): GateLimits {
  return {
    ...limits,
    monthly: overrides.monthly ?? limits.monthly,
    annual: overrides.annual ?? limits.annual,
    increaseMonthly: overrides.increaseMonthly ?? limits.increaseMonthly,
    increasePercent: overrides.increasePercent ?? limits.increasePercent
  }
}

/**
 * Describes how the head changes the base's budgets and which of the two
 * this run applies, or returns undefined when they are the same.
 */
function describeBudgetChange(
  base: Budgets,
  head: Budgets,
  applied: 'base' | 'head'
): string | undefined {
  const before = flattenLimits(limitsOf(base))
  const after = flattenLimits(limitsOf(head))
  const names = [...new Set([...before.keys(), ...after.keys()])].sort()
  const changes = names
    .filter(name => before.get(name) !== after.get(name))
    .map(
      name =>
        `${name} ${before.get(name) ?? 'unset'} → ${after.get(name) ?? 'unset'}`
    )
  if (changes.length === 0) return undefined
  const edits = `This change edits the budgets (${changes.join(', ')}).`
  return applied === 'base'
    ? `${edits} They apply after merge; this run uses the base's budgets.`
    : `${edits} budget-source is head, so this run applies the head's budgets.`
}

function flattenLimits(limits: GateLimits): Map<string, string> {
  const flat = new Map<string, string>()
  const add = (name: string, value: Fraction | undefined): void => {
    if (value !== undefined) flat.set(name, value.toString())
  }
  add('monthly', limits.monthly)
  add('annual', limits.annual)
  add('increase.monthly', limits.increaseMonthly)
  add('increase.percent', limits.increasePercent)
  add('warn-at', limits.warnAt)
  for (const [name, workload] of Object.entries(limits.workloads)) {
    add(`workloads.${name}.monthly`, workload.monthly)
    add(`workloads.${name}.annual`, workload.annual)
  }
  return flat
}

/** Returns a note when the catalog's prices are older than STALE_CATALOG_DAYS on the run date. */
export function describeCatalogAge(
  asOf: string,
  runDate: string
): string | undefined {
  const days = (Date.parse(runDate) - Date.parse(asOf)) / 86_400_000
  if (!(days > STALE_CATALOG_DAYS)) return undefined
  return `The bundled prices were checked on ${asOf}, ${Math.floor(days)} days before this run, and may be out of date. Set current rates under models: in the usage file, pass a pricing-file (such as LiteLLM's model_prices_and_context_window.json), or update ai-budget.`
}

/** Combines the reports of all usage files into one run report with grand totals. */
export function buildReport(
  files: FileReport[],
  context: {
    runDate: string
    catalogAsOf: string
    baseLabel?: string
    noComparisonReason?: string
    gateOn?: 'expected' | 'high'
    /** The workflow's limits on the total of several files. */
    totalGate?: GateResult
  }
): Report {
  const priced = files.filter(f => f.head !== undefined)
  const totalOf = (pick: (p: Projection) => Fraction, side: 'base' | 'head') =>
    sum(
      priced.map(f => {
        const projection = side === 'head' ? f.head : f.base
        return projection ? pick(projection) : ZERO
      })
    )
  const delta = (pick: (p: Projection) => Fraction) =>
    compareFigures(totalOf(pick, 'base'), totalOf(pick, 'head'))
  const hasErrors = files.some(f => f.errors.length > 0)
  const failures = files.flatMap(f => (f.baseFailure ? [f.baseFailure] : []))
  const checked = worstStatus([
    ...files.flatMap(f => f.gate?.checks ?? []),
    ...(context.totalGate?.checks ?? [])
  ])
  // A base that could not be read, budgets taken from the head in its
  // place, or an edit of the price settings never pass as a clean result.
  const degraded = files.some(
    f =>
      f.baseState === 'unavailable' ||
      f.limitsWarning !== undefined ||
      f.priceSettingsChange !== undefined
  )
  const gateStatus =
    degraded && checked === 'pass' ? ('warn' as const) : checked
  const catalogNote = describeCatalogAge(context.catalogAsOf, context.runDate)
  return {
    result: hasErrors || failures.length > 0 ? 'error' : gateStatus,
    failures,
    files,
    compared: priced.length > 0 && priced.every(f => isCompared(f.baseState)),
    totals: priced.length
      ? {
          monthly: delta(p => p.monthly.expected),
          annual: delta(p => p.annual.expected),
          peak: delta(p => p.peak.expected)
        }
      : undefined,
    notes: catalogNote ? [catalogNote] : [],
    ...context
  }
}

/**
 * Turns every failed limit of a failed report into a warning that names the
 * override label approving it, and records the label on the report.
 */
export function approveFailures(report: Report, label: string): void {
  if (report.result !== 'fail') return
  for (const check of listChecks(report)) {
    if (check.status !== 'fail') continue
    check.status = 'warn'
    // The warning annotation then explains why the step passed.
    check.message = `${withoutApprovalHint(check.message)}, but the label ${label} approves it`
  }
  for (const gate of [...report.files.map(f => f.gate), report.totalGate]) {
    if (gate) gate.result = worstStatus(gate.checks)
  }
  report.result = 'warn'
  report.overriddenBy = label
}
