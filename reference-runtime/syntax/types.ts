// Types of the WebAssembly abstract syntax (spec section 2.3), 2.0 and the
// 3.0 additions of part 1: exnref, 64-bit address types, tags.
import type { Instr } from './instructions.js';

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type VecType = 'v128';
export type RefType = 'funcref' | 'externref' | 'exnref';
export type ValType = NumType | VecType | RefType;

export const NUM_TYPES: readonly NumType[] = ['i32', 'i64', 'f32', 'f64'];
export const REF_TYPES: readonly RefType[] = ['funcref', 'externref', 'exnref'];
export const VAL_TYPES: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref', 'exnref'];

export function isRefType(t: ValType): t is RefType {
  return t === 'funcref' || t === 'externref' || t === 'exnref';
}

export interface FuncType {
  params: ValType[];
  results: ValType[];
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

export function funcTypeEquals(a: FuncType, b: FuncType): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) &&
    a.results.every((t, i) => t === b.results[i])
  );
}
