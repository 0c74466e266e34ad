/** Which of ADQL's built-in functions the local engine translates, as its translation tables say. */
import { type BuiltinFunction, callSyntax } from '../../adql/index.js';
import { AGGREGATE_TRANSLATIONS, FUNCTION_TRANSLATIONS, translateCast } from './functions.js';
import { GEOMETRY_TRANSLATIONS } from './geometry.js';

/** A translation table's entry for a function the local engine cannot run: the reason, as the error says it. */
export interface NotTranslatable {
  notTranslatable: string;
}

/**
 * How the translator handles a catalogue function: 'translated', the reason it is not, or undefined
 * when its table has no entry (a function added to the catalogue but not to the translator).
 */
export function translationOf(fn: BuiltinFunction): 'translated' | NotTranslatable | undefined {
  const entry: unknown = lookup(fn);
  if (entry === undefined) return undefined;
  return typeof entry === 'object' && entry !== null && 'notTranslatable' in entry ? (entry as NotTranslatable) : 'translated';
}

function lookup(fn: BuiltinFunction): unknown {
  const own = <T extends object>(table: T): unknown => (Object.hasOwn(table, fn.name) ? table[fn.name as keyof T] : undefined);
  switch (callSyntax(fn)) {
    case 'call':
      return own(FUNCTION_TRANSLATIONS);
    case 'aggregate':
      return own(AGGREGATE_TRANSLATIONS);
    case 'geometry':
      return own(GEOMETRY_TRANSLATIONS);
    case 'cast':
      return translateCast;
  }
}
