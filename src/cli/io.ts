/**
 * Reading query inputs and writing outputs, with one-line errors. One convention in every command:
 * an argument is ADQL text, `-` for stdin, or a path that exists (a file, or a directory of .adql
 * files); `--file FILE` (`-f`) always names a file.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliContext } from './command.js';
import { InputError, UsageError } from './errors.js';

export interface InputText {
  /** Name for messages: the path as given, `<stdin>`, or `<argument>` for ADQL given as text. */
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

/** An argument that is ADQL rather than a file name: it has a space, or starts as a query does. */
function looksLikeAdql(arg: string): boolean {
  return /\s/.test(arg.trim()) || /^\s*(select|with)\b/i.test(arg);
}

/**
 * Every input of a command: the arguments (ADQL text, `-` for stdin, or existing paths; a
 * directory means its .adql files) and the `--file` values (files, or `-`). Stdin at most once;
 * at least one input.
 */
export async function readInputs(ctx: CliContext, positionals: string[], command: string, files: string[] = []): Promise<InputText[]> {
  if (positionals.length + files.length === 0) {
    throw new UsageError(
      'no input given',
      `pass ADQL in quotes, .adql files (or --file FILE), or - to read stdin (see "adql ${command} --help")`,
    );
  }
  if ([...positionals, ...files].filter((p) => p === '-').length > 1) throw new UsageError('- (stdin) given more than once');
  const out: InputText[] = [];
  const readPath = async (p: string) => {
    const abs = path.resolve(ctx.cwd, p);
    if (
      await stat(abs).then(
        (s) => s.isDirectory(),
        () => false,
      )
    ) {
      const found = await adqlFilesUnder(abs, p);
      if (found.length === 0) throw new InputError(`no .adql files under ${p}`, 'give files, or a directory that holds .adql files');
      for (const f of found) out.push({ file: f, absPath: path.resolve(ctx.cwd, f), text: await readTextFile(ctx, f) });
    } else out.push({ file: p, absPath: abs, text: await readTextFile(ctx, p) });
  };
  for (const p of positionals) {
    if (p === '-') out.push({ file: '<stdin>', text: await ctx.readStdin() });
    else if (
      await stat(path.resolve(ctx.cwd, p)).then(
        () => true,
        () => false,
      )
    )
      await readPath(p);
    else if (looksLikeAdql(p)) out.push({ file: '<argument>', text: p });
    else throw new InputError(`cannot read ${p} (no such file)`, 'give an existing file, ADQL text in quotes, or - for stdin');
  }
  for (const f of files) {
    if (f === '-') out.push({ file: '<stdin>', text: await ctx.readStdin() });
    else await readPath(f);
  }
  return out;
}

/** The one query of `adql query` / `adql partition`: an argument or `--file` (same convention as readInputs). */
export async function readOneQuery(ctx: CliContext, positionals: string[], file: string | undefined, command: string): Promise<InputText> {
  if (file !== undefined && positionals.length > 0) throw new UsageError('give the query as an argument or with --file FILE, not both');
  if (file === undefined && positionals.length > 1) {
    throw new UsageError(
      'too many arguments: quote the whole query',
      `pass the ADQL as one quoted argument, a file, or --file FILE (see "adql ${command} --help")`,
    );
  }
  const inputs = await readInputs(ctx, positionals, command, file === undefined ? [] : [file]);
  if (inputs.length !== 1)
    throw new UsageError(`${positionals[0] ?? file} holds ${inputs.length} queries: "adql ${command}" runs one`, 'give one file');
  return inputs[0]!;
}

/**
 * `-f` is `--file` in every command; it used to be `--format` in parse and lint. A value that is an
 * output format and not a file gets a message saying so instead of "no such file".
 */
export async function rejectFormatAsFile(ctx: CliContext, files: string[], formats: readonly string[]): Promise<void> {
  for (const f of files) {
    if (
      !formats.includes(f) ||
      (await stat(path.resolve(ctx.cwd, f)).then(
        () => true,
        () => false,
      ))
    )
      continue;
    throw new UsageError(`-f is --file (an input file) in every command; "${f}" is an output format: write --format ${f}`);
  }
}

/** The values of a repeatable string option. */
export function listOption(values: Record<string, unknown>, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

export async function writeTextFile(ctx: CliContext, file: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path.resolve(ctx.cwd, file), content);
  } catch (err) {
    throw new InputError(
      `cannot write ${file} (${describeFsError(err as NodeJS.ErrnoException)})`,
      'check the directory exists and is writable',
    );
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
