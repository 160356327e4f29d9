// The WasmEdge adapters through wasmdiff's server (serve.c),
// as the harness uses them (createAdapter): plans run back to back — a trap in
// the middle, an invalid module, a malformed one, a start function that traps,
// an unknown import, values — give the reference adapter's outcomes, and all
// of them take ONE process per adapter. Unbounded recursion ends contained
// and the next plan runs. Skips visibly when the install has no server.
import { afterAll, describe, expect, it } from 'vitest';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { describeOutcome } from '../kit/describe.js';
import type { Plan, RunOutcome } from '../plan.js';
import { defaultLocateContext } from '../provision/locate.js';
import { runtimeSpec } from '../provision/registry.js';
import { runtimeStatus } from '../provision/status.js';
import { createAdapter } from '../registry.js';
import { f32bits, f64bits, i32, i64 } from '../values.js';

const wat = (text: string): Uint8Array => encodeModule(parseWat(text));
const call = (name: string, ...args: Plan['invocations'][number]['args']) => ({ export: name, args });

const STATE = wat(`(module (memory 1) (global $g (mut i32) (i32.const 0))
  (func (export "bump") (result i32) global.get $g i32.const 1 i32.add global.set $g global.get $g)
  (func (export "trap") unreachable)
  (func (export "div") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u)
  ;; not a tail call: the JIT cannot turn it into a loop
  (func $deep (export "deep") (param i32) (result i32)
    (i32.store (local.get 0) (call $deep (i32.add (local.get 0) (i32.const 1)))) (i32.load (i32.const 0))))`);

const VALUES = wat(`(module
  (func (export "i64") (param i64) (result i64) local.get 0)
  (func (export "f32") (param f32) (result f32) local.get 0)
  (func (export "multi") (param i32 f64) (result f64 i32) local.get 1 local.get 0))`);

const INVALID = wat(`(module (func (export "f") (result i32) i64.const 1))`);

const PLANS: [string, Plan][] = [
  ['a trap in the middle, then a fresh instance', { module: STATE, invocations: [call('bump'), call('trap'), call('bump'), call('div', i32(0)), call('div', i32(1))] }],
  ['an invalid module', { module: INVALID, invocations: [call('f')] }],
  ['a malformed module', { module: Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5), invocations: [call('f')] }],
  ['a start function that traps', { module: wat(`(module (func $s unreachable) (start $s) (func (export "f")))`), invocations: [call('f')] }],
  ['an unknown import', { module: wat(`(module (import "m" "f" (func)) (func (export "f")))`), invocations: [call('f')] }],
  [
    'values',
    {
      module: VALUES,
      invocations: [call('i64', i64(-2n)), call('f32', f32bits(0x7fa00001)), call('multi', i32(0x80000000), f64bits(0x8000000000000000n))],
    },
  ],
];

function summary(o: RunOutcome): string[] {
  return [`verdict ${o.verdict.kind}`, ...o.invocations.map(describeOutcome)];
}

const status = await runtimeStatus(runtimeSpec('wasmedge')!, defaultLocateContext());
const skip =
  status.found === undefined
    ? `wasmedge is not installed (${status.howToInstall})`
    : status.found.serveCommand === undefined
      ? `the wasmedge install has no current wasmedge-serve: ${status.notes.join('; ') || 'not installed by wasmdiff'}`
      : undefined;

const reference = createAdapter('reference')!;
afterAll(() => reference.close?.());

for (const id of ['wasmedge', 'wasmedge-jit']) {
  describe(`${id} through wasmedge-serve${skip === undefined ? '' : ` (SKIPPED: ${skip})`}`, () => {
    const adapter = createAdapter(id)!;
    afterAll(() => adapter.close?.());

    it.skipIf(skip !== undefined)('gives the reference outcomes for plans run back to back, from one process', async () => {
      let processes = 0;
      for (const [name, plan] of PLANS) {
        const want = await reference.run(plan);
        const got = await adapter.run(plan, { timeoutMs: 20_000 });
        processes += got.processes;
        expect(summary(got), name).toEqual(summary(want));
      }
      // more than 1: the adapter ran one process per run (is Located.serveCommand set from status.ts?)
      expect(processes, 'processes started for all the plans').toBe(1);
    }, 120_000);

    it.skipIf(skip !== undefined)('ends unbounded recursion contained, and the next plan runs on a new server', async () => {
      const deep = await adapter.run({ module: STATE, invocations: [call('deep', i32(0)), call('bump')] }, { timeoutMs: 30_000 });
      // the interpreter has no call-depth limit: it grows to the 2 GiB data cap and aborts
      // (std::bad_alloc); the JIT overflows the native stack (SIGSEGV), as the wasmedge CLI does
      const expected = id === 'wasmedge' ? ['resource', 'exhaustion'] : ['crash'];
      expect(expected, JSON.stringify(deep.invocations[0])).toContain(deep.invocations[0]!.kind);
      const after = await adapter.run(PLANS[5]![1], { timeoutMs: 20_000 });
      expect(summary(after)).toEqual(summary(await reference.run(PLANS[5]![1])));
      expect(after.processes, 'a new server after the dead one').toBe(1);
    }, 120_000);
  });
}
