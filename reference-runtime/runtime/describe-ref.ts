// What the API can say about a reference value (3.0), for comparisons with
// runtimes: whether it is null, its dynamic heap type (the TypeId of a
// struct, array or function, and the abstract heap types it belongs to), an
// i31's value, and for structs and arrays a digest of their contents that
// follows references structurally and handles cycles and sharing.
//
// The digest is the SHA-256 (hex) of a canonical text that depends only on
// contents, never on TypeIds or object identity, so two runtimes' equal
// object graphs give equal digests. Grammar, written depth-first from the
// root with an explicit stack (a long list cannot overflow the JS stack):
//   object  := '#' k '=' ('struct{' fields '}' | 'array[' fields ']')   first visit (k counts objects in visit order)
//            | '#' k                                                   any later visit (sharing, cycles)
//   fields  := (value (',' value)*)?
//   value   := 'i32:' signed | 'i64:' signed | 'f32:' hex bits | 'f64:' hex bits | 'v128:' 32 hex digits (bytes in memory order)
//            | 'i8:' unsigned | 'i16:' unsigned | 'null' | 'i31:' signed | 'func' | 'exn' | 'host' (':' N for HostRef N) | object
// An externalised or internalised reference is written as what it refers to.
import { createHash } from 'node:crypto';
import { ABS_HEAP_TYPES, refType, type AbsHeapType } from '../syntax/types.js';
import type { TypeId } from '../types/canonical.js';
import { topOf } from '../types/subtype.js';
import { ArrayRef, arrayElemType, getElem, getField, StructRef, structLayout } from './aggregate.js';
import { I31Ref } from './i31.js';
import type { ModuleInstance } from './instance.js';
import { refMatchesType, typeIdOfRef } from './ref-type.js';
import { ExnInstance } from './tag.js';
import { HostRef, showValue, type Value } from './values.js';

export interface RefDescription {
  /** the top of the reference's hierarchy */
  hierarchy: 'any' | 'func' | 'extern' | 'exn';
  null: boolean;
  kind: 'null' | 'i31' | 'struct' | 'array' | 'func' | 'exn' | 'host';
  /** a struct's, array's or function's defined type (process-global TypeId) */
  typeId?: TypeId;
  /** the index of that type in `inst`'s module (its first index with that TypeId), when an instance is given and has it */
  typeIndex?: number;
  /** every abstract heap type ht of the hierarchy such that the value has type (ref null ht), most general first */
  abstract: AbsHeapType[];
  /** an i31's value, sign-extended (i31.get_u gives it modulo 2^31) */
  i31?: number;
  /** a HostRef's number */
  host?: number;
  /** structs and arrays: the digest of their contents (see above) */
  digest?: string;
}

const HIERARCHY = { funcref: 'func', externref: 'extern', exnref: 'exn', anyref: 'any' } as const;

/** Describes a reference value (a value of type funcref, externref, exnref or anyref); `inst` resolves type indices. */
export function describeRef(v: Value, inst?: ModuleInstance): RefDescription {
  if (!(v.type in HIERARCHY)) throw new TypeError(`not a reference: ${showValue(v)}`);
  const hierarchy = HIERARCHY[v.type as keyof typeof HIERARCHY];
  const ref = (v as { ref: unknown }).ref ?? null;
  const abstract = ABS_HEAP_TYPES.filter((h) => topOf(h) === hierarchy && refMatchesType(ref, refType(true, h)));
  const d: RefDescription = { hierarchy, null: ref === null, kind: kindOfRef(ref), abstract };
  const id = hierarchy === 'func' || ref instanceof StructRef || ref instanceof ArrayRef ? typeIdOfRef(ref) : undefined;
  if (id !== undefined) {
    d.typeId = id;
    const index = inst?.typeIds.indexOf(id) ?? -1;
    if (index >= 0) d.typeIndex = index;
  }
  if (ref instanceof I31Ref) d.i31 = ref.signed;
  if (ref instanceof HostRef) d.host = ref.id;
  if (ref instanceof StructRef || ref instanceof ArrayRef) d.digest = digestRef(ref);
  return d;
}

function kindOfRef(ref: unknown): RefDescription['kind'] {
  if (ref === null) return 'null';
  if (ref instanceof I31Ref) return 'i31';
  if (ref instanceof StructRef) return 'struct';
  if (ref instanceof ArrayRef) return 'array';
  if (ref instanceof ExnInstance) return 'exn';
  const k = (ref as { kind?: unknown }).kind;
  return (k === 'wasm' || k === 'host') && typeIdOfRef(ref) !== undefined ? 'func' : 'host';
}

/** The digest of a struct's or array's contents (see the grammar above). */
export function digestRef(root: StructRef | ArrayRef): string {
  const hash = createHash('sha256');
  const seen = new Map<object, number>();
  // work items: text to write, or a reference to visit
  const work: (string | { ref: unknown })[] = [{ ref: root }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (typeof item === 'string') {
      hash.update(item);
      continue;
    }
    const r = item.ref;
    if (!(r instanceof StructRef || r instanceof ArrayRef)) {
      hash.update(leafText(r));
      continue;
    }
    const k = seen.get(r);
    if (k !== undefined) {
      hash.update(`#${k}`);
      continue;
    }
    seen.set(r, seen.size);
    const values = r instanceof StructRef ? structLayout(r.type).slots.map((_, i) => getField(r, i)) : elemsOf(r);
    const types = r instanceof StructRef ? structLayout(r.type).types : values.map(() => arrayElemType(r.type));
    hash.update(`#${seen.size - 1}=${r instanceof StructRef ? 'struct{' : 'array['}`);
    work.push(r instanceof StructRef ? '}' : ']');
    for (let i = values.length - 1; i >= 0; i--) {
      const v = values[i]!;
      work.push('ref' in v ? { ref: v.ref ?? null } : valueText(v, types[i]!));
      if (i > 0) work.push(',');
    }
  }
  return hash.digest('hex');
}

function elemsOf(a: ArrayRef): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < a.length; i++) out.push(getElem(a, i));
  return out;
}

/** A number or vector as the grammar writes it; a packed field (read as its unsigned i32) by its storage type. */
function valueText(v: Value, storage: string): string {
  switch (v.type) {
    case 'i32':
      return storage === 'i8' || storage === 'i16' ? `${storage}:${v.value >>> 0}` : `i32:${v.value}`;
    case 'i64':
      return `i64:${v.value}`;
    case 'f32':
      return `f32:${(v.bits >>> 0).toString(16)}`;
    case 'f64':
      return `f64:${v.bits.toString(16)}`;
    case 'v128':
      return `v128:${[...v.bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    default:
      return showValue(v);
  }
}

function leafText(r: unknown): string {
  switch (kindOfRef(r)) {
    case 'null':
      return 'null';
    case 'i31':
      return `i31:${(r as I31Ref).signed}`;
    case 'func':
      return 'func';
    case 'exn':
      return 'exn';
    default:
      return r instanceof HostRef ? `host:${r.id}` : 'host';
  }
}
