// A feature probe the runtime accepted and then got wrong (adapters/features.ts)
// is a finding like any other divergence, with the probe as its module: the
// probe's expected result is what the oracle computes for it, so the
// comparison (compare.ts) says what kind of divergence it is.
import type { Adapter } from '../../adapters/adapter.js';
import { probeFailures } from '../../adapters/features.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { printModule } from '../../reference-runtime/text/print-module.js';
import { compareRun, showOutcome } from '../compare/compare.js';
import { reproRecipe, shellLine, storeInvocations } from '../conformance/repro.js';
import type { OracleOutcome } from '../../adapters/reference/reference.js';
import type { Store } from '../store/store.js';
import { causeOf, causeSignature, describeCause } from './cause.js';
import { isNote, type FindingSeen } from './contract.js';

export async function recordProbeFailures(store: Store, runId: number, adapter: Adapter, version: string): Promise<FindingSeen[]> {
  await adapter.features();
  const seen: FindingSeen[] = [];
  for (const p of probeFailures(adapter)) {
    const oracle: OracleOutcome = {
      run: { adapter: 'reference', verdict: { kind: 'ok' }, invocations: [{ kind: 'values', values: p.expected }], processes: 0 },
      notes: [{ allowed: p.expected.map(() => ({ kind: 'exact' })), ms: 0, calls: 0, footprint: 0 }],
      ms: 0,
    };
    const d = compareRun(oracle, p.outcome).divergences[0];
    if (d === undefined) continue;
    const module = parseWat(p.wat);
    const invocation = p.plan.invocations[0]!;
    const cause = causeOf({ divergence: d, module, ...(d.invocation === undefined ? {} : { invocation }) });
    const recipe = await reproRecipe(adapter, 'driver');
    const at = `probe:${p.feature}`;
    const summary = `${describeCause(cause, [adapter.id])}: the ${p.feature} feature probe: expected ${d.expected}, got ${d.actual}`.slice(0, 240);
    const r = store.recordFinding(
      {
        signature: causeSignature(cause),
        cause,
        sighting: { runtime: adapter.id, version, source: 'probe', origin: at },
        kind: d.kind,
        summary,
        runtimes: [adapter.id],
        moduleBytes: p.plan.module,
        wat: printModule(module),
        details: {
          source: 'probe',
          at,
          command: `the ${p.feature} feature probe (adapters/features.ts)`,
          expected: d.expected,
          oracle: showOutcome(oracle.run.invocations[0]!),
          actual: { [adapter.id]: d.actual },
          classes: { expected: d.expectedClass, actual: d.actualClass },
          invocations: storeInvocations(p.plan.invocations),
          versions: { [adapter.id]: version },
        },
        repro: recipe ? { [adapter.id]: shellLine(recipe.argv) } : {},
        versions: { [adapter.id]: version },
      },
      runId,
    );
    seen.push({ ...r, kind: d.kind, note: isNote(d.kind), family: cause.family, runtimes: [adapter.id], signature: causeSignature(cause), summary, occurrences: 1 });
  }
  return seen;
}
