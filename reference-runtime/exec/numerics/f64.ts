// f64 operations (spec 4.3.3) on the interpreter's representation: a JS
// double, whose bits (NaN payloads included) survive moves and typed-array
// stores. JS arithmetic is IEEE binary64 with round-to-nearest-even, so
// non-NaN results are exact; NaN results are built by `nan.ts` by the spec's
// rule. abs, neg and copysign act on the sign bit through the scratch buffer,
// never through JS `-x` / Math.abs, which need not preserve NaN bits.

import { HI, scratchF64, scratchI32 } from './scratch.js';
import { nan64, nan64of2 } from './nan.js';
// the operations the interpreter also runs inline, generated from exec/ops.ts
export * from './f64.generated.js';

const TWO52 = 2 ** 52;

export function abs(a: number): number {
  scratchF64[0] = a;
  scratchI32[HI] = scratchI32[HI]! & 0x7fffffff;
  return scratchF64[0]!;
}

export function neg(a: number): number {
  scratchF64[0] = a;
  scratchI32[HI] = scratchI32[HI]! ^ 0x80000000;
  return scratchF64[0]!;
}

export function copysign(a: number, b: number): number {
  scratchF64[0] = b;
  const sign = scratchI32[HI]! & 0x80000000;
  scratchF64[0] = a;
  scratchI32[HI] = (scratchI32[HI]! & 0x7fffffff) | sign;
  return scratchF64[0]!;
}

// Math.ceil/floor/trunc are exact, leave integers (and ±inf) unchanged and
// keep the sign of a zero result (ceil(-0.5) is -0).
export function ceil(a: number): number {
  const r = Math.ceil(a);
  return r === r ? r : nan64(a);
}

export function floor(a: number): number {
  const r = Math.floor(a);
  return r === r ? r : nan64(a);
}

export function trunc(a: number): number {
  const r = Math.trunc(a);
  return r === r ? r : nan64(a);
}

/** Round to nearest integer, ties to even (Math.round rounds ties up, so it is not used). */
export function nearest(a: number): number {
  if (a !== a) return nan64(a);
  const magnitude = Math.abs(a);
  // From 2^52 on every double is an integer; zeros return as they are, keeping -0.
  if (magnitude >= TWO52 || magnitude === 0) return a;
  // Adding 2^52 leaves no fraction bits, so the hardware's ties-to-even rounding does the work.
  const rounded = magnitude + TWO52 - TWO52;
  return a < 0 ? -rounded : rounded;
}

export function sqrt(a: number): number {
  const r = Math.sqrt(a);
  return r === r ? r : nan64(a);
}

// Math.min/max order -0 below +0 (ECMAScript 21.3.2.24-25) and yield NaN if
// either operand is NaN; that NaN is then replaced by the spec's rule.
export function min(a: number, b: number): number {
  const r = Math.min(a, b);
  return r === r ? r : nan64of2(a, b);
}

export function max(a: number, b: number): number {
  const r = Math.max(a, b);
  return r === r ? r : nan64of2(a, b);
}
