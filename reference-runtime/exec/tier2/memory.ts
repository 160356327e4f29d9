// Tier 2's loads and stores on memory 0 (translate.ts): bytes accessed, and
// the DataView expression at effective address `a` (the views `dv`, bounds
// already checked), in the numerics library's representation of values (an
// f32 is its bits, so f32 moves as an i32 does, every NaN bit kept). A store
// writes `$v`; a narrow i64 store writes its low word's low bytes.

export const LOADS: Readonly<Record<string, readonly [number, string]>> = {
  'i32.load': [4, 'dv.getInt32(a, true)'],
  'f32.load': [4, 'dv.getInt32(a, true)'],
  'i64.load': [8, 'dv.getBigInt64(a, true)'],
  'f64.load': [8, 'dv.getFloat64(a, true)'],
  'i32.load8_s': [1, 'dv.getInt8(a)'],
  'i32.load8_u': [1, 'dv.getUint8(a)'],
  'i32.load16_s': [2, 'dv.getInt16(a, true)'],
  'i32.load16_u': [2, 'dv.getUint16(a, true)'],
  'i64.load8_s': [1, 'BigInt(dv.getInt8(a))'],
  'i64.load8_u': [1, 'BigInt(dv.getUint8(a))'],
  'i64.load16_s': [2, 'BigInt(dv.getInt16(a, true))'],
  'i64.load16_u': [2, 'BigInt(dv.getUint16(a, true))'],
  'i64.load32_s': [4, 'BigInt(dv.getInt32(a, true))'],
  'i64.load32_u': [4, 'BigInt(dv.getUint32(a, true))'],
};

const low = 'Number(BigInt.asIntN(32, $v))';

export const STORES: Readonly<Record<string, readonly [number, string]>> = {
  'i32.store': [4, 'dv.setInt32(a, $v, true)'],
  'f32.store': [4, 'dv.setInt32(a, $v, true)'],
  'i64.store': [8, 'dv.setBigInt64(a, $v, true)'],
  'f64.store': [8, 'dv.setFloat64(a, $v, true)'],
  'i32.store8': [1, 'dv.setInt8(a, $v)'],
  'i32.store16': [2, 'dv.setInt16(a, $v, true)'],
  'i64.store8': [1, `dv.setInt8(a, ${low})`],
  'i64.store16': [2, `dv.setInt16(a, ${low}, true)`],
  'i64.store32': [4, `dv.setInt32(a, ${low}, true)`],
};
