/**
 * Streaming base64 decoding of BINARY/BINARY2 STREAM text, strict as the reader must be (only the
 * base64 alphabet, whitespace and '=' padding are accepted; anything else is an error at its byte
 * offset) and fast on the common layout of lines of equal length.
 *
 * Two engines give the same bytes. On Node, whole lines go through Buffer's native decoder (3x the
 * JavaScript loop), which is lenient: it skips characters outside the alphabet, accepts '-' and
 * '_', and stops at '='. So a span is only handed to it when its result proves the span clean: the
 * span's whitespace is checked where the line layout puts it, and the native decoder must produce
 * exactly 3/4 of the remaining characters, which it does only when every one of them is in its
 * alphabet; '-' and '_' are looked for natively. Anything else (and any platform without that
 * decoder) goes through the table-driven loop, which rejects and reports precisely.
 */
import { Buffer } from '#bytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const WHITESPACE = -2;
const PAD = -3;

/** Value of each byte: 0-63 in the alphabet, -1 invalid, -2 whitespace, -3 '='. */
const B64 = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64[ALPHABET.charCodeAt(i)] = i;
B64[32] = B64[9] = B64[10] = B64[13] = WHITESPACE;
B64[61] = PAD;

/**
 * Two characters at once: FIRST_PAIR[c0 | c1 << 8] is their 12 bits shifted into place for the
 * first half of a group, SECOND_PAIR the same for the second half; -1 (sign bit) when either is
 * not in the alphabet, so one test of the OR rejects the whole group.
 */
const FIRST_PAIR = new Int32Array(65536).fill(-1);
const SECOND_PAIR = new Int32Array(65536).fill(-1);
for (let a = 0; a < 64; a++) {
  for (let b = 0; b < 64; b++) {
    const key = ALPHABET.charCodeAt(a) | (ALPHABET.charCodeAt(b) << 8);
    FIRST_PAIR[key] = (a << 18) | (b << 12);
    SECOND_PAIR[key] = (a << 6) | b;
  }
}

/** Node's Buffer (not the web bytes, whose write() only writes UTF-8) decodes base64 natively. */
interface NativeBase64 {
  latin1Slice(start: number, end: number): string;
  write(text: string, offset: number, encoding: 'base64'): number;
}
function hasNativeBase64(): boolean {
  const probe = Buffer.alloc(3);
  const native = probe as unknown as NativeBase64;
  return typeof native.latin1Slice === 'function' && native.write('QUJD', 0, 'base64') === 3 && probe[0] === 65 && probe[2] === 67;
}
const NATIVE = hasNativeBase64();

/** Spans shorter than this go through the loop (a native call costs more than it saves). */
const MIN_NATIVE_SPAN = 4096;
/**
 * Spans are cut at this many characters: the text of a span is handed over as a string, and
 * strings this small live and die in V8's young generation (megabyte strings are each mapped
 * and unmapped: 3x the time of the decoding itself, measured on Node 20).
 */
const MAX_NATIVE_SPAN = 32768;
/** Whitespace bytes per line the layout check verifies (indentation, CR, LF); more: the loop. */
const MAX_LINE_WHITESPACE = 16;
/** After this many spans the native decoder rejected, the rest of the stream uses the loop. */
const MAX_NATIVE_MISSES = 2;
/** After this many line starts in a row without a regular layout, too. */
const MAX_LAYOUT_MISSES = 16;

export class Base64StreamDecoder {
  private acc = 0;
  private nacc = 0;
  private pad = 0;
  private nativeMisses = NATIVE ? 0 : MAX_NATIVE_MISSES;
  private layoutMisses = 0;

  /** `fail(message, offset)` throws the reader's error for a bad character at an absolute offset. */
  constructor(private readonly fail: (message: string, offset: number) => never) {}

  /** Characters of an incomplete group at the end of the text so far (an error if the stream ends there). */
  get pendingCharacters(): number {
    return this.pad === 0 ? this.nacc : 0;
  }

  /**
   * Decode src[s, e) (absolute offset of src[0]: `base`) into out from `o`; returns the new end of
   * the output. `out` must have room for ceil((e - s) * 3 / 4) + 3 more bytes.
   */
  decode(src: Buffer, s: number, e: number, out: Buffer, o: number, base: number): number {
    let i = s;
    while (i < e) {
      if (this.nacc === 0 && this.pad === 0 && this.nativeOn && e - i >= MIN_NATIVE_SPAN) {
        const span = nativeSpan(src, i, e);
        if (span === undefined) this.layoutMisses++;
        else {
          this.layoutMisses = 0;
          const written = (out as unknown as NativeBase64).write((src as unknown as NativeBase64).latin1Slice(i, span.end), o, 'base64');
          if (written * 4 === span.characters * 3 && !hasUrlCharacters(src, i, span.end)) {
            o += written;
            i = span.end;
            continue;
          }
          this.nativeMisses++; // the loop below decodes the span again, exactly, and reports its problem
        }
      }
      // The loop, up to the next line end, so that the next line can go native again.
      let stop = e;
      if (this.nativeOn && e - i >= MIN_NATIVE_SPAN) {
        const nl = lineEnd(src, i, Math.min(e, i + MAX_NATIVE_SPAN));
        stop = nl < 0 ? Math.min(e, i + MAX_NATIVE_SPAN) : nl + 1;
      }
      o = this.loop(src, i, stop, out, o, base);
      i = stop;
    }
    return o;
  }

  private get nativeOn(): boolean {
    return this.nativeMisses < MAX_NATIVE_MISSES && this.layoutMisses < MAX_LAYOUT_MISSES;
  }

  /** The table-driven decoder: whole groups two character pairs at a time, the rest one by one. */
  private loop(src: Buffer, s: number, e: number, out: Buffer, o: number, base: number): number {
    let acc = this.acc;
    let n = this.nacc;
    let i = s;
    for (;;) {
      if (n === 0 && this.pad === 0) {
        while (i + 4 <= e) {
          const v = FIRST_PAIR[src[i]! | (src[i + 1]! << 8)]! | SECOND_PAIR[src[i + 2]! | (src[i + 3]! << 8)]!;
          if (v < 0) break;
          out[o] = v >> 16;
          out[o + 1] = (v >> 8) & 255;
          out[o + 2] = v & 255;
          o += 3;
          i += 4;
        }
      }
      if (i >= e) break;
      const ch = src[i]!;
      const v = B64[ch]!;
      if (v >= 0) {
        // A new group after padding is tolerated (concatenated base64 blocks).
        this.pad = 0;
        acc = (acc << 6) | v;
        if (++n === 4) {
          out[o] = (acc >> 16) & 255;
          out[o + 1] = (acc >> 8) & 255;
          out[o + 2] = acc & 255;
          o += 3;
          n = 0;
          acc = 0;
        }
      } else if (v === PAD) {
        if (n === 2) {
          out[o++] = (acc >> 4) & 255;
          this.pad = 1;
        } else if (n === 3) {
          out[o++] = (acc >> 10) & 255;
          out[o++] = (acc >> 2) & 255;
          this.pad = 1;
        } else if (!(n === 0 && this.pad !== 0)) {
          this.fail(`misplaced '=' padding in base64 STREAM`, base + i);
        }
        n = 0;
        acc = 0;
      } else if (v !== WHITESPACE) {
        this.fail(
          `invalid character ${JSON.stringify(String.fromCharCode(ch))} (byte 0x${ch.toString(16).padStart(2, '0')}) in base64 STREAM`,
          base + i,
        );
      }
      i++;
    }
    this.acc = acc;
    this.nacc = n;
    return o;
  }
}

/**
 * The longest span (up to MAX_NATIVE_SPAN) of whole lines from `s` laid out like the first one:
 * the same length, whitespace at the same places (verified here), and a multiple of 4 other
 * characters in all. Returns its end and that count, or undefined when there is no such span worth
 * a native call. Text without line ends (one long line) is a layout too: no whitespace at all.
 */
function nativeSpan(src: Buffer, s: number, e: number): { end: number; characters: number } | undefined {
  const nl = lineEnd(src, s, Math.min(e, s + MAX_NATIVE_SPAN));
  if (nl < 0) {
    // No line end within a span: characters to a multiple of 4, short of the stream's last group (it may hold '=').
    const end = s + ((Math.min(e - 4, s + MAX_NATIVE_SPAN) - s) & ~3);
    return end - s >= MIN_NATIVE_SPAN ? { end, characters: end - s } : undefined;
  }
  const stride = nl + 1 - s;
  const spaces: number[] = [];
  for (let k = s; k <= nl; k++) {
    if (B64[src[k]!] === WHITESPACE) {
      if (spaces.length === MAX_LINE_WHITESPACE) return undefined;
      spaces.push(k - s);
    }
  }
  const perLine = stride - spaces.length;
  if (perLine === 0) return undefined;
  let lines = 0;
  const stop = Math.min(e, s + MAX_NATIVE_SPAN);
  if (spaces.length === 1) {
    // The common layout, a line end alone: one byte to compare per line.
    const off = spaces[0]!;
    const end = src[s + off];
    for (let at = s; at + stride <= stop && src[at + off] === end; at += stride) lines++;
  } else {
    for (let at = s; at + stride <= stop; at += stride, lines++) {
      let same = true;
      for (const off of spaces) {
        if (B64[src[at + off]!] !== WHITESPACE) {
          same = false;
          break;
        }
      }
      if (!same) break;
    }
  }
  // Whole groups only: lines * perLine a multiple of 4.
  const groupLines = 4 / gcd(perLine, 4);
  lines -= lines % groupLines;
  if (lines * stride < MIN_NATIVE_SPAN) return undefined;
  return { end: s + lines * stride, characters: lines * perLine };
}

/** Index of the first line feed in src[s, e), or -1 (the search never runs past e). */
function lineEnd(src: Buffer, s: number, e: number): number {
  const i = src.subarray(s, e).indexOf(10);
  return i < 0 ? -1 : s + i;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** '-' or '_' (base64url), which the native decoder would accept. */
function hasUrlCharacters(src: Buffer, s: number, e: number): boolean {
  const span = src.subarray(s, e);
  return span.indexOf(45) >= 0 || span.indexOf(95) >= 0;
}
