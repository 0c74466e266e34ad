/** Converts checker diagnostics (offsets in one text) to file diagnostics with line/column positions. */
import type { AdqlError } from '../adql/index.js';
import type { CheckDiagnostic } from '../tooling/index.js';
import type { FileDiagnostic, Pos } from './format/diagnostics.js';

/** Offset to 1-based line/column (columns count UTF-16 code units, as editors and SARIF do). */
export function lineIndex(text: string): (offset: number) => Pos {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

export function toFileDiagnostics(file: string, text: string, diagnostics: CheckDiagnostic[]): FileDiagnostic[] {
  const at = lineIndex(text);
  return diagnostics.map((d) => {
    const out: FileDiagnostic = {
      file,
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: { start: at(d.start), end: at(d.end) },
    };
    if (d.fixes.length) {
      out.fixes = d.fixes.map((f) => ({
        title: f.title,
        edits: f.edits.map((e) => ({ range: { start: at(e.start), end: at(e.end) }, newText: e.newText })),
      }));
    }
    return out;
  });
}

/** The parser's errors for one text as file diagnostics (`adql parse`, `adql format`). */
export function syntaxDiagnostics(file: string, text: string, errors: readonly AdqlError[]): FileDiagnostic[] {
  return toFileDiagnostics(
    file,
    text,
    errors.map((e) => ({
      code: 'syntax-error',
      severity: 'error',
      message: e.message,
      start: e.range.start.offset,
      end: e.range.end.offset,
      fixes: [],
      source: 'syntax',
    })),
  );
}
