// The differential spec run: every .wast file translated into plans
// (translate.ts), run on the oracle under plan semantics first, then on each
// runtime, at most `jobs` runtimes at a time. Where the oracle under the plan
// disagrees with the script, the plan decides: a check after an expected
// trap runs on a fresh instance (plan rule 3) where the script's instance
// went on, so it is not expressible; any other disagreement is an oracle
// error, reported (SuiteResult.oracleErrors) and never hidden. Each command
// is passed, failed or unsupported (with a reason) per runtime and file; each
// failure that is a divergence is a sighting of a finding (a cause: its
// family, kind, culprit and operand class), stored file by file with its
// WAT, details and repro commands. A runtime runs each distinct plan once
// per suite run (distinct-plans.ts): a unit repeating one is judged on its
// outcome.
import { readFileSync } from 'node:fs';
import type { Adapter, FeatureName, FeatureSet } from '../../adapters/adapter.js';
import type { InvocationOutcome, ModuleVerdict, Plan, RunOutcome } from '../../adapters/plan.js';
import { showOutcome } from '../compare/compare.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { ParseError } from '../../reference-runtime/errors.js';
import { parseWast } from '../../reference-runtime/text/parse-script.js';
import { specVersionOf } from '../../reference-runtime/script/run-script.js';
import { UserError } from '../../adapters/project.js';
import type { FindingSeen } from '../findings/contract.js';
import { recordProbeFailures } from '../findings/probe-findings.js';
import { FEATURES_3_0 } from '../../adapters/features.js';
import { isNote } from '../findings/contract.js';
import type { Store } from '../store/store.js';
import { displayName } from './display-name.js';
import { DistinctRuns, repeatedPlans } from './distinct-plans.js';
import { pendingFinding, type PendingFinding } from './finding.js';
import { judgeInvocation, judgeModule, type Judgement } from './judge.js';
import { shellLine, reproRecipe } from './repro.js';
import { REASON_IMPORTS, translateScript, type ScriptPlan, type Unit } from './translate.js';

export interface Tally {
  passed: number;
  failed: number;
  unsupported: number;
  /** Checks of a 2.0 script whose answer 3.0 changed, answered the 3.0 way by a runtime probed to have the features that answer needs (the store counts them as passed). */
  superseded: number;
}

export interface FileResult extends Tally {
  file: string;
  runtime: string;
  /** Each distinct unsupported reason, with how many commands it covers (`reason (N)`). */
  reasons: string[];
}

export type { FindingSeen } from '../findings/contract.js';

/** A check where the oracle under the plan disagrees with the script, not explained by the plan: the oracle is wrong. */
export interface OracleError {
  at: string;
  command: string;
  expected: string;
  actual: string;
}

export interface SuiteResult {
  files: FileResult[];
  totals: Record<string, Tally>;
  /** Per runtime: wall-clock seconds spent in its plans and processes started. */
  cost: Record<string, { seconds: number; processes: number }>;
  findings: FindingSeen[];
  /** Checks the oracle got wrong: the run's result cannot be trusted for them (exit status 2). */
  oracleErrors: OracleError[];
  /** For each watched `runtime\0file:line`: how its check was judged (recheckSpecFindings). */
  watched: Map<string, Judgement['status']>;
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
  /** `runtime\0file:line` keys whose judgement the caller wants back (SuiteResult.watched). */
  watch?: ReadonlySet<string>;
}

interface RuntimeInfo {
  adapter: Adapter;
  version: string;
  features: FeatureSet;
  runtimeId?: number;
  repro: { driver?: string; module?: string };
  /** Plans the adapter runs well at once (Adapter.concurrency). */
  concurrency: number;
  /** The distinct plans it ran in this suite run: a unit repeating one takes its outcome. */
  distinct: DistinctRuns;
}

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const plans = o.files.map(readPlan); // every file parses before anything runs or is stored
  const repeated = repeatedPlans(plans.flatMap((p) => p.units.map(unitPlan)));
  const infos = await Promise.all(o.runtimes.map((adapter) => describeRuntime(adapter, repeated)));
  const runId = o.store?.beginRun(o.command ?? 'spec', { files: o.files, runtimes: infos.map((i) => i.adapter.id) });
  const seen = new Map<string, FindingSeen>(); // by signature: what this run saw of each finding
  for (const info of infos) {
    info.runtimeId = o.store?.upsertRuntime({ name: info.adapter.id, engine: info.adapter.engine, version: info.version, features: info.features });
    // a probe the runtime accepted and got wrong is a finding, never "unsupported"
    if (o.store && runId !== undefined) for (const f of await recordProbeFailures(o.store, runId, info.adapter, info.version)) merge(seen, f);
  }
  const oracleErrors: OracleError[] = [];
  const watched = new Map<string, Judgement['status']>();
  const files: FileResult[] = [];
  const cost: SuiteResult['cost'] = Object.fromEntries(['oracle', ...infos.map((i) => i.adapter.id)].map((id) => [id, { seconds: 0, processes: 0 }]));
  const timeoutMs = o.timeoutMs ?? 10_000;
  // the oracle runs file by file, ahead of the runtimes that need it
  let oracleChain: Promise<unknown> = Promise.resolve();
  const oracles = plans.map((plan, n) => {
    const run = oracleChain.then(() => {
      o.progress?.(`[${n + 1}/${plans.length}] ${plan.file}: oracle`);
      return measured(cost.oracle!, () => runOracle(plan, o.oracle, timeoutMs, oracleErrors));
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
    file.results.push(tally(plan, info.adapter.id, judged.judgements, judged.superseded));
    judged.judgements.forEach((j, check) => {
      if (o.watch !== undefined) {
        const key = `${info.adapter.id}\0${displayName(plan.file)}:${plan.checks[check]!.line}`;
        if (o.watch.has(key)) watched.set(key, j.status);
      }
      if (j.status !== 'failed' || j.kind === undefined) return;
      const f = pendingFinding({ plan, check, judgement: j, runtime: info.adapter.id, version: info.version, oracle, outcomes: judged.outcomes, repro: info.repro });
      // one sighting record per cause and member runtime: the file's smallest module represents it, every check counts
      const key = `${f.finding.signature}\0${info.adapter.id}`;
      const same = file.pending.get(key);
      if (same === undefined) file.pending.set(key, f);
      else {
        const occurrences = [...same.occurrences, ...f.occurrences];
        const smaller = (f.finding.moduleBytes?.byteLength ?? 0) < (same.finding.moduleBytes?.byteLength ?? 0);
        file.pending.set(key, { ...(smaller ? f : same), occurrences });
      }
    });
    if (--file.left > 0) return;
    files.push(...file.results);
    // stored file by file: an interrupted run keeps what it has judged
    if (o.store && runId !== undefined) storeFile(o.store, runId, infos, file.results, [...file.pending.values()], seen);
    else for (const p of file.pending.values()) merge(seen, unstored(p, seen.size + 1));
    perFile[n] = { results: [], pending: new Map(), left: 0 }; // judged and stored: free it
  });
  if (infos.length === 0) await Promise.all(oracles);
  const order = new Map(infos.map((i, k) => [i.adapter.id, k]));
  files.sort((a, b) => a.file.localeCompare(b.file) || order.get(a.runtime)! - order.get(b.runtime)!);
  const totals = totalsOf(files, infos.map((i) => i.adapter.id));
  const findings = [...seen.values()];
  if (o.store && runId !== undefined)
    o.store.finishRun(runId, { totals, findings: findings.length, newFindings: findings.filter((s) => s.isNew).length, notes: findings.filter((s) => s.note).length, oracleErrors: oracleErrors.length });
  return { files, totals, cost, findings, oracleErrors, watched, ...(runId !== undefined ? { runId } : {}), seconds: (performance.now() - started) / 1000 };
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

async function describeRuntime(adapter: Adapter, repeated: ReadonlyMap<string, number>): Promise<RuntimeInfo> {
  const a = await adapter.available();
  if (!a.ok) throw new UserError(`spec: runtime ${adapter.id} is not available: ${a.reason} (${a.install})`);
  const features = await adapter.features();
  const [driver, module] = await Promise.all([reproRecipe(adapter, 'driver'), reproRecipe(adapter, 'module')]);
  const concurrency = (await adapter.concurrency?.()) ?? 1;
  return { adapter, version: a.version, features, concurrency, distinct: new DistinctRuns(repeated), repro: { ...(driver ? { driver: shellLine(driver.argv) } : {}), ...(module ? { module: shellLine(module.argv) } : {}) } };
}

export const REASON_AFTER_RESET =
  'not expressible under plan semantics: an earlier assertion of this module trapped, and a plan goes on on a fresh instance where the script goes on on the trapped one';

/**
 * Runs every unit on the oracle. A check the oracle under plan semantics
 * does not pass is not expressible when the plan explains it (it comes after
 * a trap or exhaustion the script expects, so it runs on a fresh instance);
 * otherwise it is an oracle error, recorded, and no runtime is judged on it.
 */
async function runOracle(plan: ScriptPlan, oracle: Adapter, timeoutMs: number, errors: OracleError[]): Promise<(RunOutcome | undefined)[]> {
  const outcomes: (RunOutcome | undefined)[] = [];
  const version = specVersionOf(plan.file);
  const later = new Map<number, Superseded>();
  superseded.set(plan, later);
  for (const unit of plan.units) {
    // judged by the rules of the script's spec version (a wasm-2.0 script by 2.0 rules)
    const out = await oracle.run({ module: unit.bytes, invocations: unit.invocations, spec: version }, { timeoutMs });
    const died = [out.verdict, ...out.invocations].find((o) => o.kind === 'crash' && o.message.startsWith('worker died'));
    if (died !== undefined) throw new UserError(`spec: the oracle (reference interpreter worker) failed: ${(died as { message: string }).message}`);
    const now = version === '2.0' ? await oracle.run({ module: unit.bytes, invocations: unit.invocations, spec: '3.0' }, { timeoutMs }) : undefined;
    // the features the module needs (translate.ts reads them from its 3.0 syntax, binary modules' too)
    const needs = unit.features.filter((f) => FEATURES_3_0.includes(f));
    const rewritten = unit.importsDefinedInside === true && now !== undefined && out.verdict.kind === 'invalid' && now.verdict.kind !== 'invalid' && now.verdict.kind !== 'malformed';
    outcomes.push(out);
    if (rewritten) {
      // the module with its imports defined inside reads a defined global in a constant expression: a 3.0 module
      // made by the harness, which a 2.0 runtime may rightly reject; the plan cannot express the script's 2.0 module
      for (const c of [unit.moduleCheck, ...unit.invocationChecks]) plan.checks[c]!.unsupported ??= REASON_NEEDS_30;
      continue;
    }
    const mark = (check: number, j: Judgement, invocation?: number): void => {
      const c = plan.checks[check]!;
      if (j.status === 'passed' || c.unsupported !== undefined) return;
      if (j.status === 'failed' && j.actualClass === 'timeout') c.unsupported = 'the oracle timed out under the plan';
      else if (invocation !== undefined && afterExpectedReset(plan, unit, invocation)) c.unsupported = REASON_AFTER_RESET;
      else if (invocation !== undefined && afterSkippedAction(plan, unit, check)) c.unsupported = REASON_AFTER_SKIPPED;
      else if (invocation !== undefined && (unit.copiedFrom !== undefined || copiedSince(plan, unit, check))) c.unsupported = REASON_COPIED_STATE;
      else {
        const failed = j.status === 'failed' ? j : undefined;
        errors.push({ at: `${displayName(plan.file)}:${c.line}`, command: c.text, expected: failed?.expected ?? describe(c), actual: failed?.actual ?? (j.status === 'unsupported' ? j.reason : '') });
        c.unsupported = `oracle error: the reference interpreter disagrees with the script here (${failed?.actual ?? 'unsupported'}); no runtime is judged on it`;
      }
    };
    mark(unit.moduleCheck, judgeModule(plan.checks[unit.moduleCheck]!.expect, out.verdict));
    unit.invocationChecks.forEach((check, i) => mark(check, judgeInvocation(plan.checks[check]!.expect, out.verdict, out.invocations[i]), i));
    if (now !== undefined) {
      // a check whose answer 3.0 changed is superseded: a runtime with the 3.0 feature may give the 3.0 answer
      if (judgeModule(plan.checks[unit.moduleCheck]!.expect, now.verdict).status === 'failed') later.set(unit.moduleCheck, { verdict: now.verdict, needs });
      unit.invocationChecks.forEach((check, i) => {
        if (judgeInvocation(plan.checks[check]!.expect, now.verdict, now.invocations[i]).status === 'failed') later.set(check, { verdict: now.verdict, outcome: now.invocations[i], needs });
      });
    }
  }
  return outcomes;
}

/** What the 3.0 rules answer for a check of a 2.0 script that 3.0 changed. */
interface Superseded {
  verdict: ModuleVerdict;
  outcome?: InvocationOutcome;
  /** The 3.0 features the module needs by 3.0 rules: a runtime probed without one is judged by 2.0 rules. */
  needs: readonly FeatureName[];
}


const superseded = new WeakMap<ScriptPlan, Map<number, Superseded>>();

/**
 * Whether a failed check is the 3.0 answer to a check 3.0 changed, given by
 * a runtime probed to have every feature that answer needs: superseded (not
 * a failure, not a finding). A runtime without them is judged by 2.0 rules.
 */
function isSuperseded(plan: ScriptPlan, check: number, j: Judgement, verdict: ModuleVerdict, outcome: InvocationOutcome | undefined, features: FeatureSet): boolean {
  const now = superseded.get(plan)?.get(check);
  if (j.status !== 'failed' || now === undefined || now.needs.some((f) => !features[f])) return false;
  const sameVerdict = verdictKind(now.verdict) === verdictKind(verdict);
  if (plan.checks[check]!.invocation === undefined) return sameVerdict;
  return sameVerdict && now.outcome !== undefined && outcome !== undefined && showOutcome(now.outcome) === showOutcome(outcome);
}

function verdictKind(v: ModuleVerdict): string {
  return v.kind === 'rejected' || v.kind === 'malformed' || v.kind === 'invalid' ? 'rejected' : v.kind;
}

export const REASON_NEEDS_30 =
  "not expressible by 2.0 rules: with its imports defined inside it (a plan links nothing), the module reads a defined global in a constant expression, which only 3.0 allows";
export const REASON_AFTER_SKIPPED =
  'not expressible under plan semantics: an earlier command on this module could not be run as a plan invocation (a host reference, a global read), so the state it would have left is missing';
export const REASON_COPIED_STATE =
  "not expressible under plan semantics: the module's imports were copied from a registered module, so state the script shares between the two instances is not shared";

/** Whether an earlier action on the unit's module (after its module command, before this check) could not run in the plan. */
export function afterSkippedAction(plan: ScriptPlan, unit: Unit, check: number): boolean {
  const from = plan.checks[unit.moduleCheck]!.line;
  const to = plan.checks[check]!.line;
  // an action not run, or a module not instantiated that links to (and may write) this one's memory or table
  return plan.checks.some((c) => c.line > from && c.line < to && c.unit === undefined && (c.unsupported === REASON_IMPORTS || (c.unsupported !== undefined && /\(invoke /.test(c.text))));
}

/** Whether a module that copied a registered module's definitions was instantiated between the unit's module and this check (in the script it may have written the shared state). */
export function copiedSince(plan: ScriptPlan, unit: Unit, check: number): boolean {
  const from = plan.checks[unit.moduleCheck]!.line;
  const to = plan.checks[check]!.line;
  return plan.units.some((u) => u !== unit && u.copiedFrom !== undefined && u.line > from && u.line < to);
}

/** Whether invocation i of the unit runs, under the plan, on a fresh instance after a trap or exhaustion the script itself expects. */
export function afterExpectedReset(plan: ScriptPlan, unit: Unit, i: number): boolean {
  return unit.invocationChecks.slice(0, i).some((c) => {
    const kind = plan.checks[c]!.expect.kind;
    return kind === 'trap' || kind === 'exhaustion' || kind === 'exception';
  });
}

function describe(c: { text: string }): string {
  return c.text;
}

async function runRuntime(
  plan: ScriptPlan,
  info: RuntimeInfo,
  timeoutMs: number,
  oracle: readonly (RunOutcome | undefined)[],
): Promise<{ judgements: Judgement[]; outcomes: (RunOutcome | undefined)[]; superseded: Set<number> }> {
  const judgements: Judgement[] = plan.checks.map((c) => (c.unsupported !== undefined ? { status: 'unsupported', reason: c.unsupported } : { status: 'passed' }));
  const outcomes: (RunOutcome | undefined)[] = [];
  const later = new Set<number>();
  const v30 = specVersionOf(plan.file) === '3.0';
  // the units this runtime runs, all at once (an adapter may batch them: runUnits)
  const runs = plan.units.map((unit) => {
    const checks = [unit.moduleCheck, ...unit.invocationChecks];
    const runnable = checks.filter((c) => plan.checks[c]!.unsupported === undefined);
    // by 3.0 rules every feature the module needs counts; a 2.0 script's checks are 2.0's, on which a runtime without a 3.0 feature is judged
    const needs = v30 ? unit.features : unit.features.filter((f) => !FEATURES_3_0.includes(f));
    const missing = needs.filter((f) => !info.features[f]);
    if (runnable.length > 0 && missing.length === 0) return true;
    const reason = `unsupported (feature ${missing.join(', ')}, as probed)`;
    for (const c of runnable) judgements[c] = { status: 'unsupported', reason };
    return false;
  });
  const units = plan.units.filter((_, u) => runs[u]);
  const unitOracles = oracle.filter((_, u) => runs[u]);
  // a unit that repeats a plan this runtime already ran (in this file or an earlier one) is not run again
  const ran = await info.distinct.run(units.map(unitPlan), (fresh) => runUnits(info.adapter, fresh.map((u) => units[u]!), timeoutMs, fresh.map((u) => unitOracles[u])));
  for (const [u, unit] of plan.units.entries()) {
    if (!runs[u]) {
      outcomes.push(undefined);
      continue;
    }
    const out = ran.shift()!;
    outcomes.push(out);
    const judge = (c: number, j: Judgement, outcome: InvocationOutcome | undefined): void => {
      if (plan.checks[c]!.unsupported !== undefined) return;
      if (isSuperseded(plan, c, j, out.verdict, outcome, info.features)) {
        later.add(c);
        judgements[c] = { status: 'passed' };
      } else judgements[c] = j;
    };
    judge(unit.moduleCheck, judgeModule(plan.checks[unit.moduleCheck]!.expect, out.verdict), undefined);
    unit.invocationChecks.forEach((c, i) => judge(c, judgeInvocation(plan.checks[c]!.expect, out.verdict, out.invocations[i]), out.invocations[i]));
  }
  return { judgements, outcomes, superseded: later };
}

/** Units on a runtime: in one call where the adapter runs many plans at once (Adapter.runMany), each then as runUnit would have it. */
async function runUnits(adapter: Adapter, units: readonly Unit[], timeoutMs: number, oracle: readonly (RunOutcome | undefined)[]): Promise<RunOutcome[]> {
  if (adapter.runMany === undefined || adapter instanceof ReferenceAdapter) {
    const outs: RunOutcome[] = [];
    for (const [u, unit] of units.entries()) outs.push(await runUnit(adapter, unit, timeoutMs, oracle[u]));
    return outs;
  }
  const first = await adapter.runMany(units.map(unitPlan), { timeoutMs });
  return Promise.all(first.map((out, u) => retryTimeout(adapter, units[u]!, out, timeoutMs, oracle[u])));
}

function unitPlan(unit: Unit): Plan {
  return { module: unit.bytes, invocations: unit.invocations };
}

/**
 * One unit's plan on a runtime. The reference adapter's run is the oracle's
 * (the same interpreter under the same plan). A timeout where the oracle had
 * none is retried once with twice the time, so that a loaded machine does not
 * make findings.
 */
async function runUnit(adapter: Adapter, unit: Unit, timeoutMs: number, oracle: RunOutcome | undefined): Promise<RunOutcome> {
  if (adapter instanceof ReferenceAdapter && oracle !== undefined) return { ...oracle, adapter: adapter.id };
  return retryTimeout(adapter, unit, await adapter.run(unitPlan(unit), { timeoutMs }), timeoutMs, oracle);
}

async function retryTimeout(adapter: Adapter, unit: Unit, out: RunOutcome, timeoutMs: number, oracle: RunOutcome | undefined): Promise<RunOutcome> {
  if (!timedOut(out) || (oracle !== undefined && timedOut(oracle))) return out;
  const again = await adapter.run(unitPlan(unit), { timeoutMs: 2 * timeoutMs });
  return { ...again, processes: again.processes + out.processes };
}

function timedOut(o: RunOutcome): boolean {
  return o.verdict.kind === 'timeout' || o.invocations.some((i) => i.kind === 'timeout');
}

function tally(plan: ScriptPlan, runtime: string, judgements: Judgement[], superseded: ReadonlySet<number>): FileResult {
  const r: FileResult = { file: plan.file, runtime, passed: 0, failed: 0, unsupported: 0, superseded: 0, reasons: [] };
  const reasons = new Map<string, number>();
  for (const [c, j] of judgements.entries()) {
    if (superseded.has(c)) r.superseded++;
    else r[j.status]++;
    if (j.status === 'unsupported') reasons.set(j.reason, (reasons.get(j.reason) ?? 0) + 1);
  }
  r.reasons = [...reasons].map(([reason, n]) => `${reason} (${n})`);
  return r;
}

export function totalsOf(files: readonly FileResult[], runtimes: readonly string[]): Record<string, Tally> {
  const totals: Record<string, Tally> = Object.fromEntries(runtimes.map((id) => [id, { passed: 0, failed: 0, unsupported: 0, superseded: 0 }]));
  for (const f of files) {
    const t = (totals[f.runtime] ??= { passed: 0, failed: 0, unsupported: 0, superseded: 0 });
    t.passed += f.passed;
    t.failed += f.failed;
    t.unsupported += f.unsupported;
    t.superseded += f.superseded ?? 0;
  }
  return totals;
}

/** One file's results in one transaction: each cause seen in it recorded once, with as many sightings as checks showed it. */
function storeFile(store: Store, runId: number, infos: RuntimeInfo[], files: FileResult[], pending: PendingFinding[], seen: Map<string, FindingSeen>): void {
  const ids = new Map(infos.map((i) => [i.adapter.id, i.runtimeId!]));
  store.transaction(() => {
    store.putSpecResults(
      runId,
      // the store has no superseded column: superseded checks are stored as passed
      files.map((f) => ({ runtimeId: ids.get(f.runtime)!, file: displayName(f.file), passed: f.passed + f.superseded, failed: f.failed, unsupported: f.unsupported, reasons: f.reasons })),
    );
    for (const p of pending) {
      p.finding.details = { ...(p.finding.details as object), seenAt: p.occurrences.slice(0, 10) };
      p.finding.sighting = { ...p.finding.sighting!, count: p.occurrences.length };
      const r = store.recordFinding(p.finding, runId);
      merge(seen, { ...r, kind: p.finding.kind, note: isNote(p.finding.kind), family: p.finding.cause!.family, runtimes: p.finding.runtimes, signature: p.finding.signature, summary: p.finding.summary, occurrences: p.occurrences.length });
    }
  });
}

function unstored(p: PendingFinding, id: number): FindingSeen {
  const f = p.finding;
  return { id, isNew: true, reopened: false, count: p.occurrences.length, kind: f.kind, note: isNote(f.kind), family: f.cause!.family, runtimes: f.runtimes, signature: f.signature, summary: f.summary, occurrences: p.occurrences.length };
}

/** Adds what one recording saw of a finding to what the run saw of it. */
export function merge(seen: Map<string, FindingSeen>, s: FindingSeen): void {
  const before = seen.get(s.signature);
  if (before === undefined) {
    seen.set(s.signature, { ...s, runtimes: [...s.runtimes] });
    return;
  }
  before.occurrences += s.occurrences;
  before.count = Math.max(before.count, s.count);
  before.isNew ||= s.isNew;
  before.reopened ||= s.reopened;
  before.runtimes = [...new Set([...before.runtimes, ...s.runtimes])].sort();
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
