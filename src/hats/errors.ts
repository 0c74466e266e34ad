/** Errors of the HATS reader: the catalogue location and what is wrong with it. */
export class HatsError extends Error {
  override name = 'HatsError';
}

/**
 * A remote catalogue whose files sit in directories (`Npix=n/` partitions, an index catalogue's
 * `dataset/index/`) has no `dataset/_metadata`: HTTP cannot list directories, so nothing names them.
 */
export class HatsListingError extends HatsError {
  override name = 'HatsListingError';
  constructor(
    readonly location: string,
    /** Where the unlisted files are, e.g. "its partitions are Npix=n/ directories". */
    readonly layout: string,
  ) {
    super(
      `${location}: ${layout}, which HTTP cannot list, and dataset/_metadata (whose row groups name every file) is missing; ` +
        `publish dataset/_metadata with the catalogue (adql hats import writes it, as does pyarrow.parquet.write_metadata) or read a local copy`,
    );
  }
}
