// Decoders for the contents of each known section (spec 5.5.3 - 5.5.13),
// each reading from a Reader positioned just after the section's size.
import type { Data, Elem, Export, Global, Import, ImportDesc } from '../syntax/module.js';
import type { Instr } from '../syntax/instructions.js';
import type { ExternKind, RefType, TableType, ValType } from '../syntax/types.js';
import { readExpr, type ExprUse } from './decode-instr.js';
import type { Reader } from './reader.js';
import { DecodeError } from '../errors.js';
import { isDefaultTableInit, readGlobalType, readMemType, readRefType, readTableType, readTagType, readTypeUse, readValType } from './types.js';

/**
 * The most locals a function may declare. The spec's bound is 2^32 - 1
 * (a binary-format rule); below it, implementations may set their own limit
 * (spec appendix 7.1). This one is the common limit of V8 and wasmparser,
 * and it keeps a hostile count from allocating gigabytes.
 */
export const MAX_LOCALS = 50_000;

export function readImport(r: Reader): Import {
  const module = r.name();
  const name = r.name();
  return { module, name, desc: readImportDesc(r) };
}

function readImportDesc(r: Reader): ImportDesc {
  const at = r.pos;
  switch (r.byte()) {
    case 0x00:
      return { kind: 'func', type: readTypeUse(r) };
    case 0x01:
      return { kind: 'table', table: readTableType(r) };
    case 0x02:
      return { kind: 'memory', memory: readMemType(r) };
    case 0x03:
      return { kind: 'global', global: readGlobalType(r) };
    case 0x04:
      if (r.has('exceptions')) return { kind: 'tag', tag: readTagType(r) };
      return r.fail('malformed import kind', at);
    default:
      return r.fail('malformed import kind', at);
  }
}

/**
 * A table section entry. Typed function references add a form with an
 * initializer expression: 0x40 0x00, the table type, the expression. An
 * initializer that is the default (`ref.null` of the element type) is left
 * out of the AST, as the plain form has it.
 */
export function readTable(r: Reader): TableType {
  if (!r.has('function-references') || r.peek() !== 0x40) return readTableType(r);
  const at = r.pos++;
  let table: TableType;
  let init: Instr[];
  try {
    r.expect(0x00, 'zero byte expected');
    table = readTableType(r);
    init = readExpr(r);
  } catch (e) {
    // The spec reads this form first and, failing, a plain table type, whose 0x40 is no reference type.
    if (e instanceof DecodeError) r.fail('malformed reference type', at);
    throw e;
  }
  return isDefaultTableInit(init, table.elem) ? table : { ...table, init };
}

export function readGlobal(r: Reader): Global {
  const type = readGlobalType(r);
  return { type, init: readExpr(r) };
}

const EXPORT_KINDS: readonly ExternKind[] = ['func', 'table', 'memory', 'global', 'tag'];

export function readExport(r: Reader): Export {
  const name = r.name();
  const at = r.pos;
  const kind = EXPORT_KINDS[r.byte()];
  if (kind === undefined || (kind === 'tag' && !r.has('exceptions'))) r.fail('malformed export kind', at);
  return { name, kind, index: r.u32() };
}

/**
 * The type of function-index segments (flags 0-3, whose element kind 0x00
 * is the only one): non-null `(ref func)` since typed function references,
 * funcref before.
 */
function funcIndicesType(r: Reader): RefType {
  return r.has('function-references') ? 'ref func' : 'funcref';
}

function readElemKind(r: Reader): RefType {
  r.expect(0x00, 'malformed element kind');
  return funcIndicesType(r);
}

function readFuncIndices(r: Reader): Instr[][] {
  return r.vec((rr) => [{ op: 'ref.func', index: rr.u32() }]);
}

function readExprs(r: Reader): Instr[][] {
  return r.vec((rr) => readExpr(rr));
}

/**
 * An element segment. Its flags (0-7) say, bit by bit: bit 0 passive or
 * declarative (else active), bit 1 an explicit table index (active) or
 * declarative (otherwise), bit 2 expressions instead of function indices.
 */
export function readElem(r: Reader): Elem {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail('malformed elements segment kind', at);
  const exprs = (flags & 4) !== 0;
  const form = exprs ? 'exprs' : 'indices';
  let mode: Elem['mode'];
  if ((flags & 1) === 0) {
    const table = (flags & 2) !== 0 ? r.u32() : 0;
    mode = { kind: 'active', table, offset: readExpr(r) };
  } else {
    mode = (flags & 2) !== 0 ? { kind: 'declarative' } : { kind: 'passive' };
  }
  // Flags 0 and 4 have no type byte: function indices, or funcref expressions.
  const type: RefType = flags === 0 ? funcIndicesType(r) : flags === 4 ? 'funcref' : exprs ? readRefType(r) : readElemKind(r);
  const init = exprs ? readExprs(r) : readFuncIndices(r);
  return { type, init, mode, form };
}

export function readData(r: Reader): Data {
  const at = r.pos;
  const flags = r.u32();
  let mode: Data['mode'];
  if (flags === 0) mode = { kind: 'active', memory: 0, offset: readExpr(r) };
  else if (flags === 1) mode = { kind: 'passive' };
  else if (flags === 2) {
    const memory = r.u32();
    mode = { kind: 'active', memory, offset: readExpr(r) };
  } else return r.fail('malformed data segment kind', at);
  const init = r.take(r.len32()).slice();
  return { init, mode };
}

/** A code section entry: its size, then the locals and the body. */
export interface Code {
  locals: ValType[];
  body: Instr[];
}

export function readCode(r: Reader, use: ExprUse): Code {
  return r.sized(() => {
    const locals = readLocals(r);
    return { locals, body: readExpr(r, use) };
  });
}

/** Local declarations come as runs (count, type); the AST holds them expanded. */
function readLocals(r: Reader): ValType[] {
  const at = r.pos;
  const runs = r.vec((rr) => ({ count: rr.u32(), type: readValType(rr) }));
  const total = runs.reduce((n, run) => n + run.count, 0);
  if (total >= 2 ** 32) r.fail('too many locals', at);
  if (total > MAX_LOCALS) r.fail(`too many locals (implementation limit ${MAX_LOCALS})`, at);
  const locals: ValType[] = [];
  for (const run of runs) for (let i = 0; i < run.count; i++) locals.push(run.type);
  return locals;
}
