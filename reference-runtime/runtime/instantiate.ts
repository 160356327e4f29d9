// Instantiation (spec 4.5.4): resolve and match imports, allocate the
// module's functions, tags, globals (each global's initialiser sees the
// globals before it), tables (3.0: each filled with its initialiser's value,
// which may read any global), memories, evaluate segments, apply
// the active ones in order (elements, then data; each dropped once applied,
// declarative element segments dropped too), then run the start function.
// WebAssembly 2.0 semantics for traps: segments are applied one by one, so a
// trap leaves the writes of earlier segments (to imported tables and
// memories) in place, and the instance is not returned.
import { LinkError, Trap } from '../errors.js';
import type { Module } from '../syntax/module.js';
import { attachCoverage, type Coverage } from '../exec/coverage.js';
import { invokeFunction } from '../exec/invoke.js';
import { machine } from '../exec/machine.js';
import type { FuncType } from '../syntax/types.js';
import { canonicalTypes, closeType, defType } from '../types/canonical.js';
import { allocation } from './aggregate.js';
import { evalConst, type ConstContext } from './const-expr.js';
import type { FuncInstance } from './func.js';
import { GlobalInstance } from './global.js';
import { lookupImport, type ExternVal, type Imports, type ModuleInstance } from './instance.js';
import { externMatches } from './match.js';
import { MemoryInstance } from './memory.js';
import { TableInstance } from './table.js';
import { TagInstance } from './tag.js';
import { refOf, type Value } from './values.js';

/** `coverage`: count the instructions this instance executes (exec/coverage.ts), the start function's included. */
export function instantiate(module: Module, imports: Imports, coverage?: Coverage): ModuleInstance {
  const ids = canonicalTypes(module);
  // the initialisers' GC allocations have a budget of their own, unless a host function instantiates during a call
  if (machine.depth === 0) allocation.bytes = 0;
  const inst: ModuleInstance = {
    types: module.types,
    typeIds: ids,
    funcs: [],
    tables: [],
    mems: [],
    globals: [],
    tags: [],
    elems: [],
    datas: [],
    exports: new Map(),
  };
  if (coverage !== undefined) attachCoverage(inst, coverage);
  resolveImports(module, imports, inst);
  // runtime types are closed: a function's, tag's, global's or table's concrete references name TypeIds
  for (const code of module.funcs) inst.funcs.push({ kind: 'wasm', type: defType(ids[code.type]!) as FuncType, typeId: ids[code.type]!, instance: inst, code });
  for (const t of module.tags) inst.tags.push(new TagInstance(defType(ids[t.type]!) as FuncType, ids[t.type]!));
  // Initialisers see the imported globals, the globals defined before, and every function (ref.func).
  const ctx: ConstContext = { funcs: inst.funcs, globals: inst.globals, typeIds: ids };
  for (const g of module.globals) inst.globals.push(new GlobalInstance({ type: closeType(g.type.type, ids), mutable: g.type.mutable }, evalConst(g.init, ctx)));
  for (const t of module.tables) {
    const type = { limits: t.limits, elem: closeType(t.elem, ids), ...(t.addr === undefined ? {} : { addr: t.addr }) };
    inst.tables.push(new TableInstance(type, t.init === undefined ? null : refOf(evalConst(t.init, ctx))));
  }
  for (const m of module.mems) inst.mems.push(new MemoryInstance(m));
  for (const e of module.elems) inst.elems.push(e.init.map((expr) => refOf(evalConst(expr, ctx))));
  for (const d of module.datas) inst.datas.push(d.init);
  for (const ex of module.exports) inst.exports.set(ex.name, exportOf(inst, ex.kind, ex.index));

  module.elems.forEach((e, i) => {
    if (e.mode.kind === 'active') {
      const table = inst.tables[e.mode.table]!;
      const d = address(evalConst(e.mode.offset, ctx));
      const refs = inst.elems[i]!;
      if (d + refs.length > table.size) throw new Trap('out of bounds table access');
      for (let k = 0; k < refs.length; k++) table.elements[d + k] = refs[k];
    }
    if (e.mode.kind !== 'passive') inst.elems[i] = [];
  });
  module.datas.forEach((data, i) => {
    if (data.mode.kind !== 'active') return;
    const mem = inst.mems[data.mode.memory]!;
    const d = address(evalConst(data.mode.offset, ctx));
    if (d + data.init.length > mem.bytes.length) throw new Trap('out of bounds memory access');
    mem.bytes.set(data.init, d);
    inst.datas[i] = new Uint8Array(0);
  });

  if (module.start !== undefined) invokeFunction(inst.funcs[module.start]!, []);
  return inst;
}

/**
 * A segment offset (i32, or i64 for a 64-bit table or memory) as an unsigned
 * number: a u64 beyond 2^53 rounds, but only to a number beyond every size,
 * so the bounds checks stay exact.
 */
function address(v: Value): number {
  if (v.type === 'i32') return v.value >>> 0;
  if (v.type === 'i64') return Number(BigInt.asUintN(64, v.value));
  throw new Error(`segment offset of type ${v.type}`);
}

function resolveImports(module: Module, imports: Imports, inst: ModuleInstance): void {
  for (const imp of module.imports) {
    const v = lookupImport(imports, imp.module, imp.name);
    if (v === undefined) throw new LinkError(`unknown import ${imp.module}.${imp.name}`);
    if (!externMatches(v, imp.desc, module)) throw new LinkError(`incompatible import type for ${imp.module}.${imp.name}`);
    switch (v.kind) {
      case 'func':
        inst.funcs.push(v.value);
        break;
      case 'table':
        inst.tables.push(v.value);
        break;
      case 'memory':
        inst.mems.push(v.value);
        break;
      case 'global':
        inst.globals.push(v.value);
        break;
      case 'tag':
        inst.tags.push(v.value);
        break;
    }
  }
}

function exportOf(inst: ModuleInstance, kind: ExternVal['kind'], index: number): ExternVal {
  switch (kind) {
    case 'func':
      return { kind, value: inst.funcs[index] as FuncInstance };
    case 'table':
      return { kind, value: inst.tables[index]! };
    case 'memory':
      return { kind, value: inst.mems[index]! };
    case 'global':
      return { kind, value: inst.globals[index]! };
    case 'tag':
      return { kind, value: inst.tags[index]! };
  }
}
