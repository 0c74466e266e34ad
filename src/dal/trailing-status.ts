/**
 * Where the QUERY_STATUS of a result stands: services put one before the TABLE (DaCHS: OK) and,
 * when MAXREC cut the result, another after it (OVERFLOW). Only a status after the last table
 * speaks for the whole result, so a probe watches the bytes as they stream past the parser:
 * after the last `</TABLE` there is only markup (no cell data), so a `QUERY_STATUS` there is an
 * INFO. Native byte searches only; no copy of the body is kept.
 */
import { Buffer } from '#bytes';

const TABLE_END = Buffer.from('</TABLE');
const STATUS = Buffer.from('QUERY_STATUS');
/** Bytes of the previous chunk kept to find a marker split across two chunks. */
const CARRY = Math.max(TABLE_END.length, STATUS.length) - 1;

export class TrailingStatusProbe {
  private carry: Buffer = Buffer.alloc(0);
  private sawTableEnd = false;
  private statusAfter = false;

  /** True when a QUERY_STATUS INFO follows the last table of the document. */
  get statusAfterTable(): boolean {
    return this.statusAfter;
  }

  /** Passes `source` through, watching it. */
  async *watch(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      this.see(chunk);
      yield chunk;
    }
  }

  see(bytes: Uint8Array): void {
    const chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The seam: the end of the previous chunk and the start of this one.
    const seam = Buffer.concat([this.carry, chunk.subarray(0, CARRY)]);
    const end = chunk.lastIndexOf(TABLE_END);
    if (end >= 0) {
      this.sawTableEnd = true;
      this.statusAfter = chunk.indexOf(STATUS, end) >= 0;
    } else if (seam.indexOf(TABLE_END) >= 0) {
      this.sawTableEnd = true;
      this.statusAfter = chunk.indexOf(STATUS) >= 0 || seam.lastIndexOf(STATUS) > seam.lastIndexOf(TABLE_END);
    } else if (this.sawTableEnd && !this.statusAfter) {
      this.statusAfter = seam.indexOf(STATUS) >= 0 || chunk.indexOf(STATUS) >= 0;
    }
    const keep = Math.min(CARRY, chunk.length);
    this.carry = Buffer.concat([this.carry, chunk.subarray(chunk.length - keep)]).subarray(-CARRY);
  }
}
