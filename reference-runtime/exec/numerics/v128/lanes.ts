// Moving scalars in and out of lanes, and rearranging bytes (spec 4.4.3:
// splat, extract_lane, replace_lane, i8x16.shuffle, i8x16.swizzle).
// Scalars follow the numerics conventions: i32 and f32 (as bits) are int32
// numbers, i64 a BigInt, f64 a double written and read through a Float64Array.
import { A, R, shapeOf, type Slot, type V128 } from './bytes.js';

// A switch, not a table of views: each case's store and load stays
// monomorphic (one typed-array kind), which a view looked up by name is not
// (a lookup by name measured 1.2 to 1.6 times slower on extract_lane and
// replace_lane), so each case is one line of what would be the table.

/** Writes scalar `x` into lane `lane` of slot `r` for a shape ("i8x16", ..., "f64x2"). */
function setLane(shape: string, r: Slot, lane: number, x: number | bigint): void {
  switch (shape) {
    case 'i8x16': r.s8[lane] = x as number; return;
    case 'i16x8': r.s16[lane] = x as number; return;
    case 'i32x4': case 'f32x4': r.s32[lane] = x as number; return;
    case 'i64x2': r.s64[lane] = x as bigint; return;
    case 'f64x2': r.f64[lane] = x as number; return;
    default: throw new Error(`not a vector shape: ${shape}`);
  }
}

const laneCount: Record<string, number> = { i8x16: 16, i16x8: 8, i32x4: 4, f32x4: 4, i64x2: 2, f64x2: 2 };

/** `<shape>.splat`: every lane holds the scalar, wrapped to the lane width. */
export function splat(shape: string): (x: number | bigint) => V128 {
  return (x) => {
    setLane(shape, R, 0, x);
    const size = 16 / laneCount[shape]!;
    for (let i = size; i < 16; i++) R.u8[i] = R.u8[i - size]!;
    return R.result();
  };
}

/** `<shape>.extract_lane[_s|_u]`: the lane as a scalar of the shape's unpacked type. */
export function extractLane(op: string, v: V128, lane: number): number | bigint {
  A.load(v);
  switch (op) {
    case 'i8x16.extract_lane_s': return A.s8[lane]!;
    case 'i8x16.extract_lane_u': return A.u8[lane]!;
    case 'i16x8.extract_lane_s': return A.s16[lane]!;
    case 'i16x8.extract_lane_u': return A.u16[lane]!;
    case 'i32x4.extract_lane': case 'f32x4.extract_lane': return A.s32[lane]!;
    case 'i64x2.extract_lane': return A.s64[lane]!;
    case 'f64x2.extract_lane': return A.f64[lane]!;
    default: throw new Error(`not an extract_lane instruction: ${op}`);
  }
}

/** `<shape>.replace_lane`: a copy of `v` with one lane set to the scalar `x`. */
export function replaceLane(op: string, v: V128, lane: number, x: number | bigint): V128 {
  R.load(v);
  setLane(shapeOf(op), R, lane, x);
  return R.result();
}

/** i8x16.shuffle: byte i of the result is byte lanes[i] of the 32-byte concatenation a ++ b. */
export function shuffle(a: V128, b: V128, lanes: Uint8Array): V128 {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const j = lanes[i]!;
    r[i] = j < 16 ? a[j]! : b[j - 16]!;
  }
  return r;
}

/** i8x16.swizzle: byte i of the result is byte s[i] of a, or 0 when s[i] >= 16. */
export function swizzle(a: V128, s: V128): V128 {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const j = s[i]!;
    r[i] = j < 16 ? a[j]! : 0;
  }
  return r;
}
