/// <reference lib="dom" />
/** The page's stylesheet (kept in the script: the workbench serves one file). */
export const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font: 13px system-ui, sans-serif; color: #1d2330; background: #f6f7fa; }
header { display: flex; gap: 8px; align-items: center; padding: 6px 10px; background: #1d2b4a; color: #fff; flex-wrap: wrap; }
header h1 { font-size: 15px; margin: 0 12px 0 0; }
header input, header select, header button { font: inherit; }
header .service-input { width: 26em; }
header { position: relative; }
.registry-hits { position: absolute; top: 100%; left: 40%; z-index: 10; display: flex; flex-direction: column; background: #fff; box-shadow: 0 2px 8px #0003; }
.registry-hit { text-align: left; border: 0; background: none; padding: 4px 10px; }
.registry-hit:hover { background: #eef0f5; }
header .status { margin-left: auto; font-variant-numeric: tabular-nums; }
button { cursor: pointer; }
main { display: grid; grid-template-columns: 260px 1fr; height: calc(100vh - 42px); }
.side { overflow: auto; padding: 6px 10px; border-right: 1px solid #d5d9e2; background: #fff; }
.side h2, .jobs h2 { font-size: 13px; margin: 10px 0 4px; }
.schema-search { width: 100%; }
.schema-list details { margin: 2px 0; }
.insertable { cursor: pointer; color: #1b4fb3; }
.insertable:hover { text-decoration: underline; }
.column { padding-left: 12px; }
.column-doc, .muted { color: #6a7283; font-size: 12px; }
.example { display: flex; gap: 4px; align-items: center; margin: 2px 0; }
.example-name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.work { display: flex; flex-direction: column; min-width: 0; overflow: auto; }
.editor-box { border-bottom: 1px solid #d5d9e2; background: #fff; }
.editor { height: 180px; }
.signature { min-height: 18px; padding: 1px 8px; font-family: ui-monospace, monospace; color: #5b3c8c; }
.diagnostics { padding: 2px 10px; }
.diagnostic { display: flex; gap: 8px; align-items: baseline; padding: 2px 0; }
.diagnostic.error .sev { color: #b3261e; } .diagnostic.warning .sev { color: #a15c00; }
.banner { padding: 6px 10px; margin: 4px 10px; border-radius: 4px; }
.banner.error { background: #fde7e6; color: #7a1510; white-space: pre-wrap; }
.banner.overflow { background: #fff4d6; color: #6b4b00; }
.results { padding: 4px 10px; }
.results-bar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.grid { border: 1px solid #d5d9e2; background: #fff; }
.grid-tools { display: flex; gap: 8px; padding: 4px; }
.grid-filter { width: 28em; }
.grid-filter-error { color: #b3261e; }
.grid-header { display: grid; background: #eef0f5; border-bottom: 1px solid #d5d9e2; }
.grid-head { cursor: pointer; font-weight: 600; display: flex; flex-direction: column; }
.grid-unit { font-weight: 400; color: #6a7283; font-size: 11px; }
.grid-scroller { position: relative; height: 320px; overflow: auto; }
.grid-spacer { width: 1px; }
.grid-body { position: absolute; top: 0; left: 0; right: 0; will-change: transform; }
.grid-row { display: grid; height: 22px; }
.grid-row:nth-child(odd) { background: #fafbfd; }
.grid-row.selected { background: #ffe39a; }
.grid-cell { padding: 2px 6px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-variant-numeric: tabular-nums; }
.plots[hidden] { display: none; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 8px; padding: 4px 10px; }
.plot-box { background: #fff; border: 1px solid #d5d9e2; }
.plot-box .plot-controls { display: flex; gap: 4px; padding: 4px; flex-wrap: wrap; }
.plot-area { height: 300px; position: relative; }
.jobs { padding: 4px 10px 20px; }
.job { display: flex; gap: 8px; align-items: center; }
.job-id { font-family: ui-monospace, monospace; }
.dropzone { outline: 3px dashed #1b4fb3; outline-offset: -8px; }
.hover { white-space: pre-wrap; max-width: 40em; padding: 4px 6px; }
`;
