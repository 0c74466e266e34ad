/**
 * `adql plot SPEC INPUT -o FILE.svg`: a plot of a result file (VOTable, Parquet, Arrow IPC) or of a
 * query's result, as SVG.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliContext, CommandSpec } from '../command.js';
import { EXIT_OK, InputError, UsageError } from '../errors.js';
import { intOption, readOneQuery, stringOption } from '../io.js';
import { PLOT_FORMS, PLOT_STYLE_OPTIONS, plotSpecFrom, plotSvg, writePlot } from '../plot-output.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { readTableFile } from '../../columnar/index.js';
import { tapFailure } from './query.js';

const RESULT_FILE = /\.(vot|votable|xml|parquet|arrow|arrows|feather|ipc)$/i;

export const plotCommand: CommandSpec = {
  name: 'plot',
  summary: 'plot a result file or a query result as SVG (sky, scatter, histogram, bar)',
  usage: ['plot SPEC FILE.vot|FILE.parquet [options] -o plot.svg', 'plot SPEC [options] -s URL "ADQL"|-f FILE.adql -o plot.svg'],
  description:
    `SPEC is ${PLOT_FORMS}; X and Y are columns or expressions of columns\n` +
    '(mag_g - mag_r, log10(flux); + - * / ^ and log10 ln exp sqrt abs pow). Sky maps put RA increasing\n' +
    'to the left with an RA/Dec graticule; a magnitude y axis (UCD phot.mag or unit mag) is reversed.\n' +
    'The input is a result file (VOTable, Parquet, Arrow IPC) or a query run on --service. Without -o\n' +
    'the SVG goes to stdout; -o FILE.png renders it with @resvg/resvg-js (an optional dependency).\n' +
    'Up to 20000 points are circles; larger results are drawn as density cells.',
  options: {
    ...SERVICE_OPTION,
    file: { type: 'string', short: 'f', valueName: 'FILE', description: 'read the query from a file (- for stdin)' },
    maxrec: { type: 'string', short: 'm', valueName: 'N', description: 'MAXREC for a query: the most rows to plot' },
    out: {
      type: 'string',
      short: 'o',
      valueName: 'FILE.svg|FILE.png',
      description: 'write the plot to this file, SVG or PNG by its name (default: SVG to stdout)',
    },
    ...PLOT_STYLE_OPTIONS,
  },
  examples: [
    ['adql plot scatter:ra,dec result.vot -o positions.svg', 'plot two columns of a saved VOTable'],
    ["adql plot 'scatter:g - r,g' -s http://127.0.0.1:8080/tap -f stars.adql -o cmd.svg", 'a colour-magnitude diagram of a query result'],
    ["adql plot sky --projection mollweide -s dachs 'SELECT ra, dec FROM zcat.main' -o sky.svg", 'an all-sky map'],
    [
      "adql plot bar:true_class,n -s dachs 'SELECT true_class, COUNT(*) AS n FROM zcat.truth_match GROUP BY true_class' -o classes.svg",
      'a bar chart of a GROUP BY result',
    ],
  ],
  async run(ctx, values, positionals) {
    const [specText, ...inputs] = positionals;
    if (specText === undefined) throw new UsageError('no plot given', `the first argument is the plot: ${PLOT_FORMS}`);
    const spec = await plotSpecFrom(specText, values);
    const out = stringOption(values, 'out');
    const first = inputs[0];
    if (inputs.length === 1 && stringOption(values, 'file') === undefined && RESULT_FILE.test(first!) && (await isFile(ctx, first!))) {
      const doc = await readTableFile(path.resolve(ctx.cwd, first!));
      const table = doc.tables[0];
      if (table === undefined) throw new InputError(`${first} holds no table`, 'give a result file with one table');
      await writePlot(ctx, await plotSvg(table, spec), out, table.rowCount);
      return EXIT_OK;
    }
    const query = await readOneQuery(ctx, inputs, stringOption(values, 'file'), 'plot');
    const service = openService(requireService(ctx, stringOption(values, 'service'), 'plot'));
    const maxrec = intOption(values, 'maxrec');
    let result;
    try {
      result = await service.query(query.text, { ...(maxrec !== undefined ? { maxrec } : {}), signal: ctx.signal });
    } catch (err) {
      tapFailure(err, ctx.signal);
    }
    if (result.overflow)
      ctx.stderr.write(
        `${ctx.errStyle.yellow('warning:')} the result was truncated at ${maxrec !== undefined ? `MAXREC=${maxrec}` : 'the service row limit'}: the plot shows ${result.rowCount} rows, not all that match\n`,
      );
    await writePlot(ctx, await plotSvg(result, spec), out, result.rowCount);
    return EXIT_OK;
  },
};

async function isFile(ctx: CliContext, p: string): Promise<boolean> {
  return stat(path.resolve(ctx.cwd, p)).then(
    (s) => s.isFile(),
    () => false,
  );
}
