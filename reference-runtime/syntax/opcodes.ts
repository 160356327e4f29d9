// The one table of WebAssembly instructions (2.0, and the 3.0 features that
// carry a `feature`): mnemonic, binary opcode,
// immediate kind, and (for instructions whose typing does not depend on
// context) the stack signature. Decoder, encoder, text parser, printer,
// validator, interpreter and generators all read this table, so an opcode is
// written down exactly once.

/** What follows the opcode, in binary and in text. */
export type ImmKind =
  | 'none'
  | 'block' // block, loop, if: a block type, then nested bodies
  | 'try_table' // a block type, a vector of catch clauses, then a nested body
  | 'tag' // throw: a tag index
  | 'label' // br, br_if
  | 'br_table'
  | 'func' // call, ref.func
  | 'call_indirect' // type index, table index
  | 'local'
  | 'global'
  | 'table' // table.get/set/size/grow/fill
  | 'table_copy' // destination table, source table
  | 'table_init' // elem index, table index
  | 'elem' // elem.drop
  | 'data' // data.drop
  | 'memory_init' // data index, memory index (2.0: a zero byte)
  | 'memory' // memory.size, memory.grow, memory.fill: memory index (2.0: a zero byte)
  | 'memory_copy' // destination memory, source memory (2.0: two zero bytes)
  | 'memarg' // loads and stores: align (bit 6 set: a memory index follows), [memory], offset
  | 'memarg_lane' // v128.loadN_lane / storeN_lane
  | 'lane' // extract_lane / replace_lane
  | 'shuffle' // i8x16.shuffle: 16 lane indices
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'v128'
  | 'reftype' // ref.null: a heap type
  | 'select_t' // select with a type vector
  | 'type' // call_ref, return_call_ref, struct.new*, array.new/new_default/get*/set/fill: a type index
  | 'type_field' // struct.get*/set: type index, field index
  | 'type_type' // array.copy: destination type, source type
  | 'type_count' // array.new_fixed: type index, element count (u32)
  | 'type_data' // array.new_data, array.init_data: type index, data index
  | 'type_elem' // array.new_elem, array.init_elem: type index, elem index
  | 'ref_cast' // ref.test, ref.cast: a heap type; the opcode + 1 is the nullable form
  | 'br_on_cast'; // br_on_cast, br_on_cast_fail: flags byte (bit 0: source nullable, bit 1: target nullable), label, two heap types

export interface OpInfo {
  name: OpName;
  /** 0 for single-byte opcodes, otherwise 0xFB, 0xFC or 0xFD */
  prefix: number;
  code: number;
  imm: ImmKind;
  /**
   * Stack signature in a compact form, `operands>results` with one letter a
   * type: i=i32 l=i64 f=f32 d=f64 v=v128. Absent for instructions whose typing
   * needs context (control, variables, calls, references, tables, select, drop).
   */
  sig?: string;
  /** natural alignment exponent, for memarg instructions */
  align?: number;
  /** lane count for lane immediates (bounds for `lane`) */
  lanes?: number;
  /** the 3.0 feature that introduced the instruction (absent: 2.0) */
  feature?: Feature;
}

import type { Feature } from './features.js';
import type { ContextOpName, OpName } from './op-names.generated.js';

export type { ContextOpName, OpName };

const table: OpInfo[] = [];

function op(name: OpName, prefix: number, code: number, imm: ImmKind, sig?: string, extra: Partial<OpInfo> = {}): void {
  table.push({ name, prefix, code, imm, ...(sig === undefined ? {} : { sig }), ...extra });
}

/** Several plain instructions with consecutive opcodes and the same signature. */
function run(prefix: number, first: number, sig: string, names: readonly OpName[]): void {
  names.forEach((name, i) => op(name, prefix, first + i, 'none', sig));
}

function mem(name: OpName, prefix: number, code: number, align: number, sig: string): void {
  op(name, prefix, code, 'memarg', sig, { align });
}

// Control (5.4.1)
op('unreachable', 0, 0x00, 'none');
op('nop', 0, 0x01, 'none', '>');
op('block', 0, 0x02, 'block');
op('loop', 0, 0x03, 'block');
op('if', 0, 0x04, 'block');
op('br', 0, 0x0c, 'label');
op('br_if', 0, 0x0d, 'label');
op('br_table', 0, 0x0e, 'br_table');
op('return', 0, 0x0f, 'none');
op('call', 0, 0x10, 'func');
op('call_indirect', 0, 0x11, 'call_indirect');
op('return_call', 0, 0x12, 'func', undefined, { feature: 'tail-call' });
op('return_call_indirect', 0, 0x13, 'call_indirect', undefined, { feature: 'tail-call' });

// Exception handling (3.0): try_table's catch clauses are immediates
op('throw', 0, 0x08, 'tag', undefined, { feature: 'exceptions' });
op('throw_ref', 0, 0x0a, 'none', undefined, { feature: 'exceptions' });
op('try_table', 0, 0x1f, 'try_table', undefined, { feature: 'exceptions' });

// Reference (5.4.2)
op('ref.null', 0, 0xd0, 'reftype');
op('ref.is_null', 0, 0xd1, 'none');
op('ref.func', 0, 0xd2, 'func');

// Typed function references (3.0)
op('call_ref', 0, 0x14, 'type', undefined, { feature: 'function-references' });
op('return_call_ref', 0, 0x15, 'type', undefined, { feature: 'function-references' });
op('ref.as_non_null', 0, 0xd4, 'none', undefined, { feature: 'function-references' });
op('br_on_null', 0, 0xd5, 'label', undefined, { feature: 'function-references' });
op('br_on_non_null', 0, 0xd6, 'label', undefined, { feature: 'function-references' });

// Garbage collection (3.0, prefix 0xFB)
const GC = 0xfb;
const gc = (name: OpName, code: number, imm: ImmKind, sig?: string): void => op(name, GC, code, imm, sig, { feature: 'gc' });
op('ref.eq', 0, 0xd3, 'none', undefined, { feature: 'gc' });
gc('struct.new', 0, 'type');
gc('struct.new_default', 1, 'type');
gc('struct.get', 2, 'type_field');
gc('struct.get_s', 3, 'type_field');
gc('struct.get_u', 4, 'type_field');
gc('struct.set', 5, 'type_field');
gc('array.new', 6, 'type');
gc('array.new_default', 7, 'type');
gc('array.new_fixed', 8, 'type_count');
gc('array.new_data', 9, 'type_data');
gc('array.new_elem', 10, 'type_elem');
gc('array.get', 11, 'type');
gc('array.get_s', 12, 'type');
gc('array.get_u', 13, 'type');
gc('array.set', 14, 'type');
gc('array.len', 15, 'none');
gc('array.fill', 16, 'type');
gc('array.copy', 17, 'type_type');
gc('array.init_data', 18, 'type_data');
gc('array.init_elem', 19, 'type_elem');
gc('ref.test', 20, 'ref_cast'); // 21: ref.test with a nullable target
gc('ref.cast', 22, 'ref_cast'); // 23: ref.cast with a nullable target
gc('br_on_cast', 24, 'br_on_cast');
gc('br_on_cast_fail', 25, 'br_on_cast');
gc('any.convert_extern', 26, 'none');
gc('extern.convert_any', 27, 'none');
gc('ref.i31', 28, 'none');
gc('i31.get_s', 29, 'none');
gc('i31.get_u', 30, 'none');

// Parametric (5.4.3)
op('drop', 0, 0x1a, 'none');
op('select', 0, 0x1b, 'none');
op('select_t', 0, 0x1c, 'select_t'); // printed and parsed as `select (result t)`

// Variable (5.4.4)
op('local.get', 0, 0x20, 'local');
op('local.set', 0, 0x21, 'local');
op('local.tee', 0, 0x22, 'local');
op('global.get', 0, 0x23, 'global');
op('global.set', 0, 0x24, 'global');

// Table (5.4.5)
op('table.get', 0, 0x25, 'table');
op('table.set', 0, 0x26, 'table');
op('table.init', 0xfc, 12, 'table_init');
op('elem.drop', 0xfc, 13, 'elem');
op('table.copy', 0xfc, 14, 'table_copy');
op('table.grow', 0xfc, 15, 'table');
op('table.size', 0xfc, 16, 'table');
op('table.fill', 0xfc, 17, 'table');

// Memory (5.4.6)
mem('i32.load', 0, 0x28, 2, 'i>i');
mem('i64.load', 0, 0x29, 3, 'i>l');
mem('f32.load', 0, 0x2a, 2, 'i>f');
mem('f64.load', 0, 0x2b, 3, 'i>d');
mem('i32.load8_s', 0, 0x2c, 0, 'i>i');
mem('i32.load8_u', 0, 0x2d, 0, 'i>i');
mem('i32.load16_s', 0, 0x2e, 1, 'i>i');
mem('i32.load16_u', 0, 0x2f, 1, 'i>i');
mem('i64.load8_s', 0, 0x30, 0, 'i>l');
mem('i64.load8_u', 0, 0x31, 0, 'i>l');
mem('i64.load16_s', 0, 0x32, 1, 'i>l');
mem('i64.load16_u', 0, 0x33, 1, 'i>l');
mem('i64.load32_s', 0, 0x34, 2, 'i>l');
mem('i64.load32_u', 0, 0x35, 2, 'i>l');
mem('i32.store', 0, 0x36, 2, 'ii>');
mem('i64.store', 0, 0x37, 3, 'il>');
mem('f32.store', 0, 0x38, 2, 'if>');
mem('f64.store', 0, 0x39, 3, 'id>');
mem('i32.store8', 0, 0x3a, 0, 'ii>');
mem('i32.store16', 0, 0x3b, 1, 'ii>');
mem('i64.store8', 0, 0x3c, 0, 'il>');
mem('i64.store16', 0, 0x3d, 1, 'il>');
mem('i64.store32', 0, 0x3e, 2, 'il>');
op('memory.size', 0, 0x3f, 'memory', '>i');
op('memory.grow', 0, 0x40, 'memory', 'i>i');
op('memory.init', 0xfc, 8, 'memory_init', 'iii>');
op('data.drop', 0xfc, 9, 'data', '>');
op('memory.copy', 0xfc, 10, 'memory_copy', 'iii>');
op('memory.fill', 0xfc, 11, 'memory', 'iii>');

// Numeric (5.4.7)
op('i32.const', 0, 0x41, 'i32', '>i');
op('i64.const', 0, 0x42, 'i64', '>l');
op('f32.const', 0, 0x43, 'f32', '>f');
op('f64.const', 0, 0x44, 'f64', '>d');

op('i32.eqz', 0, 0x45, 'none', 'i>i');
run(0, 0x46, 'ii>i', ['i32.eq', 'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u']);
op('i64.eqz', 0, 0x50, 'none', 'l>i');
run(0, 0x51, 'll>i', ['i64.eq', 'i64.ne', 'i64.lt_s', 'i64.lt_u', 'i64.gt_s', 'i64.gt_u', 'i64.le_s', 'i64.le_u', 'i64.ge_s', 'i64.ge_u']);
run(0, 0x5b, 'ff>i', ['f32.eq', 'f32.ne', 'f32.lt', 'f32.gt', 'f32.le', 'f32.ge']);
run(0, 0x61, 'dd>i', ['f64.eq', 'f64.ne', 'f64.lt', 'f64.gt', 'f64.le', 'f64.ge']);

run(0, 0x67, 'i>i', ['i32.clz', 'i32.ctz', 'i32.popcnt']);
run(0, 0x6a, 'ii>i', [
  'i32.add', 'i32.sub', 'i32.mul', 'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u',
  'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.rotl', 'i32.rotr',
]);
run(0, 0x79, 'l>l', ['i64.clz', 'i64.ctz', 'i64.popcnt']);
run(0, 0x7c, 'll>l', [
  'i64.add', 'i64.sub', 'i64.mul', 'i64.div_s', 'i64.div_u', 'i64.rem_s', 'i64.rem_u',
  'i64.and', 'i64.or', 'i64.xor', 'i64.shl', 'i64.shr_s', 'i64.shr_u', 'i64.rotl', 'i64.rotr',
]);
run(0, 0x8b, 'f>f', ['f32.abs', 'f32.neg', 'f32.ceil', 'f32.floor', 'f32.trunc', 'f32.nearest', 'f32.sqrt']);
run(0, 0x92, 'ff>f', ['f32.add', 'f32.sub', 'f32.mul', 'f32.div', 'f32.min', 'f32.max', 'f32.copysign']);
run(0, 0x99, 'd>d', ['f64.abs', 'f64.neg', 'f64.ceil', 'f64.floor', 'f64.trunc', 'f64.nearest', 'f64.sqrt']);
run(0, 0xa0, 'dd>d', ['f64.add', 'f64.sub', 'f64.mul', 'f64.div', 'f64.min', 'f64.max', 'f64.copysign']);

op('i32.wrap_i64', 0, 0xa7, 'none', 'l>i');
op('i32.trunc_f32_s', 0, 0xa8, 'none', 'f>i');
op('i32.trunc_f32_u', 0, 0xa9, 'none', 'f>i');
op('i32.trunc_f64_s', 0, 0xaa, 'none', 'd>i');
op('i32.trunc_f64_u', 0, 0xab, 'none', 'd>i');
op('i64.extend_i32_s', 0, 0xac, 'none', 'i>l');
op('i64.extend_i32_u', 0, 0xad, 'none', 'i>l');
op('i64.trunc_f32_s', 0, 0xae, 'none', 'f>l');
op('i64.trunc_f32_u', 0, 0xaf, 'none', 'f>l');
op('i64.trunc_f64_s', 0, 0xb0, 'none', 'd>l');
op('i64.trunc_f64_u', 0, 0xb1, 'none', 'd>l');
op('f32.convert_i32_s', 0, 0xb2, 'none', 'i>f');
op('f32.convert_i32_u', 0, 0xb3, 'none', 'i>f');
op('f32.convert_i64_s', 0, 0xb4, 'none', 'l>f');
op('f32.convert_i64_u', 0, 0xb5, 'none', 'l>f');
op('f32.demote_f64', 0, 0xb6, 'none', 'd>f');
op('f64.convert_i32_s', 0, 0xb7, 'none', 'i>d');
op('f64.convert_i32_u', 0, 0xb8, 'none', 'i>d');
op('f64.convert_i64_s', 0, 0xb9, 'none', 'l>d');
op('f64.convert_i64_u', 0, 0xba, 'none', 'l>d');
op('f64.promote_f32', 0, 0xbb, 'none', 'f>d');
op('i32.reinterpret_f32', 0, 0xbc, 'none', 'f>i');
op('i64.reinterpret_f64', 0, 0xbd, 'none', 'd>l');
op('f32.reinterpret_i32', 0, 0xbe, 'none', 'i>f');
op('f64.reinterpret_i64', 0, 0xbf, 'none', 'l>d');
op('i32.extend8_s', 0, 0xc0, 'none', 'i>i');
op('i32.extend16_s', 0, 0xc1, 'none', 'i>i');
op('i64.extend8_s', 0, 0xc2, 'none', 'l>l');
op('i64.extend16_s', 0, 0xc3, 'none', 'l>l');
op('i64.extend32_s', 0, 0xc4, 'none', 'l>l');
op('i32.trunc_sat_f32_s', 0xfc, 0, 'none', 'f>i');
op('i32.trunc_sat_f32_u', 0xfc, 1, 'none', 'f>i');
op('i32.trunc_sat_f64_s', 0xfc, 2, 'none', 'd>i');
op('i32.trunc_sat_f64_u', 0xfc, 3, 'none', 'd>i');
op('i64.trunc_sat_f32_s', 0xfc, 4, 'none', 'f>l');
op('i64.trunc_sat_f32_u', 0xfc, 5, 'none', 'f>l');
op('i64.trunc_sat_f64_s', 0xfc, 6, 'none', 'd>l');
op('i64.trunc_sat_f64_u', 0xfc, 7, 'none', 'd>l');

// Vector (5.4.8), prefix 0xFD
const V = 0xfd;
mem('v128.load', V, 0, 4, 'i>v');
mem('v128.load8x8_s', V, 1, 3, 'i>v');
mem('v128.load8x8_u', V, 2, 3, 'i>v');
mem('v128.load16x4_s', V, 3, 3, 'i>v');
mem('v128.load16x4_u', V, 4, 3, 'i>v');
mem('v128.load32x2_s', V, 5, 3, 'i>v');
mem('v128.load32x2_u', V, 6, 3, 'i>v');
mem('v128.load8_splat', V, 7, 0, 'i>v');
mem('v128.load16_splat', V, 8, 1, 'i>v');
mem('v128.load32_splat', V, 9, 2, 'i>v');
mem('v128.load64_splat', V, 10, 3, 'i>v');
mem('v128.store', V, 11, 4, 'iv>');
op('v128.const', V, 12, 'v128', '>v');
op('i8x16.shuffle', V, 13, 'shuffle', 'vv>v');
op('i8x16.swizzle', V, 14, 'none', 'vv>v');
op('i8x16.splat', V, 15, 'none', 'i>v');
op('i16x8.splat', V, 16, 'none', 'i>v');
op('i32x4.splat', V, 17, 'none', 'i>v');
op('i64x2.splat', V, 18, 'none', 'l>v');
op('f32x4.splat', V, 19, 'none', 'f>v');
op('f64x2.splat', V, 20, 'none', 'd>v');
op('i8x16.extract_lane_s', V, 21, 'lane', 'v>i', { lanes: 16 });
op('i8x16.extract_lane_u', V, 22, 'lane', 'v>i', { lanes: 16 });
op('i8x16.replace_lane', V, 23, 'lane', 'vi>v', { lanes: 16 });
op('i16x8.extract_lane_s', V, 24, 'lane', 'v>i', { lanes: 8 });
op('i16x8.extract_lane_u', V, 25, 'lane', 'v>i', { lanes: 8 });
op('i16x8.replace_lane', V, 26, 'lane', 'vi>v', { lanes: 8 });
op('i32x4.extract_lane', V, 27, 'lane', 'v>i', { lanes: 4 });
op('i32x4.replace_lane', V, 28, 'lane', 'vi>v', { lanes: 4 });
op('i64x2.extract_lane', V, 29, 'lane', 'v>l', { lanes: 2 });
op('i64x2.replace_lane', V, 30, 'lane', 'vl>v', { lanes: 2 });
op('f32x4.extract_lane', V, 31, 'lane', 'v>f', { lanes: 4 });
op('f32x4.replace_lane', V, 32, 'lane', 'vf>v', { lanes: 4 });
op('f64x2.extract_lane', V, 33, 'lane', 'v>d', { lanes: 2 });
op('f64x2.replace_lane', V, 34, 'lane', 'vd>v', { lanes: 2 });
const intCmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'] as const;
const floatCmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'] as const;
run(V, 35, 'vv>v', intCmp.map((c) => `i8x16.${c}` as const));
run(V, 45, 'vv>v', intCmp.map((c) => `i16x8.${c}` as const));
run(V, 55, 'vv>v', intCmp.map((c) => `i32x4.${c}` as const));
run(V, 65, 'vv>v', floatCmp.map((c) => `f32x4.${c}` as const));
run(V, 71, 'vv>v', floatCmp.map((c) => `f64x2.${c}` as const));
op('v128.not', V, 77, 'none', 'v>v');
run(V, 78, 'vv>v', ['v128.and', 'v128.andnot', 'v128.or', 'v128.xor']);
op('v128.bitselect', V, 82, 'none', 'vvv>v');
op('v128.any_true', V, 83, 'none', 'v>i');
op('v128.load8_lane', V, 84, 'memarg_lane', 'iv>v', { align: 0, lanes: 16 });
op('v128.load16_lane', V, 85, 'memarg_lane', 'iv>v', { align: 1, lanes: 8 });
op('v128.load32_lane', V, 86, 'memarg_lane', 'iv>v', { align: 2, lanes: 4 });
op('v128.load64_lane', V, 87, 'memarg_lane', 'iv>v', { align: 3, lanes: 2 });
op('v128.store8_lane', V, 88, 'memarg_lane', 'iv>', { align: 0, lanes: 16 });
op('v128.store16_lane', V, 89, 'memarg_lane', 'iv>', { align: 1, lanes: 8 });
op('v128.store32_lane', V, 90, 'memarg_lane', 'iv>', { align: 2, lanes: 4 });
op('v128.store64_lane', V, 91, 'memarg_lane', 'iv>', { align: 3, lanes: 2 });
mem('v128.load32_zero', V, 92, 2, 'i>v');
mem('v128.load64_zero', V, 93, 3, 'i>v');
op('f32x4.demote_f64x2_zero', V, 94, 'none', 'v>v');
op('f64x2.promote_low_f32x4', V, 95, 'none', 'v>v');

/** Vector instructions with codes 96..255 in opcode order; null marks an unassigned code. */
const vectorOps: (OpName | null)[] = [
  // 96
  'i8x16.abs', 'i8x16.neg', 'i8x16.popcnt', 'i8x16.all_true', 'i8x16.bitmask', 'i8x16.narrow_i16x8_s', 'i8x16.narrow_i16x8_u',
  'f32x4.ceil', 'f32x4.floor', 'f32x4.trunc', 'f32x4.nearest', 'i8x16.shl', 'i8x16.shr_s', 'i8x16.shr_u',
  'i8x16.add', 'i8x16.add_sat_s', 'i8x16.add_sat_u', 'i8x16.sub', 'i8x16.sub_sat_s', 'i8x16.sub_sat_u',
  'f64x2.ceil', 'f64x2.floor', 'i8x16.min_s', 'i8x16.min_u', 'i8x16.max_s', 'i8x16.max_u', 'f64x2.trunc', 'i8x16.avgr_u',
  'i16x8.extadd_pairwise_i8x16_s', 'i16x8.extadd_pairwise_i8x16_u', 'i32x4.extadd_pairwise_i16x8_s', 'i32x4.extadd_pairwise_i16x8_u',
  // 128
  'i16x8.abs', 'i16x8.neg', 'i16x8.q15mulr_sat_s', 'i16x8.all_true', 'i16x8.bitmask', 'i16x8.narrow_i32x4_s', 'i16x8.narrow_i32x4_u',
  'i16x8.extend_low_i8x16_s', 'i16x8.extend_high_i8x16_s', 'i16x8.extend_low_i8x16_u', 'i16x8.extend_high_i8x16_u',
  'i16x8.shl', 'i16x8.shr_s', 'i16x8.shr_u', 'i16x8.add', 'i16x8.add_sat_s', 'i16x8.add_sat_u',
  'i16x8.sub', 'i16x8.sub_sat_s', 'i16x8.sub_sat_u', 'f64x2.nearest', 'i16x8.mul', 'i16x8.min_s', 'i16x8.min_u',
  'i16x8.max_s', 'i16x8.max_u', null, 'i16x8.avgr_u',
  'i16x8.extmul_low_i8x16_s', 'i16x8.extmul_high_i8x16_s', 'i16x8.extmul_low_i8x16_u', 'i16x8.extmul_high_i8x16_u',
  // 160
  'i32x4.abs', 'i32x4.neg', null, 'i32x4.all_true', 'i32x4.bitmask', null, null,
  'i32x4.extend_low_i16x8_s', 'i32x4.extend_high_i16x8_s', 'i32x4.extend_low_i16x8_u', 'i32x4.extend_high_i16x8_u',
  'i32x4.shl', 'i32x4.shr_s', 'i32x4.shr_u', 'i32x4.add', null, null, 'i32x4.sub', null, null, null,
  'i32x4.mul', 'i32x4.min_s', 'i32x4.min_u', 'i32x4.max_s', 'i32x4.max_u', 'i32x4.dot_i16x8_s', null,
  'i32x4.extmul_low_i16x8_s', 'i32x4.extmul_high_i16x8_s', 'i32x4.extmul_low_i16x8_u', 'i32x4.extmul_high_i16x8_u',
  // 192
  'i64x2.abs', 'i64x2.neg', null, 'i64x2.all_true', 'i64x2.bitmask', null, null,
  'i64x2.extend_low_i32x4_s', 'i64x2.extend_high_i32x4_s', 'i64x2.extend_low_i32x4_u', 'i64x2.extend_high_i32x4_u',
  'i64x2.shl', 'i64x2.shr_s', 'i64x2.shr_u', 'i64x2.add', null, null, 'i64x2.sub', null, null, null,
  'i64x2.mul', 'i64x2.eq', 'i64x2.ne', 'i64x2.lt_s', 'i64x2.gt_s', 'i64x2.le_s', 'i64x2.ge_s',
  'i64x2.extmul_low_i32x4_s', 'i64x2.extmul_high_i32x4_s', 'i64x2.extmul_low_i32x4_u', 'i64x2.extmul_high_i32x4_u',
  // 224
  'f32x4.abs', 'f32x4.neg', null, 'f32x4.sqrt', 'f32x4.add', 'f32x4.sub', 'f32x4.mul', 'f32x4.div',
  'f32x4.min', 'f32x4.max', 'f32x4.pmin', 'f32x4.pmax',
  'f64x2.abs', 'f64x2.neg', null, 'f64x2.sqrt', 'f64x2.add', 'f64x2.sub', 'f64x2.mul', 'f64x2.div',
  'f64x2.min', 'f64x2.max', 'f64x2.pmin', 'f64x2.pmax',
  'i32x4.trunc_sat_f32x4_s', 'i32x4.trunc_sat_f32x4_u', 'f32x4.convert_i32x4_s', 'f32x4.convert_i32x4_u',
  'i32x4.trunc_sat_f64x2_s_zero', 'i32x4.trunc_sat_f64x2_u_zero', 'f64x2.convert_low_i32x4_s', 'f64x2.convert_low_i32x4_u',
];

/** Signature of a vector instruction from its name: the operand shape it takes. */
function vectorSig(name: string): string {
  if (/\.(all_true|bitmask)$/.test(name)) return 'v>i';
  if (/\.(shl|shr_s|shr_u)$/.test(name)) return 'vi>v';
  const unary = /\.(abs|neg|popcnt|ceil|floor|trunc|nearest|sqrt|extadd_pairwise_\w+|extend_(low|high)_\w+|trunc_sat_\w+|convert_\w+)$/;
  return unary.test(name) ? 'v>v' : 'vv>v';
}

vectorOps.forEach((name, i) => {
  if (name !== null) op(name, V, 96 + i, 'none', vectorSig(name));
});

// Relaxed SIMD (3.0): each may return any of a set of results (exec/numerics/v128/relaxed.ts)
const relaxed: [OpName, string][] = [
  ['i8x16.relaxed_swizzle', 'vv>v'],
  ['i32x4.relaxed_trunc_f32x4_s', 'v>v'],
  ['i32x4.relaxed_trunc_f32x4_u', 'v>v'],
  ['i32x4.relaxed_trunc_f64x2_s_zero', 'v>v'],
  ['i32x4.relaxed_trunc_f64x2_u_zero', 'v>v'],
  ['f32x4.relaxed_madd', 'vvv>v'],
  ['f32x4.relaxed_nmadd', 'vvv>v'],
  ['f64x2.relaxed_madd', 'vvv>v'],
  ['f64x2.relaxed_nmadd', 'vvv>v'],
  ['i8x16.relaxed_laneselect', 'vvv>v'],
  ['i16x8.relaxed_laneselect', 'vvv>v'],
  ['i32x4.relaxed_laneselect', 'vvv>v'],
  ['i64x2.relaxed_laneselect', 'vvv>v'],
  ['f32x4.relaxed_min', 'vv>v'],
  ['f32x4.relaxed_max', 'vv>v'],
  ['f64x2.relaxed_min', 'vv>v'],
  ['f64x2.relaxed_max', 'vv>v'],
  ['i16x8.relaxed_q15mulr_s', 'vv>v'],
  ['i16x8.relaxed_dot_i8x16_i7x16_s', 'vv>v'],
  ['i32x4.relaxed_dot_i8x16_i7x16_add_s', 'vvv>v'],
];
relaxed.forEach(([name, sig], i) => op(name, V, 0x100 + i, 'none', sig, { feature: 'relaxed-simd' }));

export const OPCODES: readonly OpInfo[] = table;

const byName = new Map<string, OpInfo>(table.map((o) => [o.name, o]));
const byCode = new Map<number, OpInfo>(table.map((o) => [opKey(o.prefix, o.code), o]));

function opKey(prefix: number, code: number): number {
  return prefix * 0x1_0000_0000 + code;
}

export function opInfo(name: string): OpInfo | undefined {
  return byName.get(name);
}

/** Whether an instruction's typing needs context: the table gives it no signature. */
export function needsContext(op: OpName): op is ContextOpName {
  return byName.get(op)!.sig === undefined;
}

/** The end of a switch that must name every instruction of its type: a missing case leaves `op` not `never`, a compile error. */
export function unhandledOp(op: never): never {
  throw new Error(`no case for instruction ${String(op)}`);
}

export function opByCode(prefix: number, code: number): OpInfo | undefined {
  return byCode.get(opKey(prefix, code));
}

const sigLetters: Record<string, string> = { i: 'i32', l: 'i64', f: 'f32', d: 'f64', v: 'v128' };

export interface Signature {
  readonly params: readonly string[];
  readonly results: readonly string[];
}

// read once per opcode: compiling a function asks for every instruction's
const signatures = new Map<OpInfo, Signature>();

/** The signature of a context-free instruction as operand and result types. */
export function signature(info: OpInfo): Signature | undefined {
  if (info.sig === undefined) return undefined;
  let sig = signatures.get(info);
  if (sig === undefined) {
    const [params, results] = info.sig.split('>') as [string, string];
    const types = (s: string) => Object.freeze([...s].map((c) => sigLetters[c]!));
    signatures.set(info, (sig = { params: types(params), results: types(results) }));
  }
  return sig;
}
