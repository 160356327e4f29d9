// Code over typed references (function-references) and GC objects, type
// directed like the rest of body.ts: producers of a value of a given type
// and statements. Subtyping comes from the oracle (Shape.matches): a value
// of a subtype serves where a type is asked for, a cast goes from a
// supertype down. Branches on references (br_on_null, br_on_non_null,
// br_on_cast, br_on_cast_fail) sit in a block of their own that computes the
// asked-for value either way. Indices are mostly small constants, so that
// most accesses stay inside the short arrays the generator allocates; the
// others (and nulls) reach the traps.
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import { heapOf, isFuncType, isNullable, isRefType, withNullable, type ArrayType, type FuncType, type RefType, type StorageType, type StructType, type ValType } from '../../reference-runtime/syntax/types.js';
import type { BodyGen, Options, Stmts } from './body.js';
import type { Shape } from './module-shape.js';

/** The function types that typed function references of the module name, with their indices. */
export function funcRefTypes(s: Shape): { index: number; type: FuncType }[] {
  return s.refTypes.flatMap((t) => {
    if (!t.startsWith('ref null ')) return [];
    const index = heapOf(t) as number;
    const def = s.module.types[index]!;
    return isFuncType(def) ? [{ index, type: def }] : [];
  });
}

/** The value type a field of storage type `st` is read and written as. */
function unpacked(st: StorageType): ValType {
  return st === 'i8' || st === 'i16' ? 'i32' : st;
}

const isPacked = (st: StorageType): boolean => st === 'i8' || st === 'i16';

function structOf(s: Shape, i: number): StructType {
  return s.module.types[i] as StructType;
}

function arrayOf(s: Shape, i: number): ArrayType {
  return s.module.types[i] as ArrayType;
}

/** A reference to an object of type index i: mostly non-null (most accesses then do not trap). */
function objectRef(g: BodyGen, i: number, d: number): Instr[] {
  return g.expr(g.c.chance(75) ? `ref ${i}` : `ref null ${i}`, d);
}

/** A small i32 index or length. */
function small(g: BodyGen, n: number): Instr {
  return g.smallConst(n);
}

export function gcProducers(g: BodyGen, t: ValType, d: number): Options<Instr[]> {
  const out: Options<Instr[]> = [];
  const { s, c } = g;
  const gc = g.uses('gc');
  if (isRefType(t)) refProducers(g, t, d, out);
  if (gc) fieldReads(g, t, d, out);
  if (gc && t === 'i32') {
    out.push([1, () => {
      const rt = c.pick(s.refTypes);
      const from = s.refTypes.filter((u) => s.matches(rt, u));
      return [...g.expr(c.pick(from), d), instr('ref.test', { refType: rt })];
    }]);
    out.push([1, () => [...g.expr(c.chance(50) ? 'eqref' : 'i31ref', d), ...g.expr(c.chance(50) ? 'eqref' : 'structref', d), instr('ref.eq')]]);
    out.push([1, () => [...g.expr(c.chance(80) ? 'ref i31' : 'i31ref', d), instr(c.chance(50) ? 'i31.get_s' : 'i31.get_u')]]);
    if (s.gc.arrays.length > 0) out.push([1, () => [...(c.chance(70) ? objectRef(g, c.pick(s.gc.arrays), d) : g.expr('arrayref', d)), instr('array.len')]]);
  }
  if (g.uses('function-references') && g.canNest()) {
    const nullable = s.refTypes.filter(isNullable);
    out.push([1, () => {
      // block (result t) t (ref null ht) br_on_null 0 drop end: t either way
      g.enter([t]);
      const body = [...g.expr(t, d), ...g.expr(c.pick(nullable), d), instr('br_on_null', { index: 0 }), instr('drop')];
      g.leave();
      return [instr('block', { blockType: { kind: 'value', type: t }, body })];
    }]);
  }
  if (g.uses('function-references') && g.callsThroughRefs()) {
    const typed = funcRefTypes(s).filter((f) => f.type.results.includes(t));
    if (typed.length > 0) out.push([2, () => g.keepOne(callRef(g, c.pick(typed), d), t)]);
  }
  return out;
}

function callRef(g: BodyGen, f: { index: number; type: FuncType }, d: number): { instrs: Instr[]; type: FuncType } {
  const ref = g.expr(g.c.chance(70) ? `ref ${f.index}` : `ref null ${f.index}`, d);
  return { instrs: [...g.values(f.type.params, d), ...ref, instr('call_ref', { index: f.index })], type: f.type };
}

/** Producers of a reference type t: subtypes, allocations, conversions, casts and branches on references. */
function refProducers(g: BodyGen, t: RefType, d: number, out: Options<Instr[]>): void {
  const { s, c } = g;
  const heap = heapOf(t);
  const subs = s.refTypes.filter((u) => u !== t && s.matches(u, t));
  if (subs.length > 0) out.push([3, () => g.expr(c.pick(subs), d)]);
  if (g.uses('gc')) {
    if (typeof heap === 'number' && s.gc.structs.includes(heap)) out.push([4, () => structNew(g, heap, d)]);
    if (typeof heap === 'number' && s.gc.arrays.includes(heap)) out.push([4, () => arrayNew(g, heap, d)]);
    if (heap === 'i31') out.push([2, () => [...g.expr('i32', d), instr('ref.i31')]]);
    if (heap === 'any') out.push([3, () => [...g.expr('externref', d), instr('any.convert_extern')]]);
    if (heap === 'extern') out.push([4, () => [...g.expr('anyref', d), instr('extern.convert_any')]]);
    const supers = s.refTypes.filter((u) => u !== t && s.matches(t, u));
    if (supers.length > 0) out.push([2, () => [...g.expr(c.pick(supers), d), instr('ref.cast', { refType: t })]]);
    const targets = subs.length > 0 ? subs : [t];
    if (g.canNest()) {
      out.push([1, () => {
        // block (result t) t br_on_cast(_fail) 0 t t' end: a t whichever way the cast goes
        const op = c.chance(50) ? 'br_on_cast' : 'br_on_cast_fail';
        g.enter([t]);
        const body = [...g.expr(t, d), instr(op, { index: 0, refType: t, refType2: c.pick(targets) })];
        g.leave();
        return [instr('block', { blockType: { kind: 'value', type: t }, body })];
      }]);
    }
  }
  const orNull = withNullable(t, true);
  if (g.uses('function-references') && !isNullable(t) && s.refTypes.includes(orNull)) {
    out.push([2, () => [...g.expr(orNull, d), instr('ref.as_non_null')]]);
    if (g.canNest()) {
      out.push([1, () => {
        // block (result (ref ht)) (ref null ht) br_on_non_null 0 <fallback> end
        g.enter([t]);
        const body = [...g.expr(orNull, d), instr('br_on_non_null', { index: 0 }), ...g.expr(t, d)];
        g.leave();
        return [instr('block', { blockType: { kind: 'value', type: t }, body })];
      }]);
    }
  }
}

function structNew(g: BodyGen, i: number, d: number): Instr[] {
  const fields = structOf(g.s, i).fields;
  if (g.c.chance(30)) return [instr('struct.new_default', { index: i })];
  return [...g.values(fields.map((f) => unpacked(f.type)), d), instr('struct.new', { index: i })];
}

function arrayNew(g: BodyGen, i: number, d: number): Instr[] {
  const { s, c } = g;
  const elem = arrayOf(s, i).field.type;
  const value = unpacked(elem);
  const ways: Options<Instr[]> = [
    [2, () => [...g.expr(value, d), small(g, 6), instr('array.new', { index: i })]],
    [1, () => [small(g, 6), instr('array.new_default', { index: i })]],
    [2, () => {
      const n = c.int(5);
      return [...g.values(Array.from({ length: n }, () => value), d), instr('array.new_fixed', { index: i, index2: n })];
    }],
  ];
  const datas = s.module.datas.length;
  if (!isRefType(value) && datas > 0) ways.push([2, () => [small(g, 8), small(g, 4), instr('array.new_data', { index: i, index2: c.int(datas) })]]);
  const elems = s.module.elems.flatMap((e, k) => (isRefType(value) && s.matches(e.type, value) ? [k] : []));
  if (elems.length > 0) ways.push([4, () => [small(g, 3), small(g, 3), instr('array.new_elem', { index: i, index2: c.pick(elems) })]]);
  return c.weighted(ways)();
}

/** struct.get(_s/_u) and array.get(_s/_u) of fields whose type serves as t. */
function fieldReads(g: BodyGen, t: ValType, d: number, out: Options<Instr[]>): void {
  const { s, c } = g;
  const fits = (st: StorageType) => (isPacked(st) ? t === 'i32' : s.matches(st as ValType, t));
  const getOp = (base: 'struct.get' | 'array.get', st: StorageType) => (isPacked(st) ? (`${base}_${c.chance(50) ? 's' : 'u'}` as const) : base);
  const fields = s.gc.structs.flatMap((i) => structOf(s, i).fields.flatMap((f, k) => (fits(f.type) ? [{ i, k, st: f.type }] : [])));
  if (fields.length > 0) {
    out.push([3, () => {
      const f = c.pick(fields);
      return [...objectRef(g, f.i, d), instr(getOp('struct.get', f.st), { index: f.i, index2: f.k })];
    }]);
  }
  const arrays = s.gc.arrays.filter((i) => fits(arrayOf(s, i).field.type));
  if (arrays.length > 0) {
    out.push([3, () => {
      const i = c.pick(arrays);
      return [...objectRef(g, i, d), small(g, 3), instr(getOp('array.get', arrayOf(s, i).field.type), { index: i })];
    }]);
  }
}

export function gcStmts(g: BodyGen, d: number): Options<Stmts> {
  const { s, c } = g;
  const plain = (instrs: Instr[]): Stmts => ({ instrs, terminal: false });
  const out: Options<Stmts> = [];
  const mutFields = s.gc.structs.flatMap((i) => structOf(s, i).fields.flatMap((f, k) => (f.mutable ? [{ i, k, st: f.type }] : [])));
  if (mutFields.length > 0) {
    out.push([2, () => {
      const f = c.pick(mutFields);
      return plain([...objectRef(g, f.i, d), ...g.expr(unpacked(f.st), d), instr('struct.set', { index: f.i, index2: f.k })]);
    }]);
  }
  const mutArrays = s.gc.arrays.filter((i) => arrayOf(s, i).field.mutable);
  if (mutArrays.length === 0) return out;
  const value = (i: number) => unpacked(arrayOf(s, i).field.type);
  out.push([2, () => {
    const i = c.pick(mutArrays);
    return plain([...objectRef(g, i, d), small(g, 3), ...g.expr(value(i), d), instr('array.set', { index: i })]);
  }]);
  out.push([1, () => {
    const i = c.pick(mutArrays);
    return plain([...objectRef(g, i, d), small(g, 3), ...g.expr(value(i), d), small(g, 3), instr('array.fill', { index: i })]);
  }]);
  out.push([1, () => {
    const i = c.pick(mutArrays);
    const dst = arrayOf(s, i).field.type;
    const srcs = s.gc.arrays.filter((k) => {
      const st = arrayOf(s, k).field.type;
      return st === dst || (!isPacked(st) && !isPacked(dst) && s.matches(st as ValType, dst as ValType));
    });
    const src = c.pick(srcs);
    return plain([...objectRef(g, i, d), small(g, 3), ...objectRef(g, src, d), small(g, 3), small(g, 3), instr('array.copy', { index: i, index2: src })]);
  }]);
  const numeric = mutArrays.filter((i) => !isRefType(value(i)));
  if (numeric.length > 0 && s.module.datas.length > 0) {
    out.push([1, () => {
      const i = c.pick(numeric);
      return plain([...objectRef(g, i, d), small(g, 3), small(g, 8), small(g, 3), instr('array.init_data', { index: i, index2: c.int(s.module.datas.length) })]);
    }]);
  }
  const withElems = mutArrays.flatMap((i) => {
    const v = value(i);
    const elems = s.module.elems.flatMap((e, k) => (isRefType(v) && s.matches(e.type, v) ? [k] : []));
    return elems.length > 0 ? [{ i, elems }] : [];
  });
  if (withElems.length > 0) {
    out.push([1, () => {
      const a = c.pick(withElems);
      return plain([...objectRef(g, a.i, d), small(g, 3), small(g, 3), small(g, 3), instr('array.init_elem', { index: a.i, index2: c.pick(a.elems) })]);
    }]);
  }
  return out;
}


