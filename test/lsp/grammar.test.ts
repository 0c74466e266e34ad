/**
 * The TextMate grammar, exercised with a small tokenizer that applies its patterns the way
 * TextMate engines do (first match wins at each position; begin/end rules for strings, delimited
 * identifiers and comments). Oniguruma's leading (?i) becomes JavaScript's `i` flag.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
}

const grammar = JSON.parse(readFileSync(new URL('../../grammar/adql.tmLanguage.json', import.meta.url), 'utf8')) as {
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
};

function regex(source: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  return new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'iy' : 'y');
}

function flatten(rules: Rule[]): Rule[] {
  return rules.flatMap((r) =>
    r.include ? flatten(grammar.repository[r.include.slice(1)]!.patterns ?? [grammar.repository[r.include.slice(1)]!]) : [r],
  );
}

function tokenize(line: string): Array<[string, string]> {
  const rules = flatten(grammar.patterns);
  const out: Array<[string, string]> = [];
  let i = 0;
  outer: while (i < line.length) {
    for (const rule of rules) {
      const re = regex(rule.match ?? rule.begin!);
      re.lastIndex = i;
      const m = re.exec(line);
      if (!m || m[0].length === 0) continue;
      let end = i + m[0].length;
      if (rule.begin) {
        const endRe = new RegExp(rule.end === '$' ? '$' : rule.end!, 'g');
        const inner = rule.patterns?.map((p) => p.match!).join('|');
        const skip = inner ? new RegExp(inner, 'y') : undefined;
        let j = end;
        for (;;) {
          if (skip) {
            skip.lastIndex = j;
            const s = skip.exec(line);
            if (s) {
              j += s[0].length;
              continue;
            }
          }
          endRe.lastIndex = j;
          const e = endRe.exec(line);
          if (!e || e.index !== j) {
            if (j >= line.length) break;
            j++;
            continue;
          }
          j += e[0].length;
          break;
        }
        end = j;
      }
      out.push([line.slice(i, end), rule.name!]);
      i = end;
      continue outer;
    }
    i++;
  }
  return out;
}

function scopeOf(line: string, text: string): string | undefined {
  return tokenize(line).find(([t]) => t === text)?.[1];
}

describe('TextMate grammar for ADQL', () => {
  it('is a valid grammar for source.adql', () => {
    expect(grammar.scopeName).toBe('source.adql');
    for (const rule of flatten(grammar.patterns)) expect(rule.name).toMatch(/\.adql$/);
  });

  it('scopes keywords case-insensitively, functions, numbers, strings, delimited names and comments', () => {
    const line = `select TOP 10 "Mag""AB", COUNT(*) FROM zcat.main WHERE CONTAINS(POINT(ra, dec), CIRCLE(1.5, -2e3, .5)) = 1 AND name LIKE 'it''s' -- done`;
    expect(scopeOf(line, 'select')).toBe('keyword.other.dml.adql');
    expect(scopeOf(line, 'TOP')).toBe('keyword.other.dml.adql');
    expect(scopeOf(line, '10')).toBe('constant.numeric.integer.adql');
    expect(scopeOf(line, '"Mag""AB"')).toBe('variable.other.delimited.adql');
    expect(scopeOf(line, 'COUNT')).toBe('support.function.aggregate.adql');
    expect(scopeOf(line, 'CONTAINS')).toBe('support.function.geometry.adql');
    expect(scopeOf(line, '1.5')).toBe('constant.numeric.decimal.adql');
    expect(scopeOf(line, '2e3')).toBe('constant.numeric.float.adql');
    expect(scopeOf(line, '.5')).toBe('constant.numeric.decimal.adql');
    expect(scopeOf(line, "'it''s'")).toBe('string.quoted.single.adql');
    expect(scopeOf(line, 'LIKE')).toBe('keyword.operator.logical.adql');
    expect(scopeOf(line, '-- done')).toBe('comment.line.double-dash.adql');
    expect(scopeOf(line, 'zcat')).toBe('variable.other.adql');
  });

  it('marks user-defined calls, types and removed syntax', () => {
    expect(scopeOf("SELECT ivo_hasword(a, 'x')", 'ivo_hasword')).toBe('entity.name.function.user-defined.adql');
    expect(scopeOf('SELECT CAST(x AS DOUBLE PRECISION)', 'DOUBLE PRECISION')).toBe('storage.type.adql');
    expect(scopeOf('SELECT 0xFF', '0xFF')).toBe('invalid.illegal.hex-literal.adql');
    expect(scopeOf('SELECT a & b', '&')).toBe('invalid.illegal.bitwise-operator.adql');
    expect(scopeOf('SELECT a || b', '||')).toBe('keyword.operator.concatenation.adql');
  });
});
