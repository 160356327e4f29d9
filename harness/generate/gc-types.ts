// The GC part of a generated module's type section, chosen first (so that
// function types may name it): a few rec groups of struct and array types,
// some open (`sub`) and extended by later ones (`sub $super`, struct width
// subtyping: the supertype's fields, then more). Every field is defaultable
// (numbers, vectors, packed i8/i16, nullable references), so that
// struct.new_default and array.new_default always apply and a non-null value
// of every struct and array type can always be built.
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { FieldType, RefType, StorageType, SubType } from '../../reference-runtime/syntax/types.js';
import type { Choices } from './choices.js';

export interface GcTypes {
  /** type indices of the struct types */
  structs: number[];
  /** type indices of the array types */
  arrays: number[];
}

const PLAIN: readonly StorageType[] = ['i32', 'i64', 'f32', 'f64', 'i8', 'i16', 'i8', 'i16', 'i32', 'v128'];
const PLAIN_SCALAR: readonly StorageType[] = PLAIN.filter((t) => t !== 'v128');
const ABSTRACT: readonly RefType[] = ['anyref', 'eqref', 'i31ref', 'structref', 'arrayref', 'funcref', 'externref'];

/** Appends the rec groups to `m` (whose type section must be empty) and returns where the types went; v128 fields only with `simd`. */
export function chooseGcTypes(c: Choices, m: Module, simd: boolean): GcTypes {
  const out: GcTypes = { structs: [], arrays: [] };
  m.recs ??= [];
  const groups = 1 + c.int(3);
  for (let g = 0; g < groups; g++) {
    const size = 1 + c.int(3);
    for (let k = 0; k < size; k++) m.types.push(chooseType(c, m, out, simd ? PLAIN : PLAIN_SCALAR));
    m.recs.push({ size, explicit: size > 1 || c.chance(30) });
  }
  return out;
}

function chooseType(c: Choices, m: Module, out: GcTypes, plain: readonly StorageType[]): SubType {
  const self = m.types.length;
  const open = c.chance(50);
  const supers = [...out.structs, ...out.arrays].filter((i) => m.types[i]!.sub?.final === false);
  const sup = supers.length > 0 && c.chance(60) ? c.pick(supers) : undefined;
  const field = (): FieldType => ({ type: storage(c, out, self, plain), mutable: c.chance(70) });
  let t: SubType;
  const parent = sup === undefined ? undefined : m.types[sup]!;
  if (parent?.kind === 'struct') {
    t = { kind: 'struct', fields: [...parent.fields, ...Array.from({ length: c.int(3) }, field)] };
  } else if (parent?.kind === 'array') {
    t = { kind: 'array', field: parent.field };
  } else if (c.chance(55)) {
    t = { kind: 'struct', fields: Array.from({ length: c.int(5) }, field) };
  } else {
    t = { kind: 'array', field: field() };
  }
  if (sup !== undefined || open || c.chance(20)) t.sub = { final: !open, supers: sup === undefined ? [] : [sup] };
  (t.kind === 'struct' ? out.structs : out.arrays).push(self);
  return t;
}

/** A field's storage type: mostly numbers and packed integers, sometimes a nullable reference (to an abstract type, or to an earlier struct or array type or the type itself: a recursive type). */
function storage(c: Choices, out: GcTypes, self: number, plain: readonly StorageType[]): StorageType {
  if (c.chance(70)) return c.pick(plain);
  if (c.chance(40)) return `ref null ${c.pick([...out.structs, ...out.arrays, self])}`;
  return c.pick(ABSTRACT);
}
