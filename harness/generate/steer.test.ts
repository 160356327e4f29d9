// Coverage feedback (steer.ts): a steered value is of a class not covered
// yet, and cases generated with a steer cover more of what earlier cases
// missed than the same cases generated without one (measured on the oracle's
// own operand counts, the generic pipeline: nothing here names a class or
// an instruction to aim at).
import { describe, expect, it } from 'vitest';
import { runReferencePlan, type Report } from '../../adapters/reference/reference-run.js';
import { allOperandKeys, CLASSES, f32Class, i32Class, operandKey } from '../../reference-runtime/exec/operand-class.js';
import { Choices } from './choices.js';
import { generateCases, type MixedCase } from './generate-cases.js';
import { OperandSteer, steeredValue } from './steer.js';

/** The (instruction, operand, class) triples the oracle executes for these cases. */
function triples(cases: readonly MixedCase[]): Set<string> {
  const seen = new Set<string>();
  for (const c of cases) {
    const reports: Report[] = [];
    runReferencePlan({ module: c.bytes, invocations: c.invocations }, (r) => reports.push(r), { observe: true });
    const last = reports.at(-1);
    if (last?.type === 'coverage') for (const k of last.operands.keys()) seen.add(k);
  }
  return seen;
}

describe('steering toward uncovered operand classes', () => {
  it('draws a value of a class not covered yet, and nothing once all are covered', () => {
    const all = allOperandKeys();
    const shl = new Set(all.filter((k) => !k.startsWith('i32.shl 1 ')).concat(all.filter((k) => k.startsWith('i32.shl 1 ') && !k.endsWith(' width'))));
    for (let n = 0; n < 50; n++) {
      const c = new Choices([n * 7919 % 65536, n * 104729 % 65536, n]);
      const v = steeredValue(c, new OperandSteer(shl), 'i32.shl', 1, 'i32');
      expect(v?.type).toBe('i32');
      expect(CLASSES.i32[i32Class(v!.type === 'i32' ? v!.bits | 0 : NaN)]).toBe('width');
    }
    const mins = new Set(all.filter((k) => k !== operandKey('f32.min', 0, 1)));
    const f = steeredValue(new Choices([5, 9]), new OperandSteer(mins), 'f32.min', 0, 'f32');
    expect(f?.type === 'f32' && CLASSES.f32[f32Class(f.bits)]).toBe('-0');
    expect(steeredValue(new Choices([5, 9]), new OperandSteer(new Set(all)), 'i32.add', 0, 'i32')).toBeUndefined();
  });

  it('covers more of what earlier cases missed than the same cases unsteered', () => {
    // the steer takes half of what 40 cases missed as covered (every other key, nothing chosen by name): the rest is its target
    const before = triples(generateCases(11, 40));
    const missed = allOperandKeys().filter((k) => !before.has(k));
    const target = missed.filter((_, i) => i % 2 === 0);
    const steer = new OperandSteer(new Set([...before, ...missed.filter((_, i) => i % 2 === 1)]));
    const hits = (s: Set<string>) => target.filter((k) => s.has(k)).length;
    const steered = hits(triples(generateCases(12, 40, undefined, { steer })));
    const plain = hits(triples(generateCases(12, 40)));
    console.log(`of ${target.length} operand triples targeted, 40 cases covered ${steered} steered, ${plain} unsteered`);
    expect(steered).toBeGreaterThan(plain * 1.2);
  }, 120_000);
});
