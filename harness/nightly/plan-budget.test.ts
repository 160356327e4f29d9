import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BENCH_SHARE, SPEC_SHARE, planBudget } from './plan-budget.js';

describe('planBudget', () => {
  it('gives spec at most a quarter, bench at most a fifth and the fuzzer the most, all adding up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 24 * 3_600_000 }), (total) => {
        const p = planBudget(total);
        expect(p.specMs + p.benchMs + p.reserveMs + p.fuzzMs).toBe(total);
        expect(p.specMs).toBeLessThanOrEqual(total * SPEC_SHARE);
        expect(p.benchMs).toBeLessThanOrEqual(total * BENCH_SHARE);
        expect(p.fuzzMs).toBeGreaterThan(p.specMs);
        expect(p.fuzzMs).toBeGreaterThan(p.benchMs);
        expect(p.specTimeoutMs).toBeGreaterThanOrEqual(2000);
        expect(p.specTimeoutMs).toBeLessThanOrEqual(10_000);
      }),
    );
  });
  it('splits 30 minutes as the CI job runs it', () => {
    const p = planBudget(30 * 60_000);
    expect(p).toMatchObject({ specMs: 450_000, benchMs: 360_000, reserveMs: 60_000, fuzzMs: 930_000, specTimeoutMs: 10_000 });
  });
});
