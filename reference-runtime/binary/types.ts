// Binary encoding of types (spec 5.3), both directions: one byte per value
// type, limits with a flag byte, and block types (5.4.1).
import type { BlockType, FuncType, GlobalType, Limits, MemType, RefType, TableType, ValType } from '../syntax/types.js';
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
};

const VALTYPE_BY_CODE = new Map<number, ValType>(Object.entries(VALTYPE_CODES).map(([t, c]) => [c, t as ValType]));

export const FUNC_TYPE_TAG = 0x60;
export const EMPTY_BLOCK_TYPE = 0x40;

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

export function readValType(r: Reader): ValType {
  const at = r.pos;
  const t = VALTYPE_BY_CODE.get(typeCode(r));
  // The spec interpreter tries number, vector, then reference types and
  // reports the last failure.
  if (t === undefined) r.fail('malformed reference type', at);
  return t;
}

export function readRefType(r: Reader): RefType {
  const at = r.pos;
  const b = typeCode(r);
  if (b === 0x70) return 'funcref';
  if (b === 0x6f) return 'externref';
  return r.fail('malformed reference type', at);
}

export function readFuncType(r: Reader): FuncType {
  const at = r.pos;
  if (typeCode(r) !== FUNC_TYPE_TAG) r.fail('malformed function type', at);
  const params = r.vec(readValType);
  const results = r.vec(readValType);
  return { params, results };
}

/** The flag is a 1-bit LEB128 integer in 2.0 (larger values are "integer too large"). */
export function readLimits(r: Reader): Limits {
  const flags = r.uN(1);
  const min = r.u32();
  return flags === 1 ? { min, max: r.u32() } : { min };
}

export function readTableType(r: Reader): TableType {
  const elem = readRefType(r);
  return { limits: readLimits(r), elem };
}

export function readMemType(r: Reader): MemType {
  return { limits: readLimits(r) };
}

export function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  const at = r.pos;
  const m = r.byte();
  if (m > 1) r.fail('malformed mutability', at);
  return { type, mutable: m === 1 };
}

/** 0x40, a value type byte, or a non-negative s33 type index. */
export function readBlockType(r: Reader): BlockType {
  const b = r.peek();
  if (b === EMPTY_BLOCK_TYPE) {
    r.pos++;
    return { kind: 'empty' };
  }
  const t = b === undefined ? undefined : VALTYPE_BY_CODE.get(b);
  if (t !== undefined) {
    r.pos++;
    return { kind: 'value', type: t };
  }
  const at = r.pos;
  const index = r.s33();
  if (index < 0) r.fail('malformed block type', at);
  return { kind: 'type', index };
}

export function writeValType(w: Writer, t: ValType): void {
  w.byte(VALTYPE_CODES[t]);
}

export function writeFuncType(w: Writer, t: FuncType): void {
  w.byte(FUNC_TYPE_TAG).vec(t.params, writeValType).vec(t.results, writeValType);
}

export function writeLimits(w: Writer, l: Limits): void {
  if (l.max === undefined) w.byte(0).u32(l.min);
  else w.byte(1).u32(l.min).u32(l.max);
}

export function writeTableType(w: Writer, t: TableType): void {
  writeValType(w, t.elem);
  writeLimits(w, t.limits);
}

export function writeMemType(w: Writer, t: MemType): void {
  writeLimits(w, t.limits);
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
