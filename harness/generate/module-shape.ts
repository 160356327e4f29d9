// The skeleton of a generated module, chosen before any function body:
// function types, memory, tables, globals (global 0 is the fuel counter),
// element and data segments. Function bodies are then generated against it
// (body.ts), and may add types (block types) as they go.
//
// Calls form a DAG so that call depth is bounded by the number of functions
// and no runtime's stack limit is ever reached: function i calls only j > i
// directly, and only functions at or above `tableFuncs` are ever referenced
// (elements, ref.func, funcref globals), while only functions below it use
// call_indirect.
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import { appendType, emptyModule, type Module } from '../../reference-runtime/syntax/module.js';
import { funcTypeEquals, isRefType, type FuncType, type RefType, type ValType } from '../../reference-runtime/syntax/types.js';
import { constInstr } from '../../adapters/values.js';
import { chooseValue } from './boundary.js';
import type { Choices } from './choices.js';

export const FUEL_GLOBAL = 0;
/** Loop iterations plus function entries one instance may run before the fuel trap. */
export const FUEL = 2000;
export const PAGE = 65536;

export interface GenOptions {
  /** most functions per module (default 6) */
  maxFuncs?: number;
  /** instruction budget per function (default 160) */
  maxBodySize?: number;
  /** most invocations per module (default 8) */
  maxInvocations?: number;
}

export interface Shape {
  module: Module;
  /** per function index: its type */
  funcTypes: FuncType[];
  /** functions >= this index may be in tables; only functions below it use call_indirect */
  tableFuncs: number;
  /** memory.grow may be generated: the memory declares a small maximum */
  memGrowable: boolean;
  /** table.grow may be generated on table i: it declares a small maximum */
  tableGrowable: boolean[];
  options: Required<GenOptions>;
}

const NUMERIC: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128'];
const ALL: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref'];

/** Value types, numbers more often than references. */
export function chooseValType(c: Choices): ValType {
  return c.chance(85) ? c.pick(NUMERIC) : c.pick(ALL);
}

export function typeIndex(m: Module, ft: FuncType): number {
  const i = m.types.findIndex((t) => funcTypeEquals(t, ft));
  if (i >= 0) return i;
  return appendType(m, ft);
}

export function chooseShape(c: Choices, opts: GenOptions = {}): Shape {
  const options: Required<GenOptions> = { maxFuncs: 6, maxBodySize: 160, maxInvocations: 8, ...opts };
  const m = emptyModule();
  const nfuncs = 1 + c.int(options.maxFuncs);
  const funcTypes: FuncType[] = [];
  for (let i = 0; i < nfuncs; i++) {
    const ft = i > 0 && c.chance(30) ? c.pick(funcTypes) : chooseFuncType(c);
    funcTypes.push(ft);
    m.funcs.push({ type: typeIndex(m, ft), locals: [], body: [] });
  }
  // At least one function may call indirectly and, when there are two, at least one may be called so.
  const tableFuncs = nfuncs === 1 ? 1 : 1 + c.int(nfuncs - 1);
  const shape: Shape = { module: m, funcTypes, tableFuncs, memGrowable: false, tableGrowable: [], options };
  chooseMemory(c, shape);
  chooseTables(c, shape);
  chooseGlobals(c, shape);
  chooseElems(c, shape);
  chooseDatas(c, shape);
  return shape;
}

function chooseFuncType(c: Choices): FuncType {
  const params = Array.from({ length: c.int(4) }, () => chooseValType(c));
  const results = Array.from({ length: c.int(3) }, () => chooseValType(c));
  return { params, results };
}

function chooseMemory(c: Choices, s: Shape): void {
  if (c.chance(15)) return; // no memory
  const min = c.weighted([
    [12, 1],
    [1, 0],
    [3, 2],
  ] as const);
  // Without a maximum, memory.grow's outcome is up to the engine: keep grow out then.
  s.memGrowable = !c.chance(10);
  s.module.mems.push({ limits: s.memGrowable ? { min, max: min + c.int(4) } : { min } });
}

function chooseTables(c: Choices, s: Shape): void {
  const n = c.weighted([
    [1, 0],
    [4, 1],
    [2, 2],
  ] as const);
  for (let i = 0; i < n; i++) {
    const elem: RefType = i === 0 || c.chance(50) ? 'funcref' : 'externref';
    const min = c.chance(90) ? 1 + c.int(8) : 0;
    const growable = !c.chance(10);
    s.module.tables.push({ elem, limits: growable ? { min, max: min + c.int(9) } : { min } });
    s.tableGrowable.push(growable);
  }
}

/** A function that may be referenced (in a table, a global, ref.func), or undefined when there is none. */
export function chooseTableFunc(c: Choices, s: Shape): number | undefined {
  const n = s.funcTypes.length - s.tableFuncs;
  return n <= 0 ? undefined : s.tableFuncs + c.int(n);
}

/** A constant expression for a value of type `t`. */
export function constExpr(c: Choices, s: Shape, t: ValType, nonNullPercent = 60): Instr[] {
  if (t === 'funcref') {
    const f = c.chance(nonNullPercent) ? chooseTableFunc(c, s) : undefined;
    return [f === undefined ? instr('ref.null', { refType: 'funcref' }) : instr('ref.func', { index: f })];
  }
  if (isRefType(t)) return [instr('ref.null', { refType: t })];
  return [constInstr(chooseValue(c, t))];
}

function chooseGlobals(c: Choices, s: Shape): void {
  s.module.globals.push({ type: { type: 'i32', mutable: true }, init: [instr('i32.const', { i32: FUEL })] });
  const n = c.int(5);
  for (let i = 0; i < n; i++) {
    const t = chooseValType(c);
    s.module.globals.push({ type: { type: t, mutable: c.chance(60) }, init: constExpr(c, s, t) });
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
    m.elems.push({ type: table.elem, init, mode: { kind: 'active', table: ti, offset: [instr('i32.const', { i32: offset })] } });
  });
  const passive = c.int(3);
  for (let i = 0; i < passive; i++) {
    const type: RefType = c.chance(70) ? 'funcref' : 'externref';
    const init = Array.from({ length: c.int(5) }, () => constExpr(c, s, type));
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
  const bytes = m.mems[0]!.limits.min * PAGE;
  const n = c.int(4);
  for (let i = 0; i < n; i++) {
    const init = c.bytes(c.int(24));
    if (c.chance(50) && bytes >= init.length) {
      const offset = c.chance(70) ? c.int(Math.min(bytes - init.length, 256) + 1) : bytes - init.length;
      m.datas.push({ init, mode: { kind: 'active', memory: 0, offset: [instr('i32.const', { i32: offset })] } });
    } else {
      m.datas.push({ init, mode: { kind: 'passive' } });
    }
  }
}
