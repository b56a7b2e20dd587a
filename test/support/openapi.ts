import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * Checks response bodies against GitHub's published OpenAPI description
 * (`@octokit/openapi`, api.github.com, dereferenced), so the stand-in cannot
 * drift into responses that GitHub would never send.
 */

type JsonObject = Record<string, unknown>

// ajv-formats is CommonJS, so under NodeNext its default export is the module.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

let description: JsonObject | undefined

/** Parses the 70 MB description once per module instance, that is per test file. */
function loadDescription(): JsonObject {
  if (description === undefined) {
    const require = createRequire(import.meta.url)
    const file =
      require.resolve('@octokit/openapi/generated/api.github.com.deref.json')
    description = JSON.parse(readFileSync(file, 'utf8')) as JsonObject
  }
  return description
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Rewrites OpenAPI 3.0's `nullable: true` as JSON Schema, because Ajv only
 * accepts `nullable` next to `type` and the description often puts it next to
 * `oneOf` or `allOf`.
 */
function convertNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convertNullable)
  if (!isObject(schema)) return schema

  const converted: JsonObject = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue
    converted[key] = convertNullable(value)
  }
  if (schema['nullable'] !== true) return converted

  if (
    typeof converted['type'] === 'string' &&
    converted['enum'] === undefined
  ) {
    converted['type'] = [converted['type'], 'null']
    return converted
  }
  return { anyOf: [converted, { type: 'null' }] }
}

/** Response body validator for the operations of one description. */
export class ResponseValidator {
  private readonly ajv: Ajv
  private readonly compiled = new Map<string, ValidateFunction | null>()

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(this.ajv)
  }

  /**
   * Validates `body` against the JSON schema of `method template` for
   * `status`, returning one message per mismatch. A status the operation
   * does not document is itself a mismatch unless `allowUndocumented` is set.
   */
  validate(
    method: string,
    template: string,
    status: number,
    body: unknown,
    allowUndocumented = false
  ): string[] {
    const key = `${method.toLowerCase()} ${template} ${status}`
    let validator = this.compiled.get(key)
    if (validator === undefined) {
      const schema = findResponseSchema(method, template, status)
      validator = schema === undefined ? null : this.ajv.compile(schema)
      this.compiled.set(key, validator)
    }

    if (validator === null) {
      if (allowUndocumented) return []
      return [`${key}: status not documented with a JSON body`]
    }
    if (validator(body)) return []
    return (validator.errors ?? []).map(
      error =>
        `${key}: ${error.instancePath || '/'} ${error.message ?? 'invalid'} ` +
        JSON.stringify(error.params)
    )
  }
}

function findResponseSchema(
  method: string,
  template: string,
  status: number
): JsonObject | undefined {
  const paths = loadDescription()['paths']
  const path = isObject(paths) ? paths[template] : undefined
  const operation = isObject(path) ? path[method.toLowerCase()] : undefined
  const responses = isObject(operation) ? operation['responses'] : undefined
  const response = isObject(responses) ? responses[String(status)] : undefined
  const content = isObject(response) ? response['content'] : undefined
  const json = isObject(content) ? content['application/json'] : undefined
  const schema = isObject(json) ? json['schema'] : undefined
  return isObject(schema) ? (convertNullable(schema) as JsonObject) : undefined
}

let sharedValidator: ResponseValidator | undefined

/** Returns one validator per test file, so each schema compiles once. */
export function getResponseValidator(): ResponseValidator {
  sharedValidator ??= new ResponseValidator()
  return sharedValidator
}
