// The nightly's benchmark subset: this shard's corpus programs at their small
// size, on the engines present (and the native build), 8 measured runs each
// (the fewest that give a 99% interval of the median), as many programs as
// the bench budget fits at about 150 ms a run; the next nightly starts after
// the last one taken, so the whole corpus is covered over a few nights.
import { benchEngine } from '../../adapters/bench-engines.js';
import { NATIVE_ID } from '../../adapters/native/bench-engine.js';
import { timedUnavailable } from '../../adapters/bench-timed.js';
import type { BenchEngine } from '../../adapters/bench-runner.js';
import { loadBenchPrograms } from '../bench/programs.js';
import { runBench, type BenchReport } from '../bench/run-bench.js';
import { MIN_SAMPLES_99 } from '../bench/stats.js';
import type { Store } from '../store/store.js';
import { shardItems, type Shard } from './shard.js';

const ESTIMATED_RUN_MS = 150;
const WARMUP = 1;

export interface BenchStageOptions {
  /** Adapter ids present; the reference interpreter is left out (far too slow to time the corpus). */
  runtimes: string[];
  /** Program names, or undefined for this shard's share of the corpus. */
  programs?: string[];
  shard: Shard;
  start: number;
  budgetMs: number;
  seed: number;
  store: Store;
  progress: (line: string) => void;
}

export interface BenchStageResult {
  report: BenchReport;
  next: number;
}

/** Why the stage cannot run here, or undefined. */
export function benchUnavailable(): string | undefined {
  return timedUnavailable();
}

export async function runBenchStage(o: BenchStageOptions): Promise<BenchStageResult> {
  const engines = [NATIVE_ID, ...o.runtimes.filter((id) => id !== 'reference')].flatMap((id) => {
    const e = benchEngine(id);
    return e === undefined ? [] : [e];
  });
  const all = o.programs === undefined ? shardItems(loadBenchPrograms(undefined, 'small'), o.shard) : loadBenchPrograms(o.programs, 'small');
  const perProgramMs = engines.length * (MIN_SAMPLES_99 + WARMUP) * ESTIMATED_RUN_MS;
  const fit = Math.max(1, Math.min(all.length, Math.floor(o.budgetMs / perProgramMs)));
  const start = all.length === 0 ? 0 : o.start % all.length;
  const programs = Array.from({ length: fit }, (_, k) => all[(start + k) % all.length]!).filter((p) => p !== undefined);
  o.progress(`bench: ${programs.length} of ${all.length} program(s) (${programs.map((p) => p.name).join(', ')}) on ${engines.map((e: BenchEngine) => e.id).join(', ')}`);
  const timeoutMs = Math.max(1000, o.budgetMs / Math.max(1, programs.length * engines.length));
  const report = await runBench({
    programs, engines, store: o.store, runs: MIN_SAMPLES_99, warmup: WARMUP, budgetMs: o.budgetMs, timeoutMs, seed: o.seed,
    recordedOptions: { nightly: true, programs: programs.map((p) => p.name), engines: engines.map((e) => e.id), size: 'small', budgetMs: o.budgetMs },
    onProgress: (line) => o.progress(`bench: ${line}`),
  });
  return { report, next: all.length === 0 ? 0 : (start + fit) % all.length };
}
