import { describe, expect, it } from 'vitest';
import { binomialCdfHalf, findAnomalies, median, medianCI, prng, ratioCI, ratioOfRatiosCI, type RatioCI } from './stats.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('median and its distribution-free 99% interval', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('binomial tail matches hand-computed values', () => {
    expect(binomialCdfHalf(8, 0)).toBeCloseTo(1 / 256, 12);
    expect(binomialCdfHalf(20, 3)).toBeCloseTo(1351 / 1048576, 12);
    expect(binomialCdfHalf(20, 4)).toBeCloseTo(6196 / 1048576, 12);
  });

  it('has no 99% interval below 8 samples', () => {
    expect(medianCI(range(7))).toBeUndefined();
  });

  it('n = 8: the interval is [min, max] with coverage 1 - 2/256', () => {
    const ci = medianCI([8, 3, 5, 1, 7, 2, 6, 4])!;
    expect([ci.low, ci.high, ci.median]).toEqual([1, 8, 4.5]);
    expect(ci.ranks).toEqual([1, 8]);
    expect(ci.coverage).toBeCloseTo(1 - 2 / 256, 12);
  });

  it('n = 20: ranks 4 and 17 (P(X <= 3) = 0.0013 <= 0.005 < P(X <= 4) = 0.0059)', () => {
    const ci = medianCI(range(20).reverse())!;
    expect(ci.ranks).toEqual([4, 17]);
    expect([ci.low, ci.high]).toEqual([4, 17]);
    expect(ci.coverage).toBeGreaterThanOrEqual(0.99);
  });

  it('covers the true median of a skewed distribution at least 99% of the time', () => {
    const rand = prng(7);
    // exponential with rate 1: true median ln 2
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const ci = medianCI(Array.from({ length: 15 }, () => -Math.log(1 - rand())))!;
      if (ci.low <= Math.LN2 && Math.LN2 <= ci.high) covered++;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.985);
  });
});

describe('ratio of medians with a bootstrap interval', () => {
  it('constant samples give an exact ratio and a zero-width interval', () => {
    const r = ratioCI(Array(10).fill(30), Array(10).fill(10));
    expect(r).toEqual({ ratio: 3, low: 3, high: 3 });
  });

  it('is deterministic for a seed', () => {
    const a = [5, 6, 7, 8, 9, 10, 11, 12];
    const b = [1, 2, 3, 2, 1, 2, 3, 2];
    expect(ratioCI(a, b)).toEqual(ratioCI(a, b));
  });

  it('contains the true ratio of two lognormal populations in nearly every trial', () => {
    const rand = prng(11);
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const sample = (scale: number): number[] => Array.from({ length: 20 }, () => scale * Math.exp(0.2 * normal()));
    let covered = 0;
    const trials = 100;
    for (let t = 0; t < trials; t++) {
      const r = ratioCI(sample(2), sample(1), 0.99, t, 500);
      if (r.low <= 2 && 2 <= r.high) covered++;
      expect(r.low).toBeLessThanOrEqual(r.ratio);
      expect(r.high).toBeGreaterThanOrEqual(r.ratio);
    }
    expect(covered).toBeGreaterThanOrEqual(95);
  });
});

describe('ratio of ratios with a bootstrap interval', () => {
  it('constant samples give the exact change against the anchor', () => {
    // 30/15 now against 20/20 before: 2x slower once each run's anchor is divided out
    expect(ratioOfRatiosCI(Array(10).fill(30), Array(10).fill(15), Array(10).fill(20), Array(10).fill(20))).toEqual({ ratio: 2, low: 2, high: 2 });
  });

  it('a slowdown the anchor shares cancels out; one it does not share stays', () => {
    const rand = prng(5);
    const noisy = (ms: number): number[] => Array.from({ length: 12 }, () => ms * (1 + 0.05 * rand()));
    const shared = ratioOfRatiosCI(noisy(150), noisy(15), noisy(100), noisy(10));
    expect(shared.low).toBeLessThan(1);
    expect(shared.high).toBeGreaterThan(1);
    const own = ratioOfRatiosCI(noisy(150), noisy(10), noisy(100), noisy(10));
    expect(own.low).toBeGreaterThan(1.3);
  });
});

describe('anomaly rule', () => {
  const ci = (ratio: number, half: number): RatioCI => ({ ratio, low: ratio - half, high: ratio + half });
  const engine = (cells: Record<string, RatioCI>) => new Map(Object.entries(cells));

  it('flags a program whose whole interval lies beyond usual x 1.5, and not one that merely touches it', () => {
    // usual ratio = median(2, 2, 2.2, 5, 3.4) = 2.2; bound = 3.3
    const ratios = new Map([['slowvm', engine({ a: ci(2, 0.1), b: ci(2, 0.1), c: ci(2.2, 0.1), d: ci(5, 0.5), e: ci(3.4, 0.2) })]]);
    const found = findAnomalies(ratios);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ engine: 'slowvm', program: 'd', direction: 'slower', usual: 2.2 });
    expect(found[0]!.bound).toBeCloseTo(3.3, 12);
  });

  it('flags an unusually fast program (interval below usual / threshold)', () => {
    const ratios = new Map([['vm', engine({ a: ci(4, 0.1), b: ci(4, 0.1), c: ci(4, 0.1), d: ci(1.5, 0.2) })]]);
    expect(findAnomalies(ratios).map((a) => [a.program, a.direction])).toEqual([['d', 'faster']]);
  });

  it('a wide interval is not evidence: no flag when it reaches back under the bound', () => {
    const ratios = new Map([['vm', engine({ a: ci(1, 0.05), b: ci(1, 0.05), c: ci(1, 0.05), d: ci(3, 1.8) })]]);
    expect(findAnomalies(ratios)).toEqual([]);
  });

  it('does not judge an engine measured on fewer than 3 programs', () => {
    expect(findAnomalies(new Map([['vm', engine({ a: ci(1, 0), b: ci(10, 0) })]]))).toEqual([]);
  });

  it('honours a custom threshold', () => {
    const ratios = new Map([['vm', engine({ a: ci(1, 0), b: ci(1, 0), c: ci(1.3, 0.05) })]]);
    expect(findAnomalies(ratios)).toEqual([]);
    expect(findAnomalies(ratios, 1.2).map((a) => a.program)).toEqual(['c']);
  });
});
