// Exact executed-instruction counts, per wasm mnemonic. An instance created
// with a Coverage (api.ts `instantiate(..., { coverage })`) has its functions
// compiled in counting mode (compile.ts): no fusion, and an Op.Count [index]
// before every wasm instruction, which machine.ts turns into one increment of
// `hits[index]` of the instance's Coverage. Instances created without one run
// the normal fused code, so the normal loop pays nothing for this.
//
// What "executed" means, where the lowering hides it: every instruction is
// counted when control reaches it, including the one that traps or throws
// (the instructions after it are not; a catch clause is no instruction);
// `nop` and the no-op conversions (i32.wrap_i64, reinterprets) count although
// they emit no work; `block`, `loop`, `if` and `try_table` count once per
// entry (a branch back to a loop does not re-count `loop`); `else` (not in
// the opcode table) counts the entries into a non-empty else arm. Code after
// an unconditional transfer (br, return, throw, return_call...) is dead and
// never emitted, so it never counts.
import { OPCODES } from '../syntax/opcodes.js';
import { MAX_CLASSES, MAX_OPERANDS, operandKey } from './operand-class.js';
import type { ModuleInstance } from '../runtime/instance.js';

/** The mnemonics counted, by index: the opcode table, then `else`. */
export const COUNTED: readonly string[] = [...OPCODES.map((o) => o.name), 'else'];

const indexOf = new Map(COUNTED.map((name, i) => [name, i]));

/** The counter index of a mnemonic (throws for a name not in the table: a compiler bug). */
export function counterIndex(name: string): number {
  const i = indexOf.get(name);
  if (i === undefined) throw new Error(`no coverage counter for ${name}`);
  return i;
}

/** Executed-instruction counts of the instances created with it (share one across instances to sum them). */
export class Coverage {
  /** executions per counter index (see COUNTED); Float64 so a long run cannot wrap */
  readonly hits = new Float64Array(COUNTED.length);

  /** The mnemonics executed at least once, with their counts, in opcode-table order. */
  counts(): Map<string, number> {
    const m = new Map<string, number>();
    this.hits.forEach((n, i) => {
      if (n > 0) m.set(COUNTED[i]!, n);
    });
    return m;
  }

  /**
   * Executions per (instruction, operand, operand class): operand-coverage.ts's
   * counters, made on first use (only instructions with a signature have them).
   */
  private operands: Float64Array | undefined;

  operandHits(): Float64Array {
    return (this.operands ??= new Float64Array(COUNTED.length * MAX_OPERANDS * MAX_CLASSES));
  }

  /** The (instruction, operand, class) triples executed at least once, as `mnemonic operand class` (operand 0 first), with their counts. */
  operandCounts(): Map<string, number> {
    const m = new Map<string, number>();
    const operands = this.operands;
    if (operands === undefined) return m;
    // only the instructions executed have operand counts: read their slots, not the whole array (this runs once per case)
    const stride = MAX_OPERANDS * MAX_CLASSES;
    this.hits.forEach((hit, counter) => {
      if (hit === 0) return;
      for (let k = 0; k < stride; k++) {
        const n = operands[counter * stride + k]!;
        if (n !== 0) m.set(operandKey(COUNTED[counter]!, Math.floor(k / MAX_CLASSES), k % MAX_CLASSES), n);
      }
    });
    return m;
  }

  /** The counter of the instruction counted last: when a run ends in a trap, the instruction that trapped. */
  last = -1;
  private readonly trapped = new Map<string, number>();

  /** Notes that a run ended in a trap of this kind, at the instruction counted last. */
  noteTrap(kind: string): void {
    if (this.last < 0) return;
    const key = `${COUNTED[this.last]!} ${kind}`;
    this.trapped.set(key, (this.trapped.get(key) ?? 0) + 1);
  }

  /** The (instruction, trap kind) pairs runs ended in, as `mnemonic kind`, with their counts: which of the semantics' trap conditions fired. */
  trapCounts(): Map<string, number> {
    return new Map(this.trapped);
  }

  reset(): void {
    this.hits.fill(0);
    this.operands?.fill(0);
    this.trapped.clear();
    this.last = -1;
  }
}

const byInstance = new WeakMap<ModuleInstance, Coverage>();

/** Makes `inst` count into `coverage`; call before any of its functions runs or compiles. */
export function attachCoverage(inst: ModuleInstance, coverage: Coverage): void {
  byInstance.set(inst, coverage);
}

/** The Coverage an instance counts into, if it was created with one. */
export function coverageOf(inst: ModuleInstance): Coverage | undefined {
  return byInstance.get(inst);
}
