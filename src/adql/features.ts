/**
 * Optional ADQL language features a query uses, as TAPRegExt feature identifiers, so a validator
 * can compare them with a service's declared capabilities (TAPRegExt <languageFeatures>).
 *
 * Type IVOIDs are given in lower case as ADQL 2.1 (section 4.2) requires services to declare them;
 * IVOIDs are case-insensitive, so compare with {@link sameFeatureType}.
 */
import type { AdqlNode, SourceRange } from './ast.js';
import { FEATURE_TYPES, operatorFeatureType, sameFeatureType, type FeatureType } from './language/features.js';
import { FUNCTION_BY_NAME } from './language/functions.js';
import { walk } from './visitor.js';

export { FEATURE_TYPES, sameFeatureType, type FeatureType };

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

function featureOf(node: AdqlNode): Array<Omit<UsedFeature, 'ranges'>> {
  switch (node.kind) {
    case 'GeometryCall':
    case 'FunctionCall':
    case 'Cast': {
      const name = node.kind === 'Cast' ? 'CAST' : node.name;
      const feature = FUNCTION_BY_NAME.get(name)?.feature;
      return feature === undefined ? [] : [{ type: FEATURE_TYPES[feature], name }];
    }
    case 'Like':
      return node.caseInsensitive ? [{ type: operatorFeatureType('ILIKE'), name: 'ILIKE' }] : [];
    case 'CommonTableExpression':
      return [{ type: operatorFeatureType('WITH'), name: 'WITH' }];
    case 'SetOperation':
      return [
        { type: operatorFeatureType(node.op), name: node.op },
        ...(node.offset !== undefined ? [{ type: operatorFeatureType('OFFSET'), name: 'OFFSET' }] : []),
      ];
    case 'Select':
      return node.offset !== undefined ? [{ type: operatorFeatureType('OFFSET'), name: 'OFFSET' }] : [];
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
