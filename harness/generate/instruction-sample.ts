// Per-instruction cases by the handful (issue 18): one module with the test
// functions of many instructions drawn uniformly (instruction-cases.ts, its
// fixture and hand-written functions), each instruction called a few times
// with its boundary argument lists and with arguments from its own edges
// (operand-values.ts), pairs that interact among them. A generated module
// executes each instruction rarely and on whatever values its expressions
// compute; here every drawn instruction runs directly on the values where
// implementations disagree, so that a fault in any instruction shows within
// a few dozen cases without telling the generator where to look.
import fc from 'fast-check';
import type { ArgValue } from '../../adapters/plan.js';
import { Choices, choicesArb } from './choices.js';
import type { GeneratedCase } from './generated-case.js';
import { instructionsAllowed, sampledInstructionsCase, type SampledFunc } from './instruction-cases.js';
import type { FeatureOptions } from './features.js';
import { chooseArg } from './boundary.js';
import { isNum, operandPair, operandValue, type Num } from './operand-values.js';
import { steeredValue, type OperandSteer } from './steer.js';

/** Instructions drawn per module, and invocations per instruction (spread over its test functions). */
const OPS_PER_CASE = 60;
const CALLS_PER_OP = 5;
const MAX_CHOICES = 3000;

/** Instructions drawn from those the options allow (features.ts allowsInstruction; default: 2.0 with SIMD). */
export function instructionSampleArb(o: FeatureOptions & { steer?: OperandSteer } = {}): fc.Arbitrary<GeneratedCase> {
  const all = instructionsAllowed(o);
  return choicesArb(MAX_CHOICES, MAX_CHOICES / 2).map((data) => instructionSampleFrom(data, all, o.simd !== false, o.steer));
}

/** The case a choice stream describes (an exhausted stream: the first instruction alone, called with its first lists). */
function instructionSampleFrom(data: readonly number[], all: readonly string[], simd: boolean, steer: OperandSteer | undefined): GeneratedCase {
  const c = new Choices(data);
  const ops = [...new Set(Array.from({ length: OPS_PER_CASE }, () => all[c.int(all.length)]!))];
  return sampledInstructionsCase(ops, (op, funcs) => chooseCalls(c, op, funcs, steer), simd);
}

/**
 * CALLS_PER_OP invocations over the instruction's functions: every list when
 * there are no more; else each call a random function with, half the time
 * for numeric operands, arguments from the instruction's edges, otherwise
 * one of the function's boundary lists (memory instructions: always these,
 * whose addresses are the edges).
 */
function chooseCalls(c: Choices, op: string, funcs: readonly SampledFunc[], steer: OperandSteer | undefined): ArgValue[][][] {
  const out = funcs.map((): ArgValue[][] => []);
  if (funcs.reduce((n, f) => n + f.all.length, 0) <= CALLS_PER_OP) return funcs.map((f) => f.all);
  const memory = /load|store|memory|data\./.test(op);
  for (let k = 0; k < CALLS_PER_OP; k++) {
    const j = c.int(funcs.length);
    const f = funcs[j]!;
    const numeric = !memory && f.params.length > 0 && f.params.every(isNum);
    // coverage feedback: the operand classes of this instruction not covered yet (steer.ts), for a function of its operands
    // (an address is not steered: its classes depend on the memory, and the boundary lists hold them)
    if (steer !== undefined && f.params.length > 0 && c.chance(50)) {
      const steered = f.params.map((p, i) => steeredValue(c, steer, op, i, p));
      if (steered.some((v) => v !== undefined)) {
        // the other operands (an address among them) from one of the function's boundary lists
        const base = f.all.length > 0 ? c.pick(f.all) : undefined;
        out[j]!.push(steered.map((v, i) => v ?? base?.[i] ?? (isNum(f.params[i]!) ? operandValue(c, op, i, f.params[i] as Num) : chooseArg(c, f.params[i]!))));
        continue;
      }
    }
    out[j]!.push(numeric && c.chance(50) ? edgeArgs(c, op, f.params as never) : c.pick(f.all));
  }
  return out;
}

function edgeArgs(c: Choices, op: string, params: readonly ('i32' | 'i64' | 'f32' | 'f64')[]): ArgValue[] {
  if (params.length === 2 && params[0] === params[1] && c.chance(30)) return operandPair(c, op, params[0]!);
  return params.map((p, i) => operandValue(c, op, i, p));
}
