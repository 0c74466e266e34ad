/**
 * Finds, in an ADQL AST, a positional cross-match between two HATS tables that can run partition
 * by partition: a conjunct `1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(b.ra, b.dec, r))` or
 * `DISTANCE(POINT(a.ra, a.dec), POINT(b.ra, b.dec)) < r` (either order, constant r) on the two
 * catalogues' own position columns, in the ON of an inner join between them or in the WHERE of a
 * query block that inner-joins them. Every row such a join or block produces is then one of the
 * cross-match's pairs, so the join may read the pairs found partition by partition instead of the
 * tables (hats-join-run.ts). Anything else is not recognised (the engine then runs its plain join).
 */
import type * as A from '../adql/index.js';
import { walk } from '../adql/index.js';
import type { HatsResolver } from '../hats/index.js';
import { type Point, conjuncts, proximity } from './translate/crossmatch.js';
import { namesMatch } from './translate/scope.js';

/** Radii from this many degrees up are left to the plain join (every partition would pair with most others). */
const MAX_RADIUS_DEGREES = 10;

export interface HatsJoinSide {
  ref: A.TableRef;
  /** The engine's key of the HATS table. */
  key: string;
}

export interface HatsCrossmatchForm {
  /** The table whose point is tested, and the one the circle (or second point) is centred on. */
  sides: [HatsJoinSide, HatsJoinSide];
  /** Degrees. */
  radius: number;
  /** The proximity test itself. */
  conjunct: A.Condition;
  /** Where a condition tying each pair's two rows together belongs: the join's ON or the block's WHERE. */
  place: { kind: 'on'; join: A.Join & { condition: A.JoinOn } } | { kind: 'where'; select: A.SelectQuery & { where: A.Condition } };
}

/** The first recognised cross-match of two HATS tables in the query (nodes of `ast` itself). */
export function findHatsCrossmatch(ast: A.QueryExpression, resolve: HatsResolver): HatsCrossmatchForm | undefined {
  const cteNames = new Set<string>();
  walk(ast, (node) => {
    if (node.kind === 'CommonTableExpression') cteNames.add(node.name.name.toLowerCase());
  });
  // A schema-less name a CTE also has may denote the CTE: such references are not taken as HATS tables.
  const hats = (ref: A.TableRef) => (!ref.name.schema && cteNames.has(ref.name.table.name.toLowerCase()) ? undefined : resolve(ref.name));
  let found: HatsCrossmatchForm | undefined;
  walk(ast, (node) => {
    if (found) return false;
    if (node.kind === 'Join') {
      const join = node;
      if (join.natural || (join.joinType ?? 'INNER') !== 'INNER' || join.condition?.kind !== 'JoinOn') return;
      const match = matchConjuncts(join.condition.condition, innerRefs(join.left), innerRefs(join.right), hats);
      if (match) found = { ...match, place: { kind: 'on', join: join as A.Join & { condition: A.JoinOn } } };
    } else if (node.kind === 'Select' && node.where) {
      const refs = node.from.flatMap(innerRefs);
      const match = matchConjuncts(node.where, refs, refs, hats);
      if (match) found = { ...match, place: { kind: 'where', select: node as A.SelectQuery & { where: A.Condition } } };
    }
    return undefined;
  });
  return found;
}

type Hats = (ref: A.TableRef) => { key: string; ra: string; dec: string } | undefined;

function matchConjuncts(
  condition: A.Condition,
  one: A.TableRef[],
  other: A.TableRef[],
  hats: Hats,
): Omit<HatsCrossmatchForm, 'place'> | undefined {
  for (const c of conjuncts(condition)) {
    const m = proximity(c);
    if (!m || !(m.r > 0 && m.r < MAX_RADIUS_DEGREES)) continue;
    for (const [xs, ys] of [
      [one, other],
      [other, one],
    ] as const) {
      const x = xs.map((ref) => onPosition(m.p, ref, hats)).find((s) => s !== undefined);
      const y = ys.map((ref) => onPosition(m.q, ref, hats)).find((s) => s !== undefined);
      if (x && y && x.ref !== y.ref) return { sides: [x, y], radius: m.r, conjunct: c };
    }
  }
  return undefined;
}

/** The side, when `p` is POINT(t.ra, t.dec) on the HATS table `ref`'s own position columns. */
function onPosition(p: Point, ref: A.TableRef, hats: Hats): HatsJoinSide | undefined {
  const table = hats(ref);
  if (!table) return undefined;
  const own = (e: A.ValueExpression, column: string) => {
    const x = unparen(e);
    return x.kind === 'ColumnRef' && x.table !== undefined && qualifies(x.table, ref) && namesMatch(x.column, column);
  };
  return own(p.lon, table.ra) && own(p.lat, table.dec) ? { ref, key: table.key } : undefined;
}

/** Does the qualifier `q` name the FROM reference `ref` (its alias, else its table name)? */
function qualifies(q: A.TableName, ref: A.TableRef): boolean {
  if (q.catalog) return false;
  if (ref.alias) return !q.schema && sameName(q.table, ref.alias);
  if (!sameName(q.table, ref.name.table)) return false;
  return !q.schema || (ref.name.schema !== undefined && sameName(q.schema, ref.name.schema));
}

/** Two identifiers written in the query that denote the same name (ADQL: regular ones fold case). */
function sameName(a: A.Identifier, b: A.Identifier): boolean {
  return a.delimited || b.delimited ? a.name === b.name : a.name.toLowerCase() === b.name.toLowerCase();
}

/** The table references a FROM item reaches through inner joins (their rows are all in its product). */
function innerRefs(item: A.TableReference): A.TableRef[] {
  if (item.kind === 'TableRef') return [item];
  if (item.kind === 'Join' && !item.natural && (item.joinType ?? 'INNER') === 'INNER' && item.condition?.kind === 'JoinOn')
    return [...innerRefs(item.left), ...innerRefs(item.right)];
  return [];
}

const unparen = (e: A.ValueExpression): A.ValueExpression => (e.kind === 'Paren' ? unparen(e.expr) : e);
