/**
 * Runs the seed tutorials' example programs against the live DaCHS and checks what they print:
 * examples/heasarc-catalog-queries.ts (registry, cone search, table discovery, ADQL, examples,
 * uploads with a computed per-row radius, async job) and examples/rubin-dp02-intermediate-tap.ts
 * (schema discovery, TOP vs MAXREC, cone, join, histogram, analysis, async job lifecycle). The
 * third, examples/mast-chunked-queries.ts, is run by mast.test.ts.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { TapService } from '../../src/tap/service.js';
import { describeLive, TAP_URL } from '../support/dachs.js';

const run = promisify(execFile);

async function runExample(name: string): Promise<string> {
  const script = path.resolve('examples', name);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, TAP_URL], { timeout: 280_000, maxBuffer: 4 << 20 });
  return stdout;
}

const service = new TapService(TAP_URL);
async function count(where: string): Promise<number> {
  const result = await service.query(`SELECT COUNT(*) AS n FROM zcat.main WHERE ${where}`);
  return Number(result.rows()[0]?.n);
}
const number = (stdout: string, pattern: RegExp): number => {
  const m = pattern.exec(stdout);
  expect(m, String(pattern)).not.toBeNull();
  return Number(m![1]);
};

describeLive('the seed tutorials, end to end (live DaCHS)', { timeout: 300_000 }, () => {
  it('examples/heasarc-catalog-queries.ts does every step of the HEASARC tutorial', async () => {
    const out = await runExample('heasarc-catalog-queries.ts');
    // 1. The cone search service found in the registry, and its cone.
    expect(out).toMatch(/'ivo:\/\/adqlkit\.test\/zcat\/q\/cone' │ 'zcat cone' +│ 'Synthetic zcat cone search'/);
    const inCone = number(out, /^(\d+) sources within 20 arcmin of \(150\.1, 2\.2\) from ivo:\/\/adqlkit\.test\/zcat\/q\/cone$/m);
    expect(inCone).toBe(await count("1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150.1, 2.2, 20.0/60))"));
    expect(inCone).toBeGreaterThan(0);
    // 2.1 Tables through auxiliary TAP capabilities; the one whose description mentions magnitudes.
    expect(out).toMatch(/'ivo:\/\/adqlkit\.test\/zcat\/q\/main' │ 'zcat\.main' +│ 'Synthetic Redshift Catalogue for TAP client CI'/);
    expect(out).toMatch(/^ivo:\/\/adqlkit\.test\/zcat\/q\/main: {2}Synthetic galaxies with positions, B magnitudes/m);
    // ... the site's TAP service from the registry, its tables searched and described.
    expect(out).toContain(`TAP service ivo://adqlkit.test/tap at ${TAP_URL}`);
    expect(out).toMatch(
      /^zcat\.truth_match\n {4}Synthetic ground truth.*\n {2}5 columns \(name, unit, UCD, description\):\n(.*\n)*? {2}true_z +src\.redshift +True \(simulated\) redshift\./m,
    );
    expect(out).toMatch(/^ {2}radial_velocity +km\/s +spect\.dopplerVeloc\.opt +Heliocentric radial velocity \(cz\)\.$/m);
    expect(out).toContain('Columns=["bmag","dec","id","morph_type","name","obs_date","ra","radial_velocity","radial_velocity_error"]');
    // 2.3 ADQL use case, run async.
    const bright = number(out, /^(\d+) bright \(B < 15\) galaxies within 2 deg of \(150\.1, 2\.2\); overflow: false$/m);
    expect(bright).toBe(await count("1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150.1, 2.2, 2.0)) AND bmag < 15"));
    expect(number(out, /^(\d+) bright nearby spirals$/m)).toBeGreaterThan(0);
    // 2.4 Examples listed and the first one run.
    expect(out.match(/^example: /gm)?.length).toBe((await service.examples()).length);
    expect(out).toMatch(/^-> 20 rows, columns id, name, ra, dec, bmag, radial_velocity$/m);
    // 3.1 Upload cross-match; 3.2 the per-row radius column.
    expect(out).toMatch(/^upload methods: inline/m);
    expect(number(out, /^(\d+) catalogue matches for 12 uploaded sources$/m)).toBeGreaterThanOrEqual(12);
    expect(number(out, /^\d+ possible companions within 50 kpc of (\d+) sources$/m)).toBeGreaterThanOrEqual(12);
    // 4. The async job lifecycle.
    expect(out).toMatch(/^job http:\S+ COMPLETED: \d+ morphological types\njob deleted$/m);
  });

  it('examples/rubin-dp02-intermediate-tap.ts does every step of the Rubin tutorial', async () => {
    const out = await runExample('rubin-dp02-intermediate-tap.ts');
    expect(out).toMatch(/^schemas: .*\bzcat\b/m);
    expect(out).toContain('catalogue schema is zcat');
    expect(out).toMatch(/^ {2}zcat\.main +Synthetic galaxies/m);
    expect(out).toMatch(/^TOP 5 and MAXREC=5 agree; overflow: TOP false, MAXREC true/m);
    const inCone = number(out, /^cone search: (\d+) galaxies within 1 deg of \(150, 2\)$/m);
    expect(inCone).toBe(await count("CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 2, 1)) = 1"));
    const matches = number(out, /^join with truth: (\d+) good matches/m);
    expect(number(out, /^prepared (\d+) rows; largest offset from the centre [\d.]+ deg \(<= 1\)$/m)).toBe(matches);
    expect(out).toMatch(/^ {2}galaxy +\d+ objects, B [\d.]+\.\.[\d.]+, median measured\/true z [\d.]+$/m);
    expect(out).toMatch(/^ {2}galaxy +\d+$/m);
    const jobUrl = /^job URL is (\S+); phase is PENDING$/m.exec(out)?.[1];
    expect(jobUrl).toBeDefined();
    expect(out).toMatch(/^ {2}phase COMPLETED after \d+ ms$/m);
    expect(out).toContain(`job phase is COMPLETED; async result: ${matches} rows, identical to the sync one`);
    expect(out).toContain(`retrieved ${matches} rows again from ${jobUrl}`);
    expect(out.trimEnd().endsWith('job deleted')).toBe(true);
    // The job is really gone from the service.
    expect((await fetch(jobUrl!)).status).toBe(404);
  });
});
