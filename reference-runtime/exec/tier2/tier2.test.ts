// Tier 2 against the interpreter it must equal: generated modules, spec suite
// files, exhaustion at the same call, coverage counts. Each run is made under
// a mode (tier2.ts): `off` is the interpreter alone, the reference; `eager`
// translates every function it can at its first call; `osr` only moves
// running frames at their first loop head.
import fc from 'fast-check';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestInvocation, withDigest } from '../../../adapters/digest.js';
import { runReferenceHere } from '../../../adapters/reference/reference-run.js';
import { validModuleArb } from '../../../harness/generate/valid-module.js';
import { suiteFiles } from '../../../harness/testsuite.js';
import { Coverage, getMemory, instantiate, invoke, parseWat } from '../../api.js';
import { encodeModule } from '../../binary/encode.js';
import { runWastFile } from '../../script/run-script.js';
import { loopNestModule } from './loop-nests.js';
import { stats, tier2, underMode, type Tier2Mode } from './tier2.js';

const under = underMode;

/** Verdict, each invocation's outcome, and a digest of the final state. */
function outcomes(bytes: Uint8Array, invocations: ReturnType<typeof digestInvocation>[]) {
  const { run } = runReferenceHere({ module: bytes, invocations });
  return { verdict: run.verdict, invocations: run.invocations };
}

// (endOnFailure: a failing case is reported as found; shrinking it reruns every mode for minutes)
describe('tier 2', () => {
  it('gives the interpreter’s outcomes bit for bit on generated modules (traps and final state included)', () => {
    const before = { ...stats };
    fc.assert(
      fc.property(validModuleArb(), (k) => {
        const bytes = encodeModule(withDigest(k.module));
        const invocations = [...k.invocations, digestInvocation()];
        const reference = under('off', () => outcomes(bytes, invocations));
        expect(under('eager', () => outcomes(bytes, invocations))).toEqual(reference);
        expect(under('osr', () => outcomes(bytes, invocations))).toEqual(reference);
      }),
      { numRuns: 150, seed: 19, endOnFailure: true },
    );
    // the cases did run in tier 2 (their loops are mostly in functions with a v128 somewhere: the next test has loops)
    expect(stats.functions - before.functions).toBeGreaterThan(50);
  });

  it('gives the interpreter’s outcomes on generated nests of loops, entered at any loop head (OSR)', () => {
    const before = { ...stats };
    const run = (mode: Tier2Mode, wat: string) =>
      under(mode, () => {
        const inst = instantiate(parseWat(wat));
        const results = [3, -1, 100].map((x) => {
          try {
            return invoke(inst, 'run', [{ type: 'i32', value: x }]).values;
          } catch (e) {
            return `${(e as Error).name}: ${(e as Error).message}`;
          }
        });
        return { results, memory: Buffer.from(getMemory(inst, 'mem')).toString('base64') };
      });
    fc.assert(
      fc.property(loopNestModule, (wat) => {
        const reference = run('off', wat);
        expect(run('osr', wat)).toEqual(reference);
        expect(run('eager', wat)).toEqual(reference);
        expect(run('on', wat)).toEqual(reference);
      }),
      { numRuns: 120, seed: 1919, endOnFailure: true },
    );
    expect(stats.loops - before.loops).toBeGreaterThan(100);
  });

  // a sample of the suite that is quick under vitest: numerics, memory, control, calls
  const SAMPLE = new Set(['i32', 'i64', 'f32', 'f64', 'f32_bitwise', 'f64_bitwise', 'f32_cmp', 'f64_cmp', 'conversions', 'float_exprs', 'float_memory', 'float_misc', 'int_exprs', 'address', 'endianness', 'memory', 'memory_grow', 'memory_trap', 'load', 'store', 'block', 'loop', 'if', 'br', 'br_if', 'br_table', 'return', 'call', 'call_indirect', 'fac', 'select', 'local_get', 'local_set', 'local_tee', 'global', 'traps', 'unreachable', 'left-to-right', 'stack', 'labels', 'switch', 'nop', 'unwind']);
  const files = suiteFiles('wasm-2.0').filter((f) => SAMPLE.has(basename(f, '.wast')));
  describe.skipIf(files.length === 0)('spec suite files (skipped when ../shared/testsuite is absent)', () => {
    it.each(files.flatMap((f) => (['eager', 'osr'] as const).map((m) => [basename(f), m, f] as const)))('%s, %s: 0 failed, 0 skipped', (_name, mode, file) => {
      const before = { ...stats };
      const r = under(mode, () => runWastFile(file));
      expect(r.failures.slice(0, 5).map((f) => `${f.line} ${f.command}: expected ${f.expected}, got ${f.actual}`)).toEqual([]);
      expect(r.skipped).toBe(0);
      // tier 2 did run (osr ran in the loop-nest test, and on the loops of this sample: 138 of them)
      if (mode === 'eager') expect(stats.functions).toBeGreaterThan(before.functions);
    });
  });

  // each call counts a frame in global 0 before it recurses: how many frames fit shows where exhaustion came
  const recursion = `(module
    (global $n (mut i32) (i32.const 0))
    (func $deep (export "deep") (param i32) (result i32) (local f64 f64 f64 f64 i64 i64 i64 i64)
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
    (func (export "frames") (result i32) (global.get $n))
    ;; recursion in the interpreter (a v128 local keeps it there), then into $deep close to the limit
    (func $down (export "down") (param i32 i32) (result i32) (local v128)
      (if (result i32) (i32.eqz (local.get 0)) (then (call $deep (local.get 1)))
        (else (call $down (i32.sub (local.get 0) (i32.const 1)) (local.get 1))))))`;

  function deep(mode: Tier2Mode, n: number, interpreted = 0): [string, number] {
    return under(mode, () => {
      const inst = instantiate(parseWat(recursion));
      let outcome: string;
      try {
        const args = [{ type: 'i32', value: interpreted }, { type: 'i32', value: n }] as const;
        outcome = String((invoke(inst, 'down', [...args]).values[0] as { value: number }).value);
      } catch (e) {
        outcome = (e as Error).name;
      }
      return [outcome, (invoke(inst, 'frames', []).values[0] as { value: number }).value];
    });
  }

  it.each(['eager', 'on'] as const)('%s: exhausts the call stack at the very call the interpreter does, and recursion short of it completes', (mode) => {
    const exhausted = deep('off', 1e6);
    expect(exhausted[0]).toBe('Exhaustion');
    expect(deep(mode, 1e6)).toEqual(exhausted);
    // deeper than the JS stack would let tier 2 nest: the interpreter takes the frames past its budget
    expect(deep(mode, 15_000)).toEqual(deep('off', 15_000));
    // tier 2 entered a few frames short of the limit: its own check exhausts at the same call
    expect(deep(mode, 1e6, 19_990)).toEqual(deep('off', 1e6, 19_990));
  });

  it('leaves an instance that counts coverage to the interpreter, with the same counts', () => {
    const counts = (mode: Tier2Mode) =>
      under(mode, () => {
        const coverage = new Coverage();
        const inst = instantiate(parseWat(recursion), new Map(), { coverage });
        invoke(inst, 'deep', [{ type: 'i32', value: 500 }]);
        return coverage.counts();
      });
    const before = stats.functions + stats.loops;
    expect(counts('eager')).toEqual(counts('off'));
    expect(stats.functions + stats.loops).toBe(before);
  });
});
