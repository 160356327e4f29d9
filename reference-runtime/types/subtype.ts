// Subtyping (3.0, spec 3.3 "matching") on CLOSED types: concrete heap types
// are TypeIds of the canonical store, so no module is needed and no structure
// is compared here. A concrete type matches another only through the declared
// supertype chain, which is kept as a display (the chain from its root), so
// that `idMatches` is one array lookup. The only structural comparison is
// `compTypeMatches`, which validation runs once per `sub` declaration.
import { heapOf, isFuncType, isNullable, isRefType, type AbsHeapType, type CompType, type FieldType, type FuncType, type HeapType, type RefType, type StorageType, type ValType } from '../syntax/types.js';
import { defType, type TypeId } from './canonical.js';

type Top = 'any' | 'func' | 'extern' | 'exn';
type Bottom = 'none' | 'nofunc' | 'noextern' | 'noexn';

/** For each abstract heap type, the abstract heap types it matches. */
const ABS_SUPERS: Record<AbsHeapType, ReadonlySet<AbsHeapType>> = {
  any: new Set(['any']),
  eq: new Set(['eq', 'any']),
  i31: new Set(['i31', 'eq', 'any']),
  struct: new Set(['struct', 'eq', 'any']),
  array: new Set(['array', 'eq', 'any']),
  none: new Set(['none', 'i31', 'struct', 'array', 'eq', 'any']),
  func: new Set(['func']),
  nofunc: new Set(['nofunc', 'func']),
  extern: new Set(['extern']),
  noextern: new Set(['noextern', 'extern']),
  exn: new Set(['exn']),
  noexn: new Set(['noexn', 'exn']),
};

const TOP: Record<AbsHeapType, Top> = {
  any: 'any',
  eq: 'any',
  i31: 'any',
  struct: 'any',
  array: 'any',
  none: 'any',
  func: 'func',
  nofunc: 'func',
  extern: 'extern',
  noextern: 'extern',
  exn: 'exn',
  noexn: 'exn',
};
const BOTTOM: Record<Top, Bottom> = { any: 'none', func: 'nofunc', extern: 'noextern', exn: 'noexn' };

/** The abstract heap type a concrete type's composite kind sits directly under: func, struct or array. */
export function kindOf(id: TypeId): 'func' | 'struct' | 'array' {
  const t = defType(id);
  return isFuncType(t) ? 'func' : t.kind;
}

/** The top of the hierarchy a (closed) heap type belongs to. */
export function topOf(h: HeapType): Top {
  return typeof h === 'number' ? (kindOf(h) === 'func' ? 'func' : 'any') : TOP[h];
}

/** The bottom of the hierarchy a (closed) heap type belongs to. */
export function bottomOf(h: HeapType): Bottom {
  return BOTTOM[topOf(h)];
}

/** TypeId → its declared supertype chain from the root, ending with itself (filled on first use). */
const displays: (readonly TypeId[] | undefined)[] = [];

function display(id: TypeId): readonly TypeId[] {
  let d = displays[id];
  if (d !== undefined) return d;
  // Walk up to the first type whose display is known (or a root), then fill downwards.
  const path: TypeId[] = [];
  let x: TypeId | undefined = id;
  let base: readonly TypeId[] = [];
  while (x !== undefined) {
    const known = displays[x];
    if (known !== undefined) {
      base = known;
      break;
    }
    // A cycle can only come from an invalid type section; cut it rather than loop.
    if (path.includes(x)) break;
    path.push(x);
    x = defType(x).sub?.supers[0];
  }
  for (let i = path.length - 1; i >= 0; i--) {
    base = [...base, path[i]!];
    displays[path[i]!] = base;
  }
  d = displays[id]!;
  return d;
}

/** Declared subtyping of two TypeIds: reflexive and transitive through the declared supertypes. */
export function idMatches(a: TypeId, b: TypeId): boolean {
  if (a === b) return true;
  const da = display(a);
  const db = display(b);
  return db.length < da.length && da[db.length - 1] === b;
}

/** Heap type matching (closed heap types). */
export function heapMatches(a: HeapType, b: HeapType): boolean {
  if (a === b) return true;
  if (typeof a === 'number') {
    if (typeof b === 'number') return idMatches(a, b);
    const k = kindOf(a);
    return k === b || (k !== 'func' && (b === 'eq' || b === 'any'));
  }
  if (typeof b === 'number') return a === (kindOf(b) === 'func' ? 'nofunc' : 'none');
  return ABS_SUPERS[a].has(b);
}

/** Reference type matching (closed): nullability may only be dropped going down, and the heap types match. */
export function refMatches(a: RefType, b: RefType): boolean {
  if (a === b) return true;
  if (isNullable(a) && !isNullable(b)) return false;
  return heapMatches(heapOf(a), heapOf(b));
}

/** Value type matching (closed): equal, or both references and matching. */
export function valMatches(a: ValType, b: ValType): boolean {
  return a === b || (isRefType(a) && isRefType(b) && refMatches(a, b));
}

/** Storage types: packed types match only themselves. */
export function storageMatches(a: StorageType, b: StorageType): boolean {
  if (a === b) return true;
  if (a === 'i8' || a === 'i16' || b === 'i8' || b === 'i16') return false;
  return valMatches(a, b);
}

/** Field types: mutability equal; a mutable field's type equal (invariant), an immutable one's matching (covariant). */
export function fieldMatches(a: FieldType, b: FieldType): boolean {
  if (a.mutable !== b.mutable) return false;
  return a.mutable ? a.type === b.type : storageMatches(a.type, b.type);
}

/** Function types (closed): parameters contravariant, results covariant. */
export function funcTypeMatches(a: FuncType, b: FuncType): boolean {
  if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
  for (let i = 0; i < a.params.length; i++) if (!valMatches(b.params[i]!, a.params[i]!)) return false;
  for (let i = 0; i < a.results.length; i++) if (!valMatches(a.results[i]!, b.results[i]!)) return false;
  return true;
}

/**
 * Structural matching of composite types (closed), spec 3.3.x: what a `sub`
 * declaration requires of the type against each declared supertype. Structs
 * may add fields (width) and refine immutable ones (depth).
 */
export function compTypeMatches(a: CompType, b: CompType): boolean {
  if (isFuncType(a)) return isFuncType(b) && funcTypeMatches(a, b);
  if (isFuncType(b) || a.kind !== b.kind) return false;
  if (a.kind === 'array') return b.kind === 'array' && fieldMatches(a.field, b.field);
  if (b.kind !== 'struct' || a.fields.length < b.fields.length) return false;
  for (let i = 0; i < b.fields.length; i++) if (!fieldMatches(a.fields[i]!, b.fields[i]!)) return false;
  return true;
}
