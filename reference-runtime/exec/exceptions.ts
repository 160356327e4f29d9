// Throwing and catching exceptions (exception handling, spec 4.4.8): the cold
// half of throw, throw_ref and try_table, which the loop (machine.ts) calls
// only when an exception is thrown. The loop's frame stack is searched from
// the throwing frame down: in each frame, the first handler row (compiled.ts)
// whose code range holds the frame's pc and whose tag matches catches it.
// Tags match by identity: an imported tag is the exporter's TagInstance.
import { readCell, writeCell } from '../runtime/cell.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { ExnInstance, type TagInstance } from '../runtime/tag.js';
import { HANDLER_ROW, type Compiled } from './compiled.js';
import { I32, REFS } from './stack.js';

/** The handler rows of every compiled function that has any, by its code. */
const handlersByCode = new WeakMap<Int32Array, Int32Array>();

/** Makes a compiled function's try_tables visible to the search. */
export function registerHandlers(c: Compiled): void {
  if (c.handlers.length > 0) handlersByCode.set(c.code, c.handlers);
}

/** The exception `throw` makes: the tag and its fields, the top values of the stack (the caller pops them). */
export function exnOf(tag: TagInstance, sp: number): ExnInstance {
  const params = tag.type.params;
  const base = sp - params.length;
  return new ExnInstance(
    tag,
    params.map((t, i) => readCell(t, I32, REFS[base + i], (base + i) << 2)),
  );
}

/** The machine's saved frames: frame d's code, pc (just after its last instruction run), frame base and instance. */
export interface Frames {
  code: Int32Array[];
  pc: Int32Array;
  fp: Int32Array;
  inst: ModuleInstance[];
}

/** Where the last successful search left the stack top. */
export const caught = { sp: 0 };

/**
 * Searches frames `depth` down to `low + 1` for a handler of `exn`. On a
 * match, pushes what the clause delivers (the fields, the exnref, or both) at
 * its label's height, sets that frame's pc to the label's target and
 * `caught.sp`, and returns the frame; -1 when no frame catches it.
 */
export function findHandler(exn: ExnInstance, frames: Frames, depth: number, low: number): number {
  for (let d = depth; d > low; d--) {
    const rows = handlersByCode.get(frames.code[d]!);
    if (rows === undefined) continue;
    const pc = frames.pc[d]!;
    for (let r = 0; r < rows.length; r += HANDLER_ROW) {
      if (!(rows[r]! < pc && pc <= rows[r + 1]!)) continue;
      const tag = rows[r + 2]!;
      if (tag >= 0 && frames.inst[d]!.tags[tag] !== exn.tag) continue;
      let sp = frames.fp[d]! + rows[r + 5]!;
      if (tag >= 0) for (const v of exn.fields) sp = push(sp, writeCell(v, I32, sp << 2));
      if (rows[r + 3] === 1) sp = push(sp, exn);
      frames.pc[d] = rows[r + 4]!;
      caught.sp = sp;
      return d;
    }
  }
  return -1;
}

function push(sp: number, ref: unknown): number {
  REFS[sp] = ref;
  return sp + 1;
}
