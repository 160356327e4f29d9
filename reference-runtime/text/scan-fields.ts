// The first passes over a module's fields: every field may refer to names
// defined later, so the first pass records the `$names` of all index spaces
// (types inside `rec` groups included), and the second reads the explicit
// type definitions (which take the first type indices, and may refer to any
// type name) before anything else is parsed in full. Indices follow text
// order within each space, which is right because imports must precede
// definitions.
import type { ModuleContext, Space } from './context.js';
import type { Cursor } from './cursor.js';
import { typeDefinitions } from './parse-typedefs.js';

const SPACE_OF_FIELD: Record<string, Space> = {
  func: 'func',
  table: 'table',
  memory: 'memory',
  global: 'global',
  tag: 'tag',
  elem: 'elem',
  data: 'data',
};

export function scanFields(ctx: ModuleContext): void {
  const c = ctx.c;
  const start = c.pos;
  const typeFields: number[] = [];
  while (c.is('lparen')) {
    const fieldStart = c.pos;
    c.next();
    const kw = c.peek();
    if (kw.kind === 'keyword') {
      c.next();
      if (kw.text === 'type' || (kw.text === 'rec' && c.knows('rec'))) typeFields.push(fieldStart);
      scanField(ctx, kw.text);
    }
    c.pos = fieldStart;
    c.skipItem();
  }
  typeDefinitions(ctx, typeFields);
  c.pos = start;
}

function scanField(ctx: ModuleContext, kind: string): void {
  const c = ctx.c;
  if (kind === 'type') {
    ctx.spaces.type.add(c, c.is('id') ? c.next() : undefined);
    return;
  }
  if (kind === 'rec' && c.knows('rec')) {
    // Only the names: a malformed group is reported when its definitions are read.
    while (c.openList('type')) {
      ctx.spaces.type.add(c, c.is('id') ? c.next() : undefined);
      while (!c.is('rparen') && !c.is('eof')) c.skipItem();
      c.next();
    }
    return;
  }
  if (kind === 'import') {
    c.take('string');
    c.take('string');
    c.lparen();
    const desc = c.peek();
    const space = desc.kind === 'keyword' ? SPACE_OF_FIELD[desc.text] : undefined;
    if (space === undefined || space === 'elem' || space === 'data') return;
    c.next();
    ctx.spaces[space].add(c, c.is('id') ? c.next() : undefined);
    return;
  }
  const space = SPACE_OF_FIELD[kind];
  if (space === undefined) return;
  ctx.spaces[space].add(c, c.is('id') ? c.next() : undefined);
  // Inline segments of `(table ... (elem ...))` and `(memory (data ...))` take the next segment index.
  if (kind === 'table' && hasChildList(c, 'elem')) ctx.spaces.elem.add(c, undefined);
  if (kind === 'memory' && hasChildList(c, 'data')) ctx.spaces.data.add(c, undefined);
}

/** Whether one of the remaining items of the current list is a `(word ...)` list. */
function hasChildList(c: Cursor, word: string): boolean {
  while (!c.is('rparen') && !c.is('eof')) {
    if (c.isList(word)) return true;
    c.skipItem();
  }
  return false;
}
