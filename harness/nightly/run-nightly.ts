// `wasmdiff nightly` without the command line: the stages in order, each
// one's failure recorded rather than fatal (an environment error, such as no
// runtime at all or an unwritable --out, is a UserError before anything
// runs), progress on stderr throughout, then the three report files.
//
//   1. runtimes: which adapters are present, with their exact versions
//   2. spec: this shard's .wast files on all of them (within the spec budget)
//      and a re-check of the open spec findings
//   3. fuzz: the open fuzz findings re-checked (harness/fuzz/recheck.ts,
//      fixed ones marked with the version that fixed them), then generated
//      cases for the rest of the budget (or a fixed case count)
//   4. bench: a subset of the corpus at small sizes (within the bench budget)
//   5. reports: report.html, summary.md, junit.xml in --out
//
// The nightly's own run row records its session and its stages' runs
// (session.ts), and where the next nightly should continue (spec files,
// bench programs) and the spec throughput it measured.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '../../adapters/adapter.js';
import { createAdapter } from '../../adapters/registry.js';
import { UserError } from '../../adapters/project.js';
import { fuzz } from '../fuzz/loop.js';
import { failingNew } from '../baseline/apply.js';
import type { Baseline } from '../baseline/baseline.js';
import type { Store } from '../store/store.js';
import { openStore } from '../store/store.js';
import { benchUnavailable, runBenchStage } from './bench-stage.js';
import { planBudget, type BudgetPlan } from './plan-budget.js';
import { NIGHTLY_COMMAND, type NightlyRunOptions } from './session.js';
import { shardCases, shardItems, showShard, type Shard } from './shard.js';
import { totalsOf } from '../conformance/run-suite.js';
import { DEFAULT_SECONDS_PER_BYTE, runSpecStage } from './spec-stage.js';
import { writeReports, type ReportFiles } from './write-reports.js';

/** Cases per generated chunk: the unit the fuzz loop strides over between shards. */
export const FUZZ_CHUNK = 20;

export interface NightlyOptions {
  budgetMs: number;
  out: string;
  /** Default OUT/wasmdiff.db. */
  db?: string;
  shard: Shard;
  baseline: Baseline;
  /** Candidate runtimes (default: every adapter in the registry); the absent ones are reported and left out. */
  runtimes: Adapter[];
  /** The suite's .wast files, budgeted; or `explicit` ones, all run (this shard's share). */
  spec: { files: string[]; explicit: boolean };
  /** Fuzz seed, and a total case count (all shards together) instead of the time budget: deterministic. */
  fuzz: { seed: number; cases?: number };
  /** Program names, or undefined for the corpus; `false` leaves the stage out. */
  bench: { programs?: string[] } | false;
  session: string;
  progress: (line: string) => void;
}

export type StageName = 'runtimes' | 'spec' | 'fuzz' | 'bench' | 'reports';

export interface StageResult {
  stage: StageName;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  /** One line: what it did, or why it failed or was skipped. */
  note: string;
  runId?: number;
}

export interface NightlyResult {
  runId: number;
  db: string;
  files: ReportFiles;
  runtimes: { id: string; version: string }[];
  stages: StageResult[];
  /** New findings that fail the run (the baseline's left out). */
  newFindings: number;
  knownNew: number;
  fixed: number;
  openFindings: number;
  /** 2 when a stage failed, else 1 on new (or re-opened) findings not in the baseline, else 0. */
  exitCode: 0 | 1 | 2;
  /** `stage: why` for every stage that threw. */
  failedStages: string[];
  seconds: number;
}

interface Continuation {
  specNext: number;
  benchNext: number;
  secondsPerByte: number;
}

export async function runNightly(o: NightlyOptions): Promise<NightlyResult> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const say = (line: string): void => o.progress(`[nightly ${clock(elapsed())}] ${line}`);
  const plan = planBudget(o.budgetMs);
  const db = o.db ?? join(o.out, 'wasmdiff.db');
  checkWritable(o.out);
  say(`budget ${clock(o.budgetMs)}: spec <= ${clock(plan.specMs)}, bench <= ${clock(plan.benchMs)}, fuzz the rest; shard ${showShard(o.shard)}; database ${db}`);

  const stages: StageResult[] = [];
  const present = await presentRuntimes(o.runtimes, say);
  stages.push({ stage: 'runtimes', status: 'ok', seconds: elapsed() / 1000, note: present.map((p) => `${p.adapter.id} ${p.version}`).join('; ') });
  const store = openStore(db);
  const oracle = createAdapter('reference')!;
  try {
    const previous = continuation(store, o.shard);
    const runId = store.beginRun(NIGHTLY_COMMAND, {
      session: o.session, shard: showShard(o.shard), budgetMs: o.budgetMs, runtimes: present.map((p) => p.adapter.id), seed: o.fuzz.seed, cases: o.fuzz.cases,
    } satisfies NightlyRunOptions);
    const stageRuns: number[] = [];
    const next: Continuation = { ...previous };
    const adapters = present.map((p) => p.adapter);

    await stage(stages, 'spec', say, async () => {
      const files = shardItems(o.spec.files, o.shard);
      if (files.length === 0) return skipped('no .wast files for this shard (is the testsuite there? set WASMDIFF_TESTSUITE)');
      say(`spec: ${files.length} file(s) in this shard, ${o.spec.explicit ? 'all of them' : `from #${previous.specNext + 1}, as many as ${clock(plan.specMs)} allows`}, on ${adapters.length} runtime(s)`);
      const r = await runSpecStage({
        files, explicit: o.spec.explicit, start: previous.specNext, budgetMs: plan.specMs, secondsPerByte: previous.secondsPerByte,
        runtimes: adapters, oracle, store, timeoutMs: plan.specTimeoutMs, progress: (line) => say(`spec ${line}`),
      });
      if (!o.spec.explicit) Object.assign(next, { specNext: r.next, secondsPerByte: r.secondsPerByte });
      for (const s of r.suites) if (s.runId !== undefined) stageRuns.push(s.runId);
      if (r.suites.length === 0) return skipped(`no .wast file fits the spec budget of ${clock(plan.specMs)}`);
      const totals = totalsOf(r.suites.flatMap((s) => s.files), adapters.map((a) => a.id));
      const tally = Object.entries(totals).map(([id, t]) => `${id} ${t.passed}/${t.passed + t.failed}`).join(', ');
      const fresh = r.suites.flatMap((s) => s.findings).filter((f) => f.isNew).length;
      const later = files.length - r.filesRun;
      return { runId: r.suites.at(-1)!.runId, note: `${r.filesRun} of ${files.length} file(s)${later > 0 ? ` (${later} for later nights)` : ''}, passed/judged: ${tally}; ${fresh} new finding(s); ${r.fixed.length} spec finding(s) fixed` };
    });

    await stage(stages, 'fuzz', say, async () => {
      const runtimes = adapters.filter((a) => a.id !== 'reference');
      if (runtimes.length === 0) return skipped('only the reference interpreter is present: nothing to compare it with');
      const benchMs = o.bench === false ? 0 : plan.benchMs;
      const timeMs = o.budgetMs - elapsed() - benchMs - plan.reserveMs;
      const cases = o.fuzz.cases === undefined ? undefined : shardCases(o.fuzz.cases, FUZZ_CHUNK, o.shard);
      if (cases === undefined && timeMs <= 0) return skipped('no time left in the budget');
      say(`fuzz: seed ${o.fuzz.seed}, ${cases === undefined ? `for ${clock(timeMs)}` : `${cases} case(s)`} on ${runtimes.map((a) => a.id).join(', ')}`);
      const s = await fuzz({
        seed: o.fuzz.seed, ...(cases === undefined ? { timeMs } : { cases }), shard: o.shard, chunk: FUZZ_CHUNK, runtimes, store,
        // minimisation stays within a slice of the fuzz time so one divergence cannot eat the night
        minimize: { maxTests: 400, timeBudgetMs: cases === undefined ? Math.max(5000, Math.min(30_000, timeMs / 10)) : 30_000 },
        command: { nightly: true, seed: o.fuzz.seed, cases, timeMs: cases === undefined ? timeMs : undefined, shard: showShard(o.shard) },
        progressMs: 10_000,
        progress: (p) => say(`fuzz: ${p.cases} case(s), ${p.casesPerSecond.toFixed(1)}/s, ${p.findings} divergence(s), ${p.newFindings} new`),
      });
      stageRuns.push(s.runId);
      return { runId: s.runId, note: `${s.cases} case(s) in ${s.seconds.toFixed(0)} s, ${s.findings} divergence(s), ${s.newFindings} new; re-checked ${s.recheck.checked} open finding(s), ${s.recheck.fixed.length} fixed` };
    });

    await stage(stages, 'bench', say, async () => {
      if (o.bench === false) return skipped('left out (--no-bench)');
      const missing = benchUnavailable();
      if (missing !== undefined) return skipped(missing);
      const budgetMs = Math.min(plan.benchMs, o.budgetMs - elapsed() - plan.reserveMs);
      if (budgetMs < 5000) return skipped('no time left in the budget');
      const r = await runBenchStage({ runtimes: adapters.map((a) => a.id), ...(o.bench.programs ? { programs: o.bench.programs } : {}), shard: o.shard, start: previous.benchNext, budgetMs, seed: o.fuzz.seed, store, progress: say });
      next.benchNext = r.next;
      stageRuns.push(r.report.runId);
      const ok = r.report.cells.filter((c) => c.status === 'ok').length;
      return { runId: r.report.runId, note: `${r.report.programs.length} program(s), ${ok} of ${r.report.cells.length} cell(s) measured, ${r.report.anomalies.length} anomal${r.report.anomalies.length === 1 ? 'y' : 'ies'}` };
    });

    const uids = stageRuns.map((id) => store.getRun(id)?.uid).filter((u): u is string => u !== undefined);
    store.finishRun(runId, { stageRuns: uids, stages, ...next });

    let written: ReturnType<typeof writeReports> | undefined;
    await stage(stages, 'reports', say, async () => {
      // the reports show every stage, a failed one included, with why it failed
      const shown = [...stages, { stage: 'reports', status: 'ok' as const, seconds: 0, note: 'written' }];
      written = writeReports(store, o.baseline, o.out, `shard ${showShard(o.shard)}, budget ${clock(o.budgetMs)}, session ${o.session}`, shown);
      return { note: `${written.files.html}, ${written.files.markdown}, ${written.files.junit}` };
    });
    if (written === undefined) throw new UserError(`nightly: could not write the reports to ${o.out}: ${stages.at(-1)!.note}`);
    const { data } = written;
    const fresh = failingNew(data);
    const failedStages = stages.filter((x) => x.status === 'failed');
    return {
      runId, db, files: written.files, runtimes: present.map((p) => ({ id: p.adapter.id, version: p.version })), stages,
      newFindings: fresh.length,
      knownNew: data.findings.filter((f) => f.isNew && f.baseline !== undefined).length,
      fixed: data.findings.filter((f) => f.fixedNow === true).length,
      openFindings: data.findings.filter((f) => f.status === 'open').length,
      // a stage that failed leaves the night incomplete: an error, whatever was found
      exitCode: failedStages.length > 0 ? 2 : fresh.length > 0 ? 1 : 0,
      failedStages: failedStages.map((x) => `${x.stage}: ${x.note}`),
      seconds: elapsed() / 1000,
    };
  } finally {
    store.close();
    await Promise.all([oracle, ...o.runtimes].map((a) => a.close?.()));
  }
}

/** Fails early, before anything runs, when --out cannot hold the reports. */
function checkWritable(out: string): void {
  const probe = join(out, `.wasmdiff-write-check-${process.pid}`);
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new UserError(`nightly: cannot write to --out ${out}: ${(err as Error).message.split('\n')[0]}; name a writable folder`);
  }
}

async function presentRuntimes(candidates: Adapter[], say: (line: string) => void): Promise<{ adapter: Adapter; version: string }[]> {
  const present: { adapter: Adapter; version: string }[] = [];
  for (const adapter of candidates) {
    const a = await adapter.available();
    if (a.ok) present.push({ adapter, version: a.version });
    say(`runtime ${adapter.id}: ${a.ok ? a.version : `absent (${a.reason})`}`);
  }
  if (present.length === 0) throw new UserError('nightly: no runtime is available; install them with `wasmdiff runtimes install` (see `wasmdiff runtimes list`)');
  return present;
}

/** Where the previous nightly of this shard stopped, and the spec throughput it measured. */
function continuation(store: Store, shard: Shard): Continuation {
  const last = store.runs().find((r) => r.command === NIGHTLY_COMMAND && (r.options as { shard?: string })?.shard === showShard(shard) && r.summary !== null);
  const s = (last?.summary ?? {}) as Partial<Continuation>;
  const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  return {
    specNext: Number.isInteger(s.specNext) && s.specNext! >= 0 ? s.specNext! : 0,
    benchNext: Number.isInteger(s.benchNext) && s.benchNext! >= 0 ? s.benchNext! : 0,
    secondsPerByte: positive(s.secondsPerByte) ? s.secondsPerByte : DEFAULT_SECONDS_PER_BYTE,
  };
}

type StageOutcome = { note: string; runId?: number | undefined; skipped?: true };

function skipped(note: string): StageOutcome {
  return { note, skipped: true };
}

/** Runs one stage, recording how it went; a stage that throws is recorded as failed and the night goes on. */
async function stage(stages: StageResult[], name: StageName, say: (line: string) => void, work: () => Promise<StageOutcome>): Promise<void> {
  const t0 = performance.now();
  say(`${name}: start`);
  let result: StageResult;
  try {
    const r = await work();
    result = { stage: name, status: r.skipped ? 'skipped' : 'ok', seconds: (performance.now() - t0) / 1000, note: r.note, ...(r.runId === undefined ? {} : { runId: r.runId }) };
  } catch (err) {
    result = { stage: name, status: 'failed', seconds: (performance.now() - t0) / 1000, note: (err as Error).message.split('\n')[0] ?? String(err) };
  }
  stages.push(result);
  say(`${name}: ${result.status} in ${result.seconds.toFixed(1)} s: ${result.note}`);
}

/** Milliseconds as m:ss (or h:mm:ss). */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
