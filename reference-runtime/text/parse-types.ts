// Types in the text format (spec 6.4) and type uses (6.6.3): number, vector
// and reference types (3.0: `(ref null? heaptype)` with abstract or concrete
// heap types and the shorthands), function types, tables, memories and
// globals, with the part-1 additions exnref and address types.
import type { AbsHeapType, AddrType, FuncType, GlobalType, HeapType, Limits, MemType, RefType, TableType, ValType } from '../syntax/types.js';
import { ABS_HEAP_TYPES, refType as makeRefType } from '../syntax/types.js';
import type { ModuleContext } from './context.js';
import { u32, u64 } from './context.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';

const NUM_VEC_TYPES = new Set<string>(['i32', 'i64', 'f32', 'f64', 'v128']);
const ABSTRACT = new Set<string>(ABS_HEAP_TYPES);
/** The shorthands of the nullable abstract reference types (`funcref` = `(ref null func)`), which RefType spells alike. */
const SHORTHANDS = new Set<string>(ABS_HEAP_TYPES.map((h) => makeRefType(true, h)));

/** A number, vector or reference type. */
export function valType(ctx: ModuleContext): ValType {
  const c = ctx.c;
  if (c.is('keyword') && NUM_VEC_TYPES.has(c.peek().text)) return c.next().text as ValType;
  return refType(ctx);
}

/** Whether a reference type starts here: a shorthand or `(ref ...)`, as the cursor's features allow. */
export function isRefTypeNext(c: Cursor): boolean {
  const t = c.peek();
  if (t.kind === 'keyword') return SHORTHANDS.has(t.text) && c.knows(t.text);
  return c.isList('ref') && c.knows('ref');
}

/** `(ref null? heaptype)` or a shorthand. */
export function refType(ctx: ModuleContext): RefType {
  const c = ctx.c;
  if (!isRefTypeNext(c)) throw c.unexpected();
  if (c.is('keyword')) return c.next().text as RefType;
  c.pos += 2;
  const nullable = c.isKeyword('null');
  if (nullable) c.next();
  const heap = heapType(ctx);
  c.rparen();
  return makeRefType(nullable, heap);
}

/** A heap type (ref.null, `(ref ...)`): an abstract one the features know, or a type index (function references). */
export function heapType(ctx: ModuleContext): HeapType {
  const c = ctx.c;
  const t = c.peek();
  if (t.kind === 'keyword' && ABSTRACT.has(t.text) && c.knows(t.text)) return c.next().text as AbsHeapType;
  if (ctx.atIndex() && c.allows('function-references')) return ctx.index('type');
  throw c.unexpected();
}

/** A parameter list entry; names are allowed only when `named` (functions, not blocks or call_indirect). */
export interface Param {
  type: ValType;
  id?: Token;
}

/**
 * `(param ...)* (result ...)*` as they follow a type use or open a type
 * definition. `(param $x t)` names one parameter; `(param t*)` gives several.
 */
export function paramsAndResults(ctx: ModuleContext, named: boolean): { params: Param[]; results: ValType[] } {
  const c = ctx.c;
  const params: Param[] = [];
  const results: ValType[] = [];
  while (c.openList('param')) {
    if (c.is('id')) {
      if (!named) throw c.unexpected();
      const id = c.next();
      params.push({ type: valType(ctx), id });
    } else {
      while (!c.is('rparen')) params.push({ type: valType(ctx) });
    }
    c.rparen();
  }
  while (c.openList('result')) {
    while (!c.is('rparen')) results.push(valType(ctx));
    c.rparen();
  }
  if (c.isList('param')) throw c.unexpected();
  return { params, results };
}

/** The inside of `(func ...)` in a type definition: its parameters (names allowed, then dropped) and results. */
export function funcTypeBody(ctx: ModuleContext): FuncType {
  const { params, results } = paramsAndResults(ctx, true);
  return { params: params.map((p) => p.type), results };
}

export interface TypeUse {
  index: number;
  /** the parameters as written inline (with names), or undefined when only `(type x)` was given */
  params?: Param[];
  type: FuncType;
}

/**
 * A type use (spec 6.6.3): `(type x)` and/or inline params and results. Inline
 * declarations must agree with `(type x)`; without `(type x)` the function
 * type is looked up, or inserted at the end of the type list.
 */
export function typeUse(ctx: ModuleContext, named: boolean): TypeUse {
  const c = ctx.c;
  let explicit: number | undefined;
  let at: Token | undefined;
  if (c.openList('type')) {
    at = c.peek();
    explicit = ctx.index('type');
    c.rparen();
  }
  const inline = paramsAndResults(ctx, named);
  const written: FuncType = { params: inline.params.map((p) => p.type), results: inline.results };
  const hasInline = inline.params.length > 0 || inline.results.length > 0;
  if (explicit === undefined) return { index: ctx.typeIndexOf(written), params: inline.params, type: written };
  const declared = ctx.funcTypeAt(explicit);
  if (declared === undefined) {
    // The spec interpreter looks the type up only to check inline declarations against it.
    if (hasInline) throw c.error(ctx.types[explicit] === undefined ? 'unknown type' : `non-function type ${explicit}`, at);
    return { index: explicit, type: { params: [], results: [] } };
  }
  if (hasInline && !sameType(declared, written)) throw c.error('inline function type', at);
  return { index: explicit, ...(hasInline ? { params: inline.params } : {}), type: declared };
}

function sameType(a: FuncType, b: FuncType): boolean {
  return a.params.join() === b.params.join() && a.results.join() === b.results.join();
}

/**
 * Limits: u32 in 2.0; with memory64 u64 for either address type, so that a
 * 32-bit memory or table too large is invalid ("memory size"), not malformed.
 */
export function limits(c: Cursor): Limits {
  const bound = c.allows('memory64') ? u64 : u32;
  const min = bound(c);
  return c.is('num') ? { min, max: bound(c) } : { min };
}

/** An optional address type `i32` or `i64` (memory64) before limits; only i64 is kept (absent means i32). */
export function addrType(c: Cursor): { addr?: AddrType } {
  if (!c.allows('memory64') || (!c.isKeyword('i32') && !c.isKeyword('i64'))) return {};
  return c.next().text === 'i64' ? { addr: 'i64' } : {};
}

export function tableType(ctx: ModuleContext): TableType {
  const addr = addrType(ctx.c);
  const l = limits(ctx.c);
  return { limits: l, elem: refType(ctx), ...addr };
}

export function memType(c: Cursor): MemType {
  const addr = addrType(c);
  return { limits: limits(c), ...addr };
}

export function globalType(ctx: ModuleContext): GlobalType {
  if (ctx.c.openList('mut')) {
    const type = valType(ctx);
    ctx.c.rparen();
    return { type, mutable: true };
  }
  return { type: valType(ctx), mutable: false };
}
