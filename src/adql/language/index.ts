/**
 * ADQL language facts, as data: versions, optional features (TAPRegExt), built-in functions.
 * Reserved words are the lexer's KEYWORDS (grammar/tokens.ts); ask names.ts's isReservedWord.
 */
export { ADQL_VERSIONS, type AdqlVersion } from './version.js';
export {
  FEATURE_TYPES,
  FEATURE_SINCE,
  OPERATOR_FEATURES,
  TAPREGEXT,
  TAPREGEXT_STANDARD_ID,
  featureTypeAsDeclared,
  isFeatureNewIn21,
  operatorFeatureType,
  sameFeatureType,
  type FeatureKey,
  type FeatureType,
  type OperatorFeatureName,
} from './features.js';
export {
  ADQL_FUNCTIONS,
  FUNCTION_BY_NAME,
  argKindAt,
  arityRange,
  callSyntax,
  formsForArity,
  functionNames,
  functionsWithSyntax,
  isNewIn21,
  type ArgKind,
  type BuiltinFunction,
  type BuiltinName,
  type CallSyntax,
  type FunctionCategory,
  type FunctionForm,
  type FunctionNameOf,
} from './functions.js';
