// i32 operations (spec 4.3.2) on the interpreter's representation: a JS
// number holding a signed int32. Unsigned views use `>>> 0`; no BigInt here.
// Comparisons return 0 or 1. Every export is an instruction: `index.ts`
// builds the dispatch table from this module's exports.

// the operations the interpreter also runs inline, generated from exec/ops.ts
export * from './i32.generated.js';

export function popcnt(a: number): number {
  let v = a - ((a >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
