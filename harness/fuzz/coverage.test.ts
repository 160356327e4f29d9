import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';
import { addCounts, coverageSummary, showCoverage, showTrapConditions } from './coverage.js';
import { runReferencePlan, type Report } from '../../adapters/reference/reference-run.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/api.js';
import { i32 } from '../../adapters/values.js';

describe('opcode coverage', () => {
  it('takes executed counts from the oracle: a branch never taken does not count, a loop body counts per iteration', () => {
    const module = encodeModule(parseWat(`(module
      (func (export "f") (param i32) (result i32)
        (if (result i32) (local.get 0) (then (i32.const 1)) (else (f32.const 0) (drop) (i32.const 2))))
      (func (export "g") (local i32)
        (loop (br_if 0 (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 3))))))`));
    const reports: Report[] = [];
    runReferencePlan({ module, invocations: [{ export: 'f', args: [i32(1)] }, { export: 'g', args: [] }] }, (r) => reports.push(r), { observe: true });
    const last = reports.at(-1)!;
    expect(last.type).toBe('coverage');
    const counts = last.type === 'coverage' ? last.counts : new Map();
    expect(Object.fromEntries(counts)).toEqual({
      if: 1, 'local.get': 4, 'i32.const': 7, loop: 1, 'i32.add': 3, 'local.tee': 3, 'i32.ne': 3, br_if: 3,
    });
    const total = new Map([['if', 2]]);
    addCounts(total, counts);
    expect(total.get('if')).toBe(3);
    expect(total.get('i32.add')).toBe(3);
  });

  it('summarises against the whole opcode table (2.0 and 3.0), lists what is missing and the rarest', () => {
    const s = coverageSummary(new Map([['i32.add', 3], ['i32.sub', 1], ['nop', 9]]));
    expect(s.total).toBe(OPCODES.length);
    expect(s.executed).toBe(3);
    expect(s.instructions).toBe(13);
    expect(s.missing).not.toContain('i32.add');
    expect(s.missing).toContain('i32.mul');
    expect(s.rarest).toEqual([{ name: 'i32.sub', count: 1 }, { name: 'i32.add', count: 3 }, { name: 'nop', count: 9 }]);
    expect(showCoverage(s)).toMatch(new RegExp(`^coverage: 3 of ${OPCODES.length} opcodes executed on the oracle; missing: .*; 13 instructions executed, rarest: i32.sub 1, i32.add 3, nop 9$`));
  });

  it('records which trap condition fired at which instruction', () => {
    const module = encodeModule(parseWat(`(module (memory 1)
      (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "deep") (call 2)))`));
    const reports: Report[] = [];
    const inv = (name: string, ...args: ReturnType<typeof i32>[]) => ({ export: name, args });
    runReferencePlan({ module, invocations: [inv('div', i32(0)), inv('div', i32(2)), inv('load', i32(65534)), inv('load', i32(0)), inv('div', i32(0))] }, (r) => reports.push(r), { observe: true });
    const last = reports.at(-1)!;
    expect(last.type === 'coverage' && Object.fromEntries(last.traps)).toEqual({ 'i32.div_u integer divide by zero': 2, 'i32.load out of bounds memory access': 1 });
    expect(showTrapConditions(last.type === 'coverage' ? last.traps : new Map())).toBe('trap conditions: 2 (instruction, trap) pairs fired on the oracle, commonest: i32.div_u integer divide by zero 2, i32.load out of bounds memory access 1');
  });
});
