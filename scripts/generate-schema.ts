/**
 * Writes the JSON Schema of `ai-usage.yml` to schema/ai-usage.schema.json.
 * With `--check` it writes nothing and exits 1 when the committed file
 * differs from a fresh generation.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { SCHEMA_PATH, generateUsageSchema } from './usage-schema.js'

async function main(): Promise<number> {
  const fresh = generateUsageSchema()
  if (!process.argv.includes('--check')) {
    await writeFile(SCHEMA_PATH, fresh)
    return 0
  }
  const committed = await readFile(SCHEMA_PATH, 'utf8').catch(() => '')
  if (committed === fresh) return 0
  process.stderr.write(
    `${SCHEMA_PATH} is out of date with src/config/schema.ts: run npm run schema and commit the result.\n`
  )
  return 1
}

process.exitCode = await main()
