// Constant expressions (spec 3.3.10): global initializers and segment
// offsets and elements. In 2.0 only t.const, ref.null, ref.func and global.get
// of an immutable (necessarily imported, see `constContext`) global qualify.
import { ValidationError } from '../errors.js';
import type { Instr } from '../syntax/instructions.js';
import type { ValType } from '../syntax/types.js';
import { unknown, type Context } from './context.js';
import { validateExpr } from './code.js';
import type { TypeStack } from './type-stack.js';

const CONST_OPS = new Set(['i32.const', 'i64.const', 'f32.const', 'f64.const', 'v128.const', 'ref.null', 'ref.func']);
const ONE_RESULT = new Map<ValType, ValType[]>();
const NO_LOCALS: readonly ValType[] = [];

/** Checks that `expr` is constant in `ctx` (C' for module-level expressions), then that it has type [] -> [t]. */
export function validateConstExpr(ctx: Context, expr: readonly Instr[], t: ValType, stack?: TypeStack): void {
  for (const ins of expr) checkConstant(ctx, ins);
  let results = ONE_RESULT.get(t);
  if (results === undefined) ONE_RESULT.set(t, (results = [t]));
  validateExpr({ ctx, locals: NO_LOCALS, results }, expr, stack);
}

function checkConstant(ctx: Context, ins: Instr): void {
  if (CONST_OPS.has(ins.op)) return;
  if (ins.op === 'global.get') {
    const g = ctx.globals[ins.index!];
    if (g === undefined) throw unknown('global', ins.index!);
    if (!g.mutable) return;
  }
  throw new ValidationError('constant expression required');
}
