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
  const bytes = mem.bytes;
  const d = addr(sp - 3, is64(mem));
  const val = I32[(sp - 2) << 2]! & 0xff;
  const n = addr(sp - 1, is64(mem));
  if (d + n > bytes.length) memoryTrap();
  bytes.fill(val, d, d + n);
  return sp - 3;
}

export function memoryCopy(inst: ModuleInstance, dst: number, src: number, sp: number): number {
  const dm = inst.mems[dst]!;
  const sm = inst.mems[src]!;
  const d = addr(sp - 3, is64(dm));
  const s = addr(sp - 2, is64(sm));
  const n = addr(sp - 1, is64(dm) && is64(sm));
  if (s + n > sm.bytes.length || d + n > dm.bytes.length) memoryTrap();
  // two memory indices may name one memory (imported twice): copyWithin handles the overlap
  if (dm.bytes === sm.bytes) dm.bytes.copyWithin(d, s, s + n);
  else dm.bytes.set(sm.bytes.subarray(s, s + n), d);
  return sp - 3;
}

export function memoryInit(inst: ModuleInstance, dataIndex: number, m: number, sp: number): number {
  const mem = inst.mems[m]!;
  const bytes = mem.bytes;
  const data = inst.datas[dataIndex]!;
  const d = addr(sp - 3, is64(mem));
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > data.length || d + n > bytes.length) memoryTrap();
  bytes.set(data.subarray(s, s + n), d);
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
  const elems = table.elements;
  const i = addr(sp - 3, is64(table));
  const val = REFS[sp - 2];
  const n = addr(sp - 1, is64(table));
  if (i + n > elems.length) tableTrap();
  elems.fill(val, i, i + n);
  return sp - 3;
}

export function tableCopy(inst: ModuleInstance, dst: number, src: number, sp: number): number {
  const dt = inst.tables[dst]!;
  const st = inst.tables[src]!;
  const de = dt.elements;
  const se = st.elements;
  const d = addr(sp - 3, is64(dt));
  const s = addr(sp - 2, is64(st));
  const n = addr(sp - 1, is64(dt) && is64(st));
  if (s + n > se.length || d + n > de.length) tableTrap();
  if (de === se) de.copyWithin(d, s, s + n);
  else for (let k = 0; k < n; k++) de[d + k] = se[s + k];
  return sp - 3;
}

export function tableInit(inst: ModuleInstance, elem: number, t: number, sp: number): number {
  const table = inst.tables[t]!;
  const de = table.elements;
  const se = inst.elems[elem]!;
  const d = addr(sp - 3, is64(table));
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > se.length || d + n > de.length) tableTrap();
  for (let k = 0; k < n; k++) de[d + k] = se[s + k];
  return sp - 3;
}

// Index64 saturates an index >= 2^32 to 2^32-1: out of bounds only while no table can be that long.
if (TABLE_ELEMS_LIMIT >= 0xffff_ffff) throw new Error('Index64 needs TABLE_ELEMS_LIMIT < 2^32-1');

/** call_indirect (and return_call_indirect) on a 64-bit table: its i64 index on top becomes the u32 the call reads. */
export function index64(sp: number): void {
  const w = (sp - 1) << 2;
  if (I32[w + 1] !== 0) I32[w] = -1;
}
