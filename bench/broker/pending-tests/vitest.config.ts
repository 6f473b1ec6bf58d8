import { defineConfig } from 'vitest/config';

/** Runs the pending broker tests in this folder (they are outside the main suite on purpose). */
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
