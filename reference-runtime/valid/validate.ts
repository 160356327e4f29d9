// Module validation (spec 3.4.10): every definition against the context C
// (constant expressions see only some of its globals), in the order of the
// spec interpreter so that a module with several faults reports the same one.
import { ValidationError } from '../errors.js';
import { has, type FeatureSet } from '../syntax/features.js';
import type { Elem, Export, Import, Module } from '../syntax/module.js';
import { addrType, isNullable, type RefType } from '../syntax/types.js';
import { refMatches } from '../types/subtype.js';
import { funcTypeAt, importedGlobals, moduleContext, unknown, type Context } from './context.js';
import { validateFunc } from './code.js';
import { validateConstExpr } from './const-expr.js';
import { checkModuleFeatures } from './feature-use.js';
import { validateMemType, validateTableType } from './limits.js';
import { validateTypeSection } from './type-section.js';
import { TypeStack } from './type-stack.js';

// The pieces other components build on: the context, and the typing rule for module generators.
export { moduleContext, type Context } from './context.js';
export { instrEffect, isValidNext, type InstrEffect } from './effect.js';
export { typeElse, typeEnd, typeInstr, type FuncEnv } from './instr-type.js';
export { TypeStack, type OperandType } from './type-stack.js';

/**
 * Throws ValidationError, with the spec testsuite's message, unless `module`
 * is valid under `features` (absent: all of 3.0; WASM_2_0 for the 2.0 rules).
 */
export function validateModule(module: Module, features?: FeatureSet): void {
  checkModuleFeatures(module, features);
  validateTypeSection(module);
  for (const imp of module.imports) validateImport(module, imp);
  const c = moduleContext(module, features);
  // 3.0 (from the GC proposal): a global's initialiser sees the imported and
  // the earlier globals, segments see them all; 2.0: only the imported ones.
  const imported = importedGlobals(module);
  const sequential = has(features, 'gc');
  const inSegments = sequential ? c.globals.length : imported;
  const stack = new TypeStack();
  module.globals.forEach((g, i) => validateConstExpr(c, g.init, c.globals[imported + i]!.type, sequential ? imported + i : imported, stack));
  const importedTables = c.tables.length - module.tables.length;
  module.tables.forEach((t, i) => {
    validateTableType(t);
    const elem = c.tables[importedTables + i]!.elem;
    // 3.0 table initialisers come before the globals: they see only the imported ones.
    if (t.init !== undefined) validateConstExpr(c, t.init, elem, imported, stack);
    // Without one a table starts as nulls, which a non-nullable element type does not admit.
    else if (!isNullable(elem)) throw new ValidationError(`type mismatch: table of non-nullable type ${elem} needs an initialiser`);
  });
  for (const m of module.mems) validateMemType(m);
  for (const t of module.tags) validateTag(module, t.type);
  module.elems.forEach((e, i) => validateElem(c, e, c.elems[i]!, inSegments, stack));
  for (const d of module.datas) {
    if (d.mode.kind !== 'active') continue;
    const mem = c.mems[d.mode.memory];
    if (mem === undefined) throw unknown('memory', d.mode.memory);
    validateConstExpr(c, d.mode.offset, addrType(mem), inSegments, stack);
  }
  for (const f of module.funcs) validateFunc(c, f, stack);
  if (module.start !== undefined) validateStart(c, module.start);
  validateExports(c, module.exports);
  if (c.mems.length > 1 && !has(features, 'multi-memory')) throw new ValidationError('multiple memories');
}

function validateImport(module: Module, imp: Import): void {
  const d = imp.desc;
  if (d.kind === 'func') funcTypeAt(module.types, d.type);
  else if (d.kind === 'table') validateTableType(d.table);
  else if (d.kind === 'memory') validateMemType(d.memory);
  else if (d.kind === 'tag') validateTag(module, d.tag.type);
}

/** A tag's type (spec 3.2.7): a function type with no results, whose parameters are the exception's fields. */
function validateTag(module: Module, type: number): void {
  if (funcTypeAt(module.types, type).results.length !== 0) throw new ValidationError('non-empty tag result type');
}

/** An element segment, whose type `type` is closed. */
function validateElem(c: Context, e: Elem, type: RefType, visibleGlobals: number, stack: TypeStack): void {
  for (const expr of e.init) validateConstExpr(c, expr, type, visibleGlobals, stack);
  if (e.mode.kind !== 'active') return;
  const table = c.tables[e.mode.table];
  if (table === undefined) throw unknown('table', e.mode.table);
  validateConstExpr(c, e.mode.offset, addrType(table), visibleGlobals, stack);
  if (type !== table.elem && !refMatches(type, table.elem)) {
    throw new ValidationError(`type mismatch: element segment's type ${type} does not match table's element type ${table.elem}`);
  }
}

function validateStart(c: Context, x: number): void {
  const ft = c.funcs[x];
  if (ft === undefined) throw unknown('function', x);
  if (ft.params.length !== 0 || ft.results.length !== 0) throw new ValidationError('start function must not have parameters or results');
}

const EXPORT_SPACE = { func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag' } as const;

function validateExports(c: Context, exports: readonly Export[]): void {
  const names = new Set<string>();
  const spaces = { func: c.funcs, table: c.tables, memory: c.mems, global: c.globals, tag: c.tags };
  for (const x of exports) {
    const space = spaces[x.kind];
    if (!(x.index >= 0 && x.index < space.length)) throw unknown(EXPORT_SPACE[x.kind], x.index);
    if (names.has(x.name)) throw new ValidationError('duplicate export name');
    names.add(x.name);
  }
}
