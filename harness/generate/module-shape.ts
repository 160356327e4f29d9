// The skeleton of a generated module, chosen before any function body: the
// 3.0 features it uses (features.ts), GC types (gc-types.ts), function types,
// memories, tables, tags, globals (global 0 is the fuel counter), element and
// data segments. Function bodies are then generated against it (body.ts),
// and may add types (block types) as they go.
//
// Calls form a DAG so that call depth is bounded by the number of functions
// and no runtime's stack limit is ever reached: function i calls only j > i
// directly (and itself, while a shared depth global allows: at most
// MAX_RECURSION levels in all), and only functions at or above `tableFuncs` are ever referenced
// (elements, ref.func, funcref globals, struct fields), while only functions
// below it call through a reference (call_indirect, call_ref and their tail
// forms).
import type { OperandSteer } from './steer.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import { emptyModule, type Module } from '../../reference-runtime/syntax/module.js';
import type { Feature } from '../../reference-runtime/syntax/features.js';
import { appendType } from '../../reference-runtime/syntax/module.js';
import { addrType, funcTypeEquals, type ArrayType, heapOf, isNullable, isRefType, withNullable, type AddrType, type FuncType, type RefType, type ValType } from '../../reference-runtime/syntax/types.js';
import { canonicalTypes, closeType } from '../../reference-runtime/types/canonical.js';
import { valMatches } from '../../reference-runtime/types/subtype.js';
import { constInstr } from '../../adapters/values.js';
import { chooseValue } from './boundary.js';
import type { Choices } from './choices.js';
import { extendedInit, offsetExpr } from './const-exprs.js';
import { chooseModuleFeatures, type FeatureOptions } from './features.js';
import { chooseGcTypes, type GcTypes } from './gc-types.js';

export const FUEL_GLOBAL = 0;
/** Loop iterations plus function entries one instance may run before the fuel trap. */
export const FUEL = 2000;
export const PAGE = 65536;
/** Most self-call levels a module's recursion may add to the call stack (all functions together). */
export const MAX_RECURSION = 100;

export interface GenOptions extends FeatureOptions {
  /** most functions per module (default 6) */
  maxFuncs?: number;
  /** instruction budget per function (default 160) */
  maxBodySize?: number;
  /** most invocations per module (default 8) */
  maxInvocations?: number;
  /** the operand classes not covered yet, to steer constants toward (steer.ts; the fuzz loop's coverage feedback) */
  steer?: OperandSteer;
}

export interface Shape {
  module: Module;
  /** per function index: its type */
  funcTypes: FuncType[];
  /** functions >= this index may be in tables; only functions below it call through references */
  tableFuncs: number;
  /** per memory: memory.grow may be generated on it (it declares a small maximum) */
  memGrowable: boolean[];
  /** table.grow may be generated on table i: it declares a small maximum */
  tableGrowable: boolean[];
  options: Required<Omit<GenOptions, keyof FeatureOptions | 'steer'>>;
  /** the 3.0 features this module uses */
  features: ReadonlySet<Feature>;
  /** the module may use v128 (GenOptions.simd) */
  simd: boolean;
  gc: GcTypes;
  /** the reference types values may have in this module (locals, blocks, expressions; numbers are always there) */
  refTypes: RefType[];
  /** exact values of the immutable i32 globals whose initialiser is a constant (extended constant offsets read them) */
  knownI32: Map<number, number>;
  /** the mutable i32 global counting the self-call levels left (body.ts recurse), added when a body first recurses */
  depthGlobal?: number;
  /** `a` matches `b` (subtyping, by the oracle's own rules on this module's types) */
  matches(a: ValType, b: ValType): boolean;
  /** GenOptions.steer */
  steer?: OperandSteer;
}

const NUMERIC: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128'];
const SCALAR: readonly ValType[] = NUMERIC.filter((t) => t !== 'v128');
const REF_2_0: readonly RefType[] = ['funcref', 'externref'];

/** The number types of a module: v128 among them with SIMD. */
function numericTypes(simd: boolean): readonly ValType[] {
  return simd ? NUMERIC : SCALAR;
}

/** Value types, numbers more often than references (the module's reference types). */
export function chooseValType(c: Choices, s: Pick<Shape, 'refTypes' | 'simd'>): ValType {
  const numeric = numericTypes(s.simd);
  return c.chance(s.refTypes.length > 2 ? 75 : 85) ? c.pick(numeric) : c.pick([...numeric, ...s.refTypes]);
}

export function typeIndex(m: Module, ft: FuncType): number {
  const i = m.types.findIndex((t) => funcTypeEquals(t, ft));
  if (i >= 0) return i;
  return appendType(m, ft);
}

export function chooseShape(c: Choices, opts: GenOptions = {}): Shape {
  const { features: weights, simd = true, steer, ...rest } = opts;
  const options = { maxFuncs: 6, maxBodySize: 160, maxInvocations: 8, ...rest };
  const features = chooseModuleFeatures(c, { simd, ...(weights ? { features: weights } : {}) });
  const m = emptyModule();
  const gc = features.has('gc') ? chooseGcTypes(c, m, simd) : { structs: [], arrays: [] };
  const s: Shape = {
    module: m, funcTypes: [], tableFuncs: 1, memGrowable: [], tableGrowable: [], options, features, simd, gc,
    refTypes: signatureRefTypes(features, gc), knownI32: new Map(), matches: (a, b) => a === b, ...(steer ? { steer } : {}),
  };
  const nfuncs = 1 + c.int(options.maxFuncs);
  for (let i = 0; i < nfuncs; i++) {
    const ft = i > 0 && c.chance(30) ? c.pick(s.funcTypes) : chooseFuncType(c, s);
    s.funcTypes.push(ft);
    m.funcs.push({ type: typeIndex(m, ft), locals: [], body: [] });
  }
  // At least one function may call indirectly and, when there are two, at least one may be called so.
  s.tableFuncs = nfuncs === 1 ? 1 : 1 + c.int(nfuncs - 1);
  if (features.has('function-references')) {
    s.refTypes.push(...typedFuncRefs(s));
    returnTypedRefs(c, s);
  }
  s.matches = matcher(m);
  chooseMemories(c, s);
  chooseTables(c, s);
  chooseTags(c, s);
  chooseGlobals(c, s);
  chooseElems(c, s);
  chooseDatas(c, s);
  return s;
}

/** Reference types function signatures may use: 2.0's, exnref, and the GC ones (abstract, i31, every struct and array type). */
function signatureRefTypes(features: ReadonlySet<Feature>, gc: GcTypes): RefType[] {
  const out = [...REF_2_0];
  if (features.has('exceptions')) out.push('exnref');
  if (features.has('gc')) {
    out.push('anyref', 'eqref', 'i31ref', 'structref', 'arrayref', 'ref i31');
    for (const t of [...gc.structs, ...gc.arrays]) out.push(`ref null ${t}`, `ref ${t}`);
  }
  return out;
}

/** (ref null $f) and (ref $f) for the types of the functions that may be referenced (a non-null one then always has a ref.func). */
function typedFuncRefs(s: Shape): RefType[] {
  const types = new Set(s.funcTypes.slice(s.tableFuncs).map((ft) => typeIndex(s.module, ft)));
  return [...types].flatMap((t): RefType[] => [`ref null ${t}`, `ref ${t}`]);
}

/**
 * Some of the functions no reference names (below tableFuncs) return a typed
 * function reference last, so that a plan can call through it (plan.ts
 * `through`): what the returned function does is then observed too.
 */
function returnTypedRefs(c: Choices, s: Shape): void {
  const typed = typedFuncRefs(s);
  if (typed.length === 0) return;
  for (let f = 0; f < s.tableFuncs; f++) {
    if (!c.chance(30)) continue;
    const ft: FuncType = { params: s.funcTypes[f]!.params, results: [...s.funcTypes[f]!.results, c.pick(typed)] };
    s.funcTypes[f] = ft;
    s.module.funcs[f]!.type = typeIndex(s.module, ft);
  }
}

/** Subtyping through the oracle's canonical types (the type section as it is now: later block types are never referenced). */
function matcher(m: Module): (a: ValType, b: ValType) => boolean {
  const ids = canonicalTypes({ ...m, types: [...m.types], ...(m.recs ? { recs: [...m.recs] } : {}) });
  return (a, b) => a === b || (isRefType(a) && isRefType(b) && valMatches(closeType(a, ids), closeType(b, ids)));
}

function chooseFuncType(c: Choices, s: Shape): FuncType {
  const params = Array.from({ length: c.int(4) }, () => chooseValType(c, s));
  const results = Array.from({ length: c.int(3) }, () => chooseValType(c, s));
  return { params, results };
}

function chooseMemories(c: Choices, s: Shape): void {
  if (c.chance(15)) return; // no memory
  // memory 0 keeps 32-bit addresses: the drivers print through it with WASI's 32-bit fd_write
  const n = s.features.has('multi-memory') ? 1 + c.int(3) : 1;
  for (let i = 0; i < n; i++) {
    const addr: AddrType = i > 0 && s.features.has('memory64') && c.chance(60) ? 'i64' : 'i32';
    const min = c.weighted([
      [12, 1],
      [1, 0],
      [3, 2],
    ] as const);
    // Without a maximum, memory.grow's outcome is up to the engine: keep grow out then.
    const growable = !c.chance(10);
    s.memGrowable.push(growable);
    s.module.mems.push({ limits: growable ? { min, max: min + c.int(4) } : { min }, ...(addr === 'i64' ? { addr } : {}) });
  }
}

function chooseTables(c: Choices, s: Shape): void {
  const n = c.weighted([
    [1, 0],
    [4, 1],
    [2, 2],
  ] as const);
  const nullable = s.refTypes.filter(isNullable);
  for (let i = 0; i < n; i++) {
    const elem: RefType = i === 0 || c.chance(50) ? 'funcref' : c.pick(nullable.filter((t) => t !== 'funcref'));
    const min = c.chance(90) ? 1 + c.int(8) : 0;
    const growable = !c.chance(10);
    const addr: AddrType = s.features.has('memory64') && c.chance(40) ? 'i64' : 'i32';
    s.module.tables.push({ elem, limits: growable ? { min, max: min + c.int(9) } : { min }, ...(addr === 'i64' ? { addr } : {}) });
    s.tableGrowable.push(growable);
  }
}

/** Exception tags: parameters of numbers and nullable references. */
function chooseTags(c: Choices, s: Shape): void {
  if (!s.features.has('exceptions')) return;
  const n = 1 + c.int(3);
  const numeric = numericTypes(s.simd);
  const types = [...numeric, ...s.refTypes.filter(isNullable)];
  for (let i = 0; i < n; i++) {
    const params = Array.from({ length: c.int(3) }, () => (c.chance(70) ? c.pick(numeric) : c.pick(types)));
    s.module.tags.push({ type: typeIndex(s.module, { params, results: [] }) });
  }
}

/** A function that may be referenced (in a table, a global, ref.func), or undefined when there is none. */
export function chooseTableFunc(c: Choices, s: Shape): number | undefined {
  const n = s.funcTypes.length - s.tableFuncs;
  return n <= 0 ? undefined : s.tableFuncs + c.int(n);
}

/** A referenceable function of type index `t`, or undefined. */
export function chooseFuncOfType(c: Choices, s: Shape, t: number): number | undefined {
  const fs = s.funcTypes.flatMap((ft, i) => (i >= s.tableFuncs && typeIndex(s.module, ft) === t ? [i] : []));
  return fs.length === 0 ? undefined : c.pick(fs);
}

/** A constant expression for a value of type `t` (non-null references by allocation or ref.func; `globals`: how many globals it may read). */
export function constExpr(c: Choices, s: Shape, t: ValType, nonNullPercent = 60, globals = 0): Instr[] {
  if (isRefType(t)) return refConst(c, s, t, nonNullPercent);
  if ((t === 'i32' || t === 'i64') && s.features.has('extended-const') && c.chance(40)) return extendedInit(c, s, t, globals);
  return [constInstr(chooseValue(c, t))];
}

function refConst(c: Choices, s: Shape, t: RefType, nonNullPercent: number): Instr[] {
  const heap = heapOf(t);
  // extern and exn references have no constant but null: no choice to make
  const nonNull = heap !== 'extern' && heap !== 'exn' && (!isNullable(t) || c.chance(nonNullPercent));
  return nonNull ? freshRef(c, s, t) : [instr('ref.null', { refType: withNullable(t, true) })];
}

/** A constant non-null reference of type t where the module has one (a function, an allocation, an i31), else a null. */
export function freshRef(c: Choices, s: Shape, t: RefType): Instr[] {
  const heap = heapOf(t);
  if (heap === 'func') {
    const f = chooseTableFunc(c, s);
    if (f !== undefined) return [instr('ref.func', { index: f })];
  } else if (heap === 'i31' || ((heap === 'eq' || heap === 'any') && c.chance(50))) {
    return [instr('i32.const', { i32: c.int(1 << 16) - (1 << 15) }), instr('ref.i31')];
  } else if (typeof heap === 'number') {
    const def = s.module.types[heap]!;
    if (def.kind === 'struct') return [instr('struct.new_default', { index: heap })];
    if (def.kind === 'array') return [instr('i32.const', { i32: c.int(4) }), instr('array.new_default', { index: heap })];
    const f = chooseFuncOfType(c, s, heap);
    if (f !== undefined) return [instr('ref.func', { index: f })];
  } else if ((heap === 'struct' || heap === 'eq' || heap === 'any') && s.gc.structs.length > 0) {
    return [instr('struct.new_default', { index: c.pick(s.gc.structs) })];
  } else if (heap === 'array' && s.gc.arrays.length > 0) {
    return [instr('i32.const', { i32: c.int(4) }), instr('array.new_default', { index: c.pick(s.gc.arrays) })];
  }
  return [instr('ref.null', { refType: withNullable(t, true) })];
}

/** The depth global of the module, added on first use with a limit of up to MAX_RECURSION levels. */
export function depthGlobal(c: Choices, s: Shape): number {
  if (s.depthGlobal === undefined) {
    s.depthGlobal = s.module.globals.length;
    s.module.globals.push({ type: { type: 'i32', mutable: true }, init: [instr('i32.const', { i32: 1 + c.int(MAX_RECURSION) })] });
  }
  return s.depthGlobal;
}

function chooseGlobals(c: Choices, s: Shape): void {
  s.module.globals.push({ type: { type: 'i32', mutable: true }, init: [instr('i32.const', { i32: FUEL })] });
  const n = c.int(5);
  for (let i = 0; i < n; i++) {
    const t = chooseValType(c, s);
    const index = s.module.globals.length;
    const mutable = c.chance(60);
    const init = constExpr(c, s, t, 60, index);
    if (!mutable && init.length === 1 && init[0]!.op === 'i32.const') s.knownI32.set(index, init[0]!.i32!);
    s.module.globals.push({ type: { type: t, mutable }, init });
  }
}

function chooseElems(c: Choices, s: Shape): void {
  const m = s.module;
  m.tables.forEach((table, ti) => {
    if (!c.chance(85)) return;
    // Mostly the whole table, mostly functions: call_indirect then mostly finds one.
    const len = c.chance(70) ? table.limits.min : c.int(table.limits.min + 1);
    const offset = c.int(table.limits.min - len + 1);
    const init = Array.from({ length: len }, () => constExpr(c, s, table.elem, 90));
    m.elems.push({ type: table.elem, init, mode: { kind: 'active', table: ti, offset: offsetExpr(c, s, offset, addrType(table)) } });
  });
  const passive = c.int(3);
  const nullable = s.refTypes.filter(isNullable);
  for (let i = 0; i < passive; i++) {
    const type: RefType = c.chance(70) ? 'funcref' : c.pick(nullable.filter((t) => t !== 'funcref'));
    const init = Array.from({ length: c.int(5) }, () => constExpr(c, s, type));
    m.elems.push({ type, init, mode: { kind: 'passive' } });
  }
  // a segment for array.new_elem and array.init_elem: of the element type of an array of references
  const refArrays = s.gc.arrays.flatMap((a) => {
    const t = (m.types[a] as ArrayType).field.type;
    return t !== 'i8' && t !== 'i16' && isRefType(t) ? [t] : [];
  });
  if (refArrays.length > 0) {
    const type = c.pick(refArrays);
    const init = Array.from({ length: 1 + c.int(4) }, () => constExpr(c, s, type));
    m.elems.push({ type, init, mode: { kind: 'passive' } });
  }
  if (c.chance(30) && s.tableFuncs < s.funcTypes.length) {
    const init = Array.from({ length: s.funcTypes.length - s.tableFuncs }, (_, k) => [instr('ref.func', { index: s.tableFuncs + k })]);
    m.elems.push({ type: 'funcref', init, mode: { kind: 'declarative' } });
  }
}

function chooseDatas(c: Choices, s: Shape): void {
  const m = s.module;
  if (m.mems.length === 0) return;
  const n = c.int(4) + (s.features.has('gc') ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const init = c.bytes(c.int(24));
    const memory = c.int(m.mems.length);
    const bytes = m.mems[memory]!.limits.min * PAGE;
    if (c.chance(50) && bytes >= init.length) {
      const offset = c.chance(70) ? c.int(Math.min(bytes - init.length, 256) + 1) : bytes - init.length;
      m.datas.push({ init, mode: { kind: 'active', memory, offset: offsetExpr(c, s, offset, addrType(m.mems[memory]!)) } });
    } else {
      m.datas.push({ init, mode: { kind: 'passive' } });
    }
  }
}


