// f32 operations (spec 4.3.3) on the interpreter's representation: the IEEE
// bits as a signed int32. Values are widened to JS doubles (exact) to compute.
//
// Arithmetic computes in binary64 and rounds once to binary32 (the store into
// a Float32Array). For + - * / and sqrt this double rounding is innocuous:
// binary64 has p = 53 >= 2*24 + 2 bits, and by the double-rounding theorem
// (Figueroa 1995) rounding the exactly rounded binary64 result to binary32
// equals rounding the exact result to binary32 directly.
//
// NaN results never come from the hardware: `nan.ts` builds them by the
// spec's rule. abs, neg and copysign act on the sign bit only, NaNs included.

import { f32Bits, f32Value } from './scratch.js';
import { isNaN32, nan32, nan32of2 } from './nan.js';
// the operations the interpreter also runs inline, generated from exec/ops.ts
export * from './f32.generated.js';

const TWO52 = 2 ** 52;
/** Smallest exponent field from which every f32 is an integer (or inf/NaN): 2^23. */
const INTEGRAL_EXPONENT_BITS = (127 + 23) << 23;

export function abs(a: number): number {
  return a & 0x7fffffff;
}

export function neg(a: number): number {
  return a ^ 0x80000000;
}

export function copysign(a: number, b: number): number {
  return (a & 0x7fffffff) | (b & 0x80000000);
}

/** The shared path of ceil, floor, trunc: NaN by the rule, integers unchanged (keeps -0 and huge values). */
function roundToIntegral(a: number, round: (x: number) => number): number {
  if ((a & 0x7f800000) >= INTEGRAL_EXPONENT_BITS) return isNaN32(a) ? nan32(a) : a;
  // Math.ceil/floor/trunc are exact and keep the sign of a zero result (ceil(-0.5) is -0).
  return f32Bits(round(f32Value(a)));
}

export function ceil(a: number): number {
  return roundToIntegral(a, Math.ceil);
}

export function floor(a: number): number {
  return roundToIntegral(a, Math.floor);
}

export function trunc(a: number): number {
  return roundToIntegral(a, Math.trunc);
}

export function nearest(a: number): number {
  return roundToIntegral(a, nearestDouble);
}

/** Round to the nearest integer, ties to even, for |x| < 2^52 (exact for every f32 below 2^23). */
function nearestDouble(x: number): number {
  const magnitude = Math.abs(x);
  // Adding 2^52 leaves no fraction bits, so the hardware's ties-to-even rounding does the work.
  const rounded = magnitude + TWO52 - TWO52;
  // The sign is restored explicitly so that -0.4 gives -0.
  return x < 0 || Object.is(x, -0) ? -rounded : rounded;
}

export function sqrt(a: number): number {
  const r = Math.sqrt(f32Value(a));
  return r === r ? f32Bits(r) : nan32(a);
}

// min and max return one operand's bits. Equal non-zero operands have equal
// bits; for ±0 the sign bits combine: min is -0 if either is, max +0 if either is.
export function min(a: number, b: number): number {
  const x = f32Value(a);
  const y = f32Value(b);
  if (x < y) return a;
  if (y < x) return b;
  if (x === y) return a | b;
  return nan32of2(a, b);
}

export function max(a: number, b: number): number {
  const x = f32Value(a);
  const y = f32Value(b);
  if (x > y) return a;
  if (y > x) return b;
  if (x === y) return a & b;
  return nan32of2(a, b);
}
