// i32 operations (spec 4.3.2) on the interpreter's representation: a JS
// number holding a signed int32. Unsigned views use `>>> 0`; no BigInt here.
// Comparisons return 0 or 1. Every export is an instruction: `index.ts`
// builds the dispatch table from this module's exports.

import { Trap } from '../../errors.js';

export function clz(a: number): number {
  return Math.clz32(a);
}

export function ctz(a: number): number {
  // a & -a isolates the lowest set bit; its position is 31 minus its clz.
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}

export function popcnt(a: number): number {
  let v = a - ((a >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function add(a: number, b: number): number {
  return (a + b) | 0;
}

export function sub(a: number, b: number): number {
  return (a - b) | 0;
}

export function mul(a: number, b: number): number {
  return Math.imul(a, b);
}

// Division in doubles is exact enough: a non-integral quotient of 32-bit
// operands lies at least 1/|b| from an integer, far more than its rounding
// error, so truncation by `| 0` yields the exact integer quotient.
export function div_s(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  if (a === -0x80000000 && b === -1) throw new Trap('integer overflow');
  return (a / b) | 0;
}

export function div_u(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  return ((a >>> 0) / (b >>> 0)) | 0;
}

// JS `%` on integers is exact and takes the dividend's sign, like rem_s;
// `| 0` turns a -0 result (e.g. MIN % -1) into 0.
export function rem_s(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  return (a % b) | 0;
}

export function rem_u(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  return ((a >>> 0) % (b >>> 0)) | 0;
}

export function and(a: number, b: number): number {
  return a & b;
}

export function or(a: number, b: number): number {
  return a | b;
}

export function xor(a: number, b: number): number {
  return a ^ b;
}

// JS shift operators already take the count modulo 32, as wasm does.
export function shl(a: number, b: number): number {
  return a << b;
}

export function shr_s(a: number, b: number): number {
  return a >> b;
}

export function shr_u(a: number, b: number): number {
  return (a >>> b) | 0;
}

export function rotl(a: number, b: number): number {
  return (a << b) | (a >>> -b);
}

export function rotr(a: number, b: number): number {
  return (a >>> b) | (a << -b);
}

export function eqz(a: number): number {
  return a === 0 ? 1 : 0;
}

export function eq(a: number, b: number): number {
  return a === b ? 1 : 0;
}

export function ne(a: number, b: number): number {
  return a !== b ? 1 : 0;
}

export function lt_s(a: number, b: number): number {
  return a < b ? 1 : 0;
}

export function lt_u(a: number, b: number): number {
  return a >>> 0 < b >>> 0 ? 1 : 0;
}

export function gt_s(a: number, b: number): number {
  return a > b ? 1 : 0;
}

export function gt_u(a: number, b: number): number {
  return a >>> 0 > b >>> 0 ? 1 : 0;
}

export function le_s(a: number, b: number): number {
  return a <= b ? 1 : 0;
}

export function le_u(a: number, b: number): number {
  return a >>> 0 <= b >>> 0 ? 1 : 0;
}

export function ge_s(a: number, b: number): number {
  return a >= b ? 1 : 0;
}

export function ge_u(a: number, b: number): number {
  return a >>> 0 >= b >>> 0 ? 1 : 0;
}

export function extend8_s(a: number): number {
  return (a << 24) >> 24;
}

export function extend16_s(a: number): number {
  return (a << 16) >> 16;
}
