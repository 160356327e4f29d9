// Walking instruction trees: the nested sequences of block-like
// instructions, and every code sequence of a module (function bodies and
// constant expressions). Transforms that read or rewrite instructions
// (generators, the minimiser, the harness's driver) share these.
import type { Instr } from './instructions.js';
import type { Module } from './module.js';

/** Instructions that nest a body under a label of their own: block, loop, if and try_table. */
export function isBlockLike(ins: Instr): boolean {
  return ins.op === 'block' || ins.op === 'loop' || ins.op === 'if' || ins.op === 'try_table';
}

/** Calls `f` on every instruction of `seq`, nested ones included, outermost first. */
export function forEachInstr(seq: readonly Instr[], f: (ins: Instr) => void): void {
  for (const ins of seq) {
    f(ins);
    if (ins.body !== undefined) forEachInstr(ins.body, f);
    if (ins.elseBody !== undefined) forEachInstr(ins.elseBody, f);
  }
}

/**
 * Rebuilds a tree bottom-up: `f` sees each instruction (with already rebuilt
 * arms) and returns its replacement. `depth` counts the enclosing labels
 * inside the tree, so a rewrite of branch targets knows which are local.
 */
export function mapTree(seq: readonly Instr[], f: (ins: Instr, depth: number) => Instr, depth = 0): Instr[] {
  return seq.map((ins) => {
    if (!isBlockLike(ins)) return f(ins, depth);
    const copy: Instr = { ...ins, body: mapTree(ins.body ?? [], f, depth + 1) };
    if (ins.elseBody !== undefined) copy.elseBody = mapTree(ins.elseBody, f, depth + 1);
    return f(copy, depth);
  });
}

/** Every code sequence of a module: function bodies, table and global initialisers, element expressions and offsets, data offsets. */
export function moduleCode(m: Module): Instr[][] {
  const code: Instr[][] = [...m.funcs.map((f) => f.body), ...m.tables.flatMap((t) => (t.init === undefined ? [] : [t.init])), ...m.globals.map((g) => g.init)];
  for (const e of m.elems) {
    code.push(...e.init);
    if (e.mode.kind === 'active') code.push(e.mode.offset);
  }
  for (const d of m.datas) if (d.mode.kind === 'active') code.push(d.mode.offset);
  return code;
}
