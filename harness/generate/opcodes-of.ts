// Static opcode counts of a module: every instruction in function bodies and
// constant expressions (globals, segment offsets and elements), nested bodies
// included. The fuzz loop counts executed opcodes on the oracle separately.
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';

export function opcodesOf(module: Module): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (code: readonly Instr[]) => {
    for (const i of code) {
      counts.set(i.op, (counts.get(i.op) ?? 0) + 1);
      if (i.body !== undefined) walk(i.body);
      if (i.elseBody !== undefined) walk(i.elseBody);
    }
  };
  for (const f of module.funcs) walk(f.body);
  for (const g of module.globals) walk(g.init);
  for (const e of module.elems) {
    e.init.forEach(walk);
    if (e.mode.kind === 'active') walk(e.mode.offset);
  }
  for (const d of module.datas) if (d.mode.kind === 'active') walk(d.mode.offset);
  return counts;
}

/** Whether any function uses a data index (memory.init, data.drop): the binary then needs a data count section. */
export function usesDataIndex(module: Module): boolean {
  const ops = opcodesOf(module);
  return ops.has('memory.init') || ops.has('data.drop');
}
