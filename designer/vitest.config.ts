import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Component tests of the designer (jsdom). Run: npx vitest run --config designer/vitest.config.ts */
export default defineConfig({
  root: repoRoot,
  plugins: [vue()],
  test: {
    name: 'designer',
    dir: repoRoot,
    include: ['test/designer/**/*.test.ts'],
    environment: 'jsdom',
    css: false,
    testTimeout: 30_000,
    maxWorkers: 2,
    server: { deps: { inline: [/bpmn-js/, /diagram-js/, /@bpmn-io/, /@camunda/, /bpmnlint/, /zeebe-bpmn-moddle/] } },
  },
});
