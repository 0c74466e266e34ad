/** check(): load a service's schema (cached) and validate a query against it in one call. */
import { ServiceSchema, loadSchema, type LoadSchemaOptions, type SchemaDocument } from '../schema/index.js';
import type { TapService } from '../tap/index.js';
import { findAll, parse } from './adql.js';
import type { ValidateOptions } from './context.js';
import { validate, type ValidationResult } from './validate.js';

const loaded = new Map<string, Promise<ServiceSchema>>();

export type CheckOptions = ValidateOptions & LoadSchemaOptions;

/**
 * Validates `text` against a service: the schema is loaded once per process (and from the
 * on-disk cache across processes); columns of lazily loaded tables the query uses are fetched first.
 */
export async function check(
  service: string | URL | TapService | ServiceSchema | SchemaDocument,
  text: string,
  options: CheckOptions = {},
): Promise<ValidationResult> {
  const schema = await schemaFor(service, options);
  const parsed = parse(text, { recover: true, ...(options.version ? { version: options.version } : {}) });
  if (parsed.ast !== null) {
    const tables = findAll(parsed.ast, 'TableRef').flatMap((t) => {
      const parts = [t.name.catalog, t.name.schema, t.name.table].flatMap((p) => (p ? [{ name: p.name, delimited: p.delimited }] : []));
      const hit = schema.lookupTable(parts);
      if (hit.status === 'found') return [hit.table];
      if (hit.status === 'unqualified' || hit.status === 'ambiguous') return hit.candidates;
      return [];
    });
    await schema.loadColumns(tables);
  }
  return validate(text, schema, options);
}

function schemaFor(service: string | URL | TapService | ServiceSchema | SchemaDocument, options: CheckOptions): Promise<ServiceSchema> {
  if (service instanceof ServiceSchema) return Promise.resolve(service);
  const key =
    typeof service === 'string'
      ? service
      : service instanceof URL
        ? service.toString()
        : 'url' in service && typeof service.url === 'string'
          ? service.url
          : undefined;
  if (key === undefined || options.refresh) return loadSchema(service, options);
  let p = loaded.get(key);
  if (p === undefined) {
    p = loadSchema(service, options);
    loaded.set(key, p);
    p.catch(() => loaded.delete(key));
  }
  return p;
}
