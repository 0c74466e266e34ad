/**
 * All-sky projections (equal-area Mollweide, Aitoff) in astronomical orientation: RA increases to
 * the left. Coordinates are returned in the projection's own units, x in [-xMax, xMax], y up.
 */
import type { SkyProjection } from './spec.js';

const DEG = Math.PI / 180;

export interface Projection {
  /** Half-width and half-height of the projected sphere. */
  readonly xMax: number;
  readonly yMax: number;
  /** Projected [x, y] of (ra, dec) in degrees. */
  project(ra: number, dec: number): [number, number];
}

/** The projection centred on centerRa (degrees). */
export function projection(kind: SkyProjection, centerRa = 0): Projection {
  const base = kind === 'aitoff' ? aitoff : mollweide;
  return {
    xMax: kind === 'aitoff' ? Math.PI : 2 * Math.SQRT2,
    yMax: kind === 'aitoff' ? Math.PI / 2 : Math.SQRT2,
    project(ra, dec) {
      // Longitude relative to the centre in (-180, 180], negated so that RA grows to the left.
      let l = ((((ra - centerRa) % 360) + 540) % 360) - 180;
      if (l === -180) l = 180;
      return base(-l * DEG, dec * DEG);
    },
  };
}

function aitoff(lambda: number, phi: number): [number, number] {
  const alpha = Math.acos(Math.cos(phi) * Math.cos(lambda / 2));
  const sinc = alpha === 0 ? 1 : Math.sin(alpha) / alpha;
  return [(2 * Math.cos(phi) * Math.sin(lambda / 2)) / sinc, Math.sin(phi) / sinc];
}

function mollweide(lambda: number, phi: number): [number, number] {
  // Solve 2θ + sin 2θ = π sin φ by Newton's method (converges in a few steps away from the poles).
  const target = Math.PI * Math.sin(phi);
  let theta = phi;
  if (Math.abs(phi) < Math.PI / 2 - 1e-9) {
    for (let i = 0; i < 50; i++) {
      const d = (2 * theta + Math.sin(2 * theta) - target) / (2 + 2 * Math.cos(2 * theta));
      theta -= d;
      if (Math.abs(d) < 1e-12) break;
    }
  }
  return [((2 * Math.SQRT2) / Math.PI) * lambda * Math.cos(theta), Math.SQRT2 * Math.sin(theta)];
}
