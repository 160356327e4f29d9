// The operand and control stacks of the validation algorithm in the spec's
// appendix (7.3). After `unreachable`, `br`, `br_table` and `return` the rest of
// a block is stack-polymorphic: popping below the frame's height yields the
// `unknown` type, which matches any expectation.
import { ValidationError } from '../errors.js';
import type { ValType } from '../syntax/types.js';

export type OperandType = ValType | 'unknown';

export type FrameKind = 'func' | 'block' | 'loop' | 'if' | 'else' | 'try_table';

export interface CtrlFrame {
  kind: FrameKind;
  start: readonly ValType[];
  end: readonly ValType[];
  /** operand stack height when the frame was entered (after its parameters were popped) */
  height: number;
  unreachable: boolean;
}

export function typeMismatch(): ValidationError {
  return new ValidationError('type mismatch');
}

/** The reference interpreter's wording when an instruction's operands are not on the stack (a few tests name it in full). */
function operandMismatch(required: readonly OperandType[], found: readonly OperandType[]): ValidationError {
  const list = (ts: readonly OperandType[]) => `[${ts.map((t) => (t === 'unknown' ? 'bot' : t)).join(' ')}]`;
  return new ValidationError(`type mismatch: instruction requires ${list(required)} but stack has ${list(found)}`);
}

export class TypeStack {
  readonly vals: OperandType[] = [];
  /** Frames are pooled: `ctrls[0..depth)` are live, the rest are kept for reuse. */
  private readonly ctrls: CtrlFrame[] = [];
  private depth = 0;

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
    if (actual !== expect && actual !== 'unknown' && expect !== 'unknown') throw typeMismatch();
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
      if (actual !== expect && actual !== 'unknown' && expect !== 'unknown') return false;
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
      frame = { kind, start, end, height: 0, unreachable: false };
      this.ctrls.push(frame);
    }
    frame.kind = kind;
    frame.start = start;
    frame.end = end;
    frame.height = this.vals.length;
    frame.unreachable = false;
    this.depth++;
    this.pushVals(start);
  }

  /** Leaves the innermost frame; the returned object is only valid until the next pushCtrl. */
  popCtrl(): CtrlFrame {
    const frame = this.top();
    this.popVals(frame.end);
    if (this.vals.length !== frame.height) throw typeMismatch();
    this.depth--;
    return frame;
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
    return this;
  }
}
