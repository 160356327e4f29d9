import { describe, expect, it } from 'vitest';
import { OPCODES, signature } from '../../syntax/opcodes.js';
import { CONVERSIONS, F32, F64, I32, I64, NUMERIC_OPS, nondeterminism } from './index.js';

/** The scalar numeric instructions of the shared opcode table: typed by signature alone, no immediates, no memory. */
const scalarNumeric = OPCODES.filter((o) => /^[if](32|64)\./.test(o.name) && o.imm === 'none' && o.sig !== undefined);

describe('NUMERIC_OPS dispatch table', () => {
  it('has exactly one function per scalar numeric instruction of the opcode table', () => {
    expect(scalarNumeric.length).toBe(136) // 0x45..0xc4 (128) and the eight trunc_sat (0xfc 0..7);
    expect(Object.keys(NUMERIC_OPS).sort()).toEqual(scalarNumeric.map((o) => o.name).sort());
  });

  it('each function takes as many operands as the instruction pops', () => {
    for (const o of scalarNumeric) expect([o.name, NUMERIC_OPS[o.name]!.length]).toEqual([o.name, signature(o)!.params.length]);
  });

  it('per-type tables are keyed by full mnemonic', () => {
    expect(I32['i32.add']!(1, 2)).toBe(3);
    expect(I64['i64.add']!(1n, 2n)).toBe(3n);
    expect(F32['f32.add']!(0x3f800000, 0x3f800000)).toBe(0x40000000);
    expect(F64['f64.div']!(1, 4)).toBe(0.25);
    expect(CONVERSIONS['i32.wrap_i64']!(0x1_0000_0005n)).toBe(5);
    expect(CONVERSIONS['i64.extend32_s']!(0xffffffffn)).toBe(-1n);
  });

  it('results have the representation of the result type', () => {
    const samples: Record<string, number | bigint> = { i32: 7, i64: 7n, f32: 0x40e00000, f64: 7 };
    for (const o of scalarNumeric) {
      const sig = signature(o)!;
      let r: number | bigint;
      try {
        r = NUMERIC_OPS[o.name]!(...sig.params.map((t) => samples[t]));
      } catch {
        continue;
      }
      const want = sig.results[0] === 'i64' ? 'bigint' : 'number';
      expect([o.name, typeof r]).toEqual([o.name, want]);
      if (sig.results[0] === 'i32' || sig.results[0] === 'f32') expect([o.name, (r as number) | 0]).toEqual([o.name, r]);
    }
  });

  it('counts nondeterministic NaN choices only on NaN results', () => {
    const before = nondeterminism.nans;
    NUMERIC_OPS['f64.add']!(1, 2);
    NUMERIC_OPS['f32.mul']!(0x3f800000, 0x3f800000);
    expect(nondeterminism.nans).toBe(before);
    NUMERIC_OPS['f64.sqrt']!(-1);
    NUMERIC_OPS['f32.div']!(0, 0);
    NUMERIC_OPS['f32.demote_f64']!(NaN);
    expect(nondeterminism.nans).toBe(before + 3);
  });
});
