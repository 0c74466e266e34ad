/** `adql hats`: write HATS catalogues (import), describe them (info, schema) and cross-match two (crossmatch). */
import type { CommandSpec } from '../command.js';
import { EXIT_OK, InputError, UsageError } from '../errors.js';
import { intOption, stringOption, writeTextFile } from '../io.js';
import type { CliContext } from '../command.js';
import { writeFileSync } from 'node:fs';
import { EngineError, LocalEngine, LocalQueryError, importHats, localResultFormatOf, serializeLocalResult } from '../../engine/index.js';
import { serializeSchemaFile } from '../../schema/index.js';
import { HatsError, openHats } from '../../hats/index.js';

export const hatsCommand: CommandSpec = {
  name: 'hats',
  summary: 'write a HATS catalogue from a table (import), describe one (info), its schema file (schema), cross-match two (crossmatch)',
  usage: [
    'hats import --ra COL --dec COL [--max-rows N] [--margin ARCSEC] [--name NAME] INPUT OUTPUT_DIR',
    'hats info DIR_OR_URL',
    'hats schema NAME=DIR_OR_URL... [--output FILE]',
    'hats crossmatch LEFT RIGHT --radius ARCSEC [--output FILE.parquet|.csv|.tsv|.vot]',
  ],
  description:
    'import partitions a table by HEALPix into a HATS catalogue (HATS v1.0: hats.properties, partition_info.csv,\n' +
    'dataset/Norder=k/Dir=d/Npix=n.parquet sorted by _healpix_29, _common_metadata). INPUT is a CSV, TSV, Parquet,\n' +
    'JSON or VOTable file (a saved TAP result too) or a directory of Parquet files (a partitioned run).\n' +
    'With --margin, OUTPUT_DIR is a collection: the catalogue NAME/ and its margin catalogue NAME_<ARCSEC>arcs/\n' +
    '(for each partition, the rows outside it within ARCSEC of its border).\n' +
    'Serve or query the result with `adql serve --hats NAME=OUTPUT_DIR`.\n' +
    "info prints a catalogue's type, positions, rows and partitions per order.\n" +
    'schema writes a schema file (as `adql schema save` does for a service) with the columns of HATS tables,\n' +
    'for `adql lint --schema FILE`, the language server and the ESLint rule.',
  options: {
    ra: { type: 'string', valueName: 'COL', description: 'right ascension column (degrees)' },
    dec: { type: 'string', valueName: 'COL', description: 'declination column (degrees)' },
    'max-rows': { type: 'string', valueName: 'N', description: 'most rows in one partition (default 1000000)' },
    margin: { type: 'string', valueName: 'ARCSEC', description: 'also write a margin catalogue this wide (arcseconds)' },
    name: { type: 'string', valueName: 'NAME', description: 'catalogue name (default: the output directory name)' },
    output: { type: 'string', short: 'o', valueName: 'FILE', description: 'schema, crossmatch: write to FILE instead of stdout' },
    radius: { type: 'string', valueName: 'ARCSEC', description: 'crossmatch: the pairing radius (arcseconds)' },
  },
  examples: [
    ['adql hats import --ra ra --dec dec stars.parquet stars_hats', 'partition a Parquet file into a HATS catalogue'],
    ['adql hats info stars_hats', 'show its partitions'],
    ['adql serve --hats mycat.stars=stars_hats', 'serve it as TAP'],
    ['adql hats schema mycat.stars=stars_hats -o stars.schema.json', 'a schema file for adql lint --schema'],
    ['adql hats crossmatch stars_hats gaia_hats --radius 1 -o pairs.parquet', 'pairs within 1 arcsec, as VOParquet'],
  ],
  async run(ctx, values, positionals) {
    const [action, ...rest] = positionals;
    if (action === 'import') {
      const ra = stringOption(values, 'ra');
      const dec = stringOption(values, 'dec');
      if (!ra || !dec) throw new UsageError('hats import needs --ra and --dec (the position columns)');
      if (rest.length !== 2) throw new UsageError('hats import needs INPUT and OUTPUT_DIR');
      const maxRows = intOption(values, 'max-rows', 1);
      const marginText = stringOption(values, 'margin');
      const margin = marginText === undefined ? undefined : Number(marginText);
      if (margin !== undefined && !(margin > 0))
        throw new UsageError(`--margin must be a positive number of arcseconds, got "${marginText}"`);
      const name = stringOption(values, 'name');
      const started = Date.now();
      try {
        const result = await importHats({
          input: rest[0]!,
          output: rest[1]!,
          ra,
          dec,
          ...(maxRows !== undefined ? { maxRows } : {}),
          ...(name ? { name } : {}),
          ...(margin !== undefined ? { marginArcsec: margin } : {}),
          progress: (line) => ctx.stderr.write(`${line}\n`),
        });
        const marginNote = result.margin ? `, margin ${result.margin.rows} rows` : '';
        ctx.stdout.write(
          `${result.output}: ${result.rows} rows in ${result.partitions.length} partitions${marginNote} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
        );
      } catch (err) {
        if (err instanceof EngineError) throw new InputError(err.message);
        throw err;
      }
      return EXIT_OK;
    }
    if (action === 'info') {
      if (rest.length !== 1) throw new UsageError('hats info needs one catalogue directory or URL');
      let catalog;
      try {
        catalog = await openHats(rest[0]!);
      } catch (err) {
        if (err instanceof HatsError) throw new InputError(err.message);
        throw err;
      }
      const p = catalog.properties;
      const byOrder = new Map<number, number>();
      for (const part of catalog.partitions) byOrder.set(part.order, (byOrder.get(part.order) ?? 0) + 1);
      const lines = [
        `catalogue: ${p.name || catalog.location} (${p.productType})`,
        `positions: ${p.raColumn || '-'}, ${p.decColumn || '-'}; pixel column ${p.healpixColumn} (order ${p.healpixOrder})`,
        `rows: ${p.rows ?? 'unknown'}`,
        `partitions: ${catalog.partitions.length}${[...byOrder].map(([o, n]) => `; order ${o}: ${n}`).join('')}`,
      ];
      if (p.marginThreshold !== undefined) lines.push(`margin: ${p.marginThreshold} arcsec`);
      if (catalog.margins.length) lines.push(`margin catalogues: ${catalog.margins.map((m) => m.name).join(', ')}`);
      ctx.stdout.write(`${lines.join('\n')}\n`);
      return EXIT_OK;
    }
    if (action === 'schema') {
      if (rest.length === 0) throw new UsageError('hats schema needs NAME=DIR_OR_URL specs, e.g. mycat.stars=stars_hats');
      const hats = rest.map((spec) => {
        const eq = spec.indexOf('=');
        if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`${spec}: expected NAME=DIR_OR_URL, e.g. mycat.stars=stars_hats`);
        return { name: spec.slice(0, eq), location: spec.slice(eq + 1) };
      });
      let engine;
      try {
        engine = await LocalEngine.create({ hats });
      } catch (err) {
        if (err instanceof EngineError) throw new InputError(err.message);
        throw err;
      }
      const tables = engine.listTables().filter((t) => t.schema?.toUpperCase() !== 'TAP_SCHEMA');
      await engine.close();
      const text = serializeSchemaFile({
        source: 'file',
        schemas: [...new Set(tables.flatMap((t) => (t.schema ? [t.schema] : [])))].map((name) => ({ name })),
        tables: tables.map((t) => ({
          name: t.schema ? `${t.schema}.${t.name}` : t.name,
          ...(t.schema ? { schema: t.schema } : {}),
          type: 'table',
          ...(t.description ? { description: t.description } : {}),
          columns: t.columns.map(({ principal: _p, indexed: _i, ...c }) => c),
        })),
        foreignKeys: [],
      });
      const file = stringOption(values, 'output');
      if (file) writeFileSync(file, text);
      else ctx.stdout.write(text);
      return EXIT_OK;
    }
    if (action === 'crossmatch') return crossmatch(ctx, values, rest);
    throw new UsageError(
      action
        ? `unknown hats action ${action}: use import, info, schema or crossmatch`
        : 'hats needs an action: import, info, schema or crossmatch',
    );
  },
};

/** `hats crossmatch LEFT RIGHT --radius ARCSEC`: the ADQL cross-match join of the two catalogues. */
async function crossmatch(ctx: CliContext, values: Record<string, unknown>, rest: string[]): Promise<number> {
  if (rest.length !== 2) throw new UsageError('hats crossmatch needs LEFT and RIGHT (catalogue directories)');
  const radiusText = stringOption(values, 'radius');
  const radius = Number(radiusText);
  if (radiusText === undefined || !(radius > 0))
    throw new UsageError(`hats crossmatch needs --radius, a positive number of arcseconds${radiusText ? ` (got "${radiusText}")` : ''}`);
  const out = stringOption(values, 'output');
  const format = out === undefined ? 'csv' : localResultFormatOf(out);
  if (!format) throw new UsageError(`--output ${out}: give a file ending in .parquet, .csv, .tsv or .vot`);
  let engine;
  let positions: Array<(alias: string) => string>;
  try {
    positions = (await Promise.all(rest.map((location) => openHats(location)))).map(
      ({ properties: p }) =>
        (alias: string) =>
          `POINT(${alias}.${delimited(p.raColumn)}, ${alias}.${delimited(p.decColumn)})`,
    );
    engine = await LocalEngine.create({
      hats: [
        { name: 'xmatch.l', location: rest[0]! },
        { name: 'xmatch.r', location: rest[1]! },
      ],
    });
  } catch (err) {
    if (err instanceof EngineError || err instanceof HatsError) throw new InputError(err.message);
    throw err;
  }
  try {
    const [left, right] = ['xmatch.l', 'xmatch.r'].map((n) => engine.listTables().find((t) => `${t.schema}.${t.name}` === n)!);
    const pick = (alias: string, prefix: string, cols: Array<{ name: string }>) =>
      cols.map((c) => `${alias}.${delimited(c.name)} AS ${delimited(prefix + c.name)}`);
    const distance = `DISTANCE(${positions[0]!('a')}, ${positions[1]!('b')})`;
    const adql = `SELECT ${[...pick('a', 'l_', left!.columns), ...pick('b', 'r_', right!.columns), `${distance} * 3600 AS sep_arcsec`].join(', ')}
      FROM xmatch.l AS a JOIN xmatch.r AS b ON ${distance} <= ${radius} / 3600.0`;
    const started = Date.now();
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    const result = await engine.query(adql, {
      onProgress: (e) => ctx.stderr.write(`crossmatch: ${e.done}/${e.total} join units, ${e.pairs} pairs (${seconds()} s)\n`),
    });
    for (const note of result.notes ?? []) ctx.stderr.write(`note: ${note}\n`);
    const body = await serializeLocalResult(result, format);
    if (out === undefined) ctx.stdout.write(typeof body === 'string' ? body : Buffer.from(body).toString());
    else await writeTextFile(ctx, out, body);
    ctx.stderr.write(`${result.rows.length} pairs${out ? ` written to ${out}` : ''} (${seconds()} s)\n`);
  } catch (err) {
    if (err instanceof LocalQueryError) throw new InputError(err.message);
    throw err;
  } finally {
    await engine.close();
  }
  return EXIT_OK;
}

const delimited = (name: string) => `"${name.replace(/"/g, '""')}"`;
