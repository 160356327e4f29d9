// Feature probes: for each WebAssembly 2.0 feature, a tiny module using it
// and the result it must give. Only a rejection of the probe (at compile
// time, or of its function when first called) means "not supported". A
// runtime that accepts the probe and then gives a wrong value, traps,
// crashes or exhausts a resource supports the feature badly: it counts as
// supported (so modules using it are still sent and judged), and the failure
// is kept (`probeFailures`) for the run to store as a finding. A probe that
// times out twice is an environment error (ProbeTimeout), never a verdict.
import { encodeModule } from '../reference-runtime/binary/encode.js';
import { parseWat } from '../reference-runtime/text/parse-module.js';
import type { Adapter, FeatureName, FeatureSet } from './adapter.js';
import type { Plan, ResultValue, RunOutcome } from './plan.js';
import { i32, sameResults } from './values.js';

interface Probe {
  wat: string;
  expect: ResultValue[];
}

const I32 = (n: number): ResultValue => ({ type: 'i32', bits: n >>> 0 });

export const PROBES: Record<FeatureName, Probe> = {
  'multi-value': {
    wat: `(module (func (export "f") (param i32) (result i32 i32) local.get 0 block (param i32) (result i32 i32) i32.const 2 end))`,
    expect: [I32(7), I32(2)],
  },
  'reference-types': {
    wat: `(module (table 1 externref) (func (export "f") (param i32) (result i32)
      (table.set (i32.const 0) (ref.null extern)) (i32.add (local.get 0) (ref.is_null (table.get (i32.const 0))))))`,
    expect: [I32(8)],
  },
  'bulk-memory': {
    wat: `(module (memory 1) (func (export "f") (param i32) (result i32)
      (memory.fill (i32.const 0) (local.get 0) (i32.const 4)) (memory.copy (i32.const 8) (i32.const 0) (i32.const 4)) (i32.load (i32.const 8))))`,
    expect: [I32(0x07070707)],
  },
  simd: {
    wat: `(module (func (export "f") (param i32) (result i32)
      (i32x4.extract_lane 3 (i32x4.add (i32x4.splat (local.get 0)) (v128.const i32x4 1 2 3 4)))))`,
    expect: [I32(11)],
  },
  'sign-extension': {
    wat: `(module (func (export "f") (param i32) (result i32) (i32.extend8_s (i32.add (local.get 0) (i32.const 0x7a)))))`,
    expect: [I32(-127)],
  },
  'saturating-conversions': {
    wat: `(module (func (export "f") (param i32) (result i32) (i32.trunc_sat_f32_s (f32.mul (f32.convert_i32_s (local.get 0)) (f32.const 1e30)))))`,
    expect: [I32(0x7fffffff)],
  },
  'relaxed-simd': {
    // in-range swizzle indices: the one result every relaxed profile agrees on
    wat: `(module (func (export "f") (param i32) (result i32)
      (i32x4.extract_lane 0 (i8x16.relaxed_swizzle (i8x16.splat (local.get 0)) (v128.const i64x2 0 0)))))`,
    expect: [I32(0x07070707)],
  },
  'multi-memory': {
    wat: `(module (memory 1) (memory $b 1) (func (export "f") (param i32) (result i32)
      (i32.store $b (i32.const 0) (local.get 0)) (i32.add (i32.load $b (i32.const 0)) (i32.load (i32.const 0)))))`,
    expect: [I32(7)],
  },
  'mutable-globals': {
    wat: `(module (global (export "g") (mut i32) (i32.const 0)) (func (export "f") (param i32) (result i32)
      (global.set 0 (local.get 0)) (global.get 0)))`,
    expect: [I32(7)],
  },
};

export function probePlan(feature: FeatureName): Plan {
  return { module: encodeModule(parseWat(PROBES[feature].wat)), invocations: [{ export: 'f', args: [i32(7)] }] };
}

/** The probed features 3.0 added (the others are 2.0's). */
export const FEATURES_3_0: readonly FeatureName[] = ['relaxed-simd', 'multi-memory'];

/** A probe the runtime accepted and then got wrong. */
export interface ProbeFailure {
  feature: FeatureName;
  plan: Plan;
  wat: string;
  expected: ResultValue[];
  outcome: RunOutcome;
}

/** A probe that timed out twice: the machine or the runtime is in no state to be judged. */
export class ProbeTimeout extends Error {
  override name = 'ProbeTimeout';
}

const failures = new WeakMap<Adapter, ProbeFailure[]>();

/** The probes `adapter` accepted and got wrong when its features were last probed. */
export function probeFailures(adapter: Adapter): readonly ProbeFailure[] {
  return failures.get(adapter) ?? [];
}

type ProbeVerdict = 'supported' | 'rejected' | 'wrong' | 'timeout';

export function judgeProbe(outcome: RunOutcome, expect: readonly ResultValue[]): ProbeVerdict {
  const v = outcome.verdict.kind;
  if (v === 'timeout') return 'timeout';
  if (v === 'rejected' || v === 'malformed' || v === 'invalid') return 'rejected';
  if (v !== 'ok') return 'wrong';
  const first = outcome.invocations[0];
  if (first?.kind === 'timeout') return 'timeout';
  if (first?.kind === 'rejected') return 'rejected';
  return first?.kind === 'values' && sameResults(first.values, expect) ? 'supported' : 'wrong';
}

export async function probeFeatures(adapter: Adapter, timeoutMs = 10_000): Promise<FeatureSet> {
  const set = {} as FeatureSet;
  const wrong: ProbeFailure[] = [];
  for (const feature of Object.keys(PROBES) as FeatureName[]) {
    const plan = probePlan(feature);
    let outcome = await adapter.run(plan, { timeoutMs });
    let verdict = judgeProbe(outcome, PROBES[feature].expect);
    if (verdict === 'timeout') {
      outcome = await adapter.run(plan, { timeoutMs: 3 * timeoutMs });
      verdict = judgeProbe(outcome, PROBES[feature].expect);
      if (verdict === 'timeout') throw new ProbeTimeout(`${adapter.id}: the ${feature} probe timed out twice (${timeoutMs} ms, then ${3 * timeoutMs} ms): the machine is overloaded or the runtime hangs; its features cannot be told`);
    }
    set[feature] = verdict !== 'rejected';
    if (verdict === 'wrong') wrong.push({ feature, plan, wat: PROBES[feature].wat, expected: PROBES[feature].expect, outcome });
  }
  failures.set(adapter, wrong);
  return set;
}
