/** The `adql` command as a function (the binary, tests and the demo run it in process), and its output formats. */
export { runCli, type RunIO } from './run.js';
export { formatDiagnostics, type FileDiagnostic, type DiagnosticFormat } from './format/diagnostics.js';
export { renderResult as formatResult, type ResultFormat } from './format/results.js';
