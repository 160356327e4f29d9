// Only a rejection of a probe means "unsupported" (issue 15, defect 3): a
// runtime that accepts the probe and gets it wrong supports the feature
// badly, which is a finding; a probe that hangs is an environment error.
import { describe, expect, it } from 'vitest';
import type { Adapter } from './adapter.js';
import { PROBES, ProbeTimeout, probeFailures, probeFeatures } from './features.js';
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
      expect(probeFailures(a).map((f) => f.feature)).toEqual(features);
    }
  });

  it('a rejection of the probe module, or of its function when called, means unsupported', async () => {
    for (const [verdict, first] of [
      [{ kind: 'rejected', message: 'CompileError' }, { kind: 'not-run', reason: 'module verdict' }],
      [{ kind: 'ok' }, { kind: 'rejected', message: 'unknown opcode' }],
    ] as [ModuleVerdict, InvocationOutcome][]) {
      const a = answering(verdict, first);
      const set = await probeFeatures(a, 1000);
      expect(Object.values(set).every((v) => v === false)).toBe(true);
      expect(probeFailures(a)).toEqual([]);
    }
  });

  it('a probe that times out twice is an environment error, not a verdict', async () => {
    await expect(probeFeatures(answering({ kind: 'ok' }, { kind: 'timeout' }), 10)).rejects.toBeInstanceOf(ProbeTimeout);
  });
});
