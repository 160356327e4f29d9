import { describe, expect, it } from 'vitest';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';
import type { ArgValue, InvocationOutcome } from '../../adapters/plan.js';
import { allInstructionCases, instructionCases } from './instruction-cases.js';
import { opcodesOf } from './opcodes-of.js';
import { runOnOracle } from './oracle-run.js';

const MIN32 = 0x80000000;

/** The oracle's outcome for the invocation of `op`'s case whose arguments are `args`. */
function outcomeFor(op: string, args: ArgValue[]): InvocationOutcome {
  const k = instructionCases(op)[0]!;
  const i = k.invocations.findIndex((inv) => inv.export === 'op' && JSON.stringify(inv.args, big) === JSON.stringify(args, big));
  expect(i, `no invocation of ${op} with ${JSON.stringify(args, big)}`).toBeGreaterThanOrEqual(0);
  return runOnOracle({ bytes: k.bytes, invocations: [k.invocations[i]!] }).outcomes[0]!;
}

const big = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
const i32 = (n: number): ArgValue => ({ type: 'i32', bits: n >>> 0 });

describe('instruction cases', () => {
  const all = [...allInstructionCases()];

  it('has a case for every 2.0 instruction, which uses it', () => {
    const v2 = OPCODES.filter((o) => o.feature === undefined).map((o) => o.name);
    expect(v2.filter((n) => !all.some((k) => k.origin === `instr:${n}`))).toEqual([]);
    for (const k of all) {
      const op = k.origin.slice('instr:'.length);
      expect(opcodesOf(k.module).has(op), op).toBe(true);
      expect(() => validateModule(k.module), op).not.toThrow();
      expect(k.invocations.length, op).toBeGreaterThan(0);
    }
  });

  it('traps on i32.div_s by 0 and on MIN / -1, and divides otherwise', () => {
    expect(outcomeFor('i32.div_s', [i32(1), i32(0)])).toMatchObject({ kind: 'trap', trap: 'integer divide by zero' });
    expect(outcomeFor('i32.div_s', [i32(MIN32), i32(-1)])).toMatchObject({ kind: 'trap', trap: 'integer overflow' });
    expect(outcomeFor('i32.div_s', [i32(-1), i32(2)])).toMatchObject({ kind: 'values', values: [{ type: 'i32', bits: 0 }] });
  });

  it('traps on trunc of NaN and of the first value past the range', () => {
    expect(outcomeFor('i32.trunc_f32_s', [{ type: 'f32', bits: 0x7fc00000 }])).toMatchObject({ kind: 'trap', trap: 'invalid conversion to integer' });
    expect(outcomeFor('i32.trunc_f32_s', [{ type: 'f32', bits: 0x4f000000 }])).toMatchObject({ kind: 'trap', trap: 'integer overflow' });
    expect(outcomeFor('i32.trunc_f32_s', [{ type: 'f32', bits: 0x4effffff }])).toMatchObject({ kind: 'values' });
  });

  it('reaches out-of-bounds memory and table traps, and every call_indirect failure', () => {
    expect(outcomeFor('i64.load', [i32(65536 - 8)])).toMatchObject({ kind: 'values' });
    expect(outcomeFor('i64.load', [i32(65536 - 7)])).toMatchObject({ kind: 'trap', trap: 'out of bounds memory access' });
    expect(outcomeFor('call_indirect', [i32(0)])).toMatchObject({ kind: 'values', values: [{ type: 'i32', bits: 12 }] });
    expect(outcomeFor('call_indirect', [i32(1)])).toMatchObject({ kind: 'trap', trap: 'indirect call type mismatch' });
    expect(outcomeFor('call_indirect', [i32(2)])).toMatchObject({ kind: 'trap', trap: 'uninitialized element' });
    expect(outcomeFor('call_indirect', [i32(4)])).toMatchObject({ kind: 'trap', trap: 'undefined element' });
  });

  it('runs every case on the oracle without exhaustion or host errors', () => {
    const traps = new Map<string, number>();
    for (const k of all) {
      const { verdict, outcomes } = runOnOracle(k);
      expect(verdict.kind, k.origin).toBe('ok');
      for (const o of outcomes) {
        expect(['values', 'trap'], `${k.origin}: ${o.kind}`).toContain(o.kind);
        if (o.kind === 'trap') traps.set(o.trap, (traps.get(o.trap) ?? 0) + 1);
      }
    }
    for (const kind of ['integer divide by zero', 'integer overflow', 'invalid conversion to integer', 'out of bounds memory access', 'out of bounds table access', 'unreachable']) {
      expect(traps.get(kind), kind).toBeGreaterThan(0);
    }
  });
});
