// What each instruction of a function body takes from the stack and leaves
// on it, from the validator's own typing rule, and from that the folded
// structure of flat code: the expression an instruction is the root of, and
// its operand expressions. Body edits replace whole expressions, so a
// candidate stays valid without guessing. The validator types with closed
// types (a concrete heap type is a canonical TypeId); effects are given
// back module-relative, the form edits write into the module.
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { ValType } from '../../reference-runtime/syntax/types.js';
import { funcTypeAt, type Context } from '../../reference-runtime/valid/context.js';
import { blockTypeOf } from '../../reference-runtime/valid/instr-type.js';
import { instrEffect, typeElse, typeEnd, typeInstr, TypeStack, type FuncEnv, type OperandType } from '../../reference-runtime/valid/validate.js';
import { ValidationError } from '../../reference-runtime/errors.js';
import { funcEnv } from '../../reference-runtime/valid/code.js';
import { REF_BOT } from '../../reference-runtime/valid/type-stack.js';
import { isBlockLike } from '../../reference-runtime/syntax/walk.js';
import { renumberValType } from '../../reference-runtime/syntax/renumber.js';
import type { TypeId } from '../../reference-runtime/types/canonical.js';

export interface Effect {
  /** operand types, module-relative, bottom first (`unknown` in unreachable code) */
  popped: OperandType[];
  /** result types, module-relative; for block, loop, if and try_table the block type's results */
  pushed: OperandType[];
}

export type Effects = Map<Instr, Effect>;

/** The effect of every instruction of defined function `f`, or undefined when its body does not type-check. */
export function bodyEffects(m: Module, ctx: Context, f: number): Effects | undefined {
  const func = m.funcs[f]!;
  const ft = funcTypeAt(ctx.types, func.type);
  // the validator's own environment: closed local types, non-defaultable locals tracked
  const env: FuncEnv = funcEnv(ctx, func);
  const stack = new TypeStack();
  stack.startLocals(env.unset?.slice());
  stack.pushCtrl('func', [], ft.results);
  const out: Effects = new Map();
  try {
    walk(env, stack, func.body, out, opener(ctx));
  } catch (e) {
    if (e instanceof ValidationError) return undefined;
    throw e;
  }
  return out;
}

type Open = (t: OperandType) => OperandType;

function walk(env: FuncEnv, stack: TypeStack, seq: readonly Instr[], out: Effects, open: Open): void {
  for (const ins of seq) {
    const effect = instrEffect(env, stack, ins);
    typeInstr(env, stack, ins);
    const popped = effect.popped.map(open);
    if (!isBlockLike(ins)) {
      out.set(ins, { popped, pushed: effect.pushed.map(open) });
      continue;
    }
    walk(env, stack, ins.body ?? [], out, open);
    if (ins.op === 'if') {
      typeElse(stack);
      walk(env, stack, ins.elseBody ?? [], out, open);
    }
    typeEnd(stack);
    out.set(ins, { popped, pushed: blockTypeOf(env.ctx, ins.blockType).results.map(open) });
  }
}

/**
 * Closed types back to module-relative ones: a TypeId becomes the first type
 * index with that identity (equal types get equal indices, so comparing
 * opened types is comparing closed ones).
 */
export function opener(ctx: Context): Open {
  let first: Map<TypeId, number> | undefined;
  const indexOf = (id: number): number => {
    if (first === undefined) {
      first = new Map();
      ctx.ids.forEach((tid, x) => first!.has(tid) || first!.set(tid, x));
    }
    const x = first.get(id);
    if (x === undefined) throw new Error(`body typing: TypeId ${id} is no type of the module`);
    return x;
  };
  return (t) => (t === 'unknown' || t === REF_BOT ? t : renumberValType(t, indexOf));
}

/**
 * The start of the expression rooted at `seq[i]`: the shortest range
 * [start, i] that takes nothing from the stack below it, every value made
 * inside being used inside. Undefined when the operands come from further
 * out (block parameters) or a value made inside is left for later.
 */
export function exprStart(seq: readonly Instr[], i: number, effects: Effects): number | undefined {
  let need = effects.get(seq[i]!)?.popped.length;
  if (need === undefined) return undefined;
  let j = i;
  while (need > 0) {
    j--;
    if (j < 0) return undefined;
    const e = effects.get(seq[j]!);
    if (e === undefined || e.pushed.length > need) return undefined;
    need += e.popped.length - e.pushed.length;
  }
  return j;
}

/** The operand expressions of `seq[i]` as inclusive ranges, first operand first; undefined when they are not separate expressions. */
export function operandRanges(seq: readonly Instr[], i: number, effects: Effects): [number, number][] | undefined {
  const arity = effects.get(seq[i]!)?.popped.length;
  if (arity === undefined) return undefined;
  const ranges: [number, number][] = [];
  let end = i - 1;
  for (let k = 0; k < arity; k++) {
    if (end < 0 || effects.get(seq[end]!)?.pushed.length !== 1) return undefined;
    const start = exprStart(seq, end, effects);
    if (start === undefined) return undefined;
    ranges.unshift([start, end]);
    end = start - 1;
  }
  return ranges;
}

/** The concrete result types of an instruction, or undefined when one is unknown. */
export function concreteResults(e: Effect): ValType[] | undefined {
  return e.pushed.every((t) => t !== 'unknown' && t !== REF_BOT) ? (e.pushed as ValType[]) : undefined;
}
