/** adqlkit validate: semantic validation of ADQL against service metadata. */
export { validate, type ValidationResult, type ValidatedColumn } from './validate.js';
export { check, type CheckOptions } from './check.js';
export type { ValidateOptions, UploadDeclaration } from './context.js';
export {
  DIAGNOSTIC_CODES,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
  type Fix,
  type TextEdit,
  type RelatedRange,
} from './diagnostics.js';
export { BUILTIN_FUNCTIONS, type FunctionSpec } from './functions.js';
export { editDistance, closestNames } from './suggest.js';
export { isStandardCoordSys } from './coordsys.js';
export { applyFix } from './fixes.js';
