// A unit repeating a plan already run takes that plan's outcome, and only
// that plan's: the runtime here is the real reference interpreter, and every
// outcome handed out must be the one a direct run of the same plan gives.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../adapters/adapter.js';
import type { Plan, RunOutcome } from '../../adapters/plan.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { DistinctRuns, planKey, repeatedPlans } from './distinct-plans.js';
import { runSuite } from './run-suite.js';

const runtime = new ReferenceAdapter();
afterAll(() => runtime.close());

const wasm = (wat: string) => encodeModule(parseWat(wat));
const i32 = (n: number) => ({ type: 'i32' as const, bits: n });
const adder = wasm('(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))');
const trapping = wasm('(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 0 i32.div_u))');
// not valid: i32.add on an empty stack
const invalid = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 0x0a, 5, 1, 3, 0, 0x6a, 0x0b]);
const spinning = wasm('(module (func (export "f") (loop (br 0))))');

const plans: Plan[] = [
  { module: adder, invocations: [{ export: 'f', args: [i32(1)] }] },
  { module: invalid, invocations: [] },
  // the same module with other arguments: another plan
  { module: adder, invocations: [{ export: 'f', args: [i32(41)] }] },
  { module: trapping, invocations: [{ export: 'f', args: [i32(1)] }] },
  { module: adder, invocations: [{ export: 'f', args: [i32(1)] }] },
  { module: invalid.slice(), invocations: [] },
  { module: trapping, invocations: [{ export: 'f', args: [i32(1)] }] },
  { module: adder, invocations: [{ export: 'f', args: [i32(41)] }] },
];
const TIMEOUT_MS = 20_000;
/** For the plan that never ends: long enough for the interpreter's worker to have started. */
const SPIN_MS = 1_000;
// the interpreter's worker starts before any plan is timed
beforeAll(() => runtime.run(plans[0]!, { timeoutMs: TIMEOUT_MS }));

/** What the outcome says, without the process count. */
const shown = (o: RunOutcome) => JSON.stringify({ ...o, processes: undefined });

describe('distinct plans', () => {
  it('runs each distinct plan once and gives every copy the outcome of its own plan', async () => {
    const asked: Plan[][] = [];
    const distinct = new DistinctRuns(new Map([...repeatedPlans(plans)].map(([key, n]) => [key, n + 1])));
    const outcomes = await distinct.run(plans, async (fresh) => {
      asked.push(fresh.map((i) => plans[i]!));
      return Promise.all(fresh.map((i) => runtime.run(plans[i]!, { timeoutMs: TIMEOUT_MS })));
    });
    expect(asked.map((call) => call.map(planKey))).toEqual([plans.slice(0, 4).map(planKey)]);
    const direct = await Promise.all(plans.map((p) => runtime.run(p, { timeoutMs: TIMEOUT_MS })));
    expect(outcomes.map(shown)).toEqual(direct.map(shown));
    // the four plans differ from one another: a copy given a neighbour's outcome would show
    expect(new Set(direct.slice(0, 4).map(shown)).size).toBe(4);
    expect(outcomes.slice(4).map((o) => o.processes)).toEqual([0, 0, 0, 0]);

    // a later call (another file) takes the outcomes already known
    const again = await distinct.run([plans[2]!, plans[1]!], async () => {
      throw new Error('ran a plan already run');
    });
    expect(again.map(shown)).toEqual([direct[2]!, direct[1]!].map(shown));
  });

  it('runs a copy itself when the first outcome was a timeout', async () => {
    const spin: Plan = { module: spinning, invocations: [{ export: 'f', args: [] }] };
    const asked: number[] = [];
    const outcomes = await new DistinctRuns(repeatedPlans([spin, spin])).run([spin, spin], async (fresh) => {
      asked.push(fresh.length);
      return Promise.all(fresh.map(() => runtime.run(spin, { timeoutMs: SPIN_MS })));
    });
    // timed out, whether while instantiating or in the call
    expect(outcomes.map((o) => [o.verdict.kind, o.invocations[0]!.kind].includes('timeout'))).toEqual([true, true]);
    expect(asked).toEqual([1, 1]);
  });

  it('keeps an outcome only for the copies the suite has, and none for a plan that occurs once', async () => {
    const [once, twice] = [plans[3]!, plans[0]!];
    const runs: Plan[] = [];
    const distinct = new DistinctRuns(repeatedPlans([once, twice, twice]));
    const runAll = async (fresh: number[], given: Plan[]) => Promise.all(fresh.map((i) => (runs.push(given[i]!), runtime.run(given[i]!, { timeoutMs: TIMEOUT_MS }))));
    await distinct.run([twice, once], (fresh) => runAll(fresh, [twice, once]));
    await distinct.run([twice], (fresh) => runAll(fresh, [twice]));
    expect(runs.map(planKey)).toEqual([twice, once].map(planKey));
    // both copies of `twice` are done, and `once` was never kept: each runs again
    await distinct.run([once, twice], (fresh) => runAll(fresh, [once, twice]));
    expect(runs.map(planKey)).toEqual([twice, once, once, twice].map(planKey));
  });

  it('in a suite run: a unit repeating one of another file is not run again, and each is judged by its own checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-distinct-'));
    const module = '(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add) (func (export "t") (unreachable)))';
    const files = ['a', 'b'].map((name, k) => {
      const file = join(dir, `${name}.wast`);
      // the same module and invocations in both files; file b also has a plan of its own
      const common = `${module}\n(assert_return (invoke "f" (i32.const 1)) (i32.const 2))\n(assert_trap (invoke "t") "unreachable")\n`;
      writeFileSync(file, k === 0 ? common : `${common}${module}\n(assert_return (invoke "f" (i32.const 5)) (i32.const 6))\n`);
      return file;
    });
    // the real interpreter, under another id (so that it is judged as a runtime, not read from the oracle), counting its plans
    const interpreter = new ReferenceAdapter();
    const ran: Plan[] = [];
    const counted: Adapter = { ...interpreter, id: 'counted', available: () => interpreter.available(), features: () => interpreter.features(), run: (plan, options) => (ran.push(plan), interpreter.run(plan, options)) };
    try {
      const r = await runSuite({ files, runtimes: [counted], oracle: runtime, jobs: 1 });
      expect(r.oracleErrors).toEqual([]);
      expect(r.files.map((f) => [f.file, f.passed, f.failed, f.unsupported])).toEqual([
        [files[0], 3, 0, 0],
        [files[1], 5, 0, 0],
      ]);
      expect(ran.map((p) => p.invocations.map((i) => i.args.map((a) => ('bits' in a ? a.bits : null))))).toEqual([[[1], []], [[5]]]);
    } finally {
      await interpreter.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
