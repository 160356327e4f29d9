import { describe, expect, it } from 'vitest';
import type { TimingSample } from './data.js';
import { iterationTotals, summarisePerformance } from './performance.js';

function samples(runtime: string, program: string, wall: number[]): TimingSample[] {
  return wall.map((ms, iteration) => ({ runtime, program, phase: 'wall', iteration, ms, rssKb: 1000 + iteration }));
}

describe('performance summary', () => {
  it('sums the phases of an iteration when there is no wall time', () => {
    const s: TimingSample[] = [
      { runtime: 'a', program: 'p', phase: 'compile', iteration: 0, ms: 1, rssKb: null },
      { runtime: 'a', program: 'p', phase: 'execute', iteration: 0, ms: 5, rssKb: null },
      { runtime: 'a', program: 'p', phase: 'execute', iteration: 1, ms: 7, rssKb: null },
    ];
    expect(iterationTotals(s)).toEqual([6, 7]);
  });

  it('gives ratios to the fastest runtime with intervals around them', () => {
    const s = [...samples('fast', 'p', [10, 11, 10, 12, 10, 11]), ...samples('slow', 'p', [30, 33, 31, 30, 32, 31])];
    const summary = summarisePerformance(s);
    const fast = summary.ratios.find((r) => r.runtime === 'fast')!;
    const slow = summary.ratios.find((r) => r.runtime === 'slow')!;
    expect(fast).toMatchObject({ ratio: 1, low: 1, high: 1, iterations: 6 });
    expect(slow.ratio).toBeCloseTo(31 / 10.5, 6);
    expect(slow.low).toBeLessThanOrEqual(slow.ratio);
    expect(slow.high).toBeGreaterThanOrEqual(slow.ratio);
    expect(slow.low).toBeGreaterThan(2.4);
    expect(slow.high).toBeLessThan(3.4);
    expect(summary.geomean.slow).toBeCloseTo(slow.ratio, 6);
    expect(summary.peakRss).toContainEqual({ program: 'p', runtime: 'slow', kb: 1005 });
  });

  it('is deterministic for the same data', () => {
    const s = [...samples('a', 'p', [5, 6, 7, 5, 6]), ...samples('b', 'p', [9, 12, 10, 11, 14])];
    expect(summarisePerformance(s)).toEqual(summarisePerformance(s));
  });
});
