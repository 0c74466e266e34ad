/** walk / findAll / transform / childrenOf, and usedFeatures. */
import { describe, expect, it } from 'vitest';
import {
  FEATURE_TYPES,
  findAll,
  parse,
  print,
  sameFeatureType,
  transform,
  usedFeatures,
  walk,
  type AdqlNode,
  type ColumnRef,
} from '../../src/adql/index.js';

const ast = (q: string) => parse(q).ast!;

describe('walk and findAll', () => {
  it('visits every node in source order, by kind and with parents', () => {
    const tree = ast('SELECT a, b FROM t WHERE c = 1 AND d IN (SELECT e FROM u)');
    const columns: string[] = [];
    const parents: string[] = [];
    walk(tree, {
      ColumnRef(node, parent) {
        columns.push(node.column.name);
        parents.push(parent!.kind);
      },
    });
    expect(columns).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(parents).toEqual(['SelectColumn', 'SelectColumn', 'Comparison', 'InSubquery', 'SelectColumn']);
    expect(findAll(tree, 'TableRef').map((t) => t.name.table.name)).toEqual(['t', 'u']);
  });
  it('skips a subtree when a callback returns false, and calls leave after children', () => {
    const tree = ast('SELECT a FROM t WHERE b IN (SELECT c FROM u)');
    const seen: string[] = [];
    walk(tree, {
      InSubquery: () => false,
      leave(node) {
        if (node.kind === 'ColumnRef') seen.push((node as ColumnRef).column.name);
      },
    });
    expect(seen).toEqual(['a']);
  });
  it('walks very deep trees without recursion', () => {
    let node: AdqlNode = { kind: 'NumericLiteral', text: '1', value: 1 };
    for (let i = 0; i < 100_000; i++) node = { kind: 'Unary', op: '-', operand: node as never };
    let count = 0;
    walk(node, () => {
      count++;
    });
    expect(count).toBe(100_001);
  });
});

describe('transform', () => {
  it('rewrites nodes bottom-up without touching the input', () => {
    const tree = ast('SELECT ra, dec FROM t WHERE ra > 10');
    const before = print(tree);
    const renamed = transform(tree, (node) =>
      node.kind === 'ColumnRef' && node.column.name === 'ra' ? { ...node, column: { ...node.column, name: 's_ra' } } : undefined,
    );
    expect(print(renamed)).toBe('SELECT s_ra, dec FROM t WHERE s_ra > 10');
    expect(print(tree)).toBe(before);
    expect((renamed as typeof tree & { from: unknown[] }).from).toBe((tree as typeof tree & { from: unknown[] }).from);
  });
  it('can replace a whole clause', () => {
    const tree = ast('SELECT a FROM t WHERE x = 1');
    const out = transform(tree, (node) => (node.kind === 'Select' ? { ...node, top: 10 } : undefined));
    expect(print(out)).toBe('SELECT TOP 10 a FROM t WHERE x = 1');
  });
});

describe('usedFeatures', () => {
  it('lists the TAPRegExt features a query uses, each once with every place', () => {
    const text =
      "WITH x AS (SELECT a FROM t) SELECT LOWER(a), CAST(a AS INTEGER), COALESCE(a, 1), IN_UNIT(a, 'deg'), ivo_hasword(a, 'b'), ivo_hasword(b, 'c') FROM x " +
      "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 1, 2, 3)) AND a ILIKE 'x' UNION SELECT a FROM u OFFSET 5";
    const features = usedFeatures(ast(text));
    const names = features.map((f) => `${f.type.split('#')[1]}:${f.name}`).sort();
    expect(names).toEqual(
      [
        'features-adql-common-table:WITH',
        'features-adql-string:LOWER',
        'features-adql-type:CAST',
        'features-adql-conditional:COALESCE',
        'features-adql-unit:IN_UNIT',
        'features-udf:ivo_hasword',
        'features-adqlgeo:CONTAINS',
        'features-adqlgeo:POINT',
        'features-adqlgeo:CIRCLE',
        'features-adql-string:ILIKE',
        'features-adql-sets:UNION',
        'features-adql-offset:OFFSET',
      ].sort(),
    );
    const udf = features.find((f) => f.type === FEATURE_TYPES.udf)!;
    expect(udf.arity).toBe(2);
    expect(udf.ranges).toHaveLength(2);
    expect(text.slice(udf.ranges[0]!.start.offset, udf.ranges[0]!.end.offset)).toBe("ivo_hasword(a, 'b')");
  });
  it('is empty for plain ADQL and compares type IVOIDs case-insensitively', () => {
    expect(usedFeatures(ast("SELECT a FROM t WHERE b LIKE 'x' ORDER BY a"))).toEqual([]);
    expect(sameFeatureType(FEATURE_TYPES.geometry, 'ivo://ivoa.net/std/TAPRegExt#features-adqlgeo')).toBe(true);
  });
});
