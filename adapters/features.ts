// Feature probes: for each WebAssembly 2.0 feature, a tiny module using it
// and the result it must give. A feature is supported when the adapter runs
// the probe and gets exactly that result; a rejected module, a trap or a
// wrong value all mean "not supported".
import { encodeModule } from '../reference-runtime/binary/encode.js';
import { parseWat } from '../reference-runtime/text/parse-module.js';
import type { Adapter, FeatureName, FeatureSet } from './adapter.js';
import type { Plan, ResultValue } from './plan.js';
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
  'mutable-globals': {
    wat: `(module (global (export "g") (mut i32) (i32.const 0)) (func (export "f") (param i32) (result i32)
      (global.set 0 (local.get 0)) (global.get 0)))`,
    expect: [I32(7)],
  },
};

export function probePlan(feature: FeatureName): Plan {
  return { module: encodeModule(parseWat(PROBES[feature].wat)), invocations: [{ export: 'f', args: [i32(7)] }] };
}

export async function probeFeatures(adapter: Adapter, timeoutMs = 10_000): Promise<FeatureSet> {
  const set = {} as FeatureSet;
  for (const feature of Object.keys(PROBES) as FeatureName[]) {
    const outcome = await adapter.run(probePlan(feature), { timeoutMs });
    const first = outcome.invocations[0];
    set[feature] = outcome.verdict.kind === 'ok' && first?.kind === 'values' && sameResults(first.values, PROBES[feature].expect);
  }
  return set;
}
