/**
 * Runs a TypeScript compiler's command line on a throwaway project, for type tests that must hold
 * under each compiler a user may have: 5.9 (the project's own) and 7.x (what `npm install typescript`
 * gives since 2026; a devDependency alias, `typescript7`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Compiler {
  name: string;
  tsc: string;
}

export const COMPILERS: Compiler[] = [
  { name: 'TypeScript 5.9', tsc: path.join(repo, 'node_modules/typescript/bin/tsc') },
  { name: 'TypeScript 7', tsc: path.join(repo, 'node_modules/typescript7/bin/tsc') },
];

export function installed(compiler: Compiler): boolean {
  return existsSync(compiler.tsc);
}

export interface CompilerError {
  file: string;
  line: number;
  /** The whole error, continuation lines included (overload details). */
  text: string;
}

/**
 * Type-checks `files` (absolute paths) with the repository's compiler settings (its sources are
 * compiled too; what a user's project needs is test/newcomer's question).
 */
export async function typecheck(compiler: Compiler, files: string[]): Promise<CompilerError[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'adqlkit-tsc-'));
  const config = {
    extends: path.join(repo, 'tsconfig.json'),
    // The files live outside the repository: its rootDir cannot hold them, and its types are found in its node_modules.
    compilerOptions: { noEmit: true, incremental: false, rootDir: '/', typeRoots: [path.join(repo, 'node_modules/@types')] },
    files,
    include: [],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const run = promisify(execFile);
  let output: string;
  try {
    // tsc prints paths relative to its working directory: run it in dir, where they are resolved.
    output = (await run(process.execPath, [compiler.tsc, '-p', dir, '--pretty', 'false'], { cwd: dir, maxBuffer: 1 << 24 })).stdout;
  } catch (err) {
    const e = err as { stdout?: string; code?: number };
    if (typeof e.stdout !== 'string' || e.code === undefined) throw err;
    output = e.stdout;
  }
  const errors: CompilerError[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.+?)\((\d+),\d+\): error TS\d+: /.exec(line);
    if (m) errors.push({ file: path.resolve(dir, m[1]!), line: Number(m[2]), text: line });
    else if (line.trim() !== '' && errors.length > 0) errors[errors.length - 1]!.text += `\n${line}`;
  }
  return errors;
}
