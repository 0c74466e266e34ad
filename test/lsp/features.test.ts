import { describe, expect, it } from 'vitest';
import { complete } from '../../src/lsp/completion.js';
import { definitionAt } from '../../src/lsp/definition.js';
import { hoverAt } from '../../src/lsp/hover.js';
import { buildModel } from '../../src/lsp/model.js';
import { signatureAt } from '../../src/lsp/signature.js';
import { scanTokens } from '../../src/lsp/tokens.js';
import { ServiceSchema } from '../../src/schema/index.js';
import { editorSchemaOf } from '../../src/tooling/index.js';
import { zcatSchema } from './fixtures.js';

/** Splits `text` at the `|` cursor marker. */
function at(marked: string): { model: ReturnType<typeof buildModel>; offset: number } {
  const offset = marked.indexOf('|');
  return { model: buildModel(marked.slice(0, offset) + marked.slice(offset + 1)), offset };
}

function labels(marked: string): string[] {
  const { model, offset } = at(marked);
  return complete(model, offset, zcatSchema).items.map((i) => i.label);
}

describe('tokens', () => {
  it('scans strings with quotes, delimited names, numbers, comments, operators', () => {
    const toks = scanTokens(`SELECT "Mag""AB", 'it''s', 1.5e3, .5 -- note\nFROM t WHERE a<>b || c`);
    expect(toks.map((t) => t.type + ':' + t.text)).toEqual([
      'word:SELECT',
      'delimited:Mag"AB',
      'punct:,',
      "string:'it''s'",
      'punct:,',
      'number:1.5e3',
      'punct:,',
      'number:.5',
      'word:FROM',
      'word:t',
      'word:WHERE',
      'word:a',
      'op:<>',
      'word:b',
      'op:||',
      'word:c',
    ]);
  });
});

describe('completion', () => {
  it('offers tables and schemas after FROM and JOIN', () => {
    expect(labels('SELECT * FROM |')).toEqual(expect.arrayContaining(['zcat.main', 'zcat.truth_match', 'zcat']));
    expect(labels('SELECT * FROM zcat.main AS m JOIN zcat.tr|')).toEqual(['truth_match']);
    expect(labels('SELECT * FROM zcat.main AS m JOIN tr|')).toEqual(['zcat.truth_match']);
    expect(labels('SELECT * FROM zcat.|')).toEqual(['main', 'truth_match', 'photometry']);
  });

  it('offers the columns of an alias after alias-dot, quoting delimited ones', () => {
    expect(labels('SELECT m.| FROM zcat.main AS m')).toEqual(['id', 'ra', 'dec', 'z']);
    expect(labels('SELECT t.z| FROM zcat.main m JOIN zcat.truth_match t ON m.id = t.id')).toEqual(['z_true']);
    const { model, offset } = at('SELECT p.| FROM zcat.photometry p');
    expect(complete(model, offset, zcatSchema).items[0]).toMatchObject({ label: 'MagAB', insertText: '"MagAB"' });
  });

  it('offers columns in scope, aliases, functions and fitting keywords in expressions', () => {
    const where = labels('SELECT * FROM zcat.main AS m WHERE |');
    expect(where).toEqual(expect.arrayContaining(['ra', 'dec', 'z', 'm', 'CONTAINS', 'ivo_hasword', 'AND', 'BETWEEN']));
    expect(where).not.toContain('truth_match');
    expect(labels('SELECT * FROM zcat.main WHERE d|')).toEqual(expect.arrayContaining(['dec', 'DEGREES', 'DISTANCE']));
    expect(labels('SELECT |')).toEqual(expect.arrayContaining(['DISTINCT', 'TOP']));
    expect(labels('|')).toEqual(['SELECT', 'WITH']);
    expect(labels('SELECT * FROM zcat.main m |')).toEqual(expect.arrayContaining(['WHERE', 'JOIN', 'ORDER BY']));
    expect(labels('SELECT ra AS alpha FROM zcat.main ORDER BY |')).toEqual(expect.arrayContaining(['alpha', 'ASC', 'DESC']));
  });

  it('marks a column present in two joined tables as ambiguous', () => {
    const { model, offset } = at('SELECT | FROM zcat.main m JOIN zcat.truth_match t USING (id)');
    const id = complete(model, offset, zcatSchema).items.find((i) => i.label === 'id');
    expect(id?.detail).toContain('ambiguous');
  });

  it('offers CTE names as tables', () => {
    expect(labels('WITH near AS (SELECT * FROM zcat.main) SELECT * FROM n|')).toEqual(['near']);
  });
});

describe('hover', () => {
  it('shows a column type, unit, UCD and description', () => {
    const { model, offset } = at('SELECT m.r|a FROM zcat.main AS m');
    const h = hoverAt(model, offset, zcatSchema)!;
    expect(h.contents).toContain('**ra** in `zcat.main`');
    expect(h.contents).toContain('unit: `deg`');
    expect(h.contents).toContain('UCD: `pos.eq.ra;meta.main`');
    expect(h.contents).toContain('Right ascension (ICRS)');
    expect(model.text.slice(h.start, h.end)).toBe('ra');
  });

  it("finds columns by the validator's matching rule, TAP_SCHEMA names stored with their quotes included", () => {
    // HEASARC stores a name that must be delimited with its quotes: "__row" is a delimited column.
    const heasarc = editorSchemaOf(
      new ServiceSchema({
        schemas: [],
        foreignKeys: [],
        tables: [
          {
            name: 'cat.t',
            columns: [
              { name: '"__row"', datatype: 'long', description: 'Row number' },
              { name: 'Dec', datatype: 'double' },
            ],
          },
        ],
      }),
    );
    const quoted = at('SELECT "__r|ow" FROM cat.t');
    expect(hoverAt(quoted.model, quoted.offset, heasarc)?.contents).toContain('Row number');
    const regular = at('SELECT DE|C FROM cat.t');
    expect(hoverAt(regular.model, regular.offset, heasarc)?.contents).toContain('in `cat.t`');
    // a delimited query name must equal the stored spelling of a regular one
    const exact = at('SELECT "DE|C" FROM cat.t');
    expect(hoverAt(exact.model, exact.offset, heasarc)).toBeUndefined();
  });

  it('shows function docs, table descriptions and aliases', () => {
    const f = at('SELECT * FROM zcat.main WHERE CONT|AINS(POINT(ra, dec), CIRCLE(1, 2, 3)) = 1');
    expect(hoverAt(f.model, f.offset, zcatSchema)!.contents).toContain('CONTAINS(geometry, geometry) → INTEGER');
    const t = at('SELECT * FROM zcat.ma|in');
    expect(hoverAt(t.model, t.offset, zcatSchema)!.contents).toContain('Galaxy redshift catalogue');
    const a = at('SELECT g|.ra FROM zcat.main AS g');
    expect(hoverAt(a.model, a.offset, zcatSchema)!.contents).toContain('alias of `zcat.main`');
  });
});

describe('signature help', () => {
  it('finds the innermost call and the active argument', () => {
    const s = at('SELECT * FROM t WHERE CONTAINS(POINT(ra, dec), CIRCLE(10, 20, |');
    const help = signatureAt(s.model, s.offset, zcatSchema)!;
    expect(help.signatures[0]!.label).toContain('CIRCLE(ra, dec, radius)');
    expect(help.activeParameter).toBe(2);
    const u = at('SELECT * FROM t WHERE ivo_hasword(descr, |');
    expect(signatureAt(u.model, u.offset, zcatSchema)!.signatures[0]!.label).toBe('ivo_hasword(haystack TEXT, needle TEXT) → INTEGER');
  });
});

describe('go to definition', () => {
  it('jumps from an alias use to its declaration and from a CTE use to WITH', () => {
    const a = at('SELECT g|.ra FROM zcat.main AS g');
    const target = definitionAt(a.model, a.offset)!;
    expect(a.model.text.slice(target.start, target.end)).toBe('g');
    expect(target.start).toBe(a.model.text.lastIndexOf('g'));
    const c = at('WITH near AS (SELECT 1 AS x FROM zcat.main) SELECT * FROM ne|ar');
    expect(definitionAt(c.model, c.offset)!.start).toBe(5);
  });

  it('matches names by the ADQL rule of names.ts: a regular alias g is the delimited "G" (upper-case fold)', () => {
    const a = at('SELECT "G"|.ra FROM zcat.main AS g');
    const target = definitionAt(a.model, a.offset)!;
    expect(a.model.text.slice(target.start, target.end)).toBe('g');
    const b = at('SELECT "Gx"|.ra FROM zcat.main AS gx');
    expect(definitionAt(b.model, b.offset)).toBeUndefined();
  });
});
