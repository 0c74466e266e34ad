/**
 * The project's DaCHS answers the VOSI and DALI endpoints the TAP client reads: availability,
 * capabilities (TAPRegExt), tables (full, detail=min, per table) and examples.
 */
import { expect, it } from 'vitest';
import { TAP_URL, describeLive } from '../support/dachs.js';
import { decodeXml, errorMessage, queryStatus, request, sync } from './live.js';

describeLive('DaCHS VOSI: availability and capabilities', () => {
  it('/tap/availability says available', async () => {
    const res = await request(`${TAP_URL}/availability`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<avl:available>true<\/avl:available>/);
  });

  it('/tap/capabilities declares TAP 1.1 with ADQL 2.0 and 2.1, uploads, limits and the RegTAP model', async () => {
    const res = await request(`${TAP_URL}/capabilities`);
    expect(res.status).toBe(200);
    const caps = res.text;
    expect(caps).toContain('standardID="ivo://ivoa.net/std/TAP"');
    expect(caps).toContain('ivo-id="ivo://ivoa.net/std/ADQL#v2.0"');
    expect(caps).toContain('ivo-id="ivo://ivoa.net/std/ADQL#v2.1"');
    expect(caps).toContain('ivo://ivoa.net/std/TAPRegExt#upload-inline');
    expect(caps).toMatch(/<dataModel ivo-id="ivo:\/\/ivoa.net\/std\/RegTAP#1.1">/);
    expect(caps).toMatch(/<outputLimit><default unit="row">20000<\/default><hard unit="row">20000000<\/hard>/);
    // job URLs and access URLs use the configured serverURL, never localhost/::1
    expect(caps).toContain(`<accessURL use="full">${TAP_URL}</accessURL>`);
    expect(caps).toContain('ivo_hasword');
  });
});

describeLive('DaCHS VOSI: tables', () => {
  const expected = [
    'zcat.main',
    'zcat.truth_match',
    'zcat.photometry',
    'zcat.big',
    'rr.resource',
    'rr.capability',
    'rr.interface',
    'rr.res_subject',
    'rr.res_detail',
    'rr.res_table',
    'rr.table_column',
  ];

  it('/tap/tables lists the project tables with their columns', async () => {
    const res = await request(`${TAP_URL}/tables`);
    expect(res.status).toBe(200);
    const names = [...res.text.matchAll(/<table[^>]*>\s*<name>([^<]+)<\/name>/g)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(expected));
    expect(res.text).toContain('<name>radial_velocity</name>');
  });

  it('/tap/tables?detail=min lists the tables without columns, and each table loads on its own', async () => {
    const min = await request(`${TAP_URL}/tables?detail=min`);
    expect(min.status).toBe(200);
    expect(min.text).not.toContain('<column>');
    expect(min.text).toContain('<name>zcat.photometry</name>');
    const one = await request(`${TAP_URL}/tables/zcat.photometry`);
    expect(one.status).toBe(200);
    const columns = [...one.text.matchAll(/<column[^>]*>\s*<name>([^<]+)<\/name>/g)].map((m) => decodeXml(m[1] ?? ''));
    // VOSI names delimited identifiers with their quotes, as in TAP_SCHEMA
    expect(columns).toEqual(['phot_id', 'zcat_id', 'band', '"MagAB"', '"MagErr"', '"Dec"']);
    expect(one.text).toMatch(/<unit>mag<\/unit>/);
  });
});

interface Example {
  id: string;
  name: string;
  query: string;
}

function parseExamples(html: string): Example[] {
  const blocks = html.split(/<div typeof="example"/).slice(1);
  return blocks.map((block) => ({
    id: /id="([^"]+)"/.exec(block)?.[1] ?? '',
    name: decodeXml(/property="name">([^<]*)</.exec(block)?.[1] ?? ''),
    query: decodeXml(/property="query">([\s\S]*?)<\/pre>/.exec(block)?.[1] ?? '').trim(),
  }));
}

describeLive('DaCHS DALI examples (userconfig tapexamples)', () => {
  it('/tap/examples has the 7 project examples, each with a name and a query that runs', async () => {
    const res = await request(`${TAP_URL}/examples`);
    expect(res.status).toBe(200);
    const examples = parseExamples(res.text);
    expect(examples.map((e) => e.name)).toEqual([
      'Bright galaxies in the field',
      'Cone search with CONTAINS',
      'Join with the truth table',
      'Counts per morphological type',
      'Delimited mixed-case column names',
      'An id range of the large table',
      'Registry: services of this site',
    ]);
    for (const example of examples) {
      expect(example.query, example.name).toMatch(/^SELECT/);
      const result = await sync(example.query, { MAXREC: 100, RESPONSEFORMAT: 'votable/td' });
      expect(errorMessage(result.text), `${example.name}: ${example.query}`).toBeUndefined();
      expect(queryStatus(result.text), example.name).toMatch(/^(OK|OVERFLOW)$/);
      expect(result.text, example.name).toMatch(/<TR>/);
    }
  });
});
