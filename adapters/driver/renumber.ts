// Inserting function imports shifts the index of every defined function: this
// rewrites every place a module names a function (call, ref.func in code and
// in constant expressions, element segments, exports, start, name section).
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';

/** Adds `by` to every function index >= `from`, in place. */
export function shiftFuncIndices(module: Module, from: number, by: number): void {
  const shift = (i: number): number => (i >= from ? i + by : i);
  const exprs = (code: Instr[]): void => {
    for (const ins of code) {
      if (ins.index !== undefined && opInfo(ins.op)?.imm === 'func') ins.index = shift(ins.index);
      if (ins.body) exprs(ins.body);
      if (ins.elseBody) exprs(ins.elseBody);
    }
  };
  for (const f of module.funcs) exprs(f.body);
  for (const g of module.globals) exprs(g.init);
  for (const e of module.elems) {
    e.init.forEach(exprs);
    if (e.mode.kind === 'active') exprs(e.mode.offset);
  }
  for (const d of module.datas) if (d.mode.kind === 'active') exprs(d.mode.offset);
  for (const x of module.exports) if (x.kind === 'func') x.index = shift(x.index);
  if (module.start !== undefined) module.start = shift(module.start);
  if (module.names !== undefined) {
    module.names.funcs = new Map([...module.names.funcs].map(([i, n]) => [shift(i), n]));
    module.names.locals = new Map([...module.names.locals].map(([i, l]) => [shift(i), l]));
  }
}
