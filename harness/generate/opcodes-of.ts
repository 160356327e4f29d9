// Static opcode counts of a module: every instruction in function bodies and
// constant expressions (globals, segment offsets and elements), nested bodies
// included. The fuzz loop counts executed opcodes on the oracle separately.
import type { Module } from '../../reference-runtime/syntax/module.js';
import { forEachInstr, moduleCode } from '../../reference-runtime/syntax/walk.js';

export function opcodesOf(module: Module): Map<string, number> {
  const counts = new Map<string, number>();
  for (const code of moduleCode(module)) forEachInstr(code, (i) => counts.set(i.op, (counts.get(i.op) ?? 0) + 1));
  return counts;
}

/** Whether any function uses a data index (memory.init, data.drop, array.new_data, array.init_data): the binary then needs a data count section. */
export function usesDataIndex(module: Module): boolean {
  const ops = opcodesOf(module);
  return ['memory.init', 'data.drop', 'array.new_data', 'array.init_data'].some((op) => ops.has(op));
}
