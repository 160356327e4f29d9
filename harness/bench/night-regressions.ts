// Performance regressions across nights (issue 15): an engine slower on a
// program than in an earlier bench run on this machine by more than the
// threshold, the whole 99% bootstrap interval beyond it.
//  - Only runs on the same host (hostname and CPU model) at the same program
//    size are compared: times from another machine, or of another workload,
//    say nothing about the engine.
//  - The baseline is, per program, the newest earlier such run that measured
//    it: the nightly benchmarks a rotating share of the corpus, so the run
//    just before may not have measured the program at all.
//  - Absolute times of two nights also differ by what slowed the whole
//    machine (load, thermal state, a kernel update). When both runs timed
//    the native build of the program, each engine time is divided by its
//    run's native time, which cancels that; otherwise the raw ratio is used,
//    and the finding says which.
//  - The engine is the runtime name; its version may differ between the two
//    runs (often the very cause), and the finding says so.
import { NATIVE_ID } from '../../adapters/native/bench-engine.js';
import type { RunRecord, Store, WallSample } from '../store/store.js';
import { MIN_SAMPLES_99, ratioCI, ratioOfRatiosCI, type RatioCI } from './stats.js';
import type { Timed } from './tier-anomalies.js';

/** A cell of an earlier run, with that run's id. */
export interface Earlier extends Timed {
  runId: number;
}

export interface NightRegression {
  engine: string;
  version: string;
  program: string;
  earlierRun: number;
  earlierVersion: string;
  /** Now against then: engine time over native time in each run when `anchor` is native, raw engine times otherwise. */
  ratio: RatioCI;
  anchor: 'native' | 'none';
  threshold: number;
}

/** Per program of `programs`, the wall times of the newest earlier run on the same host and size that measured it. */
export function earlierTimings(store: Store, runId: number, programs: readonly string[]): Earlier[] {
  const now = store.getRun(runId);
  const wanted = new Set(programs);
  const out: Earlier[] = [];
  if (now === undefined) return out;
  for (const id of store.wallRunsBefore(runId)) {
    if (wanted.size === 0) break;
    const run = store.getRun(id);
    if (run === undefined || !comparable(run, now)) continue;
    const cells = cellsOf(store.wallTimings(id)).filter((c) => wanted.has(c.program));
    for (const c of cells) wanted.delete(c.program);
    out.push(...cells.map((c) => ({ ...c, runId: id })));
  }
  return out;
}

/** Engines slower now than in the earlier run, beyond `threshold` with the whole 99% interval; `now` includes the native cells. */
export function nightRegressions(now: readonly Timed[], earlier: readonly Earlier[], threshold: number): NightRegression[] {
  const out: NightRegression[] = [];
  for (const [k, c] of now.entries()) {
    if (c.engine === NATIVE_ID || c.wall.length < MIN_SAMPLES_99) continue;
    const then = measured(earlier, c.engine, c.program);
    if (then === undefined) continue;
    const nativeNow = measured(now, NATIVE_ID, c.program);
    const nativeThen = measured(earlier, NATIVE_ID, c.program);
    const anchored = nativeNow !== undefined && nativeThen !== undefined;
    const seed = 211 + k;
    const ratio = anchored ? ratioOfRatiosCI(c.wall, nativeNow.wall, then.wall, nativeThen.wall, undefined, seed) : ratioCI(c.wall, then.wall, undefined, seed);
    if (ratio.low > threshold) {
      out.push({ engine: c.engine, version: c.version, program: c.program, earlierRun: then.runId, earlierVersion: then.version, ratio, anchor: anchored ? 'native' : 'none', threshold });
    }
  }
  return out;
}

/** A cell with enough samples for a 99% statement (fewer say nothing either way). */
function measured<T extends Timed>(cells: readonly T[], engine: string, program: string): T | undefined {
  return cells.find((c) => c.engine === engine && c.program === program && c.wall.length >= MIN_SAMPLES_99);
}

function comparable(a: RunRecord, b: RunRecord): boolean {
  const size = (r: RunRecord): unknown => (r.options as { size?: unknown } | null)?.size;
  return a.host.hostname === b.host.hostname && a.host.cpuModel === b.host.cpuModel && size(a) === size(b);
}

function cellsOf(samples: readonly WallSample[]): Timed[] {
  const cells = new Map<string, Timed & { wall: number[] }>();
  for (const s of samples) {
    const key = `${s.runtime}\0${s.program}`;
    const cell = cells.get(key) ?? { engine: s.runtime, version: s.version, program: s.program, wall: [] };
    cell.wall.push(s.ms);
    cells.set(key, cell);
  }
  return [...cells.values()];
}
