// Renumbering one index space of a module (spec 2.5: types, functions,
// tables, memories, globals, tags, element and data segments): every place
// the module names an item of that space, rewritten through one mapping. The
// harness's driver shifts functions up to make room for its imports; the
// minimiser removes items and closes the gaps. Which immediate of an
// instruction names which space is read from its immediate kind (opcodes.ts),
// so an instruction added with a known kind is renumbered without an edit
// here, and a new kind does not type-check until it has an entry below.
import type { Instr } from './instructions.js';
import type { Elem, Global, Import, Module, NameSection } from './module.js';
import { opInfo, type ImmKind } from './opcodes.js';
import { heapOf, isFuncType, isNullable, refType, type BlockType, type FieldType, type RefType, type StorageType, type SubType, type TableType } from './types.js';
import { mapTree } from './walk.js';

export type Space = 'type' | 'func' | 'table' | 'memory' | 'global' | 'tag' | 'elem' | 'data';
export type Remap = (i: number) => number;

type IndexField = 'index' | 'index2';

/**
 * The space each index immediate names, by immediate kind. Labels, locals,
 * field indices and element counts name none (labels: `mapLabels`). Value
 * types carried by an instruction (ref.null, casts, select, block types) and
 * try_table's catch tags are handled apart, in `renumberInstr`.
 */
const IMM_SPACES: Record<ImmKind, Partial<Record<IndexField, Space>>> = {
  none: {},
  block: {},
  try_table: {},
  tag: { index: 'tag' },
  label: {},
  br_table: {},
  func: { index: 'func' },
  call_indirect: { index: 'type', index2: 'table' },
  local: {},
  global: { index: 'global' },
  table: { index: 'table' },
  table_copy: { index: 'table', index2: 'table' },
  table_init: { index: 'elem', index2: 'table' },
  elem: { index: 'elem' },
  data: { index: 'data' },
  memory_init: { index: 'data', index2: 'memory' },
  memory: { index: 'memory' },
  memory_copy: { index: 'memory', index2: 'memory' },
  memarg: { index: 'memory' },
  memarg_lane: { index: 'memory' },
  lane: {},
  shuffle: {},
  i32: {},
  i64: {},
  f32: {},
  f64: {},
  v128: {},
  reftype: {},
  select_t: {},
  type: { index: 'type' },
  type_field: { index: 'type' },
  type_type: { index: 'type', index2: 'type' },
  type_count: { index: 'type' },
  type_data: { index: 'type', index2: 'data' },
  type_elem: { index: 'type', index2: 'elem' },
  ref_cast: {},
  br_on_cast: {},
};

/** Which immediates of an instruction are labels, by immediate kind (try_table's are in its catch clauses). */
const LABEL_KINDS: ReadonlySet<ImmKind> = new Set<ImmKind>(['label', 'br_table', 'br_on_cast']);

function immKind(ins: Instr): ImmKind {
  const info = opInfo(ins.op);
  if (info === undefined) throw new Error(`renumber: unknown instruction ${ins.op}`);
  return info.imm;
}

/**
 * `m` with every reference to an item of `space` passed through `remap`: in
 * the type section (field, parameter and result types, supertypes),
 * instructions and constant expressions, value types of locals, globals,
 * tables, segments and imports, exports, segment modes, function and tag
 * types, the start function and the name section. `remap` may throw to refuse
 * an index (a removed item): the error propagates, except from the name
 * section, where the name is dropped with its item (a name is no reference).
 */
export function renumberSpace(m: Module, space: Space, remap: Remap): Module {
  const instrs = (seq: readonly Instr[]) => mapTree(seq, (ins) => renumberInstr(ins, space, remap));
  const own = (s: Space, i: number) => (s === space ? remap(i) : i);
  const val = <T extends StorageType>(t: T): T => (space === 'type' ? renumberValType(t, remap) : t);
  const out: Module = {
    ...m,
    types: space === 'type' ? m.types.map((t) => renumberSubType(t, remap)) : m.types,
    imports: m.imports.map((imp) => renumberImport(imp, own, val)),
    funcs: m.funcs.map((f) => ({ ...f, type: own('type', f.type), locals: f.locals.map(val), body: instrs(f.body) })),
    tables: m.tables.map((t) => renumberTable(t, val, instrs)),
    tags: m.tags.map((t) => ({ ...t, type: own('type', t.type) })),
    globals: m.globals.map((g): Global => ({ ...g, type: { ...g.type, type: val(g.type.type) }, init: instrs(g.init) })),
    elems: m.elems.map(
      (e): Elem => ({
        ...e,
        type: val(e.type),
        init: e.init.map(instrs),
        mode: e.mode.kind === 'active' ? { ...e.mode, table: own('table', e.mode.table), offset: instrs(e.mode.offset) } : e.mode,
      }),
    ),
    datas: m.datas.map((d) => ({
      ...d,
      mode: d.mode.kind === 'active' ? { ...d.mode, memory: own('memory', d.mode.memory), offset: instrs(d.mode.offset) } : d.mode,
    })),
    exports: m.exports.map((x) => (x.kind === space ? { ...x, index: remap(x.index) } : x)),
  };
  if (space === 'func') {
    if (m.start !== undefined) out.start = remap(m.start);
    if (m.names !== undefined) out.names = renumberNames(m.names, remap);
  }
  return out;
}

function renumberImport(imp: Import, own: (s: Space, i: number) => number, val: <T extends StorageType>(t: T) => T): Import {
  const d = imp.desc;
  switch (d.kind) {
    case 'func':
      return { ...imp, desc: { kind: 'func', type: own('type', d.type) } };
    case 'tag':
      return { ...imp, desc: { kind: 'tag', tag: { ...d.tag, type: own('type', d.tag.type) } } };
    case 'global':
      return { ...imp, desc: { kind: 'global', global: { ...d.global, type: val(d.global.type) } } };
    case 'table':
      return { ...imp, desc: { kind: 'table', table: { ...d.table, elem: val(d.table.elem) } } };
    case 'memory':
      return imp;
  }
}

function renumberTable(t: TableType, val: <T extends StorageType>(t: T) => T, instrs: (seq: readonly Instr[]) => Instr[]): TableType {
  const out: TableType = { ...t, elem: val(t.elem) };
  if (t.init !== undefined) out.init = instrs(t.init);
  return out;
}

/** A value or storage type with its concrete heap type (a type index) remapped; others as they are. */
export function renumberValType<T extends StorageType>(t: T, remap: Remap): T {
  if (!t.startsWith('ref ')) return t;
  const r = t as RefType;
  const heap = heapOf(r);
  return typeof heap === 'number' ? (refType(isNullable(r), remap(heap)) as T) : t;
}

/** A defined type with the type indices inside it remapped: its field, parameter and result types and its supertypes. */
export function renumberSubType(t: SubType, remap: Remap): SubType {
  const field = (f: FieldType): FieldType => ({ ...f, type: renumberValType(f.type, remap) });
  const sub = t.sub === undefined ? {} : { sub: { ...t.sub, supers: t.sub.supers.map(remap) } };
  if (isFuncType(t)) return { ...t, params: t.params.map((p) => renumberValType(p, remap)), results: t.results.map((r) => renumberValType(r, remap)), ...sub };
  if (t.kind === 'struct') return { ...t, fields: t.fields.map(field), ...sub };
  return { ...t, field: field(t.field), ...sub };
}

/** Names of refused functions are dropped with them. */
function renumberNames(names: NameSection, remap: Remap): NameSection {
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

/**
 * One instruction (not its nested bodies) with its references to `space`
 * remapped. A memory index is absent for memory 0 (decode-instr.ts): it is
 * remapped as 0, and stays absent when it still is 0.
 */
export function renumberInstr(ins: Instr, space: Space, remap: Remap): Instr {
  const fields = IMM_SPACES[immKind(ins)];
  let out = ins;
  for (const field of ['index', 'index2'] as const) {
    if (fields[field] !== space) continue;
    const v = ins[field];
    const to = remap(v ?? 0);
    if (v !== undefined || to !== 0) out = { ...out, [field]: to };
  }
  if (space === 'type') out = renumberInstrTypes(out, remap);
  if (space === 'tag' && ins.catches !== undefined) out = { ...out, catches: ins.catches.map((c) => (c.tag === undefined ? c : { ...c, tag: remap(c.tag) })) };
  return out;
}

/** The value types an instruction carries (ref.null, ref.test/cast, br_on_cast, typed select, block types). */
function renumberInstrTypes(ins: Instr, remap: Remap): Instr {
  let out = ins;
  if (ins.refType !== undefined) out = { ...out, refType: renumberValType(ins.refType, remap) };
  if (ins.refType2 !== undefined) out = { ...out, refType2: renumberValType(ins.refType2, remap) };
  if (ins.types !== undefined) out = { ...out, types: ins.types.map((t) => renumberValType(t, remap)) };
  const bt = ins.blockType;
  if (bt !== undefined && bt.kind !== 'empty') out = { ...out, blockType: renumberBlockType(bt, remap) };
  return out;
}

function renumberBlockType(bt: Exclude<BlockType, { kind: 'empty' }>, remap: Remap): BlockType {
  return bt.kind === 'type' ? { kind: 'type', index: remap(bt.index) } : { kind: 'value', type: renumberValType(bt.type, remap) };
}

/** Every index of `space` one instruction (not its nested bodies) names. */
export function indicesIn(ins: Instr, space: Space): number[] {
  const out: number[] = [];
  renumberInstr(ins, space, (i) => {
    out.push(i);
    return i;
  });
  return out;
}

/**
 * One instruction (not its nested bodies) with its label immediates passed
 * through `f`: br, br_if, br_table, br_on_null/non_null, br_on_cast(_fail),
 * and try_table's catch clauses (which, like a branch at the try_table, see
 * the labels outside it).
 */
export function mapLabels(ins: Instr, f: Remap): Instr {
  const kind = immKind(ins);
  if (kind === 'try_table') return ins.catches === undefined ? ins : { ...ins, catches: ins.catches.map((c) => ({ ...c, label: f(c.label) })) };
  if (!LABEL_KINDS.has(kind)) return ins;
  const out: Instr = { ...ins, index: f(ins.index!) };
  if (ins.labels !== undefined) out.labels = ins.labels.map(f);
  return out;
}
