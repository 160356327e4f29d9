// Instructions in the text format (spec 6.5): plain and structured
// instructions in flat form, and folded S-expressions, which unfold into
// their operands followed by the instruction. Immediates are read according
// to the opcode table's immediate kind; labels resolve to relative depths.
// Instructions of a 3.0 feature the cursor does not allow are unknown.
import type { Catch, Instr } from '../syntax/instructions.js';
import type { OpInfo } from '../syntax/opcodes.js';
import { opInfo } from '../syntax/opcodes.js';
import type { BlockType, ValType } from '../syntax/types.js';
import { refType as makeRefType } from '../syntax/types.js';
import type { ModuleContext } from './context.js';
import { u32 } from './context.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseUnsigned } from './numbers.js';
import { heapType, paramsAndResults, refType, typeUse, valType } from './parse-types.js';
import { v128Const } from './parse-v128.js';

/** What instructions can refer to besides the module: locals and enclosing labels. */
export interface FuncContext {
  locals: Map<string, number>;
  /** enclosing labels, innermost last; undefined for unnamed ones */
  labels: (string | undefined)[];
}

export function emptyFuncContext(): FuncContext {
  return { locals: new Map(), labels: [] };
}

/** Whether the next token ends an instruction sequence. */
function atSequenceEnd(c: Cursor): boolean {
  return c.is('rparen') || c.is('eof') || c.isKeyword('end') || c.isKeyword('else');
}

/** An instruction sequence, up to `)`, `end` or `else`. */
export function instrs(ctx: ModuleContext, f: FuncContext): Instr[] {
  const out: Instr[] = [];
  while (!atSequenceEnd(ctx.c)) instruction(ctx, f, out);
  return out;
}

/** Exactly one folded instruction, unfolded (the `(offset ...)` and `(item ...)` shorthands). */
export function foldedInstr(ctx: ModuleContext, f: FuncContext): Instr[] {
  const out: Instr[] = [];
  folded(ctx, f, out);
  return out;
}

/** One instruction, flat or folded, appended (unfolded) to `out`. */
function instruction(ctx: ModuleContext, f: FuncContext, out: Instr[]): void {
  const c = ctx.c;
  if (c.is('lparen')) {
    folded(ctx, f, out);
    return;
  }
  const t = c.peek();
  const info = instrInfo(c, t);
  c.next();
  if (info.imm === 'block' || info.imm === 'try_table') out.push(flatBlock(ctx, f, info));
  else out.push(plain(ctx, f, info, t));
}

/** The opcode table's entry for the instruction keyword at `t`; unknown when its feature is not allowed. */
function instrInfo(c: Cursor, t: Token): OpInfo {
  const info = t.kind === 'keyword' ? opInfo(t.text) : undefined;
  if (info === undefined || info.name === 'select_t' || (info.feature !== undefined && !c.allows(info.feature))) throw c.unexpected(t);
  return info;
}

/**
 * `block label bt instr* end id?` and `loop ...`, `if label bt instr* (else id? instr*)? end id?`,
 * `try_table label bt catch* instr* end id?`.
 */
function flatBlock(ctx: ModuleContext, f: FuncContext, info: OpInfo): Instr {
  const c = ctx.c;
  const label = c.optId();
  const blockType = parseBlockType(ctx);
  const catches = info.imm === 'try_table' ? catchClauses(ctx, f) : undefined;
  f.labels.push(label);
  const body = instrs(ctx, f);
  let elseBody: Instr[] | undefined;
  if (info.name === 'if') {
    elseBody = [];
    if (c.isKeyword('else')) {
      c.next();
      closingLabel(c, label);
      elseBody = instrs(ctx, f);
    }
  }
  c.keyword('end');
  closingLabel(c, label);
  f.labels.pop();
  return { op: info.name, blockType, body, ...(elseBody ? { elseBody } : {}), ...(catches ? { catches } : {}) };
}

const CATCH_KINDS = new Set<string>(['catch', 'catch_ref', 'catch_all', 'catch_all_ref']);

/**
 * try_table's `(catch x l)`, `(catch_ref x l)`, `(catch_all l)`, `(catch_all_ref l)`.
 * Their labels are resolved outside the try_table (its own label is not yet bound).
 */
function catchClauses(ctx: ModuleContext, f: FuncContext): Catch[] {
  const c = ctx.c;
  const out: Catch[] = [];
  while (c.is('lparen') && c.peek(1).kind === 'keyword' && CATCH_KINDS.has(c.peek(1).text)) {
    c.next();
    const kind = c.next().text as Catch['kind'];
    const tag = kind === 'catch' || kind === 'catch_ref' ? { tag: ctx.index('tag') } : {};
    out.push({ kind, ...tag, label: label(ctx, f) });
    c.rparen();
  }
  return out;
}

/** `end $l` / `else $l` must repeat the block's label. */
function closingLabel(c: Cursor, label: string | undefined): void {
  if (!c.is('id')) return;
  const t = c.next();
  if (t.text !== label) throw c.error('mismatching label', t);
}

/** `( plaininstr foldedinstr* )`, `(block ...)`, `(loop ...)`, `(if ... (then ...) (else ...)?)`. */
function folded(ctx: ModuleContext, f: FuncContext, out: Instr[]): void {
  const c = ctx.c;
  c.lparen();
  const t = c.peek();
  const info = instrInfo(c, t);
  c.next();
  if (info.imm !== 'block' && info.imm !== 'try_table') {
    const instr = plain(ctx, f, info, t);
    while (!c.is('rparen')) {
      if (!c.is('lparen')) throw c.unexpected();
      folded(ctx, f, out);
    }
    c.rparen();
    out.push(instr);
    return;
  }
  const label = c.optId();
  const blockType = parseBlockType(ctx);
  if (info.name !== 'if') {
    const catches = info.imm === 'try_table' ? catchClauses(ctx, f) : undefined;
    f.labels.push(label);
    const body = instrs(ctx, f);
    f.labels.pop();
    c.rparen();
    out.push({ op: info.name, blockType, body, ...(catches ? { catches } : {}) });
    return;
  }
  // The condition operands come before `(then`, outside the if's label scope.
  while (!c.isList('then')) {
    if (!c.is('lparen')) throw c.unexpected();
    folded(ctx, f, out);
  }
  f.labels.push(label);
  c.openList('then');
  const body = instrs(ctx, f);
  c.rparen();
  let elseBody: Instr[] = [];
  if (c.openList('else')) {
    elseBody = instrs(ctx, f);
    c.rparen();
  }
  f.labels.pop();
  c.rparen();
  out.push({ op: 'if', blockType, body, elseBody });
}

/**
 * A block type (spec 6.5.2): a type use, or inline params/results. Without
 * `(type x)`, no params and at most one result is the short form; otherwise
 * the function type's index (inserted when new).
 */
function parseBlockType(ctx: ModuleContext): BlockType {
  const c = ctx.c;
  if (c.isList('type')) return { kind: 'type', index: typeUse(ctx, false).index };
  const save = c.pos;
  const { params, results } = paramsAndResults(ctx, false);
  if (params.length === 0 && results.length === 0) return { kind: 'empty' };
  if (params.length === 0 && results.length === 1) return { kind: 'value', type: results[0]! };
  c.pos = save;
  return { kind: 'type', index: typeUse(ctx, false).index };
}

/** A plain instruction's immediates, read per the opcode table's immediate kind. */
function plain(ctx: ModuleContext, f: FuncContext, info: OpInfo, at: Token): Instr {
  const c = ctx.c;
  const op = info.name;
  switch (info.imm) {
    case 'none':
      if (op === 'select' && c.isList('result')) return selectT(ctx);
      return { op };
    case 'label':
      return { op, index: label(ctx, f) };
    case 'br_table': {
      const labels = [label(ctx, f)];
      while (ctx.atIndex()) labels.push(label(ctx, f));
      const index = labels.pop()!;
      return { op, index, labels };
    }
    case 'func':
      return { op, index: ctx.index('func') };
    case 'tag':
      return { op, index: ctx.index('tag') };
    case 'call_indirect': {
      const table = ctx.atIndex() ? ctx.index('table') : 0;
      return { op, index: typeUse(ctx, false).index, index2: table };
    }
    case 'local':
      return { op, index: local(ctx, f) };
    case 'global':
      return { op, index: ctx.index('global') };
    case 'table':
      return { op, index: ctx.atIndex() ? ctx.index('table') : 0 };
    case 'table_copy': {
      if (!ctx.atIndex()) return { op, index: 0, index2: 0 };
      const dst = ctx.index('table');
      return { op, index: dst, index2: ctx.index('table') };
    }
    case 'table_init': {
      // `table.init x y` (table, elem) or `table.init y` (elem of table 0)
      if (!isIndexToken(c.peek(1))) return { op, index: ctx.index('elem'), index2: 0 };
      const table = ctx.index('table');
      return { op, index: ctx.index('elem'), index2: table };
    }
    case 'elem':
      return { op, index: ctx.index('elem') };
    case 'data':
      return { op, index: ctx.index('data') };
    case 'memory_init': {
      // `memory.init x y` (memory, data) or `memory.init y` (data of memory 0)
      if (!c.allows('multi-memory') || !isIndexToken(c.peek(1))) return { op, index: ctx.index('data'), index2: 0 };
      const memory = ctx.index('memory');
      return { op, index: ctx.index('data'), index2: memory };
    }
    case 'memory':
      return { op, ...memoryIndex(ctx, 'index') };
    case 'memory_copy': {
      if (!c.allows('multi-memory') || !ctx.atIndex()) return { op };
      const dst = memoryIndex(ctx, 'index');
      const src = ctx.atIndex() ? memoryIndex(ctx, 'index2') : undefined;
      if (src === undefined) throw c.unexpected();
      return { op, ...dst, ...src };
    }
    case 'memarg':
      return { op, ...memoryIndex(ctx, 'index'), ...memarg(c, info) };
    case 'memarg_lane': {
      // `memidx? memarg lane`: a lone number is the lane, so a memory index is a
      // number only when a memarg or the lane follows it
      const t1 = c.peek(1);
      const hasMemory = c.is('id') || (isIndexToken(c.peek()) && (isIndexToken(t1) || isMemargKey(t1)));
      const m = hasMemory ? memoryIndex(ctx, 'index') : {};
      return { op, ...m, ...memarg(c, info), lane: laneIndex(c) };
    }
    case 'lane':
      return { op, lane: laneIndex(c) };
    case 'shuffle':
      return { op, bytes: shuffleLanes(c) };
    case 'i32': {
      const t = c.take('num');
      return { op, i32: c.literal(t, () => parseI32(t.text)) };
    }
    case 'i64': {
      const t = c.take('num');
      return { op, i64: c.literal(t, () => parseI64(t.text)) };
    }
    case 'f32': {
      const t = c.take('num');
      return { op, f32: c.literal(t, () => parseF32(t.text)) };
    }
    case 'f64': {
      const t = c.take('num');
      return { op, f64: c.literal(t, () => parseF64(t.text)) };
    }
    case 'v128':
      return { op, bytes: v128Const(c) };
    case 'reftype':
      return { op, refType: makeRefType(true, heapType(ctx)) };
    case 'type':
      return { op, index: ctx.index('type') };
    case 'type_field': {
      const type = ctx.index('type');
      return { op, index: type, index2: ctx.fieldIndex(type) };
    }
    case 'type_type': {
      const dst = ctx.index('type');
      return { op, index: dst, index2: ctx.index('type') };
    }
    case 'type_count': {
      const type = ctx.index('type');
      return { op, index: type, index2: u32(c) };
    }
    case 'type_data': {
      const type = ctx.index('type');
      return { op, index: type, index2: ctx.index('data') };
    }
    case 'type_elem': {
      const type = ctx.index('type');
      return { op, index: type, index2: ctx.index('elem') };
    }
    case 'ref_cast':
      return { op, refType: refType(ctx) };
    case 'br_on_cast': {
      const index = label(ctx, f);
      const from = refType(ctx);
      return { op, index, refType: from, refType2: refType(ctx) };
    }
    case 'select_t':
    case 'block':
    case 'try_table':
      throw c.unexpected(at);
  }
}

function isIndexToken(t: Token): boolean {
  return t.kind === 'id' || (t.kind === 'num' && /^[0-9]/.test(t.text));
}

function isMemargKey(t: Token): boolean {
  return t.kind === 'keyword' && (t.text.startsWith('offset=') || t.text.startsWith('align='));
}

/**
 * An optional memory index (multi-memory), kept only when it is not 0, as
 * the decoder does: absent means memory 0.
 */
function memoryIndex(ctx: ModuleContext, field: 'index' | 'index2'): { index?: number; index2?: number } {
  if (!ctx.c.allows('multi-memory') || !ctx.atIndex()) return {};
  const x = ctx.index('memory');
  return x === 0 ? {} : { [field]: x };
}

/** `select (result t)*`: the typed select. */
function selectT(ctx: ModuleContext): Instr {
  const c = ctx.c;
  const types: ValType[] = [];
  while (c.openList('result')) {
    while (!c.is('rparen')) types.push(valType(ctx));
    c.rparen();
  }
  return { op: 'select_t', types };
}

/** A label: a depth, or a name resolved to the depth of the innermost block carrying it. */
function label(ctx: ModuleContext, f: FuncContext): number {
  const c = ctx.c;
  if (!c.is('id')) return u32(c);
  const t = c.next();
  const i = f.labels.lastIndexOf(t.text);
  if (i < 0) throw c.error(`unknown label ${t.text}`, t);
  return f.labels.length - 1 - i;
}

function local(ctx: ModuleContext, f: FuncContext): number {
  const c = ctx.c;
  if (!c.is('id')) return u32(c);
  const t = c.next();
  const i = f.locals.get(t.text);
  if (i === undefined) throw c.error(`unknown local ${t.text}`, t);
  return i;
}

/**
 * `offset=o? align=a?`; alignment is written in bytes and stored as its log2.
 * Both are u32 in 2.0 and u64 with memory64 (the validator bounds them).
 */
function memarg(c: Cursor, info: OpInfo): { offset: number; align: number } {
  const bits = c.allows('memory64') ? 64 : 32;
  const range = `i${bits} constant out of range`;
  let offset = 0;
  let align = info.align!;
  if (c.is('keyword') && c.peek().text.startsWith('offset=')) {
    const t = c.next();
    offset = Number(c.literal(t, () => parseUnsigned(t.text.slice(7), bits), range));
  }
  if (c.is('keyword') && c.peek().text.startsWith('align=')) {
    const t = c.next();
    const v = c.literal(t, () => parseUnsigned(t.text.slice(6), bits), range);
    if (v === 0n || (v & (v - 1n)) !== 0n) throw c.error('alignment must be a power of two', t);
    align = v.toString(2).length - 1;
  }
  return { offset, align };
}

/** The wording for a lane index out of range, or not an integer where only lanes may be: it changed in 3.0. */
function laneRangeMessage(c: Cursor): string {
  return c.isWasm3 ? 'i8 constant out of range' : 'malformed lane index';
}

/** A lane index immediate: an unsigned literal below 256. */
function laneIndex(c: Cursor): number {
  const t = c.peek();
  if (t.kind !== 'num' || !/^[0-9]/.test(t.text)) throw c.unexpected();
  c.next();
  return Number(c.literal(t, () => parseUnsigned(t.text, 8), laneRangeMessage(c)));
}

/** The 16 lane indices of i8x16.shuffle. */
function shuffleLanes(c: Cursor): Uint8Array {
  const lanes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const t = c.peek();
    if (t.kind !== 'num') throw c.error('invalid lane length', t);
    c.next();
    let v: bigint | undefined;
    try {
      v = parseUnsigned(t.text, 8);
    } catch {
      v = undefined;
    }
    if (v === undefined) throw c.error(laneRangeMessage(c), t);
    lanes[i] = Number(v);
  }
  if (c.is('num')) throw c.error('invalid lane length');
  return lanes;
}
