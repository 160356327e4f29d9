// The nightly's spec stage: this shard's .wast files on every runtime present
// (harness/conformance/run-suite.ts) for at most the spec budget, then a
// re-check of the open spec findings against what this stage saw.
//
// The files run in batches, each one run of runSuite: a batch is the next
// files whose estimated cost fits a third of the time left, the estimate
// being seconds per byte of .wast per runtime, first as the previous nightly
// measured it (a default before that), then as each batch measures it, so a
// loaded machine shortens the stage instead of overrunning it. Files are
// taken from where the previous nightly stopped, so successive nights cover
// the whole suite. Explicitly named files all run, in one batch. The report
// shows a session's batches (and shards) as one matrix (reports/data.ts).
import { statSync } from 'node:fs';
import type { Adapter } from '../../adapters/adapter.js';
import { runSuite, type SuiteResult } from '../conformance/run-suite.js';
import type { Store } from '../store/store.js';

/**
 * Wall seconds per byte of .wast per runtime, 2 lanes: the whole 2.0 suite
 * (10.5 MB) on 9 runtimes took 197 s, 2.1e-6, with servers; twice that, for a
 * first night with no measurement of its own (each night then measures).
 */
export const DEFAULT_SECONDS_PER_BYTE = 4e-6;

const MIN_BATCH_SECONDS = 5;

export interface SpecFile {
  path: string;
  bytes: number;
}

export function withSizes(files: readonly string[]): SpecFile[] {
  return files.map((path) => ({ path, bytes: statSync(path).size }));
}

/**
 * The next batch from position `from` of `order`: files while their
 * estimated cost fits `share` seconds (at least one file when it fits
 * `left`); a file that alone exceeds `left` is passed over.
 */
export function nextBatch(order: readonly SpecFile[], from: number, share: number, left: number, secondsPerFile: (f: SpecFile) => number): { batch: SpecFile[]; to: number; passedOver: number } {
  const batch: SpecFile[] = [];
  let cost = 0;
  let k = from;
  let passedOver = 0;
  for (; k < order.length; k++) {
    const c = secondsPerFile(order[k]!);
    if (c > left) {
      passedOver++;
      continue;
    }
    if (batch.length > 0 && cost + c > share) break;
    batch.push(order[k]!);
    cost += c;
  }
  return { batch, to: k, passedOver };
}

export interface SpecStageOptions {
  /** This shard's files, in suite order. */
  files: string[];
  /** Run them all in one batch, whatever the budget. */
  explicit: boolean;
  /** Where in `files` to start (the previous nightly's `next`). */
  start: number;
  budgetMs: number;
  secondsPerByte: number;
  runtimes: Adapter[];
  oracle: Adapter;
  store: Store;
  timeoutMs: number;
  progress: (line: string) => void;
}

export interface SpecStageResult {
  /** One per batch, in order. */
  suites: SuiteResult[];
  filesRun: number;
  /** Index in `files` after the last file run: where the next nightly starts. */
  next: number;
  /** As the last batch measured it, for the next nightly's estimate. */
  secondsPerByte: number;
  passedOver: number;
  fixed: { id: number; fixedIn: Record<string, string> }[];
}

export async function runSpecStage(o: SpecStageOptions): Promise<SpecStageResult> {
  const started = performance.now();
  const sized = withSizes(o.files);
  const order = o.explicit ? sized : [...sized.slice(o.start % Math.max(1, sized.length)), ...sized.slice(0, o.start % Math.max(1, sized.length))];
  const suites: SuiteResult[] = [];
  const watch = watchedChecks(o.store);
  let secondsPerByte = o.secondsPerByte;
  let from = 0;
  let passedOver = 0;
  let last: SpecFile | undefined;
  while (from < order.length) {
    const left = (o.budgetMs - (performance.now() - started)) / 1000;
    // a batch costs a run and a round of runtime probes: not worth it for the last seconds
    if (!o.explicit && left < MIN_BATCH_SECONDS) break;
    const estimate = (f: SpecFile) => f.bytes * o.runtimes.length * secondsPerByte;
    const next = o.explicit ? { batch: order, to: order.length, passedOver: 0 } : nextBatch(order, from, left / 3, left, estimate);
    passedOver += next.passedOver;
    from = next.to;
    if (next.batch.length === 0) break;
    o.progress(`batch ${suites.length + 1}: ${next.batch.length} file(s), ${Math.round(left)} s left of the spec budget`);
    const suite = await runSuite({ files: next.batch.map((f) => f.path), runtimes: o.runtimes, oracle: o.oracle, store: o.store, timeoutMs: o.timeoutMs, jobs: 2, progress: o.progress, command: 'nightly spec', watch });
    suites.push(suite);
    last = next.batch.at(-1);
    const bytes = next.batch.reduce((n, f) => n + f.bytes, 0);
    if (bytes > 0 && o.runtimes.length > 0) secondsPerByte = suite.seconds / (bytes * o.runtimes.length);
  }
  const versions = Object.fromEntries(await Promise.all(o.runtimes.map(async (a) => [a.id, versionOf(await a.available())] as const)));
  const fixed = recheckSpecFindings(o.store, suites, versions);
  const filesRun = suites.reduce((n, s) => n + new Set(s.files.map((f) => f.file)).size, 0);
  const next = last === undefined ? o.start : (sized.indexOf(last) + 1) % Math.max(1, sized.length);
  return { suites, filesRun, next, secondsPerByte, passedOver, fixed };
}

/** `runtime\0file:line` of every spec sighting kept for an open finding: the checks whose judgement decides whether it is fixed. */
export function watchedChecks(store: Store): Set<string> {
  const keys = new Set<string>();
  for (const f of store.listFindings({ status: 'open' })) for (const e of store.examples(f.id)) if (e.source === 'spec') keys.add(`${e.runtime}\0${e.origin}`);
  return keys;
}

/**
 * An open finding with spec sightings is fixed by a version when this run,
 * on that version (not the one it was last seen on), judged its sightings'
 * checks and every one PASSED, for every member runtime, and saw it nowhere
 * else. A check that failed another way, crashed, timed out or was not run
 * does not fix it; on the same version a finding that comes and goes is
 * flaky, not fixed.
 */
export function recheckSpecFindings(store: Store, suites: readonly SuiteResult[], versions: Record<string, string>): { id: number; fixedIn: Record<string, string> }[] {
  const runId = suites.at(-1)?.runId;
  if (runId === undefined) return [];
  const judged = new Map<string, string>();
  for (const s of suites) for (const [k, v] of s.watched) judged.set(k, v);
  const seen = new Set(suites.flatMap((s) => s.findings).map((f) => f.id));
  const fixed: { id: number; fixedIn: Record<string, string> }[] = [];
  for (const f of store.listFindings({ status: 'open' })) {
    if (seen.has(f.id)) continue;
    const spec = store.examples(f.id).filter((e) => e.source === 'spec');
    if (spec.length === 0) continue;
    const fixedIn: Record<string, string> = {};
    for (const runtime of f.runtimes) {
      const statuses = spec.filter((e) => e.runtime === runtime).map((e) => judged.get(`${runtime}\0${e.origin}`)).filter((x) => x !== undefined);
      const now = versions[runtime];
      if (now === undefined || statuses.length === 0 || !statuses.every((x) => x === 'passed')) continue;
      if (now === (f.members[runtime]?.last ?? spec.find((e) => e.runtime === runtime)?.version)) continue;
      fixedIn[runtime] = now;
    }
    if (Object.keys(fixedIn).length !== f.runtimes.length) continue;
    store.markFixed(f.id, fixedIn, runId);
    fixed.push({ id: f.id, fixedIn });
  }
  return fixed;
}

function versionOf(a: { ok: true; version: string } | { ok: false }): string {
  return a.ok ? a.version : 'unknown';
}
