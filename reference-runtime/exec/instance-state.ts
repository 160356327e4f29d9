// The mutable state an invocation can reach, captured and put back, so that
// exec/invoke.ts can re-run one invocation from the same state under another
// relaxed SIMD profile. Reachable: the invoked function's instance, and every
// instance whose function it can reach through its imports, tables, globals,
// element segments or funcref arguments (transitively). Their memories,
// tables and globals (imported ones are the same objects) and their dropped
// data and element segments are captured. Limits: a host function's own
// state (and whatever a host function reaches) is not captured; tags and
// exceptions are immutable and need nothing; GC objects (structs and arrays,
// 3.0) are neither walked for the functions they hold nor captured, so a
// re-run starts from the fields the earlier run left in objects that existed
// before the call.
import { OPCODES } from '../syntax/opcodes.js';
import type { Func } from '../syntax/module.js';
import { forEachInstr } from '../syntax/walk.js';
import type { FuncInstance, WasmFunc } from '../runtime/func.js';
import type { GlobalInstance } from '../runtime/global.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { MemoryInstance } from '../runtime/memory.js';
import type { TableInstance } from '../runtime/table.js';
import type { Value } from '../runtime/values.js';
import { relaxed } from './numerics/v128/relaxed-profile.js';

function isWasmFunc(x: unknown): x is WasmFunc {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'wasm' && 'instance' in x;
}

/** Every instance whose code `f` (called with `args`) may run, host functions aside. */
export function reachableInstances(f: FuncInstance, args: readonly Value[]): Set<ModuleInstance> {
  const seen = new Set<ModuleInstance>();
  const todo: ModuleInstance[] = [];
  const visit = (x: unknown): void => {
    if (isWasmFunc(x) && !seen.has(x.instance)) {
      seen.add(x.instance);
      todo.push(x.instance);
    }
  };
  visit(f);
  for (const a of args) if (a.type === 'funcref') visit(a.ref);
  for (let inst = todo.pop(); inst !== undefined; inst = todo.pop()) {
    for (const g of inst.funcs) visit(g);
    for (const t of inst.tables) for (const e of t.elements) visit(e);
    for (const g of inst.globals) visit(g.ref);
    for (const e of inst.elems) for (const r of e) visit(r);
  }
  return seen;
}

const relaxedCode = new WeakMap<Func, boolean>();

/** The relaxed SIMD mnemonics: a set to look in, as every invocation of a new module walks all its code once. */
const RELAXED_OPS = new Set(OPCODES.filter((o) => o.feature === 'relaxed-simd').map((o) => o.name));

function hasRelaxed(code: Func): boolean {
  let r = relaxedCode.get(code);
  if (r === undefined) {
    r = false;
    forEachInstr(code.body, (ins) => {
      if (RELAXED_OPS.has(ins.op)) r = true;
    });
    relaxedCode.set(code, r);
    if (r) relaxed.codeSeen = true;
  }
  return r;
}

function ownRelaxed(inst: ModuleInstance): boolean {
  return inst.funcs.some((f) => f.kind === 'wasm' && f.instance === inst && hasRelaxed(f.code));
}

/** True when some function of these instances contains a relaxed SIMD instruction. */
export function runsRelaxed(instances: Iterable<ModuleInstance>): boolean {
  for (const inst of instances) if (ownRelaxed(inst)) return true;
  return false;
}

const staticRelaxed = new WeakMap<ModuleInstance, boolean>();

/**
 * True when the instance or one it imports functions from (transitively)
 * contains a relaxed SIMD instruction: fixed at instantiation, so cached.
 * Other instances are reachable only through shared tables, globals or
 * funcref arguments, which `reachableInstances` walks.
 */
export function importsRelaxed(inst: ModuleInstance): boolean {
  let r = staticRelaxed.get(inst);
  if (r === undefined) {
    staticRelaxed.set(inst, false); // a guard: import graphs have no cycles, but be safe
    r = ownRelaxed(inst) || inst.funcs.some((f) => f.kind === 'wasm' && f.instance !== inst && importsRelaxed(f.instance));
    staticRelaxed.set(inst, r);
  }
  return r;
}

interface MemoryState {
  mem: MemoryInstance;
  bytes: Uint8Array;
  type: MemoryInstance['type'];
}

interface TableState {
  table: TableInstance;
  elements: unknown[];
  type: TableInstance['type'];
}

interface GlobalState {
  global: GlobalInstance;
  cell: Int32Array;
  ref: unknown;
}

interface SegmentState {
  inst: ModuleInstance;
  elems: unknown[][];
  datas: Uint8Array[];
}

export interface InstanceState {
  memories: MemoryState[];
  tables: TableState[];
  globals: GlobalState[];
  segments: SegmentState[];
}

/** A copy of the mutable state of `instances`. */
export function captureState(instances: Iterable<ModuleInstance>): InstanceState {
  const mems = new Set<MemoryInstance>();
  const tables = new Set<TableInstance>();
  const globals = new Set<GlobalInstance>();
  const segments: SegmentState[] = [];
  for (const inst of instances) {
    inst.mems.forEach((m) => mems.add(m));
    inst.tables.forEach((t) => tables.add(t));
    inst.globals.forEach((g) => globals.add(g));
    segments.push({ inst, elems: [...inst.elems], datas: [...inst.datas] });
  }
  return {
    memories: [...mems].map((mem) => ({ mem, bytes: mem.bytes.slice(), type: mem.type })),
    tables: [...tables].map((table) => ({ table, elements: [...table.elements], type: table.type })),
    globals: [...globals].map((global) => ({ global, cell: global.cell.slice(), ref: global.ref })),
    segments,
  };
}

/** Puts the state back as it was captured (the state object stays reusable). */
export function restoreState(s: InstanceState): void {
  for (const { mem, bytes, type } of s.memories) {
    if (mem.bytes.length === bytes.length) {
      mem.bytes.set(bytes);
    } else {
      // a grown memory gets a buffer of its old size back, as grow() builds one
      mem.bytes = bytes.slice();
      mem.view = new DataView(mem.bytes.buffer);
      mem.words = new Int32Array(mem.bytes.buffer);
    }
    mem.type = type;
  }
  for (const { table, elements, type } of s.tables) {
    copyInto(table.elements, elements);
    table.type = type;
  }
  for (const { global, cell, ref } of s.globals) {
    global.cell.set(cell);
    global.ref = ref;
  }
  for (const { inst, elems, datas } of s.segments) {
    copyInto(inst.elems, elems);
    copyInto(inst.datas, datas);
  }
}

/** Makes `to` hold exactly the items of `from`, in place (arrays may be large: no spreading into arguments). */
function copyInto<T>(to: T[], from: readonly T[]): void {
  to.length = from.length;
  for (let i = 0; i < from.length; i++) to[i] = from[i]!;
}
