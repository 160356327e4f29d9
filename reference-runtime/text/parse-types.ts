// Types in the text format (spec 6.4) and type uses (6.6.3), with the 3.0
// additions of part 1: exnref, and address types on memories and tables.
import type { AddrType, FuncType, GlobalType, Limits, MemType, RefType, TableType, ValType } from '../syntax/types.js';
import type { ModuleContext } from './context.js';
import { u32, u64 } from './context.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';

const VAL_TYPES = new Set<string>(['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref', 'exnref']);

export function isValTypeNext(c: Cursor): boolean {
  const t = c.peek();
  return t.kind === 'keyword' && VAL_TYPES.has(t.text) && (t.text !== 'exnref' || c.allows('exceptions'));
}

export function valType(c: Cursor): ValType {
  if (!isValTypeNext(c)) throw c.unexpected();
  return c.next().text as ValType;
}

export function isRefTypeNext(c: Cursor): boolean {
  return c.isKeyword('funcref') || c.isKeyword('externref') || (c.isKeyword('exnref') && c.allows('exceptions'));
}

export function refType(c: Cursor): RefType {
  if (!isRefTypeNext(c)) throw c.unexpected();
  return c.next().text as RefType;
}

/** `func`, `extern` or `exn` after ref.null. */
export function heapType(c: Cursor): RefType {
  if (c.isKeyword('func')) return (c.next(), 'funcref');
  if (c.isKeyword('extern')) return (c.next(), 'externref');
  if (c.isKeyword('exn') && c.allows('exceptions')) return (c.next(), 'exnref');
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
export function paramsAndResults(c: Cursor, named: boolean): { params: Param[]; results: ValType[] } {
  const params: Param[] = [];
  const results: ValType[] = [];
  while (c.openList('param')) {
    if (c.is('id')) {
      if (!named) throw c.unexpected();
      const id = c.next();
      params.push({ type: valType(c), id });
    } else {
      while (!c.is('rparen')) params.push({ type: valType(c) });
    }
    c.rparen();
  }
  while (c.openList('result')) {
    while (!c.is('rparen')) results.push(valType(c));
    c.rparen();
  }
  if (c.isList('param')) throw c.unexpected();
  return { params, results };
}

/** `(func (param ...)* (result ...)*)` of a type definition. */
export function funcType(c: Cursor): FuncType {
  c.lparen();
  c.keyword('func');
  const { params, results } = paramsAndResults(c, true);
  c.rparen();
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
  const inline = paramsAndResults(c, named);
  const written: FuncType = { params: inline.params.map((p) => p.type), results: inline.results };
  const hasInline = inline.params.length > 0 || inline.results.length > 0;
  if (explicit === undefined) return { index: ctx.typeIndexOf(written), params: inline.params, type: written };
  const declared = ctx.types[explicit];
  if (declared === undefined) {
    if (hasInline) throw c.error('unknown type', at);
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

export function tableType(c: Cursor): TableType {
  const addr = addrType(c);
  const l = limits(c);
  return { limits: l, elem: refType(c), ...addr };
}

export function memType(c: Cursor): MemType {
  const addr = addrType(c);
  return { limits: limits(c), ...addr };
}

export function globalType(c: Cursor): GlobalType {
  if (c.openList('mut')) {
    const type = valType(c);
    c.rparen();
    return { type, mutable: true };
  }
  return { type: valType(c), mutable: false };
}
