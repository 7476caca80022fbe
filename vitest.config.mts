import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `server-only` throws unless resolved under React's `react-server` condition, which Next applies to
// server code; tests import server modules directly, so they get the package's own empty module.
const alias = {
  '@': fileURLToPath(new URL('.', import.meta.url)),
  'server-only': fileURLToPath(new URL('node_modules/server-only/empty.js', import.meta.url)),
};

// CI collects machine-readable results to print one closing count (see .ci/count.mjs).
const reporters = process.env.VITEST_JSON_DIR
  ? ['default', ['json', { outputFile: `${process.env.VITEST_JSON_DIR}/vitest-${process.env.REPORT_TAG ?? 'run'}-${process.pid}.json` }]]
  : ['default'];

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: reporters as never,
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One app server is shared; files run one after another so PGlite (one process) and the sandbox's fault knobs stay predictable.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: { name: 'bench', include: ['tests/bench/**/*.test.ts'], environment: 'node', testTimeout: 300_000 },
      },
    ],
  },
});
