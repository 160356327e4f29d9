// splat, extract_lane, replace_lane and shuffle: scalars cross into lanes
// with exact bits (f32 as bits, f64 through typed arrays) and wrap to the lane width.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractLane, replaceLane, shuffle } from './lanes.js';
import { V128_OPS } from './ops.js';

const byteArb = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('splat', () => {
  it('wraps integers to the lane width', () => {
    expect(V128_OPS['i8x16.splat']!(0x1ff)).toEqual(new Uint8Array(16).fill(0xff));
    expect(V128_OPS['i16x8.splat']!(-0x12345)).toEqual(new Uint8Array(new Int16Array(8).fill(-0x2345).buffer));
    expect(V128_OPS['i32x4.splat']!(-7)).toEqual(new Uint8Array(new Int32Array(4).fill(-7).buffer));
    expect(V128_OPS['i64x2.splat']!(-(1n << 63n))).toEqual(new Uint8Array(new BigInt64Array(2).fill(-(1n << 63n)).buffer));
  });
  it('keeps f32 signalling NaN bits and f64 bits', () => {
    expect(V128_OPS['f32x4.splat']!(0x7fa00001 | 0)).toEqual(new Uint8Array(new Uint32Array(4).fill(0x7fa00001).buffer));
    const negZero = V128_OPS['f64x2.splat']!(-0);
    expect(negZero).toEqual(new Uint8Array(new BigUint64Array(2).fill(0x8000000000000000n).buffer));
  });
});

describe('extract_lane and replace_lane', () => {
  it('extract_lane_s/u sign- or zero-extend', () => {
    const v = Uint8Array.from([0x80, 0xff, 0x7f, 0x80, ...Array(12).fill(0)]);
    expect(extractLane('i8x16.extract_lane_s', v, 0)).toBe(-128);
    expect(extractLane('i8x16.extract_lane_u', v, 0)).toBe(128);
    expect(extractLane('i16x8.extract_lane_s', v, 0)).toBe(-128);
    expect(extractLane('i16x8.extract_lane_u', v, 1)).toBe(0x807f);
    expect(extractLane('i16x8.extract_lane_s', v, 1)).toBe(0x807f - 0x10000);
    expect(extractLane('i32x4.extract_lane', v, 0)).toBe(0x807fff80 | 0);
    expect(extractLane('i64x2.extract_lane', v, 0)).toBe(0x807fff80n);
    expect(extractLane('f32x4.extract_lane', v, 0)).toBe(0x807fff80 | 0);
  });
  it('replace then extract round-trips every lane of every shape, without touching the input', () =>
    fc.assert(
      fc.property(byteArb, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (v, x, y) => {
        const copy = v.slice();
        for (const [shape, lanes] of [['i8x16', 16], ['i16x8', 8], ['i32x4', 4], ['f32x4', 4]] as const) {
          const bits = shape === 'i8x16' ? 8 : shape === 'i16x8' ? 16 : 32;
          const get = shape.startsWith('i') && bits < 32 ? `${shape}.extract_lane_s` : `${shape}.extract_lane`;
          for (let lane = 0; lane < lanes; lane++) {
            const r = replaceLane(`${shape}.replace_lane`, v, lane, x);
            expect(extractLane(get, r, lane)).toBe(bits === 32 ? x : Number(BigInt.asIntN(bits, BigInt(x))));
            // other bytes unchanged
            const size = bits / 8;
            r.forEach((b, i) => {
              if (i < lane * size || i >= (lane + 1) * size) expect(b).toBe(v[i]);
            });
          }
        }
        for (let lane = 0; lane < 2; lane++) {
          expect(extractLane('i64x2.extract_lane', replaceLane('i64x2.replace_lane', v, lane, y), lane)).toBe(y);
        }
        expect(v).toEqual(copy);
      }),
      { numRuns: 50 },
    ));
  it('f64x2 lanes read and write as doubles with exact bits', () => {
    const r = replaceLane('f64x2.replace_lane', new Uint8Array(16), 1, -0);
    expect([...r]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80]);
    expect(Object.is(extractLane('f64x2.extract_lane', r, 1), -0)).toBe(true);
  });
  it('accepts operands at an unaligned offset of a larger buffer', () => {
    const big = new Uint8Array(40);
    big[3] = 0x11;
    big[4] = 0x22;
    const v = big.subarray(3, 19);
    expect(extractLane('i16x8.extract_lane_u', v, 0)).toBe(0x2211);
    expect(V128_OPS['i16x8.add']!(v, v)).toEqual(Uint8Array.from([0x22, 0x44, ...Array(14).fill(0)]));
  });
});

describe('i8x16.shuffle', () => {
  it('indexes the concatenation of both operands', () =>
    fc.assert(
      fc.property(byteArb, byteArb, fc.uint8Array({ minLength: 16, maxLength: 16, max: 31 }), (a, b, lanes) => {
        const both = [...a, ...b];
        expect([...shuffle(a, b, lanes)]).toEqual([...lanes].map((j) => both[j]));
      }),
      { numRuns: 100 },
    ));
  it('a fixed case across both operands', () => {
    const a = Uint8Array.from({ length: 16 }, (_, i) => i);
    const b = Uint8Array.from({ length: 16 }, (_, i) => 16 + i);
    const lanes = Uint8Array.from([31, 0, 16, 15, 1, 17, 30, 14, 2, 18, 29, 13, 3, 19, 28, 12]);
    expect([...shuffle(a, b, lanes)]).toEqual([...lanes]);
  });
});
