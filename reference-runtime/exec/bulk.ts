// Table, bulk-memory and memory-grow instructions (spec 4.4.6, 4.4.7): rare
// enough to live outside the loop. Each takes its operands off the value stack
// (top at sp-1), checks every bound before writing anything, and returns the
// new sp. Operand order is the spec's: the first pushed is the first named.
// A 64-bit table or memory (table64, memory64) takes i64 addresses and
// lengths; a copy between an i32 and an i64 one takes an i32 length.
import { Trap } from '../errors.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { TABLE_ELEMS_LIMIT } from '../runtime/limits.js';
import type { MemoryInstance } from '../runtime/memory.js';
import type { TableInstance } from '../runtime/table.js';
import { I32, I64, REFS } from './stack.js';

const u32 = (slot: number) => I32[slot << 2]! >>> 0;

/**
 * An address or length operand: a u32, or a u64 as the nearest double. Above
 * 2^53 that rounds, but monotonically and to a number beyond every size here,
 * so each `x + n > length` check (length < 2^53) is decided exactly.
 */
function addr(slot: number, is64: boolean): number {
  const w = slot << 2;
  return is64 ? (I32[w + 1]! >>> 0) * 4294967296 + (I32[w]! >>> 0) : I32[w]! >>> 0;
}

/** Writes a size result: as i64 (both words; -1 stays -1) or i32 (an i32 slot ignores the high word). */
function setSize(slot: number, v: number): void {
  const w = slot << 2;
  I32[w] = v;
  I32[w + 1] = Math.floor(v / 4294967296);
}

/** A grow delta: a u32, or an exact u64. */
function delta(slot: number, is64: boolean): number | bigint {
  return is64 ? BigInt.asUintN(64, I64[slot << 1]!) : u32(slot);
}

const is64 = (x: MemoryInstance | TableInstance) => x.type.addr === 'i64';

function memoryTrap(): never {
  throw new Trap('out of bounds memory access');
}

function tableTrap(): never {
  throw new Trap('out of bounds table access');
}

/** The operands of a fill, copy or init, taken by `fillRange` and `copyRange`. */
const range = { d: 0, s: 0, n: 0 };

/**
 * A fill's destination and length (the value between them stays on the
 * stack), checked against the destination's length before anything is written.
 */
function fillRange(sp: number, dstLength: number, dst64: boolean, trap: () => never): void {
  range.d = addr(sp - 3, dst64);
  range.n = addr(sp - 1, dst64);
  if (range.d + range.n > dstLength) trap();
}

/**
 * A copy's or an init's destination, source and length, checked against both
 * lengths before anything is written. A segment (init) is a 32-bit source, so
 * its offset and length are u32s.
 */
function copyRange(sp: number, dstLength: number, dst64: boolean, srcLength: number, src64: boolean, trap: () => never): void {
  range.d = addr(sp - 3, dst64);
  range.s = addr(sp - 2, src64);
  range.n = addr(sp - 1, dst64 && src64);
  if (range.s + range.n > srcLength || range.d + range.n > dstLength) trap();
}

export function memorySize(inst: ModuleInstance, m: number, sp: number): number {
  setSize(sp, inst.mems[m]!.pages);
  return sp + 1;
}

export function memoryGrow(inst: ModuleInstance, m: number, sp: number): number {
  const mem = inst.mems[m]!;
  setSize(sp - 1, mem.grow(delta(sp - 1, is64(mem))));
  return sp;
}

export function memoryFill(inst: ModuleInstance, m: number, sp: number): number {
  const mem = inst.mems[m]!;
  fillRange(sp, mem.bytes.length, is64(mem), memoryTrap);
  mem.bytes.fill(I32[(sp - 2) << 2]! & 0xff, range.d, range.d + range.n);
  return sp - 3;
}

export function memoryCopy(inst: ModuleInstance, dst: number, src: number, sp: number): number {
  const dm = inst.mems[dst]!;
  const sm = inst.mems[src]!;
  copyRange(sp, dm.bytes.length, is64(dm), sm.bytes.length, is64(sm), memoryTrap);
  const { d, s, n } = range;
  // two memory indices may name one memory (imported twice): copyWithin handles the overlap
  if (dm.bytes === sm.bytes) dm.bytes.copyWithin(d, s, s + n);
  else dm.bytes.set(sm.bytes.subarray(s, s + n), d);
  return sp - 3;
}

export function memoryInit(inst: ModuleInstance, dataIndex: number, m: number, sp: number): number {
  const mem = inst.mems[m]!;
  const data = inst.datas[dataIndex]!;
  copyRange(sp, mem.bytes.length, is64(mem), data.length, false, memoryTrap);
  const { d, s, n } = range;
  mem.bytes.set(data.subarray(s, s + n), d);
  return sp - 3;
}

export function tableGet(inst: ModuleInstance, t: number, sp: number): number {
  const table = inst.tables[t]!;
  const i = addr(sp - 1, is64(table));
  if (i >= table.elements.length) tableTrap();
  REFS[sp - 1] = table.elements[i];
  return sp;
}

export function tableSet(inst: ModuleInstance, t: number, sp: number): number {
  const table = inst.tables[t]!;
  const i = addr(sp - 2, is64(table));
  if (i >= table.elements.length) tableTrap();
  table.elements[i] = REFS[sp - 1];
  return sp - 2;
}

export function tableSize(inst: ModuleInstance, t: number, sp: number): number {
  setSize(sp, inst.tables[t]!.elements.length);
  return sp + 1;
}

export function tableGrow(inst: ModuleInstance, t: number, sp: number): number {
  const table = inst.tables[t]!;
  const init = REFS[sp - 2];
  setSize(sp - 2, table.grow(delta(sp - 1, is64(table)), init));
  return sp - 1;
}

export function tableFill(inst: ModuleInstance, t: number, sp: number): number {
  const table = inst.tables[t]!;
  fillRange(sp, table.elements.length, is64(table), tableTrap);
  table.elements.fill(REFS[sp - 2], range.d, range.d + range.n);
  return sp - 3;
}

export function tableCopy(inst: ModuleInstance, dst: number, src: number, sp: number): number {
  const dt = inst.tables[dst]!;
  const st = inst.tables[src]!;
  const de = dt.elements;
  const se = st.elements;
  copyRange(sp, de.length, is64(dt), se.length, is64(st), tableTrap);
  if (de === se) de.copyWithin(range.d, range.s, range.s + range.n);
  else copyElements(de, se);
  return sp - 3;
}

export function tableInit(inst: ModuleInstance, elem: number, t: number, sp: number): number {
  const table = inst.tables[t]!;
  const se = inst.elems[elem]!;
  copyRange(sp, table.elements.length, is64(table), se.length, false, tableTrap);
  copyElements(table.elements, se);
  return sp - 3;
}

/** Copies `range.n` references from `se[range.s]` to `de[range.d]` (two different arrays). */
function copyElements(de: unknown[], se: readonly unknown[]): void {
  const { d, s, n } = range;
  for (let k = 0; k < n; k++) de[d + k] = se[s + k];
}

// Index64 saturates an index >= 2^32 to 2^32-1: out of bounds only while no table can be that long.
if (TABLE_ELEMS_LIMIT >= 0xffff_ffff) throw new Error('Index64 needs TABLE_ELEMS_LIMIT < 2^32-1');

/** call_indirect (and return_call_indirect) on a 64-bit table: its i64 index on top becomes the u32 the call reads. */
export function index64(sp: number): void {
  const w = (sp - 1) << 2;
  if (I32[w + 1] !== 0) I32[w] = -1;
}
