// Types are removed a rec group at a time (3.0, iso-recursive types): a
// group is one unit of type identity, so taking a type out of it would give
// every other type of the group a new identity. A group can go when nothing
// that stays names any of its types: no instruction, value type, function,
// tag, global, table, segment or import, and no type of a group that stays
// (a field, parameter or result type, or a supertype). The types that stay
// then keep their structure, hence their canonical identity and the validity
// of their `sub` declarations.
import type { Module } from '../../reference-runtime/syntax/module.js';
import { renumberSpace, renumberSubType } from '../../reference-runtime/syntax/renumber.js';

/** One rec group: types [start, start + size). */
export interface TypeGroup {
  start: number;
  size: number;
}

/** The rec groups of a module, in order (without `recs`, each type is its own group). */
export function typeGroups(m: Module): TypeGroup[] {
  if (m.recs === undefined) return m.types.map((_, start) => ({ start, size: 1 }));
  let start = 0;
  return m.recs.map((r) => {
    const g = { start, size: r.size };
    start += r.size;
    return g;
  });
}

/** The types named outside the type section, and from there through the definitions of every type of their groups. */
export function liveTypes(m: Module): Set<number> {
  const live = new Set<number>();
  const { names: _names, ...unnamed } = m; // a name is no reference
  const work: number[] = [];
  const use = (i: number) => {
    if (!live.has(i)) {
      live.add(i);
      work.push(i);
    }
    return i;
  };
  renumberSpace({ ...unnamed, types: [] }, 'type', use);
  const groupOf = new Map<number, TypeGroup>();
  for (const g of typeGroups(m)) for (let x = g.start; x < g.start + g.size; x++) groupOf.set(x, g);
  while (work.length > 0) {
    const g = groupOf.get(work.pop()!);
    if (g === undefined) continue; // a dangling reference: the validator reports it
    for (let x = g.start; x < g.start + g.size; x++) {
      use(x);
      renumberSubType(m.types[x]!, use);
    }
  }
  return live;
}

function members(g: TypeGroup): number[] {
  return Array.from({ length: g.size }, (_, k) => g.start + k);
}

/** The (non-empty) groups no live type is in. */
export function deadTypeGroups(m: Module): TypeGroup[] {
  const live = liveTypes(m);
  return typeGroups(m).filter((g) => g.size > 0 && !members(g).some((x) => live.has(x)));
}

/**
 * The types and rec groups left when `removed` (type indices) are taken out;
 * undefined when that would split a group. Empty `rec`s go too: they define
 * nothing.
 */
export function withoutTypes(m: Module, removed: ReadonlySet<number>): Pick<Module, 'types' | 'recs'> | undefined {
  const groups = typeGroups(m);
  if (groups.some((g) => new Set(members(g).map((x) => removed.has(x))).size > 1)) return undefined;
  const types = m.types.filter((_, x) => !removed.has(x));
  if (m.recs === undefined) return { types };
  return { types, recs: m.recs.filter((r, k) => r.size > 0 && !removed.has(groups[k]!.start)) };
}
