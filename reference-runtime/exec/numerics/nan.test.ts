import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isArithmeticNaN32, isArithmeticNaN64, isArithmeticNaN64Bits, isCanonicalNaN32, isCanonicalNaN64, isCanonicalNaN64Bits, isNaN32, isNaN64Bits } from './nan.js';

// The NaN sets as spec 4.3.3 words them, from the fields of the format
// (exponent all ones, a fraction of n bits), not from nan.ts's masks.
function classOf(exponent: bigint, exponentBits: bigint, fraction: bigint, n: bigint): 'not NaN' | 'canonical' | 'arithmetic' | 'signalling' {
  if (exponent !== (1n << exponentBits) - 1n || fraction === 0n) return 'not NaN';
  if (fraction === 1n << (n - 1n)) return 'canonical';
  return fraction >= 1n << (n - 1n) ? 'arithmetic' : 'signalling';
}

const view = new DataView(new ArrayBuffer(8));
const fromBits = (b: bigint): number => (view.setBigUint64(0, b), view.getFloat64(0));
const bits64 = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  // mostly NaNs and infinities: exponent all ones, either sign, any fraction
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }), fc.constantFrom(0n, 1n << 51n)).map(([s, f, q]) => (s ? 1n << 63n : 0n) | (0x7ffn << 52n) | f | q),
);
const bits32 = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.tuple(fc.boolean(), fc.integer({ min: 0, max: (1 << 23) - 1 })).map(([s, f]) => ((s ? 0x80000000 : 0) | (0xff << 23) | f) >>> 0));

describe('NaN sets', () => {
  it('f64 bit forms: NaN, canonical and arithmetic as the spec defines them, and as the double forms say', () => {
    fc.assert(
      fc.property(bits64, (b) => {
        const c = classOf((b >> 52n) & 0x7ffn, 11n, b & ((1n << 52n) - 1n), 52n);
        expect(isNaN64Bits(b)).toBe(c !== 'not NaN');
        expect(isCanonicalNaN64Bits(b)).toBe(c === 'canonical');
        expect(isArithmeticNaN64Bits(b)).toBe(c === 'canonical' || c === 'arithmetic');
        expect(isCanonicalNaN64(fromBits(b))).toBe(isCanonicalNaN64Bits(b));
        expect(isArithmeticNaN64(fromBits(b))).toBe(isArithmeticNaN64Bits(b));
      }),
      { numRuns: 5000 },
    );
  });

  it('f32 forms: the same sets on 32 bits, signed or unsigned', () => {
    fc.assert(
      fc.property(bits32, (b) => {
        const c = classOf(BigInt((b >>> 23) & 0xff), 8n, BigInt(b & ((1 << 23) - 1)), 23n);
        for (const x of [b, b | 0]) {
          expect(isNaN32(x)).toBe(c !== 'not NaN');
          expect(isCanonicalNaN32(x)).toBe(c === 'canonical');
          expect(isArithmeticNaN32(x)).toBe(c === 'canonical' || c === 'arithmetic');
        }
      }),
      { numRuns: 5000 },
    );
  });
});
