// Reference semantics of the float operations that f32 and f64 share, on JS
// doubles, written independently of the implementations (f32.ts, f64.ts): the
// f32 test rounds their exact results once with Math.fround, the f64 test
// takes them as they are. NaN results are only recognised here; which NaN the
// implementation must give is each test's rule.
import type fc from 'fast-check';
import { opChecks } from './op-properties.js';

/** Round half to even, built from floor (independent of the implementation's 2^52 trick). */
function nearestRef(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const fl = Math.floor(x);
  const diff = x - fl;
  const r = diff < 0.5 ? fl : diff > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

/** Spec fmin/fmax on non-NaN operands: -0 is below +0. */
const isNeg0 = (x: number): boolean => Object.is(x, -0);
const minRef = (a: number, b: number): number =>
  Number.isNaN(a) || Number.isNaN(b) ? NaN : a === 0 && b === 0 ? (isNeg0(a) || isNeg0(b) ? -0 : 0) : a < b ? a : b;
const maxRef = (a: number, b: number): number =>
  Number.isNaN(a) || Number.isNaN(b) ? NaN : a === 0 && b === 0 ? (isNeg0(a) && isNeg0(b) ? -0 : 0) : a > b ? a : b;

export const FLOAT_UNARY: Readonly<Record<string, (x: number) => number>> = {
  ceil: Math.ceil, floor: Math.floor, trunc: Math.trunc, sqrt: Math.sqrt, nearest: nearestRef,
};
export const FLOAT_BINARY: Readonly<Record<string, (x: number, y: number) => number>> = {
  add: (x, y) => x + y, sub: (x, y) => x - y, mul: (x, y) => x * y, div: (x, y) => x / y, min: minRef, max: maxRef,
};
export const FLOAT_COMPARE: Readonly<Record<string, (x: number, y: number) => boolean>> = {
  eq: (x, y) => x === y, ne: (x, y) => x !== y, lt: (x, y) => x < y, gt: (x, y) => x > y, le: (x, y) => x <= y, ge: (x, y) => x >= y,
};

/**
 * The rows of the f32 or f64 property test (opChecks): `arithmetic` checks an
 * operation of FLOAT_UNARY or FLOAT_BINARY, `comparison` one of FLOAT_COMPARE.
 */
export function floatChecks<T>(
  operand: fc.Arbitrary<T>,
  arithmetic: (name: string, reference: (...xs: number[]) => number, operands: T[]) => boolean | void,
  comparison: (name: string, reference: (...xs: number[]) => boolean, operands: T[]) => boolean | void,
): [string, () => void][] {
  return [...opChecks([[FLOAT_UNARY, 1], [FLOAT_BINARY, 2]], operand, 3000, arithmetic), ...opChecks([[FLOAT_COMPARE, 2]], operand, 1000, comparison)];
}
