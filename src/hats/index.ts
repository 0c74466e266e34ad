/** HATS catalogues (HEALPix-partitioned Parquet) and the HEALPix arithmetic they need. */
export {
  HealpixError,
  MAX_NUMBER_ORDER,
  MAX_ORDER,
  allPixels,
  ang2pix,
  ang2pix29,
  angularDistance,
  boundaryCentres,
  coverCap,
  coverPolygon,
  maxPixelRadius,
  pix2ang,
  pixelRange29,
  polygonCap,
  type Cap,
} from './healpix.js';
export { HatsError, HatsListingError } from './errors.js';
export { parseProperties, type CatalogProperties, type Properties } from './properties.js';
export {
  openHats,
  parsePartitionInfo,
  partitionStem,
  pixelDirectory,
  type HatsCatalog,
  type MarginRef,
  type Partition,
} from './catalog.js';
export { constraintsByTable, type Constraint, type HatsColumns, type HatsResolver, type Region } from './regions.js';
export { healpixRanges, selectPartitions } from './select.js';
export { fetchBytes, fetchPartitionFile, type RemoteFetch } from './remote.js';
export { withHealpix29 } from './healpix-sql.js';
export { datasetMetadata, metadataFilePaths } from './dataset-metadata.js';
export { countsAt, skymapFits } from './skymap.js';
export { columnsUsed } from './projection.js';
