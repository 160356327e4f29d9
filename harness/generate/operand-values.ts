// Operand values per instruction (issue 18): the classes of values where an
// instruction's implementations disagree, so that a generated operand of an
// instruction is often one of ITS edges rather than any boundary value of its
// type. A shift gets counts at and past its width; a division INT_MIN and -1;
// a float-to-int conversion the floats either side of its range; a rounding
// instruction the halfway points; float min, max and copysign the signed
// zeros and NaNs; sign extensions and narrow loads the values either side of
// their sign bit. Binary instructions also get pairs of operands that
// interact: equal values, x and -x, +0 and -0, INT_MIN and -1, NaN and x.
// Every instruction draws from the same table (no instruction is favoured):
// which instruction a module tests is left to the generator.
import type { NumValue } from '../../adapters/plan.js';
import type { Choices } from './choices.js';
import { chooseValue } from './boundary.js';

/** The types with operand edges: integers and floats. */
export type Num = 'i32' | 'i64' | 'f32' | 'f64';

export function isNum(t: string): t is Num {
  return t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64';
}

const f32 = (bits: number): NumValue => ({ type: 'f32', bits: bits >>> 0 });
const f64 = (bits: bigint): NumValue => ({ type: 'f64', bits: BigInt.asUintN(64, bits) });
const i32 = (n: number): NumValue => ({ type: 'i32', bits: n >>> 0 });
const i64 = (n: bigint): NumValue => ({ type: 'i64', bits: BigInt.asUintN(64, n) });

const F32_SIGN = 0x80000000;
const F64_SIGN = 1n << 63n;
/** 2^k as float bits. */
const pow2f32 = (k: number) => (127 + k) << 23;
const pow2f64 = (k: number) => BigInt(1023 + k) << 52n;

/** A float's bits, the next one towards zero and the next one away (same sign). */
const around32 = (bits: number): number[] => [bits - 1, bits, bits + 1];
const around64 = (bits: bigint): bigint[] => [bits - 1n, bits, bits + 1n];

/** ±0, ±inf, NaNs of both signs with canonical, arithmetic and signalling payloads. */
const F32_SPECIAL = [0, F32_SIGN, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc00001, 0xffffffff, 0x7f800001, 0xff800001, 0x7fa00000];
const F64_SPECIAL = [0n, F64_SIGN, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff8000000000001n, 0xffffffffffffffffn, 0x7ff0000000000001n, 0xfff0000000000001n, 0x7ff4000000000000n];
/** The smallest and largest subnormals, the smallest normal, the largest finite, ±1: with their signs. */
const F32_MAGNITUDES = [1, 0x007fffff, 0x00800000, 0x7f7fffff, 0x3f800000].flatMap((b) => [b, b + F32_SIGN]);
const F64_MAGNITUDES = [1n, 0x000fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0x3ff0000000000000n].flatMap((b) => [b, b + F64_SIGN]);
/** Halfway points (0.5, 1.5, 2.5, 2^m - 0.5, where the fraction's last bit is 0.5) and their negations: ties to even, not away. */
const F32_HALVES = [0x3f000000, 0x3fc00000, 0x40200000, 0x4b7fffff, 0x4affffff, 0x3f7fffff].flatMap((b) => [b, b + F32_SIGN]);
const F64_HALVES = [0x3fe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n, 0x433fffffffffffffn, 0x432fffffffffffffn, 0x3fefffffffffffffn].flatMap((b) => [b, b + F64_SIGN]);

/** Floats either side of the range of a conversion to a `width`-bit integer (signed: ±2^(w-1); unsigned: -1 and 2^w). */
function truncEdges32(width: number, signed: boolean): number[] {
  const top = signed ? pow2f32(width - 1) : pow2f32(width);
  const low = signed ? pow2f32(width - 1) + F32_SIGN : 0x3f800000 + F32_SIGN;
  return [...around32(top), ...around32(low), 0xbf000000];
}

function truncEdges64(width: number, signed: boolean): bigint[] {
  const top = signed ? pow2f64(width - 1) : pow2f64(width);
  const low = signed ? pow2f64(width - 1) + F64_SIGN : 0x3ff0000000000000n + F64_SIGN;
  // f64 represents 2^31 - 1 and -2^31 - 1 exactly: the last in-range and first out-of-range integers
  const exact = width === 32 ? (signed ? [0x41dfffffffc00000n, 0xc1e0000000200000n, 0xc1e00000001fffffn] : [0x41efffffffe00000n, 0x41effffffff00000n]) : [];
  return [...around64(top), ...around64(low), ...exact, 0xbfe0000000000000n];
}

/** Integers where a conversion to float rounds: 2^p + 1 (a tie, to even), 2^p + 3, sticky bits past the tie, the extremes. */
const INT_TO_FLOAT_I32 = [0x1000001, 0x1000003, 0x7fffffff, -0x80000000, -1, 0x7fffffbf, 0x7fffffc0, -0x1000001];
const INT_TO_FLOAT_I64 = [
  0x20000000000001n, 0x20000000000003n, 0x1000001n, 0x20000020000001n, 0x7fffff4000000001n, 0x7ffffffffffffc00n, 0x7ffffffffffffe00n,
  0x7fffffffffffffffn, -0x8000000000000000n, -1n, 0xfffffe8000000001n, 0x8000008000000001n,
].map((n) => BigInt.asIntN(64, n));

/** Integers either side of every narrower sign bit, and the extremes. */
const I32_BITS = [0, 1, -1, 0x7f, 0x80, 0xff, 0x17f, 0x7fff, 0x8000, 0xffff, 0x18000, 0x7fffffff, -0x80000000, -0x7fffffff, 0x80000001];
const I64_BITS = [
  0n, 1n, -1n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x17fffffffn,
  0x7fffffffffffffffn, -0x8000000000000000n, -0x7fffffffffffffffn, -0x80000000n, -0x80000001n,
];
/** Dividends and divisors: INT_MIN with -1 (overflow), ±1, 0, and values whose remainder's sign is the dividend's. */
const I32_DIV = [0, 1, -1, 2, -2, 3, -3, 7, -7, 0x7fffffff, -0x80000000];
const I64_DIV = [0n, 1n, -1n, 2n, -2n, 3n, -3n, 7n, -7n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x80000000n];

/** Shift and rotate counts at and past the width (counts are taken modulo the width), and the value patterns that show them. */
function counts(width: number): number[] {
  return [0, 1, width / 2 - 1, width / 2, width - 1, width, width + 1, 2 * width - 1, 2 * width, -1, -width, 0x7fffffff, -0x80000000];
}

type Edges = { i32?: number[]; i64?: bigint[]; f32?: number[]; f64?: bigint[] };

/** The edges of operand `i` (of type t) of instruction `op`, or undefined: the type's boundary values. */
function edgesOf(op: string, i: number, t: Num): NumValue[] | undefined {
  const e = edgeLists(op, i);
  switch (t) {
    case 'i32':
      return e.i32?.map(i32);
    case 'i64':
      return e.i64?.map(i64);
    case 'f32':
      return e.f32?.map(f32);
    case 'f64':
      return e.f64?.map(f64);
  }
}

function edgeLists(op: string, i: number): Edges {
  const [, name = ''] = op.split('.');
  const width = op.startsWith('i64') ? 64 : 32;
  let m: RegExpMatchArray | null;
  if (/^(shl|shr_s|shr_u|rotl|rotr)$/.test(name)) {
    return i === 1 ? { i32: counts(32), i64: counts(64).map(BigInt) } : { i32: I32_BITS, i64: I64_BITS };
  }
  if (/^(div|rem)_[su]$/.test(name)) return { i32: I32_DIV, i64: I64_DIV };
  if ((m = name.match(/^trunc(?:_sat)?_f(32|64)_([su])$/))) {
    const signed = m[2] === 's';
    return m[1] === '32'
      ? { f32: [...truncEdges32(width, signed), ...F32_SPECIAL.slice(0, 6), 0x3f000000] }
      : { f64: [...truncEdges64(width, signed), ...F64_SPECIAL.slice(0, 6), 0x3fe0000000000000n] };
  }
  if (/^convert_i(32|64)_[su]$/.test(name)) return { i32: INT_TO_FLOAT_I32, i64: INT_TO_FLOAT_I64 };
  if (/^(demote_f64|promote_f32)$/.test(name)) {
    // f32's largest finite, the halfway point above it (rounds to inf), and the smallest f32 subnormal's neighbours in f64
    return { f32: [...F32_SPECIAL, ...F32_MAGNITUDES], f64: [...F64_SPECIAL, 0x47efffffe0000000n, 0x47effffff0000000n, 0x47efffffefffffffn, 0x36a0000000000000n, 0x3690000000000001n, 0x3690000000000000n] };
  }
  if (/^(nearest|ceil|floor|trunc|sqrt|abs|neg)$/.test(name)) return { f32: [...F32_HALVES, ...F32_SPECIAL, ...F32_MAGNITUDES], f64: [...F64_HALVES, ...F64_SPECIAL, ...F64_MAGNITUDES] };
  if (/^(min|max|copysign|add|sub|mul|div|eq|ne|lt|gt|le|ge)$/.test(name)) return { f32: [...F32_SPECIAL, ...F32_MAGNITUDES], f64: [...F64_SPECIAL, ...F64_MAGNITUDES], i32: I32_BITS, i64: I64_BITS };
  if (/^(extend8_s|extend16_s|extend32_s|extend_i32_[su]|wrap_i64|clz|ctz|popcnt|eqz|store.*|reinterpret_.*)$/.test(name)) {
    return { i32: I32_BITS, i64: I64_BITS, f32: F32_SPECIAL, f64: F64_SPECIAL };
  }
  return {};
}

/** One value for operand `i` (of type t) of `op`: one of the instruction's edges when it has some, else a boundary value of the type. */
export function operandValue(c: Choices, op: string, i: number, t: Num): NumValue {
  const edges = edgesOf(op, i, t);
  return edges !== undefined && c.chance(75) ? c.pick(edges) : chooseValue(c, t);
}

/** Two operands of a binary instruction on type t that interact, as values (first, second). */
export function operandPair(c: Choices, op: string, t: Num): [NumValue, NumValue] {
  const x = operandValue(c, op, 0, t);
  const float = t === 'f32' || t === 'f64';
  const kind = c.int(float ? 4 : 3);
  if (kind === 0) return [x, x];
  if (kind === 1) return c.chance(50) ? [x, negate(x)] : [negate(x), x];
  if (float) {
    if (kind === 2) return c.chance(50) ? [floatOf(t, 'zero'), floatOf(t, '-zero')] : [floatOf(t, '-zero'), floatOf(t, 'zero')];
    const nan = floatOf(t, 'nan');
    return c.chance(50) ? [nan, x] : [x, nan];
  }
  // INT_MIN and -1: division overflow; the other way round
  const min = t === 'i32' ? i32(-0x80000000) : i64(-0x8000000000000000n);
  const minusOne = t === 'i32' ? i32(-1) : i64(-1n);
  return c.chance(70) ? [min, minusOne] : [minusOne, min];
}

/** -x: the integer negation, or the float with its sign bit flipped. */
function negate(v: NumValue): NumValue {
  switch (v.type) {
    case 'v128':
      return v;
    case 'i32':
      return i32(-(v.bits | 0));
    case 'i64':
      return i64(-BigInt.asIntN(64, v.bits));
    case 'f32':
      return f32(v.bits ^ F32_SIGN);
    case 'f64':
      return f64(v.bits ^ F64_SIGN);
  }
}

/** +0, -0 or the canonical NaN of a float type. */
function floatOf(t: 'f32' | 'f64', which: 'zero' | '-zero' | 'nan'): NumValue {
  const bits = { zero: [0, 0n], '-zero': [F32_SIGN, F64_SIGN], nan: [0x7fc00000, 0x7ff8000000000000n] } as const;
  return t === 'f32' ? f32(bits[which][0]) : f64(bits[which][1]);
}
