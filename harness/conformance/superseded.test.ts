// Judging by the features each runtime was probed to have: a 2.0 check whose
// answer 3.0 changed is superseded (not failed, no finding) only for a runtime
// with the features the 3.0 answer needs, and a 3.0 module needing a feature
// the runtime lacks is unsupported without being run (so a runtime that would
// only fail lazily, at the first call, is never judged on it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Adapter, FeatureName, FeatureSet } from '../../adapters/adapter.js';
import { notRun, type Plan, type RunOutcome } from '../../adapters/plan.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { runSuite } from './run-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-superseded-'));
const oracle = new ReferenceAdapter();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await oracle.close();
});

function script(version: '2.0' | '3.0', text: string): string {
  mkdirSync(join(dir, `wasm-${version}`), { recursive: true });
  const file = join(dir, `wasm-${version}`, `t${Math.random().toString(36).slice(2)}.wast`);
  writeFileSync(file, text);
  return file;
}

/** A runtime with the given features that accepts every module, and answers 7 to every call. */
function accepting(id: string, has: FeatureName[], runs: Plan[] = []): Adapter {
  const features = Object.fromEntries(['multi-value', 'reference-types', 'bulk-memory', 'simd', 'sign-extension', 'saturating-conversions', 'mutable-globals', ...has].map((f) => [f, true])) as FeatureSet;
  return {
    id,
    engine: id,
    available: async () => ({ ok: true, version: '1' }),
    features: async () => features,
    run: async (plan: Plan): Promise<RunOutcome> => {
      runs.push(plan);
      return { adapter: id, verdict: { kind: 'ok' }, invocations: plan.invocations.map(() => ({ kind: 'values', values: [{ type: 'i32', bits: 7 }] })), processes: 0 };
    },
  };
}

/** A runtime that rejects every module. */
function rejecting(id: string): Adapter {
  return { ...accepting(id, []), run: async (plan: Plan) => ({ adapter: id, verdict: { kind: 'rejected', message: 'no' }, invocations: notRun(plan.invocations.length, 'rejected'), processes: 0 }) };
}

describe('judging by probed features', () => {
  it('a 2.0 module 3.0 made valid, accepted: superseded with multi-memory as probed, a failure and a finding without it', async () => {
    const file = script('2.0', '(assert_invalid (module (memory 0) (memory 0)) "multiple memories")\n');
    const r = await runSuite({ files: [file], runtimes: [accepting('with', ['multi-memory']), accepting('without', []), rejecting('rejects')], oracle });
    expect(r.oracleErrors).toEqual([]);
    expect(r.totals).toEqual({
      with: { passed: 0, failed: 0, unsupported: 0, superseded: 1 },
      without: { passed: 0, failed: 1, unsupported: 0, superseded: 0 },
      rejects: { passed: 1, failed: 0, unsupported: 0, superseded: 0 },
    });
    expect(r.findings.flatMap((f) => f.runtimes)).toEqual(['without']);
  }, 60_000);

  it('a 3.0 module, text or binary, needing a feature the runtime lacks is unsupported and never run', async () => {
    const wat = '(module (func $g (result i32) (i32.const 7)) (func (export "f") (result i32) (return_call $g)))';
    const hex = [...encodeModule(parseWat(wat))].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
    const file = script('3.0', `${wat}\n(assert_return (invoke "f") (i32.const 7))\n(module binary "${hex}")\n(assert_return (invoke "f") (i32.const 7))\n`);
    const runs: Plan[] = [];
    const r = await runSuite({ files: [file], runtimes: [accepting('tails', ['tail-call']), accepting('lazy', [], runs)], oracle });
    expect(r.totals.tails).toEqual({ passed: 4, failed: 0, unsupported: 0, superseded: 0 });
    expect(r.totals.lazy).toEqual({ passed: 0, failed: 0, unsupported: 4, superseded: 0 });
    expect(r.files.find((f) => f.runtime === 'lazy')!.reasons).toEqual(['unsupported (feature tail-call, as probed) (4)']);
    expect(runs).toEqual([]);
  }, 60_000);
});
