import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { SCHEMA_PATH } from '../scripts/usage-schema.js'
import { parseUsageFile } from '../src/config/parse.js'
import { loadCatalog } from '../src/pricing/catalog.js'
import { loadPricingFile } from '../src/pricing/pricing-file.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const DOCS = readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md'))
const ACTION = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}

interface CodeBlock {
  file: string
  language: string
  text: string
}

function codeBlocks(file: string): CodeBlock[] {
  const markdown = readFileSync(path.join(ROOT, file), 'utf8')
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(match => ({
    file,
    language: match[1] ?? '',
    text: match[2] ?? ''
  }))
}

const BLOCKS = ['README.md', ...DOCS.map(f => `docs/${f}`)].flatMap(codeBlocks)

/** Steps of a workflow that use this Action, with their inputs. */
function actionSteps(workflow: unknown): Record<string, unknown>[] {
  const jobs = (workflow as { jobs?: Record<string, { steps?: unknown[] }> })
    .jobs
  return Object.values(jobs ?? {})
    .flatMap(job => job.steps ?? [])
    .filter(
      (step): step is { uses: string; with?: Record<string, unknown> } =>
        typeof (step as { uses?: unknown }).uses === 'string' &&
        (step as { uses: string }).uses.includes('ai-budget@')
    )
    .map(step => step.with ?? {})
}

const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(path.join(ROOT, SCHEMA_PATH), 'utf8')) as object
)

describe('documentation examples', () => {
  const yamlBlocks = BLOCKS.filter(b => b.language === 'yaml')

  it.each(yamlBlocks.map(b => [b.file, b.text.split('\n')[0], b]))(
    'YAML in %s parses: %s',
    (_file, _first, block) => {
      const documents = parseAllDocuments(block.text)
      const errors = (Array.isArray(documents) ? documents : [documents])
        .flatMap(document => document.errors)
        .map(error => error.message)
      expect(errors).toEqual([])
    }
  )

  // A block with a top-level workloads key reads as a whole usage file, so
  // a reader can copy it as ai-usage.yml. Fragments such as a budgets:
  // section only have to parse.
  const complete = yamlBlocks.filter(b => {
    const data: unknown = parse(b.text, { merge: true })
    return typeof data === 'object' && data !== null && 'workloads' in data
  })

  it('has usage files to check', () => {
    expect(complete.length).toBeGreaterThanOrEqual(3)
  })

  it.each(complete.map(b => [b.file, b.text.split('\n')[0], b]))(
    'usage file in %s is valid: %s',
    (_file, _first, block) => {
      expect(() => parseUsageFile(block.text, 'ai-usage.yml')).not.toThrow()
      const valid = validateSchema(parse(block.text, { merge: true }))
      expect(validateSchema.errors ?? []).toEqual([])
      expect(valid).toBe(true)
    }
  )

  // Workflows that run this Action; a follow-up workflow that only posts a
  // comment has no step to check.
  const workflows = BLOCKS.filter(
    b =>
      b.language === 'yaml' &&
      /^jobs:/m.test(b.text) &&
      /uses: [\w./-]*ai-budget@/.test(b.text)
  )

  it('has workflows to check', () => {
    expect(workflows.length).toBeGreaterThan(4)
  })

  it.each(workflows.map(b => [b.file, b]))(
    'workflow in %s uses declared inputs',
    (_file, block) => {
      const steps = actionSteps(parse(block.text))
      expect(steps.length).toBeGreaterThan(0)
      for (const inputs of steps) {
        for (const name of Object.keys(inputs)) {
          expect(ACTION.inputs, `input ${name}`).toHaveProperty(name)
        }
      }
    }
  )

  const pricingFiles = BLOCKS.filter(
    b => b.language === 'json' && b.text.includes('"prices"')
  )

  it.each(pricingFiles.map(b => [b.file, b]))(
    'pricing file in %s loads',
    (_file, block) => {
      const loaded = loadPricingFile(loadCatalog(), block.text, 'prices.json')
      expect(loaded.warnings).toEqual([])
      // The example changes one catalog model and adds one.
      expect(loaded.summary.updated).toBe(1)
      expect(loaded.summary.added).toBe(1)
    }
  )

  it('links only to pages that exist', () => {
    const missing: string[] = []
    for (const file of ['README.md', ...DOCS.map(f => `docs/${f}`)]) {
      const markdown = readFileSync(path.join(ROOT, file), 'utf8')
      for (const match of markdown.matchAll(/\]\(([^)#:]+\.md)(#[^)]*)?\)/g)) {
        const target = path.join(path.dirname(file), match[1] ?? '')
        if (
          !readdirSync(path.join(ROOT, path.dirname(target))).includes(
            path.basename(target)
          )
        ) {
          missing.push(`${file} -> ${target}`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})

describe('action outputs', () => {
  const main = readFileSync(path.join(ROOT, 'src/main.ts'), 'utf8')
  const set = [...main.matchAll(/setOutput\(\s*'([\w-]+)'/g)].map(m => m[1])
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const table = readme.slice(
    readme.indexOf('## Action outputs'),
    readme.indexOf('## Events')
  )

  it('declares every output the Action sets', () => {
    expect(set.length).toBeGreaterThan(10)
    for (const name of set) {
      expect(ACTION.outputs, `output ${name}`).toHaveProperty(name ?? '')
    }
  })

  it('documents every declared output in the README', () => {
    for (const name of Object.keys(ACTION.outputs)) {
      expect(table, `output ${name}`).toContain(`\`${name}\``)
    }
  })
})
