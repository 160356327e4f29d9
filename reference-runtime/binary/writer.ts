// A growable byte buffer that writes the spec's generic values (5.2) in
// canonical form: minimal LEB128, little-endian float bits, UTF-8 names.
import { encodeSigned, encodeSigned64, encodeUnsigned, encodeUnsigned64 } from './leb128.js';
import { encodeUtf8 } from './utf8.js';

const U64_MAX = (1n << 64n) - 1n;

export class Writer {
  // Small to start with: encoding makes one writer per section and per function body.
  private buf = new Uint8Array(32);
  private len = 0;
  private readonly scratch: number[] = [];

  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.len++] = b;
    return this;
  }

  bytes(bs: Uint8Array | readonly number[]): this {
    this.reserve(bs.length);
    this.buf.set(bs, this.len);
    this.len += bs.length;
    return this;
  }

  private leb(encoded: number[]): this {
    this.bytes(encoded);
    encoded.length = 0;
    return this;
  }

  u32(n: number): this {
    if (n >= 0 && n < 0x80 && Number.isInteger(n)) return this.byte(n);
    return this.leb(encodeUnsigned(n, this.scratch));
  }

  /**
   * A u64 held as a number (memory64 limits and offsets): exact up to 2^53;
   * 2^64, the double that 2^64 - 1 decodes to, is written as 2^64 - 1.
   */
  u64(n: number): this {
    if (n >= 0 && n < 0x80 && Number.isInteger(n)) return this.byte(n);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a u64: ${n}`);
    return this.leb(encodeUnsigned64(n === 2 ** 64 ? U64_MAX : BigInt(n), this.scratch));
  }

  s32(n: number): this {
    if (n >= -0x40 && n < 0x40 && Number.isInteger(n)) return this.byte(n & 0x7f);
    return this.leb(encodeSigned(n | 0, this.scratch));
  }

  /** s33 as used by block types: a non-negative type index. */
  s33(n: number): this {
    return this.leb(encodeSigned(n, this.scratch));
  }

  s64(v: bigint): this {
    return this.leb(encodeSigned64(v, this.scratch));
  }

  word32(bits: number): this {
    this.reserve(4);
    const b = bits >>> 0;
    this.buf[this.len++] = b & 0xff;
    this.buf[this.len++] = (b >>> 8) & 0xff;
    this.buf[this.len++] = (b >>> 16) & 0xff;
    this.buf[this.len++] = b >>> 24;
    return this;
  }

  word64(bits: bigint): this {
    this.reserve(8);
    new DataView(this.buf.buffer).setBigUint64(this.len, BigInt.asUintN(64, bits), true);
    this.len += 8;
    return this;
  }

  name(s: string): this {
    const bs = encodeUtf8(s);
    return this.u32(bs.length).bytes(bs);
  }

  vec<T>(items: readonly T[], element: (w: Writer, item: T) => void): this {
    this.u32(items.length);
    for (const item of items) element(this, item);
    return this;
  }

  /** Bytes preceded by their u32 length: a section or a function body. */
  sized(content: Writer): this {
    return this.u32(content.length).bytes(content.finish());
  }

  /** The bytes written so far (a view; copy it before writing more). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}
