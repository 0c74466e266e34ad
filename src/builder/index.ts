/** Public surface of the typed query builder. */
export { queryBuilder, QueryCreator, SelectQueryBuilder, CompoundQuery, AliasedSubquery } from './select-query.js';
export type {
  SelectArg,
  SelectRow,
  FromTarget,
  TargetScope,
  JoinSpec,
  JoinArgs,
  ConditionArg,
  OrderDirection,
  WithTable,
} from './select-query.js';
export { QueryBase, AdqlResultOverflowError, type ToADQLOptions, type InferRow, type ExecuteOptions } from './query-base.js';
export { Expression, AliasedExpression, Condition, GeometryPredicate, type ConditionLike } from './expression.js';
export { expressionBuilder } from './expression-builder.js';
export type {
  ExpressionBuilder,
  FunctionBuilder,
  SkyBuilder,
  Operand,
  OperandType,
  NumArg,
  StrArg,
  PosArg,
  RegionArg,
  AngleArg,
  CastTarget,
  CountValue,
} from './expression-builder.js';
export type { BinaryOperator, ConditionOperator, Subquery } from './operators.js';
export { Angle, deg, arcmin, arcsec, type AngleUnit, type FrameOption } from './sky.js';
export { sky } from './standalone.js';
export { adql, AdqlFragment } from './template.js';
export { AdqlBuilderError } from './errors.js';
export { isBareIdentifier } from './identifiers.js';
export type {
  DatabaseShape,
  AnyDatabase,
  ColumnRef,
  ColumnRefOf,
  RefType,
  Nullable,
  Simplify,
  SkyPoint,
  SkyCircle,
  SkyPolygon,
  SkyRegion,
  ComparableValue,
} from './types.js';
