/**
 * Diagnostic output for `adql parse` and `adql lint`: human code frames, JSON, SARIF 2.1.0 and
 * GitHub Actions workflow annotations. Inputs are the parser's and validator's diagnostics, already
 * normalised to {@link FileDiagnostic}.
 */
import type { Style } from '../style.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Pos {
  offset: number;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface TextEdit {
  range: { start: Pos; end: Pos };
  newText: string;
}

export interface DiagnosticFix {
  title: string;
  edits: TextEdit[];
}

export interface FileDiagnostic {
  /** File name as given on the command line, or `<stdin>` / `<query>`. */
  file: string;
  code: string;
  severity: Severity;
  message: string;
  range: { start: Pos; end: Pos };
  fixes?: DiagnosticFix[];
}

export interface SourceFile {
  file: string;
  text: string;
}

export type DiagnosticFormat = 'human' | 'json' | 'sarif' | 'github';
export const DIAGNOSTIC_FORMATS: DiagnosticFormat[] = ['human', 'json', 'sarif', 'github'];

export function formatDiagnostics(
  format: DiagnosticFormat,
  diagnostics: FileDiagnostic[],
  sources: SourceFile[],
  style: Style,
  toolVersion = '0.0.0',
): string {
  switch (format) {
    case 'human':
      return formatHuman(diagnostics, sources, style);
    case 'json':
      return JSON.stringify(diagnostics, null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(diagnostics, toolVersion), null, 2) + '\n';
    case 'github':
      return diagnostics.map(formatGithub).join('');
  }
}

// ---------------------------------------------------------------------------------------------
// Human

function severityLabel(sev: Severity, style: Style): string {
  switch (sev) {
    case 'error':
      return style.red(style.bold('error'));
    case 'warning':
      return style.yellow(style.bold('warning'));
    case 'info':
      return style.blue(style.bold('info'));
    case 'hint':
      return style.cyan('hint');
  }
}

/** The lines around a range, with a gutter and `^^^` under the range (clipped to its first line). */
export function codeFrame(text: string, range: { start: Pos; end: Pos }, style: Style, context = 1): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, range.start.line - context);
  const last = Math.min(lines.length, range.start.line + context);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const marker = n === range.start.line ? style.red('>') : ' ';
    out.push(`${marker} ${style.dim(String(n).padStart(gutter) + ' |')} ${line}`);
    if (n === range.start.line) {
      const startCol = Math.max(1, range.start.column);
      const endCol = range.end.line === n ? Math.max(range.end.column, startCol + 1) : line.length + 1;
      const width = Math.max(1, Math.min(endCol, line.length + 1) - startCol);
      out.push(`  ${' '.repeat(gutter)} ${style.dim('|')} ${' '.repeat(startCol - 1)}${style.red('^'.repeat(width))}`);
    }
  }
  return out.join('\n');
}

export function formatHuman(diagnostics: FileDiagnostic[], sources: SourceFile[], style: Style): string {
  const texts = new Map(sources.map((s) => [s.file, s.text]));
  const out: string[] = [];
  for (const d of diagnostics) {
    const where = `${d.file}:${d.range.start.line}:${d.range.start.column}`;
    out.push(`${style.bold(where)} ${severityLabel(d.severity, style)} ${d.message} ${style.dim(`[${d.code}]`)}`);
    const text = texts.get(d.file);
    if (text !== undefined) out.push(codeFrame(text, d.range, style));
    for (const fix of d.fixes ?? []) out.push(`  ${style.green('fix:')} ${fix.title}`);
    out.push('');
  }
  out.push(summaryLine(diagnostics, sources.length, style));
  return out.join('\n') + '\n';
}

export function summaryLine(diagnostics: FileDiagnostic[], fileCount: number, style: Style): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const others = diagnostics.length - errors - warnings;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  if (diagnostics.length === 0) return style.green(`no problems in ${files}`);
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
  if (others) parts.push(`${others} note${others === 1 ? '' : 's'}`);
  const text = `${parts.join(', ')} in ${files}`;
  return errors ? style.red(style.bold(text)) : style.yellow(text);
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions annotations (workflow commands)

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(d: FileDiagnostic): string {
  const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const props = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.range.start.line}`,
    `col=${d.range.start.column}`,
    `endLine=${d.range.end.line}`,
    `endColumn=${d.range.end.column}`,
    `title=${escapeProperty(`adql ${d.code}`)}`,
  ];
  return `::${command} ${props.join(',')}::${escapeData(d.message)}\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0

export function toSarif(diagnostics: FileDiagnostic[], toolVersion: string): object {
  const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
  const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'adqlkit',
            version: toolVersion,
            informationUri: 'https://www.ivoa.net/documents/ADQL/',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: `ADQL ${id}` } })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIds.indexOf(d.code),
          level: level(d.severity),
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.replace(/\\/g, '/') },
                region: {
                  startLine: d.range.start.line,
                  startColumn: d.range.start.column,
                  endLine: d.range.end.line,
                  endColumn: d.range.end.column,
                  charOffset: d.range.start.offset,
                  charLength: Math.max(0, d.range.end.offset - d.range.start.offset),
                },
              },
            },
          ],
          ...(d.fixes?.length
            ? {
                fixes: d.fixes.map((f) => ({
                  description: { text: f.title },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: d.file.replace(/\\/g, '/') },
                      replacements: f.edits.map((e) => ({
                        deletedRegion: {
                          startLine: e.range.start.line,
                          startColumn: e.range.start.column,
                          endLine: e.range.end.line,
                          endColumn: e.range.end.column,
                        },
                        insertedContent: { text: e.newText },
                      })),
                    },
                  ],
                })),
              }
            : {}),
        })),
      },
    ],
  };
}
