// Relaxed SIMD in generated modules is judged against the oracle's allowed
// set: every result vector one of the spec's relaxed profiles gives passes,
// a vector outside the set is a divergence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvocationOutcome, ResultValue, RunOutcome } from '../../adapters/plan.js';
import { compareRun } from '../compare/compare.js';
import { runReferenceHere, type OracleOutcome } from '../../adapters/reference/reference-run.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import { forEachInstr } from '../../reference-runtime/syntax/walk.js';
import type { GeneratedCase } from './generated-case.js';
import { RELAXED_TYPE } from './relaxed-funcs.js';
import { validModuleArb } from './valid-module.js';

const cases = fc.sample(validModuleArb({ features: { 'relaxed-simd': 1 } }), { numRuns: 200, seed: 40 });

/** The oracle's outcome for a case, as the fuzz loop gets it (synchronously here). */
const oracleOutcome = (k: GeneratedCase): OracleOutcome => runReferenceHere({ module: k.bytes, invocations: k.invocations }, { observe: true });

const hex = (vs: readonly ResultValue[]) => vs.map((v) => ('bytes' in v ? Buffer.from(v.bytes).toString('hex') : JSON.stringify(v))).join(' ');

describe('relaxed SIMD in generated modules', () => {
  it('keeps relaxed instructions in pure functions of their own: no state, no calls, no traps', () => {
    let relaxedFuncs = 0;
    for (const k of cases) {
      for (const f of k.module.funcs) {
        const ops: string[] = [];
        forEachInstr(f.body, (i) => ops.push(i.op));
        const relaxed = ops.some((op) => opInfo(op)?.feature === 'relaxed-simd');
        if (!relaxed) continue;
        relaxedFuncs++;
        expect(k.module.types[f.type]).toEqual(RELAXED_TYPE);
        for (const op of ops) expect(op === 'local.get' || op.endsWith('.const') || (opInfo(op)?.sig?.endsWith('>v') && !/load|store/.test(op)), op).toBe(true);
      }
    }
    expect(relaxedFuncs).toBeGreaterThan(20);
  });

  it('accepts each result vector of the oracle allowed set and flags one outside it', () => {
    let judged = 0;
    for (const k of cases) {
      const o = oracleOutcome(k);
      o.notes.forEach((note, i) => {
        const alts = note.alternatives ?? [];
        if (alts.length < 2 || (note.reasons ?? []).includes('nan')) return;
        const primary = o.run.invocations[i] as Extract<InvocationOutcome, { kind: 'values' }>;
        const withResult = (values: ResultValue[]): RunOutcome => ({ ...o.run, adapter: 'x', invocations: o.run.invocations.map((x, j) => (j === i ? { kind: 'values', values } : x)) });
        for (const alt of alts) {
          const c = compareRun(o, withResult(alt));
          expect(c.divergences, hex(alt)).toEqual([]);
          if (hex(alt) !== hex(primary.values)) expect(c.allowed.map((a) => a.rule)).toContain('relaxed-choice');
        }
        // a vector no profile gives: the primary with one byte changed
        const outside = primary.values.map((v) => ('bytes' in v ? { ...v, bytes: v.bytes.map((b, n) => (n === 0 ? b ^ 0x5a : b)) } : v));
        if (alts.some((a) => hex(a) === hex(outside))) return;
        expect(compareRun(o, withResult(outside)).divergences[0]?.kind).toBe('wrong-result');
        judged++;
      });
    }
    expect(judged).toBeGreaterThan(5);
  });
});
