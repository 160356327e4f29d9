// Encoding instructions and expressions (spec 5.4), driven by the opcode
// table. Nested bodies are walked with an explicit stack, like the decoder.
import type { Catch, Instr } from '../syntax/instructions.js';
import { opInfo, type OpInfo } from '../syntax/opcodes.js';
import { heapOf, isNullable } from '../syntax/types.js';
import { writeBlockType, writeHeapType, writeValType } from './types.js';
import type { Writer } from './writer.js';

const END = 0x0b;
const ELSE = 0x05;

function infoOf(instr: Instr): OpInfo {
  const info = opInfo(instr.op);
  if (info === undefined) throw new Error(`encode: unknown instruction ${instr.op}`);
  return info;
}

function required<T>(value: T | undefined, instr: Instr, field: string): T {
  if (value === undefined) throw new Error(`encode: ${instr.op} needs ${field}`);
  return value;
}

/** One list being written, and what to write when it is done. */
interface Pending {
  list: readonly Instr[];
  next: number;
  /** an if's else-branch still to write after this list (then-branch of an if) */
  elseBody?: readonly Instr[];
}

/** An expression: the instructions, then `end`. */
export function writeExpr(w: Writer, body: readonly Instr[]): void {
  const stack: Pending[] = [{ list: body, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.list.length) {
      stack.pop();
      if (top.elseBody !== undefined && top.elseBody.length > 0) {
        w.byte(ELSE);
        stack.push({ list: top.elseBody, next: 0 });
      } else {
        w.byte(END);
      }
      continue;
    }
    const instr = top.list[top.next++]!;
    const info = infoOf(instr);
    writeOpcode(w, info, instr);
    if (info.imm === 'block' || info.imm === 'try_table') {
      writeBlockType(w, required(instr.blockType, instr, 'a block type'));
      if (info.imm === 'try_table') w.vec(instr.catches ?? [], writeCatch);
      const body = instr.body ?? [];
      stack.push(info.name === 'if' ? { list: body, next: 0, elseBody: instr.elseBody ?? [] } : { list: body, next: 0 });
    } else {
      writeImmediates(w, info, instr);
    }
  }
}

/** The opcode; ref.test and ref.cast with a nullable target take the one after their row's. */
function writeOpcode(w: Writer, info: OpInfo, instr: Instr): void {
  if (info.prefix === 0) w.byte(info.code);
  else if (info.imm === 'ref_cast') w.byte(info.prefix).u32(info.code + (isNullable(required(instr.refType, instr, 'a target type')) ? 1 : 0));
  else w.byte(info.prefix).u32(info.code);
}

const CATCH_CODES = { catch: 0x00, catch_ref: 0x01, catch_all: 0x02, catch_all_ref: 0x03 } as const;

function writeCatch(w: Writer, c: Catch): void {
  w.byte(CATCH_CODES[c.kind]);
  if (c.kind === 'catch' || c.kind === 'catch_ref') w.u32(required(c.tag, { op: 'try_table' }, 'a tag in its catch clause'));
  w.u32(c.label);
}

/** Bit 6 of the flags says a memory index follows: written only for memories other than 0. */
function writeMemarg(w: Writer, instr: Instr, info: OpInfo): void {
  const align = instr.align ?? info.align ?? 0;
  if (!Number.isInteger(align) || align < 0 || align >= 0x40) throw new Error(`encode: ${instr.op} alignment exponent ${align} has no encoding`);
  const memory = instr.index ?? 0;
  if (memory === 0) w.u32(align);
  else w.u32(align | 0x40).u32(memory);
  w.u64(instr.offset ?? 0);
}

function writeImmediates(w: Writer, info: OpInfo, instr: Instr): void {
  switch (info.imm) {
    case 'none':
    case 'block':
    case 'try_table':
      break;
    case 'label':
    case 'func':
    case 'local':
    case 'global':
    case 'table':
    case 'elem':
    case 'data':
    case 'tag':
      w.u32(required(instr.index, instr, 'an index'));
      break;
    case 'br_table':
      w.vec(instr.labels ?? [], (ww, l) => ww.u32(l));
      w.u32(required(instr.index, instr, 'a default label'));
      break;
    case 'call_indirect':
    case 'table_init':
      w.u32(required(instr.index, instr, 'an index')).u32(instr.index2 ?? 0);
      break;
    case 'table_copy':
      w.u32(instr.index ?? 0).u32(instr.index2 ?? 0);
      break;
    // Memory indices: u32s, which for memory 0 are the zero bytes of 2.0.
    case 'memory_init':
      w.u32(required(instr.index, instr, 'a data index')).u32(instr.index2 ?? 0);
      break;
    case 'memory':
      w.u32(instr.index ?? 0);
      break;
    case 'memory_copy':
      w.u32(instr.index ?? 0).u32(instr.index2 ?? 0);
      break;
    case 'memarg':
      writeMemarg(w, instr, info);
      break;
    case 'memarg_lane':
      writeMemarg(w, instr, info);
      w.byte(required(instr.lane, instr, 'a lane'));
      break;
    case 'lane':
      w.byte(required(instr.lane, instr, 'a lane'));
      break;
    case 'shuffle':
    case 'v128': {
      const bytes = required(instr.bytes, instr, '16 bytes');
      if (bytes.length !== 16) throw new Error(`encode: ${instr.op} needs 16 bytes, has ${bytes.length}`);
      w.bytes(bytes);
      break;
    }
    case 'i32':
      w.s32(required(instr.i32, instr, 'an i32 value'));
      break;
    case 'i64':
      w.s64(required(instr.i64, instr, 'an i64 value'));
      break;
    case 'f32':
      w.word32(required(instr.f32, instr, 'f32 bits'));
      break;
    case 'f64':
      w.word64(required(instr.f64, instr, 'f64 bits'));
      break;
    case 'reftype':
    case 'ref_cast':
      writeHeapType(w, heapOf(required(instr.refType, instr, 'a reference type')));
      break;
    case 'type':
      w.u32(required(instr.index, instr, 'a type index'));
      break;
    case 'type_field':
    case 'type_type':
    case 'type_count':
    case 'type_data':
    case 'type_elem':
      w.u32(required(instr.index, instr, 'a type index')).u32(required(instr.index2, instr, 'a second index'));
      break;
    case 'br_on_cast': {
      const from = required(instr.refType, instr, 'an operand type');
      const to = required(instr.refType2, instr, 'a target type');
      w.byte((isNullable(from) ? 1 : 0) | (isNullable(to) ? 2 : 0)).u32(required(instr.index, instr, 'a label'));
      writeHeapType(w, heapOf(from));
      writeHeapType(w, heapOf(to));
      break;
    }
    case 'select_t':
      w.vec(instr.types ?? [], writeValType);
      break;
  }
}
