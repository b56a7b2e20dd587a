import { z } from 'zod'
import { EXTENSION_KEY_PREFIX } from '../src/config/parse.js'
import { usageFileSchema } from '../src/config/schema.js'

/** Path of the committed JSON Schema, relative to the repository root. */
export const SCHEMA_PATH = 'schema/ai-usage.schema.json'

/** Public address of the committed schema, for editors and `$schema` modelines. */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/ai-budget/ai-budget/main/schema/ai-usage.schema.json'

/** Generates the JSON Schema of `ai-usage.yml` from the zod schema, as text ending in a newline. */
export function generateUsageSchema(): string {
  // `io: 'input'` describes what a user writes, before zod applies defaults.
  // Refinements that compare values or keys (one of model or routes, shares
  // that add up to 100%, known profile names) have no JSON Schema form, so
  // only the CLI and the Action check them.
  const generated = z.toJSONSchema(usageFileSchema, { io: 'input' })
  const schema = {
    $schema: generated.$schema,
    $id: SCHEMA_URL,
    title: 'ai-budget usage file (ai-usage.yml), version 1',
    description:
      'LLM workloads, prices and budgets that ai-budget projects into a monthly and annual API bill. Prices are USD per 1,000,000 tokens.',
    ...generated,
    // The parser drops top-level keys that start with x- before the zod
    // schema sees the file, so that shared anchors can live there.
    patternProperties: { [`^${EXTENSION_KEY_PREFIX}`]: {} }
  }
  return `${JSON.stringify(schema, null, 2)}\n`
}
