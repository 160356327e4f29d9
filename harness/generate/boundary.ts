// Boundary values per type, as exact bits: zero, ±1, min/max, ±0, ±inf, NaNs
// with various payloads and signs, subnormals, powers of two, and the values
// either side of trap thresholds (trunc ranges, shift counts, page sizes).
// Generators draw constants and arguments from these lists most of the time.
import { isRefType, type ValType } from '../../reference-runtime/syntax/types.js';
import type { ArgValue, NumValue } from '../../adapters/plan.js';
import type { Choices } from './choices.js';

const pow2_32 = Array.from({ length: 32 }, (_, k) => (2 ** k) | 0);

export const I32_BOUNDARY: readonly number[] = dedupe([
  0, 1, -1, 2, -2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0xfffe, 65535, 65536, 65537,
  -65536, 0x7fffffff, -0x80000000, 0x7ffffffe, -0x7fffffff, 0x55555555, -0x55555556, 0x0f0f0f0f, ...pow2_32, ...pow2_32.map((p) => (p - 1) | 0),
]);

const pow2_64 = Array.from({ length: 64 }, (_, k) => BigInt.asIntN(64, 1n << BigInt(k)));

export const I64_BOUNDARY: readonly bigint[] = dedupe([
  0n, 1n, -1n, 2n, -2n, 63n, 64n, 65n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  -0x80000000n, -0x80000001n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x7ffffffffffffffen, -0x7fffffffffffffffn,
  0x5555555555555555n, 0x0f0f0f0f0f0f0f0fn, 1n << 53n, (1n << 53n) + 1n, ...pow2_64, ...pow2_64.map((p) => BigInt.asIntN(64, p - 1n)),
]);

/** f32 bit patterns. */
export const F32_BOUNDARY: readonly number[] = dedupe([
  0x00000000, 0x80000000, // ±0
  0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xbfc00000, // ±1, ±0.5, 1.5, 2.5, -1.5
  0x7f800000, 0xff800000, // ±inf
  0x7fc00000, 0xffc00000, 0x7fc00001, 0x7fffffff, 0xffffffff, 0x7fa00000, 0x7f800001, 0xff800001, 0x7fd55555, // NaNs: canonical, payloads, signalling
  0x00000001, 0x80000001, 0x007fffff, 0x807fffff, // subnormals
  0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, // min normal, max finite
  0x4b000000, 0x4b800000, 0x4b800001, // 2^23, 2^24, 2^24+2
  0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, // around 2^31 (i32 trunc thresholds)
  0x4f7fffff, 0x4f800000, 0xbf7fffff, // around 2^32, just above -1 (u32 trunc)
  0x5effffff, 0x5f000000, 0xdf000000, 0xdf000001, 0x5f7fffff, 0x5f800000, // around 2^63, 2^64
  0x40490fdb, 0x3eaaaaab, // pi, 1/3
]).map((b) => b >>> 0);

/** f64 bit patterns. */
export const F64_BOUNDARY: readonly bigint[] = dedupe([
  0x0n, 0x8000000000000000n,
  0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n, 0xbff8000000000000n,
  0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff8000000000001n, 0x7fffffffffffffffn, 0xffffffffffffffffn, 0x7ff4000000000000n, 0x7ff0000000000001n, 0x7ffaaaaaaaaaaaaan,
  0x1n, 0x8000000000000001n, 0x000fffffffffffffn, 0x800fffffffffffffn,
  0x0010000000000000n, 0x8010000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn,
  0x4330000000000000n, 0x4340000000000000n, 0x4340000000000001n, // 2^52, 2^53, 2^53+2
  0x41dfffffffc00000n, 0x41dfffffffe00000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0xc1e0000000100000n, 0xc1e0000000200000n, // around ±2^31
  0x41efffffffe00000n, 0x41f0000000000000n, 0xbfefffffffffffffn, // around 2^32, just above -1
  0x43dfffffffffffffn, 0x43e0000000000000n, 0xc3e0000000000000n, 0xc3e0000000000001n, 0x43efffffffffffffn, 0x43f0000000000000n, // around 2^63, 2^64
  0x400921fb54442d18n, 0x36a0000000000000n, 0x47efffffe0000000n, // pi, tiny (underflows in f32), f32 max as f64
]);

/** 16-byte vectors: zeros, ones, lane boundaries of every shape, NaN lanes, an iota (shuffle indices). */
export const V128_BOUNDARY: readonly Uint8Array[] = [
  new Uint8Array(16),
  new Uint8Array(16).fill(0xff),
  new Uint8Array(16).fill(0x80),
  new Uint8Array(16).fill(0x7f),
  new Uint8Array(16).fill(0x01),
  Uint8Array.from({ length: 16 }, (_, i) => i),
  Uint8Array.from({ length: 16 }, (_, i) => 31 - i),
  lanes16([0x8000, 0x7fff, 0xffff, 0, 1, 0x8001, 0x7ffe, 0x0100]),
  lanes32([0x80000000, 0x7fffffff, 0xffffffff, 0]),
  lanes32([0x7fc00000, 0xff800000, 0x80000000, 0x00000001]),
  lanes32([0x4f000000, 0xcf000000, 0x3f800000, 0x7f800001]),
  lanes64([0x7ff8000000000001n, 0x8000000000000000n]),
  lanes64([0x43e0000000000000n, 0xc1e0000000200000n]),
  lanes64([0x8000000000000000n, 0x7fffffffffffffffn]),
];

function lanes16(xs: number[]): Uint8Array {
  const b = new Uint8Array(16);
  xs.forEach((x, i) => new DataView(b.buffer).setUint16(i * 2, x, true));
  return b;
}

function lanes32(xs: number[]): Uint8Array {
  const b = new Uint8Array(16);
  xs.forEach((x, i) => new DataView(b.buffer).setUint32(i * 4, x >>> 0, true));
  return b;
}

function lanes64(xs: bigint[]): Uint8Array {
  const b = new Uint8Array(16);
  xs.forEach((x, i) => new DataView(b.buffer).setBigUint64(i * 8, x, true));
  return b;
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** A value of a numeric or vector type: a boundary value most of the time, otherwise random bits. */
export function chooseValue(c: Choices, t: 'i32' | 'i64' | 'f32' | 'f64' | 'v128'): NumValue {
  const random = c.chance(25);
  switch (t) {
    case 'i32':
      return { type: t, bits: (random ? c.u32() : c.pick(I32_BOUNDARY)) >>> 0 };
    case 'i64':
      return { type: t, bits: random ? c.u64() : BigInt.asUintN(64, c.pick(I64_BOUNDARY)) };
    case 'f32':
      return { type: t, bits: random ? c.u32() : c.pick(F32_BOUNDARY) };
    case 'f64':
      return { type: t, bits: random ? c.u64() : c.pick(F64_BOUNDARY) };
    case 'v128':
      return { type: t, bytes: random ? c.bytes(16) : c.pick(V128_BOUNDARY).slice() };
  }
}

/** An argument for a parameter of type `t` (references: null, the only one a harness can pass). */
export function chooseArg(c: Choices, t: ValType): ArgValue {
  if (isRefType(t)) return { type: t, null: true };
  return chooseValue(c, t);
}

/** The boundary list of a type as arguments (for per-instruction cases). */
export function boundaryArgs(t: ValType): ArgValue[] {
  switch (t) {
    case 'i32':
      return I32_BOUNDARY.map((b) => ({ type: t, bits: b >>> 0 }));
    case 'i64':
      return I64_BOUNDARY.map((b) => ({ type: t, bits: BigInt.asUintN(64, b) }));
    case 'f32':
      return F32_BOUNDARY.map((bits) => ({ type: t, bits }));
    case 'f64':
      return F64_BOUNDARY.map((bits) => ({ type: t, bits }));
    case 'v128':
      return V128_BOUNDARY.map((bytes) => ({ type: t, bytes }));
    default: // a reference type
      return [{ type: t, null: true }];
  }
}
