// Import matching (spec 4.5.2, "external typing" and "import matching"): an
// external value matches an import when its kind is the same and its type is
// a subtype: limits within limits, the same address type for tables and
// memories, and (3.0) types compared CLOSED, by TypeId: a function's defined
// type matches by declared subtyping, an immutable global's type by
// subtyping, a mutable global's and a table's element type only when equal,
// a tag's type when it is the same defined type. Closed types are equal
// exactly when their strings are (TypeIds are canonical).
import type { ImportDesc, Module } from '../syntax/module.js';
import { addrType, type Limits } from '../syntax/types.js';
import { canonicalTypes, closeType } from '../types/canonical.js';
import { idMatches, valMatches } from '../types/subtype.js';
import type { ExternVal } from './instance.js';

function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.min < expected.min) return false;
  if (expected.max === undefined) return true;
  return actual.max !== undefined && actual.max <= expected.max;
}

/** Whether `v` matches the import `desc` of `module`. */
export function externMatches(v: ExternVal, desc: ImportDesc, module: Module): boolean {
  const ids = canonicalTypes(module);
  switch (desc.kind) {
    case 'func':
      return v.kind === 'func' && idMatches(v.value.typeId, ids[desc.type]!);
    case 'table':
      return (
        v.kind === 'table' &&
        v.value.type.elem === closeType(desc.table.elem, ids) &&
        addrType(v.value.type) === addrType(desc.table) &&
        limitsMatch({ min: v.value.size, max: v.value.type.limits.max }, desc.table.limits)
      );
    case 'memory':
      return (
        v.kind === 'memory' &&
        addrType(v.value.type) === addrType(desc.memory) &&
        limitsMatch({ min: v.value.pages, max: v.value.type.limits.max }, desc.memory.limits)
      );
    case 'global': {
      if (v.kind !== 'global' || v.value.type.mutable !== desc.global.mutable) return false;
      const expected = closeType(desc.global.type, ids);
      return desc.global.mutable ? v.value.type.type === expected : valMatches(v.value.type.type, expected);
    }
    case 'tag':
      return v.kind === 'tag' && v.value.typeId === ids[desc.tag.type];
  }
}
