// Test helper: a runtime whose outcome is written by the test (from the
// oracle's own outcome, changed where the test says), so a comparison can be
// shown exactly the divergence, or the allowed difference, it must judge.
import type { Adapter, FeatureSet } from '../../adapters/adapter.js';
import type { InvocationOutcome, ModuleVerdict, Plan, RunOutcome } from '../../adapters/plan.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';

const ALL: FeatureSet = {
  'multi-value': true,
  'reference-types': true,
  'bulk-memory': true,
  simd: true,
  'sign-extension': true,
  'saturating-conversions': true,
  'mutable-globals': true,
  'relaxed-simd': true,
  'multi-memory': true,
  'tail-call': true,
  exceptions: true,
  'legacy-exceptions': true,
  memory64: true,
  'extended-const': true,
  'function-references': true,
  gc: true,
};

export function wasm(wat: string): Uint8Array {
  return encodeModule(parseWat(wat));
}

/**
 * A runtime that runs the plan on the reference interpreter, then replaces
 * outcome k by `change(k, outcome)` (and the verdict by `verdict`, when given).
 */
export function scriptedRuntime(
  id: string,
  change: (k: number, o: InvocationOutcome, plan: Plan) => InvocationOutcome,
  o: { verdict?: ModuleVerdict; features?: Partial<FeatureSet>; version?: string } = {},
): Adapter {
  const inner = new ReferenceAdapter();
  return {
    id,
    engine: `scripted ${id}`,
    available: async () => ({ ok: true, version: o.version ?? '1' }),
    features: async () => ({ ...ALL, ...o.features }),
    run: async (plan: Plan): Promise<RunOutcome> => {
      const out = await inner.run(plan);
      return { ...out, adapter: id, verdict: o.verdict ?? out.verdict, invocations: out.invocations.map((x, k) => change(k, x, plan)) };
    },
    close: () => inner.close(),
  };
}
