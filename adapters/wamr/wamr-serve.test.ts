// iwasm --serve (iwasm/main.c) through the real WAMR adapters: plans
// run back to back on one adapter give the reference's outcomes from one
// server process, and a request that kills the server costs only that
// request. Skipped visibly when a WAMR runtime is not installed
// (`wasmdiff runtimes install wamr-fast wamr-classic`).
import { afterAll, describe, expect, it } from 'vitest';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import type { Adapter } from '../adapter.js';
import { describeOutcome } from '../kit/describe.js';
import type { Plan, RunOutcome } from '../plan.js';
import { createAdapter } from '../registry.js';
import { f32bits, f64bits, i32, i64, nullRef } from '../values.js';
import { servesRequests } from './wamr.js';

const TIMEOUT_MS = 20_000;
const wat = (text: string) => encodeModule(parseWat(text));
const call = (name: string, ...args: Plan['invocations'][number]['args']) => ({ export: name, args });

const COUNTER = wat(`(module
  (global $n (mut i32) (i32.const 0))
  (memory 1)
  (func (export "next") (result i32) global.get $n i32.const 1 i32.add global.set $n global.get $n)
  (func (export "oob") (result i32) i32.const 65536 i32.load)
  (func (export "boom") unreachable))`);
/** A counter that traps in the middle: the invocations after the trap run on a fresh instance (plan.ts rule 3). */
const TRAP_IN_THE_MIDDLE: Plan = {
  module: COUNTER,
  invocations: [call('next'), call('next'), call('boom'), call('next'), call('oob'), call('next')],
};
/** A function body whose result does not match its type: rejected at load. */
const INVALID: Plan = { module: wat('(module (func (export "f") (result i32) i64.const 1))'), invocations: [call('f')] };
const VALUES: Plan = {
  module: wat(`(module
    (func (export "multi") (param i32 i64 f32 f64) (result f64 f32 i64 i32) local.get 3 local.get 2 local.get 1 local.get 0)
    (func (export "none")))`),
  invocations: [call('multi', i32(-7), i64(-3n), f32bits(0x7fc00001), f64bits(0x8000000000000001n)), call('none')],
};
/** WAMR 1.1.2's fast interpreter dies with SIGSEGV returning these (deviations.ts). */
const CRASHES_FAST: Plan = {
  module: wat(`(module
    (func (export "one") (result i32) i32.const 1)
    (func (export "refs") (param externref) (result externref funcref funcref) local.get 0 ref.null func ref.func 0))`),
  invocations: [call('one'), call('refs', nullRef('externref')), call('one')],
};

const reference = createAdapter('reference')!;
const adapters: Adapter[] = [reference];
afterAll(async () => Promise.all(adapters.map((a) => a.close?.())));

/** The outcome in one comparable line per verdict and invocation. */
function shown(o: RunOutcome): string[] {
  return [`verdict ${o.verdict.kind}`, ...o.invocations.map(describeOutcome)];
}

async function served(id: 'wamr-fast' | 'wamr-classic'): Promise<{ adapter?: Adapter; reason?: string }> {
  const adapter = createAdapter(id)!;
  const a = await adapter.available();
  if (!a.ok) return { reason: `${id} is not installed (${a.reason}); install: ${a.install}` };
  adapters.push(adapter);
  return { adapter };
}

for (const id of ['wamr-fast', 'wamr-classic'] as const) {
  describe(`${id} served by one iwasm --serve`, () => {
    it('runs a trap in the middle, an invalid module and returned values as the reference does, from one process', async (ctx) => {
      const { adapter, reason } = await served(id);
      if (adapter === undefined) return ctx.skip(reason);
      const plans = [TRAP_IN_THE_MIDDLE, INVALID, VALUES, TRAP_IN_THE_MIDDLE];
      const outcomes: RunOutcome[] = [];
      for (const plan of plans) outcomes.push(await adapter.run(plan, { timeoutMs: TIMEOUT_MS }));
      for (const [i, plan] of plans.entries()) {
        const want = shown(await reference.run(plan, { timeoutMs: TIMEOUT_MS }));
        // WAMR's loader does not say malformed or invalid apart for every message: `rejected` stands for either
        const got = shown(outcomes[i]!).map((line, j) => (j === 0 && line === 'verdict rejected' && want[0] === 'verdict invalid' ? want[0] : line));
        expect(got, `plan ${i}`).toEqual(want);
      }
      expect(shown(outcomes[0]!)).toContain('trap unreachable');
      expect(outcomes.map((o) => o.processes)).toEqual([1, 0, 0, 0]);
    }, 60_000);
  });
}

describe('wamr-fast: a request that kills the server', () => {
  it('is reported as a crash, and the next plan runs on a new server', async (ctx) => {
    const { adapter, reason } = await served('wamr-fast');
    if (adapter === undefined) return ctx.skip(reason);
    const crashed = await adapter.run(CRASHES_FAST, { timeoutMs: TIMEOUT_MS });
    expect(shown(crashed)).toEqual(['verdict ok', 'values i32:00000001', 'crash', 'not-run']);
    const next = await adapter.run(VALUES, { timeoutMs: TIMEOUT_MS });
    expect(shown(next)).toEqual(shown(await reference.run(VALUES, { timeoutMs: TIMEOUT_MS })));
    expect([crashed.processes, next.processes]).toEqual([1, 1]);
  }, 60_000);
});

describe('servesRequests (the --serve probe)', () => {
  it('says no for a binary that fails on --serve, as an iwasm built before it does', async () => {
    expect(await servesRequests(['false'])).toBe(false);
  });
});
