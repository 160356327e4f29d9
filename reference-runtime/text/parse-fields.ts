// Module fields (spec 6.6.2-6.6.12) with all their abbreviations: inline
// imports and exports, inline table elements and memory data, offset and
// item shorthands, and the legacy function-index element lists; 3.0 adds
// tags, address types and table initialisers.
import { concatBytes } from './concat-bytes.js';
import type { Instr } from '../syntax/instructions.js';
import type { Data, Elem, ElemMode, Module } from '../syntax/module.js';
import type { AddrType, ExternKind, RefType, TableType, ValType } from '../syntax/types.js';
import { heapOf } from '../syntax/types.js';
import type { ModuleContext, Space } from './context.js';
import { emptyFuncContext, foldedInstr, instrs } from './parse-instr.js';
import type { FuncContext } from './parse-instr.js';
import { addrType, globalType, isRefTypeNext, limits, memType, refType, tableType, typeUse, valType } from './parse-types.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';

/** The state of the module being built while its fields are read in order. */
export class ModuleBuilder {
  readonly module: Module;
  /** index of the next entity of each kind (imports included) */
  readonly next: Record<Space, number> = { type: 0, func: 0, table: 0, memory: 0, global: 0, tag: 0, elem: 0, data: 0 };
  /** the kind of the first definition, for "import after ..." */
  firstDefinition?: string;
  usesDataSegments = false;
  readonly funcNames = new Map<number, string>();
  readonly localNames = new Map<number, Map<number, string>>();

  constructor(
    readonly ctx: ModuleContext,
    module: Module,
  ) {
    this.module = module;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A string that must be a valid UTF-8 name (imports, exports). */
export function name(b: ModuleBuilder): string {
  const c = b.ctx.c;
  const t = c.peek();
  const bytes = c.string();
  try {
    return decoder.decode(bytes);
  } catch {
    throw c.error('malformed UTF-8 encoding', t);
  }
}

export function field(b: ModuleBuilder): void {
  const c = b.ctx.c;
  c.lparen();
  const kw = c.peek();
  if (kw.kind !== 'keyword') throw c.unexpected();
  c.next();
  switch (kw.text) {
    case 'type':
      typeField(b);
      break;
    case 'rec':
      if (!c.knows('rec')) throw c.unexpected(kw);
      recField(b);
      break;
    case 'import':
      importField(b, kw);
      break;
    case 'func':
      funcField(b, kw);
      break;
    case 'table':
      tableField(b, kw);
      break;
    case 'memory':
      memoryField(b, kw);
      break;
    case 'global':
      globalField(b, kw);
      break;
    case 'tag':
      if (!c.allows('exceptions')) throw c.unexpected(kw);
      tagField(b, kw);
      break;
    case 'export':
      exportField(b);
      break;
    case 'start':
      if (b.module.start !== undefined) throw c.error('multiple start sections', kw);
      b.module.start = b.ctx.index('func');
      break;
    case 'elem':
      elemField(b);
      break;
    case 'data':
      dataField(b);
      break;
    default:
      throw c.unexpected(kw);
  }
  c.rparen();
}

function typeField(b: ModuleBuilder): void {
  // Already read by the second pass (scan-fields.ts); only skip it here.
  const c = b.ctx.c;
  c.optId();
  c.skipItem();
  b.next.type += 1;
}

function recField(b: ModuleBuilder): void {
  // Already read (scan-fields.ts); only skip its type definitions here.
  const c = b.ctx.c;
  while (c.openList('type')) {
    typeField(b);
    c.rparen();
  }
}

/** Inline `(export "name")*` abbreviations of a definition with the given index. */
function inlineExports(b: ModuleBuilder, kind: ExternKind, index: number): void {
  while (b.ctx.c.openList('export')) {
    b.module.exports.push({ name: name(b), kind, index });
    b.ctx.c.rparen();
  }
}

/** An inline `(import "m" "n")`, when present. */
function inlineImport(b: ModuleBuilder, at: Token): { module: string; name: string } | undefined {
  const c = b.ctx.c;
  if (!c.openList('import')) return undefined;
  checkImportOrder(b, at);
  const module = name(b);
  const n = name(b);
  c.rparen();
  return { module, name: n };
}

function checkImportOrder(b: ModuleBuilder, at: Token): void {
  if (b.firstDefinition !== undefined) throw b.ctx.c.error(`import after ${b.firstDefinition}`, at);
}

function define(b: ModuleBuilder, what: string): void {
  b.firstDefinition ??= what;
}

function importField(b: ModuleBuilder, at: Token): void {
  const c = b.ctx.c;
  checkImportOrder(b, at);
  const module = name(b);
  const n = name(b);
  c.lparen();
  const kind = c.next();
  const id = c.optId();
  switch (kind.text) {
    case 'func': {
      const index = b.next.func++;
      if (id !== undefined) b.funcNames.set(index, id.slice(1));
      b.module.imports.push({ module, name: n, desc: { kind: 'func', type: typeUse(b.ctx, true).index } });
      break;
    }
    case 'table':
      b.next.table++;
      b.module.imports.push({ module, name: n, desc: { kind: 'table', table: tableType(b.ctx) } });
      break;
    case 'memory':
      b.next.memory++;
      b.module.imports.push({ module, name: n, desc: { kind: 'memory', memory: memType(c) } });
      break;
    case 'global':
      b.next.global++;
      b.module.imports.push({ module, name: n, desc: { kind: 'global', global: globalType(b.ctx) } });
      break;
    case 'tag':
      if (!c.allows('exceptions')) throw c.unexpected(kind);
      b.next.tag++;
      b.module.imports.push({ module, name: n, desc: { kind: 'tag', tag: { type: typeUse(b.ctx, true).index } } });
      break;
    default:
      throw c.unexpected(kind);
  }
  c.rparen();
}

function funcField(b: ModuleBuilder, at: Token): void {
  const { ctx } = b;
  const c = ctx.c;
  const id = c.optId();
  const index = b.next.func++;
  if (id !== undefined) b.funcNames.set(index, id.slice(1));
  inlineExports(b, 'func', index);
  const imported = inlineImport(b, at);
  if (imported !== undefined) {
    b.module.imports.push({ ...imported, desc: { kind: 'func', type: typeUse(ctx, true).index } });
    return;
  }
  define(b, 'function');
  const use = typeUse(ctx, true);
  const f: FuncContext = emptyFuncContext();
  const names = new Map<number, string>();
  const declare = (tok: Token | undefined, localIndex: number) => {
    if (tok === undefined) return;
    if (f.locals.has(tok.text)) throw c.error(`duplicate local ${tok.text}`, tok);
    f.locals.set(tok.text, localIndex);
    names.set(localIndex, tok.text.slice(1));
  };
  (use.params ?? []).forEach((p, i) => declare(p.id, i));
  let localCount = use.type.params.length;
  const locals: ValType[] = [];
  while (c.openList('local')) {
    if (c.is('id')) {
      declare(c.next(), localCount++);
      locals.push(valType(ctx));
    } else {
      while (!c.is('rparen')) {
        locals.push(valType(ctx));
        localCount++;
      }
    }
    c.rparen();
  }
  const body = instrs(ctx, f);
  if (names.size > 0) b.localNames.set(index, names);
  noteDataUse(b, body);
  b.module.funcs.push({ type: use.index, locals, body });
}

/** Instructions with a data index: code using one needs the data count section. */
const DATA_USES = new Set(['memory.init', 'data.drop', 'array.new_data', 'array.init_data']);

/** Records whether an instruction with a data index occurs (they need the data count section). */
function noteDataUse(b: ModuleBuilder, body: Instr[]): void {
  for (const i of body) {
    if (DATA_USES.has(i.op)) b.usesDataSegments = true;
    if (i.body) noteDataUse(b, i.body);
    if (i.elseBody) noteDataUse(b, i.elseBody);
  }
}

function tableField(b: ModuleBuilder, at: Token): void {
  const c = b.ctx.c;
  c.optId();
  const index = b.next.table++;
  inlineExports(b, 'table', index);
  const imported = inlineImport(b, at);
  if (imported !== undefined) {
    b.module.imports.push({ ...imported, desc: { kind: 'table', table: tableType(b.ctx) } });
    return;
  }
  define(b, 'table');
  const addr = addrType(c);
  if (c.is('num')) {
    const table: TableType = { limits: limits(c), elem: refType(b.ctx), ...addr };
    // The initialiser may be flat instructions too (the spec interpreter's `const_expr1`).
    if (!c.is('rparen') && c.isWasm3) {
      const init = tableInit(b, table.elem);
      if (init !== undefined) table.init = init;
    }
    b.module.tables.push(table);
    return;
  }
  // `(table addrtype? reftype (elem ...))`: a table exactly as large as its elements
  const elem = refType(b.ctx);
  c.lparen();
  c.keyword('elem');
  const init = isElemExprNext(b) ? elemExprs(b) : funcIndices(b);
  c.rparen();
  b.module.tables.push({ limits: { min: init.length, max: init.length }, elem, ...addr });
  b.next.elem++;
  b.module.elems.push({ type: elem, init, mode: { kind: 'active', table: index, offset: [zeroAddress(addr.addr)] }, ...elemForm(c, elem) });
}

/** The offset of an inline segment: address 0 of the memory's or table's address type. */
function zeroAddress(addr: AddrType | undefined): Instr {
  return addr === 'i64' ? { op: 'i64.const', i64: 0n } : { op: 'i32.const', i32: 0 };
}

/**
 * A table's initialiser expression (3.0): undefined for `ref.null` of the
 * table's own heap type, the default every table gets, which the spec's
 * encoder writes as a plain table type.
 */
function tableInit(b: ModuleBuilder, elem: RefType): Instr[] | undefined {
  const init = instrs(b.ctx, emptyFuncContext());
  const only = init.length === 1 ? init[0]! : undefined;
  return only?.op === 'ref.null' && only.refType !== undefined && heapOf(only.refType) === heapOf(elem) ? undefined : init;
}

function memoryField(b: ModuleBuilder, at: Token): void {
  const c = b.ctx.c;
  c.optId();
  const index = b.next.memory++;
  inlineExports(b, 'memory', index);
  const imported = inlineImport(b, at);
  if (imported !== undefined) {
    b.module.imports.push({ ...imported, desc: { kind: 'memory', memory: memType(c) } });
    return;
  }
  define(b, 'memory');
  const addr = addrType(c);
  if (!c.openList('data')) {
    b.module.mems.push({ limits: limits(c), ...addr });
    return;
  }
  // `(memory addrtype? (data ...))`: a memory exactly large enough for its data
  const init = strings(b);
  c.rparen();
  const pages = Math.ceil(init.length / 65536);
  b.module.mems.push({ limits: { min: pages, max: pages }, ...addr });
  b.next.data++;
  b.module.datas.push({ init, mode: { kind: 'active', memory: index, offset: [zeroAddress(addr.addr)] } });
}

function tagField(b: ModuleBuilder, at: Token): void {
  const c = b.ctx.c;
  c.optId();
  const index = b.next.tag++;
  inlineExports(b, 'tag', index);
  const imported = inlineImport(b, at);
  const tag = { type: typeUse(b.ctx, true).index };
  if (imported !== undefined) {
    b.module.imports.push({ ...imported, desc: { kind: 'tag', tag } });
    return;
  }
  define(b, 'tag');
  b.module.tags.push(tag);
}

function globalField(b: ModuleBuilder, at: Token): void {
  const c = b.ctx.c;
  c.optId();
  const index = b.next.global++;
  inlineExports(b, 'global', index);
  const imported = inlineImport(b, at);
  if (imported !== undefined) {
    b.module.imports.push({ ...imported, desc: { kind: 'global', global: globalType(b.ctx) } });
    return;
  }
  define(b, 'global');
  const type = globalType(b.ctx);
  b.module.globals.push({ type, init: instrs(b.ctx, emptyFuncContext()) });
}

function exportField(b: ModuleBuilder): void {
  const c = b.ctx.c;
  const n = name(b);
  c.lparen();
  const kind = c.next();
  const spaces: Record<string, [ExternKind, Space]> = {
    func: ['func', 'func'],
    table: ['table', 'table'],
    memory: ['memory', 'memory'],
    global: ['global', 'global'],
    tag: ['tag', 'tag'],
  };
  const target = kind.kind === 'keyword' && (kind.text !== 'tag' || c.allows('exceptions')) ? spaces[kind.text] : undefined;
  if (target === undefined) throw c.unexpected(kind);
  b.module.exports.push({ name: n, kind: target[0], index: b.ctx.index(target[1]) });
  c.rparen();
}

/** Whether an element expression list follows (rather than function indices). */
function isElemExprNext(b: ModuleBuilder): boolean {
  return b.ctx.c.is('lparen');
}

/** `elemexpr*`: `(item instr*)` or a single folded instruction each. */
function elemExprs(b: ModuleBuilder): Instr[][] {
  const c = b.ctx.c;
  const out: Instr[][] = [];
  while (c.is('lparen')) {
    if (c.openList('item')) {
      out.push(instrs(b.ctx, emptyFuncContext()));
      c.rparen();
    } else {
      out.push(singleFolded(b));
    }
  }
  return out;
}

/** One folded instruction, unfolded: the shorthand for `(item ...)` and `(offset ...)`. */
function singleFolded(b: ModuleBuilder): Instr[] {
  return foldedInstr(b.ctx, emptyFuncContext());
}

/** `funcidx*` as element expressions `ref.func x`. */
function funcIndices(b: ModuleBuilder): Instr[][] {
  const out: Instr[][] = [];
  while (b.ctx.atIndex()) out.push([{ op: 'ref.func', index: b.ctx.index('func') }]);
  return out;
}

/** `(offset instr*)` or a single folded instruction. */
function offsetExpr(b: ModuleBuilder): Instr[] {
  const c = b.ctx.c;
  if (c.openList('offset')) {
    const e = instrs(b.ctx, emptyFuncContext());
    c.rparen();
    return e;
  }
  return singleFolded(b);
}

/**
 * The type of a `func funcidx*` list: `(ref func)` in 3.0 (the spec's
 * elemkind `func`), funcref in 2.0, which has no non-null references.
 */
function elemKindType(b: ModuleBuilder): RefType {
  return b.ctx.c.allows('function-references') ? 'ref func' : 'funcref';
}

/**
 * How the binary form should write a segment of this type that was given as
 * expressions: the spec's encoder writes function indices (elemkind `func`)
 * only for `(ref func)` segments, so a 3.0 funcref segment keeps the
 * expression form, and with it its type through encode and decode.
 */
function elemForm(c: Cursor, type: RefType): Pick<Elem, 'form'> {
  return type === 'funcref' && c.allows('function-references') ? { form: 'exprs' } : {};
}

/** `reftype elemexpr*`, `func funcidx*`, or (legacy, active only) bare `funcidx*`. */
function elemList(b: ModuleBuilder, allowBare: boolean): { type: RefType; init: Instr[][]; form?: Elem['form'] } {
  const c = b.ctx.c;
  if (c.isKeyword('func')) {
    c.next();
    return { type: elemKindType(b), init: funcIndices(b) };
  }
  if (isRefTypeNext(c)) {
    const type = refType(b.ctx);
    return { type, init: elemExprs(b), ...elemForm(c, type) };
  }
  if (!allowBare) throw c.unexpected();
  return { type: elemKindType(b), init: funcIndices(b) };
}

function elemField(b: ModuleBuilder): void {
  const c = b.ctx.c;
  c.optId();
  b.next.elem++;
  let mode: ElemMode;
  let list: ReturnType<typeof elemList>;
  if (c.isKeyword('declare')) {
    c.next();
    mode = { kind: 'declarative' };
    list = elemList(b, false);
  } else if (c.isKeyword('func') || isRefTypeNext(c) || c.is('rparen')) {
    mode = { kind: 'passive' };
    list = elemList(b, false);
  } else {
    let table = 0;
    if (c.openList('table')) {
      table = b.ctx.index('table');
      c.rparen();
    } else if (b.ctx.atIndex()) {
      table = b.ctx.index('table');
    }
    const offset = offsetExpr(b);
    mode = { kind: 'active', table, offset };
    list = elemList(b, true);
  }
  const elem: Elem = { type: list.type, init: list.init, mode, ...(list.form ? { form: list.form } : {}) };
  b.module.elems.push(elem);
}

/** The concatenated bytes of a string sequence. */
function strings(b: ModuleBuilder): Uint8Array {
  const c = b.ctx.c;
  const parts: Uint8Array[] = [];
  while (c.is('string')) parts.push(c.string());
  return concatBytes(parts);
}

function dataField(b: ModuleBuilder): void {
  const c = b.ctx.c;
  c.optId();
  b.next.data++;
  let data: Data;
  if (c.is('string') || c.is('rparen')) {
    data = { init: strings(b), mode: { kind: 'passive' } };
  } else {
    let memory = 0;
    if (c.openList('memory')) {
      memory = b.ctx.index('memory');
      c.rparen();
    } else if (b.ctx.atIndex()) {
      memory = b.ctx.index('memory');
    }
    const offset = offsetExpr(b);
    data = { init: strings(b), mode: { kind: 'active', memory, offset } };
  }
  b.module.datas.push(data);
}
