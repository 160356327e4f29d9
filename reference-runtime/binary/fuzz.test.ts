import { describe, expect, it } from 'vitest';
import { suiteFiles } from '../../harness/testsuite.js';
import { decodeModule } from './decode.js';
import { builtinSeeds, decodesOrRejects, mutate, runDecodeFuzz } from './fuzz.js';
import { suiteSeeds30 } from './suite-seeds.js';
import { convertScript, hasWast2json } from './wabt-fixtures.js';

describe('decoder robustness', () => {
  it('mutations do what they say', () => {
    const seed = Uint8Array.of(1, 2, 3);
    expect([...mutate(seed, [{ kind: 'flip', at: 4, bit: 7 }])]).toEqual([1, 0x82, 3]);
    expect([...mutate(seed, [{ kind: 'insert', at: 3, byte: 9 }])]).toEqual([1, 2, 3, 9]);
    expect([...mutate(seed, [{ kind: 'delete', at: 0 }])]).toEqual([2, 3]);
    expect([...mutate(seed, [{ kind: 'truncate', at: 2 }])]).toEqual([1, 2]);
    expect([...mutate(seed, [{ kind: 'overwrite', at: 1, byte: 0xff }])]).toEqual([1, 0xff, 3]);
  });

  it('the property fails on anything but a DecodeError', () => {
    // A RangeError thrown by decoding must surface, not count as a rejection.
    expect(decodesOrRejects(Uint8Array.of(0))).toBe(true);
    expect(() => decodesOrRejects(undefined as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('the seeds decode', () => {
    for (const seed of builtinSeeds()) expect(decodeModule(seed).funcs.length).toBeGreaterThan(1);
  });

  it('random and mutated modules decode or throw DecodeError (2,000 runs)', () => {
    runDecodeFuzz({ numRuns: 2_000 });
  });

  it.skipIf(!hasWast2json || suiteFiles('wasm-2.0').length === 0)(
    'mutated testsuite modules decode or throw DecodeError (2,000 runs; skipped without wast2json or the testsuite)',
    () => {
      const scripts = ['binary.wast', 'simd_lane.wast', 'elem.wast', 'data.wast', 'custom.wast', 'bulk.wast'];
      const files = suiteFiles('wasm-2.0').filter((f) => scripts.some((s) => f.endsWith(`/${s}`)));
      const extraSeeds = files.flatMap((f) => convertScript(f).binaries.filter((b) => b.kind === 'module').map((b) => b.bytes));
      expect(extraSeeds.length).toBeGreaterThan(50);
      runDecodeFuzz({ numRuns: 2_000, extraSeeds });
    },
  );

  it.skipIf(!hasWast2json || suiteFiles('wasm-3.0').length === 0)(
    'mutated 3.0 testsuite modules decode or throw DecodeError (2,000 runs; skipped without wast2json or the testsuite)',
    () => {
      const scripts = ['binary.wast', 'memory-multi.wast', 'load64.wast', 'simd_memory-multi.wast', 'return_call_indirect.wast', 'relaxed_laneselect.wast', 'imports.wast'];
      const files = suiteFiles('wasm-3.0').filter((f) => scripts.some((s) => f.endsWith(`/${s}`)));
      const extraSeeds = files.flatMap((f) => convertScript(f, { all: true }).binaries.filter((b) => b.kind === 'module').map((b) => b.bytes));
      expect(extraSeeds.length).toBeGreaterThan(50);
      runDecodeFuzz({ numRuns: 2_000, extraSeeds });
    },
  );

  it.skipIf(suiteFiles('wasm-3.0').length === 0)(
    'mutated 3.0 GC and typed-reference modules decode or throw DecodeError (2,000 runs; skipped without the testsuite)',
    () => {
      const scripts = ['struct.wast', 'array.wast', 'type-rec.wast', 'type-subtyping.wast', 'br_on_cast.wast', 'ref_cast.wast', 'call_ref.wast', 'elem.wast'];
      const files = suiteFiles('wasm-3.0').filter((f) => scripts.some((s) => f.endsWith(`/${s}`)));
      const extraSeeds = suiteSeeds30(files);
      expect(extraSeeds.length).toBeGreaterThan(20);
      runDecodeFuzz({ numRuns: 2_000, extraSeeds });
    },
  );
});
