// A whole module as WAT (spec 6.6), in wasm2wat's field order: types, imports,
// functions, tables, memories, tags, globals, exports, start, element and data
// segments. Definitions carry their index as a `(;N;)` comment; function and
// local names from the name section print as `$identifiers`. Custom sections
// have no text form, so each is noted in a comment where it stood.
import type { Instr } from '../syntax/instructions.js';
import type { CustomSection, Data, Elem, Export, Func, Import, Module } from '../syntax/module.js';
import type { FuncType, GlobalType, Limits, MemType, TableType, ValType } from '../syntax/types.js';
import { flatLines } from './print-body.js';
import { foldedLines } from './print-fold.js';
import { formatU64, instrHead, isStructured, type InstrContext } from './print-instr.js';
import { funcTypeOf, refTypeText, typeFields, typeList, valTypeText } from './print-types.js';
import { assignIdents, type Ident } from './print-names.js';
import { commentString, quoteBytes, quoteString } from './print-values.js';

export interface PrintOptions {
  /** print function bodies as folded S-expressions instead of flat instructions */
  foldExprs?: boolean;
  /**
   * print names that are not plain identifiers as 3.0's quoted `$"..."`
   * identifiers, exactly, instead of sanitizing them (the default, which 2.0
   * readers such as wabt 1.0.32 can read)
   */
  quotedIds?: boolean;
}

const INDENT = '  ';
/** Data bytes per string literal before a segment's data wraps onto more lines. */
const DATA_CHUNK = 32;

/** Positions of the printed fields, named by the binary section a custom section may follow. */
const CUSTOMS_AFTER: Record<string, number[]> = {
  top: [0],
  types: [1],
  imports: [2],
  funcs: [3],
  tables: [4],
  mems: [5],
  tags: [13],
  globals: [6],
  exports: [7],
  startFn: [8],
  elems: [9, 12, 10],
  datas: [11],
};

export function printModule(module: Module, options: PrintOptions = {}): string {
  const p = new ModulePrinter(module, options);
  return p.print();
}

class ModulePrinter {
  private readonly lines: string[] = [];
  private readonly funcIdents: Map<number, Ident>;
  private readonly funcTypes: (number | undefined)[] = [];
  private readonly tagTypes: number[] = [];
  private readonly importedFuncs: number;

  constructor(
    private readonly m: Module,
    private readonly options: PrintOptions,
  ) {
    this.funcIdents = assignIdents(m.names?.funcs, options.quotedIds);
    for (const imp of m.imports) if (imp.desc.kind === 'func') this.funcTypes.push(imp.desc.type);
    this.importedFuncs = this.funcTypes.length;
    for (const f of m.funcs) this.funcTypes.push(f.type);
    for (const imp of m.imports) if (imp.desc.kind === 'tag') this.tagTypes.push(imp.desc.tag.type);
    for (const t of m.tags) this.tagTypes.push(t.type);
  }

  print(): string {
    const m = this.m;
    const moduleName = m.names?.module;
    const nameIdent = moduleName === undefined ? undefined : assignIdents(new Map([[0, moduleName]]), this.options.quotedIds).get(0);
    this.section('top', () => {});
    this.section('types', () => typeFields(m, this.options.quotedIds).forEach((line) => this.field(line)));
    let counts: Counts = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
    this.section('imports', () => m.imports.forEach((imp) => (counts = this.importField(imp, counts))));
    this.section('funcs', () => m.funcs.forEach((f, i) => this.funcField(f, this.importedFuncs + i)));
    this.section('tables', () =>
      m.tables.forEach((t, i) => this.field(`(table (;${counts.table + i};) ${tableTypeText(t)}${t.init ? spaced(this.constExpr(t.init)) : ''})`)),
    );
    this.section('mems', () => m.mems.forEach((t, i) => this.field(`(memory (;${counts.memory + i};) ${memTypeText(t)})`)));
    this.section('tags', () => m.tags.forEach((t, i) => this.field(`(tag (;${counts.tag + i};) ${this.typeUse(t.type, -1)})`)));
    this.section('globals', () =>
      m.globals.forEach((g, i) => this.field(`(global (;${counts.global + i};) ${globalTypeText(g.type)}${spaced(this.constExpr(g.init))})`)),
    );
    this.section('exports', () => m.exports.forEach((e) => this.field(this.exportText(e))));
    this.section('startFn', () => {
      if (m.start !== undefined) this.field(`(start ${this.funcRef(m.start)})`);
    });
    this.section('elems', () => m.elems.forEach((e, i) => this.field(this.elemText(e, i))));
    this.section('datas', () => m.datas.forEach((d, i) => this.dataField(d, i)));
    const head = nameIdent === undefined ? '(module' : `(module ${nameIdent.text}${identComment(nameIdent)}`;
    if (this.lines.length === 0) return `${head})\n`;
    // A trailing line comment would swallow the closing parenthesis.
    const close = this.lines[this.lines.length - 1]!.trimStart().startsWith(';;') ? '\n)' : ')';
    return [head, ...this.lines].join('\n') + close + '\n';
  }

  /** Prints one group of fields, then the custom sections that followed it in the binary. */
  private section(name: string, body: () => void): void {
    body();
    const after = CUSTOMS_AFTER[name] ?? [];
    for (const c of this.m.customs) if (after.includes(c.after)) this.lines.push(INDENT + customComment(c));
  }

  private field(text: string): void {
    this.lines.push(INDENT + text);
  }

  private importField(imp: Import, counts: Counts): Counts {
    const where = `(import ${quoteString(imp.module)} ${quoteString(imp.name)}`;
    const d = imp.desc;
    switch (d.kind) {
      case 'func': {
        const index = counts.func;
        this.field(`${where} (func ${this.funcDefName(index)} ${this.typeUse(d.type, index)}))`);
        return { ...counts, func: index + 1 };
      }
      case 'table':
        this.field(`${where} (table (;${counts.table};) ${tableTypeText(d.table)}))`);
        return { ...counts, table: counts.table + 1 };
      case 'memory':
        this.field(`${where} (memory (;${counts.memory};) ${memTypeText(d.memory)}))`);
        return { ...counts, memory: counts.memory + 1 };
      case 'global':
        this.field(`${where} (global (;${counts.global};) ${globalTypeText(d.global)}))`);
        return { ...counts, global: counts.global + 1 };
      case 'tag':
        this.field(`${where} (tag (;${counts.tag};) ${this.typeUse(d.tag.type, -1)}))`);
        return { ...counts, tag: counts.tag + 1 };
    }
  }

  private funcField(f: Func, index: number): void {
    const ctx = this.instrContext(index);
    const ft = funcTypeOf(this.m.types, f.type);
    const paramCount = ft?.params.length ?? 0;
    const locals = valueDecls('local', f.locals, (k) => this.localIdent(index, paramCount + k));
    const body = this.options.foldExprs
      ? foldedLines(f.body, ctx, this.arityContext(ft), INDENT + INDENT)
      : flatLines(f.body, ctx, INDENT + INDENT);
    const inner = [...(locals === '' ? [] : [INDENT + INDENT + locals]), ...body];
    const head = `(func ${this.funcDefName(index)} ${this.typeUse(f.type, index)}`;
    if (inner.length === 0) return this.field(head + ')');
    this.field(head);
    inner[inner.length - 1] += ')';
    this.lines.push(...inner);
  }

  /** `(type N) (param ...) (result ...)`, with parameters named when the name section names them. */
  private typeUse(typeIndex: number, funcIndex: number): string {
    const ft = funcTypeOf(this.m.types, typeIndex);
    if (ft === undefined) return `(type ${typeIndex})`;
    const params = valueDecls('param', ft.params, (k) => this.localIdent(funcIndex, k));
    return [`(type ${typeIndex})`, params, typeList('result', ft.results)].filter((s) => s !== '').join(' ');
  }

  private funcDefName(index: number): string {
    const id = this.funcIdents.get(index);
    return id === undefined ? `(;${index};)` : `${id.text}${identComment(id, index)}`;
  }

  private funcRef(index: number): string {
    return this.funcIdents.get(index)?.text ?? String(index);
  }

  private localIdents = new Map<number, Map<number, Ident>>();

  private localIdent(funcIndex: number, localIndex: number): Ident | undefined {
    let idents = this.localIdents.get(funcIndex);
    if (idents === undefined) {
      idents = assignIdents(this.m.names?.locals.get(funcIndex), this.options.quotedIds);
      this.localIdents.set(funcIndex, idents);
    }
    return idents.get(localIndex);
  }

  private instrContext(funcIndex: number): InstrContext {
    return {
      func: (i) => this.funcRef(i),
      local: (i) => this.localIdent(funcIndex, i)?.text ?? String(i),
      types: this.m.types,
    };
  }

  private arityContext(ft: FuncType | undefined) {
    return {
      types: this.m.types,
      funcType: (i: number) => {
        const t = this.funcTypes[i];
        return t === undefined ? undefined : funcTypeOf(this.m.types, t);
      },
      tagType: (i: number) => {
        const t = this.tagTypes[i];
        return t === undefined ? undefined : funcTypeOf(this.m.types, t);
      },
      labels: [ft?.results.length ?? 0],
    };
  }

  private exportText(e: Export): string {
    const target = e.kind === 'func' ? this.funcRef(e.index) : String(e.index);
    return `(export ${quoteString(e.name)} (${e.kind} ${target}))`;
  }

  /** A constant expression: a single instruction folded, `(i32.const 0)`, else the plain sequence. */
  private constExpr(init: readonly Instr[]): string {
    const ctx = this.instrContext(-1);
    const only = init.length === 1 ? init[0]! : undefined;
    if (only !== undefined && !isStructured(only)) return `(${instrHead(only, ctx)})`;
    return flatLines(init, ctx, '').join(' ');
  }

  /** An offset or element expression: folded when it is one instruction, else `(keyword instr*)`. */
  private wrappedExpr(keyword: 'offset' | 'item', init: readonly Instr[]): string {
    if (init.length === 1 && !isStructured(init[0]!)) return this.constExpr(init);
    return `(${keyword}${spaced(this.constExpr(init))})`;
  }

  private elemText(e: Elem, index: number): string {
    const parts = [`(elem (;${index};)`];
    if (e.mode.kind === 'declarative') parts.push('declare');
    if (e.mode.kind === 'active') {
      if (e.mode.table !== 0) parts.push(`(table ${e.mode.table})`);
      parts.push(this.wrappedExpr('offset', e.mode.offset));
    }
    const funcIndices = isElemKind(e) ? refFuncIndices(e.init) : undefined;
    if (funcIndices !== undefined) parts.push('func', ...funcIndices.map((i) => this.funcRef(i)));
    else parts.push(refTypeText(e.type), ...e.init.map((item) => this.wrappedExpr('item', item)));
    return parts.join(' ') + ')';
  }

  private dataField(d: Data, index: number): void {
    const parts = [`(data (;${index};)`];
    if (d.mode.kind === 'active') {
      if (d.mode.memory !== 0) parts.push(`(memory ${d.mode.memory})`);
      parts.push(this.wrappedExpr('offset', d.mode.offset));
    }
    const chunks: string[] = [];
    for (let at = 0; at < d.init.length; at += DATA_CHUNK) chunks.push(quoteBytes(d.init.subarray(at, at + DATA_CHUNK)));
    if (chunks.length <= 1) return this.field([...parts, ...chunks].join(' ') + ')');
    this.field(parts.join(' '));
    chunks[chunks.length - 1] += ')';
    this.lines.push(...chunks.map((c) => INDENT + INDENT + c));
  }
}

/** `(param i32 i64)` when nothing is named; `(param $a i32) (param i64)` when something is. */
function valueDecls(keyword: 'param' | 'local', types: readonly ValType[], ident: (k: number) => Ident | undefined): string {
  const idents = types.map((_, k) => ident(k));
  if (idents.every((id) => id === undefined)) return typeList(keyword, types);
  return types.map((t, k) => `(${keyword} ${idents[k] === undefined ? '' : idents[k]!.text + ' '}${valTypeText(t)})`).join(' ');
}

/**
 * Whether a segment prints as `func x*`, which 3.0 text reads as type
 * `(ref func)` and 2.0 text as funcref: a `(ref func)` segment not written as
 * expressions, or a funcref one that the (2.0) binary wrote as indices.
 */
function isElemKind(e: Elem): boolean {
  return e.form === 'indices' ? e.type === 'ref func' || e.type === 'funcref' : e.form === undefined && e.type === 'ref func';
}

function refFuncIndices(init: readonly Instr[][]): number[] | undefined {
  const indices: number[] = [];
  for (const item of init) {
    const only = item.length === 1 ? item[0]! : undefined;
    if (only?.op !== 'ref.func' || only.index === undefined) return undefined;
    indices.push(only.index);
  }
  return indices;
}

function spaced(s: string): string {
  return s === '' ? '' : ' ' + s;
}

/** How many entities of each space the imports defined, which definitions' indices continue. */
interface Counts {
  func: number;
  table: number;
  memory: number;
  global: number;
  tag: number;
}

function limitsText(l: Limits): string {
  return l.max === undefined ? formatU64(l.min) : `${formatU64(l.min)} ${formatU64(l.max)}`;
}

/** `i64 ` before the limits of a 64-bit memory or table (memory64); nothing for i32, the default. */
function addrPrefix(t: { addr?: string }): string {
  return t.addr === 'i64' ? 'i64 ' : '';
}

function tableTypeText(t: TableType): string {
  return `${addrPrefix(t)}${limitsText(t.limits)} ${refTypeText(t.elem)}`;
}

function memTypeText(t: MemType): string {
  return `${addrPrefix(t)}${limitsText(t.limits)}`;
}

function globalTypeText(g: GlobalType): string {
  return g.mutable ? `(mut ${valTypeText(g.type)})` : valTypeText(g.type);
}

/** `(;N = "orig";)` after an identifier the name section spelled differently; `(;N;)` when asked for the index only. */
function identComment(id: Ident, index?: number): string {
  if (id.original === undefined) return '';
  return ` (;${index === undefined ? '' : `${index} = `}${commentString(id.original)};)`;
}

function customComment(c: CustomSection): string {
  return `;; custom section ${quoteString(c.name)}, ${c.bytes.length} bytes`;
}
