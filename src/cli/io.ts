/** Reading query inputs (files or `-` for stdin) and writing outputs, with one-line errors. */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliContext } from './command.js';
import { InputError, UsageError } from './errors.js';

export interface InputText {
  /** Name for messages: the path as given, or `<stdin>`. */
  file: string;
  /** Absolute path, absent for stdin. */
  absPath?: string;
  text: string;
}

function describeFsError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
      return 'permission denied';
    default:
      return err.message;
  }
}

export async function readTextFile(ctx: CliContext, file: string, what = 'file'): Promise<string> {
  try {
    return await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${what} ${file} (${describeFsError(err as NodeJS.ErrnoException)})`, 'check the path');
  }
}

/** Every `.adql` file under a directory (sorted; node_modules and dot directories skipped). */
async function adqlFilesUnder(dir: string, shown: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = path.join(shown, entry.name);
    if (entry.isDirectory()) out.push(...(await adqlFilesUnder(path.join(dir, entry.name), child)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.adql')) out.push(child);
  }
  return out;
}

/** Reads every FILE argument (`-` is stdin, at most once; a directory means its .adql files). At least one is required. */
export async function readInputs(ctx: CliContext, positionals: string[], command: string): Promise<InputText[]> {
  if (positionals.length === 0) {
    throw new UsageError('no input given', `pass one or more .adql files, or - to read stdin (see "adql ${command} --help")`);
  }
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (stdin) given more than once');
  const out: InputText[] = [];
  for (const p of positionals) {
    if (p === '-') {
      out.push({ file: '<stdin>', text: await ctx.readStdin() });
      continue;
    }
    const abs = path.resolve(ctx.cwd, p);
    const isDir = await stat(abs).then((s) => s.isDirectory(), () => false);
    if (isDir) {
      const files = await adqlFilesUnder(abs, p);
      if (files.length === 0) throw new InputError(`no .adql files under ${p}`, 'give files, or a directory that holds .adql files');
      for (const f of files) out.push({ file: f, absPath: path.resolve(ctx.cwd, f), text: await readTextFile(ctx, f) });
    } else out.push({ file: p, absPath: abs, text: await readTextFile(ctx, p) });
  }
  return out;
}

export async function writeTextFile(ctx: CliContext, file: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path.resolve(ctx.cwd, file), content);
  } catch (err) {
    throw new InputError(`cannot write ${file} (${describeFsError(err as NodeJS.ErrnoException)})`, 'check the directory exists and is writable');
  }
}

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function intOption(values: Record<string, unknown>, name: string, min = 0): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${v}"`);
  return Number(v);
}

export function choiceOption<T extends string>(values: Record<string, unknown>, name: string, choices: readonly T[]): T | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${v}"`);
  }
  return v as T;
}
