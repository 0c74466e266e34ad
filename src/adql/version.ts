/** ADQL 2.0 mode: every construct that only ADQL 2.1 has is reported as "X needs ADQL 2.1". */
import type { AdqlNode, QueryExpression, SourceRange } from './ast.js';
import { AdqlVersionError } from './errors.js';
import { isFeatureNewIn21, operatorFeatureType, type OperatorFeatureName } from './language/features.js';
import { isNewIn21 } from './language/functions.js';
import { walk } from './visitor.js';

/** Is a non-function feature form (ILIKE, UNION, WITH, OFFSET...) new in ADQL 2.1? */
const operatorNewIn21 = (name: OperatorFeatureName): boolean => isFeatureNewIn21(operatorFeatureType(name));

/** The 2.1-only construct a node is, if any (a short name for the message). */
function construct21(node: AdqlNode): string | undefined {
  switch (node.kind) {
    case 'CommonTableExpression':
      return operatorNewIn21('WITH') ? 'WITH (common table expressions)' : undefined;
    case 'SetOperation':
      return operatorNewIn21(node.op) ? node.op : undefined;
    case 'Like':
      return node.caseInsensitive && operatorNewIn21('ILIKE') ? 'ILIKE' : undefined;
    case 'FunctionCall':
      return isNewIn21(node.name) ? node.name : undefined;
    case 'Cast':
      return isNewIn21('CAST') ? 'CAST' : undefined;
    case 'GeometryCall':
      if (['POINT', 'CIRCLE', 'BOX', 'POLYGON'].includes(node.name) && node.coordSys === undefined) {
        return `${node.name} without a coordinate system`;
      }
      if (node.name === 'DISTANCE' && node.args.length === 4) return 'DISTANCE with four coordinates';
      if ((node.name === 'CIRCLE' && node.args.length === 2) || (node.name === 'BOX' && node.args.length === 3)) {
        return `${node.name} with a point as centre`;
      }
      if (node.name === 'POLYGON' && !(node.args.length >= 6 && node.args.length % 2 === 0)) return 'POLYGON with points as vertices';
      return undefined;
    default:
      return undefined;
  }
}

export function checkVersion20(ast: QueryExpression): AdqlVersionError[] {
  const errors: AdqlVersionError[] = [];
  const report = (what: string, range: SourceRange | undefined) => {
    if (range) errors.push(new AdqlVersionError(`${what} needs ADQL 2.1`, range));
  };
  walk(ast, (node) => {
    const what = construct21(node);
    if (what) report(what, node.range);
    if ((node.kind === 'Select' || node.kind === 'SetOperation') && node.offset !== undefined && operatorNewIn21('OFFSET'))
      report('OFFSET', node.range);
  });
  return errors;
}
