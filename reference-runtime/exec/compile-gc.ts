// Lowering of the straight-line typed-reference and GC instructions (3.0)
// for compile.ts: everything a type index decides is resolved here, once, to
// immediates the loop uses as they are: the TypeId an allocation carries, a
// struct field's slot kind and entry offset, an array's element slot kind, a
// cast's target as a heap code (runtime/ref-type.ts). The control forms
// (br_on_*, call_ref) need the compiler's labels and stay in compile.ts.
import type { Instr } from '../syntax/instructions.js';
import { unhandledOp, type ContextOpName } from '../syntax/opcodes.js';
import { heapOf, isNullable, type RefType } from '../syntax/types.js';
import { closeType, type TypeId } from '../types/canonical.js';
import { arraySlot, structLayout } from '../runtime/aggregate.js';
import { heapCode } from '../runtime/ref-type.js';
import { Op } from './codes.js';

/** An instruction's code (an Op and its immediates; empty for an identity) and its stack effect. */
export interface Lowered {
  code: number[];
  pops: number;
  pushes: number;
}

const lowered = (code: number[], pops: number, pushes: number): Lowered => ({ code, pops, pushes });

/** A cast's target type (module-relative) as [heap code, nullable]. */
export function castTarget(t: RefType, typeIds: readonly TypeId[]): [number, number] {
  const closed = closeType(t, typeIds);
  return [heapCode(heapOf(closed)), isNullable(closed) ? 1 : 0];
}

/** The instructions lowered here: straight-line typed-reference and GC instructions. */
export type LoweredOp =
  | 'ref.as_non_null' | 'ref.eq' | 'ref.i31' | 'i31.get_s' | 'i31.get_u' | 'any.convert_extern' | 'extern.convert_any'
  | 'ref.test' | 'ref.cast' | Extract<ContextOpName, `struct.${string}` | `array.${string}`>;

/** The lowering of a typed-reference or GC instruction (`op` is `ins.op`). */
export function lowerGc(ins: Instr, op: LoweredOp, typeIds: readonly TypeId[]): Lowered {
  const id = () => typeIds[ins.index!]!;
  switch (op) {
    case 'ref.as_non_null':
      return lowered([Op.RefAsNonNull], 1, 1);
    case 'ref.eq':
      return lowered([Op.RefEq], 2, 1);
    case 'ref.i31':
      return lowered([Op.RefI31], 1, 1);
    case 'i31.get_s':
      return lowered([Op.I31GetS], 1, 1);
    case 'i31.get_u':
      return lowered([Op.I31GetU], 1, 1);
    // the same reference in the other hierarchy (runtime/i31.ts): nothing to do
    case 'any.convert_extern':
    case 'extern.convert_any':
      return lowered([], 1, 1);
    case 'ref.test':
      return lowered([Op.RefTest, ...castTarget(ins.refType!, typeIds)], 1, 1);
    case 'ref.cast':
      return lowered([Op.RefCast, ...castTarget(ins.refType!, typeIds)], 1, 1);
    case 'struct.new':
      return lowered([Op.StructNew, id()], structLayout(id()).slots.length, 1);
    case 'struct.new_default':
      return lowered([Op.StructNewDefault, id()], 0, 1);
    case 'struct.get':
    case 'struct.get_s':
    case 'struct.get_u': {
      const l = structLayout(id());
      const f = ins.index2!;
      return lowered([Op.StructGet, l.slots[f]!, l.offsets[f]!, ins.op === 'struct.get_s' ? 1 : 0], 1, 1);
    }
    case 'struct.set': {
      const l = structLayout(id());
      const f = ins.index2!;
      return lowered([Op.StructSet, l.slots[f]!, l.offsets[f]!], 2, 0);
    }
    case 'array.new':
      return lowered([Op.ArrayNew, id()], 2, 1);
    case 'array.new_default':
      return lowered([Op.ArrayNewDefault, id()], 1, 1);
    case 'array.new_fixed':
      return lowered([Op.ArrayNewFixed, id(), ins.index2!], ins.index2!, 1);
    case 'array.new_data':
      return lowered([Op.ArrayNewData, id(), ins.index2!], 2, 1);
    case 'array.new_elem':
      return lowered([Op.ArrayNewElem, id(), ins.index2!], 2, 1);
    case 'array.get':
    case 'array.get_s':
    case 'array.get_u':
      return lowered([Op.ArrayGet, arraySlot(id()), ins.op === 'array.get_s' ? 1 : 0], 2, 1);
    case 'array.set':
      return lowered([Op.ArraySet, arraySlot(id())], 3, 0);
    case 'array.len':
      return lowered([Op.ArrayLen], 1, 1);
    case 'array.fill':
      return lowered([Op.ArrayFill, arraySlot(id())], 4, 0);
    case 'array.copy':
      // the source's elements match the destination's: the same slot kind
      return lowered([Op.ArrayCopy, arraySlot(id())], 5, 0);
    case 'array.init_data':
      return lowered([Op.ArrayInitData, arraySlot(id()), ins.index2!], 4, 0);
    case 'array.init_elem':
      return lowered([Op.ArrayInitElem, ins.index2!], 4, 0);
    default:
      return unhandledOp(op);
  }
}
