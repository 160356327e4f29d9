import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { opcodesOf } from './opcodes-of.js';
import { runOnOracle } from './oracle-run.js';
import { validModuleArb, validModuleFrom } from './valid-module.js';

const cases = fc.sample(validModuleArb(), { numRuns: 520, seed: 20240607 });

describe('validModuleArb', () => {
  it('generates modules that validate, as ASTs and after a decode of their bytes', () => {
    for (const k of cases) {
      expect(() => validateModule(k.module)).not.toThrow();
      expect(() => validateModule(decodeModule(k.bytes))).not.toThrow();
      expect(k.invocations.length).toBeGreaterThan(0);
    }
  });

  it('runs every case on the oracle to an end: values or traps, never exhaustion, a timeout or a host error', () => {
    const kinds = new Map<string, number>();
    for (const k of cases) {
      const { verdict, outcomes } = runOnOracle(k);
      // A start function may trap (fuel or otherwise): that is a deterministic verdict too.
      expect(['ok', 'uninstantiable']).toContain(verdict.kind);
      if (verdict.kind !== 'ok') continue;
      for (const o of outcomes) {
        kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
        expect(['values', 'trap']).toContain(o.kind);
      }
    }
    // Most invocations return values: traps are there, but do not swamp the results.
    expect(kinds.get('values')!).toBeGreaterThan(kinds.get('trap') ?? 0);
  });

  it('is deterministic: the same seed gives the same bytes and invocations', () => {
    const again = fc.sample(validModuleArb(), { numRuns: 20, seed: 20240607 });
    again.forEach((k, i) => {
      expect(k.bytes).toEqual(cases[i]!.bytes);
      expect(k.invocations).toEqual(cases[i]!.invocations);
    });
    const other = fc.sample(validModuleArb(), { numRuns: 20, seed: 7 });
    expect(other.map((k) => k.bytes.length)).not.toEqual(again.map((k) => k.bytes.length));
  });

  it('builds the simplest module from an empty choice stream (what shrinking converges to)', () => {
    const k = validModuleFrom([]);
    expect(k.module.funcs).toHaveLength(1);
    expect(() => validateModule(k.module)).not.toThrow();
    expect(runOnOracle(k).outcomes[0]!.kind).toBe('values');
  });

  it('covers the instruction set statically: every 2.0 opcode in 520 cases', () => {
    const seen = new Set<string>();
    for (const k of cases) for (const op of opcodesOf(k.module).keys()) seen.add(op);
    const missing = OPCODES.filter((o) => o.feature === undefined).map((o) => o.name).filter((n) => !seen.has(n));
    expect(missing).toEqual([]);
  });

  it('uses multi-value blocks, br_table, call_indirect, passive segments and bulk instructions', () => {
    const all = cases.map((k) => k.module);
    expect(all.some((m) => m.funcs.some((f) => JSON.stringify(f.body, (_, v) => (typeof v === 'bigint' ? String(v) : v)).includes('"kind":"type"')))).toBe(true);
    expect(all.some((m) => m.datas.some((d) => d.mode.kind === 'passive'))).toBe(true);
    expect(all.some((m) => m.elems.some((e) => e.mode.kind === 'passive'))).toBe(true);
    expect(all.some((m) => m.elems.some((e) => e.mode.kind === 'declarative'))).toBe(true);
    expect(all.some((m) => m.start !== undefined)).toBe(true);
  });
});
