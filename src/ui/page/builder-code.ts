/**
 * "Copy as TypeScript": the editor's query as adqlkit's typed query builder code. A single-table
 * SELECT becomes a `queryBuilder()` chain: plain columns in select(), each ANDed condition a
 * where() (`col op literal` as arguments, anything else as a parsed adql`` fragment), plain ORDER
 * BY columns, TOP, OFFSET, DISTINCT. Queries outside that shape (joins, expressions in the select
 * list, GROUP BY, set operations) are handed to the TAP client as ADQL text instead.
 */
import { parse, print, type Condition, type QueryExpression, type SelectQuery } from '../../adql/index.js';

function templateLiteral(text: string): string {
  return '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

/** The ANDed parts of a condition (a parenthesised group stays one part, as written). */
function conjuncts(c: Condition): Condition[] {
  return c.kind === 'Logical' && c.op === 'AND' ? [...conjuncts(c.left), ...conjuncts(c.right)] : [c];
}

function whereCall(c: Condition): string {
  if (c.kind === 'Comparison' && c.left.kind === 'ColumnRef') {
    const right = c.right;
    const value = right.kind === 'NumericLiteral' ? right.text : right.kind === 'StringLiteral' ? JSON.stringify(right.value) : undefined;
    if (value !== undefined) return `.where(${JSON.stringify(print(c.left))}, ${JSON.stringify(c.op)}, ${value})`;
  }
  return `.where(adql${templateLiteral(print(c))})`;
}

/** The builder chain for `query`, or undefined when the query is not of the shape described above. */
function builderChain(query: QueryExpression): { chain: string; usesTemplate: boolean } | undefined {
  if (query.kind !== 'Select' || query.with || query.groupBy || query.having || query.from.length !== 1) return undefined;
  const from = query.from[0]!;
  if (from.kind !== 'TableRef') return undefined;
  const select = selectCall(query);
  if (select === undefined) return undefined;
  const lines = [`db.from(${JSON.stringify(`${print(from.name)}${from.alias ? ` as ${print(from.alias)}` : ''}`)})`, select];
  if (query.quantifier === 'DISTINCT') lines.push('.distinct()');
  const wheres = query.where ? conjuncts(query.where).map(whereCall) : [];
  lines.push(...wheres);
  for (const item of query.orderBy ?? []) {
    if (item.expr.kind !== 'ColumnRef') return undefined;
    lines.push(`.orderBy(${JSON.stringify(print(item.expr))}${item.direction === 'DESC' ? ", 'desc'" : ''})`);
  }
  if (query.top !== undefined) lines.push(`.top(${query.top})`);
  if (query.offset !== undefined) lines.push(`.offset(${query.offset})`);
  return { chain: lines.join('\n  '), usesTemplate: wheres.some((w) => w.startsWith('.where(adql')) };
}

function selectCall(query: SelectQuery): string | undefined {
  if (query.columns.length === 1 && query.columns[0]!.kind === 'AllColumns' && query.columns[0]!.qualifier === undefined)
    return '.selectAll()';
  const names: string[] = [];
  for (const item of query.columns) {
    if (item.kind !== 'SelectColumn' || item.expr.kind !== 'ColumnRef' || item.alias) return undefined;
    names.push(JSON.stringify(print(item.expr)));
  }
  return `.select(${names.join(', ')})`;
}

/** TypeScript that runs the query on the service with adqlkit (builder code where the query allows). */
export function asTypeScript(serviceUrl: string, text: string, maxrec: number | undefined): string {
  const parsed = parse(text);
  const built = parsed.ast && parsed.errors.length === 0 ? builderChain(parsed.ast) : undefined;
  const options = maxrec !== undefined ? `, { maxrec: ${maxrec} }` : '';
  const lines = built
    ? [
        `import { ${built.usesTemplate ? 'adql, ' : ''}queryBuilder, TapService } from 'adqlkit';`,
        '',
        `const tap = new TapService(${JSON.stringify(serviceUrl)});`,
        'const db = queryBuilder(); // queryBuilder<Database>() with types from `adql codegen` checks every name',
        `const query = ${built.chain};`,
        `const result = await query.run(tap${options});`,
      ]
    : [
        "import { TapService } from 'adqlkit';",
        '',
        `const tap = new TapService(${JSON.stringify(serviceUrl)});`,
        `const result = await tap.query(${templateLiteral(text)}${options});`,
      ];
  lines.push(
    "if (result.overflow) console.warn('truncated at', result.rowCount, 'rows');",
    'console.table(result.rows().slice(0, 10));',
    '',
  );
  return lines.join('\n');
}
