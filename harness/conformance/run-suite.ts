// The differential spec run: every .wast file translated into plans
// (translate.ts), run on the oracle under plan semantics first (a command
// where that disagrees with the script is not expressible, for every
// runtime), then on each runtime, at most `jobs` runtimes at a time. Each
// command is passed, failed or unsupported (with a reason) per runtime and
// file; each failure that is a divergence becomes a finding, once per run and
// signature, stored with its WAT, details and repro commands.
import { readFileSync } from 'node:fs';
import type { Adapter, FeatureSet } from '../../adapters/adapter.js';
import type { RunOutcome } from '../../adapters/plan.js';
import { ReferenceAdapter } from '../../adapters/reference.js';
import { ParseError } from '../../reference-runtime/errors.js';
import { parseWast } from '../../reference-runtime/text/parse-script.js';
import { UserError } from '../cli/run.js';
import type { Store } from '../store/store.js';
import { displayName } from './display-name.js';
import { pendingFinding, type PendingFinding } from './finding.js';
import { judgeInvocation, judgeModule, type Judgement } from './judge.js';
import { shellLine, reproRecipe } from './repro.js';
import { translateScript, type ScriptPlan, type Unit } from './translate.js';

export interface Tally {
  passed: number;
  failed: number;
  unsupported: number;
}

export interface FileResult extends Tally {
  file: string;
  runtime: string;
  /** Each distinct unsupported reason, with how many commands it covers (`reason (N)`). */
  reasons: string[];
}

export interface FindingSeen {
  id: number;
  isNew: boolean;
  count: number;
  kind: string;
  runtime: string;
  summary: string;
  /** Commands that showed it in this run. */
  occurrences: number;
}

export interface SuiteResult {
  files: FileResult[];
  totals: Record<string, Tally>;
  /** Per runtime: wall-clock seconds spent in its plans and processes started. */
  cost: Record<string, { seconds: number; processes: number }>;
  findings: FindingSeen[];
  runId?: number;
  seconds: number;
}

export interface SuiteOptions {
  files: string[];
  /** The runtimes judged (the reference adapter may be one of them). */
  runtimes: Adapter[];
  /** The oracle under plan semantics (a reference adapter). */
  oracle: Adapter;
  store?: Store;
  timeoutMs?: number;
  /** Runtimes run at once (default 2: the machine has 2 cores). */
  jobs?: number;
  progress?: (line: string) => void;
  /** Stored as the run's options. */
  command?: string;
}

interface RuntimeInfo {
  adapter: Adapter;
  version: string;
  features: FeatureSet;
  runtimeId?: number;
  repro: { driver?: string; module?: string };
  /** Plans the adapter runs well at once (Adapter.concurrency). */
  concurrency: number;
}

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const plans = o.files.map(readPlan); // every file parses before anything runs or is stored
  const infos = await Promise.all(o.runtimes.map(describeRuntime));
  const runId = o.store?.beginRun(o.command ?? 'spec', { files: o.files, runtimes: infos.map((i) => i.adapter.id) });
  for (const info of infos) {
    info.runtimeId = o.store?.upsertRuntime({ name: info.adapter.id, engine: info.adapter.engine, version: info.version, features: info.features });
  }
  const files: FileResult[] = [];
  const cost: SuiteResult['cost'] = Object.fromEntries(['oracle', ...infos.map((i) => i.adapter.id)].map((id) => [id, { seconds: 0, processes: 0 }]));
  const seen = new Map<string, FindingSeen>(); // by signature: each finding is recorded once per run
  const timeoutMs = o.timeoutMs ?? 10_000;
  // the oracle runs file by file, ahead of the runtimes that need it
  let oracleChain: Promise<unknown> = Promise.resolve();
  const oracles = plans.map((plan, n) => {
    const run = oracleChain.then(() => {
      o.progress?.(`[${n + 1}/${plans.length}] ${plan.file}: oracle`);
      return measured(cost.oracle!, () => runOracle(plan, o.oracle, timeoutMs));
    });
    oracleChain = run.catch(() => undefined);
    return run;
  });
  const perFile = plans.map(() => ({ results: [] as FileResult[], pending: new Map<string, PendingFinding>(), left: infos.length }));
  const tasks = plans.flatMap((_, n) => infos.map((info) => ({ n, info })));
  // a runtime that serves one plan at a time gets one lane; files of another may run side by side
  const key = (t: { n: number; info: RuntimeInfo }) => (t.info.concurrency > 1 ? `${t.info.adapter.id}#${t.n}` : t.info.adapter.id);
  await schedule(tasks, o.jobs ?? 2, key, async ({ n, info }) => {
    const plan = plans[n]!;
    const oracle = await oracles[n]!;
    o.progress?.(`[${n + 1}/${plans.length}] ${plan.file}: ${info.adapter.id}`);
    const judged = await measured(cost[info.adapter.id]!, () => runRuntime(plan, info, timeoutMs, oracle));
    const file = perFile[n]!;
    file.results.push(tally(plan, info.adapter.id, judged.judgements));
    judged.judgements.forEach((j, check) => {
      if (j.status !== 'failed' || j.kind === undefined) return;
      const f = pendingFinding({ plan, check, judgement: j, runtime: info.adapter.id, version: info.version, oracle, outcomes: judged.outcomes, repro: info.repro });
      const same = file.pending.get(f.finding.signature);
      if (same === undefined) file.pending.set(f.finding.signature, f);
      else same.occurrences.push(...f.occurrences);
    });
    if (--file.left > 0) return;
    files.push(...file.results);
    // stored file by file: an interrupted run keeps what it has judged
    if (o.store && runId !== undefined) storeFile(o.store, runId, infos, file.results, [...file.pending.values()], seen);
    else for (const p of file.pending.values()) if (!seen.has(p.finding.signature)) seen.set(p.finding.signature, unstored(p, seen.size + 1));
    perFile[n] = { results: [], pending: new Map(), left: 0 }; // judged and stored: free it
  });
  if (infos.length === 0) await Promise.all(oracles);
  const order = new Map(infos.map((i, k) => [i.adapter.id, k]));
  files.sort((a, b) => a.file.localeCompare(b.file) || order.get(a.runtime)! - order.get(b.runtime)!);
  const totals = totalsOf(files, infos.map((i) => i.adapter.id));
  const findings = [...seen.values()];
  if (o.store && runId !== undefined) o.store.finishRun(runId, { totals, findings: findings.length, newFindings: findings.filter((s) => s.isNew).length });
  return { files, totals, cost, findings, ...(runId !== undefined ? { runId } : {}), seconds: (performance.now() - started) / 1000 };
}

function readPlan(file: string): ScriptPlan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`spec: cannot read ${file}`);
  }
  try {
    return translateScript(parseWast(text, file));
  } catch (e) {
    if (e instanceof ParseError) throw new UserError(e.describe());
    throw new UserError(`${file}: ${(e as Error).message}`);
  }
}

async function describeRuntime(adapter: Adapter): Promise<RuntimeInfo> {
  const a = await adapter.available();
  if (!a.ok) throw new UserError(`spec: runtime ${adapter.id} is not available: ${a.reason} (${a.install})`);
  const features = await adapter.features();
  const [driver, module] = await Promise.all([reproRecipe(adapter, 'driver'), reproRecipe(adapter, 'module')]);
  const concurrency = (await adapter.concurrency?.()) ?? 1;
  return { adapter, version: a.version, features, concurrency, repro: { ...(driver ? { driver: shellLine(driver.argv) } : {}), ...(module ? { module: shellLine(module.argv) } : {}) } };
}

/** Runs every unit on the oracle; a check the oracle under plan semantics does not pass is not expressible. */
async function runOracle(plan: ScriptPlan, oracle: Adapter, timeoutMs: number): Promise<(RunOutcome | undefined)[]> {
  const outcomes: (RunOutcome | undefined)[] = [];
  for (const unit of plan.units) {
    const out = await oracle.run({ module: unit.bytes, invocations: unit.invocations }, { timeoutMs });
    const died = [out.verdict, ...out.invocations].find((o) => o.kind === 'crash' && o.message.startsWith('worker died'));
    if (died !== undefined) throw new UserError(`spec: the oracle (reference interpreter worker) failed: ${(died as { message: string }).message}`);
    outcomes.push(out);
    const mark = (check: number, j: Judgement): void => {
      const c = plan.checks[check]!;
      if (j.status === 'passed' || c.unsupported !== undefined) return;
      c.unsupported =
        j.status === 'failed' && j.actualClass === 'timeout'
          ? 'the oracle timed out under the plan'
          : 'not expressible under plan semantics (after a trap the instance is fresh): the oracle under the plan disagrees with the script';
    };
    mark(unit.moduleCheck, judgeModule(plan.checks[unit.moduleCheck]!.expect, out.verdict));
    unit.invocationChecks.forEach((check, i) => mark(check, judgeInvocation(plan.checks[check]!.expect, out.verdict, out.invocations[i])));
  }
  return outcomes;
}

async function runRuntime(
  plan: ScriptPlan,
  info: RuntimeInfo,
  timeoutMs: number,
  oracle: readonly (RunOutcome | undefined)[],
): Promise<{ judgements: Judgement[]; outcomes: (RunOutcome | undefined)[] }> {
  const judgements: Judgement[] = plan.checks.map((c) => (c.unsupported !== undefined ? { status: 'unsupported', reason: c.unsupported } : { status: 'passed' }));
  const outcomes: (RunOutcome | undefined)[] = [];
  for (const [u, unit] of plan.units.entries()) {
    const checks = [unit.moduleCheck, ...unit.invocationChecks];
    const runnable = checks.filter((c) => plan.checks[c]!.unsupported === undefined);
    const missing = unit.features.filter((f) => !info.features[f]);
    if (runnable.length === 0 || missing.length > 0) {
      const reason = `${missing.join(', ')} not supported (probed)`;
      for (const c of runnable) judgements[c] = { status: 'unsupported', reason };
      outcomes.push(undefined);
      continue;
    }
    const out = await runUnit(info.adapter, unit, timeoutMs, oracle[u]);
    outcomes.push(out);
    const own = (c: number, j: Judgement): void => {
      if (plan.checks[c]!.unsupported === undefined) judgements[c] = j;
    };
    own(unit.moduleCheck, judgeModule(plan.checks[unit.moduleCheck]!.expect, out.verdict));
    unit.invocationChecks.forEach((c, i) => own(c, judgeInvocation(plan.checks[c]!.expect, out.verdict, out.invocations[i])));
  }
  return { judgements, outcomes };
}

/**
 * One unit's plan on a runtime. The reference adapter's run is the oracle's
 * (the same interpreter under the same plan). A timeout where the oracle had
 * none is retried once with twice the time, so that a loaded machine does not
 * make findings.
 */
async function runUnit(adapter: Adapter, unit: Unit, timeoutMs: number, oracle: RunOutcome | undefined): Promise<RunOutcome> {
  if (adapter instanceof ReferenceAdapter && oracle !== undefined) return { ...oracle, adapter: adapter.id };
  const plan = { module: unit.bytes, invocations: unit.invocations };
  const out = await adapter.run(plan, { timeoutMs });
  if (!timedOut(out) || (oracle !== undefined && timedOut(oracle))) return out;
  const again = await adapter.run(plan, { timeoutMs: 2 * timeoutMs });
  return { ...again, processes: again.processes + out.processes };
}

function timedOut(o: RunOutcome): boolean {
  return o.verdict.kind === 'timeout' || o.invocations.some((i) => i.kind === 'timeout');
}

function tally(plan: ScriptPlan, runtime: string, judgements: Judgement[]): FileResult {
  const r: FileResult = { file: plan.file, runtime, passed: 0, failed: 0, unsupported: 0, reasons: [] };
  const reasons = new Map<string, number>();
  for (const j of judgements) {
    r[j.status]++;
    if (j.status === 'unsupported') reasons.set(j.reason, (reasons.get(j.reason) ?? 0) + 1);
  }
  r.reasons = [...reasons].map(([reason, n]) => `${reason} (${n})`);
  return r;
}

export function totalsOf(files: readonly FileResult[], runtimes: readonly string[]): Record<string, Tally> {
  const totals: Record<string, Tally> = Object.fromEntries(runtimes.map((id) => [id, { passed: 0, failed: 0, unsupported: 0 }]));
  for (const f of files) {
    const t = (totals[f.runtime] ??= { passed: 0, failed: 0, unsupported: 0 });
    t.passed += f.passed;
    t.failed += f.failed;
    t.unsupported += f.unsupported;
  }
  return totals;
}

/** One file's results in one transaction; a finding already recorded in this run only gains the sightings. */
function storeFile(store: Store, runId: number, infos: RuntimeInfo[], files: FileResult[], pending: PendingFinding[], seen: Map<string, FindingSeen>): void {
  const ids = new Map(infos.map((i) => [i.adapter.id, i.runtimeId!]));
  store.transaction(() => {
    store.putSpecResults(
      runId,
      files.map((f) => ({ runtimeId: ids.get(f.runtime)!, file: displayName(f.file), passed: f.passed, failed: f.failed, unsupported: f.unsupported, reasons: f.reasons })),
    );
    for (const p of pending) {
      const before = seen.get(p.finding.signature);
      if (before !== undefined) {
        before.occurrences += p.occurrences.length;
        continue;
      }
      p.finding.details = { ...(p.finding.details as object), seenAt: p.occurrences.slice(0, 10) };
      const r = store.recordFinding(p.finding, runId);
      seen.set(p.finding.signature, { ...r, kind: p.finding.kind, runtime: p.finding.runtimes[0]!, summary: p.finding.summary, occurrences: p.occurrences.length });
    }
  });
}

function unstored(p: PendingFinding, id: number): FindingSeen {
  return { id, isNew: true, count: 1, kind: p.finding.kind, runtime: p.finding.runtimes[0]!, summary: p.finding.summary, occurrences: p.occurrences.length };
}

/** Runs `work`, adding its wall time and the processes its outcomes report to `into`. */
async function measured<T extends (RunOutcome | undefined)[] | { outcomes: (RunOutcome | undefined)[] }>(
  into: { seconds: number; processes: number },
  work: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  const r = await work();
  into.seconds += (performance.now() - t0) / 1000;
  for (const o of Array.isArray(r) ? r : r.outcomes) into.processes += o?.processes ?? 0;
  return r;
}

/**
 * Runs `task` on every item, at most `jobs` at a time and at most one per
 * key (a runtime runs one plan at a time: its server, if it has one, serves
 * one request at a time). A free lane takes the first item whose key is
 * idle, so no lane waits behind a busy runtime while another has work.
 */
async function schedule<T>(items: readonly T[], jobs: number, key: (item: T) => string, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const busy = new Set<string>();
  let wake: (() => void) | undefined;
  const idle = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const lane = async (): Promise<void> => {
    for (;;) {
      const at = queue.findIndex((item) => !busy.has(key(item)));
      if (at < 0) {
        if (queue.length === 0) return;
        await idle();
        continue;
      }
      const [item] = queue.splice(at, 1);
      const k = key(item!);
      busy.add(k);
      try {
        await task(item!);
      } finally {
        busy.delete(k);
        const w = wake;
        wake = undefined;
        w?.();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, lane));
}
