// The validation context C of spec 3.1.6: the types of everything a module
// defines or imports, in index space order (imports first). Validation, the
// interpreter and module generators all read module-level types from here.
import { ValidationError } from '../errors.js';
import type { Instr } from '../syntax/instructions.js';
import type { FeatureSet } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { canonicalTypes, closeType, defType, isConcreteRef, type TypeId } from '../types/canonical.js';
import { isFuncType, type FuncType, type GlobalType, type MemType, type RefType, type SubType, type TableType, type ValType } from '../syntax/types.js';

/**
 * Every type in the context is CLOSED (types/canonical.ts): a concrete heap
 * type is a TypeId, so that types compare by `===` or, for references, by the
 * id-based subtyping of types/subtype.ts, never structurally. For a 2.0 module
 * closed and module-relative types are the same strings.
 */
export interface Context {
  /** the defined types, closed (`defType` of each TypeId, or the module's own when they name no type index) */
  types: readonly SubType[];
  /** type index → TypeId (computed on first use: 2.0 validation never asks) */
  readonly ids: readonly TypeId[];
  funcs: readonly FuncType[];
  /** function index → its type index (`ids` of it is what `ref.func` pushes) */
  funcTypeIndex: readonly number[];
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

/**
 * A module-relative type in the context's closed form. Reads `ctx.ids` (and
 * so canonicalises the module's types) only for a concrete reference.
 */
export function closeInContext<T extends ValType>(ctx: Context, t: T): T {
  return isConcreteRef(t) ? closeType(t, ctx.ids) : t;
}

/** `unknown <space> <index>`: the testsuite matches "unknown global" and "unknown global 1" alike by prefix. */
export function unknown(space: string, index: number): ValidationError {
  return new ValidationError(`unknown ${space} ${index}`);
}

/** The function type at a type index: "unknown type" when there is none, and for a struct or array type the reference interpreter's "non-function type". */
export function funcTypeAt(types: readonly SubType[], index: number): FuncType {
  const t = types[index];
  if (t === undefined) throw unknown('type', index);
  if (!isFuncType(t)) throw new ValidationError(`non-function type ${index}`);
  return t;
}

/**
 * The full context C of a module, judged by `features` (absent: 3.0), with
 * its types closed. Throws "unknown type" when a function or tag names a
 * missing type, or a table, global or segment type a missing concrete type.
 */
export function moduleContext(module: Module, features?: FeatureSet): Context {
  // Types that name no type index are their own closed form (every 2.0
  // module): then the TypeIds are computed only if something asks for them.
  const types = namesTypeIndices(module.types) ? closedTypes(module) : module.types;
  const funcs: FuncType[] = [];
  const funcTypeIndex: number[] = [];
  const tables: TableType[] = [];
  const mems: MemType[] = [];
  const tags: FuncType[] = [];
  const globals: GlobalType[] = [];
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'func') {
      funcs.push(funcTypeAt(types, d.type));
      funcTypeIndex.push(d.type);
    } else if (d.kind === 'table') tables.push(closeTableType(d.table, module));
    else if (d.kind === 'memory') mems.push(d.memory);
    else if (d.kind === 'tag') tags.push(funcTypeAt(types, d.tag.type));
    else globals.push(closeGlobalType(d.global, module));
  }
  for (const f of module.funcs) {
    funcs.push(funcTypeAt(types, f.type));
    funcTypeIndex.push(f.type);
  }
  for (const t of module.tables) tables.push(closeTableType(t, module));
  mems.push(...module.mems);
  for (const t of module.tags) tags.push(funcTypeAt(types, t.type));
  for (const g of module.globals) globals.push(closeGlobalType(g.type, module));
  const elems: RefType[] = [];
  for (const e of module.elems) elems.push(closeIn(e.type, module));
  return new ModuleContext(module, types, funcs, funcTypeIndex, tables, mems, tags, globals, elems, declaredFuncRefs(module), features);
}

/** The context of a module; a class so that `ids` can be a lazy getter on the prototype (an object literal with a getter is slow to make). */
class ModuleContext implements Context {
  readonly datas: number;
  readonly features?: FeatureSet;

  constructor(
    private readonly module: Module,
    readonly types: readonly SubType[],
    readonly funcs: readonly FuncType[],
    readonly funcTypeIndex: readonly number[],
    readonly tables: readonly TableType[],
    readonly mems: readonly MemType[],
    readonly tags: readonly FuncType[],
    readonly globals: readonly GlobalType[],
    readonly elems: readonly RefType[],
    readonly refs: ReadonlySet<number>,
    features: FeatureSet | undefined,
  ) {
    this.datas = module.datas.length;
    if (features !== undefined) this.features = features;
  }

  get ids(): readonly TypeId[] {
    return canonicalTypes(this.module);
  }
}

/** Whether some defined type refers to a type index (else closing changes nothing in the definitions). */
function namesTypeIndices(types: readonly SubType[]): boolean {
  for (const t of types) {
    if (isFuncType(t)) {
      for (const p of t.params) if (isConcreteRef(p)) return true;
      for (const r of t.results) if (isConcreteRef(r)) return true;
    } else if (t.kind === 'struct') {
      for (const f of t.fields) if (isConcreteRef(f.type)) return true;
    } else if (isConcreteRef(t.field.type)) return true;
  }
  return false;
}

/** A module-relative type, closed; the module's TypeIds are computed only for a concrete reference. */
function closeIn<T extends ValType>(t: T, module: Module): T {
  return isConcreteRef(t) ? closeType(t, canonicalTypes(module)) : t;
}

/** The defined types of a module, closed (memoised with the module's TypeIds). */
export function closedTypes(module: Module): readonly SubType[] {
  let types = closed.get(module);
  if (types === undefined) {
    types = canonicalTypes(module).map(defType);
    closed.set(module, types);
  }
  return types;
}
const closed = new WeakMap<Module, readonly SubType[]>();

/** A table type with its element type closed (the same object when nothing changes); the initialiser stays module-relative code. */
function closeTableType(t: TableType, module: Module): TableType {
  return isConcreteRef(t.elem) ? { ...t, elem: closeIn(t.elem, module) } : t;
}

function closeGlobalType(t: GlobalType, module: Module): GlobalType {
  return isConcreteRef(t.type) ? { ...t, type: closeIn(t.type, module) } : t;
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
  for (const t of module.tables) if (t.init !== undefined) scanFuncRefs(t.init, refs);
  for (const g of module.globals) scanFuncRefs(g.init, refs);
  for (const e of module.elems) {
    for (const expr of e.init) scanFuncRefs(expr, refs);
    if (e.mode.kind === 'active') scanFuncRefs(e.mode.offset, refs);
  }
  for (const d of module.datas) if (d.mode.kind === 'active') scanFuncRefs(d.mode.offset, refs);
  for (const x of module.exports) if (x.kind === 'func') refs.add(x.index);
  return refs;
}

/** Adds the functions `ref.func` names in a constant expression (a top-level function, not a closure: this runs for every module). */
function scanFuncRefs(expr: readonly Instr[], refs: Set<number>): void {
  for (const i of expr) if (i.op === 'ref.func' && i.index !== undefined) refs.add(i.index);
}
