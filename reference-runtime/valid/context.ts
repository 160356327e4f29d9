// The validation context C of spec 3.1.6: the types of everything a module
// defines or imports, in index space order (imports first). Validation, the
// interpreter and module generators all read module-level types from here.
import { ValidationError } from '../errors.js';
import type { Instr } from '../syntax/instructions.js';
import type { FeatureSet } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import type { FuncType, GlobalType, MemType, RefType, TableType } from '../syntax/types.js';

export interface Context {
  types: readonly FuncType[];
  funcs: readonly FuncType[];
  tables: readonly TableType[];
  mems: readonly MemType[];
  /** tags (imported, then defined): the function type each names */
  tags: readonly FuncType[];
  globals: readonly GlobalType[];
  /** element segment types */
  elems: readonly RefType[];
  /** number of data segments */
  datas: number;
  /** C.refs: functions that `ref.func` may name inside function bodies */
  refs: ReadonlySet<number>;
  /** the features the module is judged by (absent: all of 3.0) */
  features?: FeatureSet;
}

/** `unknown <space> <index>`: the testsuite matches "unknown global" and "unknown global 1" alike by prefix. */
export function unknown(space: string, index: number): ValidationError {
  return new ValidationError(`unknown ${space} ${index}`);
}

export function funcTypeAt(types: readonly FuncType[], index: number): FuncType {
  const t = types[index];
  if (t === undefined) throw unknown('type', index);
  return t;
}

/**
 * The full context C of a module, judged by `features` (absent: 3.0).
 * Throws "unknown type" when a function or tag names a missing type.
 */
export function moduleContext(module: Module, features?: FeatureSet): Context {
  const funcs: FuncType[] = [];
  const tables: TableType[] = [];
  const mems: MemType[] = [];
  const tags: FuncType[] = [];
  const globals: GlobalType[] = [];
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'func') funcs.push(funcTypeAt(module.types, d.type));
    else if (d.kind === 'table') tables.push(d.table);
    else if (d.kind === 'memory') mems.push(d.memory);
    else if (d.kind === 'tag') tags.push(funcTypeAt(module.types, d.tag.type));
    else globals.push(d.global);
  }
  for (const f of module.funcs) funcs.push(funcTypeAt(module.types, f.type));
  tables.push(...module.tables);
  mems.push(...module.mems);
  for (const t of module.tags) tags.push(funcTypeAt(module.types, t.type));
  globals.push(...module.globals.map((g) => g.type));
  const c: Context = {
    types: module.types,
    funcs,
    tables,
    mems,
    tags,
    globals,
    elems: module.elems.map((e) => e.type),
    datas: module.datas.length,
    refs: declaredFuncRefs(module),
  };
  if (features !== undefined) c.features = features;
  return c;
}

/** The number of imported globals: the globals every constant expression may read. */
export function importedGlobals(module: Module): number {
  return module.imports.filter((i) => i.desc.kind === 'global').length;
}

/**
 * C.refs (spec 3.4.10): the function indices occurring in the module outside
 * its functions and start function, i.e. in table and global initializers,
 * element and data segments, and function exports.
 */
export function declaredFuncRefs(module: Module): Set<number> {
  const refs = new Set<number>();
  const scan = (expr: readonly Instr[]) => {
    for (const i of expr) if (i.op === 'ref.func' && i.index !== undefined) refs.add(i.index);
  };
  for (const t of module.tables) if (t.init !== undefined) scan(t.init);
  for (const g of module.globals) scan(g.init);
  for (const e of module.elems) {
    for (const expr of e.init) scan(expr);
    if (e.mode.kind === 'active') scan(e.mode.offset);
  }
  for (const d of module.datas) if (d.mode.kind === 'active') scan(d.mode.offset);
  for (const x of module.exports) if (x.kind === 'func') refs.add(x.index);
  return refs;
}
