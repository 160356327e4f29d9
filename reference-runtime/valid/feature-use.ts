// What a feature set lets a module use. The decoder and the text parser of a
// 2.0 module already refuse most 3.0 syntax, but a module can also be built
// in memory (generators, the API), so validation judges by the feature set
// too: a module that names something a missing feature introduced is invalid.
// Instructions are gated where they are typed (instr-type.ts), so that
// generators asking "is this valid next?" get the same answer.
import { ValidationError } from '../errors.js';
import { has, type Feature, type FeatureSet } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { addrType, heapOf, isFuncType, isNullable, type AbsHeapType, type RefType, type StorageType, type SubType, type TableType } from '../syntax/types.js';

/** Throws unless `features` has `f`; `what` names the use in the message. */
export function requireFeature(features: FeatureSet | undefined, f: Feature, what: string): void {
  if (!has(features, f)) throw new ValidationError(`${what} requires the ${f} feature`);
}

/**
 * Whether messages take the 2.0 reference interpreter's wording: for the bare
 * 2.0 set, whose suite checks it. Any set with a 3.0 feature gets the 3.0
 * wording (the few messages that changed, e.g. "immutable global").
 */
export function wording20(features: FeatureSet | undefined): boolean {
  return features !== undefined && features.size === 0;
}

/** The feature each abstract heap type beyond 2.0 needs (func and extern are 2.0). */
const HEAP_FEATURE: Partial<Record<AbsHeapType, Feature>> = {
  any: 'gc',
  eq: 'gc',
  i31: 'gc',
  struct: 'gc',
  array: 'gc',
  none: 'gc',
  nofunc: 'gc',
  noextern: 'gc',
  exn: 'exceptions',
  noexn: 'exceptions',
};

/**
 * A value type the feature set must have: exnref and nullexnref need
 * exceptions; the any hierarchy and the bottom types need gc; non-nullable and
 * concrete references need function-references. (Storage types too: i8/i16 are
 * only in struct and array types, which are gated as a whole.)
 */
export function checkValType(features: FeatureSet | undefined, t: StorageType): void {
  // Numeric, vector and packed types are the ones of at most 4 characters ('eqref' and 'ref 0' have 5).
  if (features === undefined || t.length <= 4 || t === 'funcref' || t === 'externref') return;
  const r = t as RefType;
  const heap = heapOf(r);
  if (!isNullable(r) || typeof heap === 'number') requireFeature(features, 'function-references', `type ${r}`);
  if (typeof heap !== 'number') {
    const f = HEAP_FEATURE[heap];
    if (f !== undefined) requireFeature(features, f, r);
  }
}

function checkValTypes(features: FeatureSet | undefined, ts: readonly StorageType[]): void {
  for (const t of ts) checkValType(features, t);
}

/** A defined type: struct and array types, `sub` declarations and explicit rec groups are GC's. */
function checkDefinedType(features: FeatureSet, t: SubType): void {
  if (isFuncType(t)) {
    checkValTypes(features, t.params);
    checkValTypes(features, t.results);
  } else {
    requireFeature(features, 'gc', `a ${t.kind} type`);
  }
  if (t.sub !== undefined && (t.sub.supers.length > 0 || !t.sub.final)) requireFeature(features, 'gc', 'a sub type');
}

/**
 * The module-level uses: value types in types, locals, globals, tables and
 * element segments; 64-bit address types; table initialisers; tags. (A second memory under 2.0
 * keeps the 2.0 interpreter's own message, "multiple memories", in validate.ts.)
 */
export function checkModuleFeatures(module: Module, features: FeatureSet | undefined): void {
  if (features === undefined) return;
  for (const t of module.types) checkDefinedType(features, t);
  if (module.recs?.some((r) => r.explicit)) requireFeature(features, 'gc', 'a rec group');
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'global') checkValType(features, d.global.type);
    else if (d.kind === 'table') checkTable(features, d.table);
    else if (d.kind === 'memory' && addrType(d.memory) === 'i64') requireFeature(features, 'memory64', 'a 64-bit memory');
    else if (d.kind === 'tag') requireFeature(features, 'exceptions', 'a tag import');
  }
  for (const f of module.funcs) checkValTypes(features, f.locals);
  for (const t of module.tables) {
    checkTable(features, t);
    if (t.init !== undefined) requireFeature(features, 'function-references', 'a table initialiser');
  }
  for (const m of module.mems) if (addrType(m) === 'i64') requireFeature(features, 'memory64', 'a 64-bit memory');
  if (module.tags.length > 0) requireFeature(features, 'exceptions', 'a tag');
  for (const g of module.globals) checkValType(features, g.type.type);
  for (const e of module.elems) checkValType(features, e.type);
  for (const x of module.exports) if (x.kind === 'tag') requireFeature(features, 'exceptions', 'a tag export');
}

function checkTable(features: FeatureSet, t: TableType): void {
  checkValType(features, t.elem);
  if (addrType(t) === 'i64') requireFeature(features, 'memory64', 'a 64-bit table');
}
