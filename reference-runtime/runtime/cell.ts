// Conversion between API values and 16-byte cells (4 int32 words, little-endian
// words of the value) plus a reference: the layout of a value-stack slot and of
// a global. Word copies keep float bits exact, which JS numbers cannot promise.
import type { ValType } from '../syntax/types.js';
import { refValueType } from './ref-type.js';
import type { Value } from './values.js';

/** Writes `v` into `cell` (words at `at`..`at+3`); returns the reference part (null for non-references). */
export function writeCell(v: Value, cell: Int32Array, at = 0): unknown {
  switch (v.type) {
    case 'i32':
      cell[at] = v.value;
      return null;
    case 'f32':
      cell[at] = v.bits | 0;
      return null;
    case 'i64':
      cell[at] = Number(BigInt.asIntN(32, v.value));
      cell[at + 1] = Number(BigInt.asIntN(32, v.value >> 32n));
      return null;
    case 'f64':
      cell[at] = Number(BigInt.asIntN(32, v.bits));
      cell[at + 1] = Number(BigInt.asIntN(32, v.bits >> 32n));
      return null;
    case 'v128': {
      const b = v.bytes;
      for (let w = 0; w < 4; w++) cell[at + w] = b[4 * w]! | (b[4 * w + 1]! << 8) | (b[4 * w + 2]! << 16) | (b[4 * w + 3]! << 24);
      return null;
    }
    default: // a reference type
      return v.ref ?? null;
  }
}

/** Reads a value of type `t` (closed: a concrete reference names a TypeId) from `cell` (and `ref` for references). */
export function readCell(t: ValType, cell: Int32Array, ref: unknown, at = 0): Value {
  switch (t) {
    case 'i32':
      return { type: 'i32', value: cell[at]! };
    case 'f32':
      return { type: 'f32', bits: cell[at]! >>> 0 };
    case 'i64':
      return { type: 'i64', value: BigInt.asIntN(64, (BigInt(cell[at + 1]!) << 32n) | BigInt(cell[at]! >>> 0)) };
    case 'f64':
      return { type: 'f64', bits: BigInt.asUintN(64, (BigInt(cell[at + 1]!) << 32n) | BigInt(cell[at]! >>> 0)) };
    case 'v128': {
      const bytes = new Uint8Array(16);
      for (let w = 0; w < 4; w++) {
        const x = cell[at + w]!;
        bytes[4 * w] = x;
        bytes[4 * w + 1] = x >> 8;
        bytes[4 * w + 2] = x >> 16;
        bytes[4 * w + 3] = x >> 24;
      }
      return { type: 'v128', bytes };
    }
    default: // a reference: its API type is its hierarchy's top
      return { type: refValueType(t), ref: ref ?? null } as Value;
  }
}
