// Every integer vector instruction against a lane-by-lane model in BigInt
// arithmetic, written from the spec's definitions (4.3.2) independently of the
// implementation: lanes are decoded from bytes with a DataView, computed
// exactly, and wrapped to the lane width with BigInt.asIntN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { V128_OPS } from './ops.js';

type Width = 8 | 16 | 32 | 64;

function lanesOf(v: Uint8Array, w: Width, signed: boolean): bigint[] {
  const dv = new DataView(v.buffer, v.byteOffset, 16);
  const out: bigint[] = [];
  for (let i = 0; i < 128 / w; i++) {
    let x = 0n;
    for (let b = w / 8 - 1; b >= 0; b--) x = (x << 8n) | BigInt(dv.getUint8((i * w) / 8 + b));
    out.push(signed ? BigInt.asIntN(w, x) : x);
  }
  return out;
}

function fromLanes(w: Width, lanes: bigint[]): Uint8Array {
  const r = new Uint8Array(16);
  lanes.forEach((x, i) => {
    let u = BigInt.asUintN(w, x);
    for (let b = 0; b < w / 8; b++, u >>= 8n) r[(i * w) / 8 + b] = Number(u & 0xffn);
  });
  return r;
}

const min = (w: number) => -(1n << BigInt(w - 1));
const maxS = (w: number) => (1n << BigInt(w - 1)) - 1n;
const maxU = (w: number) => (1n << BigInt(w)) - 1n;
const clamp = (x: bigint, lo: bigint, hi: bigint) => (x < lo ? lo : x > hi ? hi : x);

/** Lanes biased toward the edges of their width, where implementations go wrong. */
function laneArb(w: Width): fc.Arbitrary<bigint> {
  const edges = [0n, 1n, -1n, 2n, min(w), maxS(w), min(w) + 1n, maxS(w) - 1n, 1n << BigInt(w - 2)];
  return fc.oneof(fc.constantFrom(...edges), fc.bigInt({ min: min(w), max: maxS(w) }));
}
const vecArb = (w: Width) => fc.array(laneArb(w), { minLength: 128 / w, maxLength: 128 / w }).map((l) => fromLanes(w, l));

const widthOf: Record<string, Width> = { i8x16: 8, i16x8: 16, i32x4: 32, i64x2: 64 };
const bool = (b: boolean) => (b ? -1n : 0n);
const popcount = (x: bigint) => [...x.toString(2)].filter((c) => c === '1').length;

/** Lane-wise binary operators: operand signedness and the exact result. */
const binary: Record<string, { signed: boolean; f: (x: bigint, y: bigint, w: number) => bigint }> = {
  add: { signed: true, f: (x, y) => x + y },
  sub: { signed: true, f: (x, y) => x - y },
  mul: { signed: true, f: (x, y) => x * y },
  min_s: { signed: true, f: (x, y) => (x < y ? x : y) },
  max_s: { signed: true, f: (x, y) => (x > y ? x : y) },
  min_u: { signed: false, f: (x, y) => (x < y ? x : y) },
  max_u: { signed: false, f: (x, y) => (x > y ? x : y) },
  add_sat_s: { signed: true, f: (x, y, w) => clamp(x + y, min(w), maxS(w)) },
  sub_sat_s: { signed: true, f: (x, y, w) => clamp(x - y, min(w), maxS(w)) },
  add_sat_u: { signed: false, f: (x, y, w) => clamp(x + y, 0n, maxU(w)) },
  sub_sat_u: { signed: false, f: (x, y, w) => clamp(x - y, 0n, maxU(w)) },
  avgr_u: { signed: false, f: (x, y) => (x + y + 1n) / 2n },
  q15mulr_sat_s: { signed: true, f: (x, y, w) => clamp((x * y + 0x4000n) >> 15n, min(w), maxS(w)) },
  eq: { signed: true, f: (x, y) => bool(x === y) },
  ne: { signed: true, f: (x, y) => bool(x !== y) },
  lt_s: { signed: true, f: (x, y) => bool(x < y) },
  gt_s: { signed: true, f: (x, y) => bool(x > y) },
  le_s: { signed: true, f: (x, y) => bool(x <= y) },
  ge_s: { signed: true, f: (x, y) => bool(x >= y) },
  lt_u: { signed: false, f: (x, y) => bool(x < y) },
  gt_u: { signed: false, f: (x, y) => bool(x > y) },
  le_u: { signed: false, f: (x, y) => bool(x <= y) },
  ge_u: { signed: false, f: (x, y) => bool(x >= y) },
};

const unary: Record<string, { signed: boolean; f: (x: bigint) => bigint }> = {
  neg: { signed: true, f: (x) => -x },
  abs: { signed: true, f: (x) => (x < 0n ? -x : x) },
  popcnt: { signed: false, f: (x) => BigInt(popcount(x)) },
};

const shifts: Record<string, { signed: boolean; f: (x: bigint, k: bigint) => bigint }> = {
  shl: { signed: true, f: (x, k) => x << k },
  shr_s: { signed: true, f: (x, k) => x >> k },
  shr_u: { signed: false, f: (x, k) => x >> k },
};

const integerNames = Object.keys(V128_OPS).filter((n) => /^i(8x16|16x8|32x4|64x2)\./.test(n));
const tested = new Set<string>();
const opts = { numRuns: 150 };

describe('lane-wise integer instructions match the BigInt model', () => {
  for (const name of integerNames) {
    const [shape, operator] = name.split('.') as [string, string];
    const w = widthOf[shape]!;
    const op = V128_OPS[name]!;
    if (binary[operator]) {
      const { signed, f } = binary[operator]!;
      tested.add(name);
      it(name, () =>
        fc.assert(
          fc.property(vecArb(w), vecArb(w), (a, b) => {
            const x = lanesOf(a, w, signed);
            const y = lanesOf(b, w, signed);
            expect(op(a, b)).toEqual(fromLanes(w, x.map((xi, i) => f(xi, y[i]!, w))));
          }),
          opts,
        ),
      );
    } else if (unary[operator]) {
      const { signed, f } = unary[operator]!;
      tested.add(name);
      it(name, () =>
        fc.assert(fc.property(vecArb(w), (a) => {
            expect(op(a)).toEqual(fromLanes(w, lanesOf(a, w, signed).map((x) => f(x))));
          }),
          opts,
        ),
      );
    } else if (shifts[operator]) {
      const { signed, f } = shifts[operator]!;
      tested.add(name);
      const count = fc.oneof(fc.integer({ min: -1, max: 130 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
      it(name, () =>
        fc.assert(
          fc.property(vecArb(w), count, (a, n) => {
            const k = BigInt((n >>> 0) % w);
            expect(op(a, n)).toEqual(fromLanes(w, lanesOf(a, w, signed).map((x) => f(x, k))));
          }),
          opts,
        ),
      );
    } else if (operator === 'all_true' || operator === 'bitmask') {
      tested.add(name);
      it(name, () =>
        fc.assert(
          fc.property(vecArb(w), (a) => {
            const x = lanesOf(a, w, true);
            const expected = operator === 'all_true' ? Number(x.every((l) => l !== 0n)) : x.reduce((m, l, i) => m + (l < 0n ? 2 ** i : 0), 0);
            expect(op(a)).toBe(expected);
          }),
          opts,
        ),
      );
    }
  }
});

describe('widening and narrowing instructions match the BigInt model', () => {
  const half = (lanes: bigint[], high: boolean) => lanes.slice(high ? lanes.length / 2 : 0, high ? lanes.length : lanes.length / 2);
  for (const name of integerNames) {
    const op = V128_OPS[name]!;
    const dst = widthOf[name.split('.')[0]!]!;
    const src = (dst / 2) as Width;
    const ext = /\.(extend|extmul)_(low|high)_i\d+x\d+_(s|u)$/.exec(name);
    if (ext) {
      tested.add(name);
      const [, family, part, sign] = ext;
      it(name, () =>
        fc.assert(
          fc.property(vecArb(src), vecArb(src), (a, b) => {
            const x = half(lanesOf(a, src, sign === 's'), part === 'high');
            const y = half(lanesOf(b, src, sign === 's'), part === 'high');
            const expected = family === 'extend' ? x : x.map((xi, i) => xi * y[i]!);
            expect(family === 'extend' ? op(a) : op(a, b)).toEqual(fromLanes(dst, expected));
          }),
          opts,
        ),
      );
    }
    const pair = /\.extadd_pairwise_i\d+x\d+_(s|u)$/.exec(name);
    if (pair) {
      tested.add(name);
      it(name, () =>
        fc.assert(
          fc.property(vecArb(src), (a) => {
            const x = lanesOf(a, src, pair[1] === 's');
            expect(op(a)).toEqual(fromLanes(dst, x.filter((_, i) => i % 2 === 0).map((l, i) => l + x[2 * i + 1]!)));
          }),
          opts,
        ),
      );
    }
    const nar = /\.narrow_i\d+x\d+_(s|u)$/.exec(name);
    if (nar) {
      tested.add(name);
      const wide = (dst * 2) as Width;
      const [lo, hi] = nar[1] === 's' ? [min(dst), maxS(dst)] : [0n, maxU(dst)];
      it(name, () =>
        fc.assert(
          fc.property(vecArb(wide), vecArb(wide), (a, b) => {
            const lanes = [...lanesOf(a, wide, true), ...lanesOf(b, wide, true)].map((l) => clamp(l, lo, hi));
            expect(op(a, b)).toEqual(fromLanes(dst, lanes));
          }),
          opts,
        ),
      );
    }
    if (name === 'i32x4.dot_i16x8_s') {
      tested.add(name);
      it(name, () =>
        fc.assert(
          fc.property(vecArb(16), vecArb(16), (a, b) => {
            const x = lanesOf(a, 16, true);
            const y = lanesOf(b, 16, true);
            const expected = [0, 1, 2, 3].map((i) => x[2 * i]! * y[2 * i]! + x[2 * i + 1]! * y[2 * i + 1]!);
            expect(op(a, b)).toEqual(fromLanes(32, expected));
          }),
          opts,
        ),
      );
    }
  }
});

describe('coverage', () => {
  it('models every integer-result instruction except splat, swizzle and float conversions', () => {
    const untested = integerNames.filter((n) => !tested.has(n) && !/\.(splat|swizzle)$|trunc_sat/.test(n));
    expect(untested).toEqual([]);
  });
});
