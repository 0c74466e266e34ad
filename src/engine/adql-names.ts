/** How a stored table or column name is written in ADQL: delimited when it is not a plain regular identifier. */
import { isRegularIdentifier } from '../adql/index.js';

/** The ADQL spelling of a column name: quoted when reserved, not lower-case-regular, or unusual. */
export function adqlIdentifier(name: string): string {
  const regular = isRegularIdentifier(name) && name === name.toLowerCase();
  return regular ? name : `"${name.replace(/"/g, '""')}"`;
}
