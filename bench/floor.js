// Measures what the Action's dependencies cost before it does any work: each
// one bundled alone by ncc, as dist/index.js bundles them, and started next to
// `node -e 0`. Also times the yaml library's parseDocument() in a fresh
// process, with its peak RSS, on the bench's 10,000-workload file, on the
// largest file that the size limit accepts and on one twice that size.
// Prints medians; asserts nothing.
import ncc from '@vercel/ncc'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  MAX_FILE_BYTES,
  WORKLOADS,
  writeLargeFile,
  writeLargestFile
} from './large-file.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 15)

// Each entry imports one dependency and uses it once, so the bundler keeps
// what a real import keeps.
const ENTRIES = {
  'empty ESM bundle': `process.stdout.write('')`,
  'fraction.js': `import Fraction from 'fraction.js'
process.stdout.write(new Fraction(1, 3).toString())`,
  zod: `import { z } from 'zod'
process.stdout.write(String(z.strictObject({ a: z.number() }).safeParse({ a: 1 }).success))`,
  yaml: `import { parseDocument } from 'yaml'
process.stdout.write(String(parseDocument('a: 1').toJS().a))`,
  '@actions/http-client': `import { HttpClient } from '@actions/http-client'
process.stdout.write(typeof new HttpClient('bench').get)`,
  '@actions/core': `import * as core from '@actions/core'
core.info('')`,
  'yaml + zod + fraction.js': `import Fraction from 'fraction.js'
import { parseDocument } from 'yaml'
import { z } from 'zod'
const a = parseDocument('a: 1').toJS().a
process.stdout.write(String(z.strictObject({ a: z.number() }).parse({ a }).a) + new Fraction(1, 3))`,
  'all four': `import * as core from '@actions/core'
import Fraction from 'fraction.js'
import { parseDocument } from 'yaml'
import { z } from 'zod'
const a = parseDocument('a: 1').toJS().a
core.info(String(z.strictObject({ a: z.number() }).parse({ a }).a) + new Fraction(1, 3))`
}

// The options of src/config/read-yaml.ts.
const PARSE_LARGE_FILE = `import { readFileSync } from 'node:fs'
import { LineCounter, parseDocument } from 'yaml'
const text = readFileSync(process.argv[2], 'utf8')
const start = performance.now()
parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true, merge: true, prettyErrors: false })
const milliseconds = performance.now() - start
process.stdout.write(\`\${milliseconds} \${process.resourceUsage().maxRSS / 1024}\`)`

// Inside the repository, so that the entries resolve its node_modules.
mkdirSync(path.join(ROOT, '.tmp'), { recursive: true })
const scratch = mkdtempSync(path.join(ROOT, '.tmp', 'floor-'))

/** Bundles an entry with ncc into its own directory and returns the bundle. */
async function bundle(name, source) {
  const directory = path.join(scratch, name.replace(/[^a-z0-9]+/gi, '-'))
  mkdirSync(directory)
  writeFileSync(path.join(directory, 'package.json'), '{"type":"module"}\n')
  const entry = path.join(directory, 'entry.js')
  writeFileSync(entry, `${source}\n`)
  const { code } = await ncc(entry, { quiet: true, sourceMapRegister: false })
  const output = path.join(directory, 'index.js')
  writeFileSync(output, code)
  return output
}

function run(args) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {
    env: { PATH: process.env.PATH },
    encoding: 'utf8'
  })
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`)
  }
  return { milliseconds, stdout: result.stdout }
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

try {
  const cases = [{ name: 'node -e 0', args: ['-e', '0'] }]
  for (const [name, source] of Object.entries(ENTRIES)) {
    cases.push({ name, args: [await bundle(name, source)] })
  }

  const samples = cases.map(() => [])
  for (let i = 0; i < RUNS; i++) {
    cases.forEach((c, index) => {
      samples[index]?.push(run(c.args).milliseconds)
    })
  }
  const bare = median(samples[0] ?? [])
  const cpu = cpus()
  console.log(
    `start-up, median of ${RUNS} runs, node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}`
  )
  cases.forEach((c, index) => {
    const ms = median(samples[index] ?? [])
    const extra = index === 0 ? '' : `  +${(ms - bare).toFixed(1)} ms`
    console.log(`${c.name.padEnd(26)} ${ms.toFixed(1).padStart(8)} ms${extra}`)
  })

  const parser = await bundle('parse large file', PARSE_LARGE_FILE)
  const largest = writeLargestFile(scratch)
  const double = writeLargestFile(scratch, 2 * MAX_FILE_BYTES)
  const files = [
    { name: `${WORKLOADS} workloads`, file: writeLargeFile(scratch) },
    {
      name: `${largest.workloads} workloads, ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
      file: largest.file
    },
    {
      name: `${double.workloads} workloads, ${(2 * MAX_FILE_BYTES) / 1024 / 1024} MiB`,
      file: double.file
    }
  ]
  const parseRuns = Math.max(3, Math.ceil(RUNS / 3))
  console.log(
    `\nyaml parseDocument() in a fresh process, median of ${parseRuns} runs:`
  )
  for (const { name, file } of files) {
    const parses = []
    for (let i = 0; i < parseRuns; i++) {
      const [milliseconds, rss] = run([parser, file]).stdout.split(' ')
      parses.push({ milliseconds: Number(milliseconds), rss: Number(rss) })
    }
    parses.sort((a, b) => a.milliseconds - b.milliseconds)
    const middle = parses[Math.floor(parses.length / 2)]
    console.log(
      `${name.padEnd(30)} ${middle?.milliseconds.toFixed(1).padStart(8)} ms, peak RSS ${middle?.rss.toFixed(1)} MiB`
    )
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
