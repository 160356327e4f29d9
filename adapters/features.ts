// Feature probes: for each WebAssembly 2.0 and 3.0 feature (and the legacy
// exception form, which some engines have instead of exnref), a tiny module
// using it and the result it must give. Only a rejection of the probe (at compile
// time, or of its function when first called) means "not supported". A
// runtime that accepts the probe and then gives a wrong value, traps,
// crashes or exhausts a resource supports the feature badly: it counts as
// supported (so modules using it are still sent and judged), and the failure
// is kept (`probeFailures`) for the run to store as a finding. A probe that
// times out twice is an environment error (ProbeTimeout), never a verdict.
import { encodeModule } from '../reference-runtime/binary/encode.js';
import { parseWat } from '../reference-runtime/text/parse-module.js';
import { FEATURES } from '../reference-runtime/syntax/features.js';
import type { Adapter, FeatureName, FeatureSet } from './adapter.js';
import type { Plan, ResultValue, RunOutcome } from './plan.js';
import { i32, sameResults } from './values.js';

interface Probe {
  /** The probe module as text, or (where our parser has no syntax for it) as bytes with the text it stands for. */
  wat: string;
  bytes?: Uint8Array;
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
  'tail-call': {
    // 100000 tail calls deep: a runtime that keeps a frame per return_call exhausts its stack (a probe failure, not "unsupported")
    wat: `(module (func $down (param i32 i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
          (else (return_call $down (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1))))))
      (func (export "f") (param i32) (result i32) (return_call $down (i32.const 100000) (local.get 0))))`,
    expect: [I32(100007)],
  },
  exceptions: {
    // exnref: throw, catch_ref into a block, throw_ref, caught again with its payload
    wat: `(module (tag $t (param i32)) (func (export "f") (param i32) (result i32)
      (i32.add (i32.const 1)
        (block $outer (result i32)
          (try_table (catch $t $outer)
            (block $h (result i32 exnref)
              (try_table (catch_ref $t $h) (throw $t (local.get 0)))
              (unreachable))
            (throw_ref))
          (i32.const 0)))))`,
    expect: [I32(8)],
  },
  'legacy-exceptions': {
    // the pre-3.0 form (try 0x06, catch 0x07), which our decoder does not know, so no driver can call into it: the
    // module is bytes, and its start function checks the answer (a wrong one traps, and instantiation fails)
    wat: `(module (tag $t (param i32)) (func $check
      try (result i32) i32.const 7 throw $t catch $t end i32.const 7 i32.ne if unreachable end) (start $check))`,
    bytes: legacyExceptionsProbe(),
    expect: [],
  },
  memory64: {
    // checked by its start function: a memory with no initial pages gets no driver (driver/build-driver.ts), so the
    // runtime runs the bare module, whose 64-bit memory 0 a WASI driver could not write through
    wat: `(module (memory i64 0) (func $check
        (if (i64.ne (memory.grow (i64.const 1)) (i64.const 0)) (then unreachable))
        (i64.store offset=4 (i64.const 4) (i64.const 7))
        (if (i64.ne (i64.add (i64.load (i64.const 8)) (memory.size)) (i64.const 8)) (then unreachable)))
      (start $check))`,
    expect: [],
  },
  'extended-const': {
    wat: `(module (global $g i64 (i64.sub (i64.mul (i64.const 3) (i64.const 4)) (i64.const 5)))
      (global $h i32 (i32.add (i32.const 2) (i32.mul (i32.const 2) (i32.const 3))))
      (func (export "f") (param i32) (result i32) (i32.add (i32.add (local.get 0) (global.get $h)) (i32.wrap_i64 (global.get $g)))))`,
    expect: [I32(22)],
  },
  'function-references': {
    wat: `(module (type $t (func (param i32) (result i32)))
      (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))
      (elem declare func $inc)
      (func (export "f") (param i32) (result i32) (local $r (ref null $t))
        (local.set $r (ref.func $inc))
        (block $null (return (call_ref $t (local.get 0) (br_on_null $null (local.get $r)))))
        (i32.const -1)))`,
    expect: [I32(8)],
  },
  gc: {
    // a struct (get, set), an array's length, an i31 and a cast test: 7 - 1 + 2 + 1
    wat: `(module (type $p (struct (field (mut i32)) (field i64))) (type $a (array (mut i8)))
      (func (export "f") (param i32) (result i32) (local $s (ref null $p))
        (local.set $s (struct.new $p (local.get 0) (i64.const 1)))
        (struct.set $p 0 (local.get $s) (i32.add (struct.get $p 0 (local.get $s)) (i31.get_s (ref.i31 (i32.const -1)))))
        (i32.add (i32.add (struct.get $p 0 (local.get $s)) (array.len (array.new_default $a (i32.const 2))))
          (ref.test (ref $p) (local.get $s)))))`,
    expect: [I32(9)],
  },
};

/** The legacy-exceptions probe's bytes (its `wat`, with the tag's type 0 `(func (param i32))` and the start function's type 1 `(func)`). */
function legacyExceptionsProbe(): Uint8Array {
  const section = (id: number, body: number[]): number[] => [id, body.length, ...body];
  // try (result i32) i32.const 7 throw 0 catch 0 end i32.const 7 i32.ne if unreachable end end
  const body = [0x00, 0x06, 0x7f, 0x41, 0x07, 0x08, 0x00, 0x07, 0x00, 0x0b, 0x41, 0x07, 0x47, 0x04, 0x40, 0x00, 0x0b, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00]),
    ...section(3, [0x01, 0x01]),
    ...section(13, [0x01, 0x00, 0x00]),
    ...section(8, [0x00]),
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

export function probePlan(feature: FeatureName): Plan {
  const probe = PROBES[feature];
  // a probe without an expected result is checked by its start function: nothing to invoke
  return { module: probe.bytes ?? encodeModule(parseWat(probe.wat)), invocations: probe.expect.length === 0 ? [] : [{ export: 'f', args: [i32(7)] }] };
}

/** The probed features 3.0 added (the others are 2.0's; 'legacy-exceptions' is in neither: the pre-3.0 form some engines ship). */
export const FEATURES_3_0: readonly FeatureName[] = FEATURES;

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
  if (expect.length === 0) return 'supported'; // checked by its start function, which ran without trapping
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
