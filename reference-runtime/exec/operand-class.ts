// Operand classes: the values where implementations of an instruction
// disagree, as a small vocabulary per operand kind. The oracle counts, in
// counting mode, the class of every operand of every instruction it executes
// (operand-coverage.ts); the fuzzer steers its constants toward the
// (instruction, operand, class) triples not yet covered, drawing a class's
// representative values from SAMPLES below. Classification is exact and
// cheap: a few comparisons on the operand's bits, first match wins, so the
// order of each list is part of its meaning.

import { OPCODES, opInfo, signature, type OpInfo } from '../syntax/opcodes.js';

/** The kinds of operand classified: the numeric types, vectors, and a memory access's address. */
export type OperandKind = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'address';

/** Integer classes for a width w (32 or 64), in the order tested. */
export const INT_CLASSES = [
  'zero', 'one', 'minus-one', 'min', 'max', 'min+1', 'max-1',
  'width-1', 'width', 'width+1..2width', // shift and rotate counts at and past the width
  'narrow-sign-edge', // either side of an 8-, 16- (and for i64, 32-) bit sign bit: 0x7f, 0x80, 0xff, 0x100, ...
  'small-positive', 'small-negative', 'positive', 'negative',
] as const;

/** Float classes, in the order tested. */
export const FLOAT_CLASSES = [
  '+0', '-0', '+inf', '-inf', 'canonical-nan', 'arithmetic-nan', 'signalling-nan', 'subnormal',
  'one', 'half', // ±1; |x| an integer plus exactly one half (rounding ties)
  'conversion-edge', // |x| within a few units in the last place of 2^31, 2^32, 2^63 or 2^64
  'largest', // ±the largest finite, ±the smallest normal
  'fraction', 'integer', 'other',
] as const;

export const V128_CLASSES = ['zero', 'all-ones', 'nan-lane', 'min-lane', 'other'] as const;

/** Where a memory access falls (effective address ea = address + offset, n bytes, memory of length len). */
export const ADDRESS_CLASSES = [
  'first', // ea = 0
  'inside',
  'last', // ea + n = len: the last bytes
  'straddle', // ea < len < ea + n
  'at-end', // ea = len
  'beyond', // len < ea, below the address space's end
  'wraps', // address + offset past 2^32 (2^64 for a 64-bit memory)
] as const;

export const CLASSES: Readonly<Record<OperandKind, readonly string[]>> = {
  i32: INT_CLASSES, i64: INT_CLASSES, f32: FLOAT_CLASSES, f64: FLOAT_CLASSES, v128: V128_CLASSES, address: ADDRESS_CLASSES,
};

/** The most classes any kind has: the stride of the counters. */
export const MAX_CLASSES = Math.max(...Object.values(CLASSES).map((c) => c.length));

const NARROW_EDGES_32 = new Set([0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, -0x80, -0x81, -0x8000, -0x8001]);
const NARROW_EDGES_64 = new Set([...NARROW_EDGES_32, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, -0x80000000, -0x80000001]);

/**
 * The class of an integer of width w whose value v is exact as a double;
 * `extreme` is its class among min, max, min+1, max-1 (-1: none), which for
 * i64 a double cannot tell apart.
 */
function intClass(v: number, w: 32 | 64, extreme: number): number {
  if (v === 0) return 0;
  if (v === 1) return 1;
  if (v === -1) return 2;
  if (extreme >= 0) return extreme;
  if (v === w - 1) return 7;
  if (v === w) return 8;
  if (v > w && v <= 2 * w) return 9;
  if ((w === 32 ? NARROW_EDGES_32 : NARROW_EDGES_64).has(v)) return 10;
  if (v > 0 && v < w) return 11;
  if (v < 0 && v >= -256) return 12;
  return v > 0 ? 13 : 14;
}

/** The class of an i32 (signed). Free of BigInt: the common case in counting mode. */
export function i32Class(v: number): number {
  const extreme = v === -0x80000000 ? 3 : v === 0x7fffffff ? 4 : v === -0x7fffffff ? 5 : v === 0x7ffffffe ? 6 : -1;
  return intClass(v, 32, extreme);
}

/** The class of an i64 given as its low and high 32-bit words. Free of BigInt, like i32Class. */
export function i64ClassWords(lo: number, hi: number): number {
  const l = lo >>> 0;
  const h = hi | 0;
  const extreme = h === -0x80000000 ? (l === 0 ? 3 : l === 1 ? 5 : -1) : h === 0x7fffffff ? (l === 0xffffffff ? 4 : l === 0xfffffffe ? 6 : -1) : -1;
  // past 2^53 the double rounds, but only the extremes (above) and the sign matter there
  return intClass(h * 2 ** 32 + l, 64, extreme);
}

export function i64Class(bits: bigint): number {
  const b = BigInt.asUintN(64, bits);
  return i64ClassWords(Number(b & 0xffffffffn), Number(b >> 32n));
}

/** Float layouts: exponent bits, fraction bits. */
const F32 = { exp: 8, frac: 23 };
const F64 = { exp: 11, frac: 52 };

/** The class of a float given as its sign, biased exponent and fraction (exact as a double: at most 52 bits). */
function floatClass(sign: boolean, e: number, frac: number, f: typeof F32): number {
  const maxE = (1 << f.exp) - 1;
  const bias = (1 << (f.exp - 1)) - 1;
  const one = 2 ** f.frac; // the fraction's range
  if (e === 0 && frac === 0) return sign ? 1 : 0;
  if (e === maxE) {
    if (frac === 0) return sign ? 3 : 2;
    if (frac === one / 2) return 4;
    return frac > one / 2 ? 5 : 6; // the quiet bit set, with a payload; or clear: signalling
  }
  if (e === 0) return 7;
  const k = e - bias; // |x| = (1 + frac/one) * 2^k
  if (k === 0 && frac === 0) return 8;
  // an integer plus one half: the fraction's bit of weight 1/2 is the last one set
  if (k === -1 && frac === 0) return 9;
  if (k >= 0 && k < f.frac) {
    const half = 2 ** (f.frac - k - 1);
    if (frac % (2 * half) === half) return 9;
  }
  // within 4 units in the last place of 2^31, 2^32, 2^63, 2^64 (from below: one binade lower, the fraction near all ones)
  for (const p of [31, 32, 63, 64]) {
    if ((k === p && frac < 4) || (k === p - 1 && one - 1 - frac < 4)) return 10;
  }
  if ((e === maxE - 1 && frac === one - 1) || (e === 1 && frac === 0)) return 11;
  if (k < 0) return 12;
  if (k >= f.frac || frac % 2 ** (f.frac - k) === 0) return 13;
  return 14;
}

export function f32Class(bits: number): number {
  return floatClass(bits >>> 31 === 1, (bits >>> 23) & 0xff, bits & 0x7fffff, F32);
}

/** The class of an f64 given as its low and high 32-bit words. */
export function f64ClassWords(lo: number, hi: number): number {
  return floatClass(hi >>> 31 === 1, (hi >>> 20) & 0x7ff, (hi & 0xfffff) * 2 ** 32 + (lo >>> 0), F64);
}

export function f64Class(bits: bigint): number {
  const b = BigInt.asUintN(64, bits);
  return f64ClassWords(Number(b & 0xffffffffn), Number(b >> 32n));
}

/** The class of a vector given as its four 32-bit words (little-endian lanes). */
export function v128Class(w0: number, w1: number, w2: number, w3: number): number {
  const w = [w0 | 0, w1 | 0, w2 | 0, w3 | 0];
  if (w.every((x) => x === 0)) return 0;
  if (w.every((x) => x === -1)) return 1;
  const nan32 = (x: number) => (x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0;
  // an f64 lane is a NaN when its high word's exponent is all ones and the fraction (both words) is not 0
  const nan64 = (lo: number, hi: number) => (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) !== 0 || lo !== 0);
  if (w.some(nan32) || nan64(w[0]!, w[1]!) || nan64(w[2]!, w[3]!)) return 2;
  const minLane = (x: number) => x === -0x80000000 || (x & 0xffff) === 0x8000 || x >>> 16 === 0x8000 || [0, 8, 16, 24].some((s) => ((x >>> s) & 0xff) === 0x80);
  if (w.some(minLane)) return 3;
  return 4;
}

/** The class of a memory access: ea = address + offset (exact integers), n bytes, in a memory of `len` bytes whose address space ends at `limit`. */
export function addressClass(address: number, offset: number, n: number, len: number, limit: number): number {
  const ea = address + offset;
  if (ea >= limit) return 6;
  if (ea === 0 && n <= len) return 0;
  if (ea + n < len) return 1;
  if (ea + n === len) return 2;
  if (ea < len) return 3;
  if (ea === len) return 4;
  return 5;
}

/**
 * Representative values of each class, as the generator writes constants:
 * integers signed (i64 as bigint), floats as their bits (f64 as bigint),
 * vectors as 16 bytes. Every value classifies as its class (operand-class.test.ts).
 * Address classes have none: an address depends on the memory's size.
 */
type Samples<T> = readonly (readonly T[])[];

export const SAMPLES: { i32: Samples<number>; i64: Samples<bigint>; f32: Samples<number>; f64: Samples<bigint>; v128: Samples<Uint8Array> } = {
  i32: [[0], [1], [-1], [-0x80000000], [0x7fffffff], [-0x7fffffff], [0x7ffffffe], [31], [32], [33, 48, 63, 64], [0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, -0x80, -0x81, -0x8000, -0x8001], [2, 7, 16, 30], [-2, -7, -32, -33, -64, -256], [0x12345678, 1000, 0x40000000], [-0x12345678, -1000, -0x40000000]],
  i64: [[0n], [1n], [-1n], [-(1n << 63n)], [(1n << 63n) - 1n], [-(1n << 63n) + 1n], [(1n << 63n) - 2n], [63n], [64n], [65n, 96n, 100n, 128n], [0xffn, 0x100n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, -0x80000001n], [2n, 31n, 32n, 33n], [-2n, -64n, -65n, -256n], [0x123456789abcdefn, 1000n], [-0x123456789abcdefn, -1000n]],
  f32: [[0], [0x80000000], [0x7f800000], [0xff800000], [0x7fc00000, 0xffc00000], [0x7fc00001, 0xffffffff, 0x7fd55555], [0x7f800001, 0x7fa00000, 0xff800001], [1, 0x80000001, 0x007fffff, 0x807fffff], [0x3f800000, 0xbf800000], [0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x4affffff], [0x4f000000, 0x4effffff, 0xcf000000, 0xcf000001, 0x4f800000, 0x4f7fffff, 0x5f000000, 0xdf000000, 0x5f800000, 0x5f7fffff], [0x7f7fffff, 0xff7fffff, 0x00800000, 0x80800000], [0x3eaaaaab, 0xbe800000], [0x40000000, 0xc2c80000, 0x4b800000], [0x40490fdb, 0xc1123456]],
  f64: [[0n], [0x8000000000000000n], [0x7ff0000000000000n], [0xfff0000000000000n], [0x7ff8000000000000n, 0xfff8000000000000n], [0x7ff8000000000001n, 0xffffffffffffffffn], [0x7ff0000000000001n, 0x7ff4000000000000n], [1n, 0x000fffffffffffffn, 0x8000000000000001n], [0x3ff0000000000000n, 0xbff0000000000000n], [0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n, 0x432fffffffffffffn], [0x41e0000000000000n, 0x41dfffffffffffffn, 0xc1e0000000000000n, 0xc1e0000000000001n, 0x41f0000000000000n, 0x41efffffffffffffn, 0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n, 0x43efffffffffffffn], [0x7fefffffffffffffn, 0xffefffffffffffffn, 0x0010000000000000n], [0x3fd5555555555555n, 0xbfd0000000000000n], [0x4000000000000000n, 0xc059000000000000n, 0x4340000000000000n], [0x400921fb54442d18n, 0xc0091eb851eb851fn]],
  v128: [[new Uint8Array(16)], [new Uint8Array(16).fill(0xff)], [Uint8Array.of(0, 0, 0xc0, 0x7f, ...new Array<number>(12).fill(1))], [Uint8Array.of(0x80, ...new Array<number>(15).fill(1)), Uint8Array.of(0, 0, 0, 0x80, ...new Array<number>(12).fill(3))], [Uint8Array.from({ length: 16 }, (_, i) => i + 1)]],
};

/** Operands an instruction with a signature has at most (v128.bitselect, the relaxed madds). */
export const MAX_OPERANDS = 3;

/**
 * The operand kinds of an instruction with a signature, first operand first:
 * its parameter types, with a load's or store's address as 'address'.
 * Undefined for an instruction without a signature or operands. (On a
 * 64-bit memory the bulk instructions' operands are i64: compile.ts counts
 * those without classes.)
 */
export function operandKinds(info: OpInfo): readonly OperandKind[] | undefined {
  let kinds = kindsOf.get(info);
  if (kinds === undefined && !kindsOf.has(info)) {
    const params = signature(info)?.params;
    const access = info.imm === 'memarg' || info.imm === 'memarg_lane';
    kinds = params === undefined || params.length === 0 ? undefined : params.map((t, i) => (i === 0 && access ? 'address' : (t as OperandKind)));
    kindsOf.set(info, kinds);
  }
  return kinds;
}

const kindsOf = new Map<OpInfo, readonly OperandKind[] | undefined>();

/** How a covered (instruction, operand, class) triple is named: `i32.shl 1 width`. */
export function operandKey(op: string, i: number, cls: number): string {
  return `${op} ${i} ${CLASSES[operandKinds(opInfo(op)!)![i]!][cls]}`;
}

/** Every (instruction, operand, class) triple of the opcode table that can occur, by key (a one-byte access cannot straddle the end). */
export function allOperandKeys(): string[] {
  const straddle = ADDRESS_CLASSES.indexOf('straddle');
  const possible = (info: OpInfo, kind: OperandKind, cls: number) => !(kind === 'address' && cls === straddle && info.align === 0);
  return OPCODES.flatMap((info) =>
    (operandKinds(info) ?? []).flatMap((kind, i) => CLASSES[kind].flatMap((_, cls) => (possible(info, kind, cls) ? [operandKey(info.name, i, cls)] : []))),
  );
}
