// Loads, stores and vector memory instructions on any memory with either
// address type (multi-memory, memory64): the general path beside the loop's
// fused cases, which serve memory 0 with i32 addresses only. Each distinct
// access (instruction, memory, address type, offset, lane) becomes an entry
// that the compiled code names by index (Op.MemAccess [entry]).
//
// The effective address is address + offset as a double. Exact below 2^53;
// a u64 address or offset beyond rounds (monotonically) to a number beyond
// every memory this runtime can allocate, so `a + size > length` traps exactly
// when the spec's unbounded sum does, including sums past 2^64.
import { Trap } from '../errors.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { MemoryInstance } from '../runtime/memory.js';
import { opInfo } from '../syntax/opcodes.js';
import { memEntries, vectorMemEntry } from './numeric-call.js';
import { I32, U8 } from './stack.js';
import { EntryTable } from './entry-table.js';

/** Performs the access at effective address `a`, the address operand in `slot`; returns the new sp. */
type Run = (m: MemoryInstance, a: number, slot: number) => number;

interface Access {
  mem: number;
  is64: boolean;
  offset: number;
  /** the address lies under a value operand (stores, lane loads and stores) */
  under: boolean;
  run: Run;
}

const table = new EntryTable<Access>();
const accesses = table.entries;

/** The trap of an access out of a memory's bounds (the loop's and tier 2's too). */
export function oob(): never {
  throw new Trap('out of bounds memory access');
}

/** Bytes of a full-width access of each value type. */
const WIDTH: Record<string, number> = { i32: 4, f32: 4, i64: 8, f64: 8, v128: 16 };

/** A scalar or v128 load: `size` bytes, sign- or zero-extended when narrower than its type. */
function load(size: number, packed: boolean, signed: boolean): Run {
  return (m, a, slot) => {
    if (a + size > m.bytes.length) oob();
    const dv = m.view;
    const w = slot << 2;
    if (packed) {
      const x = size === 1 ? (signed ? dv.getInt8(a) : dv.getUint8(a)) : size === 2 ? (signed ? dv.getInt16(a, true) : dv.getUint16(a, true)) : dv.getInt32(a, true);
      // the high word matters to an i64 result only; an i32 slot ignores it
      I32[w] = x;
      I32[w + 1] = signed ? x >> 31 : 0;
    } else for (let k = 0; k < size; k += 4) I32[w + (k >> 2)] = dv.getInt32(a + k, true);
    return slot + 1;
  };
}

/** A scalar or v128 store of the low `size` bytes of the value. */
function store(size: number): Run {
  return (m, a, slot) => {
    if (a + size > m.bytes.length) oob();
    const dv = m.view;
    const v = (slot + 1) << 2;
    if (size === 1) dv.setInt8(a, I32[v]!);
    else if (size === 2) dv.setInt16(a, I32[v]!, true);
    else for (let k = 0; k < size; k += 4) dv.setInt32(a + k, I32[v + (k >> 2)]!, true);
    return slot;
  };
}

/** The SIMD library's other loads and its lane loads and stores (they check bounds themselves). */
function vector(op: string, lane: number, under: boolean): Run {
  const fn = memEntries[vectorMemEntry(op)]!;
  if (!under) {
    return (m, a, slot) => {
      U8.set(fn(m.bytes, a, U8, 0) as Uint8Array, slot << 4);
      return slot + 1;
    };
  }
  const isLoad = op.startsWith('v128.load');
  return (m, a, slot) => {
    const r = fn(m.bytes, a, U8.slice((slot + 1) << 4, ((slot + 1) << 4) + 16), lane);
    if (!isLoad) return slot;
    U8.set(r as Uint8Array, slot << 4);
    return slot + 1;
  };
}

function runOf(op: string, lane: number, under: boolean): Run {
  const l = /^(i32|i64|f32|f64|v128)\.load(8|16|32)?(?:_([su]))?$/.exec(op);
  if (l !== null) {
    const size = l[2] === undefined ? WIDTH[l[1]!]! : Number(l[2]) / 8;
    return load(size, size < WIDTH[l[1]!]!, l[3] === 's');
  }
  const s = /^(i32|i64|f32|f64|v128)\.store(8|16|32)?$/.exec(op);
  if (s !== null) return store(s[2] === undefined ? WIDTH[s[1]!]! : Number(s[2]) / 8);
  return vector(op, lane, under);
}

/** The entry of one memory access instruction on memory `mem` (`is64`: its addresses are i64). */
export function accessEntry(op: string, mem: number, is64: boolean, offset: number, lane = 0): number {
  return table.index(`${op}/${mem}/${is64}/${offset}/${lane}`, () => {
    const under = opInfo(op)!.sig!.split('>')[0]!.length === 2;
    return { mem, is64, offset, under, run: runOf(op, lane, under) };
  });
}

/** Runs access `entry` on the operands on top of the stack (top at sp-1); returns the new sp. */
export function memAccess(inst: ModuleInstance, entry: number, sp: number): number {
  const x = accesses[entry]!;
  const slot = x.under ? sp - 2 : sp - 1;
  const w = slot << 2;
  const base = x.is64 ? (I32[w + 1]! >>> 0) * 4294967296 + (I32[w]! >>> 0) : I32[w]! >>> 0;
  return x.run(inst.mems[x.mem]!, base + x.offset, slot);
}
