/**
 * Tables an agent uploads with a query (TAP_UPLOAD.<name>): VOTable files in the working directory
 * only. Their columns are read so that the query is validated against them before it is sent.
 */
import { readVOTableFile } from '../votable/index.js';
import type { ColumnMeta } from '../schema/index.js';
import type { TapUploadSource } from '../tap/index.js';
import { McpToolError } from './errors.js';
import type { Workdir } from './workdir.js';

export interface PreparedUploads {
  sources: Record<string, TapUploadSource>;
  columns: Record<string, ColumnMeta[]>;
}

export async function prepareUploads(workdir: Workdir, uploads: Record<string, string> | undefined): Promise<PreparedUploads> {
  const prepared: PreparedUploads = { sources: {}, columns: {} };
  for (const [name, relative] of Object.entries(uploads ?? {})) {
    const file = workdir.existingFile(relative, `upload ${name}`);
    let fields;
    try {
      fields = (await readVOTableFile(file)).tables[0]?.columns;
    } catch (err) {
      throw new McpToolError(`upload ${name}: ${relative} is not a readable VOTable (${(err as Error).message}); upload a VOTable file`);
    }
    if (fields === undefined) throw new McpToolError(`upload ${name}: ${relative} holds no TABLE; upload a VOTable with one table`);
    prepared.sources[name] = { file };
    prepared.columns[name] = fields.map((f) => ({
      name: f.name,
      datatype: f.datatype,
      ...(f.arraysize !== undefined ? { arraysize: f.arraysize } : {}),
      ...(f.xtype !== undefined ? { xtype: f.xtype } : {}),
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      ...(f.ucd !== undefined ? { ucd: f.ucd } : {}),
    }));
  }
  return prepared;
}
