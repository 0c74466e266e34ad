/**
 * Conformance corpora read from ../shared (never copied into the repository): the IVOA lyonetia
 * suite and the ADQL queries of the seed tutorials. Each loader returns undefined when ../shared is
 * absent, so suites can skip with a printed reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const lyonetiaDir = path.join(sharedDir, 'corpora/lyonetia/ivoa');
export const seedsDir = path.join(sharedDir, 'seeds');

export interface LyonetiaCase {
  file: string;
  uuid: string;
  description: string;
  query: string;
  valid: boolean;
  version: '2.0' | '2.1';
  /** UDF signatures declared by the test file and the case (<functions><function><form>name(...) -> type). */
  declaredUdfs: string[];
}

export function loadLyonetia(): LyonetiaCase[] | undefined {
  if (!existsSync(lyonetiaDir)) return undefined;
  const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    trimValues: false,
    isArray: (name) => ['query', 'function'].includes(name),
  });
  const cases: LyonetiaCase[] = [];
  for (const file of readdirSync(lyonetiaDir)
    .filter((f) => f.endsWith('.xml'))
    .sort()) {
    const doc = xml.parse(readFileSync(path.join(lyonetiaDir, file), 'utf8')) as {
      queries: { query?: Array<Record<string, unknown>>; functions?: { function?: Array<{ form?: string }> } };
    };
    const forms = (functions: { function?: Array<{ form?: string }> } | undefined) =>
      (functions?.function ?? []).map((f) => String(f.form ?? '').trim()).filter((f) => f !== '');
    const declaredUdfs = forms(doc.queries.functions);
    for (const q of doc.queries.query ?? []) {
      const ownUdfs = forms(q['functions'] as { function?: Array<{ form?: string }> } | undefined);
      const adql = q['adql'] as Record<string, string> | string;
      const text = typeof adql === 'string' ? adql : (adql['#text'] ?? '');
      const valid = typeof adql === 'string' ? false : adql['@valid'] === 'true';
      const version = typeof adql !== 'string' && adql['@version'] === 'adql-2.0' ? '2.0' : '2.1';
      cases.push({
        file,
        uuid: String(q['@uuid']),
        description: String(q['description'] ?? '')
          .trim()
          .replace(/\s+/g, ' '),
        query: text,
        valid,
        version,
        declaredUdfs: [...declaredUdfs, ...ownUdfs],
      });
    }
  }
  return cases;
}

export interface SeedQuery {
  file: string;
  line: number;
  query: string;
}

const TRIPLE = /(?:^|\n)[ \t]*(?:(\w+)[ \t]*=[ \t]*)?[rRfF]{0,2}("""|''')([\s\S]*?)\2/g;
const SINGLE = /"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'/g;

/**
 * ADQL queries of the seed tutorials (Jupyter notebooks exported as text), found three ways:
 * 1. printed output lines that start with SELECT (the final text a cell printed);
 * 2. triple-quoted Python strings starting with SELECT/WITH (f-string `{var}` placeholders naming
 *    an earlier triple-quoted query are expanded; other placeholders become the number 1);
 * 3. Python assignments concatenating single-line strings, where non-literal operands (`str(x)`,
 *    variables) become the number 1.
 */
export function loadSeedQueries(): SeedQuery[] | undefined {
  if (!existsSync(seedsDir)) return undefined;
  const out: SeedQuery[] = [];
  const seen = new Set<string>();
  const add = (file: string, line: number, query: string) => {
    const key = query.replace(/\s+/g, ' ').trim();
    if (!/^(SELECT|WITH)\b/i.test(key) || seen.has(key)) return;
    seen.add(key);
    out.push({ file, line, query });
  };
  for (const file of readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(path.join(seedsDir, file), 'utf8');
    const lines = text.split('\n');
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    lines.forEach((l, i) => {
      if (/^SELECT\s.*\sFROM\s/i.test(l)) add(file, i + 1, l);
    });
    const named = new Map<string, string>();
    for (const m of text.matchAll(TRIPLE)) {
      const body = m[3]!
        .replace(/\{(\w+)\}/g, (all, v: string) => named.get(v) ?? all)
        .replace(/\{[^{}]*\}/g, '1')
        .trim();
      if (m[1]) named.set(m[1], body);
      add(file, lineOf(m.index! + 1), body);
    }
    for (let i = 0; i < lines.length; i++) {
      const eq = /^\s*\w+\s*=\s*(?=["'])/.exec(lines[i]!);
      if (!eq || /^\s*\w+\s*=\s*[rRfF]{0,2}("""|''')/.test(lines[i]!)) continue;
      let stmt = lines[i]!.slice(eq[0].length);
      let j = i;
      while (/\\\s*$/.test(lines[j]!) && j + 1 < lines.length) stmt += '\n' + lines[++j];
      const parts: string[] = [];
      let last = 0;
      for (const m of stmt.matchAll(SINGLE)) {
        const between = stmt.slice(last, m.index).replace(/[\s\\+]/g, '');
        if (between !== '' && parts.length > 0) parts.push('1');
        parts.push((m[1] ?? m[2] ?? '').replace(/\\(["'\\])/g, '$1'));
        last = m.index! + m[0].length;
      }
      add(file, i + 1, parts.join(''));
    }
  }
  return out;
}
