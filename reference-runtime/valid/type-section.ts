// Validation of the type section (3.0, spec 3.2.x "recursive types" and
// "sub types"): every reference names a type of the same rec group or an
// earlier one; a type declares at most one supertype, an earlier type that is
// not final and that it matches structurally. The structural check runs once
// per canonical type: a TypeId's definition includes its supertype's id, so a
// declaration valid in one module is valid in every module that has it.
import { ValidationError } from '../errors.js';
import type { Module } from '../syntax/module.js';
import { heapOf, isFuncType, isFinal, supersOf, type StorageType, type SubType } from '../syntax/types.js';
import { canonicalTypes, defType, isConcreteRef, type TypeId } from '../types/canonical.js';
import { compTypeMatches } from '../types/subtype.js';
import { unknown } from './context.js';

/** TypeIds whose declared supertype has been checked (and found valid). */
const checkedSubs = new Set<TypeId>();

export function validateTypeSection(m: Module): void {
  const types = m.types;
  const recs = m.recs;
  let start = 0;
  for (let g = 0; start < types.length; g++) {
    const size = recs === undefined ? 1 : recs[g]?.size;
    if (size === undefined) throw new ValidationError('rec groups do not cover the type section');
    const end = start + size;
    for (let x = start; x < end && x < types.length; x++) checkReferences(types[x]!, x, end);
    start = end;
  }
  let ids: readonly TypeId[] | undefined;
  for (let x = 0; x < types.length; x++) {
    const supers = supersOf(types[x]!);
    if (supers.length === 0) continue;
    ids ??= canonicalTypes(m);
    if (checkedSubs.has(ids[x]!)) continue;
    const s = supers[0]!;
    const sup = defType(ids[s]!);
    if (isFinal(sup)) throw new ValidationError(`sub type ${x} has final super type ${s}`);
    if (!compTypeMatches(defType(ids[x]!), sup)) throw new ValidationError(`sub type ${x} does not match super type ${s}`);
    checkedSubs.add(ids[x]!);
  }
}

/** References inside type x (whose rec group ends before `end`) name existing types; supertypes come before x. */
function checkReferences(t: SubType, x: number, end: number): void {
  if (isFuncType(t)) {
    for (const p of t.params) checkReference(p, end);
    for (const r of t.results) checkReference(r, end);
  } else if (t.kind === 'struct') for (const f of t.fields) checkReference(f.type, end);
  else checkReference(t.field.type, end);
  const supers = supersOf(t);
  if (supers.length > 1) throw new ValidationError('multiple supertypes');
  for (const s of supers) {
    if (s >= end) throw unknown('type', s);
    if (s >= x) throw new ValidationError(`forward use of type ${s} in sub type definition`);
  }
}

function checkReference(t: StorageType, end: number): void {
  if (!isConcreteRef(t)) return;
  const h = heapOf(t) as number;
  if (h >= end) throw unknown('type', h);
}
