import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralRangeError, parseF32, parseF64, parseI32, parseI64, parseUnsigned } from './numbers.js';

const f64Bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0]!;
const f64Value = (bits: bigint) => new Float64Array(new BigUint64Array([bits]).buffer)[0]!;
const f32Bits = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0]!;
const f32Value = (bits: number) => new Float32Array(new Uint32Array([bits]).buffer)[0]!;

/** A finite double as a WAT decimal literal (toString is shortest round-trip; keep the sign of -0). */
function decimal(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A finite f64 as a hex float literal built from its bits: `±0x1.mmmmp±e` or subnormal `±0x0.mmmmp-1022`. */
function hexF64(bits: bigint): string {
  const sign = bits >> 63n ? '-' : '';
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = (bits & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  return exp === 0 ? `${sign}0x0.${mant}p-1022` : `${sign}0x1.${mant}p${exp - 1023}`;
}

describe('integer literals', () => {
  it('reads signs, hex and separators with the spec ranges', () => {
    expect(parseI32('0xffffffff')).toBe(-1);
    expect(parseI32('-0x80000000')).toBe(-2147483648);
    expect(parseI32('+2147483647')).toBe(2147483647);
    expect(parseI32('1_000')).toBe(1000);
    expect(parseI32('0x_1')).toBeUndefined();
    expect(parseI32('1__0')).toBeUndefined();
    expect(parseI32('1_')).toBeUndefined();
    expect(() => parseI32('4294967296')).toThrow(LiteralRangeError);
    expect(() => parseI32('+2147483648')).toThrow(LiteralRangeError);
    expect(() => parseI32('-2147483649')).toThrow(LiteralRangeError);
    expect(parseI64('0xffffffffffffffff')).toBe(-1n);
    expect(parseI64('-9223372036854775808')).toBe(-(2n ** 63n));
    expect(() => parseI64('18446744073709551616')).toThrow(LiteralRangeError);
    expect(parseUnsigned('-1', 32)).toBeUndefined();
  });
});

describe('float literals', () => {
  it('reads special values and NaN payloads', () => {
    expect(parseF32('inf')).toBe(0x7f800000);
    expect(parseF32('-inf')).toBe(0xff800000);
    expect(parseF32('nan')).toBe(0x7fc00000);
    expect(parseF32('-nan:0x1')).toBe(0xff800001);
    expect(parseF64('nan:0xf_ffff_ffff_ffff')).toBe(0x7fffffffffffffffn);
    expect(() => parseF32('nan:0x0')).toThrow(LiteralRangeError);
    expect(() => parseF32('nan:0x800000')).toThrow(LiteralRangeError);
    expect(parseF64('-0')).toBe(0x8000000000000000n);
    expect(parseF32('-0x0p+0')).toBe(0x80000000);
  });

  it('rounds halfway f32 cases to even, directly from the exact value', () => {
    expect(parseF32('0x1.000001p0')).toBe(0x3f800000); // halfway, even below
    expect(parseF32('0x1.000003p0')).toBe(0x3f800002); // halfway, even above
    expect(parseF32('0x1.00000100000000000p-50')).toBe(f32Bits(2 ** -50));
    expect(parseF32('0x1.00000100000000001p-50')).toBe(f32Bits(2 ** -50) + 1);
    expect(parseF32('1.000000059604644775390625')).toBe(0x3f800000); // 1 + 2^-24 exactly
    // Just above the midpoint: a JS double rounds this to the midpoint, and then to 1.0 (double rounding).
    expect(parseF32('1.00000005960464477539062500001')).toBe(0x3f800001);
    expect(f32Bits(Math.fround(Number('1.00000005960464477539062500001')))).toBe(0x3f800000);
    expect(parseF32('0x1p-149')).toBe(1);
    expect(parseF32('0x1p-150')).toBe(0); // halfway to the smallest subnormal: even is zero
    expect(parseF32('0x1.000001p-150')).toBe(1);
    expect(parseF32('0x1.fffffep127')).toBe(0x7f7fffff);
    expect(parseF32('0x1.fffffefffffffffffp127')).toBe(0x7f7fffff);
    expect(() => parseF32('0x1.ffffffp127')).toThrow(LiteralRangeError); // halfway to 2^128 rounds to infinity
    expect(() => parseF32('1e39')).toThrow(LiteralRangeError);
    expect(parseF32('1e-50')).toBe(0);
    expect(parseF64('0x1.fffffffffffffp1023')).toBe(0x7fefffffffffffffn);
    expect(() => parseF64('0x1.fffffffffffff8p1023')).toThrow(LiteralRangeError);
    expect(parseF64('4.9406564584124654e-324')).toBe(1n);
    expect(parseF64('2.4703282292062327e-324')).toBe(0n); // below half the smallest subnormal
    expect(parseF64('2.4703282292062328e-324')).toBe(1n); // above it
    expect(() => parseF64('1e100000')).toThrow(LiteralRangeError);
    expect(parseF64('1e-100000')).toBe(0n);
    expect(parseF64('1_000.000_1e0_1')).toBe(f64Bits(10000.001));
  });

  it('round-trips random f64 bit patterns through decimal and hex text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (bits) => {
        const x = f64Value(bits);
        if (!Number.isFinite(x)) return;
        expect(parseF64(decimal(x))).toBe(bits);
        expect(parseF64(hexF64(bits))).toBe(bits);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with Math.fround for f32 wherever double rounding cannot occur', () => {
    const literal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[1-9][0-9]{0,16}$/), fc.integer({ min: -60, max: 40 }))
      .map(([neg, digits, exp]) => `${neg ? '-' : ''}${digits}e${exp}`);
    fc.assert(
      fc.property(literal, (text) => {
        const d = Number(text);
        const f = Math.fround(d);
        if (!Number.isFinite(f)) return;
        // A double that sits exactly on an f32 midpoint may have been rounded there: skip it.
        const bits = f32Bits(f);
        const neighbours = [f32Value(bits + 1), f32Value(bits - 1)];
        if (neighbours.some((n) => Number.isFinite(n) && (f + n) / 2 === d)) return;
        expect(parseF32(text)).toBe(bits);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips random f32 bit patterns through decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
        const x = f32Value(bits);
        if (!Number.isFinite(x)) return;
        expect(parseF32(decimal(x))).toBe(bits);
      }),
      { numRuns: 3000 },
    );
  });
});
