/**
 * The sky helpers outside a query callback (`import { sky } from 'adqlkit'`): the same functions as
 * on `eb`, untyped (strings are column references of any table).
 */
import { expressionBuilder, type ExpressionBuilder, type SkyBuilder } from './expression-builder.js';
import { arcmin, arcsec, deg } from './sky.js';
import type { AnyDatabase } from './types.js';

type Untyped = ExpressionBuilder<AnyDatabase, { [alias: string]: Record<string, any> }>;
const eb = expressionBuilder as Untyped;

/** Sky helpers (point, circle, box, polygon, contains, intersects, distance, coord1/2, coneSearch, crossmatch) and units. */
export const sky: SkyBuilder<{ [alias: string]: Record<string, any> }> & {
  deg: typeof deg;
  arcmin: typeof arcmin;
  arcsec: typeof arcsec;
  /** The untyped expression builder (eb) for use outside callbacks. */
  eb: Untyped;
} = {
  point: eb.point,
  circle: eb.circle,
  box: eb.box,
  polygon: eb.polygon,
  contains: eb.contains,
  intersects: eb.intersects,
  distance: eb.distance,
  coord1: eb.coord1,
  coord2: eb.coord2,
  area: eb.area,
  centroid: eb.centroid,
  coneSearch: eb.coneSearch,
  crossmatch: eb.crossmatch,
  deg,
  arcmin,
  arcsec,
  eb,
};
