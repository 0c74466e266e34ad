/** Plots from the command line: the style flags, SPEC text to PlotSpec, and writing the SVG (adql plot, adql query --plot). */
import type { CliContext, OptionSpec, ParsedValues } from './command.js';
import { UsageError } from './errors.js';
import { choiceOption, intOption, stringOption, writeTextFile } from './io.js';
import type { PlotSource, PlotSpec } from '../plot/index.js';

/** The plot module (17 modules) loads with the first plot, not with every `adql query`. */
function loadPlot(): Promise<typeof import('../plot/index.js')> {
  return import('../plot/index.js');
}

/** Flags that shape a plot, shared by `adql plot` and `adql query --plot`. */
export const PLOT_STYLE_OPTIONS: Record<string, OptionSpec> = {
  color: { type: 'string', valueName: 'EXPR', description: 'plot: colour points by a column or expression (a palette for text columns)' },
  log: { type: 'string', valueName: 'x|y|xy', description: 'plot: logarithmic axes' },
  reverse: { type: 'string', valueName: 'x|y|xy|none', description: 'plot: reversed axes (a magnitude y axis is reversed unless "none")' },
  bins: { type: 'string', valueName: 'N', description: "plot: histogram bins (default: Sturges' rule)" },
  xrange: {
    type: 'string',
    valueName: 'FROM,TO',
    description: 'plot: x axis range (FROM > TO reverses it; write --xrange=-1,3 for a negative FROM)',
  },
  yrange: { type: 'string', valueName: 'FROM,TO', description: 'plot: y axis range (e.g. --yrange 29.5,16: magnitudes growing downwards)' },
  projection: { type: 'string', valueName: 'aitoff|mollweide', description: 'plot: sky projection (default aitoff)' },
  title: { type: 'string', valueName: 'TEXT', description: 'plot: title' },
};

export const PLOT_FORMS = 'sky, sky:RA,DEC, scatter:X,Y, hist:X or bar:CATEGORY[,VALUE]';

/** The PlotSpec of a `--plot`/SPEC text and the style flags. */
export async function plotSpecFrom(text: string, values: ParsedValues): Promise<PlotSpec> {
  const { PlotError, parsePlotShorthand } = await loadPlot();
  const log = choiceOption(values, 'log', ['x', 'y', 'xy', 'yx'] as const);
  const reverse = choiceOption(values, 'reverse', ['x', 'y', 'xy', 'yx', 'none'] as const);
  const projection = choiceOption(values, 'projection', ['aitoff', 'mollweide'] as const);
  const bins = intOption(values, 'bins', 1);
  const color = stringOption(values, 'color');
  const title = stringOption(values, 'title');
  const xRange = rangeOption(values, 'xrange');
  const yRange = rangeOption(values, 'yrange');
  try {
    return parsePlotShorthand(text, {
      ...(log ? { log } : {}),
      ...(reverse ? { reverse } : {}),
      ...(projection ? { projection } : {}),
      ...(bins !== undefined ? { bins } : {}),
      ...(color ? { color } : {}),
      ...(title ? { title } : {}),
      ...(xRange ? { xRange } : {}),
      ...(yRange ? { yRange } : {}),
    });
  } catch (err) {
    if (err instanceof PlotError) throw new UsageError(err.message);
    throw err;
  }
}

function rangeOption(values: ParsedValues, name: string): [number, number] | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((p) => !Number.isFinite(p)) || parts[0] === parts[1]) {
    throw new UsageError(`--${name} must be two different numbers FROM,TO, got "${text}"`);
  }
  return parts as [number, number];
}

/** The SVG of a result; a spec that does not fit the result is a usage error naming the columns. */
export async function plotSvg(result: PlotSource, spec: PlotSpec): Promise<string> {
  const { PlotError, plot } = await loadPlot();
  try {
    return plot(result, spec);
  } catch (err) {
    if (err instanceof PlotError) throw new UsageError(err.message);
    throw err;
  }
}

/** Writes the plot to FILE.svg, FILE.png (through the optional @resvg/resvg-js) or, without -o, SVG to stdout. */
export async function writePlot(ctx: CliContext, svg: string, out: string | undefined, rows: number): Promise<void> {
  if (out === undefined) return ctx.stdout.write(svg);
  if (/\.png$/i.test(out)) await writeTextFile(ctx, out, await svgToPng(svg));
  else if (/\.svg$/i.test(out)) await writeTextFile(ctx, out, svg);
  else throw new UsageError(`plots are written as SVG or PNG: name the output FILE.svg or FILE.png, not ${out}`);
  ctx.stderr.write(`wrote ${out} (plot of ${rows} rows)\n`);
}

/** PNG at twice the SVG's size, rendered by resvg (a native module shipped in npm packages, an optional dependency). */
async function svgToPng(svg: string): Promise<Uint8Array> {
  let Resvg: typeof import('@resvg/resvg-js').Resvg;
  try {
    const mod = await import('@resvg/resvg-js');
    Resvg = mod.Resvg ?? (mod as unknown as { default: typeof mod }).default.Resvg;
  } catch {
    throw new UsageError(
      'PNG output needs the optional dependency @resvg/resvg-js, which is not installed here',
      'npm install @resvg/resvg-js, or write FILE.svg',
    );
  }
  const fonts = { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: fonts, background: '#ffffff' }).render().asPng();
}
