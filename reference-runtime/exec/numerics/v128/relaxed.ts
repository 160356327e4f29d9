// The 20 relaxed SIMD instructions (Wasm 3.0 numerics, "Relaxed
// Operations", and their vector liftings). Each operator returns, for an
// operand in its implementation-dependent clause, the alternative that the
// profile in force selects (relaxed-profile.ts; alternative 0 is the
// deterministic profile), and marks its parameter as consulted. Operands
// outside those clauses give the one result every profile agrees on, without
// consulting anything, so invoke.ts only re-runs what can differ.
//
// Alternatives, as the spec lists them (index = the parameter's value):
//   madd(z1,z2,z3)     R_fmadd:  [fadd(fmul(z1,z2),z3), fma(z1,z2,z3)];  nmadd = madd(-z1,z2,z3)
//   min(z1,z2)         R_fmin:   z1 NaN: [fmin, NaN(n) of z1, z2, z2]; z2 NaN: [fmin, z1, NaN(n) of z2, z1];
//                                ±0,∓0: [fmin, z1, z2, -0]
//   max                R_fmax:   the same, last zero alternative +0
//   dot(i1,i2)         R_idot:   i2 lanes extended [signed, unsigned]
//   q15mulr(i1,i2)     R_iq15mulr: both INT16_MIN: [INT16_MAX, INT16_MIN]
//   trunc_u(z)         R_trunc_u: NaN or trunc(z) outside [0, 2^32): [trunc_sat_u(z), 2^32-1, 2^32-2, 2^31]
//   trunc_s(z)         R_trunc_s: NaN or trunc(z) outside [-2^31, 2^31): [trunc_sat_s(z), INT32_MIN]
//   swizzle lane j     R_swizzle: 16 <= j < 128: [0, i[j mod 16]]  (j >= 128 gives 0 in every profile)
//   laneselect         R_laneselect: [bitselect(i1,i2,i3), bitselect(i1,i2, i3's top bit extended)]
import * as F32 from '../f32.js';
import * as F64 from '../f64.js';
import * as scalar from '../convert.js';
import { isNaN32, nondeterminism } from '../nan.js';
import { f32Value } from '../scratch.js';
import { A, B, C, R, type V128 } from './bytes.js';
import { fma32, fma64 } from './fma.js';
import { choose, P } from './relaxed-profile.js';
import { satS } from './saturate.js';

type Op = (...args: any[]) => any;
type Kind = 'f32' | 'f64';

/** f32 lanes as int32 bits, f64 lanes as doubles (as in float.ts). */
const floats = {
  f32: { F: F32, fma: fma32, lanes: (s: typeof A) => s.s32, isNaN: isNaN32, isZero: (x: number) => (x & 0x7fffffff) === 0, NEG_ZERO: 0x80000000 | 0, POS_ZERO: 0 },
  f64: { F: F64, fma: fma64, lanes: (s: typeof A) => s.f64, isNaN: (x: number) => x !== x, isZero: (x: number) => x === 0, NEG_ZERO: -0, POS_ZERO: 0 },
};

function isNegativeZero(kind: Kind, x: number): boolean {
  return kind === 'f32' ? x === floats.f32.NEG_ZERO : Object.is(x, -0);
}

/**
 * frelaxed_madd: both alternatives are computed; only when they differ (a
 * NaN counting as equal to a NaN: both come from the same allowed set) is
 * R_fmadd consulted. The NaN counter ends as if only the chosen one ran.
 */
function madd(kind: Kind, negate: boolean): Op {
  const { F, fma, lanes, isNaN } = floats[kind];
  const x = lanes(A);
  const y = lanes(B);
  const z = lanes(C);
  const out = lanes(R);
  const lane = (x1: number, y1: number, z1: number): number => {
    const nans = nondeterminism.nans;
    const unfused = F.add(F.mul(x1, y1), z1);
    const fused = fma(x1, y1, z1);
    const agree = Object.is(unfused, fused) || (isNaN(unfused) && isNaN(fused));
    const r = agree || choose(P.fmadd) === 0 ? unfused : fused;
    nondeterminism.nans = isNaN(r) ? nans + 1 : nans;
    return r;
  };
  return (a: V128, b: V128, c: V128): V128 => {
    A.load(a);
    B.load(b);
    C.load(c);
    for (let i = 0; i < out.length; i++) out[i] = lane(negate ? F.neg(x[i]!) : x[i]!, y[i]!, z[i]!);
    return R.result();
  };
}

/**
 * The spec's NaN(n) alternative: the NaN operand's payload. The spec gives it
 * no sign, so the operand is returned as it is and counted as a NaN choice:
 * a comparator then accepts either sign (exec/invoke.ts).
 */
function nanOperand(x: number): number {
  nondeterminism.nans++;
  return x;
}

/** frelaxed_min / frelaxed_max. */
function minMax(kind: Kind, isMin: boolean): Op {
  const { F, lanes, isNaN, isZero, NEG_ZERO, POS_ZERO } = floats[kind];
  const base = isMin ? F.min : F.max;
  const param = isMin ? P.fmin : P.fmax;
  const zero = isMin ? NEG_ZERO : POS_ZERO;
  const x = lanes(A);
  const y = lanes(B);
  const out = lanes(R);
  const lane = (z1: number, z2: number): number => {
    if (isNaN(z1)) {
      const alt = choose(param);
      return alt === 0 ? base(z1, z2) : alt === 1 ? nanOperand(z1) : z2;
    }
    if (isNaN(z2)) {
      const alt = choose(param);
      return alt === 0 ? base(z1, z2) : alt === 2 ? nanOperand(z2) : z1;
    }
    if (isZero(z1) && isZero(z2) && isNegativeZero(kind, z1) !== isNegativeZero(kind, z2)) {
      const alt = choose(param);
      return alt === 0 ? base(z1, z2) : alt === 1 ? z1 : alt === 2 ? z2 : zero;
    }
    return base(z1, z2);
  };
  return (a: V128, b: V128): V128 => {
    A.load(a);
    B.load(b);
    for (let i = 0; i < out.length; i++) out[i] = lane(x[i]!, y[i]!);
    return R.result();
  };
}

const TWO31 = 2 ** 31;
const TWO32 = 2 ** 32;
const UNSIGNED_ALTERNATIVES = [0, -1, -2, -0x80000000]; // index 0 is trunc_sat_u, filled per lane

/** relaxed_trunc_s / relaxed_trunc_u from f32x4 (4 lanes) or f64x2 (2 lanes, result lanes 2 and 3 zero). */
function trunc(from: Kind, signed: boolean): Op {
  const count = from === 'f32' ? 4 : 2;
  const source = from === 'f32' ? A.s32 : A.f64;
  const value = from === 'f32' ? f32Value : (x: number) => x;
  const sat =
    from === 'f32' ? (signed ? scalar.i32_trunc_sat_f32_s : scalar.i32_trunc_sat_f32_u) : signed ? scalar.i32_trunc_sat_f64_s : scalar.i32_trunc_sat_f64_u;
  const lane = (bits: number): number => {
    const t = Math.trunc(value(bits)); // NaN stays NaN and fails both range tests
    if (signed) {
      if (t >= -TWO31 && t < TWO31) return t | 0;
      return choose(P.trunc_s) === 0 ? sat(bits) : -0x80000000;
    }
    if (t >= 0 && t < TWO32) return t | 0;
    const alt = choose(P.trunc_u);
    return alt === 0 ? sat(bits) : UNSIGNED_ALTERNATIVES[alt]!;
  };
  return (a: V128): V128 => {
    A.load(a);
    R.clear();
    for (let i = 0; i < count; i++) R.s32[i] = lane(source[i]!);
    return R.result();
  };
}

/** i8x16.relaxed_swizzle. */
function relaxedSwizzle(a: V128, s: V128): V128 {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const j = s[i]!;
    if (j < 16) r[i] = a[j]!;
    else if (j >= 128) r[i] = 0;
    else r[i] = choose(P.swizzle) === 0 ? 0 : a[j % 16]!;
  }
  return r;
}

/**
 * relaxed_laneselect on lanes of `width` bits, bytewise: the alternatives
 * differ only where a lane's mask is not all zeros or all ones.
 */
function laneselect(width: 8 | 16 | 32 | 64): Op {
  const size = width / 8;
  return (a: V128, b: V128, m: V128): V128 => {
    const top = new Uint8Array(16); // each byte: its lane's top bit extended
    let uniform = true;
    for (let k = 0; k < 16; k++) {
      top[k] = m[k - (k % size) + size - 1]! & 0x80 ? 0xff : 0;
      if (m[k] !== top[k]) uniform = false;
    }
    const mask = uniform || choose(P.laneselect) === 0 ? m : top;
    const r = new Uint8Array(16);
    for (let k = 0; k < 16; k++) r[k] = (a[k]! & mask[k]!) | (b[k]! & ~mask[k]!);
    return r;
  };
}

/** i16x8.relaxed_q15mulr_s. */
function q15mulr(a: V128, b: V128): V128 {
  A.load(a);
  B.load(b);
  for (let i = 0; i < 8; i++) {
    const x = A.s16[i]!;
    const y = B.s16[i]!;
    R.s16[i] = x === -0x8000 && y === -0x8000 ? (choose(P.iq15mulr) === 0 ? 0x7fff : -0x8000) : satS(16, (x * y + 0x4000) >> 15);
  }
  return R.result();
}

/**
 * The i16x8 lanes of relaxed_dot_i8x16_i7x16_s into R.s16: adjacent products
 * of signed i1 lanes and i2 lanes extended signed or unsigned (R_idot, which
 * matters only when some i2 lane has its top bit set), summed with signed
 * saturation.
 */
function dotInto(a: V128, b: V128): void {
  A.load(a);
  B.load(b);
  const anyTop = B.u8.some((v) => v >= 0x80);
  const second = anyTop && choose(P.idot) === 1 ? B.u8 : B.s8;
  for (let i = 0; i < 8; i++) R.s16[i] = satS(16, A.s8[2 * i]! * second[2 * i]! + A.s8[2 * i + 1]! * second[2 * i + 1]!);
}

/** i16x8.relaxed_dot_i8x16_i7x16_s. */
function dot(a: V128, b: V128): V128 {
  dotInto(a, b);
  return R.result();
}

/** i32x4.relaxed_dot_i8x16_i7x16_add_s: the i16x8 dot, pairwise signed sums to i32x4, plus c (wrapping). */
function dotAdd(a: V128, b: V128, c: V128): V128 {
  C.load(c);
  dotInto(a, b);
  const sums = [0, 1, 2, 3].map((i) => R.s16[2 * i]! + R.s16[2 * i + 1]! + C.s32[i]!);
  for (let i = 0; i < 4; i++) R.s32[i] = sums[i]!;
  return R.result();
}

/** The relaxed SIMD instructions by mnemonic, as pure functions of their operands in stack order (apart from the profile). */
export const RELAXED_OPS: Record<string, Op> = {
  'i8x16.relaxed_swizzle': relaxedSwizzle,
  'i32x4.relaxed_trunc_f32x4_s': trunc('f32', true),
  'i32x4.relaxed_trunc_f32x4_u': trunc('f32', false),
  'i32x4.relaxed_trunc_f64x2_s_zero': trunc('f64', true),
  'i32x4.relaxed_trunc_f64x2_u_zero': trunc('f64', false),
  'f32x4.relaxed_madd': madd('f32', false),
  'f32x4.relaxed_nmadd': madd('f32', true),
  'f64x2.relaxed_madd': madd('f64', false),
  'f64x2.relaxed_nmadd': madd('f64', true),
  'i8x16.relaxed_laneselect': laneselect(8),
  'i16x8.relaxed_laneselect': laneselect(16),
  'i32x4.relaxed_laneselect': laneselect(32),
  'i64x2.relaxed_laneselect': laneselect(64),
  'f32x4.relaxed_min': minMax('f32', true),
  'f32x4.relaxed_max': minMax('f32', false),
  'f64x2.relaxed_min': minMax('f64', true),
  'f64x2.relaxed_max': minMax('f64', false),
  'i16x8.relaxed_q15mulr_s': q15mulr,
  'i16x8.relaxed_dot_i8x16_i7x16_s': dot,
  'i32x4.relaxed_dot_i8x16_i7x16_add_s': dotAdd,
};
