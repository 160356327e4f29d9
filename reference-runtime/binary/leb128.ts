// LEB128 integers (spec 5.2.2): decoding with the spec's limits on length and
// on the unused bits of the last byte, and minimal (canonical) encoding.
// Decoders work on a byte array and a position and return the value with the
// position after it, so both the module reader and other tools can use them.
import { DecodeError } from '../errors.js';

export interface Decoded<T> {
  value: T;
  /** position just after the integer */
  next: number;
}

/** Messages of the spec testsuite for LEB128 errors. */
export const TOO_LONG = 'integer representation too long';
export const TOO_LARGE = 'integer too large';
export const UNEXPECTED_END = 'unexpected end of section or function';

function byteAt(bytes: Uint8Array, pos: number): number {
  if (pos >= bytes.length) throw new DecodeError(UNEXPECTED_END, pos);
  return bytes[pos]!;
}

/**
 * An unsigned integer of at most `bits` bits (1..32, exact in a JS number).
 * A value needs at most ceil(bits/7) bytes, and the bits of the last byte
 * beyond `bits` must be zero.
 */
export function readUnsigned(bytes: Uint8Array, pos: number, bits: number): Decoded<number> {
  let result = 0;
  let scale = 1;
  for (let remaining = bits; ; remaining -= 7) {
    if (remaining <= 0) throw new DecodeError(TOO_LONG, pos);
    const b = byteAt(bytes, pos++);
    const payload = b & 0x7f;
    if (remaining < 7 && payload >= 1 << remaining) throw new DecodeError(TOO_LARGE, pos - 1);
    result += payload * scale;
    if ((b & 0x80) === 0) return { value: result, next: pos };
    scale *= 128;
  }
}

/**
 * An unsigned 64-bit integer as a BigInt (at most 10 bytes; of the tenth
 * byte only the lowest bit may be set): memory64 limits and memarg offsets.
 */
export function readUnsigned64(bytes: Uint8Array, pos: number): Decoded<bigint> {
  // Fast path: a one-byte value needs no BigInt arithmetic.
  const b0 = byteAt(bytes, pos);
  if ((b0 & 0x80) === 0) return { value: BigInt(b0), next: pos + 1 };
  let result = 0n;
  let shift = 0n;
  for (let remaining = 64; ; remaining -= 7) {
    if (remaining <= 0) throw new DecodeError(TOO_LONG, pos);
    const b = byteAt(bytes, pos++);
    const payload = b & 0x7f;
    if (remaining < 7 && payload >= 1 << remaining) throw new DecodeError(TOO_LARGE, pos - 1);
    result |= BigInt(payload) << shift;
    if ((b & 0x80) === 0) return { value: result, next: pos };
    shift += 7n;
  }
}

/**
 * A signed integer of at most `bits` bits (1..33, exact in a JS number). The
 * unused bits of the last byte must all equal the sign bit.
 */
export function readSigned(bytes: Uint8Array, pos: number, bits: number): Decoded<number> {
  let result = 0;
  let scale = 1;
  for (let remaining = bits; ; remaining -= 7) {
    if (remaining <= 0) throw new DecodeError(TOO_LONG, pos);
    const b = byteAt(bytes, pos++);
    if (remaining < 7) {
      const mask = (-1 << (remaining - 1)) & 0x7f;
      const top = b & mask;
      if (top !== 0 && top !== mask) throw new DecodeError(TOO_LARGE, pos - 1);
    }
    result += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) {
      // Bit 6 of the last byte is the sign: extend it over the higher bits.
      if ((b & 0x40) !== 0) result -= scale;
      return { value: result, next: pos };
    }
  }
}

/** A signed 64-bit integer as a BigInt (at most 10 bytes). */
export function readSigned64(bytes: Uint8Array, pos: number): Decoded<bigint> {
  // Fast path: a one-byte value needs no BigInt arithmetic.
  const b0 = byteAt(bytes, pos);
  if ((b0 & 0x80) === 0) return { value: BigInt((b0 << 25) >> 25), next: pos + 1 };
  let result = 0n;
  let shift = 0n;
  for (let remaining = 64; ; remaining -= 7) {
    if (remaining <= 0) throw new DecodeError(TOO_LONG, pos);
    const b = byteAt(bytes, pos++);
    if (remaining < 7) {
      const mask = (-1 << (remaining - 1)) & 0x7f;
      const top = b & mask;
      if (top !== 0 && top !== mask) throw new DecodeError(TOO_LARGE, pos - 1);
    }
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) {
      if ((b & 0x40) !== 0) result -= 1n << shift;
      return { value: BigInt.asIntN(64, result), next: pos };
    }
  }
}

/** Minimal unsigned LEB128 of a u32 (0 <= n < 2^32). */
export function encodeUnsigned(n: number, out: number[] = []): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new RangeError(`not a u32: ${n}`);
  do {
    const low = n % 128;
    n = Math.floor(n / 128);
    out.push(n === 0 ? low : low | 0x80);
  } while (n !== 0);
  return out;
}

/** Minimal unsigned LEB128 of a u64 (0 <= v < 2^64). */
export function encodeUnsigned64(v: bigint, out: number[] = []): number[] {
  if (v < 0n || v >= 1n << 64n) throw new RangeError(`not a u64: ${v}`);
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return out;
}

/** Minimal signed LEB128 of an integer in [-2^32, 2^32) (s32 and s33 values). */
export function encodeSigned(n: number, out: number[] = []): number[] {
  if (!Number.isInteger(n) || n < -0x1_0000_0000 || n >= 0x1_0000_0000) throw new RangeError(`not an s33: ${n}`);
  for (;;) {
    const low = ((n % 128) + 128) % 128;
    n = Math.floor(n / 128);
    // Done when the rest is pure sign extension of bit 6 of this byte.
    const done = (n === 0 && (low & 0x40) === 0) || (n === -1 && (low & 0x40) !== 0);
    out.push(done ? low : low | 0x80);
    if (done) return out;
  }
}

/** Minimal signed LEB128 of a 64-bit integer (signed or unsigned view of the same bits). */
export function encodeSigned64(v: bigint, out: number[] = []): number[] {
  let n = BigInt.asIntN(64, v);
  for (;;) {
    const low = Number(n & 0x7fn);
    n >>= 7n;
    const done = (n === 0n && (low & 0x40) === 0) || (n === -1n && (low & 0x40) !== 0);
    out.push(done ? low : low | 0x80);
    if (done) return out;
  }
}
