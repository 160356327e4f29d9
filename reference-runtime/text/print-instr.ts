// One instruction's text (spec 6.5): the mnemonic and its immediates, driven by
// the immediate kind in the opcode table. Structured instructions print their
// head here (`block (result i32)`); their bodies are laid out by the callers.
import type { Catch, Instr } from '../syntax/instructions.js';
import { opInfo } from '../syntax/opcodes.js';
import type { BlockType, SubType } from '../syntax/types.js';
import { heapOf } from '../syntax/types.js';
import { formatF32, formatF64 } from './print-float.js';
import { funcTypeOf, heapTypeText, refTypeText, typeList, valTypeText } from './print-types.js';
import { formatI32, formatI64, formatV128 } from './print-values.js';

/** How indices print: as `$names` where the module has them, else as numbers. */
export interface InstrContext {
  func(index: number): string;
  local(index: number): string;
  /** the module's types, to spell out a block type's params and results */
  types?: readonly SubType[];
}

export const NUMERIC_CONTEXT: InstrContext = { func: String, local: String };

export function blockTypeText(bt: BlockType, types?: readonly SubType[]): string {
  switch (bt.kind) {
    case 'empty':
      return '';
    case 'value':
      return `(result ${valTypeText(bt.type)})`;
    case 'type': {
      const ft = types === undefined ? undefined : funcTypeOf(types, bt.index);
      const spelled = ft === undefined ? [] : [typeList('param', ft.params), typeList('result', ft.results)];
      return [`(type ${bt.index})`, ...spelled].filter((s) => s !== '').join(' ');
    }
  }
}

/** Whether the instruction nests a body (block, loop, if, try_table): callers lay the body out. */
export function isStructured(i: Instr): boolean {
  return i.op === 'block' || i.op === 'loop' || i.op === 'if' || i.op === 'try_table';
}

/** The instruction's text without any nested body. */
export function instrHead(i: Instr, ctx: InstrContext = NUMERIC_CONTEXT): string {
  const info = opInfo(i.op);
  if (info === undefined) throw new Error(`cannot print unknown instruction "${i.op}"`);
  const imm = immediates(i, info.imm, info.align ?? 0, ctx);
  const name = i.op === 'select_t' ? 'select' : i.op;
  return imm === '' ? name : `${name} ${imm}`;
}

function immediates(i: Instr, kind: string, naturalAlign: number, ctx: InstrContext): string {
  switch (kind) {
    case 'none':
      return '';
    case 'memory':
      return memoryIndex(i.index);
    case 'memory_copy': {
      const dst = i.index ?? 0;
      const src = i.index2 ?? 0;
      return dst === 0 && src === 0 ? '' : `${dst} ${src}`;
    }
    case 'memory_init': {
      const memory = i.index2 ?? 0;
      return memory === 0 ? String(need(i.index, i)) : `${memory} ${need(i.index, i)}`;
    }
    case 'block':
      return blockTypeText(need(i.blockType, i), ctx.types);
    case 'try_table':
      return [blockTypeText(need(i.blockType, i), ctx.types), ...need(i.catches, i).map(catchText)].filter((s) => s !== '').join(' ');
    case 'label':
    case 'elem':
    case 'data':
    case 'table':
    case 'global':
    case 'tag':
      return String(need(i.index, i));
    case 'br_table':
      return [...need(i.labels, i), need(i.index, i)].join(' ');
    case 'func':
      return ctx.func(need(i.index, i));
    case 'local':
      return ctx.local(need(i.index, i));
    case 'call_indirect': {
      const table = i.index2 ?? 0;
      return `${table === 0 ? '' : `${table} `}(type ${need(i.index, i)})`;
    }
    case 'table_copy': {
      const dst = need(i.index, i);
      const src = need(i.index2, i);
      return dst === 0 && src === 0 ? '' : `${dst} ${src}`;
    }
    case 'table_init': {
      const table = i.index2 ?? 0;
      return table === 0 ? String(need(i.index, i)) : `${table} ${need(i.index, i)}`;
    }
    case 'memarg':
      return [memoryIndex(i.index), memarg(i, naturalAlign)].filter((s) => s !== '').join(' ');
    case 'memarg_lane':
      return [memoryIndex(i.index), memarg(i, naturalAlign), String(need(i.lane, i))].filter((s) => s !== '').join(' ');
    case 'lane':
      return String(need(i.lane, i));
    case 'shuffle':
      return [...need(i.bytes, i)].join(' ');
    case 'i32':
      return formatI32(need(i.i32, i));
    case 'i64':
      return formatI64(need(i.i64, i));
    case 'f32':
      return formatF32(need(i.f32, i));
    case 'f64':
      return formatF64(need(i.f64, i));
    case 'v128':
      return formatV128(need(i.bytes, i));
    case 'reftype':
      return heapTypeText(heapOf(need(i.refType, i)));
    case 'type':
      return String(need(i.index, i));
    case 'type_field':
    case 'type_type':
    case 'type_count':
    case 'type_data':
    case 'type_elem':
      return `${need(i.index, i)} ${need(i.index2, i)}`;
    case 'ref_cast':
      return refTypeText(need(i.refType, i));
    case 'br_on_cast':
      return `${need(i.index, i)} ${refTypeText(need(i.refType, i))} ${refTypeText(need(i.refType2, i))}`;
    case 'select_t': {
      // Even `(result)` with no type: without it the text would mean the untyped `select`.
      const types = need(i.types, i);
      return types.length === 0 ? '(result)' : typeList('result', types);
    }
    default:
      throw new Error(`cannot print immediate kind "${kind}" of ${i.op}`);
  }
}

/** A memory index immediate: printed only when it is not memory 0, so 2.0 modules print as 2.0 text. */
function memoryIndex(index: number | undefined): string {
  return index === undefined || index === 0 ? '' : String(index);
}

function catchText(c: Catch): string {
  return c.tag === undefined ? `(${c.kind} ${c.label})` : `(${c.kind} ${c.tag} ${c.label})`;
}

/**
 * A u64 quantity held as a number (limits, offsets): exact up to 2^53, and
 * above that the nearest double, written as its exact integer; 2^64 (the
 * double nearest 2^64-1) is written as 2^64-1, as the encoder writes it.
 */
export function formatU64(n: number): string {
  const v = BigInt(n);
  return (v > 0xffff_ffff_ffff_ffffn ? 0xffff_ffff_ffff_ffffn : v).toString();
}

/** `offset=N align=M`, each only when not the default; align in bytes, as text writes it. */
function memarg(i: Instr, naturalAlign: number): string {
  const parts: string[] = [];
  const offset = i.offset ?? 0;
  const align = i.align ?? naturalAlign;
  if (offset !== 0) parts.push(`offset=${formatU64(offset)}`);
  if (align !== naturalAlign) parts.push(`align=${alignBytes(align)}`);
  return parts.join(' ');
}

function alignBytes(exponent: number): string {
  return (2n ** BigInt(exponent)).toString();
}

function need<T>(value: T | undefined, i: Instr): T {
  if (value === undefined) throw new Error(`instruction ${i.op} lacks an immediate`);
  return value;
}
