import type { CommandSpec } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { RESULT_FORMATS, renderResult, type ResultFormat } from '../format/results.js';
import { choiceOption, intOption, stringOption, writeTextFile } from '../io.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { packageVersion } from '../version.js';
import { tapFailure } from './query.js';
import { ConeSearchService, parseAngle, tapConeSearch, type SkyPosition } from '../../scs/index.js';
import type { Angle } from '../../builder/index.js';
import type { TapResult } from '../../tap/index.js';

function number(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${what} "${text}" is not a number of degrees`);
  return n;
}

/** "RA DEC RADIUS" or "RA,DEC RADIUS" (the second form lets a negative Dec pass as an argument). */
function coneArguments(positionals: string[]): { position: SkyPosition; radius: Angle } {
  let coords: [string, string];
  let radiusText: string;
  if (positionals.length === 2 && positionals[0]!.includes(',')) {
    const [ra = '', dec = ''] = positionals[0]!.split(',');
    coords = [ra, dec];
    radiusText = positionals[1]!;
  } else if (positionals.length === 3) {
    coords = [positionals[0]!, positionals[1]!];
    radiusText = positionals[2]!;
  } else {
    throw new UsageError('expected RA DEC RADIUS (or RA,DEC RADIUS)', 'e.g. adql cone 202.47 47.2 10arcmin --url URL; write a negative Dec as RA,DEC or after --');
  }
  const position: SkyPosition = [number(coords[0], 'RA'), number(coords[1], 'Dec')];
  try {
    return { position, radius: parseAngle(radiusText, 'deg') };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export const coneCommand: CommandSpec = {
  name: 'cone',
  summary: 'cone search: a Simple Cone Search service, or a table of a TAP service',
  usage: ['cone RA DEC RADIUS --url SCS_URL [--verb 1|2|3]', 'cone RA DEC RADIUS --service URL|ALIAS --table TABLE [--columns A,B]'],
  description:
    'Finds the rows within RADIUS of (RA, DEC) (degrees, ICRS). RADIUS takes a unit: 10arcmin, 0.5deg,\n' +
    '30arcsec (a bare number is degrees). With --url it asks a Simple Cone Search 1.03 service; with\n' +
    '--table it sends a CONTAINS query to the TAP service (position columns found by UCD) and adds the\n' +
    'distance from the centre as search_offset (degrees). Write a negative Dec as RA,DEC or after --.',
  options: {
    url: { type: 'string', short: 'u', valueName: 'URL', description: 'Simple Cone Search access URL' },
    ...SERVICE_OPTION,
    table: { type: 'string', short: 't', valueName: 'TABLE', description: 'with --service: the table to search' },
    columns: { type: 'string', valueName: 'A,B', description: 'with --table: the columns to return (default: all)' },
    verb: { type: 'string', valueName: 'N', description: 'with --url: VERB 1 (fewest columns) to 3 (all)' },
    maxrec: { type: 'string', short: 'm', valueName: 'N', description: 'MAXREC: the most rows to return' },
    format: { type: 'string', valueName: 'FORMAT', description: 'csv, json, votable or table (default: table on a terminal, else csv)' },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'write the result to a file' },
  },
  examples: [
    ['adql cone 150 2 30arcmin --url http://127.0.0.1:8080/zcat/q/cone/scs.xml', 'Simple Cone Search, 30 arcminutes'],
    ['adql cone 150,-2.5 0.1deg --url http://127.0.0.1:8080/zcat/q/cone/scs.xml --verb 1', 'negative Dec, fewest columns'],
    ['adql cone 150 2 10arcmin -s http://127.0.0.1:8080/tap --table zcat.main --columns id,bmag', 'the same cone as a TAP query'],
  ],
  async run(ctx, values, positionals) {
    const { position, radius } = coneArguments(positionals);
    const url = stringOption(values, 'url');
    const table = stringOption(values, 'table');
    if ((url === undefined) === (table === undefined)) {
      throw new UsageError(url === undefined ? 'no service to search' : 'give --url or --table, not both', 'pass --url SCS_URL, or --service URL --table TABLE');
    }
    const format: ResultFormat = choiceOption(values, 'format', RESULT_FORMATS) ?? (ctx.stdout.isTTY && values.out === undefined ? 'table' : 'csv');
    const maxrec = intOption(values, 'maxrec');
    const verb = intOption(values, 'verb', 1);
    if (verb !== undefined && verb > 3) throw new UsageError(`--verb must be 1, 2 or 3, got ${verb}`);
    let result: TapResult;
    try {
      if (url !== undefined) {
        const scs = new ConeSearchService(url, { userAgent: `adqlkit-cli/${packageVersion()}` });
        result = await scs.search(position, radius, { signal: ctx.signal, ...(maxrec !== undefined ? { maxrec } : {}), ...(verb !== undefined ? { verb: verb as 1 | 2 | 3 } : {}) });
      } else {
        const service = openService(requireService(ctx, stringOption(values, 'service'), 'cone'));
        const columns = stringOption(values, 'columns')?.split(',').map((c) => c.trim()).filter((c) => c !== '');
        result = await tapConeSearch(service, table!, position, radius, { signal: ctx.signal, ...(maxrec !== undefined ? { maxrec } : {}), ...(columns ? { columns } : {}) });
      }
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(err.message);
      tapFailure(err, ctx.signal);
    }
    const out = stringOption(values, 'out');
    const text = renderResult(result, format, { ...(ctx.stdout.isTTY && out === undefined && ctx.stdout.columns ? { maxWidth: ctx.stdout.columns } : {}), header: ctx.style.bold });
    if (out !== undefined) {
      await writeTextFile(ctx, out, text);
      ctx.stderr.write(`wrote ${out} (${result.rowCount} rows)\n`);
    } else ctx.stdout.write(text);
    if (result.overflow) {
      ctx.stderr.write(`${ctx.errStyle.yellow('warning:')} the result was truncated at ${maxrec !== undefined ? `MAXREC=${maxrec}` : 'the service row limit'}; raise --maxrec or shrink the cone\n`);
    }
    return EXIT_OK;
  },
};
