import type { CommandSpec } from '../command.js';
import { EXIT_OK, InputError } from '../errors.js';
import { intOption, stringOption } from '../io.js';
import { serveLocal, EngineError } from '../../engine/index.js';

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'serve local tables as a TAP service (embedded engine)',
  usage: ['serve [--table NAME=FILE]... [--hats NAME=DIR_OR_URL]... [--port N] [--host HOST] [--cors-origin ORIGIN]...'],
  description:
    'Runs an in-process TAP 1.1 service (sync, async, uploads, TAP_SCHEMA, VOSI, examples) on loopback over\n' +
    'CSV, VOTable, Parquet or JSON files and HATS catalogues (--hats: each query reads only the HEALPix\n' +
    'partitions its CONTAINS/DISTANCE constraints touch); without --table or --hats it serves the bundled\n' +
    'sample catalogue.\n' +
    'Web pages on loopback origins (http://localhost:*, http://127.0.0.1:*) may call it (CORS); --cors-origin\n' +
    'allows others.\n' +
    'The service URL is printed on stdout (one line); Ctrl-C stops the service.',
  options: {
    table: {
      type: 'string',
      short: 't',
      multiple: true,
      valueName: 'NAME=FILE',
      description: 'a table to serve, e.g. mycat.stars=stars.csv',
    },
    hats: {
      type: 'string',
      multiple: true,
      valueName: 'NAME=DIR_OR_URL',
      description: 'a HATS catalogue to serve, e.g. sky.gaia=/data/gaia_hats',
    },
    port: { type: 'string', short: 'p', valueName: 'N', description: 'port (default: a free one)' },
    host: { type: 'string', valueName: 'HOST', description: 'address to listen on (default 127.0.0.1)' },
    'cors-origin': {
      type: 'string',
      multiple: true,
      valueName: 'ORIGIN',
      description: 'a web page origin allowed to call the service, e.g. https://portal.example.org (loopback ones always are)',
    },
  },
  examples: [
    ['adql serve', 'serve the sample catalogue'],
    ['adql serve -t mycat.stars=stars.csv -p 8090', 'serve your own table on a fixed port'],
    ["adql query -s http://127.0.0.1:8090/tap 'SELECT TOP 5 * FROM mycat.stars'", 'query it from another terminal'],
  ],
  async run(ctx, values) {
    const port = intOption(values, 'port');
    const host = stringOption(values, 'host');
    let service;
    try {
      service = await serveLocal({
        tables: (values.table as string[] | undefined) ?? [],
        hats: (values.hats as string[] | undefined) ?? [],
        ...(port !== undefined ? { port } : {}),
        ...(host !== undefined ? { host } : {}),
        corsOrigins: (values['cors-origin'] as string[] | undefined) ?? [],
        log: (line) => ctx.stderr.write(`${line}\n`),
      });
    } catch (err) {
      if (err instanceof EngineError) throw new InputError(err.message, 'check the --table and --hats specs and paths');
      throw err;
    }
    ctx.stdout.write(`${service.url}\n`);
    ctx.stderr.write('press Ctrl-C to stop\n');
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await service.close();
    return EXIT_OK;
  },
};
