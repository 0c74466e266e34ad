/**
 * README.md's TypeScript blocks, run as written against the built package (`import ... from
 * 'adqlkit'` resolves to dist/ through the package's own exports). Each `// → text` comment is output
 * the block must print, in order (as part of a line). Blocks that use the local DaCHS URL run only
 * when a live service answers; ADQLKIT_TAP_URL replaces that URL. Blocks that read ../shared run only
 * when it is there. dist/ must be current: `npm test`
 * builds it first (run `npm run build` before running this file alone).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './cli/support/build.js';
import { TAP_URL, liveServiceProblem } from './support/dachs.js';

const README_URL = 'http://127.0.0.1:8080/tap';
const run = promisify(execFile);

interface Block {
  line: number;
  code: string;
  expected: string[];
  live: boolean;
  /** Reads ../shared (the shared corpora beside the repository). */
  shared: boolean;
}

function readmeBlocks(): Block[] {
  const text = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const blocks: Block[] = [];
  for (const m of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const code = m[1] ?? '';
    const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((e) => (e[1] ?? '').trim());
    const line = text.slice(0, m.index).split('\n').length;
    blocks.push({ line, code, expected, live: code.includes(README_URL), shared: code.includes('../shared/') });
  }
  return blocks;
}

/** Where each expected text is found in the output, in order; -1 for the first one missing. */
function missingExpectation(stdout: string, expected: string[]): string | undefined {
  const lines = stdout.split('\n');
  let at = 0;
  for (const want of expected) {
    const found = lines.findIndex((l, i) => i >= at && l.includes(want));
    if (found < 0) return want;
    at = found + 1;
  }
  return undefined;
}

const blocks = readmeBlocks();
const liveProblem = await liveServiceProblem();
const sharedProblem = existsSync(path.join(repoRoot, '../shared')) ? undefined : `${path.join(repoRoot, '../shared')} is absent`;
const outDir = path.join(repoRoot, '.readme-examples');

describe('README TypeScript blocks', () => {
  it('has blocks to run', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  for (const block of blocks) {
    const title = `block at README.md:${block.line}${block.live ? ' (live DaCHS)' : ''}`;
    it(title, { timeout: 120_000 }, async (ctx) => {
      if (block.live && liveProblem !== undefined) {
        console.warn(`[skipped] ${title}: ${liveProblem}`);
        ctx.skip();
      }
      if (block.shared && sharedProblem !== undefined) {
        console.warn(`[skipped] ${title}: ${sharedProblem}`);
        ctx.skip();
      }
      await ensureBuilt();
      mkdirSync(outDir, { recursive: true });
      const file = path.join(outDir, `block-${block.line}.ts`);
      writeFileSync(file, block.code.replaceAll(README_URL, TAP_URL));
      const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
      const { stdout } = await run(tsx, [file], { cwd: repoRoot, timeout: 110_000, maxBuffer: 16 << 20 }).catch(
        (err: Error & { stdout?: string; stderr?: string }) => {
          throw new Error(`${title} failed: ${err.message}\n${err.stderr ?? ''}`);
        },
      );
      const missing = missingExpectation(stdout, block.expected);
      expect(missing, `${title} did not print "${missing}" (in order); it printed:\n${stdout}`).toBeUndefined();
    });
  }
});
