import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NATIVE_ID } from '../../adapters/native/bench-engine.js';
import { hostInfo } from '../store/runs.js';
import { openStore, type Store } from '../store/store.js';
import { SyntheticEngine } from './fixtures/synthetic-engine.js';
import { runBench, type BenchReport, type BenchTarget } from './run-bench.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wasmdiff-nights-'));
  store = openStore(join(dir, 'nights.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const programs: BenchTarget[] = ['fib', 'sort'].map((name) => ({ name, wasmPath: `/nowhere/${name}.wasm`, args: ['1'], expectedChecksum: '42' }));

interface Night {
  /** wasmtime's time on fib (sort stays at 100 ms) */
  fib: number;
  /** the native build's time on every program; none when the night has no native build */
  native?: number;
  version?: string;
  size?: string;
}

/** One `wasmdiff bench` run of wasmtime (and native) over fib and sort, with made-up times. */
function night(n: Night): Promise<BenchReport> {
  const engines = [new SyntheticEngine('wasmtime', (p) => (p === 'fib' ? n.fib : 100), programs, n.version)];
  if (n.native !== undefined) engines.push(new SyntheticEngine(NATIVE_ID, () => n.native!, programs));
  return runBench({ programs, engines, store, runs: 8, warmup: 1, budgetMs: 600_000, timeoutMs: 10_000, seed: 1, recordedOptions: { size: n.size ?? 'default' } });
}

const regressions = (r: BenchReport) => r.findings.filter((f) => f.summary.includes('than in bench run'));

describe('regressions across nights', () => {
  it('flags an engine slower than in the previous run, says its versions and the anchor, and a later recurrence is a sighting of the same finding', async () => {
    const first = await night({ fib: 100, native: 10, version: '41.0.0' });
    const second = await night({ fib: 150, native: 10, version: '42.0.0' });
    const [f] = regressions(second);
    expect(regressions(second)).toHaveLength(1);
    expect(f!.isNew).toBe(true);
    expect(f!.summary).toMatch(/^wasmtime is slower on fib than in bench run \d+: 1\.\d\dx .*relative to the native build.*version 41\.0\.0 then, 42\.0\.0 now$/);
    const stored = store.getFinding(f!.id)!;
    expect(stored.kind).toBe('performance');
    expect(stored.details).toMatchObject({ program: 'fib', run: second.runId, earlierRun: first.runId, normalisedBy: 'native', versions: { then: '41.0.0', now: '42.0.0' } });
    expect((stored.details as { ratio: { low: number } }).ratio.low).toBeGreaterThan(1.25);
    expect(store.examples(f!.id).map((e) => e.origin)).toEqual([`bench run ${second.runId} against bench run ${first.runId}: fib`]);

    // still slow: nothing new against the slow night; faster: nothing; slow again: the same finding, seen again
    expect(regressions(await night({ fib: 150, native: 10, version: '42.0.0' }))).toEqual([]);
    expect(regressions(await night({ fib: 100, native: 10, version: '42.0.0' }))).toEqual([]);
    const again = regressions(await night({ fib: 150, native: 10, version: '42.0.0' }));
    expect(again.map((g) => [g.id, g.isNew])).toEqual([[f!.id, false]]);
    expect(store.listFindings({ kind: 'performance' })).toHaveLength(1);
    expect(store.sightings(f!.id)).toHaveLength(2);
  });

  it('does not flag an engine whose time did not change', async () => {
    await night({ fib: 100, native: 10 });
    expect(regressions(await night({ fib: 100, native: 10 }))).toEqual([]);
  });

  it('does not flag a slowdown of the whole machine that the native build shares', async () => {
    await night({ fib: 100, native: 10 });
    const slowMachine = await night({ fib: 150, native: 15 });
    expect(regressions(slowMachine)).toEqual([]);
  });

  it('without a native build in both runs compares raw times, and says so', async () => {
    await night({ fib: 100 });
    const [f] = regressions(await night({ fib: 150, native: 10 }));
    expect(f!.summary).toContain('raw wall time: no native build timed in both runs; same version 1');
    expect(store.getFinding(f!.id)!.details).toMatchObject({ normalisedBy: 'none' });
  });

  it('ignores a run from another host, and a run at another program size', async () => {
    // an earlier night on another machine, fast, stored as a merged store would hold it
    const other = store.beginRun('bench', { size: 'default' }, { ...hostInfo(), hostname: 'elsewhere' });
    for (const [name, ms] of [['wasmtime', 100], [NATIVE_ID, 10]] as const) {
      const runtimeId = store.upsertRuntime({ name, engine: 'synthetic', version: '1' });
      store.putTimings(programs.flatMap((p) => Array.from({ length: 8 }, (_, iteration) => ({ runId: other, runtimeId, program: p.name, phase: 'wall' as const, iteration, ms }))));
    }
    store.finishRun(other);
    await night({ fib: 100, native: 10, size: 'small' });
    expect(regressions(await night({ fib: 150, native: 10 }))).toEqual([]);
  });
});
