// Values as the public API sees them (spec 4.2.1), each with exact bits: floats
// are carried as their IEEE bit patterns so NaN payloads survive every hop.
import { isNullable, isRefType, type ValType } from '../syntax/types.js';
import { ArrayRef, StructRef } from './aggregate.js';
import type { FuncInstance } from './func.js';
import { I31Ref } from './i31.js';
import { refMatchesType, refValueType } from './ref-type.js';
import type { ExnInstance } from './tag.js';

/**
 * A host (external) reference. The script runner's `ref.extern N` is the
 * interned `HostRef.of(N)`, so two references to the same number are the same
 * object and compare equal with `===`.
 */
export class HostRef {
  private static readonly interned = new Map<number, HostRef>();
  private constructor(readonly id: number) {}

  static of(id: number): HostRef {
    let r = HostRef.interned.get(id);
    if (r === undefined) HostRef.interned.set(id, (r = new HostRef(id)));
    return r;
  }
}

export type Value =
  | { type: 'i32'; value: number } // signed 32-bit
  | { type: 'i64'; value: bigint } // signed 64-bit
  | { type: 'f32'; bits: number } // unsigned 32-bit IEEE bits
  | { type: 'f64'; bits: bigint } // unsigned 64-bit IEEE bits
  | { type: 'v128'; bytes: Uint8Array } // 16 bytes, little-endian
  | { type: 'funcref'; ref: FuncInstance | null }
  /** any non-null JS value is a host reference; null is ref.null extern */
  | { type: 'externref'; ref: unknown }
  /** an exception (exception handling), or null */
  | { type: 'exnref'; ref: ExnInstance | null }
  /**
   * the any hierarchy (GC): a StructRef, an ArrayRef, an I31Ref, a host value
   * (an externref internalised by any.convert_extern, e.g. the script's
   * `ref.host N`, which is `HostRef.of(N)`), or null
   */
  | { type: 'anyref'; ref: unknown };

/**
 * A reference value's `type` is the top of its hierarchy ('funcref',
 * 'externref', 'exnref', 'anyref'), whatever its static type; `hasType`
 * tells whether it has a given (closed) reference type.
 */

/**
 * The default value of a type (spec 4.2.1: zero, or null for references); a
 * non-nullable reference type (3.0) has none: TypeError. Reference types are
 * closed (runtime types: concrete references are TypeIds).
 */
export function defaultValue(t: ValType): Value {
  switch (t) {
    case 'i32':
      return { type: 'i32', value: 0 };
    case 'i64':
      return { type: 'i64', value: 0n };
    case 'f32':
      return { type: 'f32', bits: 0 };
    case 'f64':
      return { type: 'f64', bits: 0n };
    case 'v128':
      return { type: 'v128', bytes: new Uint8Array(16) };
    default:
      if (!isNullable(t)) throw new TypeError(`the non-nullable type (${t}) has no default value`);
      return { type: refValueType(t), ref: null } as Value;
  }
}

/** The reference a ref-typed value holds (null for ref.null). */
export function refOf(v: Value): unknown {
  return 'ref' in v ? (v.ref ?? null) : null;
}

/**
 * Whether `v` is a value of the (closed) type `t`, the check the API makes
 * on arguments and host results: a number of that type, or a reference of
 * that hierarchy whose dynamic type matches `t` (subtyping; null only for a
 * nullable type).
 */
export function hasType(v: Value, t: ValType): boolean {
  if (!isRefType(t)) return v.type === t;
  return v.type === refValueType(t) && refMatchesType((v as { ref: unknown }).ref ?? null, t);
}

/** A short text form for messages: `i32:42`, `f32:0x7fc00000`, `funcref:null`. */
export function showValue(v: Value): string {
  switch (v.type) {
    case 'i32':
    case 'i64':
      return `${v.type}:${v.value}`;
    case 'f32':
      return `f32:0x${(v.bits >>> 0).toString(16).padStart(8, '0')}`;
    case 'f64':
      return `f64:0x${v.bits.toString(16).padStart(16, '0')}`;
    case 'v128':
      return `v128:${[...v.bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    case 'funcref':
      return `funcref:${v.ref === null ? 'null' : 'func'}`;
    case 'externref':
      // an externalised GC reference (extern.convert_any) shows what it is
      return `externref:${v.ref instanceof HostRef ? v.ref.id : showAnyRef(v.ref)}`;
    case 'exnref':
      return `exnref:${v.ref === null ? 'null' : 'exn'}`;
    case 'anyref':
      return `anyref:${showAnyRef(v.ref)}`;
  }
}

function showAnyRef(r: unknown): string {
  if (r === null || r === undefined) return 'null';
  if (r instanceof I31Ref) return `i31 ${r.signed}`;
  if (r instanceof StructRef) return 'struct';
  if (r instanceof ArrayRef) return `array[${r.length}]`;
  return r instanceof HostRef ? `host ${r.id}` : 'host';
}
