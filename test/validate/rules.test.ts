import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/validate/index.js';
import { at, codes, run, zcatSchema } from './helpers.js';

describe('aggregation', () => {
  it.each([
    ['SELECT morph_type, COUNT(*) FROM zcat.main GROUP BY morph_type'],
    ['SELECT COUNT(*), AVG(bmag), MAX(obs_date) FROM zcat.main'],
    ['SELECT FLOOR(bmag) AS b, COUNT(*) FROM zcat.main GROUP BY FLOOR(bmag)'],
    ['SELECT FLOOR(bmag) AS b, COUNT(*) FROM zcat.main GROUP BY b'],
    ['SELECT m.morph_type, COUNT(*) AS n FROM zcat.main AS m GROUP BY morph_type HAVING COUNT(*) > 10 ORDER BY n DESC'],
    ['SELECT morph_type FROM zcat.main GROUP BY morph_type HAVING AVG(bmag) < 15'],
  ])('accepts %s', (q) => {
    expect(codes(q)).toEqual([]);
  });

  it('non-aggregated select column missing from GROUP BY, with a fix that adds it', () => {
    const q = 'SELECT morph_type, name, COUNT(*) FROM zcat.main GROUP BY morph_type';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['ungrouped-column']);
    expect(at(q, 'ungrouped-column')).toEqual(['name']);
    expect(r[0]!.related![0]!.message).toContain('GROUP BY');
    expect(applyFix(q, r[0]!.fixes![0]!)).toBe('SELECT morph_type, name, COUNT(*) FROM zcat.main GROUP BY morph_type, name');
  });

  it('aggregate without GROUP BY next to a plain column', () => {
    const q = 'SELECT ra, COUNT(*) FROM zcat.main';
    expect(codes(q)).toEqual(['ungrouped-column']);
    expect(at(q, 'ungrouped-column')).toEqual(['ra']);
  });

  it('aggregates in WHERE, GROUP BY, nested, and in ON', () => {
    const q = 'SELECT id FROM zcat.main WHERE bmag > AVG(bmag)';
    expect(codes(q)).toEqual(['aggregate-in-where']);
    expect(at(q, 'aggregate-in-where')).toEqual(['AVG(bmag)']);
    expect(codes('SELECT COUNT(*) FROM zcat.main GROUP BY COUNT(*)')).toContain('aggregate-in-group-by');
    expect(codes('SELECT MAX(AVG(bmag)) FROM zcat.main')).toEqual(['nested-aggregate']);
    expect(codes('SELECT m.id FROM zcat.main AS m JOIN zcat.truth_match AS t ON MAX(t.true_z) > 1')).toEqual([
      'aggregate-in-join-condition',
    ]);
    // an aggregate in a subquery of WHERE is fine
    expect(codes('SELECT id FROM zcat.main WHERE bmag < (SELECT AVG(bmag) FROM zcat.main)').filter((c) => c !== 'syntax-error')).toEqual(
      [],
    );
  });

  it('HAVING without GROUP BY, and ungrouped columns in HAVING/ORDER BY', () => {
    expect(codes('SELECT COUNT(*) FROM zcat.main HAVING COUNT(*) > 1')).toEqual(['having-without-group-by']);
    expect(codes('SELECT morph_type, COUNT(*) FROM zcat.main GROUP BY morph_type HAVING bmag > 1')).toEqual(['ungrouped-column']);
    expect(codes('SELECT morph_type, COUNT(*) FROM zcat.main GROUP BY morph_type ORDER BY bmag')).toEqual(['ungrouped-column']);
  });

  it('* with GROUP BY', () => {
    expect(codes('SELECT * FROM zcat.main GROUP BY id')).toEqual(['ungrouped-column']);
  });
});

describe('functions', () => {
  it.each([
    ['SELECT ABS(ra), CEILING(dec), DEGREES(1), EXP(1), FLOOR(1.5), LOG(2), LOG10(10), MOD(id, 3), PI(), POWER(2, 3) FROM zcat.main'],
    ['SELECT RADIANS(ra), RAND(), RAND(1), ROUND(bmag), ROUND(bmag, 2), SQRT(2), TRUNCATE(1.5), TRUNCATE(1.55, 1) FROM zcat.main'],
    ['SELECT ACOS(0.5), ASIN(0.5), ATAN(1), ATAN2(1, 2), COS(1), COT(1), SIN(1), TAN(1) FROM zcat.main'],
    ["SELECT LOWER(name), COALESCE(morph_type, 'none'), IN_UNIT(ra, 'rad'), CAST(id AS DOUBLE PRECISION) FROM zcat.main"],
    ['SELECT AREA(CIRCLE(ra, dec, 1)), CENTROID(BOX(ra, dec, 1, 1)), COORD1(POINT(ra, dec)), COORD2(POINT(ra, dec)) FROM zcat.main'],
    ['SELECT DISTANCE(POINT(ra, dec), POINT(150, 2)), DISTANCE(ra, dec, 150, 2) FROM zcat.main'],
    ["SELECT id FROM zcat.main WHERE CONTAINS(POINT('ICRS', ra, dec), POLYGON('ICRS', 1, 2, 3, 4, 5, 6)) = 1"],
    ["SELECT id FROM zcat.main WHERE INTERSECTS(CIRCLE(POINT(ra, dec), 1), REGION('CIRCLE ICRS 150 2 1')) = 0"],
    ['SELECT f.id FROM zcat.fov AS f WHERE CONTAINS(f.center, f.footprint) = 1 AND DISTANCE(f.center, POINT(1, 2)) < 1'],
    ["SELECT ivo_hasword(name, 'x'), gavo_specconv(ra, 'Hz'), gavo_specconv(ra, 'nm', 'Hz'), gavo_to_jd(obs_date) FROM zcat.main"],
    ['SELECT COORD1(ivo_healpix_center(4, 100)) FROM zcat.main'],
  ])('accepts %s', (q) => {
    expect(codes(q)).toEqual([]);
  });

  it('arity of built-ins (the parser reports it for text; the validator for built ASTs)', async () => {
    const q = 'SELECT ROUND(ra, 1, 2), PI(1), MOD(id) FROM zcat.main';
    expect(codes(q)).toEqual(['syntax-error', 'syntax-error', 'syntax-error']);
    const { parse } = await import('../../src/adql/index.js');
    const { validate } = await import('../../src/validate/index.js');
    const r = validate(parse(q, { recover: true }).ast!, zcatSchema());
    expect(r.map((d) => d.code)).toEqual(['function-arity', 'function-arity', 'function-arity']);
    expect(r[0]!.message).toBe('ROUND takes 1 or 2 arguments, found 3');
    expect(r.map((d) => q.slice(d.range!.start.offset, d.range!.end.offset))).toEqual(['ROUND(ra, 1, 2)', 'PI(1)', 'MOD(id)']);
    // a built tree with DISTANCE of three arguments (the builder makes trees without the parser)
    const built = parse('SELECT DISTANCE(POINT(1, 2), POINT(3, 4)) FROM zcat.main').ast!;
    const call = (built as { columns: Array<{ expr: { args: unknown[] } }> }).columns[0]!.expr;
    call.args.push(call.args[1]);
    expect(validate(built, zcatSchema()).map((d) => [d.code, d.message])).toEqual([
      ['function-arity', 'DISTANCE takes 2 or 4 arguments, found 3'],
    ]);
  });

  it('argument types of built-ins', () => {
    const q = 'SELECT SQRT(name), LOWER(ra), COORD1(CENTROID(CIRCLE(1, 2, 3))), COORD2(f.footprint) FROM zcat.fov AS f, zcat.main';
    expect(codes(q)).toEqual(['argument-type', 'argument-type', 'argument-type']);
    expect(at(q, 'argument-type')).toEqual(['name', 'ra', 'f.footprint']);
    // arguments that do not fit the signature as a whole: one error on the call, the arguments related
    const q2 = 'SELECT id FROM zcat.main WHERE CONTAINS(ra, dec) = 1';
    const r2 = run(q2);
    expect(r2.map((d) => d.code)).toEqual(['argument-type']);
    expect(at(q2, 'argument-type')).toEqual(['CONTAINS(ra, dec)']);
    expect(r2[0]!.related!.map((x) => q2.slice(x.range.start.offset, x.range.end.offset))).toEqual(['ra', 'dec']);
    const q3 = 'SELECT DISTANCE(POINT(ra, dec), CIRCLE(1, 2, 3)) FROM zcat.main';
    expect(at(q3, 'argument-type')).toEqual(['DISTANCE(POINT(ra, dec), CIRCLE(1, 2, 3))']);
    expect(codes('SELECT AVG(name) FROM zcat.main')).toEqual(['argument-type']);
    expect(codes('SELECT MAX(POINT(ra, dec)) FROM zcat.main')).toEqual(['argument-type']);
  });

  it('UDFs from the TAPRegExt signatures: arity and argument types', () => {
    const q = 'SELECT ivo_hasword(name) FROM zcat.main';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['function-arity']);
    expect(r[0]!.message).toContain('ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER');
    const q2 = "SELECT ivo_hasword(ra, 'x') FROM zcat.main";
    expect(codes(q2)).toEqual(['argument-type']);
    expect(at(q2, 'argument-type')).toEqual(['ra']);
  });

  it('unknown function: error listing close names, with fixes', () => {
    const q = 'SELECT SQR(ra), ivo_hasward(name, 1) FROM zcat.main';
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['unknown-function', 'unknown-function']);
    expect(r[0]!.severity).toBe('error');
    expect(r[0]!.message).toMatch(/did you mean SQRT/);
    expect(r[1]!.message).toMatch(/did you mean ivo_hasword/);
    expect(at(q, 'unknown-function')).toEqual(['SQR', 'ivo_hasward']);
    expect(applyFix(q, r[0]!.fixes![0]!)).toBe('SELECT SQRT(ra), ivo_hasward(name, 1) FROM zcat.main');
  });

  it('coordinate systems: standard frames pass, others warn', () => {
    expect(codes("SELECT POINT('GALACTIC', 1, 2), POINT('ICRS GEOCENTER', 1, 2), POINT('', 1, 2) FROM zcat.main")).toEqual([]);
    const q = "SELECT POINT('ICSR', 1, 2), CIRCLE('J2001', 1, 2, 3) FROM zcat.main";
    const r = run(q);
    expect(r.map((d) => [d.code, d.severity])).toEqual([
      ['coordsys-nonstandard', 'warning'],
      ['coordsys-nonstandard', 'warning'],
    ]);
    expect(at(q, 'coordsys-nonstandard')).toEqual(["'ICSR'", "'J2001'"]);
    expect(r[0]!.fixes![0]!.edits[0]!.newText).toBe("'ICRS'");
  });

  it('REGION needs a string literal', () => {
    expect(codes('SELECT REGION(name) FROM zcat.main')).toContain('region-not-literal');
  });
});

describe('types', () => {
  it.each([
    ["SELECT id FROM zcat.main WHERE name LIKE 'ZC%' AND morph_type ILIKE 's%'"],
    ["SELECT id FROM zcat.main WHERE obs_date > '2005-01-01' AND obs_date < '2006-01-01T12:00:00'"],
    ["SELECT name || '-' || morph_type FROM zcat.main"],
    ['SELECT id FROM zcat.main WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(150, 2, 1))'],
    ['SELECT id FROM zcat.main WHERE bmag BETWEEN 10 AND 12 AND id IN (1, 2, 3)'],
    ['SELECT -ra, ra * 2 + dec / 3 FROM zcat.main'],
  ])('accepts %s', (q) => {
    expect(codes(q)).toEqual([]);
  });

  it('arithmetic on strings is an error', () => {
    const q = 'SELECT name + 1, -name FROM zcat.main';
    expect(codes(q)).toEqual(['arithmetic-type', 'arithmetic-type']);
    expect(at(q, 'arithmetic-type')).toEqual(['name', 'name']);
    expect(run(q)[0]!.message).toContain('use || to concatenate');
  });

  it('LIKE on numbers is an error', () => {
    const q = "SELECT id FROM zcat.main WHERE bmag LIKE '1%'";
    expect(codes(q)).toEqual(['like-type']);
    expect(at(q, 'like-type')).toEqual(['bmag']);
  });

  it('comparing geometry with numbers is an error', () => {
    const q = 'SELECT id FROM zcat.main WHERE POINT(ra, dec) = 1';
    expect(codes(q)).toEqual(['geometry-comparison']);
    expect(at(q, 'geometry-comparison')).toEqual(['POINT(ra, dec) = 1']);
    expect(codes('SELECT id FROM zcat.main WHERE CIRCLE(ra, dec, 1) < CIRCLE(1, 2, 3)')).toEqual(['geometry-comparison']);
  });

  it('CONTAINS/INTERSECTS are 0/1: other comparisons warn or fail', () => {
    const q = 'SELECT id FROM zcat.main WHERE CONTAINS(POINT(ra, dec), CIRCLE(1, 2, 3)) = 2';
    const r = run(q);
    expect(r.map((d) => [d.code, d.severity])).toEqual([['predicate-comparison', 'warning']]);
    expect(at(q, 'predicate-comparison')).toEqual(['2']);
    expect(applyFix(q, r[0]!.fixes![0]!)).toMatch(/= 1$/);
    expect(codes("SELECT id FROM zcat.main WHERE CONTAINS(POINT(ra, dec), CIRCLE(1, 2, 3)) = 'yes'")).toEqual(['type-mismatch']);
  });

  it('comparing numbers with strings, timestamps with numbers', () => {
    expect(codes("SELECT id FROM zcat.main WHERE bmag < 'faint'")).toEqual(['type-mismatch']);
    expect(codes('SELECT id FROM zcat.main WHERE obs_date > 2005')).toEqual(['type-mismatch']);
    expect(codes("SELECT id FROM zcat.main WHERE obs_date > '1/1/2005'")).toEqual(['timestamp-literal']);
    expect(codes("SELECT id FROM zcat.main WHERE id IN (1, 'two')")).toEqual(['type-mismatch']);
  });

  it('|| with a number or a geometry fails; a number gets a CAST fix', () => {
    const q = 'SELECT name || id FROM zcat.main';
    const r = run(q);
    expect(r.map((d) => [d.code, d.severity])).toEqual([['concat-type', 'error']]);
    expect(applyFix(q, r[0]!.fixes![0]!)).toBe('SELECT name || CAST(id AS VARCHAR) FROM zcat.main');
    expect(run('SELECT name || POINT(1, 2) FROM zcat.main').map((d) => [d.code, d.severity])).toEqual([['concat-type', 'error']]);
  });
});

describe('capabilities', () => {
  it('an undeclared optional feature is a warning naming the feature; an error with strict', () => {
    const q = "SELECT UPPER(name) FROM zcat.main WHERE UPPER(morph_type) = 'E'";
    const r = run(q);
    expect(r.map((d) => [d.code, d.severity])).toEqual([['unsupported-feature', 'warning']]);
    expect(r.ok).toBe(true);
    const strict = run(q, { strict: true });
    expect(strict.map((d) => [d.code, d.severity])).toEqual([['unsupported-feature', 'error']]);
    expect(strict.ok).toBe(false);
    expect(r[0]!.message).toContain('UPPER');
    expect(r[0]!.message).toContain('ivo://ivoa.net/std/TAPRegExt#features-adql-string');
    expect(r[0]!.feature).toEqual({ type: 'ivo://ivoa.net/std/TAPRegExt#features-adql-string', name: 'UPPER' });
    expect(r[0]!.related!.length).toBe(1); // the second use
  });

  it('undeclared geometry function', () => {
    const s = zcatSchema();
    s.capabilities!.features['ivo://ivoa.net/std/tapregext#features-adqlgeo'] = ['POINT', 'CIRCLE', 'CONTAINS'];
    const q = 'SELECT AREA(CIRCLE(ra, dec, 1)) FROM zcat.main WHERE INTERSECTS(POINT(ra, dec), CIRCLE(1, 2, 3)) = 1';
    const r = run(q, {}, s);
    expect(r.map((d) => d.code)).toEqual(['unsupported-feature', 'unsupported-feature']);
    expect(at(q, 'unsupported-feature', {}, s)).toEqual(['AREA(CIRCLE(ra, dec, 1))', 'INTERSECTS(POINT(ra, dec), CIRCLE(1, 2, 3))']);
  });

  it('COALESCE declared under a service-specific type is accepted (DaCHS)', () => {
    expect(codes("SELECT COALESCE(morph_type, '?') FROM zcat.main")).toEqual([]);
  });

  it('2.1 features on a 2.0-only service', () => {
    const s = zcatSchema();
    s.capabilities!.adqlVersions = ['2.0'];
    s.capabilities!.features = { 'ivo://ivoa.net/std/tapregext#features-adqlgeo': ['POINT'] };
    const r = run('SELECT id FROM zcat.main ORDER BY id OFFSET 10', {}, s);
    expect(r.map((d) => d.code).sort()).toEqual(['unsupported-adql-version', 'unsupported-feature']);
  });

  it('TOP above the hard limit warns; features are not checked when turned off', () => {
    const q = 'SELECT TOP 30000000 id FROM zcat.main';
    expect(run(q).map((d) => [d.code, d.severity])).toEqual([['top-over-limit', 'warning']]);
    expect(at(q, 'top-over-limit')).toEqual(['SELECT TOP 30000000 ']);
    expect(codes(q, { capabilities: false })).toEqual([]);
    expect(codes('SELECT TOP 20000000 id FROM zcat.main')).toEqual([]);
  });

  it('uploads: unsupported service, and over the upload limit', () => {
    const s = zcatSchema();
    s.capabilities!.uploadMethods = [];
    expect(codes('SELECT * FROM TAP_UPLOAD.mysources', {}, s)).toEqual(['uploads-not-supported']);
    const big = { uploads: { mysources: { columns: [{ name: 'ra', datatype: 'double' }], bytes: 30_000_000 } } };
    expect(run('SELECT ra FROM TAP_UPLOAD.mysources', big).map((d) => [d.code, d.severity])).toEqual([['upload-over-limit', 'warning']]);
  });

  it('a service without capabilities skips feature checks', () => {
    expect(codes('SELECT UPPER(name) FROM zcat.main', {}, zcatSchema(false))).toEqual([]);
  });

  it('severity overrides and turning codes off', () => {
    expect(run('SELECT raa FROM zcat.main', { severity: { 'unknown-column': 'warning' } })[0]!.severity).toBe('warning');
    expect(codes('SELECT raa FROM zcat.main', { severity: { 'unknown-column': 'off' } })).toEqual([]);
  });
});

describe('diagnostics', () => {
  it('all problems at once, sorted by position, each with code/severity/message/range', () => {
    const q = "SELECT raa, SQRT(name), COUNT(*) FROM zcat.main WHERE bmag LIKE 'x' AND foo = 1";
    const r = run(q);
    expect(r.map((d) => d.code)).toEqual(['unknown-column', 'ungrouped-column', 'argument-type', 'like-type', 'unknown-column']);
    expect(r.ok).toBe(false);
    for (const d of r) {
      expect(d.severity).toMatch(/^(error|warning|info)$/);
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.range!.start.line).toBe(1);
    }
    const offsets = r.map((d) => d.range!.start.offset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  it('syntax errors are diagnostics too, with ranges', () => {
    const r = run('SELECT ra FROM zcat.main WHERE');
    expect(r[0]!.code).toBe('syntax-error');
    expect(r[0]!.range).toBeDefined();
  });

  it('a reserved word as a name offers to quote it', () => {
    const q = 'SELECT size FROM zcat.main';
    const r = run(q);
    const d = r.find((x) => x.code === 'syntax-error')!;
    expect(d).toBeDefined();
    if (d.fixes !== undefined) expect(applyFix(q, d.fixes[0]!)).toBe('SELECT "size" FROM zcat.main');
  });

  it('multi-line ranges have 1-based line and column', () => {
    const q = 'SELECT ra,\n  bmg\nFROM zcat.main';
    const d = run(q)[0]!;
    expect(d.range!.start).toMatchObject({ line: 2, column: 3, offset: 13 });
    expect(d.range!.end).toMatchObject({ line: 2, column: 6 });
  });

  it('validates an AST as well as text', async () => {
    const { parse } = await import('../../src/adql/index.js');
    const ast = parse('SELECT raa FROM zcat.main').ast!;
    expect(run.length).toBeGreaterThan(0);
    const { validate } = await import('../../src/validate/index.js');
    expect(validate(ast, zcatSchema()).map((d) => d.code)).toEqual(['unknown-column']);
  });
});

describe('result typing', () => {
  it('names, ADQL/VOTable types, units, UCDs and descriptions per select item', () => {
    const r = run(
      "SELECT m.ra, dec AS delta, bmag - 1 AS b1, COUNT(*) AS n, AVG(bmag), DISTANCE(POINT(ra, dec), POINT(1, 2)) AS d, POINT(ra, dec) AS p, obs_date, name, CAST(id AS VARCHAR(8)) AS sid, IN_UNIT(ra, 'rad') AS rr FROM zcat.main AS m GROUP BY m.ra, dec, bmag, obs_date, name, id",
    );
    expect(r.filter((d) => d.severity === 'error')).toEqual([]);
    const cols = Object.fromEntries(r.columns.map((c) => [c.name, c]));
    expect(cols.ra).toMatchObject({
      adqlType: 'DOUBLE',
      datatype: 'double',
      unit: 'deg',
      ucd: 'pos.eq.ra;meta.main',
      description: 'Right ascension, ICRS',
      column: 'ra',
      table: 'm',
    });
    expect(cols.delta).toMatchObject({ adqlType: 'DOUBLE', unit: 'deg', named: true });
    expect(cols.b1).toMatchObject({ adqlType: 'REAL', unit: 'mag' });
    expect(cols.n).toMatchObject({ adqlType: 'BIGINT', datatype: 'long', ucd: 'meta.number' });
    expect(cols.avg).toMatchObject({ adqlType: 'DOUBLE', unit: 'mag', ucd: 'stat.mean;phot.mag;em.opt.B', named: false });
    expect(cols.d).toMatchObject({ unit: 'deg', ucd: 'pos.angDistance' });
    expect(cols.p).toMatchObject({ adqlType: 'POINT', datatype: 'double', arraysize: '2', xtype: 'point' });
    expect(cols.obs_date).toMatchObject({ adqlType: 'TIMESTAMP', xtype: 'timestamp' });
    expect(cols.name).toMatchObject({ adqlType: 'VARCHAR', datatype: 'unicodeChar', arraysize: '*' });
    expect(cols.sid).toMatchObject({ adqlType: 'VARCHAR', datatype: 'char', arraysize: '8*' });
    expect(cols.rr).toMatchObject({ unit: 'rad' });
  });

  it('* expands to the table columns in metadata order', () => {
    expect(run('SELECT * FROM zcat.truth_match').columns.map((c) => c.name)).toEqual([
      'zcat_id',
      'true_z',
      'true_class',
      'match_sep',
      'match_flag',
    ]);
    expect(run('SELECT t.* FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id = m.id').columns.length).toBe(5);
  });
});
