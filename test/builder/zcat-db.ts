// A hand-written database interface shaped like codegen output for the test service's zcat schema
// (the generated one is fixtures/codegen/zcat.ts); used by the type tests.
import type { SkyPoint } from '../../src/builder/index.js';

export interface ZcatMain {
  id: number;
  name: string | null;
  ra: number;
  dec: number;
  bmag: number | null;
  radial_velocity: number | null;
  radial_velocity_error: number | null;
  morph_type: string | null;
  obs_date: Date | null;
}
export interface ZcatTruthMatch {
  zcat_id: number;
  true_z: number | null;
  true_class: string | null;
  match_sep: number | null;
  match_flag: number | null;
}
export interface ZcatPhotometry {
  phot_id: number;
  zcat_id: number;
  band: string;
  '"MagAB"': number | null;
  '"MagErr"': number | null;
  '"Dec"': number | null;
}
export interface Positions {
  pos_id: bigint;
  pos: SkyPoint | null;
  flags: Int16Array | null;
  ok: boolean | null;
}
export interface Database {
  tables: {
    'zcat.main': ZcatMain;
    'zcat.truth_match': ZcatTruthMatch;
    'zcat.photometry': ZcatPhotometry;
    'demo.positions': Positions;
  };
  functions: {
    ivo_hasword(haystack: string, needle: string): number;
    gavo_ipix(ra: number, dec: number): bigint;
  };
}
