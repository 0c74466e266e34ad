/**
 * The editor features on long flat chains (generated ID lists, UNIONs of many blocks): the language
 * server's model, completion, hover, signature help, go-to-definition, the check and the formatter
 * take 100,000 terms without overflowing the call stack.
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/lsp/completion.js';
import { definitionAt } from '../../src/lsp/definition.js';
import { hoverAt } from '../../src/lsp/hover.js';
import { buildModel } from '../../src/lsp/model.js';
import { signatureAt } from '../../src/lsp/signature.js';
import { ServiceSchema } from '../../src/schema/index.js';
import { checkAdql, editorSchemaOf, formatAdql, type LoadedSchema } from '../../src/tooling/index.js';
import { zcatDocument } from './fixtures.js';

const validator = new ServiceSchema(zcatDocument);
const zcatSchema = editorSchemaOf(validator);

const N = 100_000;
const terms = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

const CHAINS: Record<string, string> = {
  OR: `SELECT m.id FROM zcat.main AS m WHERE m.id = 0${terms(N - 1, (i) => ` OR m.id = ${i + 1}`)}`,
  UNION: `SELECT id FROM zcat.main${terms(N - 1, () => ' UNION SELECT id FROM zcat.main')}`,
};

describe.each(Object.keys(CHAINS))(`the editor on a chain of ${N} terms of %s`, { timeout: 120_000 }, (kind) => {
  const text = CHAINS[kind]!;
  it('builds its model and answers completion, hover, signature help and definition at the end', () => {
    const model = buildModel(text);
    const lastId = text.lastIndexOf('id') + 1;
    expect(hoverAt(model, lastId, zcatSchema)).toBeDefined();
    const typing = kind === 'OR' ? `${text} AND m.` : `${text} WHERE `; // columns offered after 100,000 terms
    expect(complete(buildModel(typing), typing.length, zcatSchema).items.map((i) => i.label)).toContain('id');
    expect(signatureAt(model, text.length, zcatSchema)).toBeUndefined();
    if (kind === 'OR') expect(definitionAt(model, text.lastIndexOf('m.id'))?.start).toBe(text.indexOf(' m ') + 1);
  });
  it('checks and formats the query', () => {
    const schema: LoadedSchema = { validator, editor: zcatSchema, origin: 'test' };
    expect(checkAdql(text, schema).filter((d) => d.severity === 'error')).toEqual([]);
    const formatted = formatAdql(text);
    expect(formatted).toBeDefined();
    expect(formatted!.length).toBeGreaterThan(text.length / 2);
  });
});
