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
  },
});
