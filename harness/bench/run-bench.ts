// `wasmdiff bench` without the command line: runs every (program, engine)
// cell in the order schedule.ts gives, checks each run's checksum, stores
// every kept sample, then computes medians, intervals and ratios (stats.ts),
// flags anomalies (tier-anomalies.ts) and regressions since earlier runs
// (night-regressions.ts) and stores them, and the wrong checksums, as findings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchEngine, BenchProgram, BenchRun, Phase } from '../../adapters/bench-runner.js';
import { NATIVE_ID } from '../../adapters/native/bench-engine.js';
import type { Store, TimingRow } from '../store/store.js';
import { Schedule, cellKey, seconds, type Cell } from './schedule.js';
import { DEFAULT_ANOMALY_THRESHOLD, median, medianCI, MIN_SAMPLES_99, ratioCI, type Anomaly, type MedianCI, type RatioCI } from './stats.js';
import { tierOutliers, versionRegressions, type Regression, type Timed } from './tier-anomalies.js';
import { earlierTimings, nightRegressions, type NightRegression } from './night-regressions.js';
import { benchCause, causeSignature } from '../findings/cause.js';

/** An engine slower than an older version of it, or than itself in an earlier run, by more than this (the whole 99% interval) is a regression. */
export const REGRESSION_THRESHOLD = 1.25;

export interface BenchTarget extends BenchProgram {
  /** The checksum line every correct run prints. */
  expectedChecksum: string;
}

export interface BenchOptions {
  programs: BenchTarget[];
  engines: BenchEngine[];
  store: Store;
  runs: number;
  warmup: number;
  budgetMs: number;
  /** Per run; a run past it ends its cell as a timeout ("too slow" for the reference). */
  timeoutMs: number;
  /** Which program size runs ("default", "small"): said with every timeout, since a timeout is only true of that size. */
  size?: string;
  seed: number;
  threshold?: number;
  /** The options as the user gave them, stored with the run. */
  recordedOptions?: unknown;
  onProgress?(line: string): void;
}

export type CellStatus = 'ok' | 'too-few-runs' | 'unavailable' | 'unsupported' | 'wrong-checksum' | 'timeout' | 'failed' | 'crash' | 'left-out';

export interface CellResult {
  program: string;
  engine: string;
  status: CellStatus;
  /** Why there is no interval (status other than ok). */
  reason?: string;
  runs: number;
  /** Median whole-process wall time (ms) and its 99% interval. */
  wall?: MedianCI;
  phases: Partial<Record<Phase, MedianCI>>;
  /** Median of the runs' peak RSS, KiB. */
  rssKb?: number;
  ratioToFastest?: RatioCI;
  ratioToNative?: RatioCI;
}

export interface BenchReport {
  runId: number;
  engines: { id: string; engine: string; version?: string; unavailable?: string }[];
  programs: string[];
  cells: CellResult[];
  anomalies: Anomaly[];
  /** Findings recorded (wrong checksums, crashes, tier outliers, regressions), with whether each is new. */
  findings: { id: number; kind: string; isNew: boolean; summary: string }[];
  stopReason?: string;
  elapsedMs: number;
}

interface Samples {
  wall: number[];
  rss: number[];
  phases: Partial<Record<Phase, number[]>>;
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const progress = o.onProgress ?? (() => {});
  const { store } = o;
  const runId = store.beginRun('bench', o.recordedOptions ?? {});
  const scratch = mkdtempSync(join(tmpdir(), 'wasmdiff-bench-'));
  const findings: BenchReport['findings'] = [];
  try {
    const engines: BenchReport['engines'] = [];
    const runtimeIds = new Map<string, number>();
    const cells: Cell[] = [];
    const fixed = new Map<string, { status: CellStatus; reason: string }>();
    for (const e of o.engines) {
      const a = await e.available();
      if (!a.ok) {
        engines.push({ id: e.id, engine: e.engine, unavailable: a.reason });
        for (const p of o.programs) fixed.set(cellKey({ program: p.name, engine: e.id }), { status: 'unavailable', reason: a.reason });
        continue;
      }
      engines.push({ id: e.id, engine: e.engine, version: a.version });
      runtimeIds.set(e.id, store.upsertRuntime({ name: e.id, engine: e.engine, version: a.version }));
      for (const p of o.programs) {
        const why = e.supports?.(p);
        if (why === undefined) cells.push({ program: p.name, engine: e.id });
        else fixed.set(cellKey({ program: p.name, engine: e.id }), { status: 'unsupported', reason: why });
      }
    }

    const byEngine = new Map(o.engines.map((e) => [e.id, e]));
    const byProgram = new Map(o.programs.map((p) => [p.name, p]));
    const samples = new Map<string, Samples>(cells.map((c) => [cellKey(c), { wall: [], rss: [], phases: {} }]));
    const schedule = new Schedule(cells, { runs: o.runs, warmup: o.warmup, budgetMs: o.budgetMs, seed: o.seed });
    const elapsed = (): number => performance.now() - started;

    for (let slots = schedule.nextRound(elapsed()); slots; slots = schedule.nextRound(elapsed())) {
      progress(`round ${slots[0]!.round + 1}${slots[0]!.warmup ? ' (warm-up)' : ''}: ${slots[0]!.cell.program} on ${slots.length} engines, ${seconds(elapsed())} elapsed of ${seconds(o.budgetMs)}`);
      for (const { cell, warmup } of slots) {
        const engine = byEngine.get(cell.engine)!;
        const program = byProgram.get(cell.program)!;
        const run = await engine.run(program, { timeoutMs: o.timeoutMs, scratch });
        const verdict = judge(run, program, engine, o.timeoutMs, o.size);
        if (verdict !== undefined) {
          schedule.drop(cell, verdict.reason, verdict.status === 'timeout' ? 'timeout' : 'other');
          fixed.set(cellKey(cell), verdict);
          progress(`  ${cell.program} on ${cell.engine}: ${verdict.reason}`);
          if (verdict.status === 'wrong-checksum' && run.kind === 'ok') findings.push(wrongChecksum(store, runId, program, engine, run));
          if (run.kind === 'crash') findings.push(crashFinding(store, runId, program, engine, run));
          continue;
        }
        if (run.kind !== 'ok') continue; // judged above
        schedule.record(cell, run.wallMs, !warmup);
        if (warmup) continue;
        const s = samples.get(cellKey(cell))!;
        s.wall.push(run.wallMs);
        if (run.rssKb !== undefined) s.rss.push(run.rssKb);
        for (const [phase, ms] of Object.entries(run.phases) as [Phase, number][]) (s.phases[phase] ??= []).push(ms);
        store.putTimings(timingRows(runId, runtimeIds.get(cell.engine)!, cell.program, s.wall.length - 1, run));
      }
    }

    // cells the schedule ended without a run of theirs saying why: left out for the budget, or an engine not tried after its timeouts
    for (const c of cells) {
      const dropped = schedule.dropped(c);
      if (dropped !== undefined && !fixed.has(cellKey(c))) fixed.set(cellKey(c), { status: schedule.droppedKind(c) === 'left-out' ? 'left-out' : 'timeout', reason: dropped });
    }
    const results = summarise(o, engines, samples, fixed);
    // performance findings against the engine's own tier, its own family's other versions (tier-anomalies.ts)
    // and itself in earlier runs on this machine (night-regressions.ts)
    const versionOf = new Map(engines.map((e) => [e.id, e.version ?? '']));
    const measured: Timed[] = results.filter((c) => c.status === 'ok').map((c) => ({ engine: c.engine, version: versionOf.get(c.engine) ?? '', program: c.program, wall: samples.get(cellKey(c))?.wall ?? [] }));
    const timed = measured.filter((c) => c.engine !== NATIVE_ID);
    const anomalies = tierOutliers(timed, o.threshold ?? DEFAULT_ANOMALY_THRESHOLD);
    for (const a of anomalies) findings.push(performanceFinding(store, runId, a, results));
    for (const r of versionRegressions(timed, REGRESSION_THRESHOLD)) findings.push(regressionFinding(store, runId, r));
    const earlier = earlierTimings(store, runId, o.programs.map((p) => p.name));
    for (const r of nightRegressions(measured, earlier, REGRESSION_THRESHOLD)) findings.push(nightRegressionFinding(store, runId, r));
    const report: BenchReport = {
      runId, engines, programs: o.programs.map((p) => p.name), cells: results, anomalies, findings,
      ...(schedule.stopReason === undefined ? {} : { stopReason: schedule.stopReason }),
      elapsedMs: elapsed(),
    };
    store.finishRun(runId, { cells: results.length, ok: results.filter((r) => r.status === 'ok').length, anomalies: anomalies.length });
    return report;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Why a run ends its cell, or undefined for a good run. */
function judge(run: BenchRun, program: BenchTarget, engine: BenchEngine, timeoutMs: number, size: string | undefined): { status: CellStatus; reason: string } | undefined {
  if (run.kind === 'timeout') {
    const limit = `${seconds(run.limitMs ?? timeoutMs)}${size === undefined ? '' : ` at ${size} size`}`;
    return { status: 'timeout', reason: engine.id === 'reference' ? `too slow (> ${limit})` : `timeout (> ${limit})` };
  }
  if (run.kind === 'failed') return { status: 'failed', reason: `failed: ${run.reason}` };
  if (run.kind === 'crash') return { status: 'crash', reason: `crash: ${run.reason}` };
  const got = run.stdout.trim();
  if (got !== program.expectedChecksum) return { status: 'wrong-checksum', reason: `wrong checksum: printed ${JSON.stringify(got.slice(0, 80))}, expected ${program.expectedChecksum}` };
  return undefined;
}

function timingRows(runId: number, runtimeId: number, program: string, iteration: number, run: Extract<BenchRun, { kind: 'ok' }>): TimingRow[] {
  const rows: TimingRow[] = [{ runId, runtimeId, program, phase: 'wall', iteration, ms: run.wallMs, rssKb: run.rssKb ?? null }];
  for (const [phase, ms] of Object.entries(run.phases) as [Phase, number][]) rows.push({ runId, runtimeId, program, phase, iteration, ms });
  return rows;
}

function summarise(o: BenchOptions, engines: BenchReport['engines'], samples: Map<string, Samples>, fixed: Map<string, { status: CellStatus; reason: string }>): CellResult[] {
  const results: CellResult[] = [];
  for (const p of o.programs) {
    const row: CellResult[] = [];
    for (const e of engines) {
      const key = cellKey({ program: p.name, engine: e.id });
      const s = samples.get(key);
      const end = fixed.get(key);
      const cell: CellResult = { program: p.name, engine: e.id, status: 'ok', runs: s?.wall.length ?? 0, phases: {} };
      const wall = s === undefined ? undefined : medianCI(s.wall);
      if (end !== undefined) Object.assign(cell, end);
      else if (wall === undefined) Object.assign(cell, { status: 'too-few-runs', reason: `${cell.runs} runs: a 99% interval of the median needs ${MIN_SAMPLES_99}` });
      if (s !== undefined && s.rss.length > 0) cell.rssKb = median(s.rss);
      if (cell.status === 'ok' && s !== undefined && wall !== undefined) {
        cell.wall = wall;
        for (const [phase, xs] of Object.entries(s.phases) as [Phase, number[]][]) {
          const ci = medianCI(xs);
          if (ci !== undefined) cell.phases[phase] = ci;
        }
      }
      row.push(cell);
    }
    // ratios within this run only: to the fastest engine (native excluded) and to native
    const measured = row.filter((c) => c.wall !== undefined);
    const fastest = measured.filter((c) => c.engine !== NATIVE_ID).sort((a, b) => a.wall!.median - b.wall!.median)[0];
    const native = measured.find((c) => c.engine === NATIVE_ID);
    const wallOf = (c: CellResult): number[] => samples.get(cellKey(c))!.wall;
    for (const [k, c] of measured.entries()) {
      if (fastest !== undefined) c.ratioToFastest = ratioCI(wallOf(c), wallOf(fastest), undefined, 1 + k);
      if (native !== undefined) c.ratioToNative = ratioCI(wallOf(c), wallOf(native), undefined, 101 + k);
    }
    results.push(...row);
  }
  return results;
}

function wrongChecksum(store: Store, runId: number, program: BenchTarget, engine: BenchEngine, run: Extract<BenchRun, { kind: 'ok' }>): BenchReport['findings'][number] {
  const actual = run.stdout.trim();
  const summary = `${engine.id} prints a wrong checksum for ${program.name} ${program.args.join(' ')}`.trim();
  const r = store.recordFinding(
    {
      signature: `wrong-checksum:${engine.id}:${program.name}`,
      kind: 'wrong-checksum',
      summary,
      runtimes: [engine.id],
      moduleBytes: readFileSync(program.wasmPath),
      details: { program: program.name, args: program.args, expected: program.expectedChecksum, actual: actual.slice(0, 2000), reason: 'every correct execution of the program prints the same checksum (the native build and the other engines agree on it)' },
      repro: { [engine.id]: run.argv.map(quote).join(' ') },
    },
    runId,
  );
  return { id: r.id, kind: 'wrong-checksum', isNew: r.isNew, summary };
}

/** The engine died of a signal: a bug of the engine's, stored with the command and its fatal message. */
function crashFinding(store: Store, runId: number, program: BenchTarget, engine: BenchEngine, run: Extract<BenchRun, { kind: 'crash' }>): BenchReport['findings'][number] {
  const summary = `${engine.id} crashes (${run.signal}) running ${program.name} ${program.args.join(' ')}`.trim();
  const r = store.recordFinding(
    {
      signature: `crash:${engine.id}:${program.name}:${run.signal}`,
      kind: 'crash',
      summary,
      runtimes: [engine.id],
      moduleBytes: readFileSync(program.wasmPath),
      details: { program: program.name, args: program.args, how: run.reason, signal: run.signal, stderr: run.stderr },
      repro: { [engine.id]: run.argv.map(quote).join(' ') },
    },
    runId,
  );
  return { id: r.id, kind: 'crash', isNew: r.isNew, summary };
}

function performanceFinding(store: Store, runId: number, a: Anomaly, cells: CellResult[]): BenchReport['findings'][number] {
  const cell = cells.find((c) => c.program === a.program && c.engine === a.engine)!;
  return recordPerformance(store, runId, {
    engine: a.engine, program: a.program, what: 'slower than its tier', origin: `bench run ${runId}: ${a.program}`,
    summary: `${a.engine} is slower than the other engines of its tier on ${a.program}: ${fmt(a.ratio.ratio)}x its tier's median engine (99% CI ${ci(a.ratio)}), usually ${fmt(a.usual)}x`,
    details: {
      program: a.program, direction: a.direction, ratioToFastest: a.ratio, usualRatio: a.usual, threshold: a.threshold, bound: a.bound,
      medianWallMs: cell.wall?.median, wallCI: cell.wall && { low: cell.wall.low, high: cell.wall.high, n: cell.wall.n },
      rule: "usual ratio = median of the engine's ratios to the median engine of its tier (interpreters, compilers) across programs; flagged when the 99% bootstrap interval of the ratio lies entirely beyond usual x threshold",
    },
  });
}

function regressionFinding(store: Store, runId: number, g: Regression): BenchReport['findings'][number] {
  return recordPerformance(store, runId, {
    engine: g.engine, version: g.version, program: g.program, what: `regression from ${g.against}`, origin: `bench run ${runId}: ${g.program}`,
    summary: `${g.engine} ${g.version} is slower than ${g.against} ${g.againstVersion} on ${g.program}: ${fmt(g.ratio.ratio)}x (99% CI ${ci(g.ratio)}, threshold ${g.threshold}x)`,
    details: { program: g.program, direction: 'regression', against: { [g.against]: g.againstVersion }, ratio: g.ratio, threshold: g.threshold, rule: 'a newer version of the same engine (same family and tier), in the same run, slower than an older one with the whole 99% bootstrap interval of the ratio of medians beyond the threshold' },
  });
}

/**
 * The engine slower than in an earlier run on this machine. The cause names
 * no run, so the same regression seen again on a later pair of nights is a
 * sighting of the same finding (and re-opens it once marked fixed).
 */
function nightRegressionFinding(store: Store, runId: number, g: NightRegression): BenchReport['findings'][number] {
  const versions = g.version === g.earlierVersion ? `same version ${g.version}` : `version ${g.earlierVersion} then, ${g.version} now`;
  const measure = g.anchor === 'native' ? 'relative to the native build timed in each run' : 'raw wall time: no native build timed in both runs';
  return recordPerformance(store, runId, {
    engine: g.engine, version: g.version, program: g.program, what: 'regression across runs', origin: `bench run ${runId} against bench run ${g.earlierRun}: ${g.program}`,
    summary: `${g.engine} is slower on ${g.program} than in bench run ${g.earlierRun}: ${fmt(g.ratio.ratio)}x (99% CI ${ci(g.ratio)}, threshold ${g.threshold}x), ${measure}; ${versions}`,
    details: {
      program: g.program, direction: 'regression', run: runId, earlierRun: g.earlierRun, versions: { then: g.earlierVersion, now: g.version }, normalisedBy: g.anchor, ratio: g.ratio, threshold: g.threshold,
      rule: 'the same engine on the same host and program size, against the newest earlier run that measured the program: (engine / native) now over (engine / native) then when both runs timed native, else the raw ratio of medians; flagged when the whole 99% bootstrap interval lies beyond the threshold',
    },
  });
}

/** Stores a performance finding: one cause per engine, program and rule (benchCause), each bench run that shows it a sighting. */
function recordPerformance(store: Store, runId: number, p: { engine: string; version?: string; program: string; what: string; origin: string; summary: string; details: unknown }): BenchReport['findings'][number] {
  const cause = benchCause('performance', p.engine, p.program, p.what);
  const version = p.version === undefined ? {} : { version: p.version };
  const r = store.recordFinding(
    {
      signature: causeSignature(cause),
      cause,
      sighting: { runtime: p.engine, ...version, source: 'bench', origin: p.origin },
      kind: 'performance',
      summary: p.summary,
      runtimes: [p.engine],
      details: p.details,
      repro: {},
      ...(p.version === undefined ? {} : { versions: { [p.engine]: p.version } }),
    },
    runId,
  );
  return { id: r.id, kind: 'performance', isNew: r.isNew, summary: p.summary };
}

const fmt = (x: number): string => x.toFixed(2);
const ci = (r: RatioCI): string => `${fmt(r.low)}-${fmt(r.high)}`;

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
