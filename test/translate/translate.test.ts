import { describe, expect, it } from 'vitest';
import { parse, type QueryExpression } from '../../src/adql/index.js';
import { type Catalog, type TableInfo, TranslateError, conversionFactor, translate } from '../../src/engine/translate/index.js';

const MAIN: TableInfo = {
  schema: 'zcat',
  name: 'main',
  sql: '"zcat"."main"',
  columns: [
    { name: 'id', datatype: 'int' },
    { name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra' },
    { name: 'dec', datatype: 'double', unit: 'deg', ucd: 'pos.eq.dec' },
    { name: 'vel', datatype: 'float', unit: 'km/s' },
    { name: 'MagAB', datatype: 'float', unit: 'mag' },
    { name: 'pos', datatype: 'double', arraysize: '2', xtype: 'point' },
  ],
};
const OTHER: TableInfo = {
  schema: 'zcat',
  name: 'other',
  sql: '"zcat"."other"',
  columns: [
    { name: 'id', datatype: 'int' },
    { name: 'z', datatype: 'double' },
  ],
};

const catalog: Catalog = {
  findTable: (schema, table) =>
    [MAIN, OTHER].find((t) => t.name === table.toLowerCase() && (schema === undefined || schema.toLowerCase() === t.schema)),
};

function ast(adql: string): QueryExpression {
  const { ast: tree, errors } = parse(adql);
  if (errors.length || !tree) throw new Error(`test query does not parse: ${errors[0]?.message}`);
  return tree;
}

const sql = (adql: string, rowLimit?: number) => translate(ast(adql), { catalog, ...(rowLimit !== undefined ? { rowLimit } : {}) }).sql;

function translateError(adql: string): TranslateError {
  try {
    translate(ast(adql), { catalog });
  } catch (err) {
    if (err instanceof TranslateError) return err;
    throw err;
  }
  throw new Error(`expected a TranslateError for ${adql}`);
}

describe('query structure', () => {
  it('TOP, OFFSET and the MAXREC row cap', () => {
    expect(sql('SELECT TOP 5 id FROM zcat.main ORDER BY id')).toMatch(/ORDER BY "main"\."id"|ORDER BY "id" LIMIT 5$/);
    expect(sql('SELECT TOP 5 id FROM zcat.main ORDER BY id OFFSET 10')).toMatch(/LIMIT 5 OFFSET 10$/);
    expect(sql('SELECT TOP 50 id FROM zcat.main', 11)).toMatch(/LIMIT 11$/);
    expect(sql('SELECT TOP 5 id FROM zcat.main', 11)).toMatch(/LIMIT 5$/);
    expect(sql('SELECT id FROM zcat.main')).not.toMatch(/LIMIT/);
  });

  it('set operations keep ALL, parenthesise operands and cap the whole result', () => {
    const s = sql('SELECT id FROM zcat.main UNION ALL SELECT id FROM zcat.other ORDER BY 1', 101);
    expect(s).toMatch(/^\(SELECT .*\) UNION ALL \(SELECT .*\) ORDER BY 1 LIMIT 101$/);
    expect(sql('SELECT id FROM zcat.main INTERSECT SELECT id FROM zcat.other')).toContain(') INTERSECT (');
    expect(sql('SELECT id FROM zcat.main EXCEPT SELECT id FROM zcat.other')).toContain(') EXCEPT (');
  });

  it('common table expressions resolve before the catalogue', () => {
    const s = sql('WITH b AS (SELECT id, ra FROM zcat.main WHERE ra > 10) SELECT b.id FROM b');
    expect(s).toMatch(/^WITH "b" AS \(SELECT .*\) SELECT "b"\."id" AS "id" FROM "b"$/);
  });

  it('every join form', () => {
    expect(sql('SELECT m.id FROM zcat.main AS m JOIN zcat.other AS o ON m.id = o.id')).toContain('INNER JOIN');
    expect(sql('SELECT id FROM zcat.main LEFT OUTER JOIN zcat.other USING (id)')).toContain(
      'LEFT OUTER JOIN "zcat"."other" AS "other" USING ("id")',
    );
    expect(sql('SELECT id FROM zcat.main RIGHT JOIN zcat.other USING (id)')).toContain('RIGHT JOIN');
    expect(sql('SELECT id FROM zcat.main FULL OUTER JOIN zcat.other USING (id)')).toContain('FULL OUTER JOIN');
    expect(sql('SELECT id FROM zcat.main NATURAL JOIN zcat.other')).toContain('NATURAL INNER JOIN');
    expect(sql('SELECT m.id FROM zcat.main AS m, zcat.other AS o WHERE m.id = o.id')).toContain('AS "m", "zcat"."other" AS "o"');
  });

  it('fully qualified column names use the table alias', () => {
    expect(sql('SELECT zcat.main.ra FROM zcat.main')).toContain('"main"."ra"');
  });

  it('functions map to the engine: LOG is ln, TRUNCATE, MOD, CAST, COALESCE, string functions', () => {
    const s = sql(
      "SELECT LOG(ra) AS a, LOG10(ra) AS b, TRUNCATE(ra, 2) AS c, MOD(id, 3) AS d, CAST(id AS CHAR(4)) AS e, COALESCE(vel, 0) AS f, LOWER('X') || UPPER('y') AS g FROM zcat.main",
    );
    expect(s).toContain('ln(');
    expect(s).toContain('log10(');
    expect(s).toContain('trunc(');
    expect(s).toContain('%');
    expect(s).toContain('rpad(left(CAST("id" AS VARCHAR), 4), 4, \' \')');
    expect(s).toContain('coalesce(');
    expect(s).toMatch(/lower\('X'\) \|\| upper\('y'\)/);
  });

  it('approximate literals are doubles, exact integers stay integers', () => {
    expect(sql('SELECT 1.5 AS x, 2 AS y FROM zcat.main')).toContain('CAST(1.5 AS DOUBLE) AS "x", 2 AS "y"');
  });

  it('unaliased outputs get names and duplicates are made unique', () => {
    const t = translate(ast('SELECT id, id, COUNT(*), DISTANCE(POINT(ra, dec), POINT(1, 2)) FROM zcat.main GROUP BY id'), { catalog });
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'id_1', 'count', 'distance']);
    expect(t.columns[0]!.source?.name).toBe('id');
  });

  it('geometry outputs carry their xtype', () => {
    const t = translate(ast('SELECT POINT(ra, dec) AS p, CIRCLE(1, 2, 3) AS c, POLYGON(1, 2, 3, 4, 5, 6) AS g, pos FROM zcat.main'), {
      catalog,
    });
    expect(t.columns.map((c) => c.xtype)).toEqual(['point', 'circle', 'polygon', 'point']);
  });

  it('IN_UNIT multiplies by the conversion factor of the column unit', () => {
    expect(sql("SELECT IN_UNIT(ra, 'arcsec') AS a FROM zcat.main")).toContain('* 3600');
    expect(sql("SELECT IN_UNIT(vel, 'm/s') AS a FROM zcat.main")).toContain('* 1000');
  });

  it('ivo_* user-defined functions', () => {
    expect(sql("SELECT ivo_hasword('a b', 'b') AS h, ivo_nocasematch('A', 'a') AS n FROM zcat.main")).toContain('ILIKE');
  });
});

describe('cone searches get a cheap bounding prefilter', () => {
  it('declination band and RA window before the exact haversine test', () => {
    const s = sql('SELECT id FROM zcat.main WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(150, 2, 1))');
    expect(s).toMatch(/\("dec"\)\) >= 1\)/);
    expect(s).toMatch(/\("dec"\)\) <= 3\)/);
    expect(s).toMatch(/% 360/);
    expect(s).toMatch(/<= 0\.0000761524/);
  });

  it('no RA window when the cone reaches a pole', () => {
    const s = sql('SELECT id FROM zcat.main WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(10, 88, 3))');
    expect(s).not.toMatch(/% 360/);
    expect(s).toMatch(/>= 85\)/);
  });

  it('a DISTANCE comparison in a join becomes a band join plus the exact test', () => {
    const s = sql('SELECT a.id FROM zcat.main AS a JOIN zcat.main AS b ON DISTANCE(POINT(a.ra, a.dec), POINT(b.ra, b.dec)) < 0.01');
    expect(s).toContain('(("a"."dec")) >= ((("b"."dec")) - 0.01)');
    expect(s).toContain('(("a"."dec")) <= ((("b"."dec")) + 0.01)');
  });

  it('CONTAINS(...) = 0 negates the exact test', () => {
    expect(sql('SELECT id FROM zcat.main WHERE CONTAINS(POINT(ra, dec), CIRCLE(150, 2, 1)) = 0')).toMatch(/NOT \(/);
  });
});

describe('clear errors with positions', () => {
  it('unknown table', () => {
    const e = translateError('SELECT x FROM zcat.nosuch');
    expect(e.message).toMatch(/table zcat\.nosuch not found/);
    expect(e.range?.start.column).toBe(15);
  });

  it('REGION is not supported', () => {
    const q = "SELECT id FROM zcat.main WHERE 1 = CONTAINS(POINT(ra, dec), REGION('Circle ICRS 1 2 3'))";
    const e = translateError(q);
    expect(e.message).toMatch(/REGION is not supported.*POINT, CIRCLE, BOX or POLYGON/);
    expect(e.range?.start.column).toBe(q.indexOf('REGION') + 1);
  });

  it('IN_UNIT with incompatible or unknown units, or a column without unit', () => {
    expect(translateError("SELECT IN_UNIT(ra, 'km') FROM zcat.main").message).toMatch(/cannot convert "deg" to "km"/);
    expect(translateError("SELECT IN_UNIT(ra, 'furlong') FROM zcat.main").message).toMatch(/unknown unit "furlong"/);
    expect(translateError("SELECT IN_UNIT(MagAB, 'Jy') FROM zcat.main").message).toMatch(/logarithmic/);
    expect(translateError("SELECT IN_UNIT(id, 'm') FROM zcat.main").message).toMatch(/known unit/);
  });

  it('delimited identifiers are case-sensitive', () => {
    const e = translateError('SELECT "magab" FROM zcat.main');
    expect(e.message).toMatch(/column "magab" not found.*the column is "MagAB"/);
    expect(sql('SELECT "MagAB" FROM zcat.main')).toContain('"MagAB"');
  });

  it('unknown user-defined functions name the ones that exist', () => {
    expect(translateError('SELECT gavo_foo(ra) FROM zcat.main').message).toMatch(/unknown function gavo_foo.*ivo_hasword/);
  });

  it('self-crossing polygons are refused', () => {
    expect(
      translateError('SELECT id FROM zcat.main WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(0, 0, 10, 10, 10, 0, 0, 10))').message,
    ).toMatch(/not simple/);
  });

  it('a polygon edge between antipodes is refused', () => {
    expect(translateError('SELECT id FROM zcat.main WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(0, 0, 180, 0, 90, 45))').message).toMatch(
      /antipodal/,
    );
  });
});

describe('units', () => {
  it('converts angles, velocities, distances, flux densities and times', () => {
    expect(conversionFactor('deg', 'arcsec')).toBeCloseTo(3600, 9);
    expect(conversionFactor('mas', 'deg')).toBeCloseTo(1 / 3.6e6, 15);
    expect(conversionFactor('km/s', 'm.s**-1')).toBeCloseTo(1000, 9);
    expect(conversionFactor('kpc', 'pc')).toBeCloseTo(1000, 9);
    expect(conversionFactor('mJy', 'Jy')).toBeCloseTo(1e-3, 15);
    expect(conversionFactor('d', 'h')).toBeCloseTo(24, 12);
    expect(conversionFactor('yr', 's')).toBeCloseTo(31557600, 3);
    expect(() => conversionFactor('deg', 's')).toThrow(/different quantities/);
  });
});
