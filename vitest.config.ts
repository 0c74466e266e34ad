import { defineConfig } from 'vitest/config';

// package.json's `imports` (#transport, #bytes...) resolve to src/ under this condition, to dist/ otherwise.
const sourceConditions = ['adqlkit-source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['node'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'adqlkit', include: ['test/**/*.test.ts'] } },
      {
        // The TAP client's integration suite once more, against adqlkit's embedded TAP service.
        extends: true,
        test: { name: 'tap-client-on-local-engine', include: ['test/tap/live.test.ts'], globalSetup: ['test/support/local-engine-setup.ts'] },
      },
    ],
  },
});
