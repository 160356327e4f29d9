// The one value stack of the interpreter: STACK_SLOTS slots of 16 bytes in a
// single ArrayBuffer, viewed per type (a slot i holds an i32/f32 bit pattern
// at I32[4i], an i64/f64 at words 4i and 4i+1, a v128 in all four words), with
// references in a parallel JS array. Every frame's locals and operands live
// here; calls move no arguments (the callee's frame starts at its arguments).
import { STACK_SLOTS } from '../runtime/limits.js';

// Empty until the first call into the machine (ensureStack): importing the
// interpreter, as every wasmdiff command does, allocates none of its 16 MB.
// The views are live bindings, so every module sees them once allocated.
export let I32 = new Int32Array(0);
export let F32 = new Float32Array(0);
export let F64 = new Float64Array(0);
export let I64 = new BigInt64Array(0);
export let U64 = new BigUint64Array(0);
export let U8 = new Uint8Array(0);
export let REFS: unknown[] = [];

/** References slots at first: programs rarely go deeper, and filling all STACK_SLOTS takes ~10 ms. */
const FIRST_REFS = 1 << 16;

/**
 * Allocates the stack on first use; every entry into the machine (invoke.ts,
 * machine.ts) calls it first. The words are one ArrayBuffer at once (its
 * pages are zeroed lazily by the OS); the references array grows in place
 * (growRefs), so every alias of REFS stays valid.
 */
export function ensureStack(): void {
  if (I32.length !== 0) return;
  const buffer = new ArrayBuffer(STACK_SLOTS * 16);
  I32 = new Int32Array(buffer);
  F32 = new Float32Array(buffer);
  F64 = new Float64Array(buffer);
  I64 = new BigInt64Array(buffer);
  U64 = new BigUint64Array(buffer);
  U8 = new Uint8Array(buffer);
  REFS = new Array<unknown>(FIRST_REFS).fill(null);
}

/** Makes slots below `end` (at most STACK_SLOTS, which the callers' exhaustion checks keep) hold references. */
export function growRefs(end: number): void {
  const from = REFS.length;
  if (end <= from) return;
  const to = Math.min(STACK_SLOTS, Math.max(end, from * 2));
  REFS.length = to;
  REFS.fill(null, from, to);
}

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
  for (let s = sp, run = 0; s < REFS.length && run < GAP; s++) {
    if (REFS[s] === null) run++;
    else {
      REFS[s] = null;
      run = 0;
    }
  }
}
