// The one value stack of the interpreter: STACK_SLOTS slots of 16 bytes in a
// single ArrayBuffer, viewed per type (a slot i holds an i32/f32 bit pattern
// at I32[4i], an i64/f64 at words 4i and 4i+1, a v128 in all four words), with
// references in a parallel JS array. Every frame's locals and operands live
// here; calls move no arguments (the callee's frame starts at its arguments).
import { STACK_SLOTS } from '../runtime/limits.js';

const buffer = new ArrayBuffer(STACK_SLOTS * 16);
export const I32 = new Int32Array(buffer);
export const F32 = new Float32Array(buffer);
export const F64 = new Float64Array(buffer);
export const I64 = new BigInt64Array(buffer);
export const U8 = new Uint8Array(buffer);
export const U64 = new BigUint64Array(buffer);
export const REFS: unknown[] = new Array<unknown>(STACK_SLOTS).fill(null);

/** Copies `n` whole slots (words and references) from `src` to `dst` (dst <= src). */
export function moveSlots(dst: number, src: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const d = (dst + i) << 2;
    const s = (src + i) << 2;
    I32[d] = I32[s]!;
    I32[d + 1] = I32[s + 1]!;
    I32[d + 2] = I32[s + 2]!;
    I32[d + 3] = I32[s + 3]!;
    REFS[dst + i] = REFS[src + i];
  }
}

/**
 * Drops the references left in the slots from `sp` up, so that the GC objects
 * a finished invocation made are not kept alive by stale slots: up to the
 * first GAP slots in a row that hold none (frames null their locals on entry,
 * so a longer run of nulls is rare above the used part of the stack).
 */
export function releaseRefsAbove(sp: number): void {
  const GAP = 4096;
  for (let s = sp, run = 0; s < STACK_SLOTS && run < GAP; s++) {
    if (REFS[s] === null) run++;
    else {
      REFS[s] = null;
      run = 0;
    }
  }
}
