/**
 * The columns a query may read, so a remote partition is fetched without the others. Conservative:
 * every column name the query mentions anywhere (in any table's scope, in USING lists), in lower
 * case; undefined (read every column) when a `*` or `t.*` or a NATURAL join makes the column set
 * itself part of the answer.
 */
import { walk, type QueryExpression } from '../adql/index.js';

export function columnsUsed(ast: QueryExpression): Set<string> | undefined {
  const names = new Set<string>();
  let everything = false;
  walk(ast, (node) => {
    if (node.kind === 'AllColumns' || (node.kind === 'Join' && node.natural)) everything = true;
    else if (node.kind === 'ColumnRef') names.add(node.column.name.toLowerCase());
    else if (node.kind === 'JoinUsing') for (const c of node.columns) names.add(c.name.toLowerCase());
  });
  return everything ? undefined : names;
}
