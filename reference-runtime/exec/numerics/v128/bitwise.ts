// Whole-vector bitwise instructions (spec 4.4.3.4, "vvunop", "vvbinop",
// "vvternop", "vvtestop"): they see the 128 bits, not lanes.
import type { V128 } from './bytes.js';

function bytewise(a: V128, b: V128, f: (x: number, y: number) => number): V128 {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) r[i] = f(a[i]!, b[i]!);
  return r;
}

export function not(a: V128): V128 {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) r[i] = ~a[i]!;
  return r;
}

export const and = (a: V128, b: V128): V128 => bytewise(a, b, (x, y) => x & y);
export const andnot = (a: V128, b: V128): V128 => bytewise(a, b, (x, y) => x & ~y);
export const or = (a: V128, b: V128): V128 => bytewise(a, b, (x, y) => x | y);
export const xor = (a: V128, b: V128): V128 => bytewise(a, b, (x, y) => x ^ y);

/** Bits of `a` where the mask `c` is 1, bits of `b` where it is 0. */
export function bitselect(a: V128, b: V128, c: V128): V128 {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) r[i] = (a[i]! & c[i]!) | (b[i]! & ~c[i]!);
  return r;
}

/** 1 if any bit is set. */
export function anyTrue(a: V128): number {
  for (let i = 0; i < 16; i++) if (a[i] !== 0) return 1;
  return 0;
}
