// What a feature set lets a module use. The decoder and the text parser of a
// 2.0 module already refuse most 3.0 syntax, but a module can also be built
// in memory (generators, the API), so validation judges by the feature set
// too: a module that names something a missing feature introduced is invalid.
// Instructions are gated where they are typed (instr-type.ts), so that
// generators asking "is this valid next?" get the same answer.
import { ValidationError } from '../errors.js';
import { has, type Feature, type FeatureSet } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { addrType, type TableType, type ValType } from '../syntax/types.js';

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

/** exnref is the one value type beyond 2.0 in part 1 (exception handling). */
export function checkValType(features: FeatureSet | undefined, t: ValType): void {
  if (t === 'exnref') requireFeature(features, 'exceptions', 'exnref');
}

function checkValTypes(features: FeatureSet | undefined, ts: readonly ValType[]): void {
  for (const t of ts) checkValType(features, t);
}

/**
 * The module-level uses: value types in types, locals, globals, tables and
 * element segments; 64-bit address types; table initialisers; tags. (A second memory under 2.0
 * keeps the 2.0 interpreter's own message, "multiple memories", in validate.ts.)
 */
export function checkModuleFeatures(module: Module, features: FeatureSet | undefined): void {
  if (features === undefined) return;
  for (const ft of module.types) {
    checkValTypes(features, ft.params);
    checkValTypes(features, ft.results);
  }
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
