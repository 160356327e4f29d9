// The dynamic type of a reference and its matching against a CLOSED reference
// type (3.0, spec 4.x "reference typing" and "matching"): what ref.test,
// ref.cast, br_on_cast(_fail), call_indirect's check and the API's hasType
// decide. A struct or array has its TypeId, a function instance its
// typeId, an i31 reference the type i31, an exception exn; any other
// non-null value is a host value, of type extern in the extern hierarchy and
// any in the any hierarchy (internalised by any.convert_extern). Validation
// guarantees that a reference is only ever matched against types of its own
// hierarchy, so a top type always matches and the hierarchy is never checked
// here.
import { ABS_HEAP_TYPES, heapOf, isNullable, type AbsHeapType, type HeapType, type RefType } from '../syntax/types.js';
import type { TypeId } from '../types/canonical.js';
import { idMatches, topOf } from '../types/subtype.js';
import { ArrayRef, StructRef } from './aggregate.js';
import type { FuncInstance } from './func.js';
import { I31Ref } from './i31.js';

/** The `type` of an API value holding a reference: the top of its hierarchy. */
export type RefValueType = 'funcref' | 'externref' | 'exnref' | 'anyref';

const TOP_VALUE = { any: 'anyref', func: 'funcref', extern: 'externref', exn: 'exnref' } as const;

/** The API value type of references of (closed) type `t`. */
export function refValueType(t: RefType): RefValueType {
  if (t === 'funcref' || t === 'externref' || t === 'exnref' || t === 'anyref') return t;
  return TOP_VALUE[topOf(heapOf(t))];
}

/** The TypeId a struct, array or function instance carries (undefined for anything else). */
export function typeIdOfRef(ref: unknown): TypeId | undefined {
  if (ref instanceof StructRef || ref instanceof ArrayRef) return ref.type;
  const id = (ref as Partial<FuncInstance> | null)?.typeId;
  return typeof id === 'number' ? id : undefined;
}

/** Whether a non-null reference's dynamic heap type matches the (closed) heap type `h`. */
export function heapMatchesRef(ref: unknown, h: HeapType): boolean {
  if (typeof h === 'number') {
    const id = typeIdOfRef(ref);
    return id !== undefined && idMatches(id, h);
  }
  switch (h) {
    case 'any':
    case 'func':
    case 'extern':
    case 'exn':
      return true;
    case 'eq':
      return ref instanceof I31Ref || ref instanceof StructRef || ref instanceof ArrayRef;
    case 'i31':
      return ref instanceof I31Ref;
    case 'struct':
      return ref instanceof StructRef;
    case 'array':
      return ref instanceof ArrayRef;
    default: // the bottom types have no values
      return false;
  }
}

/** Whether a reference (null included) has the (closed) reference type `t`. */
export function refMatchesType(ref: unknown, t: RefType): boolean {
  return ref === null || ref === undefined ? isNullable(t) : heapMatchesRef(ref, heapOf(t));
}

// Heap types in the compiled code: a TypeId as itself, an abstract heap type as -(its index + 1).

export function heapCode(h: HeapType): number {
  return typeof h === 'number' ? h : -(ABS_HEAP_TYPES.indexOf(h) + 1);
}

export function heapOfCode(code: number): HeapType {
  return code >= 0 ? code : (ABS_HEAP_TYPES[-code - 1] as AbsHeapType);
}
