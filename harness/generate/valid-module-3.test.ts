// The generator with the 3.0 features on: every module valid under 3.0
// rules, every case runs on the oracle to an end, every instruction of the
// opcode table (2.0 and 3.0) generated and the 3.0 ones executed, and each
// feature used only when its weight allows it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { FEATURES, WASM_3_0, type Feature } from '../../reference-runtime/syntax/features.js';
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { featuresUsed } from '../conformance/features.js';
import { runReferenceHere, runReferencePlan } from '../../adapters/reference/reference-run.js';
import { digestInvocation, withDigest } from '../../adapters/digest.js';
import { buildDriver, driverInvocations, whyNoDriver } from '../../adapters/driver/build-driver.js';
import { ALL_FEATURES } from './features.js';
import { opcodesOf } from './opcodes-of.js';
import { validModuleArb } from './valid-module.js';

const cases = fc.sample(validModuleArb({ features: ALL_FEATURES }), { numRuns: 700, seed: 30 });
const v3 = (used: string[]): string[] => used.filter((f) => (FEATURES as readonly string[]).includes(f));

describe('validModuleArb with the 3.0 features', () => {
  it('calls through the typed function references some functions return, and the returned functions run', () => {
    let calledThrough = 0;
    for (const k of cases) {
      const through = k.invocations.flatMap((inv, i) => (inv.through ? [i] : []));
      if (through.length === 0) continue;
      const { run } = runReferenceHere({ module: k.bytes, invocations: k.invocations });
      calledThrough += through.filter((i) => run.invocations[i]!.kind === 'values').length;
    }
    expect(calledThrough).toBeGreaterThan(2);
  });

  it('generates modules the oracle validates under 3.0 rules, as ASTs and decoded from their bytes', () => {
    for (const k of cases) {
      expect(() => validateModule(k.module, WASM_3_0)).not.toThrow();
      expect(() => validateModule(decodeModule(k.bytes, WASM_3_0), WASM_3_0)).not.toThrow();
    }
  });

  it('runs every case on the oracle to values, traps or exceptions (no oracle error), and executes every 3.0 instruction', () => {
    const executed = new Map<string, number>();
    const kinds = new Map<string, number>();
    for (const k of cases) {
      runReferencePlan({ module: k.bytes, invocations: k.invocations }, (r) => {
        if (r.type === 'verdict') expect(['ok', 'uninstantiable'], JSON.stringify(r.verdict)).toContain(r.verdict.kind);
        else if (r.type === 'outcome') {
          kinds.set(r.outcome.kind, (kinds.get(r.outcome.kind) ?? 0) + 1);
          expect(['values', 'trap', 'exception', 'not-run'], 'message' in r.outcome ? r.outcome.message : r.outcome.kind).toContain(r.outcome.kind);
          if (r.outcome.kind === 'not-run') expect(r.outcome.reason).toMatch(/^(a fresh instance failed|module verdict: uninstantiable)/);
        } else for (const [op, n] of r.counts) executed.set(op, (executed.get(op) ?? 0) + n);
      }, { observe: true });
    }
    expect(kinds.get('values')!).toBeGreaterThan((kinds.get('trap') ?? 0) + (kinds.get('exception') ?? 0));
    expect(kinds.get('exception')).toBeGreaterThan(0);
    expect(OPCODES.filter((o) => o.feature !== undefined && !executed.has(o.name)).map((o) => o.name)).toEqual([]);
  });

  it('builds a driver for every case (its digest included) that the oracle validates: every exported signature travels through the plan', () => {
    let built = 0;
    for (const k of cases.slice(0, 250)) {
      const m = withDigest(k.module);
      if (whyNoDriver(m) !== undefined) continue;
      const invocations = driverInvocations(m, [...k.invocations, digestInvocation()]);
      for (const inv of invocations) expect(inv.resolved.ok, inv.resolved.ok ? '' : inv.resolved.reason).toBe(true);
      expect(() => validateModule(decodeModule(buildDriver(m, invocations), WASM_3_0), WASM_3_0)).not.toThrow();
      built++;
    }
    expect(built).toBeGreaterThan(200);
  });

  it('generates every instruction of the opcode table, 2.0 and 3.0, in 700 cases', () => {
    const seen = new Set<string>();
    for (const k of cases) for (const op of opcodesOf(k.module).keys()) seen.add(op);
    expect(OPCODES.map((o) => o.name).filter((n) => !seen.has(n))).toEqual([]);
  });

  it('uses rec groups, subtypes, several and 64-bit memories, 64-bit tables, tags and extended constants', () => {
    const all = cases.map((k) => k.module);
    expect(all.some((m) => m.recs?.some((r) => r.explicit && r.size > 1))).toBe(true);
    expect(all.some((m) => m.types.some((t) => (t.sub?.supers.length ?? 0) > 0))).toBe(true);
    expect(all.some((m) => m.types.some((t) => t.sub?.final === false))).toBe(true);
    expect(all.some((m) => m.mems.length > 1 && m.mems.some((mem) => mem.addr === 'i64'))).toBe(true);
    expect(all.some((m) => m.tables.some((t) => t.addr === 'i64'))).toBe(true);
    expect(all.some((m) => m.tags.length > 0)).toBe(true);
    expect(all.some((m) => m.globals.some((g) => g.init.some((i) => /^i(32|64)\.(add|sub|mul)$/.test(i.op))))).toBe(true);
    expect(all.some((m) => m.datas.some((d) => d.mode.kind === 'active' && d.mode.offset.length > 1))).toBe(true);
  });

  it('uses a feature only when its weight allows: none without weights, only the one weighed in alone', () => {
    for (const k of fc.sample(validModuleArb(), { numRuns: 150, seed: 31 })) expect(v3(featuresUsed(k.module))).toEqual([]);
    for (const f of FEATURES) {
      const used = fc.sample(validModuleArb({ features: { [f]: 1 } }), { numRuns: 60, seed: 32 }).map((k) => v3(featuresUsed(k.module)));
      for (const u of used) expect(u.filter((x) => x !== f), f).toEqual([]);
      expect(used.some((u) => u.includes(f)), f).toBe(true);
    }
  });

  it('never uses a feature of weight 0, whatever the stream says', () => {
    const none = fc.sample(validModuleArb({ features: { ...ALL_FEATURES, exceptions: 0 } }), { numRuns: 80, seed: 33 });
    expect(none.some((k) => featuresUsed(k.module).includes('exceptions'))).toBe(false);
  });
});
