/** Raised when a builder call cannot produce valid ADQL (bad value, bad name, bad fragment). */
export class AdqlBuilderError extends Error {
  override name = 'AdqlBuilderError';
}
