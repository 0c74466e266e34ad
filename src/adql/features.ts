/**
 * Optional ADQL language features a query uses, as TAPRegExt feature identifiers, so a validator
 * can compare them with a service's declared capabilities (TAPRegExt <languageFeatures>).
 *
 * Type IVOIDs are given in lower case as ADQL 2.1 (section 4.2) requires services to declare them;
 * IVOIDs are case-insensitive, so compare with {@link sameFeatureType}.
 */
import type { AdqlNode, SourceRange } from './ast.js';
import { walk } from './visitor.js';

export const FEATURE_TYPES = {
  geometry: 'ivo://ivoa.net/std/tapregext#features-adqlgeo',
  string: 'ivo://ivoa.net/std/tapregext#features-adql-string',
  sets: 'ivo://ivoa.net/std/tapregext#features-adql-sets',
  commonTable: 'ivo://ivoa.net/std/tapregext#features-adql-common-table',
  type: 'ivo://ivoa.net/std/tapregext#features-adql-type',
  conditional: 'ivo://ivoa.net/std/tapregext#features-adql-conditional',
  unit: 'ivo://ivoa.net/std/tapregext#features-adql-unit',
  offset: 'ivo://ivoa.net/std/tapregext#features-adql-offset',
  udf: 'ivo://ivoa.net/std/tapregext#features-udf',
} as const;

export type FeatureType = (typeof FEATURE_TYPES)[keyof typeof FEATURE_TYPES];

export interface UsedFeature {
  /** TAPRegExt feature type IVOID (lower case). */
  type: FeatureType;
  /**
   * Feature name as declared in TAPRegExt: the function or operator name (CONTAINS, ILIKE, UNION,
   * WITH, OFFSET...). For UDFs, the function name as written; a service declares a UDF by its
   * signature (`<form>name(args) -> type</form>`), so match on the name before "(" case-insensitively.
   */
  name: string;
  /** Number of arguments, for UDFs (to compare with the declared signature). */
  arity?: number;
  /** Where the feature is used (one range per use, when the tree came from parse()). */
  ranges: SourceRange[];
}

/** Case-insensitive comparison of feature type IVOIDs (IVOIDs are case-insensitive). */
export function sameFeatureType(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function featureOf(node: AdqlNode): Array<Omit<UsedFeature, 'ranges'>> {
  switch (node.kind) {
    case 'GeometryCall':
      return [{ type: FEATURE_TYPES.geometry, name: node.name }];
    case 'Like':
      return node.caseInsensitive ? [{ type: FEATURE_TYPES.string, name: 'ILIKE' }] : [];
    case 'FunctionCall':
      switch (node.name) {
        case 'LOWER':
        case 'UPPER':
          return [{ type: FEATURE_TYPES.string, name: node.name }];
        case 'COALESCE':
          return [{ type: FEATURE_TYPES.conditional, name: 'COALESCE' }];
        case 'IN_UNIT':
          return [{ type: FEATURE_TYPES.unit, name: 'IN_UNIT' }];
        default:
          return [];
      }
    case 'Cast':
      return [{ type: FEATURE_TYPES.type, name: 'CAST' }];
    case 'CommonTableExpression':
      return [{ type: FEATURE_TYPES.commonTable, name: 'WITH' }];
    case 'SetOperation':
      return [{ type: FEATURE_TYPES.sets, name: node.op }, ...(node.offset !== undefined ? [{ type: FEATURE_TYPES.offset, name: 'OFFSET' }] : [])];
    case 'Select':
      return node.offset !== undefined ? [{ type: FEATURE_TYPES.offset, name: 'OFFSET' }] : [];
    case 'UserFunctionCall':
      return [{ type: FEATURE_TYPES.udf, name: node.name.name, arity: node.args.length }];
    default:
      return [];
  }
}

/** The optional features used anywhere in the tree, each once (with every place it is used). */
export function usedFeatures(root: AdqlNode): UsedFeature[] {
  const byKey = new Map<string, UsedFeature>();
  walk(root, (node) => {
    for (const f of featureOf(node)) {
      const key = `${f.type}|${f.type === FEATURE_TYPES.udf ? f.name.toLowerCase() + '/' + f.arity : f.name}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { ...f, ranges: [] };
        byKey.set(key, entry);
      }
      if (node.range) entry.ranges.push(node.range);
    }
  });
  return [...byKey.values()];
}
