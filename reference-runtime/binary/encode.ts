// Encoding a module (spec 5.5) canonically: minimal LEB128, sections in the
// spec's order and only when non-empty, custom sections re-emitted after the
// section they followed, locals as runs of equal types, and the name section
// (on request) after the last known section.
import type { Instr } from '../syntax/instructions.js';
import { SectionId, type Data, type Elem, type Export, type Func, type Global, type Import, type Module } from '../syntax/module.js';
import type { TableType, ValType } from '../syntax/types.js';
import { MAGIC, VERSION } from './decode.js';
import { writeExpr } from './encode-instr.js';
import { encodeNameSection, NAME_SECTION } from './names.js';
import { typeEntries, writeTypeEntry } from './type-section.js';
import { isDefaultTableInit, writeGlobalType, writeMemType, writeRefType, writeTableType, writeTagType, writeValType } from './types.js';
import { Writer } from './writer.js';

export interface EncodeOptions {
  /** Emit `module.names` as a name section. */
  names?: boolean;
}

/** Non-custom sections in the order the spec requires. */
const SECTION_ORDER: readonly SectionId[] = [
  SectionId.Type,
  SectionId.Import,
  SectionId.Function,
  SectionId.Table,
  SectionId.Memory,
  SectionId.Tag,
  SectionId.Global,
  SectionId.Export,
  SectionId.Start,
  SectionId.Element,
  SectionId.DataCount,
  SectionId.Code,
  SectionId.Data,
];

export function encodeModule(module: Module, options: EncodeOptions = {}): Uint8Array {
  const w = new Writer().word32(MAGIC).word32(VERSION);
  writeCustoms(w, module, 0);
  for (const id of SECTION_ORDER) {
    const content = sectionContent(module, id);
    if (content !== undefined) w.byte(id).sized(content);
    if (id === SectionId.Data && options.names && module.names !== undefined) {
      writeCustom(w, NAME_SECTION, encodeNameSection(module.names));
    }
    writeCustoms(w, module, id);
  }
  return w.finish().slice();
}

function writeCustoms(w: Writer, module: Module, after: number): void {
  for (const c of module.customs) if (c.after === after) writeCustom(w, c.name, c.bytes);
}

function writeCustom(w: Writer, name: string, bytes: Uint8Array): void {
  w.byte(SectionId.Custom).sized(new Writer().name(name).bytes(bytes));
}

/**
 * A section's contents, or undefined when the section is omitted: empty
 * sections are, unless a custom section is placed after them (so that its
 * `after` survives a round trip).
 */
function sectionContent(m: Module, id: SectionId): Writer | undefined {
  const w = new Writer();
  const anchor = m.customs.some((c) => c.after === id);
  const vecSection = <T>(items: readonly T[], element: (w: Writer, item: T) => void) =>
    items.length === 0 && !anchor ? undefined : w.vec(items, element);
  switch (id) {
    case SectionId.Type:
      return vecSection(typeEntries(m), writeTypeEntry);
    case SectionId.Import:
      return vecSection(m.imports, writeImport);
    case SectionId.Function:
      return vecSection(m.funcs, (ww, f) => ww.u32(f.type));
    case SectionId.Table:
      return vecSection(m.tables, writeTable);
    case SectionId.Memory:
      return vecSection(m.mems, writeMemType);
    case SectionId.Tag:
      return vecSection(m.tags, writeTagType);
    case SectionId.Global:
      return vecSection(m.globals, writeGlobal);
    case SectionId.Export:
      return vecSection(m.exports, writeExport);
    case SectionId.Start:
      return m.start === undefined ? undefined : w.u32(m.start);
    case SectionId.Element:
      return vecSection(m.elems, writeElem);
    case SectionId.DataCount:
      return m.dataCount === undefined ? undefined : w.u32(m.dataCount);
    case SectionId.Code:
      return vecSection(m.funcs, writeCode);
    case SectionId.Data:
      return vecSection(m.datas, writeData);
    case SectionId.Custom:
      return undefined;
  }
}

function writeImport(w: Writer, imp: Import): void {
  w.name(imp.module).name(imp.name);
  const d = imp.desc;
  if (d.kind === 'func') w.byte(0x00).u32(d.type);
  else if (d.kind === 'table') writeTableType(w.byte(0x01), d.table);
  else if (d.kind === 'memory') writeMemType(w.byte(0x02), d.memory);
  else if (d.kind === 'global') writeGlobalType(w.byte(0x03), d.global);
  else writeTagType(w.byte(0x04), d.tag);
}

/** A defined table: with an initializer (other than the default), the 0x40 0x00 form that carries it. */
function writeTable(w: Writer, t: TableType): void {
  if (t.init === undefined || isDefaultTableInit(t.init, t.elem)) return writeTableType(w, t);
  writeTableType(w.byte(0x40).byte(0x00), t);
  writeExpr(w, t.init);
}

function writeGlobal(w: Writer, g: Global): void {
  writeGlobalType(w, g.type);
  writeExpr(w, g.init);
}

const EXPORT_KIND_CODES = { func: 0x00, table: 0x01, memory: 0x02, global: 0x03, tag: 0x04 } as const;

function writeExport(w: Writer, e: Export): void {
  w.name(e.name).byte(EXPORT_KIND_CODES[e.kind]).u32(e.index);
}

/** The function index of an init expression that is a single `ref.func`, if it is one. */
function funcIndexOf(init: readonly Instr[]): number | undefined {
  const only = init.length === 1 ? init[0]! : undefined;
  return only?.op === 'ref.func' ? only.index : undefined;
}

/**
 * Whether a segment is written as function indices (flags 0-3): unless its
 * form says expressions, when every item is one `ref.func` and its type is
 * what those flags read, `(ref func)` (3.0) or funcref (2.0). A funcref
 * segment written so reads back by 3.0 rules as `(ref func)`: a segment that
 * must stay funcref carries `form: 'exprs'` (decoded segments carry their form).
 */
function isIndexForm(e: Elem): boolean {
  return e.form !== 'exprs' && (e.type === 'ref func' || e.type === 'funcref') && e.init.every((x) => funcIndexOf(x) !== undefined);
}

/**
 * Flags (spec 5.5.12): bit 2 for expressions, and for the mode: active on
 * table 0 has the short forms 0 (indices) and 4 (funcref expressions);
 * otherwise an explicit table (2/6), passive (1/5) or declarative (3/7),
 * each followed by the element kind (0x00) or the reference type.
 */
function writeElem(w: Writer, e: Elem): void {
  const indices = isIndexForm(e);
  const exprBit = indices ? 0 : 4;
  const mode = e.mode;
  if (mode.kind === 'active' && mode.table === 0 && (indices || e.type === 'funcref')) {
    w.u32(exprBit);
    writeExpr(w, mode.offset);
  } else if (mode.kind === 'active') {
    w.u32(exprBit | 2).u32(mode.table);
    writeExpr(w, mode.offset);
    writeElemType(w, e, indices);
  } else {
    w.u32(exprBit | (mode.kind === 'passive' ? 1 : 3));
    writeElemType(w, e, indices);
  }
  if (indices) w.vec(e.init, (ww, x) => ww.u32(funcIndexOf(x)!));
  else w.vec(e.init, writeExpr);
}

/** Index form writes the element kind 0x00, expression form a reference type. */
function writeElemType(w: Writer, e: Elem, indices: boolean): void {
  if (indices) w.byte(0x00);
  else writeRefType(w, e.type);
}

function writeCode(w: Writer, f: Func): void {
  const body = new Writer();
  const runs = localRuns(f.locals);
  body.vec(runs, (ww, run) => {
    ww.u32(run.count);
    writeValType(ww, run.type);
  });
  writeExpr(body, f.body);
  w.sized(body);
}

function localRuns(locals: readonly ValType[]): { count: number; type: ValType }[] {
  const runs: { count: number; type: ValType }[] = [];
  for (const t of locals) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.type === t) last.count++;
    else runs.push({ count: 1, type: t });
  }
  return runs;
}

function writeData(w: Writer, d: Data): void {
  const mode = d.mode;
  if (mode.kind === 'passive') w.u32(1);
  else if (mode.memory === 0) writeExpr(w.u32(0), mode.offset);
  else writeExpr(w.u32(2).u32(mode.memory), mode.offset);
  w.u32(d.init.length).bytes(d.init);
}
