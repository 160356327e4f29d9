// The whole minimiser on 3.0 spec suite modules, with a static predicate
// ("a chosen 3.0 instruction is still in a function body"), so that it runs
// without a runtime: whatever it removes (rec groups, functions, tags,
// memories, instructions) and however it edits bodies, every candidate it
// shows the predicate must be valid, and so must its result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import { minimize } from './minimize.js';
import { checked } from './oracle-case.js';
import { validity } from './reducer.js';
import { instructionCount, signatureOpcodes } from './size.js';
import { suiteModules } from './suite-modules.js';

/** Suite modules with 3.0 instructions in their function bodies, and those instructions. */
const cases = suiteModules()
  .map((s) => ({ ...s, ops: signatureOpcodes(s.module).filter((op) => opInfo(op)?.feature !== undefined) }))
  .filter((s) => s.ops.length > 0);

describe('minimize on 3.0 suite modules, keeping one 3.0 instruction', () => {
  it.skipIf(cases.length === 0)('every candidate and the result are valid, the instruction stays, nothing grows (skipped without the testsuite)', async () => {
    let reduced = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: cases.length - 1 }), fc.nat(), async (k, pick) => {
        const { where, module, ops } = cases[k]!;
        const op = ops[pick % ops.length]!;
        const { pred, seen } = checked(async (c) => signatureOpcodes(c.module).includes(op));
        const result = await minimize({ module, invocations: [] }, pred, { maxTests: 300, timeBudgetMs: 20_000 });
        expect(validity(result.module), `${where} keeping ${op}`).toBe('valid');
        expect(signatureOpcodes(result.module)).toContain(op);
        expect(instructionCount(result.module)).toBeLessThanOrEqual(instructionCount(module));
        expect(seen.length).toBe(result.tests);
        if (instructionCount(result.module) < instructionCount(module) || result.module.types.length < module.types.length) reduced++;
      }),
      { numRuns: 300 },
    );
    // not vacuous: most cases get smaller
    expect(reduced).toBeGreaterThan(150);
  }, 300_000);
});
