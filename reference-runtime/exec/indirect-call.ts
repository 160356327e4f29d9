// The callee of call_indirect (spec 4.4.8.11), for the interpreter loop and
// tier 2 alike: the table's element at index `i`, checked against the type
// expected, with the spec's traps.
import { Trap } from '../errors.js';
import type { FuncInstance } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { idMatches } from '../types/subtype.js';

export function indirectCallee(inst: ModuleInstance, typeIndex: number, tableIndex: number, index: number): FuncInstance {
  const expected = inst.typeIds[typeIndex]!;
  const table = inst.tables[tableIndex]!.elements;
  const i = index >>> 0;
  if (i >= table.length) throw new Trap('undefined element', `undefined element ${i}`);
  const g = table[i] as FuncInstance | null;
  if (g === null) throw new Trap('uninitialized element', `uninitialized element ${i}`);
  // canonical TypeIds: equal types have equal ids; a subtype (3.0) matches through its declared supertypes
  if (g.typeId !== expected && !idMatches(g.typeId, expected)) throw new Trap('indirect call type mismatch');
  return g;
}
