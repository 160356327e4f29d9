// Lane-wise i64x2 instructions. Lanes are BigInts; writing through a
// BigInt64Array wraps results modulo 2^64, as the spec's integer operators do.
import { A, B, R, type V128 } from './bytes.js';

type Op = (...args: any[]) => any;

function lanewiseUnary(signed: boolean, f: (x: bigint) => bigint): (a: V128) => V128 {
  const x = signed ? A.s64 : A.u64;
  return (a) => {
    A.load(a);
    R.s64[0] = f(x[0]!);
    R.s64[1] = f(x[1]!);
    return R.result();
  };
}

function lanewiseBinary(f: (x: bigint, y: bigint) => bigint): (a: V128, b: V128) => V128 {
  return (a, b) => {
    A.load(a);
    B.load(b);
    R.s64[0] = f(A.s64[0]!, B.s64[0]!);
    R.s64[1] = f(A.s64[1]!, B.s64[1]!);
    return R.result();
  };
}

/** i64x2 has only signed comparisons. */
function compare(holds: (x: bigint, y: bigint) => boolean) {
  return lanewiseBinary((x, y) => (holds(x, y) ? -1n : 0n));
}

function shift(signed: boolean, f: (x: bigint, k: bigint) => bigint): (a: V128, n: number) => V128 {
  const x = signed ? A.s64 : A.u64;
  return (a, n) => {
    const k = BigInt((n >>> 0) % 64);
    A.load(a);
    R.s64[0] = f(x[0]!, k);
    R.s64[1] = f(x[1]!, k);
    return R.result();
  };
}

/** The i64x2 instructions, keyed by the part of the mnemonic after the dot. */
export function integer64Ops(): Record<string, Op> {
  return {
    add: lanewiseBinary((x, y) => x + y),
    sub: lanewiseBinary((x, y) => x - y),
    mul: lanewiseBinary((x, y) => x * y),
    neg: lanewiseUnary(true, (x) => -x),
    abs: lanewiseUnary(true, (x) => (x < 0n ? -x : x)),
    eq: compare((x, y) => x === y),
    ne: compare((x, y) => x !== y),
    lt_s: compare((x, y) => x < y),
    gt_s: compare((x, y) => x > y),
    le_s: compare((x, y) => x <= y),
    ge_s: compare((x, y) => x >= y),
    shl: shift(true, (x, k) => x << k),
    shr_s: shift(true, (x, k) => x >> k),
    shr_u: shift(false, (x, k) => x >> k),
    all_true: (a: V128) => {
      A.load(a);
      return A.s64[0] !== 0n && A.s64[1] !== 0n ? 1 : 0;
    },
    bitmask: (a: V128) => {
      A.load(a);
      return (A.s64[0]! < 0n ? 1 : 0) | (A.s64[1]! < 0n ? 2 : 0);
    },
  };
}
