// The generated usage file of the benchmarks: 10,000 workloads over four
// catalog models, with varied token counts and daily volumes.
import { writeFileSync } from 'node:fs'
import path from 'node:path'

export const WORKLOADS = 10_000

/** Writes the file into a directory and returns its path. */
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
