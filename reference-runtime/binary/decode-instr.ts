// Decoding instructions and expressions (spec 5.4), driven by the opcode
// table. Structured instructions nest in the AST; the decoder keeps its own
// stack of open blocks instead of recursing, so nesting depth is bounded by
// memory, not by the JS call stack. An instruction whose feature the Reader's
// feature set lacks is an illegal opcode; immediates take their 3.0 forms
// (memory indices, u64 offsets) only with multi-memory and memory64; 0xFB
// is a prefix (GC) only with gc.
import type { Catch, Instr } from '../syntax/instructions.js';
import { OPCODES, opByCode, type OpInfo } from '../syntax/opcodes.js';
import { refType } from '../syntax/types.js';
import type { Reader } from './reader.js';
import { readBlockType, readHeapType, readRefNullType, readValType } from './types.js';

const END = 0x0b;
const ELSE = 0x05;
/** The GC instructions' prefix. */
const GC = 0xfb;

/** Single-byte opcodes indexed by their byte, for the hot path. */
const PLAIN: (OpInfo | undefined)[] = new Array(256);
for (const info of OPCODES) if (info.prefix === 0) PLAIN[info.code] = info;

/** What decoding a function body found that the module-level checks need. */
export interface ExprUse {
  /** memory.init or data.drop occurred: the module needs a data count section. */
  usesDataIndex: boolean;
}

interface OpenBlock {
  instr: Instr;
  /** the list currently being filled: the body, or the else branch of an `if` */
  list: Instr[];
}

/**
 * An expression: instructions up to and including the `end` that closes it.
 * Used for function bodies and constant expressions alike (constness is a
 * validation matter).
 */
export function readExpr(r: Reader, use?: ExprUse): Instr[] {
  const top: Instr[] = [];
  const open: OpenBlock[] = [];
  let list = top;
  for (;;) {
    const at = r.pos;
    const b = r.byte();
    if (b === END) {
      const block = open.pop();
      if (block === undefined) return top;
      list = open.length === 0 ? top : open[open.length - 1]!.list;
      list.push(block.instr);
      continue;
    }
    if (b === ELSE) {
      const block = open[open.length - 1];
      // `else` is only allowed once, right after an `if`'s then-branch.
      if (block === undefined || block.instr.op !== 'if' || block.list !== block.instr.body) r.fail('END opcode expected', at);
      list = block.list = block.instr.elseBody!;
      continue;
    }
    let info = PLAIN[b];
    let code = b;
    if (b === 0xfc || b === 0xfd || (b === GC && r.has('gc'))) {
      code = r.u32();
      info = prefixed(r, b, code, at);
    }
    if (info === undefined || (info.feature !== undefined && !r.has(info.feature))) r.fail(`illegal opcode ${hex(b)}`, at);
    if (info.imm === 'block' || info.imm === 'try_table') {
      const instr: Instr = { op: info.name, blockType: readBlockType(r), body: [] };
      if (info.name === 'if') instr.elseBody = [];
      if (info.imm === 'try_table') instr.catches = r.vec(readCatch);
      open.push({ instr, list: instr.body! });
      list = instr.body!;
      continue;
    }
    list.push(readImmediates(r, info, code, use));
  }
}

/** ref.test and ref.cast with a nullable target: the opcode after the non-null form's, which has the table's row. */
const REF_TEST_NULL = 21;
const REF_CAST_NULL = 23;

function prefixed(r: Reader, prefix: number, code: number, at: number): OpInfo {
  const nullableCast = prefix === GC && (code === REF_TEST_NULL || code === REF_CAST_NULL);
  const info = opByCode(prefix, nullableCast ? code - 1 : code);
  if (info === undefined || (info.feature !== undefined && !r.has(info.feature))) r.fail(`illegal opcode ${hex(prefix)} ${hex(code)}`, at);
  return info;
}

const CATCH_KINDS: readonly Catch['kind'][] = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'];

/** A try_table catch clause: its kind byte, the tag (catch and catch_ref only), the label. */
function readCatch(r: Reader): Catch {
  const at = r.pos;
  const kind = CATCH_KINDS[r.byte()];
  if (kind === undefined) r.fail('malformed catch clause', at);
  if (kind === 'catch' || kind === 'catch_ref') {
    const tag = r.u32();
    return { kind, tag, label: r.u32() };
  }
  return { kind, label: r.u32() };
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/**
 * A memory index: a u32 with multi-memory, a zero byte before it. Kept in
 * the AST only when it is not 0 (absent means memory 0).
 */
function readMemIndex(r: Reader): number | undefined {
  if (!r.has('multi-memory')) {
    r.expect(0x00, 'zero byte expected');
    return undefined;
  }
  const x = r.u32();
  return x === 0 ? undefined : x;
}

/** Bit 6 of a memarg's flags: a memory index follows (multi-memory). */
const MEMARG_HAS_INDEX = 0x40;

/**
 * A memarg: flags, [memory index], offset. 2.0: the flags are the alignment
 * exponent, and from 32 up malformed (they overflow the 32-bit alignment).
 * Multi-memory: flags below 2^7, the low 6 bits the alignment (the validator
 * bounds it), bit 6 a memory index. The offset is u64 with memory64 (on a
 * 32-bit memory too: the validator bounds it by the address type).
 */
function readMemarg(r: Reader, instr: Instr): void {
  const at = r.pos;
  const flags = r.u32();
  if (!r.has('multi-memory')) {
    if (flags >= 32) r.fail('malformed memop flags', at);
    instr.align = flags;
  } else {
    if (flags >= 0x80) r.fail('malformed memop flags', at);
    instr.align = flags & (MEMARG_HAS_INDEX - 1);
    if ((flags & MEMARG_HAS_INDEX) !== 0) {
      const x = r.u32();
      if (x !== 0) instr.index = x;
    }
  }
  instr.offset = r.has('memory64') ? r.u64() : r.u32();
}

function setIndex(instr: Instr, field: 'index' | 'index2', x: number | undefined): void {
  if (x !== undefined) instr[field] = x;
}

/** The immediates of the instruction `info` (`code`: its opcode, which for ref.test and ref.cast says the target's nullability). */
function readImmediates(r: Reader, info: OpInfo, code: number, use: ExprUse | undefined): Instr {
  const instr: Instr = { op: info.name };
  switch (info.imm) {
    case 'none':
      break;
    case 'label':
    case 'func':
    case 'local':
    case 'global':
    case 'table':
    case 'elem':
    case 'tag':
      instr.index = r.u32();
      break;
    case 'data':
      instr.index = r.u32();
      if (use) use.usesDataIndex = true;
      break;
    case 'br_table':
      instr.labels = r.vec((rr) => rr.u32());
      instr.index = r.u32();
      break;
    case 'call_indirect': // type index, then table index
    case 'table_init': // elem index, then table index
    case 'table_copy': // destination, then source
      instr.index = r.u32();
      instr.index2 = r.u32();
      break;
    case 'memory_init': // data index, then memory (index2, 0 included, like table.init's table)
      instr.index = r.u32();
      instr.index2 = readMemIndex(r) ?? 0;
      if (use) use.usesDataIndex = true;
      break;
    case 'memory':
      setIndex(instr, 'index', readMemIndex(r));
      break;
    case 'memory_copy': // destination, then source
      setIndex(instr, 'index', readMemIndex(r));
      setIndex(instr, 'index2', readMemIndex(r));
      break;
    case 'memarg':
      readMemarg(r, instr);
      break;
    case 'memarg_lane':
      readMemarg(r, instr);
      instr.lane = r.byte();
      break;
    case 'lane':
      instr.lane = r.byte();
      break;
    case 'shuffle':
    case 'v128':
      instr.bytes = r.take(16).slice();
      break;
    case 'i32':
      instr.i32 = r.s32();
      break;
    case 'i64':
      instr.i64 = r.s64();
      break;
    case 'f32':
      instr.f32 = r.word32();
      break;
    case 'f64':
      instr.f64 = r.word64();
      break;
    case 'reftype':
      instr.refType = readRefNullType(r);
      break;
    case 'type':
      instr.index = r.u32();
      break;
    case 'type_field':
    case 'type_type':
    case 'type_count':
    case 'type_elem':
      instr.index = r.u32();
      instr.index2 = r.u32();
      break;
    case 'type_data': // array.new_data, array.init_data: a data index, so the module needs a data count section
      instr.index = r.u32();
      instr.index2 = r.u32();
      if (use) use.usesDataIndex = true;
      break;
    case 'ref_cast':
      instr.refType = refType(code !== info.code, readHeapType(r));
      break;
    case 'br_on_cast':
      readBrOnCast(r, instr);
      break;
    case 'select_t':
      instr.types = r.vec(readValType);
      break;
    case 'block':
    case 'try_table':
      throw new Error('block instructions are decoded by readExpr');
  }
  return instr;
}

/** Bit 0: the operand type is nullable; bit 1: the target type is. Other bits are malformed. */
function readBrOnCast(r: Reader, instr: Instr): void {
  const at = r.pos;
  const flags = r.byte();
  if ((flags & ~3) !== 0) r.fail('malformed br_on_cast flags', at);
  instr.index = r.u32();
  instr.refType = refType((flags & 1) !== 0, readHeapType(r));
  instr.refType2 = refType((flags & 2) !== 0, readHeapType(r));
}
