import type { CliContext, CommandSpec } from '../command.js';
import { EXIT_OK, InputError, RemoteProblem, UsageError } from '../errors.js';
import { RESULT_FORMATS, type ResultFormat } from '../format/results.js';
import { choiceOption, intOption, stringOption } from '../io.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { packageVersion } from '../version.js';
import { tapFailure, writeResultText } from './query.js';
import {
  ConeSearchService,
  NameResolverError,
  parseAngle,
  parseDec,
  parsePosition,
  parseRa,
  resolveName,
  SESAME_URL,
  tapConeSearch,
  type SkyPosition,
} from '../../scs/index.js';
import type { Angle } from '../../builder/index.js';
import type { TapResult } from '../../tap/index.js';

/** Where to search: a position, or an object name for the name resolver. */
type ConeTarget = { position: SkyPosition } | { name: string };

/**
 * "RA DEC RADIUS" (each coordinate in decimal degrees or sexagesimal), or "TARGET RADIUS" where
 * TARGET is one argument: "RA,DEC", "10:00:24 +02:12:00", or an object name ("M31", "NGC 3031").
 */
function coneArguments(positionals: string[]): { target: ConeTarget; radius: Angle } {
  let target: ConeTarget;
  let radiusText: string;
  try {
    if (positionals.length === 3) {
      const [ra, dec, radius] = positionals as [string, string, string];
      if (parsePosition(`${ra} ${dec}`) === undefined && /[a-z]/i.test(ra) && !/^[\d.]+\s*[hdms]/i.test(ra)) {
        throw new UsageError(
          `RA "${ra}" is not a coordinate`,
          `to search around an object, quote its name: adql cone "${ra} ${dec}" ${radius} ...`,
        );
      }
      target = { position: [parseRa(ra), parseDec(dec)] };
      radiusText = radius;
    } else if (positionals.length === 2) {
      const position = parsePosition(positionals[0]!);
      target = position === undefined ? { name: positionals[0]!.trim() } : { position };
      radiusText = positionals[1]!;
    } else {
      throw new UsageError(
        'expected RA DEC RADIUS, or TARGET RADIUS (TARGET: "RA,DEC" or an object name)',
        'e.g. adql cone 147.3 -2.4 10arcmin --url URL, or adql cone M31 10arcmin --url URL',
      );
    }
    return { target, radius: parseAngle(radiusText, 'deg') };
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
}

/** The position of a target: a name goes to the Sesame resolver, and what it found is said on stderr. */
async function positionOf(ctx: CliContext, target: ConeTarget, resolver: string | undefined): Promise<SkyPosition> {
  if ('position' in target) return target.position;
  try {
    const found = await resolveName(target.name, {
      signal: ctx.signal,
      userAgent: `adqlkit-cli/${packageVersion()}`,
      ...(resolver !== undefined ? { url: resolver } : {}),
    });
    const id = found.mainId !== undefined ? `: ${found.mainId}` : '';
    ctx.stderr.write(`${target.name}: RA ${found.ra.toFixed(6)} Dec ${found.dec.toFixed(6)} (${found.resolver}${id})\n`);
    return [found.ra, found.dec];
  } catch (err) {
    if (err instanceof NameResolverError) throw err.offline ? new InputError(err.message) : new RemoteProblem(err.message);
    return tapFailure(err, ctx.signal);
  }
}

export const coneCommand: CommandSpec = {
  name: 'cone',
  summary: 'cone search: a Simple Cone Search service, or a table of a TAP service',
  usage: [
    'cone RA DEC RADIUS --url SCS_URL [--verb 1|2|3]',
    'cone RA DEC RADIUS --service URL|ALIAS --table TABLE [--columns A,B]',
    'cone OBJECT_NAME RADIUS (--url SCS_URL | --service URL --table TABLE)',
  ],
  description:
    'Finds the rows within RADIUS of a position (ICRS). RA and DEC are decimal degrees (147.3 -2.4) or\n' +
    'sexagesimal (10:00:24 +02:12:00, 10h00m24s -2d12m00s; RA in hours); one argument "RA,DEC" works too.\n' +
    'An object name (M31, "NGC 3031") is looked up with the CDS Sesame name resolver (--resolver: another\n' +
    'Sesame URL), which needs the network. RADIUS takes a unit: 10arcmin, 0.5deg, 30arcsec (a bare number\n' +
    'is degrees). With --url it asks a Simple Cone Search 1.03 service; with --table it sends a CONTAINS\n' +
    'query to the TAP service (position columns found by UCD) and adds the distance from the centre as\n' +
    'search_offset (degrees).',
  options: {
    url: { type: 'string', short: 'u', valueName: 'URL', description: 'Simple Cone Search access URL' },
    ...SERVICE_OPTION,
    table: { type: 'string', short: 't', valueName: 'TABLE', description: 'with --service: the table to search' },
    columns: { type: 'string', valueName: 'A,B', description: 'with --table: the columns to return (default: all)' },
    verb: { type: 'string', valueName: 'N', description: 'with --url: VERB 1 (fewest columns) to 3 (all)' },
    maxrec: { type: 'string', short: 'm', valueName: 'N', description: 'MAXREC: the most rows to return' },
    format: { type: 'string', valueName: 'FORMAT', description: 'csv, json, votable or table (default: table on a terminal, else csv)' },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'write the result to a file' },
    resolver: { type: 'string', valueName: 'URL', description: `Sesame name resolver for object names (default ${SESAME_URL})` },
  },
  examples: [
    ['adql cone 150 2 30arcmin --url http://127.0.0.1:8080/zcat/q/cone/scs.xml', 'Simple Cone Search, 30 arcminutes'],
    ['adql cone 147.3 -2.4 0.1deg --url http://127.0.0.1:8080/zcat/q/cone/scs.xml --verb 1', 'negative Dec, fewest columns'],
    ['adql cone 10:00:24 +02:12:00 10arcmin --url http://127.0.0.1:8080/zcat/q/cone/scs.xml', 'sexagesimal RA (hours) and Dec'],
    ['adql cone "NGC 3031" 5arcmin --url http://127.0.0.1:8080/zcat/q/cone/scs.xml', 'an object name, resolved by Sesame'],
    ['adql cone 150 2 10arcmin -s http://127.0.0.1:8080/tap --table zcat.main --columns id,bmag', 'the same cone as a TAP query'],
  ],
  async run(ctx, values, positionals) {
    const { target, radius } = coneArguments(positionals);
    const url = stringOption(values, 'url');
    const table = stringOption(values, 'table');
    if ((url === undefined) === (table === undefined)) {
      throw new UsageError(
        url === undefined ? 'no service to search' : 'give --url or --table, not both',
        'pass --url SCS_URL, or --service URL --table TABLE',
      );
    }
    const position = await positionOf(ctx, target, stringOption(values, 'resolver'));
    const format: ResultFormat =
      choiceOption(values, 'format', RESULT_FORMATS) ?? (ctx.stdout.isTTY && values.out === undefined ? 'table' : 'csv');
    const maxrec = intOption(values, 'maxrec');
    const verb = intOption(values, 'verb', 1);
    if (verb !== undefined && verb > 3) throw new UsageError(`--verb must be 1, 2 or 3, got ${verb}`);
    let result: TapResult;
    try {
      if (url !== undefined) {
        const scs = new ConeSearchService(url, { userAgent: `adqlkit-cli/${packageVersion()}` });
        result = await scs.search(position, radius, {
          signal: ctx.signal,
          ...(maxrec !== undefined ? { maxrec } : {}),
          ...(verb !== undefined ? { verb: verb as 1 | 2 | 3 } : {}),
        });
      } else {
        const service = openService(requireService(ctx, stringOption(values, 'service'), 'cone'));
        const columns = stringOption(values, 'columns')
          ?.split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        result = await tapConeSearch(service, table!, position, radius, {
          signal: ctx.signal,
          ...(maxrec !== undefined ? { maxrec } : {}),
          ...(columns ? { columns } : {}),
        });
      }
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(err.message);
      tapFailure(err, ctx.signal);
    }
    const out = stringOption(values, 'out');
    await writeResultText(ctx, result, format, out);
    if (result.overflow) {
      ctx.stderr.write(
        `${ctx.errStyle.yellow('warning:')} the result was truncated at ${maxrec !== undefined ? `MAXREC=${maxrec}` : 'the service row limit'}; raise --maxrec or shrink the cone\n`,
      );
    }
    return EXIT_OK;
  },
};
