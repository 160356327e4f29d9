// A function lowered for the interpreter loop (see compile.ts).
import type { Instr } from '../syntax/instructions.js';
import type { Tier2Code } from './tier2/tier2.js';

export interface Compiled {
  /** The flat instruction stream: an Op, then its immediates, repeated. */
  code: Int32Array;
  nparams: number;
  /** parameters plus declared locals: the slots a frame starts with */
  nlocals: number;
  nresults: number;
  /** the most slots the frame ever uses (locals + deepest operand stack) */
  maxHeight: number;
  /**
   * The try_table catch clauses, HANDLER_ROW words each, in search order
   * (innermost try_table first, then clause order): [start, end, tag index
   * (-1: catch_all), 1 if the exnref is pushed too, target, height].
   * The clause covers the instructions that end at a pc in (start, end]: a
   * frame's saved pc is just after its call, and a throw's just after it.
   */
  handlers: Int32Array;
  /** the loops with an Op.LoopHead, by its index immediate (tier 2 enters there) */
  loops: Instr[];
  /** the function in tier 2, once translated (tier2/tier2.ts) */
  tier2: Tier2Code | null;
  /** calls left before it is translated */
  heat: number;
}

export const HANDLER_ROW = 6;
