// Binary encoding of types (spec 5.3), both directions: one byte per value
// type, limits with a flag byte, tag types, and block types (5.4.1). The 3.0
// forms (exnref, 64-bit address types, heap types) are read only when the
// Reader's feature set has them; the writers always write the 3.0 format.
import { DecodeError } from '../errors.js';
import type { Instr } from '../syntax/instructions.js';
import type { AddrType, BlockType, FuncType, GlobalType, Limits, MemType, RefType, TableType, TagType, ValType } from '../syntax/types.js';
import { TOO_LONG } from './leb128.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

export const VALTYPE_CODES: Readonly<Record<ValType, number>> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
  exnref: 0x69,
};

const VALTYPE_BY_CODE = new Map<number, ValType>(Object.entries(VALTYPE_CODES).map(([t, c]) => [c, t as ValType]));

export const FUNC_TYPE_TAG = 0x60;
export const EMPTY_BLOCK_TYPE = 0x40;

/** `(ref null ht)` and `(ref ht)`: the long forms of reference types (typed function references). */
const REF_NULL = 0x63;
const REF = 0x64;

/**
 * Abstract heap type codes of 3.0 that this runtime does not represent (GC,
 * and the bottom types): none, nofunc, noextern, noexn, any, eq, i31, struct, array.
 */
const GC_HEAP_CODES: ReadonlySet<number> = new Set([0x71, 0x73, 0x72, 0x74, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a]);

/** Composite type codes of GC (array, struct, sub, sub final, rec). */
const ARRAY_TYPE = 0x5e;
const STRUCT_TYPE = 0x5f;
const GC_TYPE_CODES: ReadonlySet<number> = new Set([ARRAY_TYPE, STRUCT_TYPE, 0x50, 0x4f, 0x4e]);

/**
 * A well-formed 3.0 construct outside part 1 (GC, typed function
 * references). A DecodeError (decoding still only throws typed errors), but
 * never with a spec message: the module is not malformed, only beyond this
 * runtime. Readers that try one form and then another let it through.
 */
export class Unsupported extends DecodeError {
  constructor(what: string, offset: number) {
    super(`unsupported: ${what} (GC and typed function references are not implemented)`, offset);
  }
}

export function unsupported(what: string, at: number): never {
  throw new Unsupported(what, at);
}

/** Whether `e` is a malformation (a DecodeError other than Unsupported): what an alternative form may swallow. */
export function isMalformed(e: unknown): e is DecodeError {
  return e instanceof DecodeError && !(e instanceof Unsupported);
}

export function valTypeOfCode(code: number): ValType | undefined {
  return VALTYPE_BY_CODE.get(code);
}

/**
 * Type codes are single bytes, but the spec reads them as signed 7-bit
 * LEB128 (negative numbers), so a set continuation bit is an overlong integer.
 */
function typeCode(r: Reader): number {
  const at = r.pos;
  const b = r.byte();
  if ((b & 0x80) !== 0) r.fail(TOO_LONG, at + 1);
  return b;
}

/** The value type of a one-byte code, if the reader's features have it. */
function knownValType(r: Reader, code: number): ValType | undefined {
  const t = VALTYPE_BY_CODE.get(code);
  return t === 'exnref' && !r.has('exceptions') ? undefined : t;
}

export function readValType(r: Reader): ValType {
  const at = r.pos;
  const code = typeCode(r);
  const t = knownValType(r, code);
  // The spec interpreter tries number, vector, then reference types and
  // reports the last failure.
  return t ?? refTypeOfCode(r, code, at);
}

function isRefCode(code: number): boolean {
  return code === 0x70 || code === 0x6f || code === 0x69;
}

export function readRefType(r: Reader): RefType {
  const at = r.pos;
  return refTypeOfCode(r, typeCode(r), at);
}

/** A reference type whose first byte (`code`, at `at`) has been read. */
function refTypeOfCode(r: Reader, code: number, at: number): RefType {
  const t = isRefCode(code) ? knownValType(r, code) : undefined;
  if (t !== undefined) return t as RefType;
  if (r.has('function-references')) {
    // (ref null func) is funcref, and so on; non-null references are beyond part 1.
    if (code === REF_NULL) return readHeapType(r);
    if (code === REF) unsupported('non-null reference type', at);
  }
  if (r.has('gc') && GC_HEAP_CODES.has(code)) unsupported('GC reference type', at);
  return r.fail('malformed reference type', at);
}

/**
 * A heap type (3.0; `ref.null`'s immediate and the long reference type
 * forms): an abstract type's one-byte code, or a type index as a
 * non-negative s33. Before typed function references it was a reference type.
 */
export function readHeapType(r: Reader): RefType {
  if (!r.has('function-references')) return readRefType(r);
  const at = r.pos;
  const b = r.peek();
  if (b !== undefined && b >= 0x40 && b < 0x80) {
    // A negative one-byte code: an abstract heap type, named by its nullable reference type.
    r.pos++;
    const t = isRefCode(b) ? knownValType(r, b) : undefined;
    if (t !== undefined) return t as RefType;
    if (r.has('gc') && GC_HEAP_CODES.has(b)) unsupported('GC heap type', at);
    return r.fail('malformed heap type', at);
  }
  let index = -1;
  try {
    index = r.s33();
  } catch (e) {
    if (!isMalformed(e)) throw e;
  }
  if (index >= 0) unsupported('heap type index', at);
  // Not an index, and an abstract type takes one byte: the spec reads it as an overlong s7.
  return r.fail(TOO_LONG, at + 1);
}

export function readFuncType(r: Reader): FuncType {
  const at = r.pos;
  const code = typeCode(r);
  if (code !== FUNC_TYPE_TAG) {
    if (r.has('gc') && GC_TYPE_CODES.has(code)) readGcType(r, code, at);
    r.fail(r.has('gc') ? 'malformed definition type' : 'malformed function type', at);
  }
  const params = r.vec(readValType);
  const results = r.vec(readValType);
  return { params, results };
}

/**
 * A GC type definition, read as far as its own well-formedness goes (so
 * that a malformed one gets the spec's message), then refused as unsupported.
 */
function readGcType(r: Reader, code: number, at: number): never {
  if (code === ARRAY_TYPE) readFieldType(r);
  else if (code === STRUCT_TYPE) r.vec(readFieldType);
  return unsupported('GC type definition', at);
}

/** A field type: a storage type (a value type, or packed i8 0x78 / i16 0x77), then mutability. */
function readFieldType(r: Reader): void {
  const b = r.peek();
  if (b === 0x78 || b === 0x77) r.pos++;
  else readValType(r);
  readMutability(r);
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

/** A tag type: an attribute byte (0: exception, the only kind), then a function type index. */
export function readTagType(r: Reader): TagType {
  r.expect(0x00, 'zero byte expected');
  return { type: r.u32() };
}

function readMutability(r: Reader): boolean {
  const at = r.pos;
  const m = r.byte();
  if (m > 1) r.fail('malformed mutability', at);
  return m === 1;
}

export function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  return { type, mutable: readMutability(r) };
}

/** 0x40, a value type byte, or a non-negative s33 type index. */
export function readBlockType(r: Reader): BlockType {
  const b = r.peek();
  if (b === EMPTY_BLOCK_TYPE) {
    r.pos++;
    return { kind: 'empty' };
  }
  const t = b === undefined ? undefined : knownValType(r, b);
  if (t !== undefined) {
    r.pos++;
    return { kind: 'value', type: t };
  }
  const at = r.pos;
  if (r.has('function-references')) return typeIndexOrValType(r, at);
  const index = r.s33();
  if (index < 0) r.fail('malformed block type', at);
  return { kind: 'type', index };
}

/**
 * 3.0 reads a block type as a type index, else 0x40, else a value type, and
 * reports the value type's failure: so a long reference type form such as
 * `(ref null func)` is a value type here too.
 */
function typeIndexOrValType(r: Reader, at: number): BlockType {
  try {
    const index = r.s33();
    if (index >= 0) return { kind: 'type', index };
  } catch (e) {
    if (!isMalformed(e)) throw e;
  }
  r.pos = at;
  return { kind: 'value', type: readValType(r) };
}

export function writeValType(w: Writer, t: ValType): void {
  w.byte(VALTYPE_CODES[t]);
}

export function writeFuncType(w: Writer, t: FuncType): void {
  w.byte(FUNC_TYPE_TAG).vec(t.params, writeValType).vec(t.results, writeValType);
}

/** Flags: bit 0 a maximum, bit 2 the i64 address type; bounds as u64 (for u32 values the same bytes as u32). */
export function writeLimits(w: Writer, l: Limits, addr: AddrType = 'i32'): void {
  const addrBit = addr === 'i64' ? 0x04 : 0;
  if (l.max === undefined) w.byte(addrBit).u64(l.min);
  else w.byte(addrBit | 1).u64(l.min).u64(l.max);
}

export function writeTableType(w: Writer, t: TableType): void {
  writeValType(w, t.elem);
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
