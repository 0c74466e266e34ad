/** Errors of the HATS reader: the catalogue location and what is wrong with it. */
export class HatsError extends Error {
  override name = 'HatsError';
}

/**
 * A remote catalogue whose partitions are `Npix=n/` directories has no `dataset/_metadata`: HTTP
 * cannot list directories, so nothing names the partitions' files.
 */
export class HatsListingError extends HatsError {
  override name = 'HatsListingError';
  constructor(
    readonly location: string,
    readonly missing: string,
  ) {
    super(
      `${location}: its partitions are Npix=n/ directories (hats_npix_suffix=/), which HTTP cannot list, and ${missing} ` +
        `(whose row groups name every file) is missing; publish dataset/_metadata with the catalogue ` +
        `(adql hats import writes it, as does pyarrow.parquet.write_metadata) or read a local copy`,
    );
  }
}
