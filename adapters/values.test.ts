// sameValue is the comparisons' equality of values: it must say "same"
// exactly when showResult shows two values alike (the form outcomes are
// shown and stored in), which is its independent reference here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultValue } from './plan.js';
import { sameResults, sameValue, showResult } from './values.js';

// few distinct bits, so that equal pairs are common and near misses (one bit, one byte, the sign) too
const u32 = fc.constantFrom(0, 1, 0x7fc00000, 0xffc00000, 0x80000000, 0xffffffff);
const u64 = fc.constantFrom(0n, 1n, 0x7ff8_0000_0000_0000n, 0xfff8_0000_0000_0000n, 0xffff_ffff_ffff_ffffn);
const value: fc.Arbitrary<ResultValue> = fc.oneof(
  fc.record({ type: fc.constantFrom('i32' as const, 'f32' as const), bits: u32 }),
  fc.record({ type: fc.constantFrom('i64' as const, 'f64' as const), bits: u64 }),
  fc.record({ type: fc.constant('v128' as const), bytes: fc.uint8Array({ minLength: 16, maxLength: 16, min: 0, max: 1 }) }),
  fc.record({ type: fc.constantFrom('funcref' as const, 'externref' as const), null: fc.boolean() }),
  fc.record({
    type: fc.constant('anyref' as const), null: fc.boolean(),
    gc: fc.option(fc.record({ kind: fc.integer({ min: 0, max: 4 }), test: fc.boolean(), digest: fc.constantFrom(0n, 1n, 0xffff_ffff_ffff_ffffn) }), { nil: undefined }),
  }),
);

describe('sameValue', () => {
  it('says same exactly when showResult shows the two values alike', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameValue(a, b)).toBe(showResult(a) === showResult(b));
      }),
      { numRuns: 5000 },
    );
  });

  it('compares result lists value by value, lengths included', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3 }), fc.array(value, { maxLength: 3 }), (a, b) => {
        expect(sameResults(a, b)).toBe(a.map(showResult).join(' ') === b.map(showResult).join(' ') && a.length === b.length);
      }),
    );
  });
});
