// Type definitions (spec 6.6.2, 3.0): `(type $id? subtype)` fields and
// `(rec (type ...)*)` groups, where a subtype is a composite type, function,
// struct or array, optionally in `(sub final? $super* ...)`. They are read
// after the first pass has bound every type name, so definitions may refer
// to any type of the module, earlier or later, inside or outside their group.
import type { ArrayType, CompType, FieldType, StorageType, StructType, SubType } from '../syntax/types.js';
import type { ModuleContext } from './context.js';
import { IndexSpace } from './context.js';
import { funcTypeBody, valType } from './parse-types.js';

/**
 * Reads the type fields that start (at their `(`) at the given token
 * positions, in order, defining their types and rec groups in the context.
 */
export function typeDefinitions(ctx: ModuleContext, fieldStarts: readonly number[]): void {
  const c = ctx.c;
  for (const at of fieldStarts) {
    c.pos = at;
    if (c.isList('rec')) {
      c.pos += 2;
      const group: SubType[] = [];
      while (c.openList('type')) group.push(typeDef(ctx, ctx.types.length + group.length));
      c.rparen();
      ctx.defineGroup(group, true);
    } else {
      c.lparen();
      c.keyword('type');
      ctx.defineGroup([typeDef(ctx, ctx.types.length)], false);
    }
  }
}

/** The rest of `(type $id? subtype)` after `(type`, defining type `index`. */
function typeDef(ctx: ModuleContext, index: number): SubType {
  const c = ctx.c;
  c.optId();
  let t: SubType;
  if (c.isList('sub') && c.knows('sub')) {
    c.pos += 2;
    const final = c.isKeyword('final');
    if (final) c.next();
    const supers: number[] = [];
    while (ctx.atIndex()) supers.push(ctx.index('type'));
    t = { ...compType(ctx, index), sub: { final, supers } };
    c.rparen();
  } else {
    t = compType(ctx, index);
  }
  c.rparen();
  return t;
}

/** `(func ...)`, `(struct field*)` or `(array fieldtype)`. */
function compType(ctx: ModuleContext, index: number): CompType {
  const c = ctx.c;
  c.lparen();
  const kw = c.peek();
  let t: CompType;
  if (c.isKeyword('func')) {
    c.next();
    t = funcTypeBody(ctx);
  } else if (c.isKeyword('struct') && c.knows('struct')) {
    c.next();
    t = structType(ctx, index);
  } else if (c.isKeyword('array') && c.knows('array')) {
    c.next();
    t = { kind: 'array', field: fieldType(ctx) } satisfies ArrayType;
  } else {
    throw c.unexpected(kw);
  }
  c.rparen();
  return t;
}

/** `(field $x fieldtype)` and `(field fieldtype*)` entries; their names go to the type's field namespace. */
function structType(ctx: ModuleContext, index: number): StructType {
  const c = ctx.c;
  const names = new IndexSpace('field');
  const fields: FieldType[] = [];
  const fieldNames: (string | undefined)[] = [];
  while (c.openList('field')) {
    if (c.is('id')) {
      const id = c.next();
      names.add(c, id);
      fields.push(fieldType(ctx));
      fieldNames.push(id.text.slice(1));
    } else {
      while (!c.is('rparen')) {
        names.add(c, undefined);
        fields.push(fieldType(ctx));
        fieldNames.push(undefined);
      }
    }
    c.rparen();
  }
  ctx.fields[index] = names;
  const named = fieldNames.some((n) => n !== undefined);
  return { kind: 'struct', fields, ...(named ? { fieldNames } : {}) };
}

/** `storagetype` or `(mut storagetype)`. */
function fieldType(ctx: ModuleContext): FieldType {
  const c = ctx.c;
  if (c.openList('mut')) {
    const type = storageType(ctx);
    c.rparen();
    return { type, mutable: true };
  }
  return { type: storageType(ctx), mutable: false };
}

/** A value type or a packed type, `i8` or `i16`. */
function storageType(ctx: ModuleContext): StorageType {
  const c = ctx.c;
  if ((c.isKeyword('i8') || c.isKeyword('i16')) && c.knows('i8')) return c.next().text as StorageType;
  return valType(ctx);
}
