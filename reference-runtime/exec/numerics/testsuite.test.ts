// Cross-check against the official spec testsuite: every exported function of
// a testsuite module whose body is `local.get 0 .. local.get n-1` followed by a
// single numeric instruction is run through NUMERIC_OPS, and its assert_return
// and assert_trap commands are checked. wabt (wast2json, wasm2wat) only turns
// the scripts into JSON and readable bodies; it computes none of the results.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { suiteDir } from '../../../harness/testsuite.js';
import { Trap } from '../../errors.js';
import { NUMERIC_OPS, type NumericOp } from './index.js';

const hasWabt = spawnSync('wast2json', ['--version']).status === 0 && spawnSync('wasm2wat', ['--version']).status === 0;
const dir = suiteDir('wasm-2.0');
const FILES = ['i32', 'i64', 'f32', 'f64', 'f32_bitwise', 'f64_bitwise', 'f32_cmp', 'f64_cmp', 'conversions', 'float_misc',
  'float_exprs', 'float_literals', 'int_exprs', 'int_literals', 'traps'];

interface Value {
  type: string;
  value: string;
}
interface Command {
  type: string;
  filename?: string;
  action?: { type: string; field: string; args: Value[] };
  expected?: Value[];
  text?: string;
}

const view = new DataView(new ArrayBuffer(8));
const f64FromBits = (b: bigint): number => (view.setBigUint64(0, b), view.getFloat64(0));
const f64Bits = (x: number): bigint => (view.setFloat64(0, x), view.getBigUint64(0));

function operand(v: Value): number | bigint {
  const bits = BigInt(v.value);
  if (v.type === 'i32' || v.type === 'f32') return Number(BigInt.asIntN(32, bits));
  if (v.type === 'i64') return BigInt.asIntN(64, bits);
  if (v.type === 'f64') return f64FromBits(bits);
  throw new Error(`unexpected operand type ${v.type}`);
}

/** The result as unsigned bits, the form the JSON uses, or its NaN class when it is a NaN. */
function describeResult(type: string, r: number | bigint, expected: string): string {
  const bits = type === 'f64' ? f64Bits(r as number) : BigInt.asUintN(type === 'i64' ? 64 : 32, BigInt(r));
  if (!expected.startsWith('nan:')) return bits.toString();
  const [quiet, canonical] = type === 'f32' ? [0x7fc00000n, 0x7fc00000n] : [0x7ff8000000000000n, 0x7ff8000000000000n];
  const magnitude = bits & (type === 'f32' ? 0x7fffffffn : 0x7fffffffffffffffn);
  if (magnitude === canonical) return 'nan:canonical';
  return (bits & quiet) === quiet && expected === 'nan:arithmetic' ? 'nan:arithmetic' : `bits ${bits.toString(16)}`;
}

/** Export name -> numeric op, for the exports whose body is exactly one numeric instruction on the parameters. */
function singleOpExports(wasm: string): Map<string, NumericOp> {
  const wat = spawnSync('wasm2wat', ['--no-check', wasm], { encoding: 'utf8' }).stdout;
  const funcs = new Map<string, NumericOp>();
  const exports = new Map<string, NumericOp>();
  for (const field of wat.split('\n  (')) {
    const func = /^func \(;(\d+);\)[^\n]*\n([\s\S]*)$/.exec(field);
    if (func) {
      const body = func[2]!.split('\n').map((l) => l.trim().replace(/\)+$/, ''));
      const op = NUMERIC_OPS[body.at(-1)!];
      if (op !== undefined && body.slice(0, -1).every((l, i) => l === `local.get ${i}`) && body.length - 1 === op.length) {
        funcs.set(func[1]!, op);
      }
    }
    const exp = /^export "([^"]*)" \(func (\d+)\)/.exec(field);
    if (exp && funcs.has(exp[2]!)) exports.set(exp[1]!, funcs.get(exp[2]!)!);
  }
  return exports;
}

describe('spec testsuite assertions on single numeric instructions', () => {
  const work = mkdtempSync(join(tmpdir(), 'numerics-suite-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let checked = 0;

  for (const name of FILES) {
    it.skipIf(!hasWabt || dir === undefined)(`${name}.wast (skipped without wabt or the testsuite)`, () => {
      const json = join(work, `${name}.json`);
      const run = spawnSync('wast2json', ['--no-check', join(dir!, `${name}.wast`), '-o', json]);
      expect(run.status).toBe(0);
      const commands = (JSON.parse(readFileSync(json, 'utf8')) as { commands: Command[] }).commands;
      let exports = new Map<string, NumericOp>();
      const failures: string[] = [];
      for (const c of commands) {
        if (c.type === 'module') exports = singleOpExports(join(work, basename(c.filename!)));
        const op = c.action?.type === 'invoke' ? exports.get(c.action.field) : undefined;
        if (op === undefined || (c.type !== 'assert_return' && c.type !== 'assert_trap')) continue;
        // Operands go straight into the call: a plain JS array of doubles would
        // quiet signaling NaNs (V8 silences NaNs stored in double arrays).
        const [a, b] = c.action!.args;
        const where = `${c.action!.field}(${c.action!.args.map((a) => a.value).join(', ')})`;
        checked++;
        try {
          const r = b === undefined ? op(operand(a!)) : op(operand(a!), operand(b));
          if (c.type === 'assert_trap') failures.push(`${where}: returned ${String(r)}, expected trap ${c.text}`);
          else {
            const e = c.expected![0]!;
            const got = describeResult(e.type, r, e.value);
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
