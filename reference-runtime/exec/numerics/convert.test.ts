import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trap } from '../../errors.js';
import * as cv from './convert.js';
import { nondeterminism } from './nan.js';

const view = new DataView(new ArrayBuffer(8));
const f64FromBits = (b: bigint): number => (view.setBigUint64(0, b), view.getFloat64(0));
const f64Bits = (x: number): bigint => (view.setFloat64(0, x), view.getBigUint64(0));
const f32Value = (bits: number): number => (view.setInt32(0, bits), view.getFloat32(0));
const f32Bits = (x: number): number => (view.setFloat32(0, x), view.getInt32(0));
const hex32 = (bits: number): string => (bits >>> 0).toString(16);

function outcome(f: () => number | bigint): number | bigint | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof Trap) return `trap: ${e.message}`;
    throw e;
  }
}

/** The exact value of a finite double, truncated toward zero, as a BigInt: from its fields, not from JS arithmetic. */
function truncExact(x: number): bigint {
  const bits = f64Bits(x);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const [mantissa, scale] = exponent === 0 ? [fraction, -1074] : [fraction | (1n << 52n), exponent - 1075];
  const magnitude = scale >= 0 ? mantissa << BigInt(scale) : mantissa >> BigInt(-scale);
  return bits >> 63n ? -magnitude : magnitude;
}

const ranges = { s32: [-(2n ** 31n), 2n ** 31n - 1n], u32: [0n, 2n ** 32n - 1n], s64: [-(2n ** 63n), 2n ** 63n - 1n], u64: [0n, 2n ** 64n - 1n] } as const;
type Range = keyof typeof ranges;

function truncRef(x: number, range: Range): bigint | string {
  if (Number.isNaN(x)) return 'trap: invalid conversion to integer';
  if (!Number.isFinite(x)) return 'trap: integer overflow';
  const t = truncExact(x);
  const [lo, hi] = ranges[range];
  return t < lo || t > hi ? 'trap: integer overflow' : t;
}

function truncSatRef(x: number, range: Range): bigint {
  const [lo, hi] = ranges[range];
  if (Number.isNaN(x)) return 0n;
  if (x === Infinity) return hi;
  if (x === -Infinity) return lo;
  const t = truncExact(x);
  return t < lo ? lo : t > hi ? hi : t;
}

/** Results in the interpreter's representations: i32 a signed number, i64 a signed BigInt. */
const asI32 = (v: bigint | string): number | string => (typeof v === 'string' ? v : Number(BigInt.asIntN(32, v)));
const asI64 = (v: bigint | string): bigint | string => (typeof v === 'string' ? v : BigInt.asIntN(64, v));

// Doubles near every truncation boundary, as bits (see f64.test.ts on why bits).
const boundaries = [0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 63, -(2 ** 63), 2 ** 64, -(2 ** 64)];
const nearBoundary = fc
  .tuple(fc.constantFrom(...boundaries), fc.integer({ min: -3, max: 3 }), fc.double({ min: -1.5, max: 1.5, noNaN: true }))
  .map(([b, ulps, frac]) => (ulps === 0 ? f64Bits(b + frac) : f64Bits(b) + BigInt(ulps)));
const float64 = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.double().map(f64Bits),
  nearBoundary,
  fc.constantFrom(f64Bits(Infinity), f64Bits(-Infinity), f64Bits(-0), 0x7ff8000000000000n, 0x7ff0000000000001n),
);
const float32 = fc.oneof(fc.integer({ min: -0x80000000, max: 0x7fffffff }), nearBoundary.map((b) => f32Bits(f64FromBits(b))));

type Trunc = [string, Range, 'f32' | 'f64', boolean];
const truncs: Trunc[] = [];
for (const to of ['i32', 'i64'] as const)
  for (const from of ['f32', 'f64'] as const)
    for (const sign of ['s', 'u'] as const)
      for (const sat of [false, true]) truncs.push([`${to}_trunc${sat ? '_sat' : ''}_${from}_${sign}`, `${sign}${to.slice(1)}` as Range, from, sat]);

const ops = cv as unknown as Record<string, (x: number | bigint) => number | bigint>;

describe('truncations against the exact value of the float', () => {
  for (const [name, range, from, sat] of truncs) {
    it(name, () => {
      const convert = range.endsWith('32') ? asI32 : asI64;
      const property = (x: number, operand: number) => {
        const expected = convert(sat ? truncSatRef(x, range) : truncRef(x, range));
        expect(outcome(() => ops[name]!(operand))).toBe(expected);
      };
      const arbitrary = from === 'f64' ? float64.map((b) => [b, 0] as const) : float32.map((b) => [0n, b] as const);
      fc.assert(
        fc.property(arbitrary, ([b64, b32]) => {
          if (from === 'f64') property(f64FromBits(b64), f64FromBits(b64));
          else property(f32Value(b32), b32);
        }),
        { numRuns: 3000 },
      );
    });
  }
});

/** Round |n| to `precision` significant bits, ties to even, by integer arithmetic; the result as an exact double. */
function roundInteger(n: bigint, precision: number): number {
  const magnitude = n < 0n ? -n : n;
  const length = magnitude.toString(2).length;
  if (magnitude === 0n || length <= precision) return Number(n);
  const shift = BigInt(length - precision);
  let q = magnitude >> shift;
  const rest = magnitude - (q << shift);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  const value = Number(q) * 2 ** Number(shift);
  return n < 0n ? -value : value;
}

// Integers built around rounding boundaries: a random head, then exactly half
// an ulp, or one unit either side of it, or zeros, or random low bits.
const nearTie = (headBits: number, maxShift: number) =>
  fc
    .tuple(
      fc.bigInt({ min: 1n, max: (1n << BigInt(headBits)) - 1n }),
      fc.integer({ min: 1, max: maxShift }),
      fc.constantFrom(-1n, 0n, 1n, 2n),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      fc.boolean(),
    )
    .map(([head, shift, tweak, random, negative]) => {
      const s = BigInt(shift);
      const half = 1n << (s - 1n);
      const low = tweak === 2n ? random % (1n << s) : half + tweak;
      const n = (head << s) + low;
      return negative ? -n : n;
    });
const int64 = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), nearTie(25, 39), nearTie(54, 10));

describe('integer to float conversions round once, correctly', () => {
  it('f32_convert_i64_s', () => {
    fc.assert(
      fc.property(int64, (raw) => {
        const n = BigInt.asIntN(64, raw);
        expect(hex32(cv.f32_convert_i64_s(n))).toBe(hex32(f32Bits(roundInteger(n, 24))));
      }),
      { numRuns: 5000 },
    );
  });
  it('f32_convert_i64_u', () => {
    fc.assert(
      fc.property(int64, (raw) => {
        const n = BigInt.asIntN(64, raw);
        expect(hex32(cv.f32_convert_i64_u(n))).toBe(hex32(f32Bits(roundInteger(BigInt.asUintN(64, n), 24))));
      }),
      { numRuns: 5000 },
    );
  });
  it('f64_convert_i64_s and _u', () => {
    fc.assert(
      fc.property(int64, (raw) => {
        const n = BigInt.asIntN(64, raw);
        expect(cv.f64_convert_i64_s(n)).toBe(roundInteger(n, 53));
        expect(cv.f64_convert_i64_u(n)).toBe(roundInteger(BigInt.asUintN(64, n), 53));
      }),
      { numRuns: 5000 },
    );
  });
  it('from i32', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), (a) => {
        expect(hex32(cv.f32_convert_i32_s(a))).toBe(hex32(f32Bits(roundInteger(BigInt(a), 24))));
        expect(hex32(cv.f32_convert_i32_u(a))).toBe(hex32(f32Bits(roundInteger(BigInt(a >>> 0), 24))));
        expect(cv.f64_convert_i32_s(a)).toBe(a);
        expect(cv.f64_convert_i32_u(a)).toBe(a >>> 0);
      }),
    );
  });
  it('known double-rounding traps', () => {
    // Via a double, 2^60 + 2^36 + 1 would first round to the tie 2^60 + 2^36, then to even 2^60.
    expect(f32Value(cv.f32_convert_i64_u(2n ** 60n + 2n ** 36n + 1n))).toBe(2 ** 60 + 2 ** 37);
    expect(f32Value(cv.f32_convert_i64_s(-(2n ** 60n + 2n ** 36n + 1n)))).toBe(-(2 ** 60 + 2 ** 37));
    expect(f32Value(cv.f32_convert_i64_s(9007199791611905n))).toBe(9007200328482816); // spec conversions.wast
    expect(f32Value(cv.f32_convert_i64_u(-1n))).toBe(2 ** 64);
    expect(cv.f64_convert_i64_s(9007199254740993n)).toBe(9007199254740992);
    expect(cv.f64_convert_i64_u(-1n)).toBe(2 ** 64);
  });
});

describe('truncation edge cases', () => {
  const f = f32Bits;
  it('i32 bounds', () => {
    expect(() => cv.i32_trunc_f32_s(f(-2147483904))).toThrow(new Trap('integer overflow'));
    expect(cv.i32_trunc_f32_s(f(-2147483648))).toBe(-2147483648);
    expect(() => cv.i32_trunc_f32_s(f(2147483648))).toThrow('integer overflow');
    expect(cv.i32_trunc_f32_s(f(2147483520))).toBe(2147483520);
    expect(cv.i32_trunc_f64_s(-2147483648.9)).toBe(-2147483648);
    expect(() => cv.i32_trunc_f64_s(-2147483649)).toThrow('integer overflow');
    expect(cv.i32_trunc_f64_s(2147483647.9)).toBe(2147483647);
    expect(cv.i32_trunc_f64_u(-0.9)).toBe(0);
    expect(cv.i32_trunc_f64_u(4294967295.9)).toBe(-1);
    expect(() => cv.i32_trunc_f64_u(4294967296)).toThrow('integer overflow');
    expect(() => cv.i32_trunc_f64_u(-1)).toThrow('integer overflow');
  });
  it('i64 bounds', () => {
    expect(cv.i64_trunc_f64_s(-(2 ** 63))).toBe(-(2n ** 63n));
    expect(() => cv.i64_trunc_f64_s(2 ** 63)).toThrow('integer overflow');
    expect(cv.i64_trunc_f64_u(2 ** 64 - 2048)).toBe(-2048n);
    expect(() => cv.i64_trunc_f64_u(2 ** 64)).toThrow('integer overflow');
    expect(cv.i64_trunc_f32_s(0x5effffff)).toBe(9223371487098961920n);
    expect(() => cv.i64_trunc_f32_s(0x5f000000)).toThrow('integer overflow');
    expect(cv.i64_trunc_f32_u(f(-0.99))).toBe(0n);
  });
  it('NaN traps as an invalid conversion, infinity as overflow', () => {
    expect(() => cv.i32_trunc_f32_s(0x7fc00000)).toThrow('invalid conversion to integer');
    expect(() => cv.i64_trunc_f64_u(NaN)).toThrow(new Trap('invalid conversion to integer'));
    expect(() => cv.i32_trunc_f64_u(Infinity)).toThrow('integer overflow');
    expect(() => cv.i64_trunc_f32_s(f(-Infinity))).toThrow('integer overflow');
  });
  it('saturating truncation clamps and maps NaN to 0', () => {
    expect(cv.i32_trunc_sat_f32_s(0x7fc00000)).toBe(0);
    expect(cv.i32_trunc_sat_f64_s(Infinity)).toBe(2147483647);
    expect(cv.i32_trunc_sat_f64_s(-Infinity)).toBe(-2147483648);
    expect(cv.i32_trunc_sat_f64_u(-Infinity)).toBe(0);
    expect(cv.i32_trunc_sat_f64_u(1e10)).toBe(-1);
    expect(cv.i64_trunc_sat_f64_u(2 ** 64)).toBe(-1n);
    expect(cv.i64_trunc_sat_f64_s(-1e300)).toBe(-(2n ** 63n));
    expect(cv.i64_trunc_sat_f32_u(0xffc00000 | 0)).toBe(0n);
  });
});

describe('between float widths', () => {
  it('demote rounds like Math.fround and follows the NaN rule', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.double().map(f64Bits)), (b) => {
        const x = f64FromBits(b);
        const before = nondeterminism.nans;
        const r = cv.f32_demote_f64(x);
        if (Number.isNaN(x)) {
          const canonical = (b & ~(1n << 63n)) === 0x7ff8000000000000n;
          const expected = canonical ? 0x7fc00000 : 0x7fc00000 | Number((b >> 29n) & 0x7fffffn);
          expect(hex32(r)).toBe(hex32(expected));
          expect(nondeterminism.nans).toBe(before + 1);
        } else {
          expect(hex32(r)).toBe(hex32(f32Bits(Math.fround(x))));
          expect(nondeterminism.nans).toBe(before);
        }
      }),
      { numRuns: 3000 },
    );
  });
  it('promote is exact and follows the NaN rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), (a) => {
        const before = nondeterminism.nans;
        const r = cv.f64_promote_f32(a);
        const nan = (a & 0x7fffffff) > 0x7f800000;
        if (!nan) expect(f64Bits(r)).toBe(f64Bits(f32Value(a)));
        else if ((a & 0x7fffffff) === 0x7fc00000) expect(f64Bits(r)).toBe(0x7ff8000000000000n);
        else expect(f64Bits(r)).toBe(0x7ff8000000000000n | (BigInt(a & 0x7fffff) << 29n));
        expect(nondeterminism.nans).toBe(nan ? before + 1 : before);
      }),
      { numRuns: 3000 },
    );
  });
  it('demote edge cases: overflow threshold, subnormal ties, signed zero', () => {
    expect(hex32(cv.f32_demote_f64(f64FromBits(0x47efffffefffffffn)))).toBe('7f7fffff'); // 0x1.fffffefffffffp+127
    expect(hex32(cv.f32_demote_f64(f64FromBits(0x47effffff0000000n)))).toBe('7f800000'); // 0x1.ffffffp+127 ties up to inf
    expect(hex32(cv.f32_demote_f64(2 ** -150))).toBe('0');
    expect(hex32(cv.f32_demote_f64(2 ** -150 + 2 ** -200))).toBe('1');
    expect(hex32(cv.f32_demote_f64(-0))).toBe('80000000');
    expect(hex32(cv.f32_demote_f64(f64FromBits(0xfff8000000000000n)))).toBe('7fc00000');
    expect(hex32(cv.f32_demote_f64(f64FromBits(0x7ff4000000000000n)))).toBe('7fe00000');
  });
  it('promote of a signaling NaN gives a quiet NaN with the payload', () => {
    expect(f64Bits(cv.f64_promote_f32(0x7fa00000)).toString(16)).toBe('7ffc000000000000');
    expect(f64Bits(cv.f64_promote_f32(0xffc00000 | 0)).toString(16)).toBe('7ff8000000000000');
  });
});

describe('reinterpretations and integer width changes', () => {
  it('reinterpret keeps every bit, NaN payloads included', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (b) => {
        const x = cv.f64_reinterpret_i64(BigInt.asIntN(64, b));
        expect(f64Bits(x)).toBe(b);
        expect(cv.i64_reinterpret_f64(x)).toBe(BigInt.asIntN(64, b));
      }),
    );
    expect(cv.i32_reinterpret_f32(0x7f800001)).toBe(0x7f800001);
    expect(cv.f32_reinterpret_i32(-1)).toBe(-1);
  });
  it('wrap and extend', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (a) => {
        expect(cv.i32_wrap_i64(a)).toBe(Number(BigInt.asIntN(32, a)));
      }),
    );
    expect(cv.i64_extend_i32_s(-1)).toBe(-1n);
    expect(cv.i64_extend_i32_u(-1)).toBe(0xffffffffn);
    expect(cv.i64_extend32_s(0x80000000n)).toBe(-(2n ** 31n));
    expect(cv.i64_extend8_s(0x17fn)).toBe(127n);
    expect(cv.i32_extend16_s(0x8000)).toBe(-32768);
  });
});
