/** `plot(result, spec)`: a TAP result or VOTable table drawn as SVG text. */
import { preparePlot } from './prepare.js';
import type { PlotSpec } from './spec.js';
import { renderSvg } from './svg.js';
import { plotTable, type PlotSource } from './table.js';

export function plot(result: PlotSource, spec: PlotSpec): string {
  return renderSvg(preparePlot(plotTable(result), spec));
}
