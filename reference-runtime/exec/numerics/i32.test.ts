import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trap } from '../../errors.js';
import { intChecks, type IntOutcome } from './op-properties.js';
import * as i32 from './i32.js';

// Reference: exact BigInt arithmetic on the mathematical values, wrapped explicitly.
const S = (x: number): bigint => BigInt(x);
const U = (x: number): bigint => BigInt(x >>> 0);
const wrap = (x: bigint): number => {
  const m = ((x % 2n ** 32n) + 2n ** 32n) % 2n ** 32n;
  return Number(m >= 2n ** 31n ? m - 2n ** 32n : m);
};
const bits = (x: number): string => (x >>> 0).toString(2).padStart(32, '0');
const truncDiv = (a: bigint, b: bigint): bigint => a / b; // BigInt `/` truncates toward zero by definition


const MIN = -0x80000000;
const int32 = fc.oneof(
  fc.integer({ min: MIN, max: 0x7fffffff }),
  fc.constantFrom(0, 1, -1, 2, MIN, 0x7fffffff, MIN + 1, 31, 32, 33, 0x80, 0x8000, 0xff, 0xffff),
);

const unary: Record<string, (a: number) => IntOutcome> = {
  clz: (a) => (a === 0 ? 32 : bits(a).indexOf('1')),
  ctz: (a) => (a === 0 ? 32 : 31 - bits(a).lastIndexOf('1')),
  popcnt: (a) => [...bits(a)].filter((c) => c === '1').length,
  eqz: (a) => (a === 0 ? 1 : 0),
  extend8_s: (a) => wrap(((U(a) & 0xffn) ^ 0x80n) - 0x80n),
  extend16_s: (a) => wrap(((U(a) & 0xffffn) ^ 0x8000n) - 0x8000n),
};

const k = (b: number): bigint => U(b) % 32n;
const binary: Record<string, (a: number, b: number) => IntOutcome> = {
  add: (a, b) => wrap(S(a) + S(b)),
  sub: (a, b) => wrap(S(a) - S(b)),
  mul: (a, b) => wrap(S(a) * S(b)),
  div_s: (a, b) =>
    b === 0 ? 'trap: integer divide by zero' : S(a) / S(b) === 2n ** 31n ? 'trap: integer overflow' : wrap(truncDiv(S(a), S(b))),
  div_u: (a, b) => (b === 0 ? 'trap: integer divide by zero' : wrap(U(a) / U(b))),
  rem_s: (a, b) => (b === 0 ? 'trap: integer divide by zero' : wrap(S(a) - truncDiv(S(a), S(b)) * S(b))),
  rem_u: (a, b) => (b === 0 ? 'trap: integer divide by zero' : wrap(U(a) % U(b))),
  and: (a, b) => wrap(U(a) & U(b)),
  or: (a, b) => wrap(U(a) | U(b)),
  xor: (a, b) => wrap(U(a) ^ U(b)),
  shl: (a, b) => wrap(U(a) * 2n ** k(b)),
  shr_s: (a, b) => wrap(S(a) >= 0n ? S(a) / 2n ** k(b) : -((-S(a) + 2n ** k(b) - 1n) / 2n ** k(b))), // floor division
  shr_u: (a, b) => wrap(U(a) / 2n ** k(b)),
  rotl: (a, b) => wrap((U(a) * 2n ** k(b)) % 2n ** 32n + U(a) / 2n ** (32n - k(b))),
  rotr: (a, b) => wrap(U(a) / 2n ** k(b) + (U(a) * 2n ** (32n - k(b))) % 2n ** 32n),
  eq: (a, b) => (S(a) === S(b) ? 1 : 0),
  ne: (a, b) => (S(a) !== S(b) ? 1 : 0),
  lt_s: (a, b) => (S(a) < S(b) ? 1 : 0),
  lt_u: (a, b) => (U(a) < U(b) ? 1 : 0),
  gt_s: (a, b) => (S(a) > S(b) ? 1 : 0),
  gt_u: (a, b) => (U(a) > U(b) ? 1 : 0),
  le_s: (a, b) => (S(a) <= S(b) ? 1 : 0),
  le_u: (a, b) => (U(a) <= U(b) ? 1 : 0),
  ge_s: (a, b) => (S(a) >= S(b) ? 1 : 0),
  ge_u: (a, b) => (U(a) >= U(b) ? 1 : 0),
};

describe('i32 against BigInt arithmetic', () => {
  it.each(intChecks(i32, [[unary, 1], [binary, 2]], int32, 2000))('%s', (_, run) => run());
});

describe('i32 edge cases', () => {
  it('div_s MIN by -1 traps with integer overflow, rem_s gives 0', () => {
    expect(() => i32.div_s(MIN, -1)).toThrow(new Trap('integer overflow'));
    expect(Object.is(i32.rem_s(MIN, -1), 0)).toBe(true);
    expect(Object.is(i32.rem_s(-4, 2), 0)).toBe(true); // not -0
  });
  it('divide by zero traps for every division', () => {
    for (const f of [i32.div_s, i32.div_u, i32.rem_s, i32.rem_u]) {
      expect(() => f(1, 0)).toThrow(Trap);
      expect(() => f(1, 0)).toThrow('integer divide by zero');
    }
  });
  it('unsigned division sees 0xffffffff as 4294967295', () => {
    expect(i32.div_u(-1, 2)).toBe(0x7fffffff);
    expect(i32.rem_u(-1, 10)).toBe(5);
    expect(i32.div_u(MIN, -1)).toBe(0);
  });
  it('shift and rotate counts are taken modulo 32', () => {
    expect(i32.shl(1, 32)).toBe(1);
    expect(i32.shl(1, 31)).toBe(MIN);
    expect(i32.shr_u(MIN, 31)).toBe(1);
    expect(i32.shr_u(-1, 0)).toBe(-1);
    expect(i32.shr_s(MIN, 31)).toBe(-1);
    expect(i32.rotl(0xabcd9876 | 0, 1)).toBe(0x579b30ed);
    expect(i32.rotr(0xb0c1d2e3 | 0, 0x0005)).toBe(0x1d860e97);
    expect(i32.rotl(0x12345678, -32)).toBe(0x12345678);
  });
  it('bit counts', () => {
    expect([i32.clz(0), i32.clz(1), i32.clz(-1)]).toEqual([32, 31, 0]);
    expect([i32.ctz(0), i32.ctz(MIN), i32.ctz(-1)]).toEqual([32, 31, 0]);
    expect([i32.popcnt(0), i32.popcnt(-1), i32.popcnt(0x55555555)]).toEqual([0, 32, 16]);
  });
  it('sign extensions', () => {
    expect(i32.extend8_s(0x80)).toBe(-128);
    expect(i32.extend8_s(0x7f)).toBe(127);
    expect(i32.extend16_s(0x18000)).toBe(-32768);
  });
});
