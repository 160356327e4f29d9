// The operand and control stacks of the validation algorithm in the spec's
// appendix (7.3). After `unreachable`, `br`, `br_table` and `return` the rest of
// a block is stack-polymorphic: popping below the frame's height yields the
// `unknown` type, which matches any expectation.
//
// 3.0: operands match expectations by subtyping (on closed types, so numeric
// types still compare by `===` and only differing references reach
// `refMatches`). A reference instruction that finds `unknown` where it needs
// a reference types it as the interpreter's `(ref bot)`, which matches every
// reference type and nothing else. The stack also tracks which
// non-defaultable locals are set (local_init.wast): a `local.set` counts
// until the end of the block it is in.
import { ValidationError } from '../errors.js';
import { isRefType, type ValType } from '../syntax/types.js';
import { refMatches } from '../types/subtype.js';

/** The bottom reference type `(ref bot)`: a reference instruction's view of an unknown operand. */
export const REF_BOT = 'ref bot';

export type OperandType = ValType | 'unknown' | typeof REF_BOT;

/** Whether an operand of type `actual` may be used where `expect` is required (both closed). */
export function operandMatches(actual: OperandType, expect: OperandType): boolean {
  if (actual === expect || actual === 'unknown' || expect === 'unknown') return true;
  if (actual === REF_BOT) return expect !== REF_BOT && isRefType(expect);
  if (expect === REF_BOT) return false;
  return isRefType(actual) && isRefType(expect) && refMatches(actual, expect);
}

export type FrameKind = 'func' | 'block' | 'loop' | 'if' | 'else' | 'try_table';

export interface CtrlFrame {
  kind: FrameKind;
  start: readonly ValType[];
  end: readonly ValType[];
  /** operand stack height when the frame was entered (after its parameters were popped) */
  height: number;
  unreachable: boolean;
  /** length of the local-initialisation log when the frame was entered */
  initMark: number;
}

export function typeMismatch(): ValidationError {
  return new ValidationError('type mismatch');
}

/** The reference interpreter's wording when an instruction's operands are not on the stack (a few tests name it in full). */
function operandMismatch(required: readonly OperandType[], found: readonly OperandType[]): ValidationError {
  const list = (ts: readonly OperandType[]) => `[${ts.map((t) => (t === 'unknown' ? 'bot' : t === REF_BOT ? '(ref bot)' : t)).join(' ')}]`;
  return new ValidationError(`type mismatch: instruction requires ${list(required)} but stack has ${list(found)}`);
}

export class TypeStack {
  readonly vals: OperandType[] = [];
  /** Frames are pooled: `ctrls[0..depth)` are live, the rest are kept for reuse. */
  private readonly ctrls: CtrlFrame[] = [];
  private depth = 0;
  /** per local, 1 while a non-defaultable local is unset; absent when the function has none (every 2.0 function) */
  private unset: Uint8Array | undefined;
  /** locals set since function entry, in order; a frame undoes its part at its end */
  private readonly initLog: number[] = [];

  /** Number of live control frames (labels in scope). */
  get ctrlDepth(): number {
    return this.depth;
  }

  pushVal(t: OperandType): void {
    this.vals.push(t);
  }

  popVal(): OperandType {
    const frame = this.top();
    if (this.vals.length === frame.height) {
      if (frame.unreachable) return 'unknown';
      throw typeMismatch();
    }
    return this.vals.pop()!;
  }

  popExpect(expect: OperandType): OperandType {
    const actual = this.popVal();
    if (actual !== expect && !operandMatches(actual, expect)) throw typeMismatch();
    return actual;
  }

  popVals(types: readonly OperandType[]): void {
    if (!this.topMatches(types)) throw operandMismatch(types, this.topOperands(types.length));
    for (let i = types.length - 1; i >= 0; i--) this.popExpect(types[i]!);
  }

  /** Whether popping `types` would succeed (checked first, so that a failure can show the whole operand list). */
  private topMatches(types: readonly OperandType[]): boolean {
    const frame = this.top();
    const n = types.length;
    const avail = this.vals.length - frame.height;
    if (avail < n && !frame.unreachable) return false;
    for (let j = 0; j < n && j < avail; j++) {
      const actual = this.vals[this.vals.length - 1 - j]!;
      const expect = types[n - 1 - j]!;
      if (actual !== expect && !operandMatches(actual, expect)) return false;
    }
    return true;
  }

  /** The top `n` operands of the current frame as the interpreter shows them: `unknown` filling in below a polymorphic stack. */
  private topOperands(n: number): OperandType[] {
    const frame = this.top();
    const avail = this.vals.length - frame.height;
    const shown = this.vals.slice(this.vals.length - Math.min(n, avail));
    return frame.unreachable && avail < n ? [...new Array<OperandType>(n - avail).fill('unknown'), ...shown] : shown;
  }

  pushVals(types: readonly OperandType[]): void {
    for (let i = 0; i < types.length; i++) this.vals.push(types[i]!);
  }

  /**
   * What the `n`-th pop from now (0 = the next) would yield, without popping:
   * `unknown` below the frame of a polymorphic stack, undefined when that pop would fail.
   */
  peek(n = 0): OperandType | undefined {
    const frame = this.top();
    const i = this.vals.length - 1 - n;
    if (i >= frame.height) return this.vals[i];
    return frame.unreachable ? 'unknown' : undefined;
  }

  pushCtrl(kind: FrameKind, start: readonly ValType[], end: readonly ValType[]): void {
    let frame = this.ctrls[this.depth];
    if (frame === undefined) {
      frame = { kind, start, end, height: 0, unreachable: false, initMark: 0 };
      this.ctrls.push(frame);
    }
    frame.kind = kind;
    frame.start = start;
    frame.end = end;
    frame.height = this.vals.length;
    frame.unreachable = false;
    frame.initMark = this.initLog.length;
    this.depth++;
    this.pushVals(start);
  }

  /** Leaves the innermost frame; the returned object is only valid until the next pushCtrl. */
  popCtrl(): CtrlFrame {
    const frame = this.top();
    this.popVals(frame.end);
    if (this.vals.length !== frame.height) throw typeMismatch();
    if (this.initLog.length > frame.initMark) this.undoInits(frame.initMark);
    this.depth--;
    return frame;
  }

  /**
   * Starts a function's local-initialisation state: `unset[x]` is 1 for each
   * non-defaultable declared local (the array is the stack's from now on);
   * undefined when there is none.
   */
  startLocals(unset: Uint8Array | undefined): void {
    this.unset = unset;
    if (this.initLog.length !== 0) this.initLog.length = 0;
  }

  /** Whether local `x` may be read: defaultable, or set earlier in an enclosing block. */
  localIsSet(x: number): boolean {
    return this.unset === undefined || this.unset[x] !== 1;
  }

  /** `local.set` / `local.tee` of `x`: set from here to the end of the current block. */
  setLocal(x: number): void {
    if (this.unset !== undefined && this.unset[x] === 1) {
      this.unset[x] = 0;
      this.initLog.push(x);
    }
  }

  private undoInits(mark: number): void {
    while (this.initLog.length > mark) this.unset![this.initLog.pop()!] = 1;
  }

  /** The types a branch to label `n` carries ("unknown label" when there is none). */
  labelTypes(n: number): readonly ValType[] {
    if (!(n >= 0 && n < this.depth)) throw new ValidationError(`unknown label ${n}`);
    const frame = this.ctrls[this.depth - 1 - n]!;
    return frame.kind === 'loop' ? frame.start : frame.end;
  }

  /** The innermost frame. */
  top(): CtrlFrame {
    if (this.depth === 0) throw typeMismatch();
    return this.ctrls[this.depth - 1]!;
  }

  /** The rest of the current block is unreachable: its operand stack becomes polymorphic. */
  setUnreachable(): void {
    const frame = this.top();
    this.vals.length = frame.height;
    frame.unreachable = true;
  }

  /** An independent copy, for trying an instruction without committing to it. */
  clone(): TypeStack {
    return new TypeStack().copyFrom(this);
  }

  /** Makes this stack a copy of `other` (vals and live frames); returns this. */
  copyFrom(other: TypeStack): this {
    this.vals.length = 0;
    this.vals.push(...other.vals);
    this.ctrls.length = 0;
    for (let i = 0; i < other.depth; i++) this.ctrls.push({ ...other.ctrls[i]! });
    this.depth = other.depth;
    this.unset = other.unset?.slice();
    this.initLog.length = 0;
    this.initLog.push(...other.initLog);
    return this;
  }
}
