// Constant expressions (spec 3.3.10): global initializers and segment
// offsets and elements. In 2.0 only t.const, ref.null, ref.func and global.get
// of an immutable global qualify; extended-const adds i32/i64 add, sub and
// mul; GC the allocations (struct.new, array.new, ref.i31, ...) and the
// extern conversions. Only the first `visibleGlobals` globals may be read:
// 2.0 shows every module-level expression the imported ones (C', spec
// 3.4.10); 3.0 (from the GC proposal) shows a global's initialiser the
// imported and the earlier globals, and segments all of them.
import { ValidationError } from '../errors.js';
import { has } from '../syntax/features.js';
import type { Instr } from '../syntax/instructions.js';
import type { ValType } from '../syntax/types.js';
import { unknown, type Context } from './context.js';
import { validateExpr } from './code.js';
import type { TypeStack } from './type-stack.js';

const CONST_OPS = new Set(['i32.const', 'i64.const', 'f32.const', 'f64.const', 'v128.const', 'ref.null', 'ref.func']);
const EXTENDED_CONST_OPS = new Set(['i32.add', 'i32.sub', 'i32.mul', 'i64.add', 'i64.sub', 'i64.mul']);
/** GC (3.0): allocations of structs, arrays and i31 references, and the extern conversions. */
const GC_CONST_OPS = new Set([
  'struct.new',
  'struct.new_default',
  'array.new',
  'array.new_default',
  'array.new_fixed',
  'ref.i31',
  'any.convert_extern',
  'extern.convert_any',
]);
const ONE_RESULT = new Map<ValType, ValType[]>();
const NO_LOCALS: readonly ValType[] = [];

/** Checks that `expr` is constant in `ctx` reading only the first `visibleGlobals` globals, then that it has type [] -> [t] (`t` closed). */
export function validateConstExpr(ctx: Context, expr: readonly Instr[], t: ValType, visibleGlobals: number, stack?: TypeStack): void {
  for (const ins of expr) checkConstant(ctx, ins, visibleGlobals);
  let results = ONE_RESULT.get(t);
  if (results === undefined) ONE_RESULT.set(t, (results = [t]));
  validateExpr({ ctx, locals: NO_LOCALS, results }, expr, stack);
}

function checkConstant(ctx: Context, ins: Instr, visibleGlobals: number): void {
  if (CONST_OPS.has(ins.op)) return;
  if (EXTENDED_CONST_OPS.has(ins.op) && has(ctx.features, 'extended-const')) return;
  if (GC_CONST_OPS.has(ins.op) && has(ctx.features, 'gc')) return;
  if (ins.op === 'global.get') {
    const g = ins.index! < visibleGlobals ? ctx.globals[ins.index!] : undefined;
    if (g === undefined) throw unknown('global', ins.index!);
    if (!g.mutable) return;
  }
  throw new ValidationError('constant expression required');
}
