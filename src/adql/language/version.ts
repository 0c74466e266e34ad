/** The ADQL versions adqlkit knows: 2.0 (2008 REC) and 2.1 (2023 REC). */

export const ADQL_VERSIONS = ['2.0', '2.1'] as const;

/** An ADQL language version. */
export type AdqlVersion = (typeof ADQL_VERSIONS)[number];
