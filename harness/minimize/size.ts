// How big a module is, for reports, and which instructions it uses, for the
// finding signature: only function bodies count (constant expressions in
// globals and segments are set-up, not the code that diverges).
import type { Module } from '../../reference-runtime/syntax/module.js';
import { forEachInstr } from '../../reference-runtime/syntax/walk.js';

/** Total instructions in all function bodies, nested ones included (a block counts once, plus its contents). */
export function instructionCount(module: Module): number {
  let n = 0;
  for (const f of module.funcs) forEachInstr(f.body, () => n++);
  return n;
}

/** The distinct opcodes (mnemonics) used in function bodies, sorted. */
export function signatureOpcodes(module: Module): string[] {
  const ops = new Set<string>();
  for (const f of module.funcs) forEachInstr(f.body, (ins) => ops.add(ins.op));
  return [...ops].sort();
}
