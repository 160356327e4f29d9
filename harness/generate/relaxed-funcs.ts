// Relaxed SIMD in generated modules. A relaxed instruction may give any of a
// set of results (spec 4.3.4); the oracle computes that set per invocation
// (its relaxed profiles, exec/relaxed-explore.ts) for the invocation's
// results only, not for the state it leaves. So relaxed instructions appear
// only in functions of their own that are pure: a tree of vector
// instructions over the parameters and constants, nothing stored, nothing
// that traps, called by nothing but the plan, so every relaxed result is a
// function result, which the comparison (compare.ts) judges against the
// oracle's allowed set.
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Func } from '../../reference-runtime/syntax/module.js';
import type { FuncType, ValType } from '../../reference-runtime/syntax/types.js';
import { constInstr } from '../../adapters/values.js';
import { chooseValue } from './boundary.js';
import type { Choices } from './choices.js';
import { typeIndex, type Shape } from './module-shape.js';
import { OPS_BY_RESULT, needsMemory, type SigOp } from './op-index.js';

const V128_OPS = (OPS_BY_RESULT.get('v128') ?? []).filter((o) => !needsMemory(o.info));
const RELAXED = V128_OPS.filter((o) => o.info.feature === 'relaxed-simd');
const PURE = V128_OPS.filter((o) => o.info.feature === undefined);

export const RELAXED_TYPE: FuncType = { params: ['v128', 'v128', 'v128'], results: ['v128'] };

/** A pure function whose result goes through relaxed instructions. */
export function relaxedFunc(c: Choices, s: Shape): Func {
  return { type: typeIndex(s.module, RELAXED_TYPE), locals: [], body: tree(c, 3, true) };
}

/** A v128 expression: a relaxed instruction at the root (`relaxed`), below it relaxed or plain vector instructions, parameters and constants. */
function tree(c: Choices, depth: number, relaxed: boolean): Instr[] {
  if (depth === 0 && !relaxed) return leaf(c);
  if (!relaxed && c.chance(35)) return leaf(c);
  const op: SigOp = relaxed || c.chance(50) ? c.pick(RELAXED) : c.pick(PURE);
  const operands = op.params.map((p) => (p === 'v128' ? tree(c, Math.max(depth - 1, 0), false) : [scalar(c, p)]));
  return [...operands.flat(), withImmediates(c, op)];
}

function leaf(c: Choices): Instr[] {
  return c.chance(70) ? [instr('local.get', { index: c.int(3) })] : [constInstr(chooseValue(c, 'v128'))];
}

function scalar(c: Choices, t: ValType): Instr {
  return constInstr(chooseValue(c, t as 'i32' | 'i64' | 'f32' | 'f64'));
}

function withImmediates(c: Choices, op: SigOp): Instr {
  const info = op.info;
  if (info.imm === 'lane') return instr(info.name, { lane: c.int(info.lanes!) });
  if (info.imm === 'shuffle') return instr(info.name, { bytes: c.bytes(16).map((b) => b % 32) });
  return instr(info.name);
}
