// Import matching (spec 4.5.2, "external typing" and "import matching"): an
// external value matches an import when its kind is the same and its type is
// a subtype (limits within limits, the same address type for tables and
// memories, equal function, global and tag types).
import type { ImportDesc, Module } from '../syntax/module.js';
import { addrType, funcTypeEquals, type Limits } from '../syntax/types.js';
import type { ExternVal } from './instance.js';

function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.min < expected.min) return false;
  if (expected.max === undefined) return true;
  return actual.max !== undefined && actual.max <= expected.max;
}

export function externMatches(v: ExternVal, desc: ImportDesc, module: Module): boolean {
  switch (desc.kind) {
    case 'func':
      return v.kind === 'func' && funcTypeEquals(v.value.type, module.types[desc.type]!);
    case 'table':
      return (
        v.kind === 'table' &&
        v.value.type.elem === desc.table.elem &&
        addrType(v.value.type) === addrType(desc.table) &&
        limitsMatch({ min: v.value.size, max: v.value.type.limits.max }, desc.table.limits)
      );
    case 'memory':
      return (
        v.kind === 'memory' &&
        addrType(v.value.type) === addrType(desc.memory) &&
        limitsMatch({ min: v.value.pages, max: v.value.type.limits.max }, desc.memory.limits)
      );
    case 'global':
      return v.kind === 'global' && v.value.type.type === desc.global.type && v.value.type.mutable === desc.global.mutable;
    case 'tag':
      return v.kind === 'tag' && funcTypeEquals(v.value.type, module.types[desc.tag.type]!);
  }
}
