// The identifier context of a module being parsed (spec 6.6.13 "identifier
// context"): the `$names` of every index space and of each struct type's
// fields, and the type list with its rec groups, which grows as type uses
// without an explicit `(type x)` insert their function type.
import type { RecGroup } from '../syntax/module.js';
import type { FuncType, SubType } from '../syntax/types.js';
import { funcTypeEquals, isFinal, isFuncType, supersOf } from '../syntax/types.js';
import type { Token } from './lexer.js';
import type { Cursor } from './cursor.js';
import { parseUnsigned } from './numbers.js';

export type Space = 'type' | 'func' | 'table' | 'memory' | 'global' | 'tag' | 'elem' | 'data';
/** The index spaces, and the fields of one struct type (GC). */
type NameSpace = Space | 'field';

/** How an unknown name is reported, per index space (the spec interpreter's wording). */
const SPACE_WORD: Record<NameSpace, string> = {
  type: 'type',
  func: 'function',
  table: 'table',
  memory: 'memory',
  global: 'global',
  tag: 'tag',
  elem: 'elem segment',
  data: 'data segment',
  field: 'field',
};

/** How a duplicate name is reported. */
const DUPLICATE_WORD: Record<NameSpace, string> = {
  type: 'type',
  func: 'func',
  table: 'table',
  memory: 'memory',
  global: 'global',
  tag: 'tag',
  elem: 'elem',
  data: 'data',
  field: 'field',
};

export class IndexSpace {
  count = 0;
  readonly names = new Map<string, number>();
  constructor(readonly space: NameSpace) {}

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
  readonly types: SubType[] = [];
  /** The rec groups of `types` in order, inserted types each a group of its own. */
  readonly recs: RecGroup[] = [];
  /** Per type index: whether its rec group holds only it (explicit or not), which an inserted type use may reuse. */
  private readonly alone: boolean[] = [];
  /** Per type index: the `$names` of a struct type's fields (absent for function and array types). */
  readonly fields: (IndexSpace | undefined)[] = [];

  constructor(readonly c: Cursor) {}

  /** Reads an index or `$name` of the space (spec: x ::= u32 | id). */
  index(space: Space): number {
    return this.lookup(this.spaces[space]);
  }

  /** Reads a field index or `$name` of the struct type with that index (struct.get/set). */
  fieldIndex(type: number): number {
    const fields = this.fields[type] ?? new IndexSpace('field');
    return this.lookup(fields);
  }

  private lookup(space: IndexSpace): number {
    const t = this.c.peek();
    if (t.kind === 'id') {
      this.c.next();
      const i = space.names.get(t.text);
      if (i === undefined) throw this.c.error(`unknown ${SPACE_WORD[space.space]} ${t.text}`, t);
      return i;
    }
    return u32(this.c);
  }

  /** Appends a rec group of defined types (a lone type outside `rec` is an implicit group of one). */
  defineGroup(types: SubType[], explicit: boolean): void {
    this.types.push(...types);
    this.recs.push({ size: types.length, explicit });
    for (const _ of types) this.alone.push(types.length === 1);
  }

  /**
   * The module's rec groups: undefined when every group is an implicit one
   * of one type (the default, and every 2.0 module).
   */
  recGroups(): RecGroup[] | undefined {
    return this.recs.some((g) => g.explicit) ? this.recs : undefined;
  }

  /** Whether an index (number or name) comes next. */
  atIndex(): boolean {
    return this.c.is('id') || (this.c.is('num') && /^[0-9]/.test(this.c.peek().text));
  }

  /**
   * The index of the function type of an inline type use (spec 6.6.3 and
   * 6.6.13): the first type alone in its rec group that is that function
   * type, final and without supertypes; otherwise the type is inserted at the
   * end, as a rec group of its own.
   */
  typeIndexOf(ft: FuncType): number {
    const found = this.types.findIndex((t, i) => this.alone[i] && isFinal(t) && supersOf(t).length === 0 && funcTypeEquals(t, ft));
    if (found >= 0) return found;
    this.defineGroup([ft], false);
    return this.types.length - 1;
  }

  /** The function type at a type index; undefined when there is none or it is a struct or array type. */
  funcTypeAt(index: number): FuncType | undefined {
    const t = this.types[index];
    return t !== undefined && isFuncType(t) ? t : undefined;
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
