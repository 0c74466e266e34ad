/** DuckDB SQL types <-> VOTable/TAP_SCHEMA datatypes. */

export interface VOType {
  datatype: string;
  arraysize?: string;
  xtype?: string;
}

/** The VOTable type that carries values of a DuckDB column type. */
export function voTypeOf(sqlType: string, xtype?: string): VOType {
  const t = sqlType.toUpperCase();
  if (t.endsWith('[]')) {
    const base = voTypeOf(t.slice(0, -2)).datatype;
    const size = xtype === 'point' ? '2' : xtype === 'circle' ? '3' : '*';
    return xtype ? { datatype: base, arraysize: size, xtype } : { datatype: base, arraysize: '*' };
  }
  if (t === 'BOOLEAN') return { datatype: 'boolean' };
  if (t === 'TINYINT' || t === 'SMALLINT' || t === 'UTINYINT') return { datatype: 'short' };
  if (t === 'INTEGER' || t === 'USMALLINT') return { datatype: 'int' };
  if (t === 'BIGINT' || t === 'UINTEGER' || t === 'HUGEINT' || t === 'UBIGINT') return { datatype: 'long' };
  if (t === 'FLOAT') return { datatype: 'float' };
  if (t === 'DOUBLE' || t.startsWith('DECIMAL')) return { datatype: 'double' };
  if (t.startsWith('TIMESTAMP') || t === 'DATE') return { datatype: 'char', arraysize: '*', xtype: 'timestamp' };
  return { datatype: 'char', arraysize: '*' };
}

/** The DuckDB column type for a VOTable FIELD (uploads, VOTable files). */
export function sqlTypeOf(datatype: string, arraysize: string | undefined, xtype: string | undefined): string {
  const x = xtype?.toLowerCase();
  if (x === 'timestamp') return 'TIMESTAMP';
  const scalar: Record<string, string> = {
    boolean: 'BOOLEAN',
    bit: 'BOOLEAN',
    unsignedByte: 'SMALLINT',
    short: 'SMALLINT',
    int: 'INTEGER',
    long: 'BIGINT',
    float: 'FLOAT',
    double: 'DOUBLE',
    char: 'VARCHAR',
    unicodeChar: 'VARCHAR',
  };
  const base = scalar[datatype] ?? 'VARCHAR';
  if (base === 'VARCHAR') return base;
  const isArray = arraysize !== undefined && arraysize !== '1';
  return isArray ? `${base}[]` : base;
}
