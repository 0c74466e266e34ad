/** Public surface of schema code generation (`adql codegen`). */
export {
  generateSchemaTypes,
  compareGenerated,
  CodegenError,
  type CodegenOptions,
  type CodegenSource,
  type CheckResult,
} from './generate.js';
export { renderSchemaTypes, columnKey, type RenderTable, type RenderOptions } from './render.js';
export { columnType, adqlType } from './types.js';
