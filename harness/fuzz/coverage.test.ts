import { describe, expect, it } from 'vitest';
import { parseWat } from '../../reference-runtime/api.js';
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';
import { countExecuted, coverageSummary, showCoverage } from './coverage.js';

describe('opcode coverage', () => {
  it('counts the entered functions and their direct callees, not the functions never entered', () => {
    const m = parseWat(`(module
      (func $entered (result i32) (call $callee) (i32.add (i32.const 1) (i32.const 2)))
      (func $callee (drop (i64.const 0)))
      (func $never (drop (f32.const 0))))`);
    const counts = new Map<string, number>();
    countExecuted(m, [0], counts);
    expect(Object.fromEntries(counts)).toEqual({ call: 1, 'i32.add': 1, 'i32.const': 2, drop: 1, 'i64.const': 1 });
  });

  it('summarises against the 2.0 opcode table and lists what is missing', () => {
    const s = coverageSummary(new Map([['i32.add', 3]]));
    expect(s.total).toBe(OPCODES.length);
    expect(s.executed).toBe(1);
    expect(s.missing).not.toContain('i32.add');
    expect(s.missing).toContain('i32.sub');
    expect(showCoverage(s)).toMatch(new RegExp(`^coverage: 1 of ${OPCODES.length} opcodes executed on the oracle; missing: `));
  });
});
