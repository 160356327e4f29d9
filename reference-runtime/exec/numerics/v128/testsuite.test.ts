// Cross-check against the official spec testsuite (simd_*.wast): every
// exported function whose body is `local.get 0 .. local.get n-1` followed by
// one vector instruction (with its lane or shuffle immediate, if any) is run
// through these numerics, and its assert_return commands are checked lane by
// lane, NaN lanes by class. wabt (wast2json, wasm2wat) only turns the scripts
// into JSON and readable bodies; it computes none of the results.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { suiteDir } from '../../../../harness/testsuite.js';
import { lanesOf } from './bigint-lanes.js';
import { extractLane, replaceLane, shuffle } from './lanes.js';
import { hasWabt, scalarOperand, singleOpCalls, type JsonValue as Value, type Resolve } from '../testsuite-single-ops.js';
import { V128_OPS } from './ops.js';

const dir = suiteDir('wasm-2.0');
const files = dir === undefined ? [] : readdirSync(dir).filter((f) => /^simd_.*\.wast$/.test(f));

type Fn = (...args: any[]) => any;

const laneBits: Record<string, number> = { i8: 8, i16: 16, i32: 32, i64: 64, f32: 32, f64: 64 };

function v128Of(v: Value): Uint8Array {
  const bits = laneBits[v.lane_type!]!;
  const r = new Uint8Array(16);
  (v.value as string[]).forEach((s, i) => {
    let x = BigInt(s);
    for (let b = 0; b < bits / 8; b++, x >>= 8n) r[(i * bits) / 8 + b] = Number(x & 0xffn);
  });
  return r;
}

const operand = (v: Value): unknown => (v.type === 'v128' ? v128Of(v) : scalarOperand(v));
const view = new DataView(new ArrayBuffer(8));

/** Does lane (or scalar) `bits` of a float type of width `w` match `expected` ("nan:canonical", "nan:arithmetic" or bits)? */
function matches(bits: bigint, expected: string, w: number): boolean {
  if (!expected.startsWith('nan:')) return bits === BigInt(expected);
  const quiet = w === 32 ? 0x7fc00000n : 0x7ff8000000000000n;
  const magnitude = bits & ((1n << BigInt(w - 1)) - 1n);
  return expected === 'nan:canonical' ? magnitude === quiet : (magnitude & quiet) === quiet && magnitude >= quiet;
}

function check(result: unknown, e: Value): boolean {
  if (e.type === 'v128') {
    const bits = laneBits[e.lane_type!]!;
    const lanes = lanesOf(result as Uint8Array, bits);
    return (e.value as string[]).every((s, i) => matches(lanes[i]!, s, bits));
  }
  if (e.type === 'f64') {
    view.setFloat64(0, result as number);
    return matches(view.getBigUint64(0), e.value as string, 64);
  }
  const w = e.type === 'i64' ? 64 : 32;
  return matches(BigInt.asUintN(w, BigInt(result as number | bigint)), e.value as string, w);
}

/** The function a single-instruction body computes, given its last line ("i8x16.extract_lane_s 3", ...). */
const vectorFunction: Resolve<Fn> = (line) => {
  const [op, ...imm] = line.split(' ');
  const plain = V128_OPS[op!];
  if (plain !== undefined && imm.length === 0) return { fn: plain, arity: plain.length };
  if (/\.extract_lane/.test(op!)) return { fn: (v) => extractLane(op!, v, Number(imm[0])), arity: 1 };
  if (/\.replace_lane$/.test(op!)) return { fn: (v, x) => replaceLane(op!, v, Number(imm[0]), x), arity: 2 };
  if (op === 'i8x16.shuffle') return { fn: (a, b) => shuffle(a, b, Uint8Array.from(imm.map(Number))), arity: 2 };
  return undefined;
};

describe('spec testsuite assertions on single vector instructions', () => {
  const work = mkdtempSync(join(tmpdir(), 'v128-suite-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let checked = 0;
  const seen = new Set<string>();

  for (const file of files) {
    it.skipIf(!hasWabt)(`${file} (skipped without wabt)`, () => {
      const failures: string[] = [];
      for (const { command: c, fn, mnemonic } of singleOpCalls(join(dir!, file), work, vectorFunction)) {
        if (c.type !== 'assert_return') continue;
        checked++;
        seen.add(mnemonic);
        // Operands go straight into the call: a plain JS array of doubles would
        // quiet signalling NaNs (V8 silences NaNs stored in double arrays).
        const [a, b, m] = c.action.args;
        const result =
          b === undefined ? fn(operand(a!)) : m === undefined ? fn(operand(a!), operand(b)) : fn(operand(a!), operand(b), operand(m));
        if (!check(result, c.expected![0]!)) {
          const shown = result instanceof Uint8Array ? `[${[...result].join(',')}]` : String(result);
          failures.push(`${c.action.field}(${JSON.stringify(c.action.args.map((a) => a.value))}) = ${shown}, expected ${JSON.stringify(c.expected![0]!.value)}`);
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
    });
  }

  it.skipIf(!hasWabt || files.length === 0)('checked a substantial number of assertions (skipped without wabt or the testsuite)', () => {
    expect(checked).toBeGreaterThan(20000);
    const unexercised = Object.keys(V128_OPS).filter((n) => !seen.has(n));
    console.log(`v128 numerics: ${checked} simd testsuite assertions checked, ${seen.size} instructions; not reached alone: ${unexercised.join(' ')}`);
    expect(unexercised.length).toBeLessThan(20);
  });
});
