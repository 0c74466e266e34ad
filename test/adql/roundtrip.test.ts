/**
 * Round trip over the corpora: parse(print(parse(q))) equals parse(q) ignoring positions, in both
 * canonical and pretty mode; the pretty printer keeps every comment. Also: every ADQL query of the
 * seed tutorials parses.
 */
import { describe, expect, it } from 'vitest';
import { parse, print, stripPositions } from '../../src/adql/index.js';
import { loadLyonetia, loadSeedQueries, sharedDir } from './corpus.js';

const lyonetia = loadLyonetia();
const seeds = loadSeedQueries();

function roundTrip(query: string): void {
  const first = parse(query);
  expect(first.errors.map((e) => e.toString())).toEqual([]);
  const ast = first.ast!;
  for (const pretty of [false, true]) {
    const printed = print(ast, { pretty });
    const again = parse(printed);
    expect(
      again.errors.map((e) => e.toString()),
      printed,
    ).toEqual([]);
    expect(stripPositions(again.ast!), printed).toEqual(stripPositions(ast));
    if (pretty) expect((again.ast!.comments ?? []).map((c) => c.text)).toEqual((ast.comments ?? []).map((c) => c.text));
  }
}

if (!lyonetia || !seeds) {
  console.log(`corpus round trips skipped: ${sharedDir} is absent (the corpora and seeds live in ../shared)`);
  describe.skip('corpus round trips (../shared absent)', () => {
    it('needs ../shared', () => {});
  });
} else {
  describe('seed tutorial queries', () => {
    it('finds the queries of the three tutorials', () => {
      expect(new Set(seeds.map((s) => s.file)).size).toBe(3);
      expect(seeds.length).toBeGreaterThanOrEqual(15);
    });
    it.each(seeds.map((s) => [`${s.file}:${s.line}`, s.query] as const))('%s parses and round-trips', (_name, query) => {
      roundTrip(query);
    });
  });

  describe('lyonetia valid queries', () => {
    const valid = lyonetia.filter((c) => c.valid);
    it.each(valid.map((c) => [`${c.file} ${c.uuid}`, c.query] as const))('%s round-trips', (_name, query) => {
      roundTrip(query);
    });
  });
}
