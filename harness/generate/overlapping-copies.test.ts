// Overlapping copies, as issue 18 asks the generator for them: memory.copy
// and table.copy with the source below and above the destination, in
// generated modules and in the per-instruction cases, and a wrong copy shows
// in the result of the invocation that made it, whatever runs after it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { injectFault, INSTR_FAULTS } from '../../adapters/fault-rewrites.js';
import type { ArgValue, InvocationOutcome } from '../../adapters/plan.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import { funcTypeAt } from '../../reference-runtime/valid/context.js';
import { instructionCases } from './instruction-cases.js';
import { runOnOracle } from './oracle-run.js';
import { validModuleArb } from './valid-module.js';

const i32 = (n: number): ArgValue => ({ type: 'i32', bits: n >>> 0 });
const big = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** The constant operands of every copy in a body: [destination, source, length] where all three are constants. */
function constantCopies(body: readonly Instr[], op: 'memory.copy' | 'table.copy', out: number[][] = []): number[][] {
  body.forEach((ins, k) => {
    const ops = body.slice(k - 3, k);
    if (ins.op === op && (ins.index ?? 0) === (ins.index2 ?? 0) && k >= 3 && ops.every((o) => o.op === 'i32.const' || o.op === 'i64.const')) {
      out.push(ops.map((o) => Number(o.op === 'i32.const' ? o.i32 : o.i64)));
    }
    if (ins.body) constantCopies(ins.body, op, out);
    if (ins.elseBody) constantCopies(ins.elseBody, op, out);
  });
  return out;
}

describe('overlapping copies', () => {
  it('are generated in both directions, for memory and for tables', () => {
    const copies = { 'memory.copy': [] as number[][], 'table.copy': [] as number[][] };
    for (const k of fc.sample(validModuleArb(), { numRuns: 400, seed: 18 })) {
      for (const f of k.module.funcs) for (const op of ['memory.copy', 'table.copy'] as const) constantCopies(f.body, op, copies[op]);
    }
    for (const [op, cs] of Object.entries(copies)) {
      const overlapping = cs.filter(([d, s, n]) => d !== s && Math.abs(d! - s!) < n!);
      expect(overlapping.filter(([d, s]) => d! > s!).length, `${op} upwards`).toBeGreaterThan(2);
      expect(overlapping.filter(([d, s]) => d! < s!).length, `${op} downwards`).toBeGreaterThan(2);
    }
  });

  it('show a copy made in the wrong direction in their own result, even when a later invocation traps', () => {
    const k = instructionCases('memory.copy')[0]!;
    const at = (args: ArgValue[]) => k.invocations.findIndex((inv) => JSON.stringify(inv.args, big) === JSON.stringify(args, big));
    // the overlapping copy upwards, then one past the end of memory (a trap: the plan goes on with a fresh instance)
    const invocations = [k.invocations[at([i32(1), i32(0), i32(16)])]!, k.invocations[at([i32(65536), i32(0), i32(16)])]!];
    const forwards = injectFault(k.module, INSTR_FAULTS['copy-forward'], (t) => funcTypeAt(k.module.types, t).params.length)!;
    const right = runOnOracle({ bytes: k.bytes, invocations }).outcomes;
    const wrong = runOnOracle({ bytes: encodeModule(forwards), invocations }).outcomes;
    expect(right[1]).toMatchObject({ kind: 'trap', trap: 'out of bounds memory access' });
    expect(wrong[1]).toEqual(right[1]);
    expect(right[0]!.kind).toBe('values');
    expect(JSON.stringify(wrong[0], big)).not.toBe(JSON.stringify(right[0], big));
  });

  it('show which table entries a table.copy left null, either direction', () => {
    const k = instructionCases('table.copy')[0]!;
    const nulls = (args: number[]): InvocationOutcome => runOnOracle({ bytes: k.bytes, invocations: [{ export: 'op', args: args.map(i32) }] }).outcomes[0]!;
    // table 0 starts as [add, nop, null, null]: bit e set when entry e is null
    expect(nulls([1, 0, 3])).toMatchObject({ kind: 'values', values: [{ type: 'i32', bits: 0b1000 }] });
    expect(nulls([0, 1, 3])).toMatchObject({ kind: 'values', values: [{ type: 'i32', bits: 0b1110 }] });
    expect(nulls([0, 0, 0])).toMatchObject({ kind: 'values', values: [{ type: 'i32', bits: 0b1100 }] });
  });
});
