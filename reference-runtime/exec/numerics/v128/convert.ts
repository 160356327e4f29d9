// Lane-wise conversions between float and integer shapes (spec 4.4.3:
// trunc_sat, convert, demote, promote). Each lane goes through the scalar
// conversion of the same name, which owns the rounding, saturation and NaN
// rule, so a vector lane and the scalar instruction always agree.
import * as scalar from '../convert.js';
import { A, R, type V128 } from './bytes.js';

type Lanes = Int32Array | Float64Array;

/**
 * Converts the first `count` lanes of the operand (seen through `from`) into
 * the low lanes of a result whose other lanes are zero (seen through `to`).
 */
function convertLanes(count: number, from: Lanes, to: Lanes, f: (x: number) => number) {
  return (a: V128): V128 => {
    A.load(a);
    R.clear();
    for (let i = 0; i < count; i++) to[i] = f(from[i]!);
    return R.result();
  };
}

/** i32x4.trunc_sat_f32x4_s/u */
export const truncSatF32x4 = (signed: boolean) =>
  convertLanes(4, A.s32, R.s32, signed ? scalar.i32_trunc_sat_f32_s : scalar.i32_trunc_sat_f32_u);

/** i32x4.trunc_sat_f64x2_s/u_zero: the two f64 lanes into lanes 0 and 1, lanes 2 and 3 zero. */
export const truncSatF64x2Zero = (signed: boolean) =>
  convertLanes(2, A.f64, R.s32, signed ? scalar.i32_trunc_sat_f64_s : scalar.i32_trunc_sat_f64_u);

/** f32x4.convert_i32x4_s/u: each lane rounded once to binary32. */
export const convertI32x4 = (signed: boolean) =>
  convertLanes(4, A.s32, R.s32, signed ? scalar.f32_convert_i32_s : scalar.f32_convert_i32_u);

/** f64x2.convert_low_i32x4_s/u: lanes 0 and 1, exactly. */
export const convertLowI32x4 = (signed: boolean) =>
  convertLanes(2, A.s32, R.f64, signed ? scalar.f64_convert_i32_s : scalar.f64_convert_i32_u);

/** f32x4.demote_f64x2_zero: both f64 lanes rounded to f32 into lanes 0 and 1, lanes 2 and 3 zero. */
export const demoteF64x2Zero = convertLanes(2, A.f64, R.s32, scalar.f32_demote_f64);

/** f64x2.promote_low_f32x4: f32 lanes 0 and 1, exactly, as f64 lanes. */
export const promoteLowF32x4 = convertLanes(2, A.s32, R.f64, scalar.f64_promote_f32);
