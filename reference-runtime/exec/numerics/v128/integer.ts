// Lane-wise integer instructions on i8x16, i16x8 and i32x4 (spec 4.4.3,
// "viunop", "vibinop", "virelop", "vishiftop", "vitestop", bitmask, and the
// lane-wise integer operators of 4.3.2). Lanes are JavaScript numbers; results
// are written through a signed typed view, which wraps them modulo 2^width
// exactly as the spec's integer operators do.
import { A, B, R, type V128 } from './bytes.js';
import { satS, satU } from './saturate.js';

type NarrowWidth = 8 | 16 | 32;
type Binary = (x: number, y: number) => number;
type Unary = (x: number) => number;
type Op = (...args: any[]) => any;

function lanewiseUnary(width: NarrowWidth, signed: boolean, f: Unary): (a: V128) => V128 {
  const x = A.lanes(width, signed);
  const out = R.signed(width);
  return (a) => {
    A.load(a);
    for (let i = 0; i < out.length; i++) out[i] = f(x[i]!);
    return R.result();
  };
}

function lanewiseBinary(width: NarrowWidth, signed: boolean, f: Binary): (a: V128, b: V128) => V128 {
  const x = A.lanes(width, signed);
  const y = B.lanes(width, signed);
  const out = R.signed(width);
  return (a, b) => {
    A.load(a);
    B.load(b);
    for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, y[i]!);
    return R.result();
  };
}

/** A comparison: each lane becomes all ones when it holds, else zero. */
function compare(width: NarrowWidth, signed: boolean, holds: (x: number, y: number) => boolean) {
  return lanewiseBinary(width, signed, (x, y) => (holds(x, y) ? -1 : 0));
}

/** Shifts take an i32 count, used modulo the lane width. */
function shift(width: NarrowWidth, signed: boolean, f: (x: number, k: number) => number): (a: V128, n: number) => V128 {
  const x = A.lanes(width, signed);
  const out = R.signed(width);
  return (a, n) => {
    const k = (n >>> 0) % width;
    A.load(a);
    for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, k);
    return R.result();
  };
}

function popcnt8(x: number): number {
  let n = 0;
  for (let b = x & 0xff; b !== 0; b &= b - 1) n++;
  return n;
}

/** The instructions every integer shape narrower than i64x2 has, keyed by the part after the dot. */
function commonOps(w: NarrowWidth): Record<string, Op> {
  const signedLanes = A.signed(w);
  return {
    add: lanewiseBinary(w, true, (x, y) => x + y),
    sub: lanewiseBinary(w, true, (x, y) => x - y),
    neg: lanewiseUnary(w, true, (x) => -x),
    // |INT_MIN| wraps back to INT_MIN, as iabs specifies.
    abs: lanewiseUnary(w, true, (x) => Math.abs(x)),
    min_s: lanewiseBinary(w, true, Math.min),
    min_u: lanewiseBinary(w, false, Math.min),
    max_s: lanewiseBinary(w, true, Math.max),
    max_u: lanewiseBinary(w, false, Math.max),
    eq: compare(w, true, (x, y) => x === y),
    ne: compare(w, true, (x, y) => x !== y),
    lt_s: compare(w, true, (x, y) => x < y),
    lt_u: compare(w, false, (x, y) => x < y),
    gt_s: compare(w, true, (x, y) => x > y),
    gt_u: compare(w, false, (x, y) => x > y),
    le_s: compare(w, true, (x, y) => x <= y),
    le_u: compare(w, false, (x, y) => x <= y),
    ge_s: compare(w, true, (x, y) => x >= y),
    ge_u: compare(w, false, (x, y) => x >= y),
    shl: shift(w, true, (x, k) => x << k),
    shr_s: shift(w, true, (x, k) => x >> k),
    shr_u: shift(w, false, (x, k) => x >>> k),
    all_true: (a: V128) => {
      A.load(a);
      for (let i = 0; i < signedLanes.length; i++) if (signedLanes[i] === 0) return 0;
      return 1;
    },
    bitmask: (a: V128) => {
      A.load(a);
      let mask = 0;
      for (let i = 0; i < signedLanes.length; i++) if (signedLanes[i]! < 0) mask |= 1 << i;
      return mask;
    },
  };
}

/** Saturating arithmetic and rounding average: only i8x16 and i16x8 have them. */
function smallOps(w: 8 | 16): Record<string, Op> {
  return {
    add_sat_s: lanewiseBinary(w, true, (x, y) => satS(w, x + y)),
    add_sat_u: lanewiseBinary(w, false, (x, y) => satU(w, x + y)),
    sub_sat_s: lanewiseBinary(w, true, (x, y) => satS(w, x - y)),
    sub_sat_u: lanewiseBinary(w, false, (x, y) => satU(w, x - y)),
    avgr_u: lanewiseBinary(w, false, (x, y) => Math.floor((x + y + 1) / 2)),
  };
}

/** The lane-wise integer instructions of one shape, keyed by the part of the mnemonic after the dot. */
export function integerOps(w: NarrowWidth): Record<string, Op> {
  const ops = commonOps(w);
  if (w === 8) return { ...ops, ...smallOps(8), popcnt: lanewiseUnary(8, false, popcnt8) };
  if (w === 16) {
    return {
      ...ops,
      ...smallOps(16),
      mul: lanewiseBinary(16, true, Math.imul),
      // Q15 rounding multiply: (x*y + 2^14) >> 15, saturated; only 0x8000*0x8000 saturates.
      q15mulr_sat_s: lanewiseBinary(16, true, (x, y) => satS(16, (x * y + 0x4000) >> 15)),
    };
  }
  return { ...ops, mul: lanewiseBinary(32, true, Math.imul) };
}
