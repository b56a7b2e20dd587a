import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The JSON results let .ci/run print a one-line summary of the run.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/test-results.json' }
  }
})
