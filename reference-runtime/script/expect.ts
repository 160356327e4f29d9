// Matching results against a script's expectations (spec interpreter
// script/run.ml): exact bits, NaN classes per scalar or per lane, and
// reference kinds. Also the text forms used in failure reports.
import { isArithmeticNaN32, isArithmeticNaN64Bits, isCanonicalNaN32, isCanonicalNaN64Bits } from '../exec/numerics/nan.js';
import { heapMatchesRef, refValueType } from '../runtime/ref-type.js';
import { HostRef, showValue, type Value } from '../runtime/values.js';
import type { NanPattern, WastConst, WastExpected } from '../syntax/script.js';
import { heapOf, type RefType } from '../syntax/types.js';
import { isConcreteRef } from '../types/canonical.js';

/**
 * A script constant as an API value; `ref.extern N` becomes the interned host
 * reference N, `ref.host N` the same in the any hierarchy (3.0, as if
 * internalised by any.convert_extern).
 */
export function constValue(c: WastConst): Value {
  switch (c.type) {
    case 'i32':
    case 'i64':
    case 'f32':
    case 'f64':
    case 'v128':
      return c as Value;
    case 'ref.null':
      return { type: nullType(c.refType), ref: null } as Value;
    case 'ref.extern':
      return { type: 'externref', ref: HostRef.of(c.value) };
    case 'ref.host':
      return { type: 'anyref', ref: HostRef.of(c.value) };
  }
}

/** The hierarchy of a script's `(ref.null ht)`: a bare type index names no type outside a module. */
function nullType(t: RefType): string {
  if (isConcreteRef(t)) throw new Error(`(ref.null ${heapOf(t)}): a type index has no meaning in a script`);
  return refValueType(t);
}

function nan32Matches(bits: number, p: NanPattern): boolean {
  return p === 'nan:canonical' ? isCanonicalNaN32(bits) : isArithmeticNaN32(bits);
}

function nan64Matches(bits: bigint, p: NanPattern): boolean {
  return p === 'nan:canonical' ? isCanonicalNaN64Bits(bits) : isArithmeticNaN64Bits(bits);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function matches(v: Value, e: WastExpected): boolean {
  switch (e.type) {
    case 'i32':
      return v.type === 'i32' && v.value === e.value;
    case 'i64':
      return v.type === 'i64' && v.value === e.value;
    case 'f32':
      if (v.type !== 'f32') return false;
      return 'nan' in e ? nan32Matches(v.bits, e.nan) : v.bits >>> 0 === (e as { bits: number }).bits >>> 0;
    case 'f64':
      if (v.type !== 'f64') return false;
      return 'nan' in e ? nan64Matches(v.bits, e.nan) : v.bits === (e as { bits: bigint }).bits;
    case 'v128':
      return v.type === 'v128' && bytesEqual(v.bytes, e.bytes);
    case 'v128-lanes':
      return v.type === 'v128' && lanesMatch(v.bytes, e.shape, e.lanes);
    case 'ref.null':
      // any null of the pattern's hierarchy: (ref.null none) is the null a (ref null $struct) result holds
      return 'ref' in v && v.ref === null && v.type === nullType(e.refType);
    case 'ref.extern':
      return v.type === 'externref' && v.ref === HostRef.of(e.value);
    case 'ref.host':
      return v.type === 'anyref' && v.ref === HostRef.of(e.value);
    case 'ref.kind':
      if (!('ref' in v) || v.ref === null) return false;
      return e.heap === 'exn' ? v.type === 'exnref' : v.type === 'anyref' && heapMatchesRef(v.ref, e.heap);
    case 'ref.func':
      return v.type === 'funcref' && v.ref !== null;
    case 'ref.extern-any':
      return v.type === 'externref' && v.ref !== null;
    case 'ref.null-any':
      return 'ref' in v && v.ref === null;
    case 'either':
      return e.options.some((o) => matches(v, o));
  }
}

function lanesMatch(bytes: Uint8Array, shape: 'f32x4' | 'f64x2', lanes: (number | bigint | NanPattern)[]): boolean {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return lanes.every((lane, i) => {
    if (shape === 'f32x4') {
      const bits = dv.getUint32(i * 4, true);
      return typeof lane === 'string' ? nan32Matches(bits, lane) : bits === Number(lane) >>> 0;
    }
    const bits = dv.getBigUint64(i * 8, true);
    return typeof lane === 'string' ? nan64Matches(bits, lane) : bits === BigInt.asUintN(64, BigInt(lane));
  });
}

export function showExpected(e: WastExpected): string {
  switch (e.type) {
    case 'v128-lanes':
      return `${e.shape}:${e.lanes.map((l) => (typeof l === 'string' ? l : `0x${l.toString(16)}`)).join(' ')}`;
    case 'ref.null':
      return `${e.refType}:null`;
    case 'ref.extern':
      return `externref:${e.value}`;
    case 'ref.host':
      return `anyref:host ${e.value}`;
    case 'ref.kind':
      return `(ref.${e.heap})`;
    case 'ref.func':
      return 'funcref:any';
    case 'ref.extern-any':
      return 'externref:any';
    case 'ref.null-any':
      return 'ref:null';
    case 'either':
      return `(either ${e.options.map(showExpected).join(' ')})`;
    case 'f32':
    case 'f64':
      if ('nan' in e) return `${e.type}:${e.nan}`;
      return showValue(e as Value);
    default:
      return showValue(e as Value);
  }
}
