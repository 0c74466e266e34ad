/** Prompts for the common tasks: a cone search, and a cross-match of the user's own table (upload). */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'cone_search',
    {
      title: 'Cone search',
      description: 'Find the sources of a table within a radius of a sky position.',
      argsSchema: {
        ra: z.string().describe('Right ascension in degrees (ICRS)'),
        dec: z.string().describe('Declination in degrees (ICRS)'),
        radius: z.string().describe('Radius in degrees'),
        table: z.string().optional().describe('The table to search (default: find one with search_tables)'),
        service: z.string().optional().describe("The TAP service (default: the server's default)"),
      },
    },
    (args) => {
      const where = args.service ? ` on the service "${args.service}"` : '';
      const table = args.table
        ? `Use the table ${args.table}${where}; call describe_table to find its position columns (UCDs pos.eq.ra;meta.main and pos.eq.dec;meta.main).`
        : `First find a suitable table${where} with search_tables (keywords such as the object type), then describe_table to find its position columns.`;
      return user(
        `Find all sources within ${args.radius} degrees of RA ${args.ra}, Dec ${args.dec} (ICRS).\n${table}\n` +
          `Write ADQL like:\nSELECT TOP 1000 *, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', ${args.ra}, ${args.dec})) AS dist\n` +
          `FROM <table>\nWHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', ${args.ra}, ${args.dec}, ${args.radius}))\nORDER BY dist\n` +
          'with the real column names. Check it with validate_adql, then run it with run_adql; report whether the result is complete (the verdict) and where the full result was saved.',
      );
    },
  );

  server.registerPrompt(
    'crossmatch_upload',
    {
      title: 'Cross-match an uploaded table',
      description: "Match the rows of the user's own VOTable against a catalogue by position, with a TAP upload.",
      argsSchema: {
        file: z.string().describe("The VOTable to upload, relative to the server's working directory"),
        table: z.string().describe('The catalogue table to match against, e.g. zcat.main'),
        radius: z.string().describe('Match radius in arcseconds'),
        service: z.string().optional().describe("The TAP service (default: the server's default)"),
      },
    },
    (args) => {
      const degrees = Number(args.radius) / 3600;
      const radius = Number.isFinite(degrees) ? String(degrees) : `${args.radius}/3600.0`;
      return user(
        `Cross-match my table ${args.file} with ${args.table}${args.service ? ` on the service "${args.service}"` : ''} within ${args.radius} arcseconds.\n` +
          `Call describe_table on ${args.table} to find its position columns, and check the capabilities tool for upload support.\n` +
          `Run with run_adql, uploads {"mine": "${args.file}"}, mode "async", and ADQL like:\n` +
          `SELECT m.*, t.*, DISTANCE(POINT('ICRS', m.ra, m.dec), POINT('ICRS', t.ra, t.dec)) AS sep\n` +
          `FROM TAP_UPLOAD.mine AS m JOIN ${args.table} AS t\n` +
          `ON 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', t.ra, t.dec, ${radius}))\n` +
          'using the real column names of both tables. Report how many rows matched, whether the result is complete, and where it was saved.',
      );
    },
  );
}
