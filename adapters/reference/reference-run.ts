// The plan semantics (plan.ts) on the reference interpreter, synchronously,
// in the calling thread. reference.ts runs it in a worker, behind a timeout;
// `report` receives the verdict and each outcome as soon as it is known, so a
// run stopped midway still tells how far it got.
import {
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
  type Module,
  type ModuleInstance,
  type Value,
  WASM_2_0,
  WASM_3_0,
} from '../../reference-runtime/api.js';
import type { ArgValue, InvocationOutcome, ModuleVerdict, Plan, ResultValue } from '../plan.js';
import { resolveInvocation } from '../resolve.js';
import { projectAnyRef } from '../driver/ref-projection.js';
import type { ValType } from '../../reference-runtime/syntax/types.js';

export type Report = { type: 'verdict'; verdict: ModuleVerdict } | { type: 'outcome'; index: number; outcome: InvocationOutcome };

export function runReferencePlan(plan: Plan, report: (r: Report) => void): void {
  let module: Module;
  const features = plan.spec === '2.0' ? WASM_2_0 : WASM_3_0;
  try {
    module = decode(plan.module, features);
  } catch (e) {
    return rejectAll(plan, report, { kind: 'malformed', message: message(e) });
  }
  let instance: ModuleInstance | undefined;
  const fresh = (): ModuleInstance | ModuleVerdict => {
    try {
      return instantiate(module, new Map(), { features });
    } catch (e) {
      return verdictOf(e);
    }
  };
  const first = fresh();
  if (!isInstance(first)) return rejectAll(plan, report, first);
  instance = first;
  report({ type: 'verdict', verdict: { kind: 'ok' } });

  for (let i = 0; i < plan.invocations.length; i++) {
    const inv = plan.invocations[i]!;
    const resolved = resolveInvocation(module, inv);
    if (!resolved.ok) {
      report({ type: 'outcome', index: i, outcome: { kind: 'not-run', reason: resolved.reason } });
      continue;
    }
    if (instance === undefined) {
      const again = fresh();
      if (!isInstance(again)) {
        for (let j = i; j < plan.invocations.length; j++) {
          report({ type: 'outcome', index: j, outcome: { kind: 'not-run', reason: `a fresh instance failed: ${again.kind}` } });
        }
        return;
      }
      instance = again;
    }
    let outcome: InvocationOutcome;
    try {
      const declared = resolved.type.results;
      const inst = instance;
      outcome = { kind: 'values', values: invoke(inst, inv.export, inv.args.map(toValue)).values.map((v, k) => toResultAs(v, declared[k]!, inst)) };
    } catch (e) {
      instance = undefined; // plan rule 3: the next invocation gets a fresh instance
      if (e instanceof Trap) outcome = { kind: 'trap', trap: e.kind, message: e.message };
      else if (e instanceof Exhaustion) outcome = { kind: 'exhaustion', message: e.message };
      else if (e instanceof UncaughtException) outcome = { kind: 'exception', message: e.message };
      else outcome = { kind: 'crash', message: `reference runtime error: ${message(e)}` };
    }
    report({ type: 'outcome', index: i, outcome });
    if (outcome.kind === 'crash') {
      for (let j = i + 1; j < plan.invocations.length; j++) {
        report({ type: 'outcome', index: j, outcome: { kind: 'not-run', reason: `after the crash of invocation ${i}` } });
      }
      return;
    }
  }
}

function isInstance(x: ModuleInstance | ModuleVerdict): x is ModuleInstance {
  return 'exports' in x;
}

function rejectAll(plan: Plan, report: (r: Report) => void, verdict: ModuleVerdict): void {
  report({ type: 'verdict', verdict });
  plan.invocations.forEach((_, index) => report({ type: 'outcome', index, outcome: { kind: 'not-run', reason: `module verdict: ${verdict.kind}` } }));
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

export function toValue(a: ArgValue): Value {
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
    default: // a reference argument is always null
      return defaultValue(a.type);
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
