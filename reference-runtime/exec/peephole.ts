// The emitter of compile.ts with a peephole pass: as instructions are
// appended it merges the common short sequences into the fused instructions
// that ops.ts lists (`local.get a; i32.const c; i32.add` becomes one I32AddLC
// a c, a compare followed by br_if becomes one compare-and-branch, a result
// followed by local.set goes straight into the local, a loop counter's
// `local.tee (i32.add ...)` with its compare and br_if one instruction, a
// commutative operator takes a local.get that precedes its other operand), so
// the loop dispatches fewer times and moves fewer slots. A sequence is merged
// only when no jump lands inside it: positions that are jump targets are
// marked as they are created (labels always target the next instruction).
import { Op } from './codes.js';
import { NUM_CODES } from './ops.generated.js';
import { FUSED, ROWS, stepName, type Dest, type OpRow, type Step } from './ops.js';

const rows = new Map(ROWS.map((r) => [r.name, r]));

/** The code of the instruction `name` (a row, or a fused form ops.ts lists), if it exists. */
function codeOf(name: string): number | undefined {
  return NUM_CODES[name];
}

/** Each one-step instruction by code: its row, operand sources and destination. */
const stepOf = new Map<number, Step>();
for (const r of ROWS) stepOf.set(NUM_CODES[r.name]!, { row: r.name, sources: /\bb\b/.test(r.expr) ? 'SS' : 'S', dest: '' });
for (const f of FUSED) if (f.length === 1) stepOf.set(NUM_CODES[stepName(f[0]!)]!, f[0]!);

/** The code of `s` with another destination (or row), if that form exists. */
function withDest(s: Step, dest: Dest, row = s.row): number | undefined {
  return codeOf(stepName({ row, sources: s.sources, dest }));
}

const is64 = (r: OpRow): boolean => r.type === 'i64' || r.type === 'u64' || r.type === 'f64';
const results64 = (r: OpRow): boolean => r.result === 'i64' || r.result === 'f64';

/**
 * Instructions that pop nothing, push one 32-bit value and write no local:
 * a local.get before one of them may be moved after it.
 */
const PURE_PUSH32 = new Set<number>([Op.LocalGet32, Op.Const32, Op.GlobalGet32, Op.Load32L]);
for (const [code, s] of stepOf) if (!s.sources.includes('S') && s.dest === '' && !results64(rows.get(s.row)!)) PURE_PUSH32.add(code);

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

  /** The one-step instruction last emitted, if it may be merged with the next. */
  private lastStep(k = 1): Step | undefined {
    const op = this.tail(k, k);
    return op === undefined ? undefined : stepOf.get(op);
  }

  /**
   * A numeric instruction of ops.ts (its row's name), merged with the
   * local.get / i32.const operands before it, or with the instruction that
   * computed its operand, when a fused form for that exists.
   */
  numeric(name: string): void {
    const row = rows.get(name)!;
    const get = is64(row) ? Op.LocalGet64 : Op.LocalGet32;
    const lc = codeOf(name + 'LC');
    const ll = codeOf(name + 'LL');
    const sl = codeOf(name + 'SL');
    const sc = codeOf(name + 'SC');
    if (lc !== undefined && this.tail(2, 2) === Op.LocalGet32 && this.tail(2, 1) === Op.Const32) {
      return this.replace(2, lc, [this.imm(2, 0), this.imm(1, 0)]);
    }
    if (ll !== undefined && this.tail(2, 2) === get && this.tail(2, 1) === get) {
      return this.replace(2, ll, [this.imm(2, 0), this.imm(1, 0)]);
    }
    const prev = this.lastStep();
    const chain = prev === undefined ? undefined : codeOf(`${stepName(prev)}_${name}`);
    if (chain !== undefined) return this.replace(1, chain, this.imms(1));
    if (sl !== undefined && row.commutative === true && this.tail(2, 2) === Op.LocalGet32 && PURE_PUSH32.has(this.tail(2, 1)!)) {
      // `local.get x; <push>; op` computes `<push>; local.get x; op`: the local joins the operator
      const x = this.imm(2, 0);
      this.dropSecondLast();
      return this.emit(sl, [x]);
    }
    if (sc !== undefined && this.tail(1, 1) === Op.Const32) return this.replace(1, sc, [this.imm(1, 0)]);
    if (sl !== undefined && this.tail(1, 1) === get) return this.replace(1, sl, [this.imm(1, 0)]);
    this.emit(NUM_CODES[name]!);
  }

  /** The immediates of the i-th last instruction. */
  private imms(i: number): number[] {
    const n = this.starts.length;
    return this.out.slice(this.starts[n - i]! + 1, i === 1 ? this.out.length : this.starts[n - i + 1]!);
  }

  /** A load or store with its offset, merged with local.get operands for the 32-bit forms. */
  memory(op: Op, offset: number): void {
    if (op === Op.Load32 && this.tail(1, 1) === Op.LocalGet32) return this.replace(1, Op.Load32L, [this.imm(1, 0), offset]);
    if (op === Op.Store32 && this.tail(2, 2) === Op.LocalGet32 && this.tail(2, 1) === Op.LocalGet32) {
      return this.replace(2, Op.Store32LL, [this.imm(2, 0), this.imm(1, 0), offset]);
    }
    this.emit(op, [offset]);
  }

  /** local.set: an instruction that pushed the value stores it into the local instead, when that form exists. */
  localSet(op: Op, d: number): void {
    this.toLocal(op, d, 'Set', Op.LocalSet32, Op.LocalSet64);
  }

  localTee(op: Op, d: number): void {
    this.toLocal(op, d, 'Tee', Op.LocalTee32, Op.LocalTee64);
  }

  private toLocal(op: Op, d: number, dest: 'Set' | 'Tee', op32: Op, op64: Op): void {
    const last = this.lastStep();
    const row = last === undefined ? undefined : rows.get(last.row)!;
    const fits = row !== undefined && (results64(row) ? op === op64 : op === op32);
    const fused = fits && last!.dest === '' ? withDest(last!, dest) : undefined;
    if (fused !== undefined) return this.replace(1, fused, [...this.imms(1), d]);
    this.emit(op, [d]);
  }

  /**
   * A conditional jump on the i32 on top of the stack (`negate`: jump when it
   * is zero), merged with the compare or i32.eqz that computed it when it can
   * be. Returns the position of the target immediate, to patch.
   */
  condJump(negate: boolean, target: number): number {
    const eqz = NUM_CODES.I32Eqz!;
    while (this.tail(1, 1) === eqz) {
      this.out.length = this.starts.pop()!;
      negate = !negate;
    }
    const last = this.lastStep();
    const row = last === undefined ? undefined : rows.get(last.row)!;
    const cmp = row === undefined || last!.dest !== '' ? undefined : negate ? row.negation : row.name;
    if (last !== undefined && cmp !== undefined) {
      // the value a local.tee left on the stack, compared and branched on: the local's value, read again
      const tee = last.sources[0] === 'S' ? this.lastStep(2) : undefined;
      const teed = tee?.dest === 'Tee' ? codeOf(`${stepName({ ...tee, dest: 'Set' })}_${stepName({ row: cmp, sources: 'L' + last.sources.slice(1), dest: 'Br' })}`) : undefined;
      if (tee !== undefined && teed !== undefined) {
        const d = this.imms(2).at(-1)!;
        this.replace(2, teed, [...this.imms(2), d, ...this.imms(1), target]);
        return this.out.length - 1;
      }
      const fused = withDest(last, 'Br', cmp);
      if (fused !== undefined) {
        this.replace(1, fused, [...this.imms(1), target]);
        return this.out.length - 1;
      }
    }
    this.emit(negate ? Op.BrUnless : Op.BrIf, [target]);
    return this.out.length - 1;
  }
}
