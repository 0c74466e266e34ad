/// <reference lib="dom" />
/** Talking to the workbench's server: which service, and a TAP client whose requests go through its proxy. */
import { editorSchemaOf, type LoadedSchema } from '../../tooling/index.js';
import { loadSchema, type ColumnMeta, type SchemaDocument } from '../../schema/index.js';
import { TapService } from '../../tap/index.js';
import { KEY_HEADER, type ConnectAnswer, type RegistryFound, type ServiceDescription } from '../protocol.js';

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
}

/** A workbench API call; a refusal or error becomes a ConnectError with the server's message and hint. */
async function api<T>(key: string, path: string): Promise<T> {
  const res = await fetch(path, { headers: { [KEY_HEADER]: key } });
  if (!res.ok) {
    const text = await res.text();
    let message = text;
    try {
      const body = JSON.parse(text) as { error: string; hint?: string };
      message = body.hint ? `${body.error}: ${body.hint}` : body.error;
    } catch {
      // a plain-text refusal (403 from the guard): shown as it is
    }
    throw new ConnectError(message);
  }
  return (await res.json()) as T;
}

export function connect(key: string, service: string | undefined): Promise<ConnectAnswer> {
  return api(key, `/api/connect${service ? `?service=${encodeURIComponent(service)}` : ''}`);
}

/** TAP services a registry knows for these words (searched by the workbench's server). */
export function searchRegistry(key: string, words: string): Promise<RegistryFound[]> {
  return api(key, `/api/registry?q=${encodeURIComponent(words)}`);
}

export function tapClient(key: string, service: ServiceDescription): TapService {
  return new TapService(new URL(service.base, location.origin).href, { headers: { [KEY_HEADER]: key } });
}

/** The service's metadata for the editor and the validator, with the uploaded tables declared. */
export async function loadServiceSchema(tap: TapService, name: string, uploads: Record<string, ColumnMeta[]>): Promise<LoadedSchema> {
  const validator = await loadSchema(tap, { columns: 'eager', uploads });
  return { validator, editor: editorSchemaOf(validator), origin: name };
}

/** A schema given as a document rather than read from the service (the benchmark's 10,000-table service). */
export async function schemaFromDocument(document: SchemaDocument, origin: string): Promise<LoadedSchema> {
  const validator = await loadSchema(document);
  return { validator, editor: editorSchemaOf(validator), origin };
}
