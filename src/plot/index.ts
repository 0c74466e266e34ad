/**
 * Plots of query results: one PlotSpec for the static SVG renderer (`plot`, any platform) and the
 * browser one (`mountPlot`: WebGL2 or canvas, needs a DOM; importing it elsewhere is harmless).
 */
export type { PlotSpec, PlotKind, AxisSpec, SkySpec, ScatterSpec, HistogramSpec, BarSpec, SkyProjection } from './spec.js';
export { PlotError, PlotExpressionError } from './errors.js';
export { plot } from './plot.js';
export { plotTable, type PlotTable, type PlotSource } from './table.js';
export { preparePlot, histogramBins, type PreparedPlot, type PreparedPoints, type PreparedBars } from './prepare.js';
export { renderSvg } from './svg.js';
export { rowsInRect, rowsInLasso, dataBounds, type PixelRect } from './select.js';
export { projection, type Projection } from './projection.js';
export { parsePlotShorthand, type PlotShorthandOptions } from './shorthand.js';
export { mountPlot, type MountPlotOptions, type MountedPlot } from './browser/mount.js';
