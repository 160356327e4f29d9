// Conversions between the four number types (spec 4.3.4), named like the
// instructions with `_` for `.`: `i32_trunc_f32_s` is `i32.trunc_f32_s`.
// Representations: i32 a signed int32 number, i64 a signed BigInt, f32 its
// bits as an int32 number, f64 a JS double.

import { Trap } from '../../errors.js';
import { f32Bits, f32Value, scratchF64, scratchI64 } from './scratch.js';
import { demoteNaN, promoteNaN } from './nan.js';
// the operations the interpreter also runs inline, generated from exec/ops.ts
export * from './convert.generated.js';

export { extend8_s as i32_extend8_s, extend16_s as i32_extend16_s } from './i32.js';
export { extend8_s as i64_extend8_s, extend16_s as i64_extend16_s, extend32_s as i64_extend32_s } from './i64.js';

const TWO31 = 2 ** 31;
const TWO32 = 2 ** 32;
const TWO53 = 2 ** 53;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;
const I64_MIN = -0x8000000000000000n;
const I64_MAX = 0x7fffffffffffffffn;
const TWO53N = 2n ** 53n;

export function i32_wrap_i64(a: bigint): number {
  return Number(BigInt.asIntN(32, a));
}

// --- Truncation: trap on NaN and on results outside the target range. ---
// The range tests compare the untruncated value with the first integer out of
// range on each side, so -2147483648.9 passes (it truncates to MIN) while
// -2147483649 does not; every bound is a double, so the test is exact.

function checkTruncS32(x: number): void {
  if (x > -TWO31 - 1 && x < TWO31) return;
  throw x !== x ? new Trap('invalid conversion to integer') : new Trap('integer overflow');
}

function checkTruncU32(x: number): void {
  if (x > -1 && x < TWO32) return;
  throw x !== x ? new Trap('invalid conversion to integer') : new Trap('integer overflow');
}

// Below -2^63 the next double is -2^63 - 2048, so `>= -2^63` is the exact test.
function checkTruncS64(x: number): void {
  if (x >= -TWO63 && x < TWO63) return;
  throw x !== x ? new Trap('invalid conversion to integer') : new Trap('integer overflow');
}

function checkTruncU64(x: number): void {
  if (x > -1 && x < TWO64) return;
  throw x !== x ? new Trap('invalid conversion to integer') : new Trap('integer overflow');
}

// `| 0` truncates toward zero (ToInt32), exact and wrapping to signed in range.
export function i32_trunc_f32_s(a: number): number {
  const x = f32Value(a);
  checkTruncS32(x);
  return x | 0;
}

export function i32_trunc_f32_u(a: number): number {
  const x = f32Value(a);
  checkTruncU32(x);
  return x | 0;
}

export function i32_trunc_f64_s(x: number): number {
  checkTruncS32(x);
  return x | 0;
}

export function i32_trunc_f64_u(x: number): number {
  checkTruncU32(x);
  return x | 0;
}

export function i64_trunc_f32_s(a: number): bigint {
  const x = f32Value(a);
  checkTruncS64(x);
  return BigInt(Math.trunc(x));
}

export function i64_trunc_f32_u(a: number): bigint {
  const x = f32Value(a);
  checkTruncU64(x);
  return BigInt.asIntN(64, BigInt(Math.trunc(x)));
}

export function i64_trunc_f64_s(x: number): bigint {
  checkTruncS64(x);
  return BigInt(Math.trunc(x));
}

export function i64_trunc_f64_u(x: number): bigint {
  checkTruncU64(x);
  return BigInt.asIntN(64, BigInt(Math.trunc(x)));
}

// --- Saturating truncation: NaN gives 0, out of range clamps. ---
// Each f64 form is the rule itself; the f32 form applies it to the exact
// double of its operand.

export function i32_trunc_sat_f64_s(x: number): number {
  if (x !== x) return 0;
  if (x <= -TWO31) return -0x80000000;
  if (x >= TWO31) return 0x7fffffff;
  return x | 0;
}

export function i32_trunc_sat_f32_s(a: number): number {
  return i32_trunc_sat_f64_s(f32Value(a));
}

export function i32_trunc_sat_f64_u(x: number): number {
  if (x !== x || x <= -1) return 0;
  if (x >= TWO32) return -1;
  return x | 0;
}

export function i32_trunc_sat_f32_u(a: number): number {
  return i32_trunc_sat_f64_u(f32Value(a));
}

export function i64_trunc_sat_f64_s(x: number): bigint {
  if (x !== x) return 0n;
  if (x <= -TWO63) return I64_MIN;
  if (x >= TWO63) return I64_MAX;
  return BigInt(Math.trunc(x));
}

export function i64_trunc_sat_f32_s(a: number): bigint {
  return i64_trunc_sat_f64_s(f32Value(a));
}

export function i64_trunc_sat_f64_u(x: number): bigint {
  if (x !== x || x <= -1) return 0n;
  if (x >= TWO64) return -1n;
  return BigInt.asIntN(64, BigInt(Math.trunc(x)));
}

export function i64_trunc_sat_f32_u(a: number): bigint {
  return i64_trunc_sat_f64_u(f32Value(a));
}

// --- Integer to float. ---
// An int32 is an exact double, so one rounding (to binary32 by the typed-array
// store) is correct. A 64-bit integer is not: rounding it to binary64 and then
// to binary32 can round twice the wrong way (e.g. 2^60 + 2^36 + 1).

export function f32_convert_i32_s(a: number): number {
  return f32Bits(a);
}

export function f32_convert_i32_u(a: number): number {
  return f32Bits(a >>> 0);
}

export function f32_convert_i64_s(a: bigint): number {
  return a < 0n ? f32Bits(-stickyDouble(-a)) : f32Bits(stickyDouble(a));
}

export function f32_convert_i64_u(a: bigint): number {
  return f32Bits(stickyDouble(BigInt.asUintN(64, a)));
}

/**
 * A double that rounds to binary32 exactly as the integer `magnitude` < 2^64
 * does. Below 2^53 it is the integer itself. Above, the low 11 bits (which a
 * double cannot hold) are folded into one sticky bit: bit 11 is far below the
 * binary32 rounding position (bit 29 or higher), and it records whether
 * anything was discarded, which is all that round-to-nearest-even needs to
 * know. The result, a 53-bit integer times 2^11, is an exact double.
 */
function stickyDouble(magnitude: bigint): number {
  if (magnitude < TWO53N) return Number(magnitude);
  const sticky = (magnitude & 0x7ffn) === 0n ? 0n : 1n;
  return Number((magnitude >> 11n) | sticky) * 2048;
}

/** Number(bigint) rounds to nearest, ties to even (ECMAScript 21.1.1.1 Number ( value )). */
export function f64_convert_i64_s(a: bigint): number {
  return Number(a);
}

export function f64_convert_i64_u(a: bigint): number {
  return Number(BigInt.asUintN(64, a));
}

// --- Between float widths: NaNs follow the canonical/arithmetic rule. ---

export function f32_demote_f64(x: number): number {
  return x === x ? f32Bits(x) : demoteNaN(x);
}

export function f64_promote_f32(a: number): number {
  const x = f32Value(a);
  return x === x ? x : promoteNaN(a);
}

// --- Reinterpretation: the representations already are the bits. ---

export function i32_reinterpret_f32(a: number): number {
  return a;
}

export function f32_reinterpret_i32(a: number): number {
  return a;
}

export function i64_reinterpret_f64(x: number): bigint {
  scratchF64[0] = x;
  return scratchI64[0]!;
}

export { f64Value as f64_reinterpret_i64 } from './scratch.js';
