// Operand coverage in counting mode (coverage.ts): for an instruction with a
// signature in the opcode table, compile.ts emits Op.CountOperands [entry]
// instead of Op.Count, and the loop calls countOperands, which counts the
// instruction and the class (operand-class.ts) of each operand on the stack.
// A load's or store's address is classified as an access: where address +
// offset and its width fall against the memory's length. An entry is a
// shape registered once per distinct (instruction, operand kinds, access).
import * as stack from './stack.js';
import { addressClass, f32Class, f64ClassWords, i32Class, i64ClassWords, MAX_CLASSES, MAX_OPERANDS, v128Class, type OperandKind } from './operand-class.js';
import { coverageOf } from './coverage.js';
import { EntryTable } from './entry-table.js';
import type { ModuleInstance } from '../runtime/instance.js';

/** An access's immediates as its address class needs them: the end of the address space (2^32 or 2^64) for `wide`. */
interface Access {
  offset: number;
  bytes: number;
  mem: number;
  wide: boolean;
}

interface Shape {
  counter: number;
  /** each operand's kind, first operand first */
  kinds: readonly OperandKind[];
  /** for a load or store: what its first operand, the address, is classified by */
  access?: Access;
}

const table = new EntryTable<Shape>();
const shapes = table.entries;

/** The entry for an instruction (its counter index) with these operand kinds, and for an access its immediates. */
export function operandEntry(counter: number, kinds: readonly OperandKind[], access?: Access): number {
  // an instruction's operand kinds follow from the instruction (its counter): only an access adds to the key
  const key = access === undefined ? `${counter}` : `${counter}/${access.offset}/${access.bytes}/${access.mem}/${access.wide}`;
  return table.index(key, () => ({ counter, kinds, ...(access ? { access } : {}) }));
}

/** The counter of operand `i`'s class `cls` of the instruction with counter index `counter`. */
export function operandCounter(counter: number, i: number, cls: number): number {
  return (counter * MAX_OPERANDS + i) * MAX_CLASSES + cls;
}

/** Counts the instruction of `entry` and the classes of its operands, the top `kinds.length` slots below `sp`. */
export function countOperands(inst: ModuleInstance, entry: number, sp: number): void {
  const s = shapes[entry]!;
  const coverage = coverageOf(inst)!;
  coverage.hits[(coverage.last = s.counter)]++;
  const classes = coverage.operandHits();
  const base = sp - s.kinds.length;
  for (let i = 0; i < s.kinds.length; i++) {
    const w = (base + i) << 2; // the slot's first 32-bit word
    classes[operandCounter(s.counter, i, classOf(s, s.kinds[i]!, w, inst))]!++;
  }
}

function classOf(s: Shape, kind: OperandKind, w: number, inst: ModuleInstance): number {
  const I32 = stack.I32;
  switch (kind) {
    case 'i32':
      return i32Class(I32[w]!);
    case 'i64':
      return i64ClassWords(I32[w]!, I32[w + 1]!);
    case 'f32':
      return f32Class(I32[w]!);
    case 'f64':
      return f64ClassWords(I32[w]!, I32[w + 1]!);
    case 'v128':
      return v128Class(I32[w]!, I32[w + 1]!, I32[w + 2]!, I32[w + 3]!);
    case 'address': {
      // a 64-bit memory's address as an exact-enough double: past 2^53 it is far beyond any memory anyway
      const a = s.access!;
      const address = a.wide ? (I32[w + 1]! >>> 0) * 2 ** 32 + (I32[w]! >>> 0) : I32[w]! >>> 0;
      return addressClass(address, a.offset, a.bytes, inst.mems[a.mem]!.bytes.length, a.wide ? 2 ** 64 : 2 ** 32);
    }
  }
}
