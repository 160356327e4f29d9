// The typing rule as a question, for module generators: given the function
// being built (context, locals, results) and its current type stack, is an
// instruction valid next, and what does it consume and produce? Answers are
// computed on a copy, so the caller's stack is left as it was.
import { ValidationError } from '../errors.js';
import type { Instr } from '../syntax/instructions.js';
import { typeInstr, type FuncEnv } from './instr-type.js';
import { TypeStack, type FrameKind, type OperandType } from './type-stack.js';

export interface InstrEffect {
  /** operand types taken from the stack, bottom first (`unknown` where a polymorphic stack supplied them) */
  popped: OperandType[];
  /** result types left on the stack, bottom first */
  pushed: OperandType[];
  /** the rest of the block becomes unreachable (br, br_table, return, unreachable) */
  unreachable: boolean;
  /** block, loop, if and try_table open a frame: `pushed` are then its parameters, inside it */
  enters?: FrameKind;
}

/** A TypeStack that remembers what was popped below the values it started with. */
class RecordingStack extends TypeStack {
  readonly popped: OperandType[] = [];
  /** height below which the values are the caller's, untouched */
  floor = 0;
  /** the instruction ended the reachable part of its block */
  madeUnreachable = false;

  start(base: TypeStack): void {
    this.copyFrom(base);
    this.floor = this.vals.length;
  }

  override popVal(): OperandType {
    const before = this.vals.length;
    const t = super.popVal();
    if (before <= this.floor) {
      // Consumed a value the caller's stack held (or an `unknown` from below a polymorphic frame).
      this.floor = this.vals.length;
      this.popped.unshift(t);
    }
    return t;
  }

  override setUnreachable(): void {
    super.setUnreachable();
    this.madeUnreachable = true;
  }
}

/** The effect of `ins` on `stack`; throws ValidationError when it is not valid there. */
export function instrEffect(env: FuncEnv, stack: TypeStack, ins: Instr): InstrEffect {
  const probe = new RecordingStack();
  probe.start(stack);
  const depth = stack.ctrlDepth;
  typeInstr(env, probe, ins);
  const entered = probe.ctrlDepth > depth;
  const pushed = probe.vals.slice(Math.min(probe.floor, probe.vals.length));
  const effect: InstrEffect = { popped: probe.popped, pushed, unreachable: probe.madeUnreachable };
  if (entered) effect.enters = probe.top().kind;
  return effect;
}

/** Whether `ins` may come next; never throws for invalid instructions. */
export function isValidNext(env: FuncEnv, stack: TypeStack, ins: Instr): boolean {
  try {
    instrEffect(env, stack, ins);
    return true;
  } catch (e) {
    if (e instanceof ValidationError) return false;
    throw e;
  }
}
