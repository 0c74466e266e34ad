/**
 * DALI xtypes as convenient values: timestamp → Date (UTC when the text has no zone), point,
 * circle, polygon and interval numeric arrays → small tagged objects. Unknown xtypes and values
 * that do not fit the xtype are returned unchanged.
 */
import type { VOTableField, VOTableGeometry, VOTableValue } from './types.js';

function xtypeName(field: Pick<VOTableField, 'xtype'>): string {
  const x = (field.xtype ?? '').toLowerCase();
  return x.startsWith('adql:') ? x.slice(5) : x;
}

export function convertXtype(field: VOTableField, raw: VOTableValue): VOTableValue {
  switch (xtypeName(field)) {
    case 'timestamp': {
      if (typeof raw !== 'string') return raw;
      const t = raw.trim();
      let iso = t;
      if (/^\d{4}-\d\d-\d\d$/.test(t)) iso = `${t}T00:00:00Z`;
      else if (!/([zZ]|[+-]\d\d:?\d\d)$/.test(t)) iso = `${t.replace(' ', 'T')}Z`;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? raw : d;
    }
    case 'point':
      return geometry('point', raw, 2);
    case 'circle':
      return geometry('circle', raw, 3);
    case 'interval':
      return geometry('interval', raw, 2);
    case 'polygon':
      return geometry('polygon', raw, 6);
    default:
      return raw;
  }
}

function geometry(kind: VOTableGeometry['type'], raw: VOTableValue, min: number): VOTableValue {
  if (!(raw instanceof Float64Array || raw instanceof Float32Array)) return raw;
  const a = Array.from(raw);
  if (a.length < min || (kind !== 'polygon' && a.length !== min) || a.length % 2 !== (kind === 'circle' ? 1 : 0)) return raw;
  switch (kind) {
    case 'point':
      return { type: 'point', lon: a[0]!, lat: a[1]! };
    case 'circle':
      return { type: 'circle', lon: a[0]!, lat: a[1]!, radius: a[2]! };
    case 'interval':
      return { type: 'interval', lower: a[0]!, upper: a[1]! };
    default: {
      const vertices: Array<[number, number]> = [];
      for (let i = 0; i + 1 < a.length; i += 2) vertices.push([a[i]!, a[i + 1]!]);
      return { type: 'polygon', vertices };
    }
  }
}

/** The inverse of convertXtype, used by the writer: Date → DALI timestamp text, geometry → numbers. */
export function unconvertValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace(/Z$/, '');
  if (v !== null && typeof v === 'object' && 'type' in v) {
    const g = v as VOTableGeometry;
    switch (g.type) {
      case 'point':
        return [g.lon, g.lat];
      case 'circle':
        return [g.lon, g.lat, g.radius];
      case 'interval':
        return [g.lower, g.upper];
      case 'polygon':
        return g.vertices.flat();
      default:
        return v;
    }
  }
  return v;
}
