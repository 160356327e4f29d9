// A function lowered for the interpreter loop (see compile.ts).
export interface Compiled {
  /** The flat instruction stream: an Op, then its immediates, repeated. */
  code: Int32Array;
  nparams: number;
  /** parameters plus declared locals: the slots a frame starts with */
  nlocals: number;
  nresults: number;
  /** the most slots the frame ever uses (locals + deepest operand stack) */
  maxHeight: number;
}
