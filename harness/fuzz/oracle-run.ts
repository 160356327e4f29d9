// The plan semantics (adapters/plan.ts) on the reference interpreter, like
// adapters/reference/reference-run.ts, but keeping what the fuzzer needs and the
// reference adapter drops: per invocation, the results the spec allows
// (exec/invoke.ts `allowed` and `reasons`), and the instructions the plan
// executed, counted by the interpreter (api.ts `coverage`), for opcode
// coverage; per invocation its own time, the calls it made and the memory it
// left (the bounds on timeouts, stack and resource exhaustion: compare.ts);
// and whether the plan made a choice the spec leaves open (a NaN, a grow), so
// that the comparison knows to run the oracle's other worlds (variants.ts).
// Runs synchronously; oracle.ts runs it in a worker behind a timeout.
import { Coverage, decode, instantiate, invoke, Exhaustion, Trap, UncaughtException, type Allowed, type Module, type ModuleInstance, type Value } from '../../reference-runtime/api.js';
import { COUNTED, counterIndex } from '../../reference-runtime/exec/coverage.js';
import { nondeterminism } from '../../reference-runtime/exec/numerics/nan.js';
import { growth } from '../../reference-runtime/runtime/growth.js';
import { message, toResultAs, toValue, verdictOf } from '../../adapters/reference/reference-run.js';
import type { InvocationOutcome, ModuleVerdict, Plan, ResultValue } from '../../adapters/plan.js';
import { resolveInvocation } from '../../adapters/resolve.js';
import { DIGEST_EXPORT, digestOfInstance } from './digest.js';

/** What the oracle knows about one invocation beyond its outcome. */
export interface OracleNote {
  /** per result: the values the spec allows (absent unless the call returned) */
  allowed?: Allowed[];
  /** why other results are allowed: a NaN was chosen, or a grow could have gone either way */
  reasons?: string[];
  /** relaxed SIMD: every result vector one of the spec's relaxed profiles gives (exec/invoke.ts `alternatives`) */
  alternatives?: ResultValue[][];
  /** milliseconds the interpreter spent in this invocation (no worker start-up) */
  ms?: number;
  /** calls (of every call instruction) executed in this invocation: a bound on its stack depth */
  calls?: number;
  /** bytes of linear memory and table entries the instance holds after it */
  footprint?: number;
}

/** What a plan chose where the spec allows several results, anywhere in the plan (instantiation included). */
export interface PlanChoices {
  nan: boolean;
  grow: boolean;
}

export interface OracleRunOptions {
  /** invocations after which the instance is discarded, as if they had exhausted the stack (plan rule 3) */
  resetAfter?: readonly number[];
}

export type OracleReport =
  | { type: 'verdict'; verdict: ModuleVerdict }
  | { type: 'outcome'; index: number; outcome: InvocationOutcome; note: OracleNote }
  /** sent last: executions per mnemonic over the whole plan (start functions included), and the choices made */
  | { type: 'coverage'; counts: Map<string, number>; choices: PlanChoices };

const CALLS = ['call', 'call_indirect', 'call_ref', 'return_call', 'return_call_indirect', 'return_call_ref'].filter((op) => COUNTED.includes(op)).map(counterIndex);

export function runOraclePlan(plan: Plan, report: (r: OracleReport) => void, options: OracleRunOptions = {}): void {
  const coverage = new Coverage();
  const nans = nondeterminism.nans;
  const grows = growth.choices;
  runPlan(plan, report, coverage, new Set(options.resetAfter ?? []));
  report({ type: 'coverage', counts: coverage.counts(), choices: { nan: nondeterminism.nans !== nans, grow: growth.choices !== grows } });
}

function callsSoFar(coverage: Coverage): number {
  return CALLS.reduce((n, i) => n + coverage.hits[i]!, 0);
}

function footprint(inst: ModuleInstance): number {
  return inst.mems.reduce((n, m) => n + m.bytes.length, 0) + inst.tables.reduce((n, t) => n + t.elements.length, 0);
}

function runPlan(plan: Plan, report: (r: OracleReport) => void, coverage: Coverage, resetAfter: ReadonlySet<number>): void {
  let module: Module;
  try {
    module = decode(plan.module);
  } catch (e) {
    return rejectAll(plan, report, verdictOf(e));
  }
  const fresh = (): ModuleInstance | ModuleVerdict => {
    try {
      return instantiate(module, new Map(), { coverage });
    } catch (e) {
      return verdictOf(e);
    }
  };
  let instance: ModuleInstance | ModuleVerdict | undefined = fresh();
  if (!('exports' in instance)) return rejectAll(plan, report, instance);
  report({ type: 'verdict', verdict: { kind: 'ok' } });
  for (let i = 0; i < plan.invocations.length; i++) {
    const inv = plan.invocations[i]!;
    const resolved = resolveInvocation(module, inv);
    if (!resolved.ok) {
      report({ type: 'outcome', index: i, outcome: { kind: 'not-run', reason: resolved.reason }, note: {} });
      continue;
    }
    instance ??= fresh();
    if (!('exports' in instance)) {
      const reason = `a fresh instance failed: ${instance.kind}`;
      for (let j = i; j < plan.invocations.length; j++) report({ type: 'outcome', index: j, outcome: { kind: 'not-run', reason }, note: {} });
      return;
    }
    const note: OracleNote = {};
    let outcome: InvocationOutcome;
    if (inv.export === DIGEST_EXPORT) {
      // computed directly: it reads the state and never traps (digest.ts)
      note.allowed = [{ kind: 'exact' }];
      report({ type: 'outcome', index: i, outcome: { kind: 'values', values: [{ type: 'i64', bits: digestOfInstance(instance) }] }, note });
      continue;
    }
    const calls = callsSoFar(coverage);
    const t0 = performance.now();
    try {
      const r = invoke(instance, inv.export, inv.args.map(toValue));
      const inst = instance;
      const asResults = (vs: readonly Value[]): ResultValue[] => vs.map((v, k) => toResultAs(v, resolved.type.results[k]!, inst));
      outcome = { kind: 'values', values: asResults(r.values) };
      note.allowed = r.allowed;
      note.reasons = [...r.reasons];
      if (r.reasons.includes('relaxed') && r.alternatives !== undefined) note.alternatives = r.alternatives.map(asResults);
      note.footprint = footprint(instance);
      if (resetAfter.has(i)) instance = undefined;
    } catch (e) {
      instance = undefined; // plan rule 3: a fresh instance for the next invocation
      if (e instanceof Trap) outcome = { kind: 'trap', trap: e.kind, message: e.message };
      else if (e instanceof Exhaustion) outcome = { kind: 'exhaustion', message: e.message };
      else if (e instanceof UncaughtException) outcome = { kind: 'exception', message: e.message };
      else outcome = { kind: 'crash', message: `reference runtime error: ${message(e)}` };
    }
    note.ms = performance.now() - t0;
    note.calls = callsSoFar(coverage) - calls;
    report({ type: 'outcome', index: i, outcome, note });
    if (outcome.kind === 'crash') {
      for (let j = i + 1; j < plan.invocations.length; j++) report({ type: 'outcome', index: j, outcome: { kind: 'not-run', reason: `after the crash of invocation ${i}` }, note: {} });
      return;
    }
  }
}

function rejectAll(plan: Plan, report: (r: OracleReport) => void, verdict: ModuleVerdict): void {
  report({ type: 'verdict', verdict });
  plan.invocations.forEach((_, index) => report({ type: 'outcome', index, outcome: { kind: 'not-run', reason: `module verdict: ${verdict.kind}` }, note: {} }));
}

