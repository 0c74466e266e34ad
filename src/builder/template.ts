/**
 * The `adql` tagged template: raw ADQL fragments that are PARSED, never pasted.
 *
 * Each `${}` is replaced in the text by a placeholder name before parsing, so a value can never take
 * part in tokenising or parsing; after parsing, each placeholder node is replaced by the value's
 * node: a literal (string, number, bigint, boolean, Date, null), a builder expression, a column or
 * table name (`adql.ref('m.ra')`, `adql.table('zcat.main')`, delimited when needed), or, inside
 * `IN (${...})`, an array of values or a subquery. Parsed fragments are cached per call site.
 */
import { parse, type Condition as ConditionNode, type QueryExpression, type ValueExpression } from '../adql/index.js';
import { AdqlBuilderError } from './errors.js';
import { Expression, type ConditionSource } from './expression.js';
import { columnRefFrom, tableNameOf } from './identifiers.js';
import { literalNode, type LiteralValue } from './nodes.js';
import { isQuerySource } from './operands.js';
import { QueryBase } from './query-base.js';

const PLACEHOLDER_PREFIX = 'adqlkit_value_';
const PLACEHOLDER = /^adqlkit_value_(\d+)$/;

/** A column name for a template slot: `${adql.ref('m.ra')}`. */
export class AdqlRef {
  constructor(readonly name: string) {}
}
/** A table name for a template slot: `FROM ${adql.table('zcat.main')}`. */
export class AdqlTableName {
  constructor(readonly name: string) {}
}

type Context = 'value' | 'condition' | 'query';
const PREFIX: Record<Context, string> = {
  value: 'SELECT ',
  condition: 'SELECT 1 AS adqlkit_x FROM adqlkit_t WHERE ',
  query: '',
};
const SUFFIX: Record<Context, string> = { value: ' AS adqlkit_x FROM adqlkit_t', condition: '', query: '' };

const cache = new WeakMap<TemplateStringsArray, Partial<Record<Context, QueryExpression>>>();

function templateText(strings: readonly string[]): string {
  let text = strings[0]!;
  for (let i = 1; i < strings.length; i++) text += ` ${PLACEHOLDER_PREFIX}${i - 1} ` + strings[i]!;
  return text;
}

function parseTemplate(strings: TemplateStringsArray, context: Context): QueryExpression {
  let entry = cache.get(strings);
  const hit = entry?.[context];
  if (hit) return hit;
  const raw = templateText(strings);
  if (strings.some((s) => s.includes(PLACEHOLDER_PREFIX)))
    throw new AdqlBuilderError(`adql\`\`: the text may not contain "${PLACEHOLDER_PREFIX}"`);
  const text = PREFIX[context] + raw + SUFFIX[context];
  const { ast, errors } = parse(text);
  if (ast === null || errors.length > 0) {
    const e = errors[0];
    const shown = strings.reduce((acc, s, i) => acc + '${' + (i - 1) + '}' + s);
    const at = e ? Math.max(0, e.range.start.offset - PREFIX[context].length) : 0;
    throw new AdqlBuilderError(
      `adql\`${shown}\` is not a valid ADQL ${context === 'value' ? 'value expression' : context}` +
        (e ? ` (near character ${at + 1} of the fragment with \${} slots written as placeholders): ${e.message}` : ''),
    );
  }
  entry ??= {};
  entry[context] = ast;
  cache.set(strings, entry);
  return ast;
}

function slotIndex(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const n = node as { kind?: string; table?: unknown; column?: { name: string; delimited: boolean } };
  if (n.kind !== 'ColumnRef' || n.table !== undefined || n.column?.delimited) return undefined;
  const m = PLACEHOLDER.exec(n.column!.name);
  return m ? Number(m[1]) : undefined;
}

function slotValueNode(value: unknown): ValueExpression {
  if (value instanceof Expression) return value.toAST();
  if (value instanceof AdqlRef) return columnRefFrom(value.name);
  if (value instanceof AdqlTableName) throw new AdqlBuilderError('adql.table() can only stand after FROM or JOIN');
  if (isQuerySource(value)) throw new AdqlBuilderError('a subquery in adql`` can only stand in IN (${query})');
  if (Array.isArray(value)) throw new AdqlBuilderError('an array in adql`` can only stand in IN (${values})');
  return literalNode(value as LiteralValue);
}

/**
 * Deep-copies a parsed tree (dropping positions), putting the values into the placeholder slots.
 * An explicit stack of (node, where its copy goes): fragments of any length are safe.
 */
function substitute(root: unknown, values: readonly unknown[], used: boolean[]): unknown {
  const holder: { result?: unknown } = {};
  const work: Array<{ node: unknown; put: (copy: unknown) => void }> = [{ node: root, put: (c) => (holder.result = c) }];
  while (work.length > 0) {
    const { node, put } = work.pop()!;
    if (Array.isArray(node)) {
      const copy = new Array<unknown>(node.length);
      put(copy);
      for (let i = node.length - 1; i >= 0; i--) work.push({ node: node[i], put: (c) => (copy[i] = c) });
      continue;
    }
    if (node === null || typeof node !== 'object') {
      put(node);
      continue;
    }
    const slot = slotIndex(node);
    if (slot !== undefined) {
      used[slot] = true;
      put(slotValueNode(values[slot]));
      continue;
    }
    const n = node as Record<string, unknown>;
    if (n.kind === 'InList') {
      const list = n.values as unknown[];
      const only = list.length === 1 ? slotIndex(list[0]) : undefined;
      const v = only !== undefined ? values[only] : undefined;
      if (only !== undefined && (isQuerySource(v) || Array.isArray(v))) {
        used[only] = true;
        let out: Record<string, unknown>;
        // `expr: undefined` keeps the key order of a parsed node; the copy of expr fills it in.
        if (isQuerySource(v)) out = { kind: 'InSubquery', not: n.not, expr: undefined, query: v.toAST() };
        else if (v.length === 0) throw new AdqlBuilderError('IN (${[]}) needs at least one value');
        else out = { kind: 'InList', not: n.not, expr: undefined, values: v.map((x) => slotValueNode(x)) };
        put(out);
        work.push({ node: n.expr, put: (c) => (out.expr = c) });
        continue;
      }
    }
    if (n.kind === 'TableRef') {
      const name = n.name as { schema?: unknown; catalog?: unknown; table: { name: string; delimited: boolean } };
      const m = !name.schema && !name.catalog && !name.table.delimited ? PLACEHOLDER.exec(name.table.name) : null;
      if (m) {
        const i = Number(m[1]);
        const v = values[i];
        if (!(v instanceof AdqlTableName) && typeof v !== 'string')
          throw new AdqlBuilderError('after FROM/JOIN a ${} slot needs adql.table("schema.table")');
        used[i] = true;
        const out: Record<string, unknown> = { kind: 'TableRef', name: tableNameOf(typeof v === 'string' ? v : v.name) };
        put(out);
        if (n.alias !== undefined) work.push({ node: n.alias, put: (c) => (out.alias = c) });
        continue;
      }
    }
    const out: Record<string, unknown> = {};
    put(out);
    const keys = Object.keys(n).filter((key) => key !== 'range' && key !== 'comments');
    for (const key of keys) out[key] = undefined; // the keys in the node's order, filled in below
    for (let i = keys.length - 1; i >= 0; i--) work.push({ node: n[keys[i]!], put: (c) => (out[keys[i]!] = c) });
  }
  return holder.result;
}

function fill<T>(tree: unknown, values: readonly unknown[]): T {
  const used = new Array<boolean>(values.length).fill(false);
  const out = substitute(tree, values, used) as T;
  const unused = used.indexOf(false);
  if (unused >= 0)
    throw new AdqlBuilderError(
      `adql\`\`: \${} number ${unused + 1} is not where a value, column or table can stand (e.g. it names a function or alias)`,
    );
  return out;
}

/** A parsed raw fragment: usable as a value (select item, operand) or as a condition (where). */
export class AdqlFragment<T = unknown> extends Expression<T> implements ConditionSource {
  constructor(
    private readonly strings: TemplateStringsArray,
    private readonly values: readonly unknown[],
  ) {
    super(undefined as never);
  }

  override toAST(): ValueExpression {
    const q = parseTemplate(this.strings, 'value');
    const column = q.kind === 'Select' ? q.columns[0] : undefined;
    if (q.kind !== 'Select' || q.columns.length !== 1 || column?.kind !== 'SelectColumn')
      throw new AdqlBuilderError('adql`` used as a value must be one value expression');
    return fill<ValueExpression>(column.expr, this.values);
  }

  toConditionNode(): ConditionNode {
    const q = parseTemplate(this.strings, 'condition');
    if (q.kind !== 'Select' || q.where === undefined) throw new AdqlBuilderError('adql`` used as a condition must be one search condition');
    return fill<ConditionNode>(q.where, this.values);
  }
}

/** A whole raw query: `adql.query\`SELECT ...\``. */
export class AdqlRawQuery<O = Record<string, unknown>> extends QueryBase<O> {
  constructor(
    private readonly strings: TemplateStringsArray,
    private readonly values: readonly unknown[],
  ) {
    super();
  }
  toAST(): QueryExpression {
    return fill<QueryExpression>(parseTemplate(this.strings, 'query'), this.values);
  }
}

interface AdqlTag {
  /** A raw fragment (value or condition); `${}` values become literals, never text. */
  <T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): AdqlFragment<T>;
  /** A whole raw query. */
  query<O = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): AdqlRawQuery<O>;
  /** A column reference for a slot (`m.ra`, `"MagAB"`): delimited when needed. */
  ref(name: string): AdqlRef;
  /** A table name for a slot after FROM/JOIN. */
  table(name: string): AdqlTableName;
}

export const adql: AdqlTag = Object.assign(
  <T = unknown>(strings: TemplateStringsArray, ...values: unknown[]) => new AdqlFragment<T>(strings, values),
  {
    query: <O = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) => new AdqlRawQuery<O>(strings, values),
    ref: (name: string) => new AdqlRef(name),
    table: (name: string) => new AdqlTableName(name),
  },
);
