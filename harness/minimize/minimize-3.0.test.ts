// The minimiser on 3.0 modules (GC with rec groups and subtyping chains,
// tail calls, exceptions, multiple memories), with the reference
// interpreter as the runtime. Each predicate is divergence-shaped: an
// outcome of one export, and the instruction the divergence is about still
// in the module. Every candidate the predicate sees must validate under the
// 3.0 rules, and the result must be smaller, with the items it does not
// need gone: whole rec groups, tags, memories, tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invocation } from '../../adapters/plan.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { printModule } from '../../reference-runtime/text/print.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { minimize, type MinCase } from './minimize.js';
import { checked, fixture, outcomeOf, reference, warmUp } from './oracle-case.js';
import { instructionCount, signatureOpcodes } from './size.js';

beforeAll(warmUp, 60_000);
afterAll(() => reference.close());

interface Scenario {
  name: string;
  fixture: string;
  invocations: Invocation[];
  /** the export whose outcome is the divergence, that outcome, and the instruction it is about */
  export: string;
  outcome: string;
  keeps: string;
  /** per run, when candidates are expected to loop forever often (a tail recursion without its base case) */
  timeoutMs?: number;
  /** what the minimised module must have lost */
  expect: (m: Module) => void;
}

const i32 = (bits: number) => ({ type: 'i32' as const, bits: bits >>> 0 });
const i64 = (bits: bigint) => ({ type: 'i64' as const, bits });

const scenarios: Scenario[] = [
  {
    name: 'GC: a cast down a subtyping chain fails',
    fixture: 'gc-cast.wat',
    invocations: [
      { export: 'g', args: [] },
      { export: 'f', args: [] },
    ],
    export: 'f',
    outcome: 'trap cast failure',
    keeps: 'ref.cast',
    expect: (m) => {
      // The cast's target $circle, its declared supertype $shape and f's type; the rec group of three, $dot (a subtype of $circle), the unused group and $bytes are gone.
      expect(m.types.map((t) => [t.kind ?? 'func', t.sub?.supers ?? []])).toEqual([['struct', []], ['struct', [0]], ['func', []]]);
      expect(m.funcs).toHaveLength(1);
      expect(m.tables).toHaveLength(0);
      expect(m.globals).toHaveLength(0);
    },
  },
  {
    name: 'GC: array.copy inside a rec group of three',
    fixture: 'gc-array-copy.wat',
    invocations: [{ export: 'g', args: [] }],
    export: 'g',
    outcome: 'i32:00000005',
    keeps: 'array.copy',
    expect: (m) => {
      // array.copy names $words: its whole group stays, explicit and in order; the $point chain is gone, g's type stays.
      expect(m.recs).toEqual([{ size: 3, explicit: true }, { size: 1, explicit: false }]);
      expect(m.types.map((t) => t.kind ?? 'func')).toEqual(['array', 'array', 'struct', 'func']);
      expect(m.types.every((t) => (t.sub?.supers ?? []).length === 0)).toBe(true);
    },
  },
  {
    name: 'tail calls: factorial through return_call_indirect',
    fixture: 'tail-call.wat',
    invocations: [
      { export: 'parity', args: [i32(7)] },
      { export: 'f', args: [i64(5n)] },
    ],
    export: 'f',
    outcome: 'i64:0000000000000078',
    keeps: 'return_call_indirect',
    timeoutMs: 300,
    expect: (m) => {
      // $spare, $odd and the declaration of $odd are gone; $even stays, a table element the segment names.
      expect(m.tables).toHaveLength(1);
      expect(m.elems).toHaveLength(1);
      expect(m.funcs.length).toBeLessThanOrEqual(4);
    },
  },
  {
    name: 'exceptions: a payload caught by try_table',
    fixture: 'exceptions.wat',
    invocations: [
      { export: 'h', args: [] },
      { export: 'k', args: [] },
      { export: 'f', args: [i32(20)] },
    ],
    export: 'f',
    outcome: 'i32:0000002a',
    keeps: 'try_table',
    expect: (m) => {
      expect(m.tags).toHaveLength(1);
      expect(m.globals).toHaveLength(0);
    },
  },
  {
    name: 'multi-memory: memory.copy between the second and third memory',
    fixture: 'multi-memory.wat',
    invocations: [
      { export: 'g', args: [] },
      { export: 'f', args: [] },
    ],
    export: 'f',
    outcome: 'i32:0000002a',
    keeps: 'memory.copy',
    expect: (m) => {
      // The first memory and its data are gone: the third is now memory 1, the 64-bit one.
      expect(m.mems.map((x) => x.addr ?? 'i32')).toEqual(['i32', 'i64']);
      expect(m.datas.length).toBeLessThanOrEqual(1);
    },
  },
];

describe('minimize on 3.0 modules, on the reference interpreter', () => {
  for (const s of scenarios) {
    it(`${s.name}: smaller, valid, the outcome and ${s.keeps} kept`, async () => {
      const predicate = async (c: MinCase) => signatureOpcodes(c.module).includes(s.keeps) && (await outcomeOf(c, s.export, s.timeoutMs)) === s.outcome;
      const input = { module: fixture(s.fixture), invocations: s.invocations };
      expect(await predicate(input)).toBe(true);
      const { pred, seen } = checked(predicate);
      const result = await minimize(input, pred);
      const [before, after] = [instructionCount(input.module), instructionCount(result.module)];
      console.log(
        `${s.name}: ${before} -> ${after} instructions, ${input.module.types.length} -> ${result.module.types.length} types, ` +
          `${input.module.funcs.length} -> ${result.module.funcs.length} functions, ${result.tests} predicate calls\n${printModule(result.module)}`,
      );
      expect(result.tests).toBe(seen.length);
      expect(result.complete).toBe(true);
      validateModule(result.module);
      expect(await predicate(result)).toBe(true);
      expect(after).toBeLessThan(before);
      s.expect(result.module);
    }, 180_000);
  }
});
