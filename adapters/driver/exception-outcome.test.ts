// An uncaught wasm exception is its own outcome (plan.ts), on the oracle and
// on every runtime that runs exception handling: each runtime's wording is
// classified by its message table, and, as after a trap, the next invocation
// runs on a fresh instance. A runtime without exception handling (it rejects
// the module) skips, saying so.
import { afterAll, describe, expect, it } from 'vitest';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import type { InvocationOutcome, Plan } from '../plan.js';
import { createAdapter } from '../registry.js';
import { classifyMessage, SPEC_WORDING } from '../trap-kinds.js';
import { V8_MESSAGES } from '../v8/messages.js';
import { WASMEDGE_MESSAGES } from '../wasmedge/messages.js';
import { showResult } from '../values.js';

const PLAN: Plan = {
  module: encodeModule(
    parseWat(`(module (tag $t (param i32)) (global $g (mut i32) (i32.const 0))
      (func (export "throw") (result i32) (global.set $g (i32.const 5)) (i32.const 1) (throw $t))
      (func (export "caught") (result i32) (block $h (result i32) (try_table (catch $t $h) (i32.const 3) (throw $t)) (unreachable)))
      (func (export "g") (result i32) (global.get $g)))`),
  ),
  // throw, then g on the fresh instance (0, not 5), then a caught one, then g again
  invocations: [{ export: 'throw', args: [] }, { export: 'g', args: [] }, { export: 'caught', args: [] }, { export: 'g', args: [] }],
};

const summary = (o: InvocationOutcome): string => (o.kind === 'values' ? o.values.map(showResult).join(' ') : o.kind);
const EXPECTED = ['exception', 'i32:00000000', 'i32:00000003', 'i32:00000000'];

describe('the uncaught-exception outcome', () => {
  it('classifies each runtime wording, and no trap wording, as an uncaught exception', () => {
    expect(classifyMessage([...WASMEDGE_MESSAGES, ...SPEC_WORDING], '[error] execution failed: uncaught exception, Code: 0x419')).toBe('uncaught exception');
    expect(classifyMessage([...V8_MESSAGES, ...SPEC_WORDING], 'WebAssembly.Exception: uncaught wasm exception')).toBe('uncaught exception');
    expect(classifyMessage([...V8_MESSAGES, ...SPEC_WORDING], 'RuntimeError: unreachable')).toBe('unreachable');
  });

  for (const id of ['reference', 'v8', 'v8-node22', 'v8-node24', 'wasmtime', 'wamr-fast', 'wasmedge', 'wasmedge-jit']) {
    const adapter = createAdapter(id);
    describe(id, () => {
      afterAll(() => adapter?.close?.());
      it('ends the throwing invocation with `exception` and goes on on a fresh instance (skips without exception handling)', async (ctx) => {
        const a = await adapter?.available();
        if (adapter === undefined || a === undefined || !a.ok) return ctx.skip(`${id} is not available${a && !a.ok ? `: ${a.reason}` : ''}`);
        const out = await adapter.run(PLAN);
        if (out.verdict.kind !== 'ok') return ctx.skip(`${id} rejects exception handling: ${'message' in out.verdict ? out.verdict.message.split('\n').pop() : JSON.stringify(out.verdict)}`);
        expect(out.invocations.map(summary)).toEqual(EXPECTED);
      }, 60_000);
    });
  }
});
