// Tier 2's loads and stores on memory 0 (translate.ts): bytes accessed, and
// the statement at effective address `a` (the view `dv` in scope, bounds
// already checked), with translate.ts' holes: $r$ (and $rh$) the loaded
// value, $1$ (and $1h$) the stored one. An f32 is its bits, so it moves as an
// i32 does, every NaN bit kept; an i64 is two int32 words (pairs.ts), and a
// narrow i64 store writes its low word's low bytes.

export const LOADS: Readonly<Record<string, readonly [number, string]>> = {
  'i32.load': [4, '$r$ = dv.getInt32(a, true);'],
  'f32.load': [4, '$r$ = dv.getInt32(a, true);'],
  'i64.load': [8, '$r$ = dv.getInt32(a, true); $rh$ = dv.getInt32(a + 4, true);'],
  'f64.load': [8, '$r$ = dv.getFloat64(a, true);'],
  'i32.load8_s': [1, '$r$ = dv.getInt8(a);'],
  'i32.load8_u': [1, '$r$ = dv.getUint8(a);'],
  'i32.load16_s': [2, '$r$ = dv.getInt16(a, true);'],
  'i32.load16_u': [2, '$r$ = dv.getUint16(a, true);'],
  'i64.load8_s': [1, '$r$ = dv.getInt8(a); $rh$ = $r$ >> 31;'],
  'i64.load8_u': [1, '$r$ = dv.getUint8(a); $rh$ = 0;'],
  'i64.load16_s': [2, '$r$ = dv.getInt16(a, true); $rh$ = $r$ >> 31;'],
  'i64.load16_u': [2, '$r$ = dv.getUint16(a, true); $rh$ = 0;'],
  'i64.load32_s': [4, '$r$ = dv.getInt32(a, true); $rh$ = $r$ >> 31;'],
  'i64.load32_u': [4, '$r$ = dv.getInt32(a, true); $rh$ = 0;'],
};

export const STORES: Readonly<Record<string, readonly [number, string]>> = {
  'i32.store': [4, 'dv.setInt32(a, $1$, true);'],
  'f32.store': [4, 'dv.setInt32(a, $1$, true);'],
  'i64.store': [8, 'dv.setInt32(a, $1$, true); dv.setInt32(a + 4, $1h$, true);'],
  'f64.store': [8, 'dv.setFloat64(a, $1$, true);'],
  'i32.store8': [1, 'dv.setInt8(a, $1$);'],
  'i32.store16': [2, 'dv.setInt16(a, $1$, true);'],
  'i64.store8': [1, 'dv.setInt8(a, $1$);'],
  'i64.store16': [2, 'dv.setInt16(a, $1$, true);'],
  'i64.store32': [4, 'dv.setInt32(a, $1$, true);'],
};
