// The differential fuzzing loop (issue 7): generated cases in chunks
// (deterministic per seed and chunk, so a shard i/n takes every n-th chunk),
// each generated for a target profile of the compared runtimes' probed
// features (profiles.ts: no runtime gets more than a tenth of its cases set
// aside), run on the oracle and every runtime that has the features it uses,
// and compared; each divergence is minimised, signed and stored
// (triage.ts); open findings are re-checked first (recheck.ts). It stops at
// the case or time budget, or when `signal` aborts (Ctrl-C), after the case
// in flight; everything found is stored as it is found, and the run's
// coverage and summary at the end.
import type { Adapter } from '../../adapters/adapter.js';
import type { GenOptions, Mix, MixedCase } from '../generate/index.js';
import { caseChunk } from './source.js';
import { OperandSteer } from '../generate/steer.js';
import { planProfiles, type Profile } from './profiles.js';
import type { Store } from '../store/store.js';
import type { Divergence } from '../compare/compare.js';
import { RULES } from '../compare/allowed.js';
import type { FeatureSet } from '../../adapters/adapter.js';
import { addCounts, operandCoverage } from './coverage.js';
import { runCases, type CaseResult, type FuzzCase } from './differential.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { recheckFindings, type RecheckResult } from './recheck.js';
import { sameDivergence, triage, type TriageContext } from './triage.js';
import { isNote, type FindingSeen as ContractSeen } from '../findings/contract.js';
import { recordProbeFailures } from '../findings/probe-findings.js';
import { familyOf } from '../findings/family.js';

export interface FuzzOptions {
  seed: number;
  /** stop after this many cases (this shard's) */
  cases?: number;
  /** stop after this many milliseconds */
  timeMs?: number;
  shard?: { index: number; count: number };
  /** the runtimes compared with the oracle (available ones) */
  runtimes: readonly Adapter[];
  store: Store;
  /** per process and per oracle run (default 5000) */
  timeoutMs?: number;
  /** compare a digest of the final state (default true) */
  digest?: boolean;
  /**
   * per divergence: at most `maxTests` candidate runs and `timeBudgetMs`;
   * over the whole run at most `runBudgetMs` of minimising (default: 40% of
   * `timeMs` when the run is timed), so that a burst of divergences cannot
   * stall a night: past it, each divergence still gets MIN_TRIAGE_MS
   */
  minimize?: { maxTests: number; timeBudgetMs: number; runBudgetMs?: number };
  mix?: Mix;
  /** generator options (sizes); each case's features are its target profile's (profiles.ts), which `features` and `simd` here may only narrow */
  generate?: GenOptions;
  /** instructions to interleave boundary cases of (source.ts) */
  focus?: readonly string[];
  /** coverage feedback (default true): steer each chunk's constants toward the operand classes the oracle has not executed yet (generate/steer.ts) */
  steer?: boolean;
  /** cases generated per chunk (default 20) */
  chunk?: number;
  /**
   * cases run together (default 1): each runtime gets them in one call
   * (Adapter.runMany: Wasmtime in wizer runs them in one process), the oracle
   * one after another meanwhile; each is then compared on its own
   */
  batch?: number;
  /**
   * batches in flight at once (default 1): while one is compared or triaged,
   * the next are already running on the oracle and the runtimes. Results are
   * taken in case order, so a run finds the same things whatever the numbers.
   */
  inFlight?: number;
  signal?: AbortSignal;
  /** called at most every `progressMs` (default 500) and once at the end */
  progress?: (p: FuzzProgress) => void;
  progressMs?: number;
  /** what the run row records as its options */
  command?: unknown;
}

export interface FuzzProgress {
  cases: number;
  seconds: number;
  casesPerSecond: number;
  newFindings: number;
  findings: number;
}

/** What the fuzz run saw of a finding (the contract's FindingSeen), with its minimal module's size and the case. */
export interface FindingSeen extends ContractSeen {
  /** instructions in the minimal module (-1 when it could not be decoded) */
  instructions: number;
  origin: string;
}

export interface CoveragePoint {
  cases: number;
  /** distinct opcodes executed on the oracle so far */
  opcodes: number;
  /** distinct (instruction, operand, class) triples executed on the oracle so far (coverage.ts) */
  triples: number;
}

export interface FuzzSummary extends FuzzProgress {
  runId: number;
  stoppedBy: 'cases' | 'time' | 'signal';
  seen: FindingSeen[];
  recheck: RecheckResult;
  /** wasm mnemonic -> times the oracle executed it, over every case of the run (exact; see harness/fuzz/coverage.ts) */
  coverage: Map<string, number>;
  /** `mnemonic operand class` -> times the oracle executed it (exec/operand-class.ts) */
  operands: Map<string, number>;
  /** `mnemonic trap-kind` -> invocations of the oracle that ended in that trap at that instruction: which trap conditions fired */
  traps: Map<string, number>;
  /** allowed-divergence rule id -> times used */
  allowed: Record<string, number>;
  /** invocations not compared (the oracle could not say: it exhausted its stack or timed out) */
  skipped: number;
  /** cases not run on a runtime, per runtime: it lacks a feature the case uses (as probed) */
  unsupported: Record<string, number>;
  /** cases run on each runtime */
  ran: Record<string, number>;
  /** the target profiles planned for the compared runtimes (profiles.ts), each with the cases generated for it in `generated` */
  profiles: Profile[];
  /** profile name -> cases generated for it */
  generated: Record<string, number>;
  /** opcodes and operand triples the oracle has executed after so many cases: a point each time the opcodes grew, or the triples by a hundredth */
  growth: CoveragePoint[];
  /** milliseconds spent in each phase: generating cases, running them (oracle and runtimes at once), comparing (the oracle's other worlds included), triage (minimising, signing, storing), re-checking open findings */
  phases: Record<'generate' | 'run' | 'compare' | 'triage' | 'recheck', number>;
}

const DEFAULT_MINIMIZE: NonNullable<FuzzOptions['minimize']> = { maxTests: 400, timeBudgetMs: 30_000 };
/** Minimising time a divergence gets once the run's budget is spent: enough for the cheap passes, so that its signature still names its culprit. */
const MIN_TRIAGE_MS = 2_000;
/** The share of a timed run that minimising may take by default. */
const TRIAGE_SHARE = 0.4;

export async function fuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const { store } = o;
  const limits = { timeoutMs: o.timeoutMs ?? 5000, digest: o.digest !== false };
  const versions: Record<string, string> = {};
  for (const r of o.runtimes) {
    const a = await r.available();
    if (!a.ok) throw new Error(`fuzz: runtime ${r.id} is not available: ${a.reason}`);
    versions[r.id] = a.version;
  }
  const runtimeIds = new Map(o.runtimes.map((r) => [r.id, store.upsertRuntime({ name: r.id, engine: r.engine, version: versions[r.id]! })]));
  const runId = store.beginRun('fuzz', o.command ?? { seed: o.seed, cases: o.cases, timeMs: o.timeMs, shard: o.shard, runtimes: [...runtimeIds.keys()] });
  const oracle = new ReferenceAdapter();
  const byId = new Map(o.runtimes.map((r) => [r.id, r]));
  const features = new Map<string, FeatureSet>();
  for (const r of o.runtimes) features.set(r.id, await r.features());
  // a profile per group of the compared runtimes' feature sets (the reference adapter is the oracle: always has everything)
  const profiles = planProfiles(new Map(o.runtimes.filter((r) => r.id !== 'reference').map((r) => [r.id, features.get(r.id)!])));
  const probed: ContractSeen[] = [];
  for (const r of o.runtimes) probed.push(...(await recordProbeFailures(store, runId, r, versions[r.id]!)));
  const minimize = o.minimize ?? DEFAULT_MINIMIZE;
  const runBudgetMs = minimize.runBudgetMs ?? (o.timeMs === undefined ? Infinity : o.timeMs * TRIAGE_SHARE);
  const ctx: TriageContext = { oracle, runtimes: byId, versions, limits, minimize, features };
  // the budget left for the next divergence's minimisation, out of the run's
  const triageBudget = (): TriageContext => {
    const left = runBudgetMs - summary.phases.triage - (inTriage === undefined ? 0 : performance.now() - inTriage);
    return { ...ctx, minimize: { ...minimize, timeBudgetMs: Math.max(MIN_TRIAGE_MS, Math.min(minimize.timeBudgetMs, left)) } };
  };
  let inTriage: number | undefined;
  const started = performance.now();
  const summary: FuzzSummary = {
    runId, stoppedBy: 'cases', cases: 0, seconds: 0, casesPerSecond: 0, newFindings: 0, findings: 0,
    seen: probed.map((p) => ({ ...p, instructions: -1, origin: 'feature probe' })), recheck: { checked: 0, fixed: [] }, coverage: new Map(), operands: new Map(), traps: new Map(), allowed: {}, skipped: 0, unsupported: {},
    ran: {}, profiles, generated: {}, growth: [], phases: { generate: 0, run: 0, compare: 0, triage: 0, recheck: 0 },
  };
  const timed = async <T>(phase: keyof FuzzSummary['phases'], work: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      summary.phases[phase] += performance.now() - t0;
    }
  };
  summary.findings = probed.length;
  summary.newFindings = probed.filter((p) => p.isNew && !p.note).length;
  const tick = () => {
    summary.seconds = (performance.now() - started) / 1000;
    summary.casesPerSecond = summary.seconds > 0 ? summary.cases / summary.seconds : 0;
  };
  let lastProgress = 0;
  const report = (force = false) => {
    tick();
    if (o.progress && (force || performance.now() - lastProgress >= (o.progressMs ?? 500))) {
      lastProgress = performance.now();
      o.progress({ cases: summary.cases, seconds: summary.seconds, casesPerSecond: summary.casesPerSecond, newFindings: summary.newFindings, findings: summary.findings });
    }
  };
  const stopReason = (): FuzzSummary['stoppedBy'] | undefined => {
    if (o.signal?.aborted) return 'signal';
    if (o.cases !== undefined && summary.cases >= o.cases) return 'cases';
    if (o.timeMs !== undefined && performance.now() - started >= o.timeMs) return 'time';
    if (o.cases === undefined && o.timeMs === undefined) return 'cases';
    return undefined;
  };
  try {
    summary.recheck = await timed('recheck', () => recheckFindings(store, runId, oracle, byId, versions, limits, features));
    const chunk = o.chunk ?? 20;
    const shard = o.shard ?? { index: 0, count: 1 };
    let stop: FuzzSummary['stoppedBy'] | undefined;
    const inFlight: { cases: { c: MixedCase; origin: string; profile: string }[]; results: Promise<CaseResult[]> }[] = [];
    const depth = Math.max(1, o.inFlight ?? 1);
    const size = Math.max(1, o.batch ?? 1);
    // the operand triples covered after each whole chunk of this run's cases (steer.ts), kept until used
    const covered = new Map<number, OperandSteer>();
    const steerAfter = (chunks: number) => {
      const steer = covered.get(chunks);
      covered.delete(chunks);
      return steer;
    };
    // takes the oldest batch in flight: its results counted case by case, their divergences triaged
    const settle = async () => {
      const { cases: batch, results: pending } = inFlight.shift()!;
      const results = await pending;
      for (const [i, { c, origin, profile }] of batch.entries()) {
        const result = results[i]!;
        summary.cases++;
        summary.generated[profile] = (summary.generated[profile] ?? 0) + 1;
        account(summary, result);
        if (summary.cases % chunk === 0 && o.steer !== false) covered.set(summary.cases / chunk, new OperandSteer(new Set(summary.operands.keys())));
        const last = summary.growth.at(-1) ?? { opcodes: 0, triples: 0 };
        if (summary.coverage.size > last.opcodes || summary.operands.size > last.triples * 1.01) {
          summary.growth.push({ cases: summary.cases, opcodes: summary.coverage.size, triples: summary.operands.size });
        }
        summary.phases.run += result.ms.run;
        summary.phases.compare += result.ms.compare;
        // each runtime's divergence, or else its first note
        const first = result.comparisons.flatMap((cmp) => [...cmp.divergences, ...cmp.notes].slice(0, 1));
        if (first.length > 0) {
          inTriage = performance.now();
          await timed('triage', () => triageAll(c, origin, result, first, triageBudget, store, runId, runtimeIds, summary)).finally(() => (inTriage = undefined));
        }
        report();
      }
    };
    let launched = 0;
    const due = () => (o.cases === undefined || launched < o.cases) && (stop = stopReason()) === undefined;
    for (let j = shard.index, n = 0; due(); j += shard.count, n++) {
      // coverage feedback: this chunk is steered by the operand classes covered in the chunks before the last one,
      // which are settled whatever the batch and in-flight numbers, so the run is the same for them
      while (summary.cases < (n - 1) * chunk && inFlight.length > 0) await settle();
      const steer = o.steer === false || n < 2 ? undefined : steerAfter(n - 1);
      const generate = { ...o.generate, ...(steer ? { steer } : {}) };
      const cases = await timed('generate', () => caseChunk(o.seed, j, chunk, { ...(o.mix ? { mix: o.mix } : {}), generate, ...(o.focus ? { focus: o.focus } : {}), profiles }));
      for (let k = 0; k < cases.length && due(); ) {
        const take = Math.min(size, cases.length - k, o.cases === undefined ? Infinity : o.cases - launched);
        const batch = cases.slice(k, k + take).map(({ case: c, origin, profile }) => ({ c, origin, profile }));
        const results = runCases(batch.map(({ c, origin }) => fuzzCase(c, origin)), oracle, o.runtimes, limits, features);
        results.catch(() => undefined); // awaited in turn by settle(); a failure must not go unhandled meanwhile
        inFlight.push({ cases: batch, results });
        k += take;
        launched += take;
        if (inFlight.length >= depth) await settle();
      }
    }
    while (inFlight.length > 0) await settle();
    // the last point is where the run ended, even when the triples grew by less than a hundredth since the one before
    const last = summary.growth.at(-1);
    if (last !== undefined && summary.operands.size > last.triples) summary.growth.push({ cases: summary.cases, opcodes: summary.coverage.size, triples: summary.operands.size });
    stop = stopReason() ?? stop;
    summary.stoppedBy = stop ?? 'cases';
  } finally {
    await oracle.close();
    tick();
    store.putCoverage(runId, summary.coverage);
    store.finishRun(runId, {
      cases: summary.cases, seconds: summary.seconds, casesPerSecond: summary.casesPerSecond,
      newFindings: summary.newFindings, findings: summary.findings, stoppedBy: summary.stoppedBy,
      operandCoverage: operandCoverage(summary.operands), trapConditions: summary.traps.size, allowed: summary.allowed, skipped: summary.skipped, unsupported: summary.unsupported, ran: summary.ran, generated: summary.generated, phases: summary.phases, growth: summary.growth, fixed: summary.recheck.fixed,
    });
    report(true);
  }
  return summary;
}

/** A generated case as the differential runner takes it. */
export function fuzzCase(c: MixedCase, origin: string): FuzzCase {
  // a mutated case's `module` is its valid base, not its bytes: run the bytes as they are
  return c.intent === undefined ? { module: c.module, bytes: c.bytes, invocations: c.invocations, origin } : { bytes: c.bytes, invocations: c.invocations, origin };
}

/** Coverage and the allowed-divergence tallies of one case. */
function account(summary: FuzzSummary, r: CaseResult): void {
  if (r.oracle.executed !== undefined) addCounts(summary.coverage, r.oracle.executed);
  if (r.oracle.operands !== undefined) addCounts(summary.operands, r.oracle.operands);
  if (r.oracle.traps !== undefined) addCounts(summary.traps, r.oracle.traps);
  for (const cmp of r.comparisons) {
    summary.skipped += cmp.skipped;
    for (const a of cmp.allowed) summary.allowed[a.rule] = (summary.allowed[a.rule] ?? 0) + 1;
  }
  for (const u of r.unsupported) summary.unsupported[u.runtime] = (summary.unsupported[u.runtime] ?? 0) + 1;
  for (const out of r.outcomes) summary.ran[out.adapter] = (summary.ran[out.adapter] ?? 0) + 1;
}

/** One finding per distinct divergence of the case (runtimes that diverge the same way share it). */
async function triageAll(
  c: MixedCase, origin: string, r: CaseResult, first: Divergence[], budget: () => TriageContext,
  store: Store, runId: number, runtimeIds: ReadonlyMap<string, number>, summary: FuzzSummary,
): Promise<void> {
  const caseId = store.transaction(() => {
    const hash = store.putModule(r.casePlan.plan.module);
    const id = store.putCase({ moduleHash: hash, invocations: r.casePlan.plan.invocations.map((i) => i.export), source: 'fuzz', origin });
    r.outcomes.forEach((out) => store.putOutcome({ caseId: id, runtimeId: runtimeIds.get(out.adapter)!, runId, outcome: out }));
    return id;
  });
  const done: Divergence[] = [];
  for (const d of first) {
    // one finding per family and divergence: another family diverging alike is another cause
    if (done.some((x) => familyOf(x.runtime) === familyOf(d.runtime) && sameDivergence({ ...x, runtime: d.runtime }, d))) continue;
    done.push(d);
    const t = await triage(fuzzCase(c, origin), d, first, budget());
    if (t === undefined) {
      summary.allowed[RULES.unreproduced.id] = (summary.allowed[RULES.unreproduced.id] ?? 0) + 1;
      continue;
    }
    const rec = store.recordFinding({ ...t.finding, details: { ...(t.finding.details as object), caseId } }, runId);
    const note = isNote(t.finding.kind);
    summary.findings++;
    if ((rec.isNew || rec.reopened) && !note && !summary.seen.some((s) => s.id === rec.id)) summary.newFindings++;
    summary.seen.push({
      ...rec, kind: t.finding.kind, note, family: t.finding.cause!.family, runtimes: t.finding.runtimes, signature: t.finding.signature,
      summary: t.finding.summary, occurrences: 1, instructions: t.instructions, origin,
    });
  }
}
