/**
 * The one identifier module (src/adql/names.ts): regular vs delimited, folding, quoting. The
 * builder, the printer, the schema catalogue and the language server all answer with it, so the
 * edge cases where their old copies disagreed are pinned here and where each is used.
 */
import { describe, expect, it } from 'vitest';
import {
  identifierMatches,
  isRegularIdentifier,
  parse,
  print,
  quoteIdentifier,
  sameIdentifier,
  type NamePart,
} from '../../src/adql/index.js';
import { identifierFor, tableNameOf } from '../../src/builder/identifiers.js';

const regular = (name: string): NamePart => ({ name, delimited: false });
const delimited = (name: string): NamePart => ({ name, delimited: true });

describe('matching', () => {
  it('a regular name equals a delimited one when its lower- or upper-case fold is the delimited spelling', () => {
    expect(identifierMatches(regular('Dec'), delimited('dec'))).toBe(true);
    expect(identifierMatches(regular('dec'), delimited('DEC'))).toBe(true); // SQL92 folds up
    expect(identifierMatches(regular('dec'), delimited('Dec'))).toBe(false);
    // a delimited query name must equal the stored spelling
    expect(identifierMatches(delimited('dec'), regular('dec'))).toBe(true);
    expect(identifierMatches(delimited('Dec'), regular('dec'))).toBe(false);
  });

  it('two names written in queries compare by the same rule from either side', () => {
    // The language server used to fold only to lower case: g and "G" were different names there.
    expect(sameIdentifier(regular('g'), delimited('G'))).toBe(true);
    expect(sameIdentifier(delimited('G'), regular('g'))).toBe(true);
    expect(sameIdentifier(delimited('g'), regular('G'))).toBe(true);
    expect(sameIdentifier(delimited('Gx'), regular('gx'))).toBe(false);
    expect(sameIdentifier(regular('ALPHA'), regular('alpha'))).toBe(true);
    expect(sameIdentifier(delimited('a'), delimited('A'))).toBe(false);
  });
});

describe('quoting', () => {
  it('a reserved word is regular only before "." when it is a plain SQL reserved word', () => {
    expect(isRegularIdentifier('zcat')).toBe(true);
    expect(isRegularIdentifier('public')).toBe(false);
    expect(isRegularIdentifier('public', { qualifier: true })).toBe(true);
    expect(isRegularIdentifier('select', { qualifier: true })).toBe(false); // a grammar keyword
    expect(isRegularIdentifier('1a')).toBe(false);
    expect(quoteIdentifier('odd "name"')).toBe('"odd ""name"""');
  });

  it('the builder and the printer quote by that rule', () => {
    expect(identifierFor('public').delimited).toBe(true);
    expect(tableNameOf('public.zcat').schema).toEqual({ kind: 'Identifier', name: 'public', delimited: false });
    const synthesised = {
      kind: 'ColumnRef' as const,
      column: { kind: 'Identifier' as const, name: 'size', delimited: false },
      table: tableNameOf('public.zcat'),
    };
    expect(print(synthesised)).toBe('public.zcat."size"');
    // a parsed bare name was accepted where it stands and is printed as written
    const parsed = parse('SELECT public.t.a FROM public.t');
    expect(parsed.errors).toEqual([]);
    expect(print(parsed.ast!)).toBe('SELECT public.t.a FROM public.t');
  });
});
