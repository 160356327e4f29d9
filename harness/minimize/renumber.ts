// Removing items from a module's index spaces (types, functions, tables,
// memories, globals, tags, element and data segments) and renumbering every
// reference to the items that remain (syntax/renumber.ts knows where they
// are). Imported items come first in their space and are removed like
// defined ones; types only by whole rec groups (type-groups.ts).
import type { Import, Module } from '../../reference-runtime/syntax/module.js';
import { renumberSpace as renumbered, type Space } from '../../reference-runtime/syntax/renumber.js';
import { withoutTypes } from './type-groups.js';

export type { Space };

/** The items of `space` that something refers to (the type section's own references included). */
export function referencedItems(m: Module, space: Space): Set<number> {
  const seen = new Set<number>();
  const { names: _names, ...unnamed } = m; // a name is no reference
  renumbered(unnamed, space, (i) => {
    seen.add(i);
    return i;
  });
  return seen;
}

/** A reference to a removed item: the candidate is dropped, not repaired. */
class Dangling extends Error {}

function importKind(space: Space): Import['desc']['kind'] | undefined {
  return space === 'elem' || space === 'data' || space === 'type' ? undefined : space;
}

function importsOf(m: Module, space: Space): Import[] {
  const kind = importKind(space);
  return kind === undefined ? [] : m.imports.filter((i) => i.desc.kind === kind);
}

function definedCount(m: Module, space: Space): number {
  const defined = { func: m.funcs, table: m.tables, memory: m.mems, global: m.globals, tag: m.tags, elem: m.elems, data: m.datas, type: m.types };
  return defined[space].length;
}

/** Number of imported items in a space (they come first in it). */
export function importedCount(m: Module, space: Space): number {
  return importsOf(m, space).length;
}

/** Number of items in a space, imports included. */
export function spaceSize(m: Module, space: Space): number {
  return importsOf(m, space).length + definedCount(m, space);
}

/**
 * `m` without the items `removed` of `space`, every reference renumbered;
 * undefined when something that stays still refers to a removed item, or
 * when types would be removed without the rest of their rec group.
 */
export function removeFromSpace(m: Module, space: Space, removed: ReadonlySet<number>): Module | undefined {
  const size = spaceSize(m, space);
  const newIndex: number[] = [];
  let next = 0;
  for (let i = 0; i < size; i++) newIndex.push(removed.has(i) ? -1 : next++);
  const remap = (i: number): number => {
    const n = newIndex[i];
    if (n === undefined || n < 0) throw new Dangling();
    return n;
  };
  const without = withoutItems(m, space, removed);
  if (without === undefined) return undefined;
  try {
    return renumbered(without, space, remap);
  } catch (e) {
    if (e instanceof Dangling) return undefined;
    throw e;
  }
}

/** The definitions of `space` filtered (imports of that kind first, as indices count them). */
function withoutItems(m: Module, space: Space, removed: ReadonlySet<number>): Module | undefined {
  const kind = importKind(space);
  const imported = importsOf(m, space).length;
  const keepDefined = <T>(list: T[]): T[] => list.filter((_, i) => !removed.has(imported + i));
  let seen = 0;
  const imports = kind === undefined ? m.imports : m.imports.filter((imp) => imp.desc.kind !== kind || !removed.has(seen++));
  switch (space) {
    case 'func':
      return { ...m, imports, funcs: keepDefined(m.funcs) };
    case 'table':
      return { ...m, imports, tables: keepDefined(m.tables) };
    case 'memory':
      return { ...m, imports, mems: keepDefined(m.mems) };
    case 'global':
      return { ...m, imports, globals: keepDefined(m.globals) };
    case 'tag':
      return { ...m, imports, tags: keepDefined(m.tags) };
    case 'elem':
      return { ...m, elems: keepDefined(m.elems) };
    case 'data': {
      const datas = keepDefined(m.datas);
      return { ...m, datas, ...(m.dataCount === undefined ? {} : { dataCount: datas.length }) };
    }
    case 'type': {
      const kept = withoutTypes(m, removed);
      return kept && { ...m, ...kept };
    }
  }
}
