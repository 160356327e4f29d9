import { describe, expect, it } from 'vitest';
import { tierOutliers, versionRegressions, type Timed } from './tier-anomalies.js';

const runs = (ms: number): number[] => Array.from({ length: 10 }, (_, k) => ms * (1 + (k % 5) / 200));
const cell = (engine: string, program: string, ms: number, version = '1'): Timed => ({ engine, version, program, wall: runs(ms) });

describe('performance findings by tier', () => {
  it('does not flag an interpreter for being slower than a JIT, nor ordinary variation across programs', () => {
    const cells = ['a', 'b', 'c', 'd'].flatMap((p, k) => [
      cell('wasmtime', p, 10), cell('v8-node22', p, 12), cell('v8-node24', p, 11),
      cell('wamr-fast', p, 100 + 40 * k), cell('wamr-classic', p, 150 + 60 * k), cell('wasmedge', p, 300 + 90 * k),
    ]);
    expect(tierOutliers(cells, 1.5)).toEqual([]);
  });

  it('flags an engine far slower than its tier on one program, beyond its usual standing', () => {
    const cells = ['a', 'b', 'c', 'd'].flatMap((p) => [cell('wamr-fast', p, 100), cell('wamr-classic', p, 150), cell('wasmedge', p, p === 'c' ? 1200 : 300)]);
    expect(tierOutliers(cells, 1.5).map((a) => [a.engine, a.program, a.direction])).toEqual([['wasmedge', 'c', 'slower']]);
  });

  it('flags a newer V8 slower than an older one beyond the threshold, not within it', () => {
    const cells = [cell('v8-node22', 'fib', 10, '12.4.254'), cell('v8-node24', 'fib', 16, '13.6.233'), cell('v8-node22', 'sort', 10, '12.4.254'), cell('v8-node24', 'sort', 11, '13.6.233')];
    expect(versionRegressions(cells, 1.25).map((r) => [r.engine, r.against, r.program])).toEqual([['v8-node24', 'v8-node22', 'fib']]);
  });

  it('does not read two engines of one version (WAMR fast and classic 1.1.2) as a regression', () => {
    const cells = [cell('wamr-fast', 'fft', 10, '1.1.2 (fast interpreter)'), cell('wamr-classic', 'fft', 30, '1.1.2 (classic interpreter)')];
    expect(versionRegressions(cells, 1.25)).toEqual([]);
  });
});
