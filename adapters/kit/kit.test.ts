// Runs the conformance kit against every adapter. An adapter that is not
// available shows as skipped tests, with the reason in the name.
import { afterAll, describe, expect, it } from 'vitest';
import type { Adapter, Availability, FeatureSet } from '../adapter.js';
import type { RunOutcome } from '../plan.js';
import { allAdapters } from '../registry.js';
import { KIT, verdictAllowed } from './cases.js';
import { KIT_3_0 } from './cases-3.0.js';
import { describeOutcome } from './describe.js';
import { deviation } from './deviations.js';

const adapters = allAdapters();
const availability = new Map<string, Availability>(await Promise.all(adapters.map(async (a) => [a.id, await a.available()] as const)));
afterAll(async () => Promise.all(adapters.map((a) => a.close?.())));

// probed once per adapter, only when a case needs a feature
const probed = new Map<string, Promise<FeatureSet>>();
function features(adapter: Adapter): Promise<FeatureSet> {
  if (!probed.has(adapter.id)) probed.set(adapter.id, adapter.features());
  return probed.get(adapter.id)!;
}

for (const adapter of adapters) {
  const a = availability.get(adapter.id)!;
  const label = a.ok ? `${adapter.id} (${adapter.engine} ${a.version})` : `${adapter.id} UNAVAILABLE: ${a.reason} — install: ${a.install}`;
  describe(label, () => {
    for (const kase of [...KIT, ...KIT_3_0]) {
      it.skipIf(!a.ok)(kase.name, async (ctx) => {
        if (kase.requires !== undefined && !(await features(adapter))[kase.requires]) {
          ctx.skip(`${adapter.id} does not support ${kase.requires} (as probed)`);
        }
        await checkCase(adapter, kase);
      }, 60_000);
    }
    // many plans in one call: each outcome as the kit states it (a batching adapter runs many modules in a process)
    it.skipIf(!a.ok || adapter.runMany === undefined)('the whole kit at once (runMany)', async () => {
      const has = await features(adapter);
      const cases = [...KIT, ...KIT_3_0].filter((k) => k.requires === undefined || has[k.requires]);
      const outcomes = await adapter.runMany!(cases.map((k) => k.plan), { timeoutMs: 20_000 });
      cases.forEach((kase, i) => checkOutcome(adapter, kase, outcomes[i]!));
    }, 300_000);
  });
}

async function checkCase(adapter: Adapter, kase: (typeof KIT)[number]): Promise<void> {
  checkOutcome(adapter, kase, await adapter.run(kase.plan, { timeoutMs: kase.timeoutMs ?? 20_000 }));
}

function checkOutcome(adapter: Adapter, kase: (typeof KIT)[number], outcome: RunOutcome): void {
  expect(verdictAllowed(kase.verdict, outcome.verdict.kind), `verdict ${outcome.verdict.kind} (${'message' in outcome.verdict ? outcome.verdict.message : ''})`).toBe(true);
  const got = outcome.invocations.map(describeOutcome);
  const want = kase.expect.map((e, i) => deviation(adapter.id, kase.name, i)?.observed ?? e);
  expect(got, kase.name).toEqual(want);
}
