// Decoding a whole module (spec 5.5): header, sections in their fixed order
// with custom sections anywhere, then the cross-section rules the binary
// format imposes (function/code counts, the data count section).
// Every malformation is a DecodeError carrying the spec testsuite's message.
// The feature set (default: all of 3.0) decides what is well-formed: under
// WASM_2_0 the 2.0 binary format, exactly.
import type { FeatureSet } from '../syntax/features.js';
import { emptyModule, SectionId, type Module } from '../syntax/module.js';
import type { ExprUse } from './decode-instr.js';
import { decodeNameSection, NAME_SECTION } from './names.js';
import { Reader } from './reader.js';
import { UNEXPECTED_END } from './leb128.js';
import { readCode, readData, readElem, readExport, readGlobal, readImport, readTable, type Code } from './sections.js';
import { readTypeSection } from './type-section.js';
import { readMemType, readTagType } from './types.js';

export const MAGIC = 0x6d736100; // "\0asm" read as a little-endian word
export const VERSION = 1;

/**
 * Position of each non-custom section id in the required order: data count
 * (12) sits between elements and code, the tag section (13) between memory
 * and global.
 */
const ORDER: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10, 5.5];

/** What sections contribute that is only assembled at the end. */
interface Pending {
  funcTypes: number[];
  codes: Code[];
  use: ExprUse;
}

export function decodeModule(bytes: Uint8Array, features?: FeatureSet): Module {
  const r = new Reader(bytes, features);
  readHeader(r);
  const m = emptyModule();
  const pending: Pending = { funcTypes: [], codes: [], use: { usesDataIndex: false } };
  const lastKnownId = r.has('exceptions') ? SectionId.Tag : SectionId.DataCount;
  let lastId = 0;
  while (!r.atEnd()) {
    const at = r.pos;
    const id = r.byte();
    if (id > lastKnownId) r.fail('malformed section id', at);
    if (id === SectionId.Custom) {
      readCustomSection(r, m, lastId);
      continue;
    }
    // A section out of order or repeated ends the module as the spec reads it.
    if (ORDER[id]! <= ORDER[lastId]!) r.fail('unexpected content after last section', at);
    r.sized(() => readSection(r, id, m, pending));
    lastId = id;
  }
  return assemble(r, m, pending);
}

function readHeader(r: Reader): void {
  if (r.word32() !== MAGIC) r.fail('magic header not detected', 0);
  if (r.word32() !== VERSION) r.fail('unknown binary version', 4);
}

function readSection(r: Reader, id: number, m: Module, pending: Pending): void {
  switch (id as SectionId) {
    case SectionId.Type:
      readTypeSection(r, m);
      break;
    case SectionId.Import:
      m.imports = r.vec(readImport);
      break;
    case SectionId.Function:
      pending.funcTypes = r.vec((rr) => rr.u32());
      break;
    case SectionId.Table:
      m.tables = r.vec(readTable);
      break;
    case SectionId.Memory:
      m.mems = r.vec(readMemType);
      break;
    case SectionId.Tag:
      m.tags = r.vec(readTagType);
      break;
    case SectionId.Global:
      m.globals = r.vec(readGlobal);
      break;
    case SectionId.Export:
      m.exports = r.vec(readExport);
      break;
    case SectionId.Start:
      m.start = r.u32();
      break;
    case SectionId.Element:
      m.elems = r.vec(readElem);
      break;
    case SectionId.DataCount:
      m.dataCount = r.u32();
      break;
    case SectionId.Code:
      pending.codes = r.vec((rr) => readCode(rr, pending.use));
      break;
    case SectionId.Data:
      m.datas = r.vec(readData);
      break;
    case SectionId.Custom:
      break;
  }
}

/**
 * A custom section: a name, then bytes up to the section's end. The first
 * well-formed `name` section becomes `Module.names`; every other custom
 * section (including a name section this decoder cannot read) is kept as is.
 */
function readCustomSection(r: Reader, m: Module, after: number): void {
  r.sized((size) => {
    const start = r.pos;
    const name = r.name();
    const rest = size - (r.pos - start);
    if (rest < 0) r.fail(UNEXPECTED_END, r.pos);
    const bytes = r.take(rest).slice();
    if (name === NAME_SECTION && m.names === undefined) {
      const names = decodeNameSection(bytes);
      if (names !== undefined) {
        m.names = names;
        return;
      }
    }
    m.customs.push({ name, bytes, after });
  });
}

function assemble(r: Reader, m: Module, pending: Pending): Module {
  const end = r.length;
  if (pending.funcTypes.length !== pending.codes.length) r.fail('function and code section have inconsistent lengths', end);
  if (m.dataCount !== undefined && m.dataCount !== m.datas.length) {
    r.fail('data count and data section have inconsistent lengths', end);
  }
  if (m.dataCount === undefined && pending.use.usesDataIndex) r.fail('data count section required', end);
  m.funcs = pending.codes.map((code, i) => ({ type: pending.funcTypes[i]!, locals: code.locals, body: code.body }));
  return m;
}
