import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as f32 from './f32.js';
import { floatChecks } from './float-reference.js';
import { nondeterminism } from './nan.js';

// f32 values are their bits as int32 numbers; the reference decodes them with
// a DataView, computes on JS doubles and rounds with Math.fround.
const view = new DataView(new ArrayBuffer(4));
const value = (bits: number): number => (view.setInt32(0, bits), view.getFloat32(0));
const bitsOf = (x: number): number => (view.setFloat32(0, x), view.getInt32(0));
const hex = (bits: number): string => (bits >>> 0).toString(16);

const SIGN = 0x80000000 | 0;
const CANONICAL = 0x7fc00000;
const isNaNBits = (b: number): boolean => (b & 0x7fffffff) > 0x7f800000;

const edges = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, Infinity, -Infinity, 8388607.5, 8388609, 16777216, 2 ** -149, -(2 ** -149),
  2 ** -126, 3.4028234663852886e38].map(bitsOf);
const nanBits = fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 0x7fffff })).map(([s, p]) => (s ? SIGN : 0) | 0x7f800000 | p);
const float32 = fc.oneof(
  { arbitrary: fc.integer({ min: -0x80000000, max: 0x7fffffff }), weight: 4 },
  { arbitrary: fc.float({ noDefaultInfinity: false }).map(bitsOf), weight: 4 },
  { arbitrary: fc.constantFrom(...edges), weight: 2 },
  { arbitrary: nanBits, weight: 1 },
  { arbitrary: fc.constantFrom(CANONICAL, CANONICAL | SIGN), weight: 1 },
);

function expectedNaN(operands: number[]): number {
  const payloadNaN = operands.find((b) => isNaNBits(b) && (b & 0x7fffffff) !== CANONICAL);
  return payloadNaN === undefined ? CANONICAL : (payloadNaN & 0x7fffffff) | 0x00400000;
}

/** `reference` is the exact double result; the implementation must round it once to f32, or follow the NaN rule. */
function check(actual: () => number, reference: number, operands: number[]): void {
  const before = nondeterminism.nans;
  const r = actual();
  if (Number.isNaN(reference)) {
    expect(hex(r)).toBe(hex(expectedNaN(operands)));
    expect(nondeterminism.nans).toBe(before + 1);
  } else {
    expect(hex(r)).toBe(hex(bitsOf(Math.fround(reference))));
    expect(nondeterminism.nans).toBe(before);
  }
}

const ops = f32 as unknown as Record<string, (...args: number[]) => number>;
const arithmetic = (name: string, ref: (...xs: number[]) => number, xs: number[]): void =>
  check(() => ops[name]!(...xs), ref(...xs.map(value)), xs);
const comparison = (name: string, ref: (...xs: number[]) => boolean, xs: number[]): void =>
  expect(ops[name]!(...xs)).toBe(ref(...xs.map(value)) ? 1 : 0);

describe('f32 against Math.fround on doubles and the NaN rule', () => {
  it.each(floatChecks(float32, arithmetic, comparison))('%s', (_, run) => run());
  it('abs, neg, copysign act on the sign bit only and return int32 bits', () => {
    fc.assert(
      fc.property(float32, float32, (a, b) => {
        expect(f32.abs(a)).toBe(a & 0x7fffffff);
        expect(f32.neg(a)).toBe((a ^ SIGN) | 0);
        expect(f32.copysign(a, b)).toBe((a & 0x7fffffff) | (b & SIGN));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('f32 edge cases', () => {
  const f = bitsOf;
  it('results are int32 bit patterns, never floats', () => {
    expect(f32.add(f(1), f(2))).toBe(0x40400000);
    expect(f32.neg(f(1))).toBe(0xbf800000 | 0);
    expect(f32.sub(f(0), f(0))).toBe(0);
  });
  it('nearest: ties to even, sign of zero, large values', () => {
    expect([0.5, 1.5, 2.5, -2.5, 8388607.5].map((x) => value(f32.nearest(f(x))))).toEqual([0, 2, 2, -2, 8388608]);
    expect(hex(f32.nearest(f(-0.5)))).toBe('80000000');
    expect(hex(f32.nearest(0x4b000001))).toBe('4b000001');
    expect(hex(f32.nearest(0x7f7fffff))).toBe('7f7fffff');
  });
  it('ceil, floor, trunc keep -0 and large values', () => {
    expect(hex(f32.ceil(f(-0.5)))).toBe('80000000');
    expect(hex(f32.floor(f(-0)))).toBe('80000000');
    expect(hex(f32.trunc(f(-0.75)))).toBe('80000000');
    expect(hex(f32.floor(0xff7fffff | 0))).toBe('ff7fffff');
    expect(value(f32.floor(f(-1.5)))).toBe(-2);
  });
  it('overflow to infinity and subnormal results', () => {
    expect(hex(f32.add(0x7f7fffff, 0x7f7fffff))).toBe('7f800000');
    expect(hex(f32.add(1, 1))).toBe('2');
    expect(hex(f32.mul(f(2 ** -126), f(0.5)))).toBe('400000');
    // Halfway between subnormals rounds to the even neighbour: 2^-150 to 0, 3 * 2^-150 to 2^-148.
    expect(hex(f32.div(1, f(2)))).toBe('0');
    expect(hex(f32.mul(3, f(0.5)))).toBe('2');
  });
  it('min and max order -0 below +0', () => {
    expect(hex(f32.min(0, SIGN))).toBe('80000000');
    expect(hex(f32.max(SIGN, 0))).toBe('0');
    expect(hex(f32.max(SIGN, SIGN))).toBe('80000000');
  });
  it('NaN results: canonical for invalid operations, payload kept and quieted otherwise', () => {
    expect(hex(f32.div(0, 0))).toBe('7fc00000');
    expect(hex(f32.sqrt(f(-1)))).toBe('7fc00000');
    expect(hex(f32.add(0xffc00000 | 0, f(1)))).toBe('7fc00000');
    expect(hex(f32.add(0x7f800001, f(1)))).toBe('7fc00001');
    expect(hex(f32.mul(CANONICAL, 0xffa00000 | 0))).toBe('7fe00000');
    expect(hex(f32.nearest(0x7fa00000))).toBe('7fe00000');
  });
  it('neg of a signaling NaN stays signaling', () => {
    expect(hex(f32.neg(0x7f800001))).toBe('ff800001');
  });
});
