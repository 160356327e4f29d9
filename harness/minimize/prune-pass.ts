// Passes 1 and 2 of the minimiser: drop the invocations the divergence does
// not need, then the module-level items: exports nobody calls, functions
// the called exports cannot reach, the start function, every table,
// memory, global, tag and segment nothing refers to, and the rec groups no
// type that stays or other item names. Each removal is first tried all at
// once (one predicate call when it holds), then in chunks.
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { indicesIn } from '../../reference-runtime/syntax/renumber.js';
import { chunkedDeletion } from './ddmin.js';
import { forEachInstr } from '../../reference-runtime/syntax/walk.js';
import type { Reducer } from './reducer.js';
import { referencedItems, removeFromSpace, spaceSize, type Space } from './renumber.js';
import { deadTypeGroups, type TypeGroup } from './type-groups.js';

export async function dropInvocations(r: Reducer): Promise<void> {
  const base = r.best;
  await chunkedDeletion(
    base.invocations,
    (kept, removed) => r.attempt({ module: base.module, invocations: kept }, `invocations: dropped ${removed.length} (${removed.map((i) => i.export).join(', ')})`),
    { minKeep: 1, stop: () => r.exhausted },
  );
}

/** Segments first: dropping one can leave functions, tables and memories unreferenced; types last, as everything else names them. */
const PRUNE_ORDER: readonly Exclude<Space, 'type'>[] = ['elem', 'data', 'func', 'global', 'table', 'memory', 'tag'];

export async function pruneModule(r: Reducer): Promise<void> {
  await dropExports(r);
  await dropStart(r);
  await removeItems(r, 'func', unreachableFuncs(r.best.module), 'not reachable from the exports');
  for (const space of PRUNE_ORDER) await removeItems(r, space, unreferenced(r.best.module, space), 'unused');
  await removeTypeGroups(r);
  await dropNamesAndCustoms(r);
}

/** Whole rec groups that nothing staying names, all at once, then in chunks. */
async function removeTypeGroups(r: Reducer): Promise<void> {
  const dead = deadTypeGroups(r.best.module);
  if (dead.length === 0) return;
  const base = r.best.module;
  const types = (groups: TypeGroup[]) => groups.flatMap((g) => Array.from({ length: g.size }, (_, k) => g.start + k));
  await removeAllThenChunks(r, dead, (removed) => {
    const module = removeFromSpace(base, 'type', new Set(types(removed)));
    return module && { module, step: `type: removed ${removed.length} unused rec groups (types ${types(removed).join(', ')})` };
  });
}

/** Exports no invocation calls (they may still matter: an exported memory or global is observed). */
async function dropExports(r: Reducer): Promise<void> {
  const called = new Set(r.best.invocations.map((i) => i.export));
  const base = r.best.module;
  const optional = base.exports.filter((x) => !called.has(x.name));
  if (optional.length === 0) return;
  await removeAllThenChunks(r, optional, (removed) => {
    const gone = new Set(removed);
    return { module: { ...base, exports: base.exports.filter((x) => !gone.has(x)) }, step: `exports: dropped ${removed.map((x) => x.name).join(', ')}` };
  });
}

async function dropStart(r: Reducer): Promise<void> {
  const m = r.best.module;
  if (m.start === undefined) return;
  const { start, ...rest } = m;
  await r.attemptModule(rest, `start: dropped func ${start}`);
}

async function dropNamesAndCustoms(r: Reducer): Promise<void> {
  const m = r.best.module;
  if (m.customs.length > 0) await r.attemptModule({ ...m, customs: [] }, `customs: dropped ${m.customs.length}`);
  if (r.best.module.names !== undefined) {
    const { names: _names, ...rest } = r.best.module;
    await r.attemptModule(rest, 'names: dropped the name section');
  }
}

/** Removes `candidates` of `space` together, or failing that as many as chunked deletion finds. */
async function removeItems(r: Reducer, space: Space, candidates: number[], why: string): Promise<void> {
  if (candidates.length === 0) return;
  const base = r.best.module;
  await removeAllThenChunks(r, candidates, (removed) => {
    const module = removeFromSpace(base, space, new Set(removed));
    return module && { module, step: `${space}: removed ${removed.length} ${why} (${removed.join(', ')})` };
  });
}

/**
 * Tries removing every candidate at once, then chunks of them. `build` makes
 * the module without the given (cumulative) removals, relative to the module
 * the pass started from; undefined when that is not even well-formed.
 */
async function removeAllThenChunks<T>(r: Reducer, candidates: readonly T[], build: (removed: T[]) => { module: Module; step: string } | undefined): Promise<void> {
  const tryRemoving = async (removed: T[]) => {
    const c = build(removed);
    return c !== undefined && (await r.attemptModule(c.module, c.step));
  };
  if (await tryRemoving([...candidates])) return;
  await chunkedDeletion(candidates, (kept) => tryRemoving(candidates.filter((x) => !kept.includes(x))), { stop: () => r.exhausted });
}

function unreferenced(m: Module, space: Space): number[] {
  const used = referencedItems(m, space);
  const out: number[] = [];
  for (let i = 0; i < spaceSize(m, space); i++) if (!used.has(i)) out.push(i);
  return out;
}

/**
 * Functions no export, start function or constant expression leads to
 * through the instructions that name functions (calls, tail calls and
 * function references; element segments and table initialisers count as
 * roots: a table may hand any of their functions to call_indirect).
 */
export function unreachableFuncs(m: Module): number[] {
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const reached = new Set<number>();
  const work: number[] = [];
  const reach = (f: number) => {
    if (!reached.has(f)) {
      reached.add(f);
      work.push(f);
    }
  };
  const scan = (seq: readonly Instr[]) => forEachInstr(seq, (ins) => indicesIn(ins, 'func').forEach(reach));
  for (const x of m.exports) if (x.kind === 'func') reach(x.index);
  if (m.start !== undefined) reach(m.start);
  for (const t of m.tables) if (t.init !== undefined) scan(t.init);
  for (const g of m.globals) scan(g.init);
  for (const e of m.elems) e.init.forEach(scan);
  while (work.length > 0) {
    const f = work.pop()!;
    if (f >= imported) scan(m.funcs[f - imported]!.body);
  }
  const out: number[] = [];
  for (let i = 0; i < imported + m.funcs.length; i++) if (!reached.has(i)) out.push(i);
  return out;
}
