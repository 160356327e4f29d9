// The emitter of compile.ts with a peephole pass: as instructions are
// appended it merges the common short sequences into the fused instructions
// of fused.ts (`local.get a; i32.const c; i32.add` becomes one I32AddLC a c,
// a compare followed by br_if becomes one compare-and-branch, a loop counter's
// `local.tee (i32.add ...)` with its compare and br_if one IncBr, a commutative
// operator takes a local.get that precedes its other operand, and so on), so
// the loop dispatches fewer times and moves fewer slots. A sequence is merged
// only when no jump lands inside it: positions that are jump targets are
// marked as they are created (labels always target the next instruction).
import { Op } from './codes.js';
import * as F from './fused.js';

type Form = 'S' | 'LL' | 'LC' | 'SC' | 'SL';

/** Each fused binary instruction: its plain operator and operand form. */
const formOf = new Map<Op, { base: Op; form: Form }>();
for (const [table, form] of [
  [F.FUSED_LL, 'LL'],
  [F.FUSED_LC, 'LC'],
  [F.FUSED_SC, 'SC'],
  [F.FUSED_SL, 'SL'],
] as const) {
  for (const [base, fused] of table) formOf.set(fused, { base, form });
}
for (const base of F.FUSED_BRIF.keys()) formOf.set(base, { base, form: 'S' });

const branchForm: Partial<Record<Form, ReadonlyMap<Op, Op>>> = {
  S: F.FUSED_BRIF,
  LL: F.FUSED_BRIFLL,
  LC: F.FUSED_BRIFLC,
  SC: F.FUSED_BRIFSC,
};

/** The comparison that is true exactly when the given one is false. */
const negation = new Map<Op, Op>([
  [Op.I32Eq, Op.I32Ne],
  [Op.I32LtS, Op.I32GeS],
  [Op.I32LtU, Op.I32GeU],
  [Op.I32GtS, Op.I32LeS],
  [Op.I32GtU, Op.I32LeU],
]);
for (const [a, b] of [...negation]) negation.set(b, a);

export class Peephole {
  /** `fuse` false: a plain emitter (counting mode, where every wasm instruction keeps its own code) */
  constructor(private readonly fuse = true) {}

  readonly out: number[] = [];
  /** start of every instruction emitted, in order */
  private readonly starts: number[] = [];
  private readonly targets = new Set<number>();

  emit(op: Op, imms: number[] = []): void {
    this.starts.push(this.out.length);
    this.out.push(op);
    for (const w of imms) this.out.push(w | 0);
  }

  /** Words that are not an instruction (br_table entries): nothing before them may be merged. */
  raw(...words: number[]): void {
    for (const w of words) this.out.push(w | 0);
    this.mark();
  }

  /** Marks the next position as a jump target; returns it. */
  mark(): number {
    this.targets.add(this.out.length);
    return this.out.length;
  }

  /** The opcode of the k-th last instruction, if the last k instructions and the next may be merged. */
  private tail(k: number, i: number): Op | undefined {
    const n = this.starts.length;
    if (!this.fuse || n < k || this.targets.has(this.out.length)) return undefined;
    for (let j = n - k + 1; j < n; j++) if (this.targets.has(this.starts[j]!)) return undefined;
    return this.out[this.starts[n - i]!] as Op;
  }

  /** Immediate `j` of the i-th last instruction. */
  private imm(i: number, j: number): number {
    return this.out[this.starts[this.starts.length - i]! + 1 + j]!;
  }

  /** Removes the second last instruction, moving the last one down in its place. */
  private dropSecondLast(): void {
    const n = this.starts.length;
    const at = this.starts[n - 2]!;
    const last = this.out.slice(this.starts[n - 1]!);
    this.out.length = at;
    this.out.push(...last);
    this.starts.length = n - 1;
    this.starts[n - 2] = at;
  }

  /** Replaces the last k instructions with one. */
  private replace(k: number, op: Op, imms: number[]): void {
    this.out.length = this.starts[this.starts.length - k]!;
    this.starts.length -= k;
    this.emit(op, imms);
  }

  /** A binary numeric operator, merged with the local.get / i32.const operands before it when it can be. */
  binop(op: Op): void {
    const get = op >= Op.F64Add && op <= Op.F64Div ? Op.LocalGet64 : Op.LocalGet32;
    const ll = get === Op.LocalGet64 ? F.FUSED_F64LL.get(op) : F.FUSED_LL.get(op);
    const sl = get === Op.LocalGet64 ? F.FUSED_F64SL.get(op) : F.FUSED_SL.get(op);
    const lc = get === Op.LocalGet64 ? undefined : F.FUSED_LC.get(op);
    const sc = get === Op.LocalGet64 ? undefined : F.FUSED_SC.get(op);
    if (lc !== undefined && this.tail(2, 2) === Op.LocalGet32 && this.tail(2, 1) === Op.Const32) {
      return this.replace(2, lc, [this.imm(2, 0), this.imm(1, 0)]);
    }
    if (ll !== undefined && this.tail(2, 2) === get && this.tail(2, 1) === get) {
      return this.replace(2, ll, [this.imm(2, 0), this.imm(1, 0)]);
    }
    if (op === Op.I32Add && this.tail(1, 1) === Op.I32MulLL) return this.replace(1, Op.I32MulLLAdd, [this.imm(1, 0), this.imm(1, 1)]);
    if (sl !== undefined && F.COMMUTATIVE.has(op) && this.tail(2, 2) === Op.LocalGet32 && F.PURE_PUSH32.has(this.tail(2, 1)!)) {
      // `local.get x; <push>; op` computes `<push>; local.get x; op`: the local joins the operator
      const x = this.imm(2, 0);
      this.dropSecondLast();
      return this.emit(sl, [x]);
    }
    if (sc !== undefined && this.tail(1, 1) === Op.Const32) return this.replace(1, sc, [this.imm(1, 0)]);
    if (sl !== undefined && this.tail(1, 1) === get) return this.replace(1, sl, [this.imm(1, 0)]);
    this.emit(op);
  }

  /** A load or store with its offset, merged with local.get operands for the 32-bit forms. */
  memory(op: Op, offset: number): void {
    if (op === Op.Load32 && this.tail(1, 1) === Op.LocalGet32) return this.replace(1, Op.Load32L, [this.imm(1, 0), offset]);
    if (op === Op.Load32 && this.tail(1, 1) === Op.I32ShlLC) return this.replace(1, Op.Load32ShlLC, [this.imm(1, 0), this.imm(1, 1), offset]);
    if (op === Op.Store32 && this.tail(2, 2) === Op.LocalGet32 && this.tail(2, 1) === Op.LocalGet32) {
      return this.replace(2, Op.Store32LL, [this.imm(2, 0), this.imm(1, 0), offset]);
    }
    this.emit(op, [offset]);
  }

  /** local.set of a 32-bit local: `local.get a; i32.const c; i32.add; local.set d` is one instruction. */
  localSet(op: Op, d: number): void {
    const last = op === Op.LocalSet32 ? this.tail(1, 1) : undefined;
    if (last === Op.I32AddLC || last === Op.I32SubLC) {
      return this.replace(1, last === Op.I32AddLC ? Op.I32AddLCSet : Op.I32SubLCSet, [this.imm(1, 0), this.imm(1, 1), d]);
    }
    if (last === Op.I32Add) return this.replace(1, Op.I32AddSet, [d]);
    if (last === Op.I32AddSL) return this.replace(1, Op.I32AddSLSet, [this.imm(1, 0), d]);
    this.emit(op, [d]);
  }

  localTee(op: Op, d: number): void {
    const last = op === Op.LocalTee32 ? this.tail(1, 1) : undefined;
    if (last === Op.I32AddLC || last === Op.I32SubLC) {
      return this.replace(1, last === Op.I32AddLC ? Op.I32AddLCTee : Op.I32SubLCTee, [this.imm(1, 0), this.imm(1, 1), d]);
    }
    this.emit(op, [d]);
  }

  /**
   * A conditional jump on the i32 on top of the stack (`negate`: jump when it
   * is zero), merged with the compare or i32.eqz that computed it when it can
   * be. Returns the position of the target immediate, to patch.
   */
  condJump(negate: boolean, target: number): number {
    while (this.tail(1, 1) === Op.I32Eqz) {
      this.out.length = this.starts.pop()!;
      negate = !negate;
    }
    const last = this.tail(1, 1);
    const inc = negate ? undefined : F.FUSED_INCBR.get(last!);
    if (inc !== undefined && this.tail(2, 2) === Op.I32AddLCTee) {
      // `local.tee d (i32.add (local.get a) (i32.const c))`, compared with a constant k: the loop counter
      this.replace(2, inc, [this.imm(2, 0), this.imm(2, 1), this.imm(2, 2), this.imm(1, 0), target]);
      return this.out.length - 1;
    }
    const f = last === undefined ? undefined : formOf.get(last);
    const table = f === undefined ? undefined : branchForm[f.form];
    if (f !== undefined && table !== undefined) {
      const cmp = negate ? negation.get(f.base) : f.base;
      const fused = cmp === undefined ? undefined : table.get(cmp);
      if (fused !== undefined) {
        const n = f.form === 'S' ? 0 : f.form === 'SC' ? 1 : 2;
        const imms = Array.from({ length: n }, (_, j) => this.imm(1, j));
        this.replace(1, fused, [...imms, target]);
        return this.out.length - 1;
      }
    }
    this.emit(negate ? Op.BrUnless : Op.BrIf, [target]);
    return this.out.length - 1;
  }
}
