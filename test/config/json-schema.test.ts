import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SCHEMA_PATH, generateUsageSchema } from '../../scripts/usage-schema.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const committed = readFileSync(path.join(ROOT, SCHEMA_PATH), 'utf8')
const ajv = new Ajv2020({ allErrors: true, strict: true })
const validate = ajv.compile(JSON.parse(committed) as object)

/** Every valid usage file in the repository, the README's examples aside. */
const VALID_FIXTURES = [
  ...readdirSync(path.join(ROOT, 'fixtures/valid')).map(f => `valid/${f}`),
  ...readdirSync(path.join(ROOT, 'fixtures/example')).map(f => `example/${f}`)
]

/**
 * Bad fixtures that the JSON Schema cannot reject, each with the reason. An
 * editor reads YAML 1.2 as plain data, so it sees neither source positions
 * nor number spellings, and JSON Schema cannot compare one value with another.
 */
const NOT_SHAPE_ERRORS: Record<string, string> = {
  'alias-cycle.yml': 'an x- key may hold anything, even an alias to itself',
  'budget-unknown-workload.yml': 'names a workload the file does not declare',
  'cache-over-100.yml': 'cache.read plus cache.write is above 100%',
  'duplicate-workload.yml': 'two workloads share a name',
  'hex-number.yml': 'YAML 1.2 reads 0x1F as the number 31',
  'leading-zero.yml': 'YAML 1.2 reads 0755 as the number 755',
  'model-and-routes.yml': 'one of model or routes is a refinement',
  'proto-keys.yml': '__proto__ is a valid JSON Schema property name',
  'shares-not-100.yml': 'route shares do not add up to 100%',
  'not-utf8.yml': 'a byte that is not UTF-8 reads as U+FFFD in a name',
  'two-volumes.yml': 'one of per-day, per-month, per-year is a refinement',
  'unknown-model.yml': 'names a model the catalog does not have',
  'unknown-profile.yml': 'names a profile the file does not declare'
}

/** Bad fixtures that no YAML parser turns into data, so no schema can check them. */
const NOT_YAML_DATA: Record<string, string> = {
  'alias-bomb.yml': 'expands aliases past the parser limit',
  'duplicate-key.yml': 'repeats a key in one mapping',
  'invalid-yaml.yml': 'is not valid YAML',
  'multiple-documents.yml': 'holds two YAML documents',
  'tab-indent.yml': 'indents with a tab',
  'unknown-alias.yml': 'uses an alias whose anchor is not defined'
}

function readFixture(name: string): unknown {
  // An editor's YAML language server reads YAML 1.2 with merge keys.
  return parse(readFileSync(path.join(ROOT, 'fixtures', name), 'utf8'), {
    merge: true
  })
}

describe('usage file JSON Schema', () => {
  it('matches a fresh generation', () => {
    expect(committed).toBe(generateUsageSchema())
  })

  it.each(VALID_FIXTURES)('accepts %s', name => {
    const valid = validate(readFixture(name))
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  const invalid = readdirSync(path.join(ROOT, 'fixtures/invalid'))
  const shapeErrors = invalid.filter(
    name => !(name in NOT_SHAPE_ERRORS) && !(name in NOT_YAML_DATA)
  )

  it.each(shapeErrors)('rejects invalid/%s', name => {
    expect(validate(readFixture(`invalid/${name}`))).toBe(false)
  })

  it.each(Object.keys(NOT_SHAPE_ERRORS))(
    'lets semantic error invalid/%s through',
    name => {
      // Listed here so that a schema which learns to reject one is noticed.
      expect(validate(readFixture(`invalid/${name}`))).toBe(true)
    }
  )

  it.each(Object.keys(NOT_YAML_DATA))('cannot read invalid/%s', name => {
    expect(() => readFixture(`invalid/${name}`)).toThrow()
  })

  it('lists only fixtures that exist', () => {
    const listed = [
      ...Object.keys(NOT_SHAPE_ERRORS),
      ...Object.keys(NOT_YAML_DATA)
    ]
    expect(listed.filter(name => !invalid.includes(name))).toEqual([])
  })

  it('accepts the README example', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const block =
      /```yaml\n((?:#[^\n]*\n)*version: 1\b[^\n]*\n[\s\S]*?)```/.exec(
        readme
      )?.[1]
    expect(block).toBeDefined()
    expect(validate(parse(block ?? ''))).toBe(true)
  })
})
