// Exact-bits values as text and back: the hex form the driver module writes
// (see driver/emit.ts) and the form outcomes are compared and shown in.
// i32/f32: 8 hex digits, i64/f64: 16, v128: 32 (the 128-bit little-endian
// number, most significant byte first), references: 0 = null, 1 = non-null,
// except an anyref (any reference of the any hierarchy): its projection
// (driver/ref-projection.ts) as the kind digit, the test digit, then the
// 16-digit digest.
import type { RefType, ValType } from '../reference-runtime/syntax/types.js';
import { instr, type Instr } from '../reference-runtime/syntax/instructions.js';
import type { ArgValue, GcProjection, ResultValue } from './plan.js';
import { GC_KIND_NAMES } from './driver/ref-projection.js';

/** Hex digits of an anyref's projection: kind, test, digest. */
const ANYREF_DIGITS = 18;

export function hexDigits(t: ValType): number {
  switch (t) {
    case 'i32':
    case 'f32':
      return 8;
    case 'i64':
    case 'f64':
      return 16;
    case 'v128':
      return 32;
    case 'anyref':
      return ANYREF_DIGITS;
    default: // a reference type
      return 1;
  }
}

/** Parses one result written by the driver; undefined when the text is not a value of type `t`. */
export function parseHexValue(t: ValType, text: string): ResultValue | undefined {
  if (text.length !== hexDigits(t) || !/^[0-9a-f]+$/.test(text)) return undefined;
  switch (t) {
    case 'i32':
    case 'f32':
      return { type: t, bits: parseInt(text, 16) >>> 0 };
    case 'i64':
    case 'f64':
      return { type: t, bits: BigInt('0x' + text) };
    case 'v128': {
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = parseInt(text.slice(30 - 2 * i, 32 - 2 * i), 16);
      return { type: 'v128', bytes };
    }
    case 'anyref': {
      const kind = parseInt(text[0]!, 16);
      if (kind >= GC_KIND_NAMES.length || (text[1] !== '0' && text[1] !== '1')) return undefined;
      return { type: t, null: kind === 0, gc: { kind, test: text[1] === '1', digest: BigInt('0x' + text.slice(2)) } };
    }
    default: // a reference type
      return text === '0' || text === '1' ? { type: t, null: text === '0' } : undefined;
  }
}

/** A value as `type:hex` (or `funcref:null`): for display and equality. */
export function showResult(v: ResultValue | ArgValue): string {
  switch (v.type) {
    case 'i32':
    case 'f32':
      return `${v.type}:${(v.bits >>> 0).toString(16).padStart(8, '0')}`;
    case 'i64':
    case 'f64':
      return `${v.type}:${BigInt.asUintN(64, v.bits).toString(16).padStart(16, '0')}`;
    case 'v128':
      return `v128:${[...v.bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
    default: // a reference type
      if ('gc' in v && v.gc !== undefined) {
        return `${v.type}:${GC_KIND_NAMES[v.gc.kind] ?? v.gc.kind}${v.gc.test ? '' : ' (fails ref.test of its declared type)'} #${v.gc.digest.toString(16).padStart(16, '0')}`;
      }
      return `${v.type}:${v.null ? 'null' : 'non-null'}`;
  }
}

export function sameResults(a: readonly ResultValue[], b: readonly ResultValue[]): boolean {
  return a.length === b.length && a.every((v, i) => sameValue(v, b[i]!));
}

/** Whether two values are shown alike by showResult (the same bits; a reference's null-ness, or an anyref's projection), without showing them: comparisons run per invocation of every runtime. */
export function sameValue(a: ResultValue | ArgValue, b: ResultValue | ArgValue): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'i32':
    case 'f32':
      return (a.bits >>> 0) === ((b as typeof a).bits >>> 0);
    case 'i64':
    case 'f64':
      return BigInt.asUintN(64, a.bits) === BigInt.asUintN(64, (b as typeof a).bits);
    case 'v128': {
      const x = a.bytes;
      const y = (b as typeof a).bytes;
      return x.length === y.length && x.every((byte, k) => byte === y[k]);
    }
    default: {
      const r = b as { null: boolean; gc?: GcProjection };
      const ga = 'gc' in a ? a.gc : undefined;
      const gb = r.gc;
      if (ga === undefined || gb === undefined) return ga === gb && a.null === r.null;
      return ga.kind === gb.kind && ga.test === gb.test && ga.digest === gb.digest;
    }
  }
}

// Convenience constructors, for kits, probes and generators.
export const i32 = (n: number): ArgValue => ({ type: 'i32', bits: n >>> 0 });
export const i64 = (n: bigint): ArgValue => ({ type: 'i64', bits: BigInt.asUintN(64, n) });
export const f32bits = (bits: number): ArgValue => ({ type: 'f32', bits: bits >>> 0 });
export const f64bits = (bits: bigint): ArgValue => ({ type: 'f64', bits: BigInt.asUintN(64, bits) });
export const v128 = (bytes: number[]): ArgValue => ({ type: 'v128', bytes: Uint8Array.from(bytes) });
export const nullRef = (type: RefType): ArgValue => ({ type, null: true });

/** The constant instruction that pushes `a` (a reference argument is always null). */
export function constInstr(a: ArgValue): Instr {
  switch (a.type) {
    case 'i32':
      return instr('i32.const', { i32: a.bits | 0 });
    case 'i64':
      return instr('i64.const', { i64: BigInt.asIntN(64, a.bits) });
    case 'f32':
      return instr('f32.const', { f32: a.bits >>> 0 });
    case 'f64':
      return instr('f64.const', { f64: BigInt.asUintN(64, a.bits) });
    case 'v128':
      return instr('v128.const', { bytes: a.bytes });
    default: // a reference type
      return instr('ref.null', { refType: a.type });
  }
}
