/**
 * `<TD encoding="base64">` (VOTable 1.1 and the schema's optional TD attribute): the cell holds
 * the BINARY encoding of its value, without a count prefix (the text's length gives the array
 * length). The bytes are turned into the cell's TABLEDATA text, so the ordinary conversion,
 * range checks and null values apply to them.
 */
import { Buffer } from '#bytes';
import { CellProblem } from './cells.js';
import { Elem, type ColumnCodec } from './columns.js';

const SIZE: Partial<Record<Elem, number>> = {
  [Elem.UnsignedByte]: 1,
  [Elem.Short]: 2,
  [Elem.Int]: 4,
  [Elem.Long]: 8,
  [Elem.Float]: 4,
  [Elem.Double]: 8,
  [Elem.FloatComplex]: 4,
  [Elem.DoubleComplex]: 8,
};

export function base64CellText(codec: ColumnCodec, base64: string): string {
  const clean = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean))
    throw new CellProblem(`<TD encoding="base64"> holds ${JSON.stringify(clean.slice(0, 40))}, which is not base64`);
  const bytes = Buffer.from(clean, 'base64');
  switch (codec.elem) {
    case Elem.Char:
      return bytes.toString('utf8').replace(/\0[\s\S]*$/, '');
    case Elem.UnicodeChar: {
      let s = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.readUInt16BE(i));
      return s.replace(/\0[\s\S]*$/, '');
    }
    case Elem.Boolean:
      return [...bytes].map((b) => String.fromCharCode(b)).join(' ');
    case Elem.Bit: {
      const n = codec.fixedCount >= 0 ? codec.fixedCount : bytes.length * 8;
      return Array.from({ length: n }, (_, i) => ((bytes[i >> 3]! & (0x80 >> (i & 7))) !== 0 ? '1' : '0')).join(' ');
    }
    default:
      break;
  }
  const size = SIZE[codec.elem]!;
  if (bytes.length % size !== 0)
    throw new CellProblem(`<TD encoding="base64"> holds ${bytes.length} bytes, not a whole number of ${codec.field.datatype} values`);
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    switch (codec.elem) {
      case Elem.UnsignedByte:
        out.push(String(bytes[at]));
        break;
      case Elem.Short:
        out.push(String(bytes.readInt16BE(at)));
        break;
      case Elem.Int:
        out.push(String(bytes.readInt32BE(at)));
        break;
      case Elem.Long:
        out.push(String(bytes.readBigInt64BE(at)));
        break;
      case Elem.Float:
      case Elem.FloatComplex:
        out.push(String(bytes.readFloatBE(at)));
        break;
      default:
        out.push(String(bytes.readDoubleBE(at)));
    }
  }
  return out.join(' ');
}
