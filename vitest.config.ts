import { defineConfig } from 'vitest/config';

// package.json's `imports` (#transport, #bytes...) resolve to src/ under this condition, to dist/ otherwise.
const sourceConditions = ['adqlkit-source', 'node', 'import', 'module', 'default'];

/** The modules a browser gets for package.json's `imports` (vite adds the `node` condition itself on Node). */
const browserPlatform = Object.entries({
  '#transport': 'src/platform/transport-web.ts',
  '#bytes': 'src/platform/bytes-web.ts',
  '#host': 'src/platform/host-web.ts',
  '#chevrotain': 'src/platform/chevrotain-web.ts',
  '#schema-store': 'src/schema/store-browser.ts',
  '#tap-client': 'src/schema/tap-client-static.ts',
}).map(([find, file]) => ({ find, replacement: new URL(file, import.meta.url).pathname }));

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
        test: {
          name: 'tap-client-on-local-engine',
          include: ['test/tap/live.test.ts', 'test/tap/live-files.test.ts'],
          globalSetup: ['test/support/local-engine-setup.ts'],
        },
      },
      {
        // The VOTable reader and writer on the browser's bytes (a Uint8Array with the Buffer methods
        // they call), in Node: the suites that give their input as data, not as a file path.
        extends: true,
        resolve: { alias: browserPlatform },
        test: {
          name: 'votable-on-browser-bytes',
          include: [
            'chunking',
            'types',
            'writer',
            'errors',
            'readme',
            'tap-results',
            'display-float32',
            'live',
            'binary-bulk',
            'to-array',
          ].map((f) => `test/votable/${f}.test.ts`),
        },
      },
    ],
  },
});
