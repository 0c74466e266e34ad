/**
 * Tests spawn the built binaries (dist/src/cli/main.js, dist/src/lsp/main.js). This builds dist/
 * once when it is missing or older than the sources, under a lock so parallel test files (and
 * other developers' runs) do not compile at the same time. tsc still emits when another area's
 * work in progress has type errors, so only a missing output counts as a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI = path.join(repoRoot, 'dist/src/cli/main.js');
export const LSP = path.join(repoRoot, 'dist/src/lsp/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function stale(): boolean {
  if (!existsSync(CLI) || !existsSync(LSP)) return true;
  const built = Math.min(statSync(CLI).mtimeMs, statSync(LSP).mtimeMs);
  // `npm test` builds everything first; here only our own areas are watched, so a developer's run
  // picks up CLI/LSP/ESLint edits without recompiling on every change elsewhere.
  return ['src/cli', 'src/lsp', 'src/eslint'].some((d) => newestSource(path.join(repoRoot, d)) > built);
}

export async function ensureBuilt(): Promise<void> {
  if (!stale()) return;
  const lock = path.join(repoRoot, 'node_modules/.cache/adqlkit-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else builds: wait for them, then re-check. A lock older than 2 minutes is stale.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // it vanished: retry
      }
      if (Date.now() > deadline) throw new Error(`waited 2 minutes for the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (stale()) {
      try {
        execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
          cwd: repoRoot,
          stdio: 'pipe',
        });
      } catch (err) {
        // Type errors elsewhere still emit JavaScript; fail only if our entry points are missing.
        if (!existsSync(CLI) || !existsSync(LSP)) throw new Error(`build failed: ${String((err as { stdout?: Buffer }).stdout ?? err)}`);
      }
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
