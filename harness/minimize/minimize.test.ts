// The minimiser on hand-written, generated-looking modules, with the
// reference interpreter (through its adapter, so that a candidate that loops
// forever times out) as the runtime. Each predicate stands for a divergence:
// a trap kind, a result value, and a runtime with an injected f32.min bug
// (simulated by rewriting the module, then running the oracle on it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invocation } from '../../adapters/plan.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { printModule } from '../../reference-runtime/text/print.js';
import { mapTree } from '../../reference-runtime/syntax/walk.js';
import { minimize, type MinCase, type MinimizeResult } from './minimize.js';
import { checked, fixture, outcomeText, reference, run, warmUp } from './oracle-case.js';
import { instructionCount, signatureOpcodes } from './size.js';

beforeAll(warmUp, 60_000);
afterAll(() => reference.close());

const i32 = (bits: number) => ({ type: 'i32' as const, bits: bits >>> 0 });
const f32 = (bits: number) => ({ type: 'f32' as const, bits });

/** The modules have no f32.min bug in the oracle; this rewrite plays the buggy runtime: min(a, b) = a < b ? a : b. */
function withBuggyMin(m: Module): Module {
  const typeIndex = m.types.length;
  const helper = m.funcs.length; // no imports in these modules
  const buggy: Instr[] = [
    { op: 'local.get', index: 0 },
    { op: 'local.get', index: 1 },
    { op: 'local.get', index: 0 },
    { op: 'local.get', index: 1 },
    { op: 'f32.lt' },
    { op: 'select' },
  ];
  const funcs = m.funcs.map((f) => ({ ...f, body: mapTree(f.body, (ins) => (ins.op === 'f32.min' ? { op: 'call', index: helper } : ins)) }));
  return { ...m, types: [...m.types, { params: ['f32', 'f32'], results: ['f32'] }], funcs: [...funcs, { type: typeIndex, locals: [], body: buggy }] };
}

interface Scenario {
  name: string;
  fixture: string;
  invocations: Invocation[];
  predicate: (c: MinCase) => Promise<boolean>;
}

const scenarios: Scenario[] = [
  {
    name: 'f traps with integer divide by zero',
    fixture: 'div-zero.wat',
    invocations: [
      { export: 'g', args: [] },
      { export: 'h', args: [{ type: 'f64', bits: 0x4000000000000000n }] },
      { export: 'f', args: [i32(10)] },
    ],
    predicate: async (c) => {
      const out = await run(c);
      return c.invocations.some((inv, k) => inv.export === 'f' && out.invocations[k]?.kind === 'trap' && outcomeText(out)[k] === 'trap integer divide by zero');
    },
  },
  {
    name: 'f returns 42',
    fixture: 'answer-42.wat',
    invocations: [
      { export: 'g', args: [] },
      { export: 'f', args: [] },
    ],
    predicate: async (c) => {
      const out = await run(c);
      return c.invocations.some((inv, k) => inv.export === 'f' && outcomeText(out)[k] === 'i32:0000002a');
    },
  },
  {
    name: 'a runtime with min(-0, +0) = +0 diverges from the oracle',
    fixture: 'f32-min.wat',
    invocations: [
      { export: 'other', args: [i32(5)] },
      { export: 'f', args: [f32(0x80000000), f32(0)] },
    ],
    // The same divergence, not any: both return values from "f", and they differ.
    predicate: async (c) => {
      const [oracle, buggy] = [await run(c), await run({ ...c, module: withBuggyMin(c.module) })];
      return c.invocations.some(
        (inv, k) => inv.export === 'f' && oracle.invocations[k]?.kind === 'values' && buggy.invocations[k]?.kind === 'values' && outcomeText(oracle)[k] !== outcomeText(buggy)[k],
      );
    },
  },
];

describe('minimize on the reference interpreter', () => {
  const results = new Map<string, MinimizeResult>();

  for (const s of scenarios) {
    it(`${s.name}: reduced to at most 5 instructions, predicate still holding, every candidate valid`, async () => {
      const input = { module: fixture(s.fixture), invocations: s.invocations };
      expect(await s.predicate(input)).toBe(true);
      const { pred, seen } = checked(s.predicate);
      const result = await minimize(input, pred);
      results.set(s.name, result);
      console.log(
        `${s.name}: ${instructionCount(input.module)} -> ${instructionCount(result.module)} instructions, ` +
          `${input.module.funcs.length} -> ${result.module.funcs.length} functions, ${result.tests} predicate calls, ` +
          `opcodes [${signatureOpcodes(result.module).join(' ')}]\n${printModule(result.module)}`,
      );
      expect(result.tests).toBe(seen.length);
      expect(result.complete).toBe(true);
      expect(await s.predicate(result)).toBe(true);
      expect(instructionCount(result.module)).toBeLessThanOrEqual(5);
      expect(result.invocations).toHaveLength(1);
      expect(result.steps.length).toBeGreaterThan(0);
    }, 120_000);
  }

  it('is deterministic: the same input and predicate give the same module, steps and test count', async () => {
    const s = scenarios[0]!;
    const first = results.get(s.name) ?? (await minimize({ module: fixture(s.fixture), invocations: s.invocations }, s.predicate));
    const again = await minimize({ module: fixture(s.fixture), invocations: s.invocations }, s.predicate);
    expect(printModule(again.module)).toBe(printModule(first.module));
    expect(again.steps).toEqual(first.steps);
    expect(again.tests).toBe(first.tests);
  }, 120_000);

  it('stops at maxTests and returns the best case so far, still failing', async () => {
    const s = scenarios[1]!;
    const input = { module: fixture(s.fixture), invocations: s.invocations };
    const result = await minimize(input, s.predicate, { maxTests: 5 });
    expect(result.tests).toBe(5);
    expect(result.complete).toBe(false);
    expect(await s.predicate(result)).toBe(true);
  }, 60_000);
});
