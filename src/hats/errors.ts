/** Errors of the HATS reader: the catalogue location and what is wrong with it. */
export class HatsError extends Error {
  override name = 'HatsError';
}
