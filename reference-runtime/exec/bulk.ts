// Table, bulk-memory and memory-size instructions (spec 4.4.6, 4.4.7): rare
// enough to live outside the loop. Each takes its operands off the value stack
// (top at sp-1), checks every bound before writing anything, and returns the
// new sp. Operand order is the spec's: the first pushed is the first named.
import { Trap } from '../errors.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { I32, REFS } from './stack.js';

const u32 = (slot: number) => I32[slot << 2]! >>> 0;

function memoryTrap(): never {
  throw new Trap('out of bounds memory access');
}

function tableTrap(): never {
  throw new Trap('out of bounds table access');
}

export function memoryFill(inst: ModuleInstance, sp: number): number {
  const bytes = inst.mems[0]!.bytes;
  const d = u32(sp - 3);
  const val = I32[(sp - 2) << 2]! & 0xff;
  const n = u32(sp - 1);
  if (d + n > bytes.length) memoryTrap();
  bytes.fill(val, d, d + n);
  return sp - 3;
}

export function memoryCopy(inst: ModuleInstance, sp: number): number {
  const bytes = inst.mems[0]!.bytes;
  const d = u32(sp - 3);
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > bytes.length || d + n > bytes.length) memoryTrap();
  bytes.copyWithin(d, s, s + n);
  return sp - 3;
}

export function memoryInit(inst: ModuleInstance, dataIndex: number, sp: number): number {
  const bytes = inst.mems[0]!.bytes;
  const data = inst.datas[dataIndex]!;
  const d = u32(sp - 3);
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > data.length || d + n > bytes.length) memoryTrap();
  bytes.set(data.subarray(s, s + n), d);
  return sp - 3;
}

export function tableGet(inst: ModuleInstance, t: number, sp: number): number {
  const elems = inst.tables[t]!.elements;
  const i = u32(sp - 1);
  if (i >= elems.length) tableTrap();
  REFS[sp - 1] = elems[i];
  return sp;
}

export function tableSet(inst: ModuleInstance, t: number, sp: number): number {
  const elems = inst.tables[t]!.elements;
  const i = u32(sp - 2);
  if (i >= elems.length) tableTrap();
  elems[i] = REFS[sp - 1];
  return sp - 2;
}

export function tableGrow(inst: ModuleInstance, t: number, sp: number): number {
  const init = REFS[sp - 2];
  const n = u32(sp - 1);
  I32[(sp - 2) << 2] = inst.tables[t]!.grow(n, init);
  return sp - 1;
}

export function tableFill(inst: ModuleInstance, t: number, sp: number): number {
  const elems = inst.tables[t]!.elements;
  const i = u32(sp - 3);
  const val = REFS[sp - 2];
  const n = u32(sp - 1);
  if (i + n > elems.length) tableTrap();
  elems.fill(val, i, i + n);
  return sp - 3;
}

export function tableCopy(inst: ModuleInstance, dst: number, src: number, sp: number): number {
  const de = inst.tables[dst]!.elements;
  const se = inst.tables[src]!.elements;
  const d = u32(sp - 3);
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > se.length || d + n > de.length) tableTrap();
  if (de === se) de.copyWithin(d, s, s + n);
  else for (let k = 0; k < n; k++) de[d + k] = se[s + k];
  return sp - 3;
}

export function tableInit(inst: ModuleInstance, elem: number, t: number, sp: number): number {
  const de = inst.tables[t]!.elements;
  const se = inst.elems[elem]!;
  const d = u32(sp - 3);
  const s = u32(sp - 2);
  const n = u32(sp - 1);
  if (s + n > se.length || d + n > de.length) tableTrap();
  for (let k = 0; k < n; k++) de[d + k] = se[s + k];
  return sp - 3;
}
