// Removing items from a module's index spaces (functions, tables, memories,
// globals, element and data segments, types) and renumbering every reference
// to the items that remain: in instructions, constant expressions, exports,
// the start function, segment modes and the name section. Imported items
// come first in their space and are removed like defined ones.
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Import, Module, NameSection } from '../../reference-runtime/syntax/module.js';
import { mapTree } from './instr-tree.js';

export type Space = 'func' | 'table' | 'memory' | 'global' | 'elem' | 'data' | 'type';

export const SPACES: readonly Space[] = ['func', 'table', 'memory', 'global', 'elem', 'data', 'type'];

/** The items of `space` that something refers to (instructions, exports, start, segments, function types). */
export function referencedItems(m: Module, space: Space): Set<number> {
  const seen = new Set<number>();
  const { names: _names, ...unnamed } = m; // a name is no reference
  renumbered(unnamed, space, (i) => {
    seen.add(i);
    return i;
  });
  return seen;
}

/** A reference to a removed item: the candidate is dropped, not repaired. */
class Dangling extends Error {}

function importKind(space: Space): Import['desc']['kind'] | undefined {
  return space === 'elem' || space === 'data' || space === 'type' ? undefined : space;
}

function importsOf(m: Module, space: Space): Import[] {
  const kind = importKind(space);
  return kind === undefined ? [] : m.imports.filter((i) => i.desc.kind === kind);
}

function definedCount(m: Module, space: Space): number {
  const defined = { func: m.funcs, table: m.tables, memory: m.mems, global: m.globals, elem: m.elems, data: m.datas, type: m.types };
  return defined[space].length;
}

/** Number of imported items in a space (they come first in it). */
export function importedCount(m: Module, space: Space): number {
  return importsOf(m, space).length;
}

/** Number of items in a space, imports included. */
export function spaceSize(m: Module, space: Space): number {
  return importsOf(m, space).length + definedCount(m, space);
}

/**
 * `m` without the items `removed` of `space`, every reference renumbered;
 * undefined when something that stays still refers to a removed item.
 */
export function removeFromSpace(m: Module, space: Space, removed: ReadonlySet<number>): Module | undefined {
  const size = spaceSize(m, space);
  const newIndex: number[] = [];
  let next = 0;
  for (let i = 0; i < size; i++) newIndex.push(removed.has(i) ? -1 : next++);
  const remap = (i: number): number => {
    const n = newIndex[i];
    if (n === undefined || n < 0) throw new Dangling();
    return n;
  };
  try {
    return renumbered(withoutItems(m, space, removed), space, remap);
  } catch (e) {
    if (e instanceof Dangling) return undefined;
    throw e;
  }
}

/** The definitions of `space` filtered (imports of that kind first, as indices count them). */
function withoutItems(m: Module, space: Space, removed: ReadonlySet<number>): Module {
  const kind = importKind(space);
  const imported = importsOf(m, space).length;
  const keepDefined = <T>(list: T[]): T[] => list.filter((_, i) => !removed.has(imported + i));
  let seen = 0;
  const imports = kind === undefined ? m.imports : m.imports.filter((imp) => imp.desc.kind !== kind || !removed.has(seen++));
  switch (space) {
    case 'func':
      return { ...m, imports, funcs: keepDefined(m.funcs) };
    case 'table':
      return { ...m, imports, tables: keepDefined(m.tables) };
    case 'memory':
      return { ...m, imports, mems: keepDefined(m.mems) };
    case 'global':
      return { ...m, imports, globals: keepDefined(m.globals) };
    case 'elem':
      return { ...m, elems: keepDefined(m.elems) };
    case 'data': {
      const datas = keepDefined(m.datas);
      return { ...m, datas, ...(m.dataCount === undefined ? {} : { dataCount: datas.length }) };
    }
    case 'type':
      return { ...m, types: keepDefined(m.types) };
  }
}

/** Every reference to `space` passed through `remap` (which throws Dangling for a removed item). */
function renumbered(m: Module, space: Space, remap: (i: number) => number): Module {
  const instrs = (seq: readonly Instr[]) => mapTree(seq, (ins) => renumberInstr(ins, space, remap));
  const out: Module = {
    ...m,
    imports: space === 'type' ? m.imports.map((imp) => renumberImportType(imp, remap)) : m.imports,
    funcs: m.funcs.map((f) => ({ ...f, type: space === 'type' ? remap(f.type) : f.type, body: instrs(f.body) })),
    globals: m.globals.map((g) => ({ ...g, init: instrs(g.init) })),
    elems: m.elems.map((e) => ({
      ...e,
      init: e.init.map(instrs),
      mode: e.mode.kind === 'active' ? { ...e.mode, table: space === 'table' ? remap(e.mode.table) : e.mode.table, offset: instrs(e.mode.offset) } : e.mode,
    })),
    datas: m.datas.map((d) => ({
      ...d,
      mode: d.mode.kind === 'active' ? { ...d.mode, memory: space === 'memory' ? remap(d.mode.memory) : d.mode.memory, offset: instrs(d.mode.offset) } : d.mode,
    })),
    exports: m.exports.map((x) => (x.kind === space ? { ...x, index: remap(x.index) } : x)),
  };
  if (space === 'func') {
    if (m.start !== undefined) out.start = remap(m.start);
    if (m.names !== undefined) out.names = renumberNames(m.names, remap);
  }
  return out;
}

function renumberImportType(imp: Import, remap: (i: number) => number): Import {
  return imp.desc.kind === 'func' ? { ...imp, desc: { kind: 'func', type: remap(imp.desc.type) } } : imp;
}

/** Names of removed functions are dropped with them (a name is no reference). */
function renumberNames(names: NameSection, remap: (i: number) => number): NameSection {
  const keep = <V>(map: Map<number, V>): Map<number, V> => {
    const out = new Map<number, V>();
    for (const [i, v] of map) {
      try {
        out.set(remap(i), v);
      } catch (e) {
        if (!(e instanceof Dangling)) throw e;
      }
    }
    return out;
  };
  return { ...names, funcs: keep(names.funcs), locals: keep(names.locals) };
}

/** The fields of one instruction that index `space` (spec 2.4 immediates; memory indices are implicit 0 in 2.0). */
function renumberInstr(ins: Instr, space: Space, remap: (i: number) => number): Instr {
  const fields = INDEX_FIELDS[space][ins.op];
  let out = ins;
  for (const field of fields ?? []) {
    const v = ins[field];
    if (v !== undefined) out = { ...out, [field]: remap(v) };
  }
  if (space === 'type' && ins.blockType?.kind === 'type') out = { ...out, blockType: { kind: 'type', index: remap(ins.blockType.index) } };
  return out;
}

type IndexField = 'index' | 'index2';

const INDEX_FIELDS: Record<Space, Record<string, IndexField[]>> = {
  func: { call: ['index'], 'ref.func': ['index'] },
  table: {
    call_indirect: ['index2'],
    'table.get': ['index'],
    'table.set': ['index'],
    'table.size': ['index'],
    'table.grow': ['index'],
    'table.fill': ['index'],
    'table.copy': ['index', 'index2'],
    'table.init': ['index2'],
  },
  memory: {},
  global: { 'global.get': ['index'], 'global.set': ['index'] },
  elem: { 'table.init': ['index'], 'elem.drop': ['index'] },
  data: { 'memory.init': ['index'], 'data.drop': ['index'] },
  type: { call_indirect: ['index'] },
};
