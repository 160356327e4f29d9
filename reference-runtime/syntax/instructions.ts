// Instructions (spec section 2.4). One interface for every instruction: `op` is
// the text mnemonic (a member of the table's typed enumeration `OpName`), and the immediates that are set are the ones its entry in
// the opcode table (`opcodes.ts`, field `imm`) names. Structured instructions
// nest: block/loop/if carry their bodies, so `end` and `else` never appear.
import type { OpName } from './op-names.generated.js';
import type { BlockType, RefType, ValType } from './types.js';

export interface Instr {
  op: OpName;
  /**
   * label depth (br, br_if; br_table default), or a func/local/global/table/
   * type/elem/data/tag index (the type index of call_ref, return_call_ref and
   * every struct.* and array.* instruction; array.copy's destination type;
   * the label of br_on_null, br_on_non_null, br_on_cast and br_on_cast_fail);
   * for memory instructions (loads, stores, lane
   * loads and stores, memory.size/grow/fill) the memory index, absent for 0;
   * memory.copy's destination memory.
   */
  index?: number;
  /**
   * second index: call_indirect and return_call_indirect table, table.copy
   * and memory.copy source, table.init table, memory.init memory (absent for 0);
   * struct.get/get_s/get_u/set field index; array.new_fixed element count;
   * array.copy source type; array.new_data/init_data data index;
   * array.new_elem/init_elem elem index.
   */
  index2?: number;
  /** br_table targets, without the default (which is `index`). */
  labels?: number[];
  /** block, loop, if, try_table */
  blockType?: BlockType;
  /** block, loop and try_table body, if's then-branch */
  body?: Instr[];
  /** try_table's catch clauses, in order */
  catches?: Catch[];
  /** if's else-branch (empty when absent) */
  elseBody?: Instr[];
  /** memarg: alignment exponent (log2 of bytes) and offset (u32, or u64 on a 64-bit memory; exact up to 2^53) */
  align?: number;
  offset?: number;
  /** lane index for extract/replace_lane and load/store_lane */
  lane?: number;
  /** i32.const value as a signed 32-bit integer */
  i32?: number;
  /** i64.const value as a signed 64-bit BigInt */
  i64?: bigint;
  /** f32.const as its IEEE-754 bits (unsigned 32-bit) */
  f32?: number;
  /** f64.const as its IEEE-754 bits (unsigned 64-bit BigInt) */
  f64?: bigint;
  /** v128.const bytes (16, little-endian) or i8x16.shuffle lane indices (16) */
  bytes?: Uint8Array;
  /**
   * ref.null: the (nullable) type of the null it pushes; ref.test and
   * ref.cast: the target type; br_on_cast and br_on_cast_fail: the operand's
   * type (the target is `refType2`).
   */
  refType?: RefType;
  /** br_on_cast and br_on_cast_fail: the target type */
  refType2?: RefType;
  /** select with a type annotation (`select (result t)`, opcode 0x1C) */
  types?: ValType[];
}

/** A try_table catch clause: the tag it catches (absent for catch_all forms) and the label it branches to. */
export interface Catch {
  kind: 'catch' | 'catch_ref' | 'catch_all' | 'catch_all_ref';
  tag?: number;
  label: number;
}

/** Convenience constructor for tests and generators. */
export function instr(op: OpName, imm: Omit<Instr, 'op'> = {}): Instr {
  return { op, ...imm };
}
