// Module validation (spec 3.4.10): every definition against the context C (or
// C' for constant expressions), in the order of the spec interpreter so that a
// module with several faults reports the same one.
import { ValidationError } from '../errors.js';
import type { Elem, Export, Global, Import, Module } from '../syntax/module.js';
import { constContext, funcTypeAt, moduleContext, unknown, type Context } from './context.js';
import { validateFunc } from './code.js';
import { validateConstExpr } from './const-expr.js';
import { validateMemType, validateTableType } from './limits.js';
import { TypeStack } from './type-stack.js';

// The pieces other components build on: the context, and the typing rule for module generators.
export { moduleContext, type Context } from './context.js';
export { instrEffect, isValidNext, type InstrEffect } from './effect.js';
export { typeElse, typeEnd, typeInstr, type FuncEnv } from './instr-type.js';
export { TypeStack, type OperandType } from './type-stack.js';

/** Throws ValidationError, with the spec testsuite's message, unless `module` is valid. */
export function validateModule(module: Module): void {
  for (const imp of module.imports) validateImport(module, imp);
  const c = moduleContext(module);
  const c1 = constContext(module, c);
  const stack = new TypeStack();
  for (const g of module.globals) validateGlobal(c1, g, stack);
  for (const t of module.tables) validateTableType(t);
  for (const m of module.mems) validateMemType(m);
  for (const e of module.elems) validateElem(c1, e, stack);
  for (const d of module.datas) {
    if (d.mode.kind !== 'active') continue;
    if (d.mode.memory >= c1.mems.length) throw unknown('memory', d.mode.memory);
    validateConstExpr(c1, d.mode.offset, 'i32', stack);
  }
  for (const f of module.funcs) validateFunc(c, f, stack);
  if (module.start !== undefined) validateStart(c, module.start);
  validateExports(c, module.exports);
  if (c.mems.length > 1) throw new ValidationError('multiple memories');
}

function validateImport(module: Module, imp: Import): void {
  const d = imp.desc;
  if (d.kind === 'func') funcTypeAt(module.types, d.type);
  else if (d.kind === 'table') validateTableType(d.table);
  else if (d.kind === 'memory') validateMemType(d.memory);
}

function validateGlobal(c1: Context, g: Global, stack: TypeStack): void {
  validateConstExpr(c1, g.init, g.type.type, stack);
}

function validateElem(c1: Context, e: Elem, stack: TypeStack): void {
  for (const expr of e.init) validateConstExpr(c1, expr, e.type, stack);
  if (e.mode.kind !== 'active') return;
  const table = c1.tables[e.mode.table];
  if (table === undefined) throw unknown('table', e.mode.table);
  validateConstExpr(c1, e.mode.offset, 'i32', stack);
  if (table.elem !== e.type) throw new ValidationError('type mismatch');
}

function validateStart(c: Context, x: number): void {
  const ft = c.funcs[x];
  if (ft === undefined) throw unknown('function', x);
  if (ft.params.length !== 0 || ft.results.length !== 0) throw new ValidationError('start function must not have parameters or results');
}

const EXPORT_SPACE = { func: 'function', table: 'table', memory: 'memory', global: 'global' } as const;

function validateExports(c: Context, exports: readonly Export[]): void {
  const names = new Set<string>();
  for (const x of exports) {
    const space = x.kind === 'func' ? c.funcs : x.kind === 'table' ? c.tables : x.kind === 'memory' ? c.mems : c.globals;
    if (!(x.index >= 0 && x.index < space.length)) throw unknown(EXPORT_SPACE[x.kind], x.index);
    if (names.has(x.name)) throw new ValidationError('duplicate export name');
    names.add(x.name);
  }
}
