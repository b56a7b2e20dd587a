import * as core from '@actions/core'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  analyzeFile,
  analyzeRemovedFile,
  approveFailures,
  buildReport,
  type AnalyzeOptions,
  type BaseSource
} from './analyze.js'
import { buildAnnotations } from './annotations.js'
import { formatIssue, type ConfigIssue } from './config/types.js'
import { ZERO, formatCentsPlain, toFixedHalfUp } from './cost/money.js'
import { readEventTarget, type EventTarget } from './event.js'
import type { GitHubClient } from './github/client.js'
import {
  describeFailure,
  GitHubApiError,
  RefNotFoundError
} from './github/errors.js'
import { composeStickyBody } from './github/sticky-body.js'
import {
  InputError,
  readApiTimings,
  readInputs,
  type ActionInputs
} from './inputs.js'
import { loadCatalog } from './pricing/catalog.js'
import {
  loadBasePricing,
  type BasePricing,
  type BasePricingSource
} from './pricing/base-pricing.js'
import {
  describePricing,
  loadPricingFile,
  PricingFileError,
  type LoadedPricing
} from './pricing/pricing-file.js'
import type { Catalog } from './pricing/types.js'
import { toJsonReport } from './render/json.js'
import {
  MAX_COMMENT_CHARS,
  MAX_SUMMARY_BYTES,
  renderMarkdown,
  renderMarkdownWithCut,
  type RenderedMarkdown,
  type RenderOptions
} from './render/markdown.js'
import { listChecks, type FileReport, type Report } from './report.js'
import { checkTotalLimits } from './total-limits.js'
import {
  finishTimings,
  startTimings,
  timed,
  timedAsync,
  timingsRequested
} from './timings.js'
import { findUsageFiles, isGlobInput, type UsageFile } from './usage-files.js'
import type { PullFile } from './github/files.js'

const DEFAULT_API_URL = 'https://api.github.com'
const NO_TOKEN =
  'the github-token input is empty; pass a token with contents: read and pull-requests: write'

/** The GitHub API client with the functions that use it. */
interface GitHub {
  client: GitHubClient
  findMergeBase: typeof import('./github/files.js').findMergeBase
  findPreviousPath: typeof import('./github/files.js').findPreviousPath
  listPullRequestFiles: typeof import('./github/files.js').listPullRequestFiles
  readPullRequestLabels: typeof import('./github/files.js').readPullRequestLabels
  readRepoFile: typeof import('./github/files.js').readRepoFile
  upsertStickyComment: typeof import('./github/comment.js').upsertStickyComment
}

/**
 * Loads the GitHub layer when the run needs the API. Octokit is most of the
 * bundle, so a scheduled run, which needs no API, starts faster without it.
 * Returns undefined without a token: then only what needs the API fails.
 */
async function connectGitHub(
  inputs: ActionInputs,
  target: EventTarget
): Promise<GitHub | undefined> {
  const needed =
    target.base.kind !== 'none' ||
    target.pullNumber !== undefined ||
    inputs.baseRef !== undefined
  if (!needed || !inputs.token) return undefined
  const [client, files, comment] = await Promise.all([
    import('./github/client.js'),
    import('./github/files.js'),
    import('./github/comment.js')
  ])
  return {
    client: client.createGitHubClient({
      token: inputs.token,
      baseUrl: process.env.GITHUB_API_URL || DEFAULT_API_URL,
      ...readApiTimings(process.env)
    }),
    findMergeBase: files.findMergeBase,
    findPreviousPath: files.findPreviousPath,
    listPullRequestFiles: files.listPullRequestFiles,
    readPullRequestLabels: files.readPullRequestLabels,
    readRepoFile: files.readRepoFile,
    upsertStickyComment: comment.upsertStickyComment
  }
}

/** The base commit of the comparison, or why there is none. */
type BaseCommit =
  /** `input`: the commit is the base-ref input, which names a ref that may not exist. */
  | { kind: 'commit'; sha: string; label: string; input?: boolean }
  | { kind: 'none'; reason: string }
  | { kind: 'unavailable'; reason: string }

/** Runs the Action: price head and base, report, comment and gate. */
export async function run(): Promise<void> {
  let summary = ''
  if (timingsRequested(process.env)) startTimings()
  try {
    const inputs = readInputs()
    if (inputs.token) core.setSecret(inputs.token)
    const target = readEventTarget(process.env)
    if (target.notice) core.notice(target.notice)
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
    const github = await connectGitHub(inputs, target)
    let baseCommit = await core.group('Find the base', () =>
      findBaseCommit(github, target, inputs)
    )
    core.info(describeBase(baseCommit))

    const prices = await core.group('Load prices', () =>
      timedAsync('load prices', () =>
        loadPrices(
          { github, target, baseCommit, workspace },
          inputs.pricingFile,
          inputs.budgetSource
        )
      )
    )
    const catalog = prices.catalog

    const pullFiles = await listPullFilesForGlob(github, target, inputs.config)
    const usage = await findUsageFiles(inputs.config, workspace, pullFiles)
    core.info(`Usage files: ${usage.files.map(describeUsageFile).join(', ')}`)

    const runDate = new Date().toISOString().slice(0, 10)
    // Over several files the workflow's limits bound their total, so that a
    // pull request cannot escape them by adding or splitting files.
    const several = usage.files.length > 1
    const gateOptions = { failOn: inputs.failOn, gateOn: inputs.gateOn }
    const options: AnalyzeOptions = {
      catalog,
      basePrices: prices.base,
      ...(prices.loaded ? { pricingFile: prices.loaded } : {}),
      runDate,
      budgetSource: inputs.budgetSource,
      overrides: several ? {} : inputs.overrides,
      gate: gateOptions
    }
    const fileReports: FileReport[] = []
    for (const file of usage.files) {
      const fileReport = await core.group(`Price ${file.path}`, async () => {
        const rename: KnownRename | undefined = pullFiles && {
          previousPath: file.previousPath
        }
        const readBase = async (): Promise<BaseSource> => {
          try {
            return await timedAsync('read base file', () =>
              readBaseFile(github, target, baseCommit, file.path, rename)
            )
          } catch (error) {
            if (!(error instanceof PushBaseGoneError)) throw error
            // Every later file, and the report, go without a comparison.
            baseCommit = { kind: 'none', reason: error.reason }
            core.notice(`No comparison: ${error.reason}.`)
            return { state: 'none' }
          }
        }
        // A file that the pull request deletes has only a base.
        if (file.removed) {
          return analyzeRemovedFile(file.path, await readBase(), options)
        }
        if (file.unmatched) {
          const headText = await readHeadFromApi(github, target, file.path)
          if (headText !== undefined) {
            return analyzeFile(file.path, headText, await readBase(), options)
          }
          const base = await readBase()
          if (base.state === 'missing' || base.state === 'none') {
            throw new Error(
              describeUnlistedFile(file.path, base.state, target, baseCommit)
            )
          }
          core.info(`${file.path} is only at the base, so it is removed`)
          return analyzeRemovedFile(file.path, base, options)
        }
        let headText: string
        try {
          headText = await timedAsync('read usage file', () =>
            readHeadFile(github, target, workspace, file.path)
          )
        } catch (error) {
          if (!(error instanceof HeadFileMissingError)) throw error
          // The head commit read through the API lacks the file, so a
          // change that deletes it is reported as a removal.
          const base = await readBase()
          if (base.state === 'missing' || base.state === 'none') throw error
          core.info(`${file.path} is only at the base, so it is removed`)
          return analyzeRemovedFile(file.path, base, options)
        }
        return analyzeFile(file.path, headText, await readBase(), options)
      })
      fileReports.push(fileReport)
    }
    const report = buildReport(fileReports, {
      runDate,
      catalogAsOf: catalog.asOf,
      baseLabel: baseCommit.kind === 'commit' ? baseCommit.label : undefined,
      noComparisonReason:
        baseCommit.kind === 'commit' ? undefined : baseCommit.reason,
      gateOn: inputs.gateOn,
      totalGate: several
        ? checkTotalLimits(fileReports, inputs.overrides, gateOptions)
        : undefined
    })
    if ('note' in prices.base && prices.base.note) {
      report.notes.unshift(prices.base.note)
    }
    report.notes.push(...usage.notes)
    // Pricing-file warnings were logged with their lines when loaded.
    for (const note of report.notes) core.warning(note)
    report.notes.push(...prices.notes)
    await applyOverrideLabel(report, inputs.overrideLabel, github, target)
    logTotals(report)
    annotate(report)

    const marker = stickyMarker(inputs)
    const summaryOptions: RenderOptions = {
      maxChars: Number.POSITIVE_INFINITY,
      maxBytes: MAX_SUMMARY_BYTES,
      chart: inputs.chart,
      key: inputs.key,
      fullReportHint: JSON_REPORT_HINT
    }
    // A comment that cuts rows points at the summary only if the summary
    // has them all, so the summary is rendered then, and used again below
    // unless posting the comment changes the report.
    let summaryDraft: RenderedMarkdown | undefined
    const body = timed('render comment', () =>
      renderMarkdown(report, {
        // Room for the hidden commit tag that goes in before the marker.
        maxChars: MAX_COMMENT_CHARS - 100,
        marker,
        chart: inputs.chart,
        key: inputs.key,
        fullReportHint: () => {
          summaryDraft = renderMarkdownWithCut(report, summaryOptions)
          return describeFullReport(summaryDraft.cut)
        }
      })
    )
    try {
      await core.group('Comment', () =>
        postComment(github, target, inputs, report, body, marker)
      )
    } catch (error) {
      // The figures stand, but the step fails, so the summary must not
      // show a passing verdict.
      report.failures.push(
        `The pull request comment could not be written: ${describeError(error)}`
      )
      report.result = 'error'
      summaryDraft = undefined
    }

    const draft = summaryDraft
    summary = draft
      ? draft.text
      : timed('render summary', () => renderMarkdown(report, summaryOptions))
    const reportPath = await timedAsync('write JSON report', () =>
      writeJsonReport(report)
    )
    setOutputs(
      report,
      reportPath,
      composeStickyBody(body, marker, target.headSha)
    )
    failOnResult(report)
  } catch (error) {
    const message = describeError(error)
    if (error instanceof PricingFileError) {
      for (const issue of error.issues) {
        core.error(formatIssue(issue), issueAnnotation(issue))
      }
    }
    core.setOutput('result', 'fail')
    core.setFailed(message)
    // A report rendered before the error may show a passing verdict, so
    // it is replaced.
    summary = `### ❌ ai-budget could not run\n\n${message}\n`
  } finally {
    await timedAsync('write summary', () => writeSummary(summary))
    logTimings()
  }
}

/** Logs the phase timings when AI_BUDGET_TIMINGS is set. */
function logTimings(): void {
  const lines = finishTimings()
  if (lines.length === 0) return
  core.startGroup('Timings')
  for (const line of lines) core.info(line)
  core.endGroup()
}

/**
 * The pointer to the rows cut from a long job summary. The JSON report is
 * in RUNNER_TEMP, which is deleted when the job ends, so only an upload
 * keeps it.
 */
const JSON_REPORT_HINT =
  'The JSON report at the report-path output has every row; upload it with actions/upload-artifact to keep it after the job.'

/**
 * Names where the rows cut from the comment can be read: the job summary,
 * linked to the run when the runner names it, or the JSON report when the
 * summary has to cut rows too.
 */
function describeFullReport(summaryCut: boolean): string {
  if (summaryCut) return JSON_REPORT_HINT
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env
  if (GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID) {
    const url = `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
    return `The [job summary](${url}) of this run has every row.`
  }
  return 'The job summary of this run has every row.'
}

/**
 * Lists the files that the pull request changes when `config` is a glob, so
 * that usage files the pull request adds or deletes are matched too.
 * Returns undefined on other events, for a plain path, or without a token.
 */
async function listPullFilesForGlob(
  github: GitHub | undefined,
  target: EventTarget,
  config: string
): Promise<PullFile[] | undefined> {
  if (!github || target.pullNumber === undefined || !isGlobInput(config)) {
    return undefined
  }
  try {
    return await github.listPullRequestFiles(github.client, {
      owner: target.owner,
      repo: target.repo,
      pullNumber: target.pullNumber
    })
  } catch (error) {
    // Without the list, a usage file that only the pull request adds could
    // be missed, and with it the spend it adds.
    throw new Error(
      `The usage files of the config glob cannot be found: ${describeError(error)}`
    )
  }
}

function describeUsageFile(file: UsageFile): string {
  if (file.removed) return `${file.path} (removed)`
  if (file.unmatched) return `${file.path} (not in the workspace)`
  return file.previousPath
    ? `${file.path} (renamed from ${file.previousPath})`
    : file.path
}

/** Sources that the reads of one run use: the API, the event, the base commit and the workspace. */
interface ReadContext {
  github: GitHub | undefined
  target: EventTarget
  baseCommit: BaseCommit
  workspace: string
}

/** The catalogs of a run: the head's, with its pricing file, and the base's. */
interface Prices {
  catalog: Catalog
  base: BasePricing
  /** The head's pricing file, when the run has one. */
  loaded?: LoadedPricing
  /** Pricing-file warnings, formatted for the report. */
  notes: string[]
}

/**
 * Loads the bundled catalog and merges the pricing-file input into it, once
 * as the head has the file and once as the base does, so that a pull
 * request that edits the file is priced against the base's prices.
 */
async function loadPrices(
  context: ReadContext,
  pricingFile: string | undefined,
  budgetSource: 'base' | 'head'
): Promise<Prices> {
  const bundled = loadCatalog()
  if (!pricingFile) {
    return { catalog: bundled, base: { catalog: bundled }, notes: [] }
  }
  const head = await readHeadPricing(context, pricingFile)
  const loaded = loadPricingFile(bundled, head.text, pricingFile)
  core.info(describePricing(pricingFile, loaded))
  for (const warning of loaded.warnings) {
    core.warning(formatIssue(warning), issueAnnotation(warning))
  }
  const source = await readBasePricing(context, pricingFile, head)
  if (source.state === 'shared') {
    core.info(
      `The pricing file ${pricingFile} prices base and head alike: ${source.reason}.`
    )
  }
  return {
    catalog: loaded.catalog,
    loaded,
    base: loadBasePricing(
      bundled,
      { text: head.text, loaded },
      source,
      pricingFile,
      budgetSource
    ),
    notes: loaded.warnings.map(formatIssue)
  }
}

/** The head's version of the pricing file. */
interface HeadPricing {
  text: string
  /** Path in the repository; unset for a file outside the workspace. */
  repoPath?: string
}

/**
 * Reads the head's pricing file from the workspace. Under
 * pull_request_target the workspace contains the base branch, so the file
 * is read through the API at the head commit, and from the workspace only
 * when the head commit does not have it (a file the workflow made).
 */
async function readHeadPricing(
  { github, target, workspace }: ReadContext,
  file: string
): Promise<HeadPricing> {
  const fullPath = path.resolve(workspace, file)
  const relative = path.relative(workspace, fullPath)
  const inside =
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  const repoPath = inside ? relative.split(path.sep).join('/') : undefined
  if (target.headFromApi && target.headSha && github && repoPath) {
    const text = await github.readRepoFile(github.client, {
      owner: target.owner,
      repo: target.repo,
      path: repoPath,
      ref: target.headSha
    })
    if (text !== undefined) return { text, repoPath }
  }
  let text: string
  try {
    text = await readFile(fullPath, 'utf8')
  } catch (error) {
    if (!isNotFound(error)) throw error
    throw new Error(
      `The pricing-file ${file} was not found in ${workspace}. Check out the repository before this step, or correct the path.`
    )
  }
  return repoPath ? { text, repoPath } : { text }
}

/**
 * Reads the base's pricing file at the base commit. A file absent there but
 * present at the head commit is new in the change. A file absent from both,
 * or outside the workspace, is not versioned, so it prices both sides alike.
 */
async function readBasePricing(
  { github, target, baseCommit }: ReadContext,
  file: string,
  head: HeadPricing
): Promise<BasePricingSource> {
  if (baseCommit.kind !== 'commit') {
    return { state: 'shared', reason: 'there is no base to compare with' }
  }
  if (!head.repoPath) {
    return { state: 'shared', reason: 'it is outside the workspace' }
  }
  if (!github) return { state: 'unavailable', reason: NO_TOKEN }
  const read = (ref: string) =>
    github.readRepoFile(github.client, {
      owner: target.owner,
      repo: target.repo,
      path: head.repoPath ?? file,
      ref
    })
  try {
    const text = await read(baseCommit.sha)
    if (text !== undefined) return { state: 'found', text }
    if (!target.headSha) {
      return {
        state: 'shared',
        reason:
          'it is not at the base, and without a head commit it cannot be told apart from a file the workflow made'
      }
    }
    if ((await read(target.headSha)) !== undefined) return { state: 'missing' }
    return {
      state: 'shared',
      reason:
        'it is in neither the base nor the head commit, so the workflow made it'
    }
  } catch (error) {
    return {
      state: 'unavailable',
      reason: describeError(error)
    }
  }
}

async function findBaseCommit(
  github: GitHub | undefined,
  target: EventTarget,
  inputs: ActionInputs
): Promise<BaseCommit> {
  if (inputs.baseRef) {
    return {
      kind: 'commit',
      sha: inputs.baseRef,
      label: inputs.baseRef,
      input: true
    }
  }
  const base = target.base
  if (base.kind === 'none') return base
  if (base.kind === 'commit') return base
  if (!github) return { kind: 'unavailable', reason: NO_TOKEN }
  try {
    const sha = await github.findMergeBase(github.client, {
      owner: target.owner,
      repo: target.repo,
      base: base.base,
      head: base.head
    })
    return { kind: 'commit', sha, label: `the merge base ${sha.slice(0, 7)}` }
  } catch (error) {
    return {
      kind: 'unavailable',
      reason: `the merge base could not be found: ${describeError(error)}`
    }
  }
}

function describeBase(base: BaseCommit): string {
  if (base.kind === 'commit') return `Comparing with ${base.label}`
  return `No comparison: ${base.reason}`
}

async function readHeadFile(
  github: GitHub | undefined,
  target: EventTarget,
  workspace: string,
  file: string
): Promise<string> {
  if (target.headFromApi && target.headSha) {
    const text = await readHeadFromApi(github, target, file)
    if (text === undefined) {
      throw new HeadFileMissingError(
        `${file} was not found at ${describeHead(target)}. Set the config input to the path of the usage file.`
      )
    }
    return text
  }
  const fullPath = path.resolve(workspace, file)
  try {
    return await readFile(fullPath, 'utf8')
  } catch (error) {
    if (isNotFound(error)) {
      throw new Error(
        `${file} was not found in ${workspace}. Check out the repository with actions/checkout before this step, or set the config input to the path of the usage file.`
      )
    }
    throw error
  }
}

/** Raised when the head commit, read through the API, does not have a usage file. */
class HeadFileMissingError extends Error {
  override name = 'HeadFileMissingError'
}

/**
 * Raised when the commit before a push no longer exists, as after a force
 * push that rewrote the branch. The run then checks budgets only.
 */
class PushBaseGoneError extends Error {
  override name = 'PushBaseGoneError'
  readonly reason: string

  constructor(sha: string) {
    const reason = `the previous commit ${sha.slice(0, 7)} no longer exists, as after a force push, so only budgets are checked`
    super(reason)
    this.reason = reason
  }
}

/**
 * Reads a usage file at the pull request's head commit through the API, or
 * returns undefined when the head does not have it or the event's head is
 * the workspace. Under pull_request the workspace contains the merge commit
 * that actions/checkout makes, which also has the base branch's later
 * changes, and under pull_request_target it contains the base branch.
 * Nothing from the pull request is run.
 */
async function readHeadFromApi(
  github: GitHub | undefined,
  target: EventTarget,
  file: string
): Promise<string | undefined> {
  if (!target.headFromApi || !target.headSha) return undefined
  const head = describeHead(target)
  if (!github) {
    throw new Error(`${file} cannot be read at ${head}: ${NO_TOKEN}.`)
  }
  try {
    return await github.readRepoFile(github.client, {
      owner: target.owner,
      repo: target.repo,
      path: file,
      ref: target.headSha
    })
  } catch (error) {
    throw new Error(
      `${file} could not be read at ${head}: ${describeError(error)}`
    )
  }
}

function describeHead(target: EventTarget): string {
  return `the pull request head ${target.headSha?.slice(0, 7) ?? ''}`
}

/**
 * Describes a plain path of the config input that no version has, so that
 * a mistyped or stale line is an error rather than a file left out.
 */
function describeUnlistedFile(
  file: string,
  baseState: 'missing' | 'none',
  target: EventTarget,
  baseCommit: BaseCommit
): string {
  const head =
    target.headFromApi && target.headSha
      ? describeHead(target)
      : 'the workspace'
  const fix =
    'Correct the path or remove the line from the config input, and check out the repository with actions/checkout before this step.'
  if (baseState === 'none' || baseCommit.kind !== 'commit') {
    return `The config input lists ${file}, which is not in ${head}. ${fix}`
  }
  return `The config input lists ${file}, which is neither in ${head} nor at ${baseCommit.label}. ${fix}`
}

/**
 * A file's old path as the pull request files API listed it: `previousPath`
 * is set for a rename and unset when the file kept its path.
 */
interface KnownRename {
  previousPath?: string
}

async function readBaseFile(
  github: GitHub | undefined,
  target: EventTarget,
  base: BaseCommit,
  file: string,
  rename?: KnownRename
): Promise<BaseSource> {
  if (base.kind === 'none') return { state: 'none' }
  if (base.kind === 'unavailable')
    return { state: 'unavailable', reason: base.reason }
  if (!github) return { state: 'unavailable', reason: NO_TOKEN }
  try {
    const read = (path: string) =>
      github.readRepoFile(github.client, {
        owner: target.owner,
        repo: target.repo,
        path,
        ref: base.sha
      })
    const text = await read(file)
    if (text !== undefined) return { state: 'found', text }
    if (target.pullNumber === undefined) return { state: 'missing' }

    // A file that the pull request renames is compared with its old path.
    const previous = rename
      ? rename.previousPath
      : await github.findPreviousPath(github.client, {
          owner: target.owner,
          repo: target.repo,
          pullNumber: target.pullNumber,
          path: file
        })
    const renamed = previous === undefined ? undefined : await read(previous)
    if (renamed === undefined) return { state: 'missing' }
    core.info(`${file} was ${previous} at the base`)
    return { state: 'found', text: renamed, renamedFrom: previous }
  } catch (error) {
    if (error instanceof RefNotFoundError && base.input) {
      throw new InputError(
        `Input base-ref is invalid: "${base.sha}". ${capitalize(error.message)} in ${target.owner}/${target.repo}. Set base-ref to an existing branch, tag or commit SHA, or leave it empty to compare with the merge base.`
      )
    }
    if (error instanceof RefNotFoundError && target.name === 'push') {
      throw new PushBaseGoneError(base.sha)
    }
    if (error instanceof RefNotFoundError) {
      return {
        state: 'unavailable',
        reason: `the base commit ${base.sha.slice(0, 7)} does not exist in ${target.owner}/${target.repo}`
      }
    }
    return { state: 'unavailable', reason: describeError(error) }
  }
}

/**
 * Turns failed limits into warnings when the pull request carries the
 * override label. The labels are read through the API, because the event
 * payload lists those of the triggering event, and a re-run after adding the
 * label should see it. Names match case-insensitively, as GitHub's do.
 */
async function applyOverrideLabel(
  report: Report,
  label: string | undefined,
  github: GitHub | undefined,
  target: EventTarget
): Promise<void> {
  if (!label || report.result !== 'fail') return
  const labels = await readCurrentLabels(github, target)
  const key = label.toLowerCase()
  const found = labels.find(name => name.toLowerCase() === key)
  if (found !== undefined) approveFailures(report, found)
}

async function readCurrentLabels(
  github: GitHub | undefined,
  target: EventTarget
): Promise<string[]> {
  if (github === undefined || target.pullNumber === undefined) {
    return target.labels
  }
  try {
    return await github.readPullRequestLabels(github.client, {
      owner: target.owner,
      repo: target.repo,
      pullNumber: target.pullNumber
    })
  } catch (error) {
    core.warning(
      `The pull request's current labels could not be read, so the labels of the event are used: ${describeError(error)}`
    )
    return target.labels
  }
}

function logTotals(report: Report): void {
  const totals = report.totals
  if (!totals) return
  const { monthly, annual } = totals
  const change = report.compared
    ? `${formatCentsPlain(monthly.base)} -> ${formatCentsPlain(monthly.head)} USD (change ${formatCentsPlain(monthly.delta)})`
    : `${formatCentsPlain(monthly.head)} USD (not compared)`
  core.info(
    `Monthly cost ${change}, annual ${formatCentsPlain(annual.head)} USD, result ${report.result}`
  )
}

function issueAnnotation(issue: ConfigIssue) {
  return {
    title: 'ai-budget',
    file: issue.file,
    startLine: issue.line,
    startColumn: issue.column
  }
}

/**
 * Writes the run's annotations: errors, warnings, limits and changed
 * workloads on their lines of the usage files, where the diff shows them.
 */
function annotate(report: Report): void {
  for (const annotation of buildAnnotations(report)) {
    const { level, message, ...properties } = annotation
    if (level === 'error') core.error(message, properties)
    else if (level === 'warning') core.warning(message, properties)
    else core.notice(message, properties)
  }
}

/** Returns the hidden marker that identifies this configuration's sticky comment. */
export function stickyMarker(
  inputs: Pick<ActionInputs, 'config' | 'key'>
): string {
  const key = inputs.key ? ` key=${encodeURIComponent(inputs.key)}` : ''
  return `<!-- ai-budget config=${encodeURIComponent(inputs.config)}${key} -->`
}

async function writeJsonReport(report: Report): Promise<string> {
  const directory = path.join(
    process.env.RUNNER_TEMP ?? process.cwd(),
    'ai-budget'
  )
  await mkdir(directory, { recursive: true })
  const file = path.join(directory, 'report.json')
  await writeFile(file, `${JSON.stringify(toJsonReport(report), null, 2)}\n`)
  return file
}

function setOutputs(report: Report, reportPath: string, body: string): void {
  const totals = report.totals
  if (totals) {
    const head = report.files.find(f => f.head)?.head
    core.setOutput('monthly-cost', formatCentsPlain(totals.monthly.head))
    core.setOutput('annual-cost', formatCentsPlain(totals.annual.head))
    core.setOutput(
      'peak-month-cost',
      formatCentsPlain(head ? totals.peak.head : totals.monthly.head)
    )
    // Without a base there is no change to report, and 0.00 would read as one.
    const compared = report.compared
    const base = formatCentsPlain(totals.monthly.base)
    const percent = totals.monthly.percent
    core.setOutput('base-monthly-cost', compared ? base : '')
    core.setOutput(
      'monthly-delta',
      compared ? formatCentsPlain(totals.monthly.delta) : ''
    )
    // A percent next to a base that reads 0.00 would look like a wrong sum.
    core.setOutput(
      'monthly-delta-percent',
      compared && percent !== undefined && base !== '0.00'
        ? toFixedHalfUp(percent.mul(100), 2)
        : ''
    )
  }
  core.setOutput('compared', String(report.compared))
  const overBudget = listChecks(report).some(
    c => c.kind === 'budget' && c.figure.compare(c.limitValue) > 0
  )
  core.setOutput('over-budget', String(overBudget))
  core.setOutput('result', report.result === 'error' ? 'fail' : report.result)
  core.setOutput('report-path', reportPath)
  core.setOutput('comment-body', body)
}

async function postComment(
  github: GitHub | undefined,
  target: EventTarget,
  inputs: ActionInputs,
  report: Report,
  body: string,
  marker: string
): Promise<void> {
  if (inputs.comment === 'off' || target.pullNumber === undefined) {
    core.info(
      target.pullNumber === undefined
        ? 'No pull request, so no comment.'
        : 'Comments are off.'
    )
    return
  }
  if (!github) {
    core.warning(`The pull request comment was skipped: ${NO_TOKEN}.`)
    return
  }
  // An invalid usage file is reported by annotations and the failed step; an
  // existing comment is updated so it does not show stale figures, but no new
  // one is posted.
  const invalid = report.files.some(f => f.errors.length > 0)
  const createIfMissing =
    !invalid && (inputs.commentWhen === 'always' || costChanged(report))
  const result = await github.upsertStickyComment(github.client, {
    owner: target.owner,
    repo: target.repo,
    issueNumber: target.pullNumber,
    marker,
    body,
    mode: inputs.comment,
    createIfMissing,
    headSha: target.headSha
  })
  if (result.skipCause === 'not-requested') {
    core.info(
      invalid
        ? 'The usage file is invalid, so no new comment was created.'
        : 'Neither the cost nor the price settings changed, and comment-when is "changed", so no comment was created.'
    )
    return
  }
  if (result.skipCause === 'newer-head') {
    core.info(`The comment was left as it is: ${result.reason ?? ''}`)
    return
  }
  if (result.action === 'skipped') {
    core.warning(
      `The pull request comment was skipped: ${result.reason ?? 'no reason given'}`
    )
    return
  }
  core.info(`Comment ${result.action}${result.url ? `: ${result.url}` : ''}`)
  if (result.url) core.setOutput('comment-url', result.url)
}

/**
 * Returns whether any workload's monthly or annual cost moved, or the
 * change edits price settings, for `comment-when: changed`. A workload that
 * changes its model at the same cost does not count, and neither does a
 * file that was not compared.
 */
function costChanged(report: Report): boolean {
  return report.files.some(
    file =>
      file.priceSettingsChange !== undefined ||
      file.diff?.workloads.some(
        w => !w.monthly.delta.equals(ZERO) || !w.annual.delta.equals(ZERO)
      )
  )
}

/** Fails the step with the root cause first: an invalid file, then what stopped the check, then exceeded limits. */
function failOnResult(report: Report): void {
  if (report.result !== 'error' && report.result !== 'fail') return
  const lines: string[] = []
  const count = report.files.reduce((n, f) => n + f.errors.length, 0)
  const invalid = report.files.filter(f => f.errors.length > 0).length
  const first = report.files.flatMap(f => f.errors)[0]
  const subject =
    report.files.length === 1
      ? 'The usage file is invalid'
      : `${invalid} of ${report.files.length} usage files are invalid`
  if (first) {
    lines.push(
      `${subject} (${count} error${count === 1 ? '' : 's'}). ${formatIssue(first)}`
    )
  }
  lines.push(...report.failures)
  for (const gate of [...report.files.map(f => f.gate), report.totalGate]) {
    const exceeded = gate?.checks.filter(c => c.status === 'fail') ?? []
    lines.push(...exceeded.map(c => `${capitalize(c.message)}.`))
    // Every failure of a gate names the same mover, so it is logged once.
    const mover = exceeded.find(c => c.mover)?.mover
    if (mover) lines.push(`${capitalize(mover)}.`)
  }
  core.setFailed(lines.join('\n'))
}

async function writeSummary(markdown: string): Promise<void> {
  if (!markdown || !process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`The job summary could not be written: ${errorMessage(error)}`)
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Describes an error for a message; a failed API request also gets its remedy. */
function describeError(error: unknown): string {
  return error instanceof GitHubApiError
    ? describeFailure(error)
    : errorMessage(error)
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}
