// The GC instructions' work (3.0, spec 4.4.x "reference" and "aggregate
// reference instructions"; interpreter exec/eval.ml): structs, arrays, i31,
// casts, ref.eq. machine.ts runs all of them (the branches aside) from its
// switch's default, which calls `execute` here, so the loop's own code keeps
// the shape it had for 2.0 and the 2.0 instructions never pass here. Like
// bulk.ts, each takes its operands off the value stack (top at sp-1), checks
// every bound before writing anything, and returns the new sp. Struct fields
// are addressed by the entry offset compile-gc.ts resolved from the type;
// elements and fields are moved as the slot words they are
// (runtime/aggregate.ts), so every bit survives. The traps and their order
// are the reference interpreter's: a null operand first, then the array's
// bounds, then the segment's.
import { Trap } from '../errors.js';
import {
  ArrayRef,
  arraySlot,
  ELEM_WORDS,
  fillFromFirst,
  newArrayDefault,
  Slot,
  StructRef,
  structLayout,
  charge,
  type ArrayData,
} from '../runtime/aggregate.js';
import { I31Ref, refEq } from '../runtime/i31.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { heapMatchesRef, heapOfCode } from '../runtime/ref-type.js';
import { Op } from './codes.js';
import { I32, REFS } from './stack.js';

const u32 = (slot: number) => I32[slot << 2]! >>> 0;

/** Bytes a data segment gives each element of an array of that slot kind (array.new_data, array.init_data). */
const DATA_BYTES: readonly number[] = [1, 2, 4, 8, 16];

function nullStruct(): never {
  throw new Trap('null reference', 'null structure reference');
}

function nullArray(): never {
  throw new Trap('null reference', 'null array reference');
}

function arrayBounds(): never {
  throw new Trap('out of bounds array access');
}

function arrayAt(slot: number): ArrayRef {
  const a = REFS[slot];
  if (a === null) nullArray();
  return a as ArrayRef;
}

// --- moving one value between a stack slot and a field or element -----------------

/** Writes the value in stack slot `s` into an array's element i (a packed array keeps the low bits). */
function elemFromStack(data: ArrayData, slot: Slot, i: number, s: number): void {
  const w = s << 2;
  switch (slot) {
    case Slot.Ref:
      (data as unknown[])[i] = REFS[s];
      return;
    case Slot.W64: {
      const d = data as Int32Array;
      d[2 * i] = I32[w]!;
      d[2 * i + 1] = I32[w + 1]!;
      return;
    }
    case Slot.V128: {
      const d = data as Int32Array;
      d.set(I32.subarray(w, w + 4), 4 * i);
      return;
    }
    default:
      (data as Int32Array)[i] = I32[w]!;
  }
}

/** Reads an array's element i into stack slot `s` (`signed`: get_s of a packed element). */
function elemToStack(data: ArrayData, slot: Slot, signed: number, i: number, s: number): void {
  const w = s << 2;
  switch (slot) {
    case Slot.Ref:
      REFS[s] = (data as unknown[])[i];
      return;
    case Slot.W64: {
      const d = data as Int32Array;
      I32[w] = d[2 * i]!;
      I32[w + 1] = d[2 * i + 1]!;
      return;
    }
    case Slot.V128:
      I32.set((data as Int32Array).subarray(4 * i, 4 * i + 4), w);
      return;
    case Slot.I8:
      I32[w] = signed === 0 ? (data as Uint8Array)[i]! : ((data as Uint8Array)[i]! << 24) >> 24;
      return;
    case Slot.I16:
      I32[w] = signed === 0 ? (data as Uint16Array)[i]! : ((data as Uint16Array)[i]! << 16) >> 16;
      return;
    default:
      I32[w] = (data as Int32Array)[i]!;
  }
}

// --- structs ------------------------------------------------------------------------

/** Writes the value in stack slot `s` into the field at entry `at` (a packed field keeps the low bits). */
function fieldFromStack(fields: unknown[], slot: Slot, at: number, s: number): void {
  const w = s << 2;
  switch (slot) {
    case Slot.Ref:
      fields[at] = REFS[s];
      return;
    case Slot.I8:
      fields[at] = I32[w]! & 0xff;
      return;
    case Slot.I16:
      fields[at] = I32[w]! & 0xffff;
      return;
    case Slot.W32:
      fields[at] = I32[w];
      return;
    case Slot.W64:
      fields[at] = I32[w];
      fields[at + 1] = I32[w + 1];
      return;
    case Slot.V128:
      for (let k = 0; k < 4; k++) fields[at + k] = I32[w + k];
      return;
  }
}

/** struct.new: the fields are the top values, the first deepest. */
function structNew(id: number, sp: number): number {
  const l = structLayout(id);
  const n = l.slots.length;
  const base = sp - n;
  charge(l.cost);
  const fields = new Array<unknown>(l.template.length);
  for (let i = 0; i < n; i++) fieldFromStack(fields, l.slots[i]!, l.offsets[i]!, base + i);
  REFS[base] = new StructRef(id, fields);
  return base + 1;
}

function structNewDefault(id: number, sp: number): number {
  const l = structLayout(id);
  charge(l.cost);
  REFS[sp] = new StructRef(id, l.template.slice());
  return sp + 1;
}

/** struct.get(_s/_u) of the field at entry `at`: the struct on top becomes the field's value. */
function structGet(slot: Slot, at: number, signed: number, sp: number): void {
  const s = sp - 1;
  const obj = REFS[s];
  if (obj === null) nullStruct();
  const f = (obj as StructRef).fields;
  const w = s << 2;
  switch (slot) {
    case Slot.Ref:
      REFS[s] = f[at];
      return;
    case Slot.I8:
      I32[w] = signed === 0 ? (f[at] as number) : ((f[at] as number) << 24) >> 24;
      return;
    case Slot.I16:
      I32[w] = signed === 0 ? (f[at] as number) : ((f[at] as number) << 16) >> 16;
      return;
    case Slot.W32:
      I32[w] = f[at] as number;
      return;
    case Slot.W64:
      I32[w] = f[at] as number;
      I32[w + 1] = f[at + 1] as number;
      return;
    case Slot.V128:
      for (let k = 0; k < 4; k++) I32[w + k] = f[at + k] as number;
      return;
  }
}

function structSet(slot: Slot, at: number, sp: number): number {
  const obj = REFS[sp - 2];
  if (obj === null) nullStruct();
  fieldFromStack((obj as StructRef).fields, slot, at, sp - 1);
  return sp - 2;
}

// --- arrays ---------------------------------------------------------------------------

/** array.new: [value, length] → an array of `length` copies of the value. */
function arrayNew(id: number, sp: number): number {
  const n = u32(sp - 1);
  const a = newArrayDefault(id, n);
  if (n > 0) {
    const slot = arraySlot(id);
    elemFromStack(a.data, slot, 0, sp - 2);
    fillFromFirst(a, slot);
  }
  REFS[sp - 2] = a;
  return sp - 1;
}

function arrayNewDefault(id: number, sp: number): number {
  REFS[sp - 1] = newArrayDefault(id, u32(sp - 1));
  return sp;
}

/** array.new_fixed: the `n` top values, the first deepest. */
function arrayNewFixed(id: number, n: number, sp: number): number {
  const a = newArrayDefault(id, n);
  const slot = arraySlot(id);
  const base = sp - n;
  for (let i = 0; i < n; i++) elemFromStack(a.data, slot, i, base + i);
  REFS[base] = a;
  return base + 1;
}

/** array.new_data: [offset, length] → the elements read from the data segment, little-endian. */
function arrayNewData(inst: ModuleInstance, id: number, dataIndex: number, sp: number): number {
  const seg = inst.datas[dataIndex]!;
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  const m = n * DATA_BYTES[arraySlot(id)]!;
  if (s + m > seg.length) throw new Trap('out of bounds memory access');
  const a = newArrayDefault(id, n);
  bytesOf(a.data).set(seg.subarray(s, s + m));
  REFS[sp - 2] = a;
  return sp - 1;
}

/** array.new_elem: [offset, length] → the references of the element segment. */
function arrayNewElem(inst: ModuleInstance, id: number, elemIndex: number, sp: number): number {
  const seg = inst.elems[elemIndex]!;
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > seg.length) throw new Trap('out of bounds table access');
  const a = newArrayDefault(id, n);
  const d = a.data as unknown[];
  for (let k = 0; k < n; k++) d[k] = seg[s + k];
  REFS[sp - 2] = a;
  return sp - 1;
}

/** The bytes of a typed array's elements (the host is little-endian, checked by machine.ts). */
function bytesOf(data: ArrayData): Uint8Array {
  const t = data as Int32Array;
  return new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
}

/** array.get(_s/_u): [array, index] → the element. */
function arrayGet(slot: Slot, signed: number, sp: number): number {
  const a = arrayAt(sp - 2);
  const i = u32(sp - 1);
  if (i >= a.length) arrayBounds();
  elemToStack(a.data, slot, signed, i, sp - 2);
  return sp - 1;
}

/** array.set: [array, index, value]. */
function arraySet(slot: Slot, sp: number): number {
  const a = arrayAt(sp - 3);
  const i = u32(sp - 2);
  if (i >= a.length) arrayBounds();
  elemFromStack(a.data, slot, i, sp - 1);
  return sp - 3;
}

/** array.fill: [array, offset, value, length]. */
function arrayFill(slot: Slot, sp: number): number {
  const a = arrayAt(sp - 4);
  const d = u32(sp - 3);
  const n = u32(sp - 1);
  if (d + n > a.length) arrayBounds();
  if (n === 0) return sp - 4;
  elemFromStack(a.data, slot, d, sp - 2);
  const w = ELEM_WORDS[slot]!;
  if (slot === Slot.Ref) {
    const data = a.data as unknown[];
    data.fill(data[d], d + 1, d + n);
  } else if (w === 1) {
    const data = a.data as Int32Array; // or Uint8Array, Uint16Array
    data.fill(data[d]!, d + 1, d + n);
  } else {
    const data = a.data as Int32Array;
    for (let i = d + 1; i < d + n; i++) data.copyWithin(i * w, d * w, d * w + w);
  }
  return sp - 4;
}

/** array.copy: [dst array, dst offset, src array, src offset, length]; overlapping ranges copy as if through a buffer. */
function arrayCopy(slot: Slot, sp: number): number {
  const da = REFS[sp - 5] as ArrayRef | null;
  const sa = REFS[sp - 3] as ArrayRef | null;
  if (da === null || sa === null) nullArray();
  const d = u32(sp - 4);
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > sa.length || d + n > da.length) arrayBounds();
  if (n === 0) return sp - 5;
  if (slot === Slot.Ref) {
    const dd = da.data as unknown[];
    const sd = sa.data as unknown[];
    if (dd === sd) dd.copyWithin(d, s, s + n);
    else for (let k = 0; k < n; k++) dd[d + k] = sd[s + k];
  } else {
    const w = ELEM_WORDS[slot]!;
    // TypedArray.set copies through a buffer when both views share one
    (da.data as Int32Array).set((sa.data as Int32Array).subarray(s * w, (s + n) * w), d * w);
  }
  return sp - 5;
}

/** array.init_data: [array, dst offset, segment offset, length]. */
function arrayInitData(inst: ModuleInstance, slot: Slot, dataIndex: number, sp: number): number {
  const a = arrayAt(sp - 4);
  const d = u32(sp - 3);
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  const size = DATA_BYTES[slot]!;
  const seg = inst.datas[dataIndex]!;
  if (d + n > a.length) arrayBounds();
  if (s + n * size > seg.length) throw new Trap('out of bounds memory access');
  bytesOf(a.data).set(seg.subarray(s, s + n * size), d * size);
  return sp - 4;
}

/** array.init_elem: [array, dst offset, segment offset, length]. */
function arrayInitElem(inst: ModuleInstance, elemIndex: number, sp: number): number {
  const a = arrayAt(sp - 4);
  const d = u32(sp - 3);
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  const seg = inst.elems[elemIndex]!;
  if (d + n > a.length) arrayBounds();
  if (s + n > seg.length) throw new Trap('out of bounds table access');
  const data = a.data as unknown[];
  for (let k = 0; k < n; k++) data[d + k] = seg[s + k];
  return sp - 4;
}

// --- casts ------------------------------------------------------------------------------

/** Whether a reference matches the target type of a ref.test, ref.cast or br_on_cast(_fail): a heap code (ref-type.ts) and nullability. */
export function castMatches(ref: unknown, heap: number, nullable: number): boolean {
  return ref === null ? nullable !== 0 : heapMatchesRef(ref, heapOfCode(heap));
}

// --- the loop's GC case ------------------------------------------------------------------

/** Immediates of each op that `execute` runs (machine.ts steps its pc over them), as compile-gc.ts emits them. */
export const IMMEDIATES = new Uint8Array(Op.Count + 1);
for (const [op, n] of [
  [Op.RefTest, 2],
  [Op.RefCast, 2],
  [Op.StructNew, 1],
  [Op.StructNewDefault, 1],
  [Op.StructGet, 3],
  [Op.StructSet, 2],
  [Op.ArrayNew, 1],
  [Op.ArrayNewDefault, 1],
  [Op.ArrayNewFixed, 2],
  [Op.ArrayNewData, 2],
  [Op.ArrayNewElem, 2],
  [Op.ArrayGet, 2],
  [Op.ArraySet, 1],
  [Op.ArrayFill, 1],
  [Op.ArrayCopy, 1],
  [Op.ArrayInitData, 2],
  [Op.ArrayInitElem, 1],
] as const) {
  IMMEDIATES[op] = n;
}

/** Runs op (RefAsNonNull .. ArrayInitElem in codes.ts) with its immediates at code[pc..]; returns the new sp. */
export function execute(op: Op, code: Int32Array, pc: number, sp: number, inst: ModuleInstance): number {
  switch (op) {
    case Op.RefAsNonNull:
      if (REFS[sp - 1] === null) throw new Trap('null reference');
      return sp;
    case Op.RefEq:
      I32[(sp - 2) << 2] = refEq(REFS[sp - 2], REFS[sp - 1]) ? 1 : 0;
      return sp - 1;
    case Op.RefTest:
      I32[(sp - 1) << 2] = castMatches(REFS[sp - 1], code[pc]!, code[pc + 1]!) ? 1 : 0;
      return sp;
    case Op.RefCast:
      if (!castMatches(REFS[sp - 1], code[pc]!, code[pc + 1]!)) throw new Trap('cast failure');
      return sp;
    case Op.RefI31:
      REFS[sp - 1] = new I31Ref(I32[(sp - 1) << 2]!);
      return sp;
    case Op.I31GetS:
    case Op.I31GetU: {
      const r = REFS[sp - 1] as I31Ref | null;
      if (r === null) throw new Trap('null reference', 'null i31 reference');
      I32[(sp - 1) << 2] = op === Op.I31GetS ? r.signed : r.bits;
      return sp;
    }
    case Op.StructNew:
      return structNew(code[pc]!, sp);
    case Op.StructNewDefault:
      return structNewDefault(code[pc]!, sp);
    case Op.StructGet:
      structGet(code[pc]!, code[pc + 1]!, code[pc + 2]!, sp);
      return sp;
    case Op.StructSet:
      return structSet(code[pc]!, code[pc + 1]!, sp);
    case Op.ArrayNew:
      return arrayNew(code[pc]!, sp);
    case Op.ArrayNewDefault:
      return arrayNewDefault(code[pc]!, sp);
    case Op.ArrayNewFixed:
      return arrayNewFixed(code[pc]!, code[pc + 1]!, sp);
    case Op.ArrayNewData:
      return arrayNewData(inst, code[pc]!, code[pc + 1]!, sp);
    case Op.ArrayNewElem:
      return arrayNewElem(inst, code[pc]!, code[pc + 1]!, sp);
    case Op.ArrayGet:
      return arrayGet(code[pc]!, code[pc + 1]!, sp);
    case Op.ArraySet:
      return arraySet(code[pc]!, sp);
    case Op.ArrayLen:
      I32[(sp - 1) << 2] = arrayAt(sp - 1).length;
      return sp;
    case Op.ArrayFill:
      return arrayFill(code[pc]!, sp);
    case Op.ArrayCopy:
      return arrayCopy(code[pc]!, sp);
    case Op.ArrayInitData:
      return arrayInitData(inst, code[pc]!, code[pc + 1]!, sp);
    case Op.ArrayInitElem:
      return arrayInitElem(inst, code[pc]!, sp);
    default:
      throw new Error(`interpreter: ${op} is no GC instruction`);
  }
}
