/**
 * The typed ADQL 2.1 abstract syntax tree.
 *
 * Conventions (other code builds these nodes too, e.g. the query builder):
 * - Every node has a string `kind` that discriminates the unions below.
 * - `range` is OPTIONAL. The parser always sets it on every node it creates; code that synthesises
 *   nodes (builder, transforms) simply omits it. Consumers must never assume it is present unless the
 *   node came from `parse()`. There is no fake "synthetic range".
 * - A range is half-open: `start` is the first character of the node, `end` is the position just
 *   after its last character. `offset` is 0-based (UTF-16 code units, as JavaScript strings index),
 *   `line` and `column` are 1-based.
 * - Identifiers keep their spelling (`name` without the quotes, `""` already unescaped) and whether
 *   they were delimited. Keywords and built-in function names are stored upper-case.
 * - Optional properties are simply absent when not written in the source (never `undefined`-valued
 *   properties from the parser), so `parse(print(parse(q)))` compares deep-equal after dropping
 *   `range` and `comments`.
 * - Plain objects only: no classes, no parent pointers, so nodes can be created with object literals,
 *   cloned with structuredClone and compared with a deep-equal. Parsed nodes that start or end at
 *   the same token share their Position objects: treat ranges as read-only.
 */
import { functionNames, type FunctionNameOf } from './language/functions.js';

export interface Position {
  /** 0-based offset into the source text. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in Unicode code points (an emoji is one column, not two UTF-16 units). */
  column: number;
}

export interface SourceRange {
  start: Position;
  /** Exclusive: the position just after the node's last character. */
  end: Position;
}

interface NodeBase {
  /** Source range; present on parsed nodes, absent on synthesised ones. */
  range?: SourceRange;
}

// ---------------------------------------------------------------------------------------------
// Names

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  /** Spelling as written, without delimiting quotes (`""` unescaped to `"`). */
  name: string;
  /** True when written as a delimited identifier ("..."): case-sensitive, any characters. */
  delimited: boolean;
}

/** `[catalog.][schema.]table`: a table name, also used as a column qualifier. */
export interface TableName extends NodeBase {
  kind: 'TableName';
  catalog?: Identifier;
  schema?: Identifier;
  table: Identifier;
}

// ---------------------------------------------------------------------------------------------
// Query expressions

/** `WITH name AS (query)` (non-recursive common table expression, ADQL 2.1). */
export interface CommonTableExpression extends NodeBase {
  kind: 'CommonTableExpression';
  name: Identifier;
  query: QueryExpression;
}

/** Fields that may decorate any query expression (a SELECT or a set operation). */
interface QueryDecorations {
  /** WITH clause: only on the outermost query expression or a subquery's. */
  with?: CommonTableExpression[];
  orderBy?: OrderItem[];
  /** OFFSET n (ADQL 2.1). */
  offset?: number;
  /** `--` comments of the whole text; the parser sets this on the root node only. */
  comments?: Comment[];
}

export interface SelectQuery extends NodeBase, QueryDecorations {
  kind: 'Select';
  quantifier?: 'DISTINCT' | 'ALL';
  /** TOP n */
  top?: number;
  columns: SelectItem[];
  /** Comma-separated table references (a comma is a cross join). At least one in valid ADQL. */
  from: TableReference[];
  where?: Condition;
  groupBy?: ValueExpression[];
  having?: Condition;
}

/** UNION / INTERSECT / EXCEPT [ALL] (ADQL 2.1). INTERSECT binds tighter than UNION/EXCEPT. */
export interface SetOperation extends NodeBase, QueryDecorations {
  kind: 'SetOperation';
  op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  all: boolean;
  left: QueryExpression;
  right: QueryExpression;
}

export type QueryExpression = SelectQuery | SetOperation;

export interface OrderItem extends NodeBase {
  kind: 'OrderItem';
  /** A column position is a NumericLiteral; otherwise any value expression. */
  expr: ValueExpression;
  direction?: 'ASC' | 'DESC';
}

// ---------------------------------------------------------------------------------------------
// Select list

/** `*` (no qualifier) or `t.*`. */
export interface AllColumns extends NodeBase {
  kind: 'AllColumns';
  qualifier?: TableName;
}

/** `expr [AS alias]`. */
export interface SelectColumn extends NodeBase {
  kind: 'SelectColumn';
  expr: ValueExpression;
  alias?: Identifier;
}

export type SelectItem = AllColumns | SelectColumn;

// ---------------------------------------------------------------------------------------------
// FROM

export interface TableRef extends NodeBase {
  kind: 'TableRef';
  name: TableName;
  alias?: Identifier;
}

/** `(query) [AS] alias` in FROM. The alias is mandatory in ADQL; a parsed node always has one. */
export interface DerivedTable extends NodeBase {
  kind: 'DerivedTable';
  query: QueryExpression;
  alias: Identifier;
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';

export interface Join extends NodeBase {
  kind: 'Join';
  /** Absent for a bare `JOIN` (which means INNER). */
  joinType?: JoinType;
  /** `OUTER` was written (only meaningful with LEFT/RIGHT/FULL). */
  outer?: boolean;
  natural: boolean;
  left: TableReference;
  right: TableReference;
  /** Absent only for NATURAL joins. */
  condition?: JoinCondition;
}

export interface JoinOn extends NodeBase {
  kind: 'JoinOn';
  condition: Condition;
}

export interface JoinUsing extends NodeBase {
  kind: 'JoinUsing';
  columns: Identifier[];
}

export type JoinCondition = JoinOn | JoinUsing;

export type TableReference = TableRef | DerivedTable | Join;

// ---------------------------------------------------------------------------------------------
// Conditions (search conditions and predicates)

export type ComparisonOperator = '=' | '<>' | '!=' | '<' | '>' | '<=' | '>=';

export interface Comparison extends NodeBase {
  kind: 'Comparison';
  op: ComparisonOperator;
  left: ValueExpression;
  right: ValueExpression;
}

export interface Between extends NodeBase {
  kind: 'Between';
  not: boolean;
  expr: ValueExpression;
  low: ValueExpression;
  high: ValueExpression;
}

/** `LIKE`, or `ILIKE` (caseInsensitive, ADQL 2.1 feature). */
export interface Like extends NodeBase {
  kind: 'Like';
  not: boolean;
  caseInsensitive: boolean;
  expr: ValueExpression;
  pattern: ValueExpression;
}

export interface InList extends NodeBase {
  kind: 'InList';
  not: boolean;
  expr: ValueExpression;
  values: ValueExpression[];
}

export interface InSubquery extends NodeBase {
  kind: 'InSubquery';
  not: boolean;
  expr: ValueExpression;
  query: QueryExpression;
}

export interface Exists extends NodeBase {
  kind: 'Exists';
  query: QueryExpression;
}

/** `col IS [NOT] NULL`. ADQL 2.1 allows only a column reference here; the parser enforces it. */
export interface IsNull extends NodeBase {
  kind: 'IsNull';
  not: boolean;
  expr: ValueExpression;
}

export interface Not extends NodeBase {
  kind: 'Not';
  operand: Condition;
}

export interface Logical extends NodeBase {
  kind: 'Logical';
  op: 'AND' | 'OR';
  left: Condition;
  right: Condition;
}

/** A parenthesised search condition `( cond )`, kept so the printed text matches the source. */
export interface ParenCondition extends NodeBase {
  kind: 'ParenCondition';
  condition: Condition;
}

export type Predicate = Comparison | Between | Like | InList | InSubquery | Exists | IsNull;
export type Condition = Predicate | Not | Logical | ParenCondition;

// ---------------------------------------------------------------------------------------------
// Value expressions

export interface NumericLiteral extends NodeBase {
  kind: 'NumericLiteral';
  /** Original spelling, e.g. `1.5E3`, `.5`, `42`. Printed verbatim when present. */
  text: string;
  value: number;
}

export interface StringLiteral extends NodeBase {
  kind: 'StringLiteral';
  /** Unescaped value (`''` becomes `'`). */
  value: string;
}

export interface NullLiteral extends NodeBase {
  kind: 'Null';
}

/** `[[catalog.]schema.]table.]column` */
export interface ColumnRef extends NodeBase {
  kind: 'ColumnRef';
  table?: TableName;
  column: Identifier;
}

export interface Unary extends NodeBase {
  kind: 'Unary';
  op: '+' | '-';
  operand: ValueExpression;
}

export interface Binary extends NodeBase {
  kind: 'Binary';
  /** Arithmetic, or `||` string concatenation. */
  op: '+' | '-' | '*' | '/' | '||';
  left: ValueExpression;
  right: ValueExpression;
}

/** A parenthesised value expression `( expr )`, kept so the printed text matches the source. */
export interface ParenExpression extends NodeBase {
  kind: 'Paren';
  expr: ValueExpression;
}

/** `*` inside COUNT(*). */
export interface Star extends NodeBase {
  kind: 'Star';
}

export type AggregateName = FunctionNameOf<'aggregate'>;

export interface Aggregate extends NodeBase {
  kind: 'Aggregate';
  name: AggregateName;
  quantifier?: 'DISTINCT' | 'ALL';
  /** `Star` only for COUNT(*). */
  arg: ValueExpression | Star;
}

export const MATH_FUNCTIONS = functionNames('math');
export const TRIG_FUNCTIONS = functionNames('trig');
/** ADQL 2.1 optional string functions (features-adql-string). */
export const STRING_FUNCTIONS = functionNames('string');
/** Other ADQL 2.1 optional built-ins written as plain calls. */
export const OTHER_FUNCTIONS = functionNames('conditional', 'unit');

export type MathFunctionName = FunctionNameOf<'math'>;
export type TrigFunctionName = FunctionNameOf<'trig'>;
export type StringFunctionName = FunctionNameOf<'string'>;
export type BuiltinFunctionName = FunctionNameOf<'math' | 'trig' | 'string' | 'conditional' | 'unit'>;

/** A built-in (non-geometry, non-aggregate) function: math, trig, LOWER/UPPER, COALESCE, IN_UNIT. */
export interface FunctionCall extends NodeBase {
  kind: 'FunctionCall';
  name: BuiltinFunctionName;
  args: ValueExpression[];
}

export const GEOMETRY_FUNCTIONS = functionNames('geometry');
export type GeometryFunctionName = FunctionNameOf<'geometry'>;

/**
 * A geometry function. `coordSys` is the optional leading coordinate-system string of POINT,
 * CIRCLE, BOX and POLYGON (deprecated but allowed in 2.1); `args` are the remaining arguments.
 * DISTANCE has 2 (points) or 4 (numbers) args.
 */
export interface GeometryCall extends NodeBase {
  kind: 'GeometryCall';
  name: GeometryFunctionName;
  coordSys?: ValueExpression;
  args: ValueExpression[];
}

/** Any other `name(args)`: a user-defined function. Whether it exists is the validator's job. */
export interface UserFunctionCall extends NodeBase {
  kind: 'UserFunctionCall';
  name: Identifier;
  args: ValueExpression[];
}

export type CastTypeName =
  'CHAR' | 'VARCHAR' | 'SMALLINT' | 'INTEGER' | 'BIGINT' | 'REAL' | 'DOUBLE PRECISION' | 'TIMESTAMP' | 'POINT' | 'CIRCLE' | 'POLYGON';

export interface CastType extends NodeBase {
  kind: 'CastType';
  name: CastTypeName;
  /** CHAR(n) / VARCHAR(n) */
  length?: number;
}

/** `CAST(expr AS type)` (ADQL 2.1, features-adql-type). */
export interface Cast extends NodeBase {
  kind: 'Cast';
  expr: ValueExpression;
  type: CastType;
}

export type ValueExpression =
  | NumericLiteral
  | StringLiteral
  | NullLiteral
  | ColumnRef
  | Unary
  | Binary
  | ParenExpression
  | Aggregate
  | FunctionCall
  | GeometryCall
  | UserFunctionCall
  | Cast;

// ---------------------------------------------------------------------------------------------
// Comments

/** A `--` comment. `text` is the comment from its dashes to the end of the line (line break excluded). */
export interface Comment extends NodeBase {
  kind: 'Comment';
  text: string;
}

// ---------------------------------------------------------------------------------------------

export type AdqlNode =
  | Identifier
  | TableName
  | CommonTableExpression
  | SelectQuery
  | SetOperation
  | OrderItem
  | AllColumns
  | SelectColumn
  | TableRef
  | DerivedTable
  | Join
  | JoinOn
  | JoinUsing
  | Comparison
  | Between
  | Like
  | InList
  | InSubquery
  | Exists
  | IsNull
  | Not
  | Logical
  | ParenCondition
  | NumericLiteral
  | StringLiteral
  | NullLiteral
  | ColumnRef
  | Unary
  | Binary
  | ParenExpression
  | Star
  | Aggregate
  | FunctionCall
  | GeometryCall
  | UserFunctionCall
  | CastType
  | Cast
  | Comment;

export type NodeKind = AdqlNode['kind'];
/** The node type for a given kind, e.g. `NodeOfKind<'Select'>` is `SelectQuery`. */
export type NodeOfKind<K extends NodeKind> = Extract<AdqlNode, { kind: K }>;
