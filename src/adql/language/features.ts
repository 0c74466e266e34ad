/**
 * The optional ADQL language features a service declares in its TAPRegExt capabilities
 * (<languageFeatures type="...">), and the ADQL version that introduced each.
 */
import type { AdqlVersion } from './version.js';

/** Feature type IVOIDs are this standard ID plus a fragment; the TAPRegExt document spells it so. */
export const TAPREGEXT_STANDARD_ID = 'ivo://ivoa.net/std/TAPRegExt';

/** The prefix of the feature type IVOIDs, lower case as ADQL 2.1 §4 requires services to declare them. */
export const TAPREGEXT = 'ivo://ivoa.net/std/tapregext';

/**
 * Feature type IVOIDs of ADQL 2.1 §4, in lower case. IVOIDs are case-insensitive: compare with
 * {@link sameFeatureType}, never with ===, when one side comes from a service.
 */
export const FEATURE_TYPES = {
  geometry: `${TAPREGEXT}#features-adqlgeo`,
  string: `${TAPREGEXT}#features-adql-string`,
  sets: `${TAPREGEXT}#features-adql-sets`,
  commonTable: `${TAPREGEXT}#features-adql-common-table`,
  type: `${TAPREGEXT}#features-adql-type`,
  conditional: `${TAPREGEXT}#features-adql-conditional`,
  unit: `${TAPREGEXT}#features-adql-unit`,
  offset: `${TAPREGEXT}#features-adql-offset`,
  udf: `${TAPREGEXT}#features-udf`,
} as const;

export type FeatureKey = keyof typeof FEATURE_TYPES;
export type FeatureType = (typeof FEATURE_TYPES)[FeatureKey];

/** The ADQL version whose optional features first listed each type (geometry and UDFs were already in 2.0). */
export const FEATURE_SINCE: Readonly<Record<FeatureKey, AdqlVersion>> = {
  geometry: '2.0',
  udf: '2.0',
  string: '2.1',
  sets: '2.1',
  commonTable: '2.1',
  type: '2.1',
  conditional: '2.1',
  unit: '2.1',
  offset: '2.1',
};

/** The feature forms that are not function calls (each function names its feature in functions.ts). */
export const OPERATOR_FEATURES = [
  { name: 'ILIKE', feature: 'string' },
  { name: 'UNION', feature: 'sets' },
  { name: 'EXCEPT', feature: 'sets' },
  { name: 'INTERSECT', feature: 'sets' },
  { name: 'WITH', feature: 'commonTable' },
  { name: 'OFFSET', feature: 'offset' },
] as const satisfies ReadonlyArray<{ name: string; feature: FeatureKey }>;

/** Case-insensitive comparison of feature type IVOIDs (IVOIDs are case-insensitive). */
export function sameFeatureType(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export type OperatorFeatureName = (typeof OPERATOR_FEATURES)[number]['name'];

/** The feature type of a non-function feature form (ILIKE, UNION, WITH, OFFSET...). */
export function operatorFeatureType(name: OperatorFeatureName): FeatureType {
  return FEATURE_TYPES[OPERATOR_FEATURES.find((f) => f.name === name)!.feature];
}

const NEW_IN_21 = new Set<string>(
  (Object.keys(FEATURE_TYPES) as FeatureKey[]).filter((k) => FEATURE_SINCE[k] === '2.1').map((k) => FEATURE_TYPES[k]),
);

/** Was the feature type introduced by ADQL 2.1 (so a service offering only 2.0 cannot have it)? */
export function isFeatureNewIn21(type: string): boolean {
  return NEW_IN_21.has(type.toLowerCase());
}

/** A feature type IVOID as the TAPRegExt document spells it (`...TAPRegExt#features-adqlgeo`), for messages and capabilities. */
export function featureTypeAsDeclared(type: string): string {
  return type.replace(/^ivo:\/\/ivoa\.net\/std\/tapregext/i, TAPREGEXT_STANDARD_ID);
}
