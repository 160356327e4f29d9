import { describe, expect, it } from 'vitest';
import { instantiate, invoke, parseWat } from '../reference-runtime/api.js';
import { validateModule } from '../reference-runtime/valid/validate.js';
import { generateCases } from '../harness/generate/index.js';
import { DIGEST_EXPORT, digestOfInstance, withDigest } from './digest.js';

describe('the state digest', () => {
  it('computed directly equals what the added wasm function returns, on generated modules', () => {
    const cases = generateCases(77, 20).filter((c) => c.intent === undefined);
    let compared = 0;
    for (const c of cases) {
      const m = withDigest(c.module);
      validateModule(m);
      let inst;
      try {
        inst = instantiate(m);
      } catch {
        continue; // its start function trapped: nothing to digest
      }
      compared++;
      const inWasm = invoke(inst, DIGEST_EXPORT, []).values[0]!;
      expect(inWasm.type).toBe('i64');
      expect(BigInt.asUintN(64, (inWasm as { value: bigint }).value)).toBe(digestOfInstance(inst));
    }
    expect(compared).toBeGreaterThan(10);
  }, 120_000);

  it('changes with one byte of memory, a global or a table entry', () => {
    const m = parseWat(`(module (memory 1) (global (mut i32) (i32.const 0)) (table 2 funcref) (func $f)
      (func (export "poke") (i32.store8 (i32.const 65535) (i32.const 1)))
      (func (export "bump") (global.set 0 (i32.const 1)))
      (func (export "set") (table.set 0 (i32.const 1) (ref.func $f))) (elem declare func $f))`);
    const seen = new Set<bigint>();
    const inst = instantiate(withDigest(m));
    seen.add(digestOfInstance(inst));
    for (const f of ['poke', 'bump', 'set']) {
      invoke(inst, f, []);
      seen.add(digestOfInstance(inst));
    }
    expect(seen.size).toBe(4);
  });

  it('adds no v128 local to a module without v128 globals (runtimes without SIMD would reject it)', () => {
    const m = withDigest(parseWat('(module (global i32 (i32.const 1)))'));
    expect(m.funcs.at(-1)!.locals).toEqual(['i32', 'i64']);
  });
});
