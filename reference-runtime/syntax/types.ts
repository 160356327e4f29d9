// Types of the WebAssembly abstract syntax (spec section 2.3): 2.0 and 3.0
// (exnref, 64-bit address types, tags, typed references and GC types).
import type { Instr } from './instructions.js';

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type VecType = 'v128';

/**
 * Abstract heap types (3.0, 2.3.3): the three hierarchies any > eq >
 * {i31, struct, array} > none, func > nofunc, extern > noextern, and
 * exn > noexn.
 */
export type AbsHeapType = 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'none' | 'func' | 'nofunc' | 'extern' | 'noextern' | 'exn' | 'noexn';
/** A heap type: abstract, or a type index of the module (a concrete type). */
export type HeapType = AbsHeapType | number;

/** The nullable abstract reference types, written by their shorthand. */
export type RefShorthand =
  | 'funcref'
  | 'externref'
  | 'exnref'
  | 'anyref'
  | 'eqref'
  | 'i31ref'
  | 'structref'
  | 'arrayref'
  | 'nullref'
  | 'nullfuncref'
  | 'nullexternref'
  | 'nullexnref';

/**
 * A reference type as one string, so that value types stay comparable with
 * `===` and usable as map keys: the shorthand for a nullable abstract type
 * (the only spelling of those), `ref any` for a non-nullable abstract one,
 * `ref 3` / `ref null 3` for a concrete one (a module-relative type index).
 * Build and take apart with `refType`, `heapOf` and `isNullable`.
 */
export type RefType = RefShorthand | `ref ${AbsHeapType}` | `ref ${number}` | `ref null ${number}`;
export type ValType = NumType | VecType | RefType;

export const NUM_TYPES: readonly NumType[] = ['i32', 'i64', 'f32', 'f64'];
/** The reference types of 2.0 and the part-1 features (what generators draw from today). */
export const REF_TYPES: readonly RefType[] = ['funcref', 'externref', 'exnref'];
export const VAL_TYPES: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref', 'exnref'];

export const ABS_HEAP_TYPES: readonly AbsHeapType[] = ['any', 'eq', 'i31', 'struct', 'array', 'none', 'func', 'nofunc', 'extern', 'noextern', 'exn', 'noexn'];

const SHORTHAND: Record<AbsHeapType, RefShorthand> = {
  any: 'anyref',
  eq: 'eqref',
  i31: 'i31ref',
  struct: 'structref',
  array: 'arrayref',
  none: 'nullref',
  func: 'funcref',
  nofunc: 'nullfuncref',
  extern: 'externref',
  noextern: 'nullexternref',
  exn: 'exnref',
  noexn: 'nullexnref',
};
const FROM_SHORTHAND = new Map<string, AbsHeapType>(Object.entries(SHORTHAND).map(([h, s]) => [s, h as AbsHeapType]));

export function isRefType(t: ValType): t is RefType {
  return t !== 'i32' && t !== 'i64' && t !== 'f32' && t !== 'f64' && t !== 'v128';
}

/** The reference type `(ref null? heap)`. */
export function refType(nullable: boolean, heap: HeapType): RefType {
  if (typeof heap === 'number') return nullable ? `ref null ${heap}` : `ref ${heap}`;
  return nullable ? SHORTHAND[heap] : `ref ${heap}`;
}

export function isNullable(t: RefType): boolean {
  return FROM_SHORTHAND.has(t) || t.startsWith('ref null ');
}

/** The heap type of a reference type. */
export function heapOf(t: RefType): HeapType {
  const abs = FROM_SHORTHAND.get(t);
  if (abs !== undefined) return abs;
  const name = t.slice(t.startsWith('ref null ') ? 9 : 4);
  const index = Number(name);
  return Number.isInteger(index) && name !== '' ? index : (name as AbsHeapType);
}

/** The same reference type with the given nullability. */
export function withNullable(t: RefType, nullable: boolean): RefType {
  return refType(nullable, heapOf(t));
}

/** Packed storage types (GC): fields and array elements of 8 and 16 bits. */
export type PackedType = 'i8' | 'i16';
export type StorageType = ValType | PackedType;

export interface FieldType {
  type: StorageType;
  mutable: boolean;
}

/** A function type; `kind` is absent in 2.0-era literals and means 'func'. */
export interface FuncType {
  kind?: 'func';
  params: ValType[];
  results: ValType[];
}

export interface StructType {
  kind: 'struct';
  fields: FieldType[];
  /** field names from the text format (`(field $x i32)`), for printing; absent when unnamed */
  fieldNames?: (string | undefined)[];
}

export interface ArrayType {
  kind: 'array';
  field: FieldType;
}

/** A composite type (3.0, 2.3.5): function, struct or array. */
export type CompType = FuncType | StructType | ArrayType;

/**
 * A `sub` clause: whether the type is final and its declared supertypes
 * (type indices; at most one in 3.0). Absent: the short form, a final type
 * without supertypes, written without `sub` in text and binary (kept apart
 * from `sub final` with no supertypes so that encoding round-trips).
 */
export interface SubClause {
  final: boolean;
  supers: number[];
}

/** A defined type of the type section: a composite type with its sub clause. */
export type SubType = CompType & { sub?: SubClause };

/** Whether a defined type is a function type. */
export function isFuncType(t: CompType): t is FuncType {
  return t.kind === undefined || t.kind === 'func';
}

/** The supertypes a defined type declares. */
export function supersOf(t: SubType): readonly number[] {
  return t.sub?.supers ?? [];
}

/** Whether a defined type is final (the short form is final). */
export function isFinal(t: SubType): boolean {
  return t.sub?.final ?? true;
}

/**
 * Sizes in pages (memories) or elements (tables): u32 for an i32 address
 * type, u64 for i64. Numbers are exact up to 2^53; a 64-bit limit above that
 * (no implementation can allocate it) is kept as the nearest double, and the
 * encoder writes 2^64 as 2^64-1.
 */
export interface Limits {
  min: number;
  max?: number;
}

/** The address type of a memory or table (memory64, table64): absent means i32. */
export type AddrType = 'i32' | 'i64';

export interface TableType {
  limits: Limits;
  elem: RefType;
  addr?: AddrType;
  /**
   * A defined table's initialiser expression (3.0, `(table 10 funcref expr)`;
   * binary 0x40 0x00 tabletype expr). Absent for the default, `ref.null` of
   * the element type, which is also how the spec's encoder writes a table
   * whose initialiser is that default. Never on an import.
   */
  init?: Instr[];
}

export interface MemType {
  limits: Limits;
  addr?: AddrType;
}

/** The address type of a memory or table type. */
export function addrType(t: { addr?: AddrType }): AddrType {
  return t.addr ?? 'i32';
}

/** A tag (exception handling): the index of a function type with no results. */
export interface TagType {
  type: number;
}

export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

/**
 * A block's type: no value, one result value, or an index into the type
 * section (multi-value blocks and blocks with parameters).
 */
export type BlockType = { kind: 'empty' } | { kind: 'value'; type: ValType } | { kind: 'type'; index: number };

/** Structural equality of two function types of one module (false when either is a struct or array type). */
export function funcTypeEquals(a: CompType, b: CompType): boolean {
  if (!isFuncType(a) || !isFuncType(b)) return false;
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) &&
    a.results.every((t, i) => t === b.results[i])
  );
}
