// Types of the WebAssembly 2.0 abstract syntax (spec section 2.3).

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type VecType = 'v128';
export type RefType = 'funcref' | 'externref';
export type ValType = NumType | VecType | RefType;

export const NUM_TYPES: readonly NumType[] = ['i32', 'i64', 'f32', 'f64'];
export const REF_TYPES: readonly RefType[] = ['funcref', 'externref'];
export const VAL_TYPES: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref'];

export function isRefType(t: ValType): t is RefType {
  return t === 'funcref' || t === 'externref';
}

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

/** Sizes are u32 numbers of pages (memories) or elements (tables). */
export interface Limits {
  min: number;
  max?: number;
}

export interface TableType {
  limits: Limits;
  elem: RefType;
}

export interface MemType {
  limits: Limits;
}

export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global';

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
