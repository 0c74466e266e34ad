import { defineConfig } from 'vitest/config';

export default defineConfig({
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
