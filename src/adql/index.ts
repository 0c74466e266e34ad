/** adqlkit/adql: the ADQL 2.1 parser, AST, printer, visitor and feature detection. */
export type * from './ast.js';
export { MATH_FUNCTIONS, TRIG_FUNCTIONS, STRING_FUNCTIONS, OTHER_FUNCTIONS, GEOMETRY_FUNCTIONS } from './ast.js';
export { parse, type ParseOptions, type ParseResult, type AdqlVersion } from './parse.js';
export { ADQL_VERSIONS } from './language/version.js';
export type { UdfDeclaration } from './udfs.js';
export { print, type PrintOptions } from './print.js';
export {
  identifierMatches,
  sameIdentifier,
  isRegularIdentifier,
  isReservedWord,
  hasRegularForm,
  quoteIdentifier,
  formatIdentifier,
  parseQualifiedName,
  parseNamePart,
  columnNamePart,
  storedNamePart,
  foldName,
  type NamePart,
  type IdentifierPosition,
} from './names.js';
export { constantValue, foldConstant, literalConstant, type Constant } from './constant.js';
export { walk, findAll, transform, childrenOf, stripPositions, type AdqlVisitor } from './visitor.js';
export { usedFeatures, sameFeatureType, FEATURE_TYPES, type UsedFeature, type FeatureType } from './features.js';
export {
  ADQL_FUNCTIONS,
  TAPREGEXT_STANDARD_ID,
  argKindAt,
  callSyntax,
  featureTypeAsDeclared,
  formsForArity,
  isFeatureNewIn21,
  type ArgKind,
  type BuiltinFunction,
  type BuiltinName,
  type FeatureKey,
  type FunctionForm,
} from './language/index.js';
export {
  CAST_CONVERSIONS,
  COMPATIBLE_CATEGORIES,
  CONCATENATION_OPERANDS,
  ORDER_BY_ALIAS,
  castAllowed,
  categoriesCompatible,
  type SourcedRule,
  type TypeCategory,
} from './language/typing.js';
export {
  AdqlError,
  AdqlLexicalError,
  AdqlSyntaxError,
  AdqlGrammarError,
  AdqlVersionError,
  AdqlNestingError,
  AdqlUnknownFunctionError,
} from './errors.js';
export { MAX_NESTING_DEPTH } from './grammar/parser.js';
