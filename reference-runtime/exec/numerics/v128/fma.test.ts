// fma against two independent models: for f32, the exact product in binary64
// plus z rounded to odd, then rounded to binary32 (relaxed.model.ts; exact by
// the round-to-odd theorem, binary64 having more than 2*24+2 bits); for
// f64, the defining property checked with BigInt: no neighbour of the result
// is nearer to the exact x*y+z, and a tie goes to the even significand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f32Bits, f32Value } from '../scratch.js';
import { CANONICAL_NAN32, isArithmeticNaN64, isCanonicalNaN32, isCanonicalNaN64, isNaN32 } from '../nan.js';
import { fma32, fma64 } from './fma.js';
import { modelFma32 } from './relaxed.model.js';

const view = new DataView(new ArrayBuffer(8));
function bits64(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}
function fromBits64(b: bigint): number {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
}
/** The next double away from zero in the direction of `sign` (finite, nonzero or zero x). */
function step(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const b = bits64(x);
  const away = x > 0 === up;
  return fromBits64(away ? b + 1n : b - 1n);
}

const SCALE = 1100n;
/** x * 2^1100 exactly (every finite double is a multiple of 2^-1074). */
function scaled(x: number): bigint {
  const b = bits64(x);
  const negative = b >> 63n === 1n;
  const field = Number((b >> 52n) & 0x7ffn);
  const fraction = b & ((1n << 52n) - 1n);
  const mantissa = field === 0 ? fraction : fraction | (1n << 52n);
  const magnitude = mantissa << BigInt(Math.max(field, 1) - 1075 + 1100);
  return negative ? -magnitude : magnitude;
}

/** Is r the correctly rounded (ties to even) binary64 value of x*y+z? Finite operands. */
function isCorrectlyRounded64(x: number, y: number, z: number, r: number): boolean {
  const exact = scaled(x) * scaled(y) + (scaled(z) << SCALE);
  const abs = (v: bigint) => (v < 0n ? -v : v);
  if (!Number.isFinite(r)) {
    // overflow: |exact| >= MAX + half an ulp (2^1024 - 2^970), with r's sign
    const threshold = ((1n << 1024n) - (1n << 970n)) << (2n * SCALE);
    return abs(exact) >= threshold && exact > 0n === r > 0;
  }
  const R = scaled(r) << SCALE;
  const d = abs(exact - R);
  for (const n of [step(r, true), step(r, false)]) {
    if (!Number.isFinite(n)) continue;
    const dn = abs(exact - (scaled(n) << SCALE));
    if (dn < d) return false;
    if (dn === d && (bits64(r) & 1n) === 1n) return false;
  }
  if (exact === 0n) return true; // the sign of an exact zero is checked separately
  return r === 0 || exact > 0n === r > 0;
}

const finite32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => f32Bits(x));
const finite64 = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('fma32', () => {
  it('matches the round-to-odd model on finite operands', () => {
    fc.assert(
      fc.property(finite32, finite32, finite32, (x, y, z) => {
        expect(fma32(x, y, z)).toBe(f32Bits(modelFma32(f32Value(x), f32Value(y), f32Value(z))));
      }),
      { numRuns: 20000 },
    );
  });

  it('matches it near cancellation, where fused and unfused differ most', () => {
    const near = fc.tuple(finite32, finite32, fc.integer({ min: -4, max: 4 })).map(([x, y, d]) => {
      const p = Math.fround(f32Value(x) * f32Value(y));
      const z = Number.isFinite(p) ? f32Bits(-p) + d : 0;
      return [x, y, z | 0] as const;
    });
    fc.assert(
      fc.property(near, ([x, y, z]) => {
        if (isNaN32(z)) return;
        expect(fma32(x, y, z)).toBe(f32Bits(modelFma32(f32Value(x), f32Value(y), f32Value(z))));
      }),
      { numRuns: 20000 },
    );
  });

  it('rounds once where two roundings differ', () => {
    // (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24: rounding the product first loses the 2^-24
    const x = f32Bits(1 + 2 ** -12);
    expect(f32Value(fma32(x, x, f32Bits(-1)))).toBe(2 ** -11 + 2 ** -24);
    expect(Math.fround(Math.fround(f32Value(x) * f32Value(x)) - 1)).toBe(2 ** -11);
  });

  it('follows the NaN rule over three operands', () => {
    const payload = 0x7fa00001;
    expect(fma32(f32Bits(1), payload, f32Bits(1))).toBe(0x7fe00001);
    expect(fma32(f32Bits(1), f32Bits(1), payload)).toBe(0x7fe00001);
    expect(isCanonicalNaN32(fma32(f32Bits(Infinity), 0, f32Bits(1)))).toBe(true);
    expect(isCanonicalNaN32(fma32(f32Bits(Infinity), f32Bits(1), f32Bits(-Infinity)))).toBe(true);
    expect(fma32(CANONICAL_NAN32, f32Bits(1), f32Bits(1))).toBe(CANONICAL_NAN32);
  });

  it('keeps the signs of zeros', () => {
    expect(fma32(f32Bits(-0), f32Bits(1), f32Bits(-0))).toBe(f32Bits(-0));
    expect(fma32(f32Bits(-0), f32Bits(1), 0)).toBe(0);
    expect(fma32(f32Bits(1), f32Bits(-1), f32Bits(1))).toBe(0);
    // a product below the smallest subnormal keeps its sign
    expect(fma32(f32Bits(2 ** -100), f32Bits(-(2 ** -100)), f32Bits(-0))).toBe(f32Bits(-0));
  });
});

describe('fma64', () => {
  it('is correctly rounded on finite operands', () => {
    fc.assert(
      fc.property(finite64, finite64, finite64, (x, y, z) => {
        expect(isCorrectlyRounded64(x, y, z, fma64(x, y, z))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('is correctly rounded near cancellation and at the exponent extremes', () => {
    const moderate = fc.double({ min: -1e150, max: 1e150, noNaN: true });
    const near = fc.tuple(moderate, moderate, fc.integer({ min: -3, max: 3 })).map(([x, y, d]) => {
      const z = -(x * y);
      return [x, y, z === 0 ? fromBits64(BigInt(Math.abs(d))) : fromBits64(bits64(z) + BigInt(d))] as const;
    });
    const tiny = fc.double({ min: -1e-160, max: 1e-160, noNaN: true });
    fc.assert(
      fc.property(fc.oneof(near, fc.tuple(tiny, tiny, tiny), fc.tuple(finite64, finite64, tiny)), ([x, y, z]) => {
        fc.pre(Number.isFinite(z)); // a step from -0 leaves the doubles
        expect(isCorrectlyRounded64(x, y, z, fma64(x, y, z))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('the checker rejects a twice-rounded result (it can fail)', () => {
    const x = 1 + 2 ** -30; // x*x - 1 = 2^-29 + 2^-60 exactly; x*x alone rounds the 2^-60 away
    expect(x * x - 1).toBe(2 ** -29);
    expect(isCorrectlyRounded64(x, x, -1, x * x - 1)).toBe(false);
    expect(fma64(x, x, -1)).toBe(2 ** -29 + 2 ** -60);
    expect(isCorrectlyRounded64(x, x, -1, fma64(x, x, -1))).toBe(true);
  });

  it('overflows to infinity, and an exact infinite operand wins', () => {
    expect(fma64(Number.MAX_VALUE, 2, -Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    expect(fma64(Number.MAX_VALUE, 2, 0)).toBe(Infinity);
    expect(fma64(Number.MAX_VALUE, -2, 1)).toBe(-Infinity);
    expect(fma64(1e308, 10, -Infinity)).toBe(-Infinity);
    expect(fma64(Infinity, 2, 5)).toBe(Infinity);
  });

  it('follows the NaN rule and the signed-zero rule', () => {
    expect(isCanonicalNaN64(fma64(Infinity, 0, 1))).toBe(true);
    expect(isCanonicalNaN64(fma64(Infinity, 1, -Infinity))).toBe(true);
    const payload = fromBits64(0x7ff4_0000_0000_0001n);
    const r = fma64(2, payload, 1);
    expect(isArithmeticNaN64(r) && !isCanonicalNaN64(r)).toBe(true);
    expect(Object.is(fma64(-0, 1, -0), -0)).toBe(true);
    expect(Object.is(fma64(2, 3, -6), 0)).toBe(true);
    expect(Object.is(fma64(2 ** -600, -(2 ** -600), -0), -0)).toBe(true);
  });
});
