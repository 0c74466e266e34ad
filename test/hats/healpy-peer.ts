/**
 * Runs Debian's python3-healpy as an independent HEALPix implementation to compare against. Tests
 * skip (with the reason printed) when /usr/bin/python3 or healpy is absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';

/** Why healpy cannot run here, or undefined when it can. */
export function healpyProblem(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} is absent (apt-get install python3-healpy)`;
  try {
    execFileSync(PYTHON, ['-c', 'import healpy'], { stdio: 'pipe' });
    return undefined;
  } catch {
    return 'python3-healpy is not installed (apt-get install python3-healpy)';
  }
}

/** Runs a Python snippet that reads JSON `data` from stdin and prints JSON; returns the parsed output. */
export function runHealpy<T>(script: string, data: unknown): T {
  const code = `import sys, json\nimport numpy as np\nimport healpy as hp\ndata = json.load(sys.stdin)\n${script}`;
  const out = execFileSync(PYTHON, ['-c', code], { input: JSON.stringify(data), maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out.toString()) as T;
}

/** n random sky positions uniform on the sphere, plus the poles and RA 0/360 edge cases. */
export function skyPoints(n: number, random: () => number): Array<[number, number]> {
  const pts: Array<[number, number]> = [
    [0, 90],
    [0, -90],
    [123.4, 90],
    [359.9999999, -90],
    [0, 0],
    [360 - 1e-12, 0],
    [359.9999999999, 41.8103149],
    [0, 41.8103149],
    [90, -41.8103149],
    [180, 0],
    [270, 89.9999999],
    [45, -89.9999999],
    [0, 1e-12],
    [359.999999, -1e-9],
  ];
  for (let i = 0; i < n; i++) pts.push([random() * 360, (Math.asin(2 * random() - 1) * 180) / Math.PI]);
  return pts;
}
