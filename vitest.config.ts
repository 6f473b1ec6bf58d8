import { defineConfig } from 'vitest/config';

/** Backend and end-to-end tests. Designer component tests have their own config in designer/. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/designer/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    // CI also writes a JSON report; .ci/run prints its closing summary from it.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.tmp/vitest-report.json' } : undefined,
  },
});
