// Values as the public API sees them (spec 4.2.1), each with exact bits: floats
// are carried as their IEEE bit patterns so NaN payloads survive every hop.
import type { FuncInstance } from './func.js';
import type { ExnInstance } from './tag.js';
import type { ValType } from '../syntax/types.js';

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
  | { type: 'exnref'; ref: ExnInstance | null };

/** The default value of a type (spec 4.2.1: zero, or null for references). */
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
    case 'funcref':
      return { type: 'funcref', ref: null };
    case 'externref':
      return { type: 'externref', ref: null };
    case 'exnref':
      return { type: 'exnref', ref: null };
  }
}

/** The reference a ref-typed value holds (null for ref.null). */
export function refOf(v: Value): unknown {
  return v.type === 'funcref' || v.type === 'externref' || v.type === 'exnref' ? (v.ref ?? null) : null;
}

/** Whether `v` is a value of type `t` (the check the API makes on arguments). */
export function hasType(v: Value, t: ValType): boolean {
  return v.type === t;
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
      return `externref:${v.ref === null ? 'null' : v.ref instanceof HostRef ? v.ref.id : 'host'}`;
    case 'exnref':
      return `exnref:${v.ref === null ? 'null' : 'exn'}`;
  }
}
