// Only a rejection of a probe means "unsupported" (issue 15, defect 3): a
// runtime that accepts the probe and gets it wrong supports the feature
// badly, which is a finding; a probe that hangs is an environment error.
import { describe, expect, it } from 'vitest';
import type { Adapter } from './adapter.js';
import { PROBES, ProbeTimeout, probeFailures, probeFeatures } from './features.js';
import { ReferenceAdapter } from './reference/reference.js';
import type { InvocationOutcome, ModuleVerdict, RunOutcome } from './plan.js';

function answering(verdict: ModuleVerdict, first: InvocationOutcome): Adapter {
  return {
    id: 'probed',
    engine: 'probed',
    available: async () => ({ ok: true, version: '1' }),
    features: async () => ({}) as never,
    run: async (): Promise<RunOutcome> => ({ adapter: 'probed', verdict, invocations: [first], processes: 1 }),
  };
}

const features = Object.keys(PROBES);
/** The probes whose answer is a result of `f` (the others check theirs in a start function). */
const invoked = features.filter((f) => PROBES[f as keyof typeof PROBES].expect.length > 0);

describe('probeFeatures', () => {
  it('a wrong answer, a trap or a crash is a failure to report, and the feature counts as supported', async () => {
    for (const first of [
      { kind: 'values', values: [{ type: 'i32', bits: 12345 }] },
      { kind: 'trap', trap: 'unreachable', message: 'unreachable' },
      { kind: 'crash', message: 'killed by SIGSEGV' },
    ] as InvocationOutcome[]) {
      const a = answering({ kind: 'ok' }, first);
      const set = await probeFeatures(a, 1000);
      expect(Object.values(set).every((v) => v === true), JSON.stringify(first)).toBe(true);
      expect(probeFailures(a).map((f) => f.feature)).toEqual(invoked);
    }
  });

  it('a probe checked by its start function fails when instantiation traps, and is supported when it instantiates', async () => {
    const a = answering({ kind: 'uninstantiable', message: 'start trapped', trap: 'unreachable' }, { kind: 'not-run', reason: 'module verdict' });
    const set = await probeFeatures(a, 1000);
    expect(set.memory64 && set['legacy-exceptions']).toBe(true);
    expect(probeFailures(a).map((f) => f.feature)).toEqual(features);
    const fine = answering({ kind: 'ok' }, { kind: 'values', values: [{ type: 'i32', bits: 12345 }] });
    await probeFeatures(fine, 1000);
    expect(probeFailures(fine).map((f) => f.feature)).toEqual(invoked);
    expect(invoked).not.toContain('memory64');
  });

  it('probes every 3.0 feature and the legacy exception form, each probe valid and answered right by the oracle', async () => {
    const { FEATURES } = await import('../reference-runtime/syntax/features.js');
    expect(features).toEqual(expect.arrayContaining([...FEATURES, 'legacy-exceptions']));
    const oracle = new ReferenceAdapter();
    try {
      const set = await probeFeatures(oracle);
      expect(probeFailures(oracle)).toEqual([]);
      // the oracle has every 3.0 feature and not the legacy form, whose bytes it cannot decode
      expect(Object.entries(set).filter(([, ok]) => !ok).map(([f]) => f)).toEqual(['legacy-exceptions']);
    } finally {
      await oracle.close();
    }
  }, 60_000);

  it('a rejection of the probe module, or of its function when called, means unsupported', async () => {
    for (const [verdict, first] of [
      [{ kind: 'rejected', message: 'CompileError' }, { kind: 'not-run', reason: 'module verdict' }],
      [{ kind: 'ok' }, { kind: 'rejected', message: 'unknown opcode' }],
    ] as [ModuleVerdict, InvocationOutcome][]) {
      const a = answering(verdict, first);
      const set = await probeFeatures(a, 1000);
      // a start-checked probe has no function to call: only its module can be rejected
      const judged = verdict.kind === 'ok' ? invoked : features;
      expect(Object.entries(set).filter(([f]) => judged.includes(f)).every(([, v]) => v === false)).toBe(true);
      expect(probeFailures(a)).toEqual([]);
    }
  });

  it('a probe that times out twice is an environment error, not a verdict', async () => {
    await expect(probeFeatures(answering({ kind: 'ok' }, { kind: 'timeout' }), 10)).rejects.toBeInstanceOf(ProbeTimeout);
  });
});
