// The reference adapter streams a run's reports as they are known
// (reference-worker.ts), so a timeout keeps what the plan did before it, and
// the worker stuck in the loop is replaced for the next plan.
import { afterAll, describe, expect, it } from 'vitest';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { describeOutcome } from '../kit/describe.js';
import { i32 } from '../values.js';
import { ReferenceAdapter } from './reference.js';

const adapter = new ReferenceAdapter();
afterAll(() => adapter.close());

const module = encodeModule(parseWat(`(module
  (func (export "id") (param i32) (result i32) (local.get 0))
  (func (export "spin") (loop (br 0))))`));

describe('the reference adapter', () => {
  it('keeps the outcomes before a timeout, and runs the next plan on a fresh worker', async () => {
    const plan = { module, invocations: [{ export: 'id', args: [i32(7)] }, { export: 'spin', args: [] }, { export: 'id', args: [i32(8)] }] };
    const run = await adapter.run(plan, { timeoutMs: 1500 });
    expect(run.verdict.kind).toBe('ok');
    expect(run.invocations.map(describeOutcome)).toEqual(['values i32:00000007', 'timeout', 'not-run']);
    const next = await adapter.run({ module, invocations: [{ export: 'id', args: [i32(9)] }] }, { timeoutMs: 1500 });
    expect(next.invocations.map(describeOutcome)).toEqual(['values i32:00000009']);
  }, 20_000);

  it('gives a plan of many invocations every outcome, in order', async () => {
    const invocations = Array.from({ length: 300 }, (_, k) => ({ export: 'id', args: [i32(k)] }));
    const run = await adapter.run({ module, invocations }, { timeoutMs: 5000 });
    expect(run.invocations.map(describeOutcome)).toEqual(invocations.map((_, k) => `values i32:${k.toString(16).padStart(8, '0')}`));
  });
});
