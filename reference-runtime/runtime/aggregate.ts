// Structures and arrays (GC, spec 4.2.x "aggregate instances"; interpreter
// runtime/aggr.ml): plain JS objects that the host's GC reclaims, each
// carrying the TypeId of its defined type (types/canonical.ts), which casts
// compare. Their contents keep exact bits, as a value-stack slot does:
//  - a struct's `fields` holds each field as entries in order: one int32 word
//    for i32/f32 (and i8/i16, stored zero-extended), two words (low first)
//    for i64/f64, four for v128, the reference itself for a reference type;
//    the word offset of every field is fixed per type (its StructLayout), so
//    compiled code addresses a field directly;
//  - an array stores its elements in a typed array of their width (Uint8Array
//    for i8, Uint16Array for i16, Int32Array of 1, 2 or 4 words per element
//    for 32-bit, 64-bit and v128 elements) or a JS array of references.
// Every allocation is charged to a budget (GC_ALLOC_LIMIT) by a fixed cost
// model, and one that exceeds it ends the invocation as Exhaustion.
import { Exhaustion } from '../errors.js';
import { isFuncType, type StorageType, type ValType } from '../syntax/types.js';
import { defType, type TypeId } from '../types/canonical.js';
import { readCell, writeCell } from './cell.js';
import { GC_ALLOC_LIMIT, REF_ARRAY_LIMIT } from './limits.js';
import type { Value } from './values.js';

/** How a field or array element is stored. */
export const enum Slot {
  I8,
  I16,
  W32,
  W64,
  V128,
  Ref,
}

export function slotOf(t: StorageType): Slot {
  switch (t) {
    case 'i8':
      return Slot.I8;
    case 'i16':
      return Slot.I16;
    case 'i32':
    case 'f32':
      return Slot.W32;
    case 'i64':
    case 'f64':
      return Slot.W64;
    case 'v128':
      return Slot.V128;
    default:
      return Slot.Ref;
  }
}

/** Entries a struct field of each slot kind takes. */
const ENTRIES: readonly number[] = [1, 1, 1, 2, 4, 1];
/** Bytes per array element of each slot kind (a reference counted as a pointer). */
const ELEM_BYTES: readonly number[] = [1, 2, 4, 8, 16, 8];
/** Words per array element in an Int32Array (the 32-bit, 64-bit and v128 kinds). */
export const ELEM_WORDS: readonly number[] = [1, 1, 1, 2, 4, 1];
/** The cost model's fixed part of every object: header, type, backing store header. */
const OBJECT_BYTES = 96;

export class StructRef {
  constructor(
    readonly type: TypeId,
    readonly fields: unknown[],
  ) {}
}

export type ArrayData = Uint8Array | Uint16Array | Int32Array | unknown[];

export class ArrayRef {
  constructor(
    readonly type: TypeId,
    /** elements (an Int32Array of 64-bit or v128 elements is 2 or 4 times longer) */
    readonly length: number,
    readonly data: ArrayData,
  ) {}
}

// --- allocation budget --------------------------------------------------------

/** Bytes charged since the outermost invocation (or instantiation) began. */
export const allocation = { bytes: 0 };

/** Charges an allocation of `bytes` (cost model); Exhaustion when it would pass the limit. */
export function charge(bytes: number): void {
  if (allocation.bytes + bytes > GC_ALLOC_LIMIT) {
    throw new Exhaustion(`allocation exhausted: ${bytes} more bytes of GC objects would pass the limit of ${GC_ALLOC_LIMIT} per invocation`);
  }
  allocation.bytes += bytes;
}

// --- layouts ------------------------------------------------------------------

export interface StructLayout {
  /** per field: its slot kind, its first entry in `fields`, its closed storage type */
  slots: Slot[];
  offsets: number[];
  types: StorageType[];
  /** the entries of a struct of default values (struct.new_default copies it) */
  template: unknown[];
  cost: number;
}

const structLayouts: (StructLayout | undefined)[] = [];

/** The layout of struct type `id` (computed once per TypeId). */
export function structLayout(id: TypeId): StructLayout {
  let l = structLayouts[id];
  if (l !== undefined) return l;
  const t = defType(id);
  if (isFuncType(t) || t.kind !== 'struct') throw new TypeError(`type ${id} is not a struct type`);
  const types = t.fields.map((f) => f.type);
  const slots = types.map(slotOf);
  const offsets: number[] = [];
  const template: unknown[] = [];
  for (const s of slots) {
    offsets.push(template.length);
    for (let k = 0; k < ENTRIES[s]!; k++) template.push(s === Slot.Ref ? null : 0);
  }
  l = { slots, offsets, types, template, cost: OBJECT_BYTES + 8 * template.length };
  structLayouts[id] = l;
  return l;
}

/** The closed element type of array type `id`. */
export function arrayElemType(id: TypeId): StorageType {
  const t = defType(id);
  if (isFuncType(t) || t.kind !== 'array') throw new TypeError(`type ${id} is not an array type`);
  return t.field.type;
}

const arraySlots: (Slot | undefined)[] = [];

/** The slot kind of array type `id`'s elements. */
export function arraySlot(id: TypeId): Slot {
  let s = arraySlots[id];
  if (s === undefined) arraySlots[id] = s = slotOf(arrayElemType(id));
  return s;
}

// --- allocation -----------------------------------------------------------------

/** A struct of default values (zeros and nulls). */
export function newStructDefault(id: TypeId): StructRef {
  const l = structLayout(id);
  charge(l.cost);
  return new StructRef(id, l.template.slice());
}

/**
 * An array of `n` default elements (n a u32). The budget is charged first,
 * so an impossible length never reaches the host's allocator.
 */
export function newArrayDefault(id: TypeId, n: number): ArrayRef {
  const slot = arraySlot(id);
  const bytes = OBJECT_BYTES + n * ELEM_BYTES[slot]!;
  if (slot === Slot.Ref && n > REF_ARRAY_LIMIT) {
    throw new Exhaustion(`allocation exhausted: an array of ${n} references is longer than the limit of ${REF_ARRAY_LIMIT}`);
  }
  charge(bytes);
  try {
    return new ArrayRef(id, n, emptyData(slot, n));
  } catch (e) {
    // within the budget, but the host could not allocate it after all
    if (e instanceof RangeError) throw new Exhaustion(`allocation exhausted: the host could not allocate an array of ${bytes} bytes`);
    throw e;
  }
}

function emptyData(slot: Slot, n: number): ArrayData {
  switch (slot) {
    case Slot.I8:
      return new Uint8Array(n);
    case Slot.I16:
      return new Uint16Array(n);
    case Slot.Ref:
      return new Array<unknown>(n).fill(null);
    default:
      return new Int32Array(n * ELEM_WORDS[slot]!);
  }
}

// --- contents as API values ---------------------------------------------------------

const scratch = new Int32Array(4);

/** A value as its slot stores it: scratch words (and the reference, returned). */
function toScratch(v: Value): unknown {
  scratch.fill(0);
  return writeCell(v, scratch);
}

/** A stored value (in scratch words and `ref`) as an API value; packed fields read as unsigned i32. */
function fromScratch(t: StorageType, ref: unknown): Value {
  if (t === 'i8' || t === 'i16') return { type: 'i32', value: scratch[0]! };
  return readCell(t as ValType, scratch, ref);
}

/** A struct of the given field values (constant expressions, the API). */
export function newStruct(id: TypeId, values: readonly Value[]): StructRef {
  const s = newStructDefault(id);
  values.forEach((v, i) => setField(s, i, v));
  return s;
}

/** Field `i` of a struct as an API value (an i8/i16 field as its unsigned i32). */
export function getField(s: StructRef, i: number): Value {
  const l = structLayout(s.type);
  const at = l.offsets[i]!;
  const slot = l.slots[i]!;
  scratch.fill(0);
  if (slot === Slot.Ref) return fromScratch(l.types[i]!, s.fields[at]);
  for (let k = 0; k < ENTRIES[slot]!; k++) scratch[k] = s.fields[at + k] as number;
  return fromScratch(l.types[i]!, null);
}

/** Sets field `i` (a packed field keeps the low 8 or 16 bits). */
export function setField(s: StructRef, i: number, v: Value): void {
  const l = structLayout(s.type);
  const at = l.offsets[i]!;
  const slot = l.slots[i]!;
  const ref = toScratch(v);
  if (slot === Slot.Ref) s.fields[at] = ref;
  else if (slot === Slot.I8) s.fields[at] = scratch[0]! & 0xff;
  else if (slot === Slot.I16) s.fields[at] = scratch[0]! & 0xffff;
  else for (let k = 0; k < ENTRIES[slot]!; k++) s.fields[at + k] = scratch[k]!;
}

/** An array of the given element values (array.new_fixed in constant expressions, the API). */
export function newArray(id: TypeId, values: readonly Value[]): ArrayRef {
  const a = newArrayDefault(id, values.length);
  values.forEach((v, i) => setElem(a, i, v));
  return a;
}

/** An array of `n` copies of one value (array.new in constant expressions). */
export function newArrayOf(id: TypeId, n: number, v: Value): ArrayRef {
  const a = newArrayDefault(id, n);
  if (n === 0) return a;
  setElem(a, 0, v);
  fillFromFirst(a, arraySlot(id));
  return a;
}

/** Copies element 0 into every other element. */
export function fillFromFirst(a: ArrayRef, slot: Slot): void {
  if (slot === Slot.Ref) {
    const d = a.data as unknown[];
    d.fill(d[0]);
    return;
  }
  const d = a.data as Int32Array; // or a Uint8Array or Uint16Array: the same calls
  const w = ELEM_WORDS[slot]!;
  if (w === 1) d.fill(d[0]!);
  else for (let i = w; i < d.length; i += w) d.copyWithin(i, 0, w);
}

/** Element `i` of an array as an API value (an i8/i16 element as its unsigned i32). */
export function getElem(a: ArrayRef, i: number): Value {
  const slot = arraySlot(a.type);
  const t = arrayElemType(a.type);
  scratch.fill(0);
  if (slot === Slot.Ref) return fromScratch(t, (a.data as unknown[])[i]);
  const w = ELEM_WORDS[slot]!;
  for (let k = 0; k < w; k++) scratch[k] = (a.data as Int32Array)[i * w + k]!;
  return fromScratch(t, null);
}

export function setElem(a: ArrayRef, i: number, v: Value): void {
  const slot = arraySlot(a.type);
  const ref = toScratch(v);
  if (slot === Slot.Ref) (a.data as unknown[])[i] = ref;
  else {
    // a Uint8Array or Uint16Array keeps the low bits by itself
    const w = ELEM_WORDS[slot]!;
    for (let k = 0; k < w; k++) (a.data as Int32Array)[i * w + k] = scratch[k]!;
  }
}
