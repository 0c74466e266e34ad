/** Runs `adql` in process (no build needed) with captured output, no config file and a clean environment. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/run.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function adql(args: string[], env: NodeJS.ProcessEnv = {}): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    env: { ADQLKIT_SERVICE: '', ADQLKIT_REGISTRY: '', ADQLKIT_CONFIG: '', NO_COLOR: '1', ...env },
    cwd: mkdtempSync(path.join(tmpdir(), 'adql-cli-')),
    readStdin: async () => '',
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
