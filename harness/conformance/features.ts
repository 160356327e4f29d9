// Which post-MVP WebAssembly 2.0 features a module needs, read from its types
// and instructions, so that a runtime that lacks one (as probed by
// adapters/features.ts) gets "unsupported" with that feature as the reason
// instead of a failure.
import type { FeatureName } from '../../adapters/adapter.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import { heapOf, isFuncType, isNullable, isRefType, type HeapType, type StorageType, type ValType } from '../../reference-runtime/syntax/types.js';

const SIGN_EXTENSION = new Set(['i32.extend8_s', 'i32.extend16_s', 'i64.extend8_s', 'i64.extend16_s', 'i64.extend32_s']);
const BULK = new Set(['memory.init', 'data.drop', 'memory.copy', 'memory.fill', 'table.init', 'elem.drop', 'table.copy']);
const REFERENCES = new Set(['table.get', 'table.set', 'table.grow', 'table.size', 'table.fill', 'ref.null', 'ref.is_null', 'ref.func']);

/** Every instruction of the module, nested bodies and constant expressions included. */
export function* allInstrs(m: Module): Generator<Instr> {
  for (const [, body] of bodies(m)) yield* walk(body);
}

function* walk(body: readonly Instr[]): Generator<Instr> {
  for (const i of body) {
    yield i;
    if (i.body) yield* walk(i.body);
    if (i.elseBody) yield* walk(i.elseBody);
  }
}

/** Each instruction sequence of the module: function bodies, and the constant expressions (marked `true`). */
function* bodies(m: Module): Generator<[boolean, readonly Instr[]]> {
  for (const f of m.funcs) yield [false, f.body];
  for (const g of m.globals) yield [true, g.init];
  for (const t of m.tables) if (t.init) yield [true, t.init];
  for (const e of m.elems) {
    // a segment of function indices holds no expressions: its ref.func are the decoder's
    if (e.form !== 'indices') for (const init of e.init) yield [true, init];
    if (e.mode.kind === 'active') yield [true, e.mode.offset];
  }
  for (const d of m.datas) if (d.mode.kind === 'active') yield [true, d.mode.offset];
}

const EXTENDED_CONST = new Set(['i32.add', 'i32.sub', 'i32.mul', 'i64.add', 'i64.sub', 'i64.mul']);
const GC_HEAPS: ReadonlySet<HeapType> = new Set<HeapType>(['any', 'eq', 'i31', 'struct', 'array', 'none', 'nofunc', 'noextern']);

/**
 * Every post-MVP feature the module needs, 2.0's and 3.0's: read from its
 * types (exnref, typed and GC references, struct/array/sub/rec types),
 * memories and tables (64-bit addresses, several memories), tags, constant
 * expressions (extended arithmetic) and
 * instructions (each 3.0 instruction's `feature` in the one opcode table).
 */
export function featuresUsed(m: Module): FeatureName[] {
  const used = new Set<FeatureName>();
  const valType = (t: ValType): void => {
    if (t === 'v128') used.add('simd');
    if (!isRefType(t)) return;
    if (t === 'externref') used.add('reference-types');
    const heap = heapOf(t);
    if (heap === 'exn' || heap === 'noexn') used.add('exceptions');
    else if (GC_HEAPS.has(heap)) used.add('gc');
    else if (typeof heap === 'number') used.add(m.types[heap] !== undefined && !isFuncType(m.types[heap]!) ? 'gc' : 'function-references');
    else if (!isNullable(t)) used.add('function-references'); // (ref func), (ref extern)
  };
  const storage = (t: StorageType): void => {
    if (t !== 'i8' && t !== 'i16') valType(t);
  };
  if (m.recs?.some((r) => r.explicit)) used.add('gc');
  for (const t of m.types) {
    if (t.sub !== undefined && (!t.sub.final || t.sub.supers.length > 0)) used.add('gc');
    if (t.kind === 'struct') {
      used.add('gc');
      t.fields.forEach((f) => storage(f.type));
    } else if (t.kind === 'array') {
      used.add('gc');
      storage(t.field.type);
    } else {
      t.params.forEach(valType);
      t.results.forEach(valType);
      if (t.results.length > 1) used.add('multi-value');
    }
  }
  const tables = [...m.imports.flatMap((i) => (i.desc.kind === 'table' ? [i.desc.table] : [])), ...m.tables];
  const mems = [...m.imports.flatMap((i) => (i.desc.kind === 'memory' ? [i.desc.memory] : [])), ...m.mems];
  for (const i of m.imports) if (i.desc.kind === 'global') valType(i.desc.global.type);
  if (m.tags.length > 0 || m.imports.some((i) => i.desc.kind === 'tag')) used.add('exceptions');
  for (const f of m.funcs) f.locals.forEach(valType);
  for (const g of m.globals) valType(g.type.type);
  for (const t of tables) {
    valType(t.elem);
    if (t.addr === 'i64') used.add('memory64');
    if (t.init !== undefined) used.add('function-references');
  }
  if (tables.length > 1) used.add('reference-types');
  if (mems.some((mem) => mem.addr === 'i64')) used.add('memory64');
  if (mems.length > 1) used.add('multi-memory');
  if (m.datas.some((d) => d.mode.kind === 'passive')) used.add('bulk-memory');
  for (const e of m.elems) {
    // a segment of function indices states no type: 3.0's decoder gives it (ref func), 2.0's funcref
    if (e.form !== 'indices') valType(e.type);
    if (e.mode.kind !== 'active' || e.type === 'externref') used.add('bulk-memory');
  }
  const importedGlobals = m.imports.filter((i) => i.desc.kind === 'global').length;
  for (const [constant, body] of bodies(m)) {
    for (const i of walk(body)) {
      const info = opInfo(i.op);
      if (info?.feature !== undefined) used.add(info.feature);
      if (info?.prefix === 0xfd) used.add('simd');
      else if (info?.prefix === 0xfc && info.code <= 7) used.add('saturating-conversions');
      if (SIGN_EXTENSION.has(i.op)) used.add('sign-extension');
      if (BULK.has(i.op)) used.add('bulk-memory');
      if (REFERENCES.has(i.op) || (i.op === 'call_indirect' && (i.index2 ?? 0) !== 0) || (i.op === 'select' && i.types !== undefined)) {
        used.add('reference-types');
      }
      if (i.blockType?.kind === 'type') used.add('multi-value');
      if (i.blockType?.kind === 'value') valType(i.blockType.type);
      if (i.refType !== undefined) valType(i.refType);
      if (i.refType2 !== undefined) valType(i.refType2);
      i.types?.forEach(valType);
      if (constant && EXTENDED_CONST.has(i.op)) used.add('extended-const');
      // 3.0 lets a constant expression read the module's own (defined) globals: a rule of the GC proposal, and
      // engines tie it to GC: Wasmtime 42 in wizer (extended-const on, GC off) refuses it ("constant expression
      // required: global.get of locally defined global"), as do Node 20 and WAMR 1.1.2, which lack both.
      if (constant && i.op === 'global.get' && (i.index ?? 0) >= importedGlobals) used.add('gc');
    }
  }
  return [...used].sort();
}
