// Instructions whose result lanes are twice as wide as their operand lanes
// (spec 4.4.3: vextend, vextmul, vextadd_pairwise, i32x4.dot_i16x8_s). Each
// result lane is computed exactly (BigInt for i64 results) and then wrapped
// to its width by the typed view it is written through.
import { A, B, R, type V128 } from './bytes.js';

type SourceWidth = 8 | 16 | 32;

/**
 * Writes result lanes twice as wide as `width`, each computed exactly by
 * `lane(i)`, and returns the result.
 */
function widened(width: SourceWidth, lane: (i: number) => number | bigint): V128 {
  if (width === 32) {
    R.s64[0] = BigInt(lane(0));
    R.s64[1] = BigInt(lane(1));
  } else {
    const out = width === 8 ? R.s16 : R.s32;
    for (let i = 0; i < out.length; i++) out[i] = lane(i) as number;
  }
  return R.result();
}

/** extend_low / extend_high: the low or high half of the lanes, sign- or zero-extended. */
export function extend(width: SourceWidth, high: boolean, signed: boolean): (a: V128) => V128 {
  const x = A.lanes(width, signed);
  const base = high ? 64 / width : 0;
  const lane = (i: number) => x[base + i]!;
  return (a) => {
    A.load(a);
    return widened(width, lane);
  };
}

/** extmul_low / extmul_high: products of extended lanes of one half. */
export function extmul(width: SourceWidth, high: boolean, signed: boolean): (a: V128, b: V128) => V128 {
  const x = A.lanes(width, signed);
  const y = B.lanes(width, signed);
  const base = high ? 64 / width : 0;
  // 32-bit products exceed 2^53: compute them as BigInts.
  const lane = width === 32 ? (i: number) => BigInt(x[base + i]!) * BigInt(y[base + i]!) : (i: number) => x[base + i]! * y[base + i]!;
  return (a, b) => {
    A.load(a);
    B.load(b);
    return widened(width, lane);
  };
}

/** extadd_pairwise: sums of adjacent extended lanes (i16x8 from i8x16, i32x4 from i16x8). */
export function extaddPairwise(width: 8 | 16, signed: boolean): (a: V128) => V128 {
  const x = A.lanes(width, signed);
  const lane = (i: number) => x[2 * i]! + x[2 * i + 1]!;
  return (a) => {
    A.load(a);
    return widened(width, lane);
  };
}

const dotLane = (i: number) => A.s16[2 * i]! * B.s16[2 * i]! + A.s16[2 * i + 1]! * B.s16[2 * i + 1]!;

/** i32x4.dot_i16x8_s: sums of adjacent signed products; (-2^15)^2 * 2 wraps to INT32_MIN. */
export function dotI16x8S(a: V128, b: V128): V128 {
  A.load(a);
  B.load(b);
  return widened(16, dotLane);
}
