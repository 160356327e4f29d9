// Pass 5 of the minimiser: declared locals no instruction uses any more (the
// body edits replaced their gets and deleted their sets) are removed, the
// remaining ones renumbered, with their names.
import type { Func, Module } from '../../reference-runtime/syntax/module.js';
import { funcTypeAt } from '../../reference-runtime/valid/context.js';
import { forEachInstr, mapTree } from '../../reference-runtime/syntax/walk.js';
import type { Reducer } from './reducer.js';
import { importedCount } from './renumber.js';

const LOCAL_OPS = new Set(['local.get', 'local.set', 'local.tee']);

export async function dropUnusedLocals(r: Reducer): Promise<void> {
  for (let f = 0; f < r.best.module.funcs.length && !r.exhausted; f++) {
    const m = r.best.module;
    const candidate = withoutUnusedLocals(m, f);
    if (candidate !== undefined) await r.attemptModule(candidate.module, `func ${importedCount(m, 'func') + f}: dropped ${candidate.dropped} unused locals`);
  }
}

function withoutUnusedLocals(m: Module, f: number): { module: Module; dropped: number } | undefined {
  const func = m.funcs[f]!;
  const params = funcTypeAt(m.types, func.type).params.length;
  const used = new Set<number>();
  forEachInstr(func.body, (ins) => {
    if (LOCAL_OPS.has(ins.op)) used.add(ins.index!);
  });
  const newIndex: number[] = [];
  let next = 0;
  for (let i = 0; i < params + func.locals.length; i++) newIndex.push(i < params || used.has(i) ? next++ : -1);
  const dropped = params + func.locals.length - next;
  if (dropped === 0) return undefined;
  const renumbered: Func = {
    ...func,
    locals: func.locals.filter((_, i) => newIndex[params + i]! >= 0),
    body: mapTree(func.body, (ins) => (LOCAL_OPS.has(ins.op) ? { ...ins, index: newIndex[ins.index!]! } : ins)),
  };
  const funcs = m.funcs.slice();
  funcs[f] = renumbered;
  const module: Module = { ...m, funcs };
  const localNames = m.names?.locals.get(importedCount(m, 'func') + f);
  if (m.names !== undefined && localNames !== undefined) {
    const kept = new Map<number, string>();
    for (const [i, name] of localNames) if ((newIndex[i] ?? -1) >= 0) kept.set(newIndex[i]!, name);
    module.names = { ...m.names, locals: new Map(m.names.locals).set(importedCount(m, 'func') + f, kept) };
  }
  return { module, dropped };
}
