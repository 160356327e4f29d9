// The plan semantics (plan.ts) on the reference interpreter, synchronously,
// in the calling thread: the one way the oracle runs a plan, for spec runs
// and fuzzing alike. reference.ts runs it in a worker, behind a timeout;
// `report` receives the verdict and each outcome as soon as it is known, so a
// run stopped midway still tells how far it got.
//
// With each outcome goes what only the oracle knows (an OracleNote): the
// results the spec allows (exec/invoke.ts `allowed` and `reasons`), its own
// time, the calls it made and the memory it left (the bounds on timeouts,
// stack and resource exhaustion: compare.ts). With `observe`, the
// interpreter also counts the instructions the plan executed (api.ts
// `coverage`), and the run ends with a report of them and of whether the plan
// made a choice the spec leaves open (a NaN, a grow), so that a comparison
// knows to run the oracle's other worlds (compare/variants.ts).
import {
  Coverage,
  decode,
  DecodeError,
  Exhaustion,
  defaultValue,
  instantiate,
  invoke,
  LinkError,
  Trap,
  UncaughtException,
  ValidationError,
  type Allowed,
  type Module,
  type ModuleInstance,
  type Value,
  WASM_2_0,
  WASM_3_0,
} from '../../reference-runtime/api.js';
import { COUNTED, counterIndex } from '../../reference-runtime/exec/coverage.js';
import { nondeterminism } from '../../reference-runtime/exec/numerics/nan.js';
import { growth } from '../../reference-runtime/runtime/growth.js';
import type { ArgValue, Invocation, InvocationOutcome, ModuleVerdict, Plan, ResultValue, RunOutcome } from '../plan.js';
import { outcomeTypes, resolveInvocation, type Resolved } from '../resolve.js';
import { invokeFunction, type InvokeResult } from '../../reference-runtime/exec/invoke.js';
import type { FuncInstance } from '../../reference-runtime/runtime/func.js';
import { projectAnyRef } from '../driver/ref-projection.js';
import { DIGEST_EXPORT, digestOfInstance } from '../digest.js';
import { forgetModule, recentModule } from './recent-modules.js';
import { heapOf, isFuncType, type SubType, type ValType } from '../../reference-runtime/syntax/types.js';

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
  /** calls (of every call instruction) executed in this invocation, when observed: a bound on its stack depth */
  calls?: number;
  /** bytes of linear memory and table entries the instance holds after it */
  footprint?: number;
}

/** What a plan chose where the spec allows several results, anywhere in the plan (instantiation included). */
export interface PlanChoices {
  nan: boolean;
  grow: boolean;
}

export interface ReferenceRunOptions {
  /** count the instructions executed and the choices made (a `coverage` report ends the run) */
  observe?: boolean;
  /** invocations after which the instance is discarded, as if they had exhausted the stack (plan rule 3) */
  resetAfter?: readonly number[];
}

export type Report =
  | { type: 'verdict'; verdict: ModuleVerdict }
  | { type: 'outcome'; index: number; outcome: InvocationOutcome; note: OracleNote }
  /** sent last when observed: executions per mnemonic over the whole plan (start functions included), and the choices made */
  | { type: 'coverage'; counts: Map<string, number>; operands: Map<string, number>; traps: Map<string, number>; choices: PlanChoices };

/** A run of the oracle with what only it knows. */
export interface OracleOutcome {
  run: RunOutcome;
  /** one per invocation */
  notes: OracleNote[];
  /** executions per wasm mnemonic (exact, counted by the interpreter); absent unless observed, or when the run was cut short */
  executed?: Map<string, number>;
  /** executions per (instruction, operand, operand class), as `mnemonic operand class` (exec/operand-class.ts); present with `executed` */
  operands?: Map<string, number>;
  /** the trap conditions that fired, as `mnemonic trap-kind`, with their counts; present with `executed` */
  traps?: Map<string, number>;
  /** wall-clock milliseconds the oracle took (worker hand-off included: per invocation, notes[i].ms is the interpreter's own) */
  ms: number;
  /** choices the spec leaves open that the plan made (absent unless observed, or when the run was cut short) */
  choices?: PlanChoices;
}

/** A run's reports as they arrive, gathered into an OracleOutcome's parts. */
export class Gathered {
  verdict: ModuleVerdict | undefined;
  outcomes: InvocationOutcome[] = [];
  readonly notes: OracleNote[];
  executed: Map<string, number> | undefined;
  operands: Map<string, number> | undefined;
  traps: Map<string, number> | undefined;
  choices: PlanChoices | undefined;

  constructor(plan: Plan) {
    this.notes = plan.invocations.map(() => ({}));
  }

  readonly take = (r: Report): void => {
    if (r.type === 'verdict') this.verdict = r.verdict;
    else if (r.type === 'outcome') {
      this.outcomes[r.index] = r.outcome;
      this.notes[r.index] = r.note;
    } else {
      this.executed = r.counts;
      this.operands = r.operands;
      this.traps = r.traps;
      this.choices = r.choices;
    }
  };

  outcome(ms: number): OracleOutcome {
    const run: RunOutcome = { adapter: 'reference', verdict: this.verdict ?? { kind: 'crash', message: 'no verdict' }, invocations: this.outcomes, processes: 0 };
    return { run, notes: this.notes, ms, ...(this.executed === undefined ? {} : { executed: this.executed, operands: this.operands!, traps: this.traps! }), ...(this.choices === undefined ? {} : { choices: this.choices }) };
  }
}

/** The run in this thread, with no timeout (for tests and generators: a plan known to end). */
export function runReferenceHere(plan: Plan, options: ReferenceRunOptions = {}): OracleOutcome {
  const started = performance.now();
  const gathered = new Gathered(plan);
  runReferencePlan(plan, gathered.take, options);
  return gathered.outcome(performance.now() - started);
}

const CALLS = ['call', 'call_indirect', 'call_ref', 'return_call', 'return_call_indirect', 'return_call_ref'].filter((op) => COUNTED.includes(op)).map(counterIndex);

export function runReferencePlan(plan: Plan, report: (r: Report) => void, options: ReferenceRunOptions = {}): void {
  if (!options.observe) return runPlan(plan, report, undefined, new Set(options.resetAfter));
  const coverage = new Coverage();
  const nans = nondeterminism.nans;
  const grows = growth.choices;
  runPlan(plan, report, coverage, new Set(options.resetAfter));
  report({ type: 'coverage', counts: coverage.counts(), operands: coverage.operandCounts(), traps: coverage.trapCounts(), choices: { nan: nondeterminism.nans !== nans, grow: growth.choices !== grows } });
}

function runPlan(plan: Plan, report: (r: Report) => void, coverage: Coverage | undefined, resetAfter: ReadonlySet<number>): void {
  const features = plan.spec === '2.0' ? WASM_2_0 : WASM_3_0;
  const rules = plan.spec ?? '3.0';
  let recent: ReturnType<typeof recentModule>;
  try {
    recent = recentModule(plan.module, rules, () => decode(plan.module, features));
  } catch (e) {
    return rejectAll(plan, report, verdictOf(e));
  }
  const module = recent.module;
  // the first instance validates the module (unless an earlier run of it did); the fresh ones after a trap need not again
  const fresh = (): ModuleInstance | ModuleVerdict => {
    try {
      const instance = instantiate(module, new Map(), { features, validated: recent.validated, ...(coverage ? { coverage } : {}) });
      recent.validated = true;
      return instance;
    } catch (e) {
      if (!recent.validated) forgetModule(plan.module, rules);
      return verdictOf(e);
    }
  };
  let instance: ModuleInstance | ModuleVerdict | undefined = fresh();
  if (!isInstance(instance)) return rejectAll(plan, report, instance);
  report({ type: 'verdict', verdict: { kind: 'ok' } });

  for (let i = 0; i < plan.invocations.length; i++) {
    const inv = plan.invocations[i]!;
    const resolved = resolveInvocation(module, inv);
    if (!resolved.ok) {
      report({ type: 'outcome', index: i, outcome: { kind: 'not-run', reason: resolved.reason }, note: {} });
      continue;
    }
    instance ??= fresh();
    if (!isInstance(instance)) {
      const reason = `a fresh instance failed: ${instance.kind}`;
      for (let j = i; j < plan.invocations.length; j++) report({ type: 'outcome', index: j, outcome: { kind: 'not-run', reason }, note: {} });
      return;
    }
    const note: OracleNote = {};
    let outcome: InvocationOutcome;
    if (inv.export === DIGEST_EXPORT) {
      // the harness's final-state digest, computed directly (digest.ts says why): it reads the state and never traps
      note.allowed = [{ kind: 'exact' }];
      report({ type: 'outcome', index: i, outcome: { kind: 'values', values: [{ type: 'i64', bits: digestOfInstance(instance) }] }, note });
      continue;
    }
    const calls = coverage && callsSoFar(coverage);
    const t0 = performance.now();
    try {
      const r = call(instance, inv, resolved);
      const inst = instance;
      const declared = outcomeTypes(resolved);
      const asResults = (vs: readonly Value[]): ResultValue[] => vs.map((v, k) => toResultAs(v, declared[k]!, inst));
      outcome = { kind: 'values', values: asResults(r.values) };
      note.allowed = r.allowed;
      note.reasons = [...r.reasons];
      if (r.reasons.includes('relaxed') && r.alternatives !== undefined) note.alternatives = r.alternatives.map(asResults);
      note.footprint = footprint(instance);
      if (resetAfter.has(i)) instance = undefined;
    } catch (e) {
      instance = undefined; // plan rule 3: the next invocation gets a fresh instance
      if (e instanceof Trap) {
        outcome = { kind: 'trap', trap: e.kind, message: e.message };
        coverage?.noteTrap(e.kind);
      }
      else if (e instanceof Exhaustion) outcome = { kind: 'exhaustion', message: e.message };
      else if (e instanceof UncaughtException) outcome = { kind: 'exception', message: e.message };
      else outcome = { kind: 'crash', message: `reference runtime error: ${message(e)}` };
    }
    note.ms = performance.now() - t0;
    if (coverage) note.calls = callsSoFar(coverage) - calls!;
    report({ type: 'outcome', index: i, outcome, note });
    if (outcome.kind === 'crash') {
      for (let j = i + 1; j < plan.invocations.length; j++) {
        report({ type: 'outcome', index: j, outcome: { kind: 'not-run', reason: `after the crash of invocation ${i}` }, note: {} });
      }
      return;
    }
  }
}

/** The invocation's call, and the call through the reference it returns when the plan asks (plan.ts `through`). */
function call(instance: ModuleInstance, inv: Invocation, resolved: Extract<Resolved, { ok: true }>): Pick<InvokeResult, 'values' | 'allowed' | 'reasons' | 'alternatives'> {
  const first = invoke(instance, inv.export, inv.args.map((a) => toValue(a, instance.types)));
  if (resolved.through === undefined) return first;
  const ref = first.values.at(-1) as { ref: FuncInstance | null | undefined };
  if (ref.ref === null || ref.ref === undefined) throw new Trap('null reference', 'null function reference');
  const then = invokeFunction(ref.ref, inv.through!.map((a) => toValue(a, instance.types)));
  return {
    values: [...first.values, ...then.values],
    allowed: [...first.allowed, ...then.allowed],
    reasons: [...new Set([...first.reasons, ...then.reasons])],
    // every relaxed profile's vector of the one call with every one of the other's
    alternatives: first.alternatives.flatMap((a) => then.alternatives.map((b) => [...a, ...b])),
  };
}

function callsSoFar(coverage: Coverage): number {
  return CALLS.reduce((n, i) => n + coverage.hits[i]!, 0);
}

function footprint(inst: ModuleInstance): number {
  return inst.mems.reduce((n, m) => n + m.bytes.length, 0) + inst.tables.reduce((n, t) => n + t.elements.length, 0);
}

function isInstance(x: ModuleInstance | ModuleVerdict): x is ModuleInstance {
  return 'exports' in x;
}

function rejectAll(plan: Plan, report: (r: Report) => void, verdict: ModuleVerdict): void {
  report({ type: 'verdict', verdict });
  plan.invocations.forEach((_, index) => report({ type: 'outcome', index, outcome: { kind: 'not-run', reason: `module verdict: ${verdict.kind}` }, note: {} }));
}

/** The module verdict a reference-runtime error stands for (a non-runtime error is a crash). */
export function verdictOf(e: unknown): ModuleVerdict {
  if (e instanceof DecodeError) return { kind: 'malformed', message: e.message };
  if (e instanceof ValidationError) return { kind: 'invalid', message: e.message };
  if (e instanceof LinkError) return { kind: 'unlinkable', message: e.message };
  if (e instanceof Trap) return { kind: 'uninstantiable', message: e.message, trap: e.kind };
  if (e instanceof Exhaustion) return { kind: 'uninstantiable', message: e.message, trap: 'call stack exhausted' };
  return { kind: 'crash', message: `reference runtime error: ${message(e)}` };
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * An argument as a value. A null of a concrete type `(ref null $t)` takes
 * the top of $t's hierarchy, which only `types` (the module's the plan runs) can
 * tell: a function type's is funcref, a struct's or array's anyref.
 */
export function toValue(a: ArgValue, types?: readonly SubType[]): Value {
  switch (a.type) {
    case 'i32':
      return { type: 'i32', value: a.bits | 0 };
    case 'i64':
      return { type: 'i64', value: BigInt.asIntN(64, a.bits) };
    case 'f32':
      return { type: 'f32', bits: a.bits >>> 0 };
    case 'f64':
      return { type: 'f64', bits: BigInt.asUintN(64, a.bits) };
    case 'v128':
      return { type: 'v128', bytes: a.bytes.slice() };
    default: {
      // a reference argument is always null
      const heap = heapOf(a.type);
      const type = typeof heap === 'number' ? types?.[heap] : undefined;
      return type === undefined ? defaultValue(a.type) : defaultValue(isFuncType(type) ? 'funcref' : 'anyref');
    }
  }
}

/** A result returned as declared type `declared` of `inst`'s module: an anyref with its projection (driver/ref-projection.ts). */
export function toResultAs(v: Value, declared: ValType, inst: ModuleInstance): ResultValue {
  if (v.type !== 'anyref' || declared === 'i32' || declared === 'i64' || declared === 'f32' || declared === 'f64' || declared === 'v128') return toResult(v);
  return { type: 'anyref', null: v.ref === null || v.ref === undefined, gc: projectAnyRef(v, declared, inst) };
}

/** A value as a result; an anyref without its projection (toResultAs gives it). */
export function toResult(v: Value): ResultValue {
  switch (v.type) {
    case 'i32':
      return { type: 'i32', bits: v.value >>> 0 };
    case 'i64':
      return { type: 'i64', bits: BigInt.asUintN(64, v.value) };
    case 'f32':
      return { type: 'f32', bits: v.bits >>> 0 };
    case 'f64':
      return { type: 'f64', bits: BigInt.asUintN(64, v.bits) };
    case 'v128':
      return { type: 'v128', bytes: v.bytes.slice() };
    default: // a reference type
      return { type: v.type, null: v.ref === null || v.ref === undefined };
  }
}
