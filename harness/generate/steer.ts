// Coverage feedback (issue 18): steering constants toward the operand classes
// the oracle has not executed yet. The fuzz loop keeps the set of
// (instruction, operand, class) triples covered so far (the oracle counts
// them: reference-runtime/exec/operand-class.ts); a steer made from that set
// offers, for operand i of an instruction, the classes still missing, and
// the generator (body.ts) now and then makes that operand a constant of one
// of them, drawn from the class's representative values. The steer is fixed
// for a chunk of cases, so a run stays deterministic for its seed.
import type { NumValue } from '../../adapters/plan.js';
import { CLASSES, operandKey, operandKinds, SAMPLES } from '../../reference-runtime/exec/operand-class.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import type { Choices } from './choices.js';

/** The types whose classes have representative values (addresses depend on the memory: they have none). */
type Steerable = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

export class OperandSteer {
  private readonly cold = new Map<string, readonly number[]>();

  /** `covered`: the keys (operandKey) of the triples executed so far. */
  constructor(private readonly covered: ReadonlySet<string>) {}

  /** The classes of operand i (of type t) of `op` that the oracle has not executed yet; none when `op` has no such operand. */
  uncovered(op: string, i: number, t: Steerable): readonly number[] {
    const at = `${op} ${i} ${t}`;
    let cold = this.cold.get(at);
    if (cold === undefined) {
      const info = opInfo(op);
      const kinds = info === undefined ? undefined : operandKinds(info);
      cold = kinds?.[i] !== t ? [] : CLASSES[t].flatMap((_, cls) => (this.covered.has(operandKey(op, i, cls)) ? [] : [cls]));
      this.cold.set(at, cold);
    }
    return cold;
  }
}

/** A value of one of the classes operand i of `op` has not covered yet; undefined when it has covered them all (or t has no classes). */
export function steeredValue(c: Choices, steer: OperandSteer, op: string, i: number, t: string): NumValue | undefined {
  if (!(t in SAMPLES)) return undefined;
  const cold = steer.uncovered(op, i, t as Steerable);
  if (cold.length === 0) return undefined;
  const of = <T>(samples: readonly (readonly T[])[]): T => c.pick(samples[c.pick(cold)]!);
  switch (t) {
    case 'i32':
      return { type: 'i32', bits: of(SAMPLES.i32) >>> 0 };
    case 'i64':
      return { type: 'i64', bits: BigInt.asUintN(64, of(SAMPLES.i64)) };
    case 'f32':
      return { type: 'f32', bits: of(SAMPLES.f32) >>> 0 };
    case 'f64':
      return { type: 'f64', bits: of(SAMPLES.f64) };
    default:
      return { type: 'v128', bytes: of(SAMPLES.v128).slice() };
  }
}
