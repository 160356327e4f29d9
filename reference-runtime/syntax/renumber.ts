// Renumbering one index space of a module (spec 2.5: functions, tables,
// memories, globals, element and data segments, types): every place the
// module names an item of that space, rewritten through one mapping. The
// harness's driver shifts functions up to make room for its imports; the
// minimiser removes items and closes the gaps.
import type { Instr } from './instructions.js';
import type { Import, Module, NameSection } from './module.js';
import { mapTree } from './walk.js';

export type Space = 'func' | 'table' | 'memory' | 'global' | 'elem' | 'data' | 'type';

/**
 * `m` with every reference to an item of `space` passed through `remap`: in
 * instructions, constant expressions, exports, segment modes, function types,
 * the start function and the name section. `remap` may throw to refuse an
 * index (a removed item): the error propagates, except from the name section,
 * where the name is dropped with its item (a name is no reference).
 */
export function renumberSpace(m: Module, space: Space, remap: (i: number) => number): Module {
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

/** Names of refused functions are dropped with them. */
function renumberNames(names: NameSection, remap: (i: number) => number): NameSection {
  const keep = <V>(map: Map<number, V>): Map<number, V> => {
    const out = new Map<number, V>();
    for (const [i, v] of map) {
      let to: number;
      try {
        to = remap(i);
      } catch {
        continue;
      }
      out.set(to, v);
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
  func: { call: ['index'], return_call: ['index'], 'ref.func': ['index'] },
  table: {
    call_indirect: ['index2'],
    return_call_indirect: ['index2'],
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
  type: { call_indirect: ['index'], return_call_indirect: ['index'], call_ref: ['index'], return_call_ref: ['index'] },
};
