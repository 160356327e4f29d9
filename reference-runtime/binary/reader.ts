// A cursor over a module's bytes, reading the spec's generic values (5.2):
// bytes, LEB128 integers, raw float bits, vector lengths and names. Like the
// spec interpreter, it reads from the whole module (a section's contents are
// checked against its declared size afterwards), so running off the end of
// the input is the only "unexpected end". It also carries the feature set the
// module is decoded by, so every reader can ask what the binary format allows.
import { DecodeError } from '../errors.js';
import { has, type Feature, type FeatureSet } from '../syntax/features.js';
import { readSigned, readSigned64, readUnsigned, readUnsigned64, UNEXPECTED_END } from './leb128.js';
import { decodeUtf8 } from './utf8.js';

export class Reader {
  pos = 0;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    /** the features the binary format is read by (absent: all of 3.0) */
    readonly features?: FeatureSet,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  has(feature: Feature): boolean {
    return has(this.features, feature);
  }

  get length(): number {
    return this.bytes.length;
  }

  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** The next byte without consuming it, or undefined at the end. */
  peek(): number | undefined {
    return this.bytes[this.pos];
  }

  fail(message: string, at: number = this.pos): never {
    throw new DecodeError(message, at);
  }

  /** Make sure `n` more bytes exist. */
  need(n: number): void {
    if (n < 0 || this.pos + n > this.bytes.length) this.fail(UNEXPECTED_END, this.bytes.length);
  }

  byte(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  /** Read one byte and require it to be `b`. */
  expect(b: number, message: string): void {
    const at = this.pos;
    if (this.byte() !== b) this.fail(message, at);
  }

  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  u32(): number {
    const { value, next } = readUnsigned(this.bytes, this.pos, 32);
    this.pos = next;
    return value;
  }

  /** An unsigned integer of fewer bits (e.g. 1 for flags read as LEB128). */
  uN(bits: number): number {
    const { value, next } = readUnsigned(this.bytes, this.pos, bits);
    this.pos = next;
    return value;
  }

  /** A u64 as a number: exact up to 2^53, the nearest double above (memory64 limits and offsets). */
  u64(): number {
    const b = this.bytes[this.pos];
    if (b !== undefined && b < 0x80) {
      this.pos++;
      return b;
    }
    const { value, next } = readUnsigned64(this.bytes, this.pos);
    this.pos = next;
    return Number(value);
  }

  s32(): number {
    const { value, next } = readSigned(this.bytes, this.pos, 32);
    this.pos = next;
    return value;
  }

  s33(): number {
    const { value, next } = readSigned(this.bytes, this.pos, 33);
    this.pos = next;
    return value;
  }

  s64(): bigint {
    const { value, next } = readSigned64(this.bytes, this.pos);
    this.pos = next;
    return value;
  }

  /** Little-endian 32-bit word: f32 bits and the module header. */
  word32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Little-endian 64-bit word: f64 bits, unsigned. */
  word64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /**
   * A vector length or byte count: a u32 that cannot exceed the bytes left
   * (counted, as the spec interpreter does, from the length's own position),
   * since every element takes at least one byte. Checking it up front keeps
   * hostile lengths from allocating.
   */
  len32(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.bytes.length - at) this.fail('length out of bounds', at);
    return n;
  }

  vec<T>(element: (r: Reader) => T): T[] {
    const n = this.len32();
    const out: T[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = element(this);
    return out;
  }

  name(): string {
    const at = this.pos;
    const bytes = this.take(this.len32());
    const s = decodeUtf8(bytes);
    if (s === undefined) this.fail('malformed UTF-8 encoding', at);
    return s;
  }

  /**
   * Run `body` over a sized region (section, function body): a byte count,
   * then contents that must use exactly that many bytes.
   */
  sized<T>(body: (size: number) => T): T {
    const size = this.len32();
    const start = this.pos;
    const result = body(size);
    if (this.pos !== start + size) this.fail('section size mismatch', start);
    return result;
  }
}
