// Sampled instruction cases: many instructions per module, each on a few of
// its boundary argument lists and its own edges; valid, run to an end on the
// oracle, deterministic; and the edges are each instruction's own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { Choices } from './choices.js';
import { instructionSampleArb } from './instruction-sample.js';
import { opcodesOf } from './opcodes-of.js';
import { operandPair, operandValue } from './operand-values.js';
import { runOnOracle } from './oracle-run.js';

describe('sampled instruction cases', () => {
  const cases = fc.sample(instructionSampleArb(), { seed: 7, numRuns: 6 });

  it('test many instructions per module, validate, and run on the oracle without exhaustion or host errors', () => {
    for (const k of cases) {
      expect(() => validateModule(k.module)).not.toThrow();
      expect(opcodesOf(k.module).size).toBeGreaterThan(30);
      expect(k.invocations.length).toBeGreaterThan(100);
      const run = runOnOracle({ bytes: k.bytes, invocations: k.invocations });
      for (const o of run.outcomes) expect(['values', 'trap'], JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? String(v) : v))).toContain(o.kind);
    }
  });

  it('is deterministic for a seed', () => {
    const again = fc.sample(instructionSampleArb(), { seed: 7, numRuns: 6 });
    expect(again.map((k) => k.bytes)).toEqual(cases.map((k) => k.bytes));
  });
});

describe('operand values', () => {
  /** Every value a stream of choices draws for operand i of op, over many streams. */
  const drawn = (op: string, i: number, t: 'i32' | 'i64' | 'f32' | 'f64') =>
    new Set(Array.from({ length: 400 }, (_, k) => operandValue(new Choices([k * 7919 % 65536, k * 104729 % 65536, k, k * 31]), op, i, t)).map((v) => ('bits' in v ? String(v.bits) : '')));

  it("draws an instruction's own edges: 2^31 for i32.trunc_f32_s, counts 32 and 64 for shifts, INT_MIN and -1 for division", () => {
    expect(drawn('i32.trunc_f32_s', 0, 'f32')).toContain(String(0x4f000000));
    expect(drawn('i32.trunc_f32_u', 0, 'f32')).toContain(String(0xbf800000 + 1)); // just below -1: the first that traps
    expect(drawn('i32.shl', 1, 'i32')).toContain('32');
    expect(drawn('i64.rotl', 1, 'i64')).toContain('64');
    const div = drawn('i32.div_s', 1, 'i32');
    expect(div).toContain(String(0xffffffff));
    expect(div).toContain(String(0x80000000));
    expect(drawn('f64.nearest', 0, 'f64')).toContain(String(0x3fe0000000000000n)); // 0.5: a tie
  });

  it('pairs operands that interact: ±0, x and -x, INT_MIN and -1', () => {
    const pairs = Array.from({ length: 200 }, (_, k) => operandPair(new Choices([k, k * 13, k * 7, k * 3, k * 5]), 'f32.min', 'f32').map((v) => ('bits' in v ? Number(v.bits) : 0)));
    expect(pairs).toContainEqual([0, 0x80000000]);
    expect(pairs).toContainEqual([0x80000000, 0]);
    const ints = Array.from({ length: 200 }, (_, k) => operandPair(new Choices([k, k * 13, k * 7, k * 3, k * 5]), 'i32.rem_s', 'i32').map((v) => ('bits' in v ? Number(v.bits) : 0)));
    expect(ints).toContainEqual([0x80000000, 0xffffffff]);
    expect(ints.some(([a, b]) => a !== 0 && ((a! + b!) >>> 0) === 0)).toBe(true);
  });
});
