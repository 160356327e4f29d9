// The canonical type store (3.0, spec 3.2.x "defined types" and 4.2 "type
// instances"): every defined type of every module gets a process-global
// TypeId, and two types are the same exactly when their ids are equal.
// Equivalence is iso-recursive: a rec group is identified by its structure,
// with references into the group written group-relative and references to
// earlier groups written as those groups' (already canonical) ids. Each group
// is therefore interned once, by a string key, and every later question
// (equality, subtyping, casts at run time) compares ids, never structures.
import { ValidationError } from '../errors.js';
import type { Module } from '../syntax/module.js';
import { heapOf, isFuncType, isNullable, refType, type CompType, type FieldType, type FuncType, type RefType, type StorageType, type SubType } from '../syntax/types.js';

/** The process-global canonical id of a defined type. */
export type TypeId = number;

/** id → the closed canonical definition (references and supers are TypeIds). */
const defs: SubType[] = [];
/** group key → the TypeId of the group's first type (its types have consecutive ids). */
const groups = new Map<string, TypeId>();
/** Module → its type index → TypeId map, computed once per Module object. */
const memo = new WeakMap<Module, readonly TypeId[]>();

/**
 * Type index → TypeId for every defined type of `m` (memoised per Module
 * object). Throws ValidationError "unknown type x" when a type refers to a type
 * of a later group or to none; validation of the type section reports it first.
 */
export function canonicalTypes(m: Module): readonly TypeId[] {
  let ids = memo.get(m);
  if (ids === undefined) {
    ids = canonicalise(m.types, m.recs);
    memo.set(m, ids);
  }
  return ids;
}

/** The canonical definition of `id`, closed: references and declared supertypes are TypeIds. */
export function defType(id: TypeId): SubType {
  const t = defs[id];
  if (t === undefined) throw new RangeError(`no canonical type ${id}`);
  return t;
}

/** Number of TypeIds handed out so far (for tests and statistics). */
export function typeCount(): number {
  return defs.length;
}

/**
 * A module-relative value (or storage) type in its closed form: a concrete
 * index replaced by its TypeId, in the same string shape (`ref 17` then means
 * TypeId 17). Numeric, vector, packed and abstract reference types are returned as they are.
 */
export function closeType<T extends StorageType>(t: T, ids: readonly TypeId[]): T {
  if (!isConcreteRef(t)) return t;
  const h = heapOf(t) as number;
  const id = ids[h];
  if (id === undefined) throw new ValidationError(`unknown type ${h}`);
  return refType(isNullable(t), id) as T;
}

/** A list of types closed; the same array when nothing in it refers to a type index (every 2.0 list). */
export function closeTypes<T extends StorageType>(ts: readonly T[], ids: readonly TypeId[]): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (!isConcreteRef(t)) continue;
    out ??= ts.slice();
    out[i] = closeType(t, ids);
  }
  return out ?? ts;
}

/** Whether a type names a type index (`ref 3`, `ref null 3`): the only types that closing changes. */
export function isConcreteRef(t: StorageType): t is RefType {
  // 'ref ' then a digit, or 'ref null ' then a digit; abstract ones have a letter there.
  if (t.length < 5 || t.charCodeAt(0) !== 114 /* r */ || t.charCodeAt(3) !== 32) return false;
  const c = t.charCodeAt(4);
  if (c >= 48 && c <= 57) return true;
  return t.startsWith('ref null ') && t.charCodeAt(9) >= 48 && t.charCodeAt(9) <= 57;
}

/**
 * The TypeId of a closed function type (its references are already TypeIds)
 * as a lone implicit group, final with no supertypes: for host functions,
 * whose types come from no module. Equal to the id a module's `(type (func ...))`
 * of the same signature gets.
 */
export function internFuncType(ft: FuncType): TypeId {
  const key = `F${compKey(ft, undefined)};`;
  let id = groups.get(key);
  if (id === undefined) {
    id = defs.length;
    defs.push(Object.freeze({ kind: 'func' as const, params: ft.params.slice(), results: ft.results.slice(), sub: { final: true, supers: [] } }));
    groups.set(key, id);
  }
  return id;
}

// --- canonicalisation -------------------------------------------------------

function canonicalise(types: readonly SubType[], recs: Module['recs']): TypeId[] {
  const ids: TypeId[] = [];
  let start = 0;
  for (let g = 0; start < types.length || (recs !== undefined && g < recs.length); g++) {
    const size = recs === undefined ? 1 : recs[g]?.size;
    if (size === undefined) throw new ValidationError('rec groups do not cover the type section');
    const end = start + size;
    if (end > types.length) throw new ValidationError('rec groups do not cover the type section');
    internGroup(types, start, end, ids);
    start = end;
  }
  return ids;
}

/**
 * Where a rec group sits while its key is built: references in
 * [start, end) are group-relative, earlier ones are `ids` (a plain object
 * passed to top-level functions, not closures: this runs for every new module).
 */
interface Scope {
  start: number;
  end: number;
  ids: readonly TypeId[];
}

/** Interns the group types[start, end), appending its TypeIds to `ids` (which holds the earlier groups'). */
function internGroup(types: readonly SubType[], start: number, end: number, ids: TypeId[]): void {
  const scope: Scope = { start, end, ids };
  let key = '';
  for (let x = start; x < end; x++) {
    const t = types[x]!;
    key += (t.sub?.final ?? true) ? 'F' : 'O';
    for (const s of t.sub?.supers ?? []) key += '<' + atom(scope, s);
    key += compKey(t, scope) + ';';
  }
  let first = groups.get(key);
  if (first === undefined) {
    first = defs.length;
    for (let x = start; x < end; x++) defs.push(closeDef(types[x]!, scope, first));
    groups.set(key, first);
  }
  for (let x = start; x < end; x++) ids.push(first + (x - start));
}

/** A module-relative type index in a key: `~i` for the group's i-th type, `#id` for an earlier group's type. */
function atom(scope: Scope, x: number): string {
  if (x >= scope.start && x < scope.end) return `~${x - scope.start}`;
  const id = x >= 0 && x < scope.start ? scope.ids[x] : undefined;
  if (id === undefined) throw new ValidationError(`unknown type ${x}`);
  return `#${id}`;
}

/** A storage type in a key: as written, but a concrete reference as n/r (nullable or not) and its atom. */
function valKey(scope: Scope | undefined, t: StorageType): string {
  if (!isConcreteRef(t)) return t;
  const h = heapOf(t) as number;
  return (isNullable(t) ? 'n' : 'r') + (scope === undefined ? `#${h}` : atom(scope, h));
}

function listKey(scope: Scope | undefined, ts: readonly StorageType[]): string {
  let k = '';
  for (const t of ts) k += valKey(scope, t) + ',';
  return k;
}

/** A composite type's key; `scope` undefined: its references are TypeIds already (internFuncType). */
function compKey(t: CompType, scope: Scope | undefined): string {
  if (isFuncType(t)) return `func(${listKey(scope, t.params)})(${listKey(scope, t.results)})`;
  if (t.kind === 'struct') {
    let k = 'struct(';
    for (const f of t.fields) k += (f.mutable ? 'm' : 'c') + valKey(scope, f.type) + ',';
    return k + ')';
  }
  return `array(${t.field.mutable ? 'm' : 'c'}${valKey(scope, t.field.type)})`;
}

/** The closed definition of a type of the group interned at `first`: in-group references become first + relative index. */
function closeDef(t: SubType, scope: Scope, first: TypeId): SubType {
  const sub = { final: t.sub?.final ?? true, supers: (t.sub?.supers ?? []).map((x) => closeIndex(scope, first, x)) };
  let comp: CompType;
  if (isFuncType(t)) comp = { kind: 'func', params: t.params.map((v) => closeVal(scope, first, v)), results: t.results.map((v) => closeVal(scope, first, v)) };
  else if (t.kind === 'struct') comp = { kind: 'struct', fields: t.fields.map((f) => closeField(scope, first, f)) };
  else comp = { kind: 'array', field: closeField(scope, first, t.field) };
  return Object.freeze({ ...comp, sub });
}

function closeIndex(scope: Scope, first: TypeId, x: number): TypeId {
  return x >= scope.start && x < scope.end ? first + (x - scope.start) : scope.ids[x]!;
}

function closeVal<T extends StorageType>(scope: Scope, first: TypeId, v: T): T {
  return isConcreteRef(v) ? (refType(isNullable(v), closeIndex(scope, first, heapOf(v) as number)) as T) : v;
}

function closeField(scope: Scope, first: TypeId, f: FieldType): FieldType {
  return { type: closeVal(scope, first, f.type), mutable: f.mutable };
}
