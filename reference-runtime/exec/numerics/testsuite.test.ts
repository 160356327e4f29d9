// Cross-check against the official spec testsuite: every exported function of
// a testsuite module whose body is `local.get 0 .. local.get n-1` followed by
// a single numeric instruction is run through NUMERIC_OPS, and its
// assert_return and assert_trap commands are checked (testsuite-single-ops.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { suiteDir } from '../../../harness/testsuite.js';
import { Trap } from '../../errors.js';
import { NUMERIC_OPS, type NumericOp } from './index.js';
import { hasWabt, scalarOperand as operand, singleOpCalls, type Resolve } from './testsuite-single-ops.js';

const dir = suiteDir('wasm-2.0');
const FILES = ['i32', 'i64', 'f32', 'f64', 'f32_bitwise', 'f64_bitwise', 'f32_cmp', 'f64_cmp', 'conversions', 'float_misc',
  'float_exprs', 'float_literals', 'int_exprs', 'int_literals', 'traps'];

const view = new DataView(new ArrayBuffer(8));
const f64Bits = (x: number): bigint => (view.setFloat64(0, x), view.getBigUint64(0));

/** The result as unsigned bits, the form the JSON uses, or its NaN class when it is a NaN. */
function describeResult(type: string, r: number | bigint, expected: string): string {
  const bits = type === 'f64' ? f64Bits(r as number) : BigInt.asUintN(type === 'i64' ? 64 : 32, BigInt(r));
  if (!expected.startsWith('nan:')) return bits.toString();
  const [quiet, canonical] = type === 'f32' ? [0x7fc00000n, 0x7fc00000n] : [0x7ff8000000000000n, 0x7ff8000000000000n];
  const magnitude = bits & (type === 'f32' ? 0x7fffffffn : 0x7fffffffffffffffn);
  if (magnitude === canonical) return 'nan:canonical';
  return (bits & quiet) === quiet && expected === 'nan:arithmetic' ? 'nan:arithmetic' : `bits ${bits.toString(16)}`;
}

const numericOp: Resolve<NumericOp> = (line) => {
  const op = NUMERIC_OPS[line];
  return op === undefined ? undefined : { fn: op, arity: op.length };
};

describe('spec testsuite assertions on single numeric instructions', () => {
  const work = mkdtempSync(join(tmpdir(), 'numerics-suite-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let checked = 0;

  for (const name of FILES) {
    it.skipIf(!hasWabt || dir === undefined)(`${name}.wast (skipped without wabt or the testsuite)`, () => {
      const failures: string[] = [];
      for (const { command: c, fn: op } of singleOpCalls(join(dir!, `${name}.wast`), work, numericOp)) {
        if (c.type !== 'assert_return' && c.type !== 'assert_trap') continue;
        // Operands go straight into the call: a plain JS array of doubles would
        // quiet signaling NaNs (V8 silences NaNs stored in double arrays).
        const [a, b] = c.action.args;
        const where = `${c.action.field}(${c.action.args.map((a) => a.value).join(', ')})`;
        checked++;
        try {
          const r = b === undefined ? op(operand(a!)) : op(operand(a!), operand(b));
          if (c.type === 'assert_trap') failures.push(`${where}: returned ${String(r)}, expected trap ${c.text}`);
          else {
            const e = c.expected![0]!;
            const got = describeResult(e.type, r, e.value as string);
            if (got !== e.value) failures.push(`${where}: got ${got}, expected ${e.value}`);
          }
        } catch (err) {
          if (!(err instanceof Trap)) throw err;
          if (c.type !== 'assert_trap' || !err.message.startsWith(c.text!)) failures.push(`${where}: trapped ${err.message}`);
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }

  it.skipIf(!hasWabt || dir === undefined)('checked a substantial number of assertions (skipped without wabt)', () => {
    expect(checked).toBeGreaterThan(10000);
    console.log(`numerics: ${checked} testsuite assertions checked`);
  });
});
