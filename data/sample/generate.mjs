#!/usr/bin/env node
// Deterministic generator of adqlkit's sample catalogue (synthetic: none of the values are real).
// Writes galaxies.csv.gz and observations.csv.gz next to this file. Same seed -> same bytes.
// Usage: node data/sample/generate.mjs
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let state = 20260101;
// mulberry32: small, fast, deterministic
const rand = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const MORPH = ['E', 'S0', 'Sa', 'Sb', 'Sc', 'Sd', 'Irr', 'SBa', 'SBb', 'SBc'];
// Clusters chosen to exercise geometry: one near the north pole, one straddling RA 0/360, one at the
// south pole, one in a plain field; the rest all-sky.
const CLUSTERS = [
  { ra: 150, dec: 2, sigma: 1.5 },
  { ra: 0.5, dec: -10, sigma: 1.0 },
  { ra: 45, dec: 88.5, sigma: 0.8 },
  { ra: 250, dec: -89, sigma: 0.6 },
];
const N = 3000;
const galaxies = [['id', 'name', 'ra', 'dec', 'gmag', 'rmag', 'redshift', 'morph_type', 'obs_time']];
const observations = [['obs_id', 'galaxy_id', 'band', 'mjd', 'flux', 'flux_error']];
let obsId = 0;
for (let i = 1; i <= N; i++) {
  let ra, dec;
  const c = CLUSTERS[i % 5];
  if (c) {
    // offsets on the tangent plane, so clusters near the poles stay round on the sky
    const dx = gauss() * c.sigma, dy = gauss() * c.sigma;
    const d0 = (c.dec * Math.PI) / 180, a0 = (c.ra * Math.PI) / 180;
    const x = (dx * Math.PI) / 180, y = (dy * Math.PI) / 180;
    const rho = Math.hypot(x, y), cc = Math.atan(rho);
    const decR = rho === 0 ? d0 : Math.asin(Math.cos(cc) * Math.sin(d0) + (y * Math.sin(cc) * Math.cos(d0)) / rho);
    const raR = a0 + Math.atan2(x * Math.sin(cc), rho * Math.cos(d0) * Math.cos(cc) - y * Math.sin(d0) * Math.sin(cc));
    ra = (((raR * 180) / Math.PI) % 360 + 360) % 360;
    dec = (decR * 180) / Math.PI;
  } else {
    ra = 360 * rand();
    dec = (Math.asin(2 * rand() - 1) * 180) / Math.PI;
  }
  ra = Number(ra.toFixed(6));
  dec = Number(dec.toFixed(6));
  const z = Number((Math.abs(0.05 + 0.03 * gauss()) + 0.001).toFixed(5));
  const g = Number((17 + 1.3 * gauss()).toFixed(3));
  const r = rand() < 0.04 ? '' : Number((g - 0.6 - 0.15 * rand()).toFixed(3));
  const morph = rand() < 0.03 ? '' : MORPH[Math.floor(rand() * MORPH.length)];
  const name = `SAMPLE J${ra.toFixed(4).padStart(9, '0')}${dec >= 0 ? '+' : '-'}${Math.abs(dec).toFixed(4).padStart(7, '0')}`;
  const t = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 8 * 365.25 * 86400) * 1000).toISOString().slice(0, 19);
  galaxies.push([i, name, ra, dec, g, r, z, morph, t]);
  if (i % 3 === 0) {
    for (const band of ['g', 'r']) {
      const mjd = Number((57023 + rand() * 2900).toFixed(5));
      const flux = Number((3631e6 * 10 ** (-0.4 * (band === 'g' ? g : g - 0.6)) * (1 + 0.05 * gauss())).toFixed(3));
      observations.push([++obsId, i, band, mjd, flux, Number((Math.abs(flux) * 0.03 + 0.5).toFixed(3))]);
    }
  }
}
const csv = (rows) => rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
writeFileSync(join(here, 'galaxies.csv.gz'), gzipSync(csv(galaxies), { level: 9 }));
writeFileSync(join(here, 'observations.csv.gz'), gzipSync(csv(observations), { level: 9 }));
console.log(`galaxies: ${galaxies.length - 1} rows, observations: ${observations.length - 1} rows`);
