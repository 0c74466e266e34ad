/**
 * How VOTable datatypes map to Arrow types and back. The VOTable FIELD stays the authority on
 * meaning (units, UCDs, xtypes, arraysize): it travels beside the data as the VOParquet header, so
 * an Arrow type only needs to hold the values exactly.
 */
import { bool, fixedSizeList, float32, float64, int16, int32, int64, list, uint8, utf8, Type, type DataType } from '#flechette';
import { parseArraysize } from './columns.js';
import type { VOTableDatatype, VOTableField } from './types.js';

/** The Arrow type of one element of a VOTable datatype (complex: a [re, im] pair). */
function elementType(datatype: VOTableDatatype): DataType {
  switch (datatype) {
    case 'boolean':
    case 'bit':
      return bool();
    case 'unsignedByte':
      return uint8();
    case 'short':
      return int16();
    case 'int':
      return int32();
    case 'long':
      return int64();
    case 'float':
      return float32();
    case 'double':
      return float64();
    case 'floatComplex':
      return fixedSizeList(float32(), 2);
    case 'doubleComplex':
      return fixedSizeList(float64(), 2);
    case 'char':
    case 'unicodeChar':
      return utf8();
  }
}

/**
 * The Arrow type of a column: scalars as themselves, strings (char with at most one dimension) as
 * UTF-8, any other array (fixed, variable or multidimensional, flattened) as a list of elements.
 */
export function arrowTypeOf(field: VOTableField): DataType {
  const isChar = field.datatype === 'char' || field.datatype === 'unicodeChar';
  const dims = field.shape;
  if (isChar) return dims.length <= 1 ? utf8() : list(utf8());
  const scalar = dims.length === 0 || (dims.length === 1 && dims[0] === 1 && !field.variable);
  return scalar ? elementType(field.datatype) : list(elementType(field.datatype));
}

/** A FIELD for a column that came without VOTable metadata, from its Arrow type; undefined when none fits. */
export function fieldForArrowType(name: string, type: DataType): VOTableField | undefined {
  const scalar = scalarDatatype(type);
  if (scalar !== undefined) return makeField(name, scalar.datatype, scalar.arraysize, scalar.xtype);
  if (type.typeId === Type.List || type.typeId === Type.LargeList || type.typeId === Type.FixedSizeList) {
    const child = (type as { children: Array<{ type: DataType }> }).children[0]!.type;
    const inner = scalarDatatype(child);
    // A list of unbounded strings has no VOTable arraysize (only the last dimension may vary).
    if (inner === undefined || inner.arraysize !== undefined) return undefined;
    const size = type.typeId === Type.FixedSizeList ? String((type as { stride: number }).stride) : '*';
    return makeField(name, inner.datatype, size);
  }
  return undefined;
}

interface ScalarMapping {
  datatype: VOTableDatatype;
  arraysize?: string;
  xtype?: string;
}

function scalarDatatype(type: DataType): ScalarMapping | undefined {
  switch (type.typeId) {
    case Type.Bool:
      return { datatype: 'boolean' };
    case Type.Int: {
      const { bitWidth, signed } = type as { bitWidth: number; signed: boolean };
      if (!signed && bitWidth === 8) return { datatype: 'unsignedByte' };
      // The next wider signed VOTable type holds every value (uint64 beyond 2^63 cannot be kept).
      const bits = signed ? bitWidth : bitWidth * 2;
      if (bits <= 16) return { datatype: 'short' };
      if (bits <= 32) return { datatype: 'int' };
      return { datatype: 'long' };
    }
    case Type.Float:
      return { datatype: (type as { precision: number }).precision === 2 ? 'double' : 'float' };
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return { datatype: 'char', arraysize: '*' };
    case Type.Timestamp:
    case Type.Date:
      return { datatype: 'char', arraysize: '*', xtype: 'timestamp' };
    default:
      return undefined;
  }
}

function makeField(name: string, datatype: VOTableDatatype, arraysize?: string, xtype?: string): VOTableField {
  const { shape, variable } = parseArraysize(arraysize, name);
  const f: VOTableField = { name, datatype, links: [], shape, variable };
  if (arraysize !== undefined) f.arraysize = arraysize;
  if (xtype !== undefined) f.xtype = xtype;
  return f;
}

/** A coarse kind of an Arrow type: what values it can hold, whatever the width. */
function kindOf(type: DataType): string {
  switch (type.typeId) {
    case Type.Bool:
      return 'bool';
    case Type.Int:
      return 'int';
    case Type.Float:
      return 'float';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return 'string';
    case Type.Timestamp:
    case Type.Date:
      return 'time';
    case Type.List:
    case Type.LargeList:
    case Type.FixedSizeList:
      return `list<${kindOf((type as { children: Array<{ type: DataType }> }).children[0]!.type)}>`;
    default:
      return 'other';
  }
}

/**
 * True when an Arrow column of this type can hold the FIELD's values: same kind, any width (a
 * Parquet file keeps a short as INT32). A date or timestamp fits a character column (ISO 8601).
 */
export function arrowTypeFits(field: VOTableField, type: DataType): boolean {
  const want = kindOf(arrowTypeOf(field));
  const have = kindOf(type);
  return want === have || (want === 'string' && have === 'time');
}
