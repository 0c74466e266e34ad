/**
 * Opening a HATS catalogue: its properties, its partitions (`partition_info.csv`) and the Parquet
 * files of each partition under `dataset/Norder=k/Dir=d/Npix=n<suffix>`, where d is n rounded down
 * to a multiple of 10000 and the suffix (`hats_npix_suffix`, `.parquet` by default) may be `/`: then
 * Npix=n is a directory of files. A collection (`collection.properties`) opens as its primary table,
 * with its margin catalogues listed. Over HTTP, directories cannot be listed: the files of `Npix=n/`
 * partitions come from `dataset/_metadata`, whose row groups name every data file.
 */
import { metadataFilePaths } from './dataset-metadata.js';
import { HatsError, HatsListingError } from './errors.js';
import { type CatalogProperties, catalogProperties, parseProperties } from './properties.js';
import { type Store, openStore } from './store.js';

export interface Partition {
  order: number;
  pixel: number;
  /** Absolute paths (local) or URLs (remote) of the partition's Parquet files. */
  files: string[];
}

export interface MarginRef {
  name: string;
  /** Root of the margin catalogue (directory or URL). */
  location: string;
}

export interface HatsCatalog {
  location: string;
  remote: boolean;
  properties: CatalogProperties;
  /** Sorted by order, then pixel. Empty for index catalogues (see `files`). */
  partitions: Partition[];
  /** Every data file (all partitions; for an index catalogue the files under dataset/). */
  files: string[];
  /** The dataset's `_common_metadata` (or `_metadata`) file, when present: the schema without rows. */
  schemaFile?: string;
  /** Margin catalogues a collection names (the default one first). */
  margins: MarginRef[];
  /** The collection the catalogue was opened through. */
  collection?: string;
}

/** The Dir=d directory number of a pixel. */
export function pixelDirectory(pixel: number): number {
  return Math.floor(pixel / 10000) * 10000;
}

/** The path of a partition under the catalogue root, without the suffix. */
export function partitionStem(order: number, pixel: number): string {
  return `dataset/Norder=${order}/Dir=${pixelDirectory(pixel)}/Npix=${pixel}`;
}

export async function openHats(location: string): Promise<HatsCatalog> {
  const store = openStore(location);
  const collectionText = await store.readText('collection.properties');
  if (collectionText !== undefined) {
    const props = parseProperties(collectionText);
    const primary = props.hats_primary_table_url;
    if (!primary) throw new HatsError(`${location}: collection.properties has no hats_primary_table_url`);
    const names = (props.all_margins ?? '').split(/[\s,]+/).filter(Boolean);
    const preferred = props.default_margin;
    const ordered = preferred && names.includes(preferred) ? [preferred, ...names.filter((n) => n !== preferred)] : names;
    const catalog = await openTable(store.at(primary));
    catalog.margins = ordered.map((name) => ({ name, location: store.at(name).root }));
    catalog.collection = props.obs_collection ?? location;
    return catalog;
  }
  return openTable(store);
}

async function openTable(store: Store): Promise<HatsCatalog> {
  const text = (await store.readText('hats.properties')) ?? (await store.readText('properties'));
  if (text === undefined) {
    throw new HatsError(`${store.root}: no hats.properties, properties or collection.properties there, so it is not a HATS catalogue`);
  }
  const properties = catalogProperties(parseProperties(text), store.root);
  const catalog: HatsCatalog = { location: store.root, remote: store.remote, properties, partitions: [], files: [], margins: [] };
  for (const name of ['dataset/_common_metadata', 'dataset/_metadata']) {
    if (await store.isFile(name)) {
      catalog.schemaFile = store.locate(name);
      break;
    }
  }
  if (properties.productType === 'index') {
    catalog.files = await indexFiles(store);
    return catalog;
  }
  const info = await store.readText('partition_info.csv');
  if (info === undefined) throw new HatsError(`${store.root}: partition_info.csv is missing, so the partitions are unknown`);
  const pixels = parsePartitionInfo(info, `${store.root}/partition_info.csv`);
  const listed = store.remote && properties.npixSuffix === '/' ? await filesByPartition(store) : undefined;
  for (const { order, pixel } of pixels) {
    const files = listed ? listedFiles(store, listed, order, pixel) : await partitionFiles(store, order, pixel, properties.npixSuffix);
    catalog.partitions.push({ order, pixel, files });
    catalog.files.push(...files);
  }
  return catalog;
}

export function parsePartitionInfo(text: string, where: string): Array<{ order: number; pixel: number }> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  const oi = header.indexOf('Norder');
  const pi = header.indexOf('Npix');
  if (oi < 0 || pi < 0) throw new HatsError(`${where}: the header must name Norder and Npix columns (got "${header.join(',')}")`);
  const out = lines.map((line, i) => {
    const cells = line.split(',');
    const order = Number(cells[oi]);
    const pixel = Number(cells[pi]);
    if (!Number.isInteger(order) || !Number.isInteger(pixel) || order < 0 || order > 29 || pixel < 0 || pixel >= 12 * 4 ** order) {
      throw new HatsError(`${where}, line ${i + 2}: "${line}" is not a HEALPix order and pixel`);
    }
    return { order, pixel };
  });
  return out.sort((a, b) => a.order - b.order || a.pixel - b.pixel);
}

/** The data files `dataset/_metadata` names, by their partition directory (`dataset/Norder=k/Dir=d/Npix=n`). */
async function filesByPartition(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const rel of await listedInMetadata(store, 'its partitions are Npix=n/ directories (hats_npix_suffix=/)')) {
    const dir = `dataset/${rel.slice(0, Math.max(0, rel.lastIndexOf('/')))}`;
    const files = out.get(dir) ?? [];
    files.push(store.locate(`dataset/${rel}`));
    out.set(dir, files);
  }
  return out;
}

/** The file paths (relative to dataset/) that `dataset/_metadata` names; `layout` says why they are needed. */
async function listedInMetadata(store: Store, layout: string): Promise<string[]> {
  const bytes = await store.readBytes('dataset/_metadata');
  if (bytes === undefined) throw new HatsListingError(store.root, layout);
  return metadataFilePaths(bytes, store.locate('dataset/_metadata'));
}

function listedFiles(store: Store, listed: Map<string, string[]>, order: number, pixel: number): string[] {
  const files = listed.get(partitionStem(order, pixel));
  if (files) return files;
  throw new HatsError(
    `${store.root}: partition Norder=${order} Npix=${pixel} is in partition_info.csv but dataset/_metadata names no file of it`,
  );
}

async function partitionFiles(store: Store, order: number, pixel: number, suffix: string): Promise<string[]> {
  const stem = partitionStem(order, pixel);
  // Over HTTP a HEAD per partition would make opening a large catalogue slow: a missing file is
  // reported when a query reads it.
  if (store.remote) return [store.locate(stem + suffix)];
  if (suffix !== '/' && (await store.isFile(stem + suffix))) return [store.locate(stem + suffix)];
  const inside = await store.list(stem);
  if (inside?.length) return inside.filter((f) => !f.split('/').pop()!.startsWith('.')).map((f) => store.locate(f));
  const tried = suffix === '/' ? `${stem}/` : `${stem}${suffix}`;
  throw new HatsError(`${store.root}: partition Norder=${order} Npix=${pixel} has no data (${tried} is missing)`);
}

/** The Parquet files of an index catalogue: those in dataset/ and its `index/` folder (over HTTP, those `_metadata` names). */
async function indexFiles(store: Store): Promise<string[]> {
  if (store.remote) {
    const listed = await listedInMetadata(store, "an index catalogue's files are in dataset/index/");
    return listed.map((rel) => store.locate(`dataset/${rel}`));
  }
  const found: string[] = [];
  for (const dir of ['dataset', 'dataset/index']) {
    for (const f of (await store.list(dir)) ?? []) if (/\.parq(uet)?$/.test(f)) found.push(store.locate(f));
  }
  if (found.length === 0) throw new HatsError(`${store.root}: an index catalogue with no Parquet files under dataset/`);
  return found;
}
