// Binary encoding of types (spec 5.3), both directions: value types (one
// byte for numbers, vectors and the nullable abstract references, 0x63/0x64
// and a heap type for the others), heap types, limits, tag types and block
// types (5.4.1). The 3.0 forms (exnref, heap types, typed and GC references,
// 64-bit address types) are read only when the Reader's feature set has them,
// with the spec interpreter's messages (its decode.ml tries alternatives and
// reports the last one's failure); the writers always write the 3.0 format.
// Composite and recursive types are in type-section.ts.
import { DecodeError } from '../errors.js';
import type { Feature } from '../syntax/features.js';
import type { Instr } from '../syntax/instructions.js';
import {
  heapOf,
  isNullable,
  refType,
  type AbsHeapType,
  type AddrType,
  type BlockType,
  type GlobalType,
  type HeapType,
  type Limits,
  type MemType,
  type NumType,
  type RefType,
  type TableType,
  type TagType,
  type ValType,
  type VecType,
} from '../syntax/types.js';
import { TOO_LONG } from './leb128.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

const NUM_CODES: Readonly<Record<NumType | VecType, number>> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };
const NUM_BY_CODE = new Map<number, ValType>(Object.entries(NUM_CODES).map(([t, c]) => [c, t as ValType]));

/** The one-byte codes of the abstract heap types, which alone are also the nullable reference types' shorthands. */
const HEAP_CODES: Readonly<Record<AbsHeapType, number>> = {
  noexn: 0x74,
  nofunc: 0x73,
  noextern: 0x72,
  none: 0x71,
  func: 0x70,
  extern: 0x6f,
  any: 0x6e,
  eq: 0x6d,
  i31: 0x6c,
  struct: 0x6b,
  array: 0x6a,
  exn: 0x69,
};
const HEAP_BY_CODE = new Map<number, AbsHeapType>(Object.entries(HEAP_CODES).map(([h, c]) => [c, h as AbsHeapType]));

/** The features an abstract heap type needs (func and extern are 2.0's). */
const HEAP_FEATURES: Readonly<Record<AbsHeapType, readonly Feature[]>> = {
  func: [],
  extern: [],
  exn: ['exceptions'],
  noexn: ['exceptions', 'gc'],
  any: ['gc'],
  eq: ['gc'],
  i31: ['gc'],
  struct: ['gc'],
  array: ['gc'],
  none: ['gc'],
  nofunc: ['gc'],
  noextern: ['gc'],
};

/** Value types written as one byte: numbers, v128 and the nullable abstract references by their shorthand. */
const ONE_BYTE = new Map<ValType, number>([
  ...(Object.entries(NUM_CODES) as [ValType, number][]),
  ...(Object.entries(HEAP_CODES) as [AbsHeapType, number][]).map(([h, c]): [ValType, number] => [refType(true, h), c]),
]);

export const FUNC_TYPE_TAG = 0x60;
export const EMPTY_BLOCK_TYPE = 0x40;

/** `(ref null ht)` and `(ref ht)`: the long forms of reference types (typed function references). */
const REF_NULL = 0x63;
const REF = 0x64;

/** The abstract heap type of a one-byte code, if the reader's features have it. */
function abstractHeapType(r: Reader, code: number): AbsHeapType | undefined {
  const h = HEAP_BY_CODE.get(code);
  return h !== undefined && HEAP_FEATURES[h].every((f) => r.has(f)) ? h : undefined;
}

/**
 * Type codes are single bytes, but the spec reads them as signed 7-bit
 * LEB128 (negative numbers), so a set continuation bit is an overlong integer.
 */
export function typeCode(r: Reader): number {
  const at = r.pos;
  const b = r.byte();
  if ((b & 0x80) !== 0) r.fail(TOO_LONG, at + 1);
  return b;
}

/** A value type: the spec tries number, vector, then reference types and reports the last failure. */
export function readValType(r: Reader): ValType {
  const at = r.pos;
  const code = typeCode(r);
  return NUM_BY_CODE.get(code) ?? refTypeOfCode(r, code, at);
}

export function readRefType(r: Reader): RefType {
  const at = r.pos;
  return refTypeOfCode(r, typeCode(r), at);
}

/** A reference type whose first byte (`code`, at `at`) has been read. */
function refTypeOfCode(r: Reader, code: number, at: number): RefType {
  const h = abstractHeapType(r, code);
  if (h !== undefined) return refType(true, h);
  if ((code === REF_NULL || code === REF) && r.has('function-references')) return refType(code === REF_NULL, readHeapType(r));
  return r.fail('malformed reference type', at);
}

/**
 * A heap type (3.0): a type index as a non-negative s33, else an abstract
 * type's one-byte code. Like the spec's decoder, the s33 is wrapped to 32
 * bits first (so indices from 2^31 are not indices), and when it is not an
 * index the abstract code is read as an s7: a multi-byte one is overlong.
 */
export function readHeapType(r: Reader): HeapType {
  const at = r.pos;
  const b = r.byte();
  if ((b & 0x80) === 0) {
    if (b < 0x40) return b;
    return abstractHeapType(r, b) ?? r.fail('malformed heap type', at);
  }
  r.pos = at;
  const index = tryTypeIndexS33(r);
  return index ?? r.fail(TOO_LONG, at + 1);
}

/** A type index as an s33 (heap types, block types), or undefined (position unchanged) when it is not one. */
function tryTypeIndexS33(r: Reader): number | undefined {
  const at = r.pos;
  try {
    const index = r.s33() | 0;
    if (index >= 0) return index;
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  r.pos = at;
  return undefined;
}

/** ref.null's immediate as the (nullable) type it pushes: a heap type, before typed function references a reference type. */
export function readRefNullType(r: Reader): RefType {
  return r.has('function-references') ? refType(true, readHeapType(r)) : readRefType(r);
}

/** A memory's or table's limits and address type (memory64: i64 when flag bit 2 is set). */
export interface AddrLimits {
  limits: Limits;
  /** present only for i64 (absent means i32) */
  addr?: AddrType;
}

/**
 * 2.0: the flag is a 1-bit LEB128 integer (larger values are "integer too
 * large") and the bounds are u32. 3.0 (memory64): the flag is a byte whose
 * bit 0 says a maximum follows and bit 2 that the address type is i64; any
 * other bit is malformed; the bounds are u64 for either address type (the
 * validator bounds them by the address type).
 */
export function readLimits(r: Reader): AddrLimits {
  if (!r.has('memory64')) {
    const flags = r.uN(1);
    const min = r.u32();
    return { limits: flags === 1 ? { min, max: r.u32() } : { min } };
  }
  const at = r.pos;
  const flags = r.byte();
  if ((flags & ~0x05) !== 0) r.fail('malformed limits flags', at);
  const min = r.u64();
  const limits: Limits = (flags & 0x01) !== 0 ? { min, max: r.u64() } : { min };
  return (flags & 0x04) !== 0 ? { limits, addr: 'i64' } : { limits };
}

/** `ref.null t` for a table of t: the initializer every table has without one. */
export function isDefaultTableInit(init: readonly Instr[], elem: RefType): boolean {
  const only = init.length === 1 ? init[0]! : undefined;
  return only?.op === 'ref.null' && only.refType === elem;
}

export function readTableType(r: Reader): TableType {
  const elem = readRefType(r);
  const { limits, addr } = readLimits(r);
  return addr === undefined ? { limits, elem } : { limits, elem, addr };
}

export function readMemType(r: Reader): MemType {
  return readLimits(r);
}

/**
 * A type index where the spec's 3.0 decoder reads a `typeuse` (supertypes,
 * function imports, tag types): a u32 that it holds in 32 signed bits, so
 * from 2^31 no index but malformed. 2.0 read a plain u32 there.
 */
export function readTypeUse(r: Reader): number {
  const at = r.pos;
  const x = r.u32();
  if (x >= 2 ** 31 && r.has('gc')) r.fail('malformed type index', at);
  return x;
}

/** A tag type: an attribute byte (0: exception, the only kind), then a function type index. */
export function readTagType(r: Reader): TagType {
  r.expect(0x00, 'zero byte expected');
  return { type: readTypeUse(r) };
}

export function readMutability(r: Reader): boolean {
  const at = r.pos;
  const m = r.byte();
  if (m > 1) r.fail('malformed mutability', at);
  return m === 1;
}

export function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  return { type, mutable: readMutability(r) };
}

/**
 * 0x40, a value type, or a type index. 2.0: a value type byte or a
 * non-negative s33. 3.0 reads a type index (an s33, wrapped to 32 bits),
 * else 0x40, else a value type, and reports the value type's failure: so a
 * long reference type form such as `(ref null 0)` is a value type here too.
 */
export function readBlockType(r: Reader): BlockType {
  const b = r.peek();
  if (b === EMPTY_BLOCK_TYPE) {
    r.pos++;
    return { kind: 'empty' };
  }
  const at = r.pos;
  if (r.has('function-references')) {
    const index = tryTypeIndexS33(r);
    return index === undefined ? { kind: 'value', type: readValType(r) } : { kind: 'type', index };
  }
  const t = b === undefined ? undefined : oneByteValType(r, b);
  if (t !== undefined) {
    r.pos++;
    return { kind: 'value', type: t };
  }
  const index = r.s33();
  if (index < 0) r.fail('malformed block type', at);
  return { kind: 'type', index };
}

/** The value type of a one-byte code, if the reader's features have it. */
function oneByteValType(r: Reader, code: number): ValType | undefined {
  const t = NUM_BY_CODE.get(code);
  if (t !== undefined) return t;
  const h = abstractHeapType(r, code);
  return h === undefined ? undefined : refType(true, h);
}

export function writeValType(w: Writer, t: ValType): void {
  const code = ONE_BYTE.get(t);
  if (code !== undefined) w.byte(code);
  else writeRefType(w, t as RefType);
}

/** The shorthand byte for a nullable abstract type, else 0x63 (nullable) or 0x64 and the heap type. */
export function writeRefType(w: Writer, t: RefType): void {
  const code = ONE_BYTE.get(t);
  if (code !== undefined) {
    w.byte(code);
    return;
  }
  w.byte(isNullable(t) ? REF_NULL : REF);
  writeHeapType(w, heapOf(t));
}

/** An abstract heap type's code, or a type index as an s33. */
export function writeHeapType(w: Writer, h: HeapType): void {
  if (typeof h === 'number') w.s33(h);
  else w.byte(HEAP_CODES[h]);
}

/** Flags: bit 0 a maximum, bit 2 the i64 address type; bounds as u64 (for u32 values the same bytes as u32). */
export function writeLimits(w: Writer, l: Limits, addr: AddrType = 'i32'): void {
  const addrBit = addr === 'i64' ? 0x04 : 0;
  if (l.max === undefined) w.byte(addrBit).u64(l.min);
  else w.byte(addrBit | 1).u64(l.min).u64(l.max);
}

export function writeTableType(w: Writer, t: TableType): void {
  writeRefType(w, t.elem);
  writeLimits(w, t.limits, t.addr);
}

export function writeMemType(w: Writer, t: MemType): void {
  writeLimits(w, t.limits, t.addr);
}

export function writeTagType(w: Writer, t: TagType): void {
  w.byte(0x00).u32(t.type);
}

export function writeGlobalType(w: Writer, t: GlobalType): void {
  writeValType(w, t.type);
  w.byte(t.mutable ? 1 : 0);
}

export function writeBlockType(w: Writer, bt: BlockType): void {
  if (bt.kind === 'empty') w.byte(EMPTY_BLOCK_TYPE);
  else if (bt.kind === 'value') writeValType(w, bt.type);
  else w.s33(bt.index);
}
