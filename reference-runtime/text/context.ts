// The identifier context of a module being parsed (spec 6.6.13 "identifier
// context"): the `$names` of every index space, and the type list, which
// grows as type uses without an explicit `(type x)` insert their function type.
import type { FuncType } from '../syntax/types.js';
import { funcTypeEquals } from '../syntax/types.js';
import type { Token } from './lexer.js';
import type { Cursor } from './cursor.js';
import { parseUnsigned } from './numbers.js';

export type Space = 'type' | 'func' | 'table' | 'memory' | 'global' | 'tag' | 'elem' | 'data';

/** How an unknown name is reported, per index space (the spec interpreter's wording). */
const SPACE_WORD: Record<Space, string> = {
  type: 'type',
  func: 'function',
  table: 'table',
  memory: 'memory',
  global: 'global',
  tag: 'tag',
  elem: 'elem segment',
  data: 'data segment',
};

/** How a duplicate name is reported. */
const DUPLICATE_WORD: Record<Space, string> = {
  type: 'type',
  func: 'func',
  table: 'table',
  memory: 'memory',
  global: 'global',
  tag: 'tag',
  elem: 'elem',
  data: 'data',
};

export class IndexSpace {
  count = 0;
  readonly names = new Map<string, number>();
  constructor(readonly space: Space) {}

  /** Adds an entry, with its name when it has one; returns its index. */
  add(c: Cursor, id: Token | undefined): number {
    if (id !== undefined) {
      if (this.names.has(id.text)) throw c.error(`duplicate ${DUPLICATE_WORD[this.space]} ${id.text}`, id);
      this.names.set(id.text, this.count);
    }
    return this.count++;
  }
}

export class ModuleContext {
  readonly spaces: Record<Space, IndexSpace> = {
    type: new IndexSpace('type'),
    func: new IndexSpace('func'),
    table: new IndexSpace('table'),
    memory: new IndexSpace('memory'),
    global: new IndexSpace('global'),
    tag: new IndexSpace('tag'),
    elem: new IndexSpace('elem'),
    data: new IndexSpace('data'),
  };
  /** Explicit type definitions first, then the inserted ones in order of appearance. */
  readonly types: FuncType[] = [];

  constructor(readonly c: Cursor) {}

  /** Reads an index or `$name` of the space (spec: x ::= u32 | id). */
  index(space: Space): number {
    const t = this.c.peek();
    if (t.kind === 'id') {
      this.c.next();
      const i = this.spaces[space].names.get(t.text);
      if (i === undefined) throw this.c.error(`unknown ${SPACE_WORD[space]} ${t.text}`, t);
      return i;
    }
    return u32(this.c);
  }

  /** Whether an index (number or name) comes next. */
  atIndex(): boolean {
    return this.c.is('id') || (this.c.is('num') && /^[0-9]/.test(this.c.peek().text));
  }

  /** The index of the function type, inserting it at the end when no type equals it (spec 6.6.13). */
  typeIndexOf(ft: FuncType): number {
    const found = this.types.findIndex((t) => funcTypeEquals(t, ft));
    if (found >= 0) return found;
    this.types.push(ft);
    return this.types.length - 1;
  }
}

/** A u32 literal (indices, limits, offsets): out-of-range values are "i32 constant out of range". */
export function u32(c: Cursor): number {
  const t = c.take('num');
  return Number(c.literal(t, () => parseUnsigned(t.text, 32), 'i32 constant out of range'));
}

/**
 * A u64 literal (memory64 limits and offsets) as the nearest number: exact
 * up to 2^53, which every realisable size and offset is.
 */
export function u64(c: Cursor): number {
  const t = c.take('num');
  return Number(c.literal(t, () => parseUnsigned(t.text, 64), 'i64 constant out of range'));
}
