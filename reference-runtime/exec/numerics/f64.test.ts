import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as f64 from './f64.js';
import { floatChecks } from './float-reference.js';
import { nondeterminism } from './nan.js';

// Floats travel through fast-check as their bits (BigInt): V8 may canonicalise
// NaNs stored in plain arrays, so doubles are made inside the property only.
const view = new DataView(new ArrayBuffer(8));
const fromBits = (b: bigint): number => (view.setBigUint64(0, b), view.getFloat64(0));
const bitsOf = (x: number): bigint => (view.setFloat64(0, x), view.getBigUint64(0));
const hex = (x: number): string => bitsOf(x).toString(16);

const SIGN = 1n << 63n;
const QUIET = 1n << 51n;
const CANONICAL = 0x7ff8000000000000n;
const isNaNBits = (b: bigint): boolean => (b & ~SIGN) > 0x7ff0000000000000n;

const edgeBits = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE,
  Number.MAX_VALUE, 2 ** 52, 2 ** 52 + 1, 2 ** 53, 2 ** -1022, 0.49999999999999994, 4503599627370495.5].map(bitsOf);
const nanBits = fc.tuple(fc.boolean(), fc.bigInt({ min: 1n, max: (1n << 52n) - 1n })).map(([s, p]) => (s ? SIGN : 0n) | 0x7ff0000000000000n | p);
const canonicalBits = fc.constantFrom(CANONICAL, CANONICAL | SIGN);
const float64 = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), weight: 4 },
  { arbitrary: fc.double().map(bitsOf), weight: 4 },
  { arbitrary: fc.constantFrom(...edgeBits), weight: 2 },
  { arbitrary: nanBits, weight: 1 },
  { arbitrary: canonicalBits, weight: 1 },
);

/** The oracle's deterministic NaN: the first non-canonical NaN operand quieted and made positive, else canonical. */
function expectedNaN(operands: bigint[]): bigint {
  const payloadNaN = operands.find((b) => isNaNBits(b) && (b & ~SIGN) !== CANONICAL);
  return payloadNaN === undefined ? CANONICAL : (payloadNaN & ~SIGN) | QUIET;
}

/** Non-NaN results must equal the reference bit for bit; NaN results follow the rule and are counted. */
function check(actual: () => number, reference: number, operands: bigint[]): void {
  const before = nondeterminism.nans;
  const r = actual();
  if (Number.isNaN(reference)) {
    expect(hex(r)).toBe(expectedNaN(operands).toString(16));
    expect(nondeterminism.nans).toBe(before + 1);
  } else {
    expect(hex(r)).toBe(hex(reference));
    expect(nondeterminism.nans).toBe(before);
  }
}

const ops = f64 as unknown as Record<string, (...args: number[]) => number>;
/** `f` on the doubles with bits `a` (and `b`), made in the call itself: an array of them could lose NaN payloads. */
const onBits = <R>(f: (...xs: number[]) => R, [a, b]: bigint[]): R => (b === undefined ? f(fromBits(a!)) : f(fromBits(a!), fromBits(b)));
const arithmetic = (name: string, ref: (...xs: number[]) => number, xs: bigint[]): void => check(() => onBits(ops[name]!, xs), onBits(ref, xs), xs);
const comparison = (name: string, ref: (...xs: number[]) => boolean, xs: bigint[]): void =>
  expect(onBits(ops[name]!, xs)).toBe(onBits(ref, xs) ? 1 : 0);

describe('f64 against JS doubles and the NaN rule', () => {
  it.each(floatChecks(float64, arithmetic, comparison))('%s', (_, run) => run());
  it('abs, neg, copysign act on the sign bit only, NaN payloads included, and choose nothing', () => {
    fc.assert(
      fc.property(float64, float64, (a, b) => {
        const before = nondeterminism.nans;
        expect(bitsOf(f64.abs(fromBits(a)))).toBe(a & ~SIGN);
        expect(bitsOf(f64.neg(fromBits(a)))).toBe(a ^ SIGN);
        expect(bitsOf(f64.copysign(fromBits(a), fromBits(b)))).toBe((a & ~SIGN) | (b & SIGN));
        expect(nondeterminism.nans).toBe(before);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('f64 edge cases', () => {
  const sNaN = fromBits(0x7ff0000000000001n);
  it('nearest rounds ties to even and keeps the sign of zero', () => {
    expect([0.5, 1.5, 2.5, -2.5, -3.5, 4503599627370495.5].map(f64.nearest)).toEqual([0, 2, 2, -2, -4, 4503599627370496]);
    expect(Object.is(f64.nearest(-0.5), -0)).toBe(true);
    expect(Object.is(f64.nearest(-0), -0)).toBe(true);
    expect(f64.nearest(0.49999999999999994)).toBe(0);
    expect(f64.nearest(-Infinity)).toBe(-Infinity);
  });
  it('ceil, floor, trunc, sqrt of negative zero and small negatives give -0', () => {
    expect(Object.is(f64.ceil(-0.5), -0)).toBe(true);
    expect(Object.is(f64.floor(-0), -0)).toBe(true);
    expect(Object.is(f64.trunc(-0.9), -0)).toBe(true);
    expect(Object.is(f64.sqrt(-0), -0)).toBe(true);
  });
  it('min and max order -0 below +0 in both operand orders', () => {
    expect(Object.is(f64.min(0, -0), -0) && Object.is(f64.min(-0, 0), -0)).toBe(true);
    expect(Object.is(f64.max(0, -0), 0) && Object.is(f64.max(-0, 0), 0)).toBe(true);
  });
  it('invalid operations give the positive canonical NaN', () => {
    for (const r of [f64.add(Infinity, -Infinity), f64.mul(0, Infinity), f64.div(0, 0), f64.sqrt(-1), f64.sub(Infinity, Infinity)]) {
      expect(hex(r)).toBe('7ff8000000000000');
    }
    expect(hex(f64.add(fromBits(0xfff8000000000000n), 1))).toBe('7ff8000000000000');
  });
  it('a signaling NaN operand gives an arithmetic NaN with its payload', () => {
    expect(hex(f64.add(sNaN, 1))).toBe('7ff8000000000001');
    expect(hex(f64.min(1, fromBits(0xfff4000000000000n)))).toBe('7ffc000000000000');
    expect(hex(f64.ceil(fromBits(0x7ff0000000000abcn)))).toBe('7ff8000000000abc');
  });
  it('neg and abs keep a signaling NaN signaling', () => {
    expect(hex(f64.neg(sNaN))).toBe('fff0000000000001');
    expect(hex(f64.abs(f64.neg(sNaN)))).toBe('7ff0000000000001');
    expect(hex(f64.copysign(sNaN, -1))).toBe('fff0000000000001');
  });
  it('NaN compares unequal to everything', () => {
    expect([f64.eq(NaN, NaN), f64.ne(NaN, NaN), f64.lt(NaN, 1), f64.ge(NaN, 1)]).toEqual([0, 1, 0, 0]);
    expect(f64.eq(0, -0)).toBe(1);
  });
  it('subnormals are not flushed', () => {
    expect(f64.add(Number.MIN_VALUE, Number.MIN_VALUE)).toBe(2 * Number.MIN_VALUE);
    expect(f64.div(2 ** -1022, 2)).toBe(2 ** -1023);
  });
});
