import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * Builds `pull_request` event payloads from the community-contributed
 * examples of `@octokit/webhooks-examples`, rewritten to name the stand-in's
 * repository, pull request and commits.
 */

type JsonObject = Record<string, unknown>

/** The pull request a payload describes. */
export interface PullRequestFields {
  owner: string
  repo: string
  number: number
  headSha: string
  baseSha: string
  headRef: string
  baseRef: string
  /** REST API root written into the `url` fields. */
  apiUrl: string
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readObject(parent: JsonObject, key: string): JsonObject {
  const value = parent[key]
  if (!isObject(value)) throw new Error(`example has no object at ${key}`)
  return value
}

function findExample(action: 'opened' | 'synchronize'): JsonObject {
  const require = createRequire(import.meta.url)
  const file =
    require.resolve('@octokit/webhooks-examples/api.github.com/index.json')
  const definitions: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(definitions)) throw new Error(`${file} is not a list`)

  const definition: unknown = definitions.find(
    item => isObject(item) && item['name'] === 'pull_request'
  )
  const examples = isObject(definition) ? definition['examples'] : undefined
  if (!Array.isArray(examples)) throw new Error('no pull_request examples')

  const example: unknown = examples.find(
    item => isObject(item) && item['action'] === action
  )
  if (!isObject(example)) throw new Error(`no pull_request ${action} example`)
  return example
}

/** Replaces every occurrence of each key by its value in all strings. */
function replaceStrings(
  value: unknown,
  replacements: [string | RegExp, string][]
): unknown {
  if (typeof value === 'string') {
    return replacements.reduce(
      (text, [from, to]) => text.replaceAll(from, to),
      value
    )
  }
  if (Array.isArray(value)) {
    return value.map(item => replaceStrings(item, replacements))
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        replaceStrings(item, replacements)
      ])
    )
  }
  return value
}

/** Builds a `pull_request` event payload of the given action. */
export function buildPullRequestEvent(
  action: 'opened' | 'synchronize',
  fields: PullRequestFields
): JsonObject {
  const example = findExample(action)
  const pull = readObject(example, 'pull_request')
  const oldHead = readObject(pull, 'head')
  const oldBase = readObject(pull, 'base')
  const oldRepository = readObject(example, 'repository')
  const oldFullName = String(oldRepository['full_name'])
  const [oldOwner = '', oldRepo = ''] = oldFullName.split('/')
  const oldNumber = String(example['number'])

  // Most fields embed the names in URLs, so the rewrite goes through every
  // string before the few typed fields are set directly.
  const event = replaceStrings(example, [
    ['https://api.github.com', fields.apiUrl.replace(/\/+$/, '')],
    [String(oldHead['sha']), fields.headSha],
    [String(oldBase['sha']), fields.baseSha],
    [oldFullName, `${fields.owner}/${fields.repo}`],
    [
      new RegExp(`/(pulls|pull|issues)/${oldNumber}\\b`, 'g'),
      `/$1/${fields.number}`
    ],
    [new RegExp(`\\b${oldOwner}\\b`, 'g'), fields.owner],
    [new RegExp(`\\b${oldRepo}\\b`, 'g'), fields.repo]
  ]) as JsonObject

  event['number'] = fields.number
  const newPull = readObject(event, 'pull_request')
  newPull['number'] = fields.number
  setBranch(
    readObject(newPull, 'head'),
    fields.owner,
    fields.headRef,
    fields.headSha
  )
  setBranch(
    readObject(newPull, 'base'),
    fields.owner,
    fields.baseRef,
    fields.baseSha
  )
  if (action === 'synchronize') {
    event['after'] = fields.headSha
  }
  return event
}

function setBranch(
  branch: JsonObject,
  owner: string,
  ref: string,
  sha: string
): void {
  branch['ref'] = ref
  branch['sha'] = sha
  branch['label'] = `${owner}:${ref}`
}

/**
 * Builds the REST `GET /repos/{owner}/{repo}/pulls/{pull_number}` body, which
 * is the webhook's `pull_request` object plus `auto_merge`, which the REST
 * schema requires and this example lacks.
 */
export function buildPullRequestResponse(
  fields: PullRequestFields
): JsonObject {
  const pull = readObject(
    buildPullRequestEvent('opened', fields),
    'pull_request'
  )
  return { auto_merge: null, ...pull }
}

/**
 * Returns a copy of the first example payload of an event from
 * `@octokit/webhooks-examples`, with `patch` applied on top.
 */
export function loadWebhookExample(
  name: string,
  patch: JsonObject = {}
): JsonObject {
  const require = createRequire(import.meta.url)
  const file =
    require.resolve('@octokit/webhooks-examples/api.github.com/index.json')
  const definitions: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(definitions)) throw new Error(`${file} is not a list`)
  const definition: unknown = definitions.find(
    item => isObject(item) && item['name'] === name
  )
  const examples = isObject(definition) ? definition['examples'] : undefined
  const example: unknown = Array.isArray(examples) ? examples[0] : undefined
  if (!isObject(example)) throw new Error(`no ${name} example`)
  return { ...structuredClone<JsonObject>(example), ...patch }
}
