// The generated usage files of the benchmarks. One has 10,000 workloads over
// four catalog models. The largest file that the size limit accepts mixes the
// settings of real files, and so do the base and head of a pull request that
// changes one workload in ten.
import { Buffer } from 'node:buffer'
import { writeFileSync } from 'node:fs'
import path from 'node:path'

export const WORKLOADS = 10_000

/** The size limit of a usage file, as MAX_FILE_BYTES in src/config/read-yaml.ts. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024

/** Writes the file of WORKLOADS workloads into a directory and returns its path. */
export function writeLargeFile(directory) {
  const models = ['gpt-5.4-nano', 'gpt-5.4-mini', 'claude-sonnet-4.6', 'o3']
  const lines = ['version: 1', 'workloads:']
  for (let i = 0; i < WORKLOADS; i++) {
    lines.push(
      `  - name: workload-${i}`,
      `    model: ${models[i % models.length]}`,
      `    tokens: { input: ${200 + (i % 50)}, output: ${50 + (i % 20)} }`,
      `    requests: { per-day: ${1000 + i} }`
    )
  }
  const file = path.join(directory, 'large.yml')
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

// Active catalog models of six providers. gemini-3.6-flash changes price on
// 2027-01-01, within the projected year of a run before then, and o3 and
// o4-mini are reasoning models with a default range.
const MODELS = [
  'gpt-5.4-nano',
  'gpt-5.4-mini',
  'gpt-5.4',
  'o3',
  'o4-mini',
  'claude-haiku-4.5',
  'claude-sonnet-4.6',
  'claude-opus-4.6',
  'gemini-3-flash',
  'gemini-3.6-flash',
  'gemini-3.1-pro',
  'mistral-small-4',
  'deepseek-v4-flash',
  'grok-4.1-fast'
]
const PROFILES = ['simple', 'medium', 'complex']
const UNITS = ['per-day', 'per-month', 'per-year']

/** The edits of a pull request, one list per changed workload in turn. */
const EDITS = [
  ['model'],
  ['tokens'],
  ['volume'],
  ['cache'],
  ['model', 'volume']
]

/**
 * Returns one workload as a flow mapping on one line. Most workloads name
 * one model; one in ten splits its requests over two routes. The others mix
 * profiles and token counts, growth, prompt caching, retries, the batch API
 * and reasoning settings. `edits`, one of EDITS, changes settings the way
 * a pull request would.
 */
function workloadLine(i, edits = []) {
  const edited = name => edits.includes(name)
  const model = MODELS[(i + (edited('model') ? 1 : 0)) % MODELS.length]
  const fields = [`name: job-${i}`]

  if (i % 10 === 9) {
    const second = MODELS[(i * 7 + 3) % MODELS.length]
    fields.push(
      `routes: [{ model: ${model}, share: 80% }, { model: ${second}, share: 20% }]`
    )
  } else {
    fields.push(`model: ${model}`)
  }

  const input = 300 + ((i * 37) % 4000)
  const output = 40 + ((i * 13) % 900)
  if (edited('tokens')) {
    fields.push(`tokens: { input: ${input + 150}, output: ${output + 20} }`)
  } else if (i % 3 === 0) {
    fields.push(`profile: ${PROFILES[Math.floor(i / 3) % PROFILES.length]}`)
  } else {
    fields.push(`tokens: { input: ${input}, output: ${output} }`)
  }

  const volume = 100 + ((i * 7919) % 50_000) + (edited('volume') ? 2500 : 0)
  const growth = i % 7 === 0 ? `, growth: ${1 + (i % 4)}%` : ''
  fields.push(`requests: { ${UNITS[i % UNITS.length]}: ${volume}${growth} }`)
  if (edited('cache')) fields.push(`cache: { read: ${35 + (i % 6) * 10}% }`)
  else if (i % 5 === 0) fields.push(`cache: { read: ${20 + (i % 6) * 10}% }`)
  if (i % 11 === 0) fields.push(`retries: ${1 + (i % 3)}%`)
  // DeepSeek, Mistral and xAI have no batch API in the catalog.
  if (i % 13 === 0 && !/^(deepseek|mistral|grok)/.test(model)) {
    fields.push('batch: 50%')
  }
  // The catalog's Mistral models do not reason.
  if (i % 17 === 0 && !model.startsWith('mistral')) {
    fields.push('reasoning: { multiplier: 3, range: [2, 6] }')
  }
  return `  - { ${fields.join(', ')} }`
}

const HEADER = [
  'version: 1',
  '',
  'discounts:',
  '  - { provider: openai, off: 10% }',
  '  - { model: claude-opus-4.6, off: 15% }',
  '',
  'workloads:'
]
const FOOTER = [
  '',
  'budgets:',
  '  monthly: 20000000',
  '  increase: { monthly: 10000000, percent: 25% }'
]

function byteLength(lines) {
  return Buffer.byteLength(`${lines.join('\n')}\n`, 'utf8')
}

/**
 * Writes the largest usage file that the size limit accepts: as many
 * workloads as fit in MAX_FILE_BYTES, or in `maxBytes` for a file of
 * another size. Returns its path and workload count.
 */
export function writeLargestFile(directory, maxBytes = MAX_FILE_BYTES) {
  const lines = [...HEADER]
  let bytes = byteLength([...HEADER, ...FOOTER])
  let count = 0
  for (;;) {
    const line = workloadLine(count)
    const added = Buffer.byteLength(line, 'utf8') + 1
    if (bytes + added > maxBytes) break
    lines.push(line)
    bytes += added
    count++
  }
  const file = path.join(directory, `largest-${maxBytes}.yml`)
  writeFileSync(file, `${[...lines, ...FOOTER].join('\n')}\n`)
  return { file, workloads: count }
}

/**
 * Writes the base and head of a pull request on a file of WORKLOADS
 * workloads. The head changes one workload in ten (its model, tokens,
 * volume, prompt caching, or model and volume at once), removes one
 * workload in a hundred and adds as many new ones.
 */
export function writePullRequestFiles(directory) {
  const base = [...HEADER]
  const head = [...HEADER]
  let changed = 0
  for (let i = 0; i < WORKLOADS; i++) {
    base.push(workloadLine(i))
    if (i % 100 === 50) {
      changed++
      continue
    }
    if (i % 10 === 3) {
      changed++
      head.push(workloadLine(i, EDITS[Math.floor(i / 10) % EDITS.length]))
    } else {
      head.push(workloadLine(i))
    }
  }
  for (let i = WORKLOADS; i < WORKLOADS + WORKLOADS / 100; i++) {
    head.push(workloadLine(i))
    changed++
  }
  const files = {
    base: path.join(directory, 'pull-request-base.yml'),
    head: path.join(directory, 'pull-request-head.yml'),
    changed
  }
  writeFileSync(files.base, `${[...base, ...FOOTER].join('\n')}\n`)
  writeFileSync(files.head, `${[...head, ...FOOTER].join('\n')}\n`)
  return files
}
