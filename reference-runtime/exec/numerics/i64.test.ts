import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trap } from '../../errors.js';
import { intChecks, type IntOutcome } from './op-properties.js';
import * as i64 from './i64.js';

// Reference: arithmetic on mathematical integers, reduced modulo 2^64 by hand
// (no BigInt.asIntN, which the implementation uses), shifts as powers of two.
const M = 2n ** 64n;
const mod = (x: bigint): bigint => ((x % M) + M) % M;
const U = mod;
const wrap = (x: bigint): bigint => (mod(x) >= 2n ** 63n ? mod(x) - M : mod(x));
const bits = (x: bigint): string => U(x).toString(2).padStart(64, '0');
const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const k = (b: bigint): bigint => U(b) % 64n;


const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const int64 = fc.oneof(
  fc.bigInt({ min: MIN, max: MAX }),
  fc.bigInt({ min: -70n, max: 70n }),
  fc.constantFrom(MIN, MAX, MIN + 1n, 2n ** 32n, 2n ** 31n, -(2n ** 32n), 0xffffffffn),
);

const unary: Record<string, (a: bigint) => IntOutcome> = {
  clz: (a) => BigInt(a === 0n ? 64 : bits(a).indexOf('1')),
  ctz: (a) => BigInt(a === 0n ? 64 : 63 - bits(a).lastIndexOf('1')),
  popcnt: (a) => BigInt([...bits(a)].filter((c) => c === '1').length),
  eqz: (a) => (a === 0n ? 1 : 0),
  extend8_s: (a) => wrap(((U(a) % 256n) ^ 0x80n) - 0x80n),
  extend16_s: (a) => wrap(((U(a) % 65536n) ^ 0x8000n) - 0x8000n),
  extend32_s: (a) => wrap(((U(a) % 2n ** 32n) ^ 2n ** 31n) - 2n ** 31n),
};

const binary: Record<string, (a: bigint, b: bigint) => IntOutcome> = {
  add: (a, b) => wrap(a + b),
  sub: (a, b) => wrap(a - b),
  mul: (a, b) => wrap(a * b),
  div_s: (a, b) => (b === 0n ? 'trap: integer divide by zero' : a / b === 2n ** 63n ? 'trap: integer overflow' : a / b),
  div_u: (a, b) => (b === 0n ? 'trap: integer divide by zero' : wrap(U(a) / U(b))),
  rem_s: (a, b) => (b === 0n ? 'trap: integer divide by zero' : a - (a / b) * b),
  rem_u: (a, b) => (b === 0n ? 'trap: integer divide by zero' : wrap(U(a) % U(b))),
  and: (a, b) => wrap(U(a) & U(b)),
  or: (a, b) => wrap(U(a) | U(b)),
  xor: (a, b) => wrap(U(a) ^ U(b)),
  shl: (a, b) => wrap(U(a) * 2n ** k(b)),
  shr_s: (a, b) => floorDiv(a, 2n ** k(b)),
  shr_u: (a, b) => wrap(U(a) / 2n ** k(b)),
  rotl: (a, b) => wrap(mod(U(a) * 2n ** k(b)) + U(a) / 2n ** (64n - k(b))),
  rotr: (a, b) => wrap(U(a) / 2n ** k(b) + mod(U(a) * 2n ** (64n - k(b)))),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt_s: (a, b) => (a < b ? 1 : 0),
  lt_u: (a, b) => (U(a) < U(b) ? 1 : 0),
  gt_s: (a, b) => (a > b ? 1 : 0),
  gt_u: (a, b) => (U(a) > U(b) ? 1 : 0),
  le_s: (a, b) => (a <= b ? 1 : 0),
  le_u: (a, b) => (U(a) <= U(b) ? 1 : 0),
  ge_s: (a, b) => (a >= b ? 1 : 0),
  ge_u: (a, b) => (U(a) >= U(b) ? 1 : 0),
};

describe('i64 against exact integer arithmetic', () => {
  it.each(intChecks(i64, [[unary, 1], [binary, 2]], int64, 1000))('%s', (_, run) => run());
});

describe('i64 edge cases', () => {
  it('div_s MIN by -1 traps with integer overflow, rem_s gives 0', () => {
    expect(() => i64.div_s(MIN, -1n)).toThrow(new Trap('integer overflow'));
    expect(i64.rem_s(MIN, -1n)).toBe(0n);
  });
  it('divide by zero traps for every division', () => {
    for (const f of [i64.div_s, i64.div_u, i64.rem_s, i64.rem_u]) expect(() => f(1n, 0n)).toThrow('integer divide by zero');
  });
  it('results stay in the signed 64-bit range', () => {
    expect(i64.add(MAX, 1n)).toBe(MIN);
    expect(i64.mul(MIN, -1n)).toBe(MIN);
    expect(i64.div_u(-1n, 1n)).toBe(-1n);
    expect(i64.shr_u(-1n, 1n)).toBe(MAX);
    expect(i64.shl(1n, 63n)).toBe(MIN);
    expect(i64.shl(1n, 64n)).toBe(1n);
    expect(i64.rotl(1n, 65n)).toBe(2n);
    expect(i64.rotr(1n, 1n)).toBe(MIN);
  });
  it('bit counts return BigInt', () => {
    expect([i64.clz(0n), i64.clz(1n), i64.clz(-1n), i64.clz(2n ** 32n)]).toEqual([64n, 63n, 0n, 31n]);
    expect([i64.ctz(0n), i64.ctz(MIN), i64.ctz(2n ** 32n)]).toEqual([64n, 63n, 32n]);
    expect([i64.popcnt(-1n), i64.popcnt(0x8000800080008000n - 2n ** 64n)]).toEqual([64n, 4n]);
  });
});
