import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs two projects: the engine/app/e2e tests (Node) and the designer's component
 * tests (jsdom, designer/vitest.config.ts).
 */
export default defineConfig({
  test: {
    // CI also writes a JSON report; .ci/run prints its closing summary from it.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.tmp/vitest-report.json' } : undefined,
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'engine',
          include: ['test/**/*.test.ts'],
          exclude: ['test/designer/**', 'node_modules/**'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      './designer/vitest.config.ts',
    ],
  },
});
