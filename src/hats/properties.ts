/**
 * `hats.properties` (HATS v1.0; older catalogues name it `properties`) and `collection.properties`:
 * Java-properties style `key=value` lines, `#` comments.
 */
import { HatsError } from './errors.js';

export type Properties = Record<string, string>;

export function parseProperties(text: string): Properties {
  const out: Properties = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const eq = line.search(/[=:]/);
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** What a HATS table's properties say about its layout. */
export interface CatalogProperties {
  name: string;
  /** object, source, margin, index, association, map. */
  productType: string;
  raColumn: string;
  decColumn: string;
  /** The pixel column, `_healpix_29` by default. */
  healpixColumn: string;
  /** The order of the pixel column (`hats_col_healpix_order`, 29 by default). */
  healpixOrder: number;
  /** File suffix of a partition: `.parquet` by default; `/` when every Npix is a directory. */
  npixSuffix: string;
  rows?: number;
  /** Margin catalogues: the margin width in arcseconds. */
  marginThreshold?: number;
  primaryTable?: string;
  description?: string;
  all: Properties;
}

export function catalogProperties(props: Properties, where: string): CatalogProperties {
  const productType = props.dataproduct_type ?? 'object';
  const ra = props.hats_col_ra;
  const dec = props.hats_col_dec;
  if (!ra || !dec) {
    // Index, association and map tables are not partitioned by a position of their rows.
    if (productType === 'index' || productType === 'association' || productType === 'map') {
      return base(props, productType, ra ?? '', dec ?? '');
    }
    throw new HatsError(`${where}: hats_col_ra and hats_col_dec are missing, so the catalogue's positions are unknown`);
  }
  return base(props, productType, ra, dec);
}

function base(props: Properties, productType: string, raColumn: string, decColumn: string): CatalogProperties {
  const out: CatalogProperties = {
    name: props.obs_collection ?? '',
    productType,
    raColumn,
    decColumn,
    healpixColumn: props.hats_col_healpix ?? '_healpix_29',
    healpixOrder: healpixOrderOf(props.hats_col_healpix_order),
    npixSuffix: props.hats_npix_suffix ?? '.parquet',
    all: props,
  };
  const rows = Number(props.hats_nrows);
  if (props.hats_nrows && Number.isFinite(rows)) out.rows = rows;
  const margin = Number(props.hats_margin_threshold);
  if (props.hats_margin_threshold && Number.isFinite(margin)) out.marginThreshold = margin;
  if (props.hats_primary_table_url) out.primaryTable = props.hats_primary_table_url;
  const description = props.obs_title ?? props.obs_description;
  if (description) out.description = description;
  return out;
}

function healpixOrderOf(text: string | undefined): number {
  const order = Number(text ?? 29);
  return Number.isInteger(order) && order >= 0 && order <= 29 ? order : 29;
}
