/**
 * `--upload NAME=FILE` checked and converted here, before anything is sent: TAP services take
 * VOTable uploads, so a CSV, TSV or JSON file is read by the local engine (which infers each
 * column's type) and sent as a VOTable; Parquet and Arrow IPC files are read with their own column
 * types (and a VOParquet file's FIELDs); a VOTable file must parse. Either way the table's
 * rows and column types are reported on stderr, so a wrong guess is seen before the query runs.
 */
import path from 'node:path';
import type { CliContext } from './command.js';
import { InputError, UsageError } from './errors.js';
import type { TapUploadSource } from '../tap/index.js';

const VOTABLE_EXTENSIONS = new Set(['.vot', '.votable', '.xml']);
const CONVERTED: Record<string, 'csv' | 'tsv' | 'json'> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
};
const COLUMNAR_EXTENSIONS = new Set(['.parquet', '.pq', '.arrow', '.feather', '.ipc', '.arrows']);

/** Parses NAME=FILE|URL specs into upload sources, converting and checking local files. */
export async function cliUploads(ctx: CliContext, specs: string[]): Promise<Record<string, TapUploadSource>> {
  const uploads: Record<string, TapUploadSource> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1)
      throw new UsageError(`--upload wants NAME=FILE or NAME=URL, got "${spec}"`, 'e.g. --upload mysources=sources.vot');
    const name = spec.slice(0, eq);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
      throw new UsageError(
        `upload name "${name}" is not a regular ADQL identifier`,
        'use letters, digits and _ (it is queried as TAP_UPLOAD.name)',
      );
    const source = spec.slice(eq + 1);
    uploads[name] = /^https?:\/\//i.test(source) ? { url: source } : await localUpload(ctx, name, source);
  }
  return uploads;
}

async function localUpload(ctx: CliContext, name: string, file: string): Promise<TapUploadSource> {
  const abs = path.resolve(ctx.cwd, file);
  const ext = path.extname(file.toLowerCase().replace(/\.gz$/, ''));
  const format = CONVERTED[ext];
  if (VOTABLE_EXTENSIONS.has(ext)) {
    const { readVOTableFile } = await import('../votable/index.js');
    let table;
    try {
      table = (await readVOTableFile(abs)).tables[0];
    } catch (err) {
      throw new InputError(
        `upload ${name}: ${file} is not a readable VOTable (${(err as Error).message})`,
        'fix the file, or give CSV, TSV, Parquet or JSON to have it converted',
      );
    }
    if (table === undefined) throw new InputError(`upload ${name}: ${file} holds no table`, 'a TAP upload is one VOTable table');
    report(
      ctx,
      name,
      `${file} (VOTable)`,
      table.rowCount,
      table.columns.map((c) => [c.name, c.datatype]),
    );
    return { file: abs };
  }
  if (COLUMNAR_EXTENSIONS.has(ext)) {
    const { readTableFile } = await import('../columnar/index.js');
    let table;
    try {
      table = (await readTableFile(abs)).tables[0]!;
    } catch (err) {
      throw new InputError(
        `upload ${name}: cannot read ${file} (${(err as Error).message})`,
        'give a Parquet or Arrow IPC file, or convert it to CSV or VOTable',
      );
    }
    report(
      ctx,
      name,
      `${file} (${ext === '.parquet' || ext === '.pq' ? 'PARQUET' : 'ARROW'}, converted to VOTable)`,
      table.rowCount,
      table.columns.map((c) => [c.name, c.datatype]),
    );
    return { table };
  }
  if (format === undefined) {
    throw new UsageError(
      `upload ${name}: cannot tell the format of ${file}`,
      'give a VOTable (.vot, .xml), CSV, TSV, Parquet, Arrow or JSON file, or an http(s) URL',
    );
  }
  const { LocalEngine, resultToVOTable } = await import('../engine/index.js');
  let engine;
  try {
    engine = await LocalEngine.create({ tables: [{ name: 'upload_table', file: abs, format }] });
  } catch (err) {
    throw new InputError(
      `upload ${name}: cannot read ${file} as ${format.toUpperCase()} (${(err as Error).message})`,
      'check the file (CSV and TSV need a header line)',
    );
  }
  try {
    const result = await engine.query('SELECT * FROM upload_table');
    report(
      ctx,
      name,
      `${file} (${format.toUpperCase()}, converted to VOTable)`,
      result.rows.length,
      result.columns.map((c) => [c.name, c.datatype]),
    );
    return { votable: await resultToVOTable(result) };
  } finally {
    await engine.close();
  }
}

function report(ctx: CliContext, name: string, what: string, rows: number, columns: Array<[string, string]>): void {
  const types = columns.map(([c, t]) => `${c} ${t}`).join(', ');
  ctx.stderr.write(`upload ${name}: ${what}, ${rows} row${rows === 1 ? '' : 's'}: ${types}\n`);
}
