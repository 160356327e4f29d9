// Each injected instruction fault (fault-rewrites.ts) is a bug that shows only
// for some operands: on the operands that reveal it the faulty adapter's
// outcome differs from the reference's, on the others (traps included) it is
// the same. And the rewritten modules of generated cases stay valid, so that
// a fault never shows as a validation difference.
import { afterAll, describe, expect, it } from 'vitest';
import { FaultyAdapter } from './faulty.js';
import { injectFault, INSTR_FAULTS, type InstrFaultName } from './fault-rewrites.js';
import { ReferenceAdapter } from './reference/reference.js';
import { f32bits, f64bits, i32, i64 } from './values.js';
import type { ArgValue, RunOutcome } from './plan.js';
import { encodeModule } from '../reference-runtime/binary/encode.js';
import { parseWat } from '../reference-runtime/api.js';
import { validateModule } from '../reference-runtime/valid/validate.js';
import { funcTypeAt } from '../reference-runtime/valid/context.js';
import { generateCases } from '../harness/generate/index.js';
import { ALL_FEATURES } from '../harness/generate/features.js';

interface Example {
  /** the body of `f`, with its signature and any module fields before it */
  wat: string;
  shows: ArgValue[][];
  hides: ArgValue[][];
}

const binary = (t: string, op: string) => `(func (export "f") (param ${t} ${t}) (result ${t}) (${op} (local.get 0) (local.get 1)))`;
const unary = (t: string, r: string, op: string) => `(func (export "f") (param ${t}) (result ${r}) (${op} (local.get 0)))`;
const F32_NEG_ZERO = f32bits(0x80000000);
const F32_ONE = f32bits(0x3f800000);
const f64 = (x: number) => f64bits(new BigUint64Array(new Float64Array([x]).buffer)[0]!);

const EXAMPLES: Record<InstrFaultName, Example> = {
  'rem-sign': { wat: binary('i32', 'i32.rem_s'), shows: [[i32(7), i32(2)]], hides: [[i32(6), i32(3)], [i32(1), i32(0)]] },
  'f32-min-zero': { wat: binary('f32', 'f32.min'), shows: [[F32_NEG_ZERO, f32bits(0)]], hides: [[F32_ONE, f32bits(0x40000000)], [f32bits(0), f32bits(0)]] },
  'fill-no-trap': {
    wat: '(memory 1) (func (export "f") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))',
    shows: [[i32(65530), i32(7), i32(10)]],
    hides: [[i32(0), i32(7), i32(10)], [i32(65526), i32(7), i32(10)]],
  },
  'rotl-unmasked': { wat: binary('i32', 'i32.rotl'), shows: [[i32(1), i32(32)], [i32(5), i32(-1)]], hides: [[i32(1), i32(31)], [i32(0), i32(40)]] },
  'shr-s-mask31': { wat: binary('i64', 'i64.shr_s'), shows: [[i64(-1n << 60n), i64(40n)]], hides: [[i64(-1n << 60n), i64(8n)], [i64(-1n), i64(40n)]] },
  'trunc-edge': { wat: unary('f32', 'i32', 'i32.trunc_f32_s'), shows: [[f32bits(0x4f000000)]], hides: [[f32bits(0x4effffff)], [f32bits(0xcf000000)], [f32bits(0x4f000001)]] },
  'nearest-ties-away': { wat: unary('f64', 'f64', 'f64.nearest'), shows: [[f64(0.5)], [f64(2.5)], [f64(-0.5)]], hides: [[f64(1.5)], [f64(0.4)], [f64(-3.7)]] },
  'f64-min-nan': { wat: binary('f64', 'f64.min'), shows: [[f64(NaN), f64(1)], [f64(1), f64(NaN)]], hides: [[f64(1), f64(2)], [f64(-0), f64(0)]] },
  'copysign-sign-test': { wat: binary('f32', 'f32.copysign'), shows: [[F32_ONE, F32_NEG_ZERO], [F32_ONE, f32bits(0xffc00000)]], hides: [[F32_ONE, f32bits(0xbf800000)], [F32_ONE, f32bits(0)]] },
  'load-straddle': { wat: `(memory 1) ${unary('i32', 'i32', 'i32.load')}`, shows: [[i32(65533)]], hides: [[i32(65532)], [i32(65534)]] },
  'load8s-zext': { wat: `(memory 1) (data (i32.const 0) "\\ff\\01") ${unary('i32', 'i32', 'i32.load8_s')}`, shows: [[i32(0)]], hides: [[i32(1)], [i32(65536)]] },
  'copy-forward': {
    wat: '(memory 1) (data (i32.const 0) "\\01\\02\\03\\04") (func (export "f") (param i32 i32 i32) (result i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)) (i64.load (i32.const 0)))',
    shows: [[i32(1), i32(0), i32(3)]],
    hides: [[i32(0), i32(1), i32(3)], [i32(8), i32(0), i32(4)], [i32(65535), i32(0), i32(2)]],
  },
  'table-get-past': {
    wat: '(table 2 funcref) (func (export "f") (param i32) (result i32) (ref.is_null (table.get (local.get 0))))',
    shows: [[i32(2)]],
    hides: [[i32(1)], [i32(3)]],
  },
  'select-signed': {
    wat: '(func (export "f") (param i32 i32 i32) (result i32) (select (local.get 0) (local.get 1) (local.get 2)))',
    shows: [[i32(1), i32(2), i32(-1)]],
    hides: [[i32(1), i32(2), i32(1)], [i32(1), i32(2), i32(0)]],
  },
  'br-table-last': {
    wat: `(func (export "f") (param i32) (result i32)
      (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10))) (return (i32.const 11))) (i32.const 12))`,
    shows: [[i32(1)]],
    hides: [[i32(0)], [i32(2)], [i32(-1)]],
  },
  'extend16-zext': { wat: unary('i32', 'i32', 'i32.extend16_s'), shows: [[i32(0x8000)], [i32(0x18000)]], hides: [[i32(0x7fff)], [i32(0x17fff)]] },
};

const reference = new ReferenceAdapter();
afterAll(() => reference.close());

const show = (o: RunOutcome) => JSON.stringify([o.verdict, o.invocations], (_, v) => (typeof v === 'bigint' ? v.toString(16) : v instanceof Uint8Array ? [...v] : v));

describe('injected instruction faults', () => {
  it.each(Object.keys(INSTR_FAULTS) as InstrFaultName[])('%s shows on the operands that reveal it, and only there', async (fault) => {
    const { wat, shows, hides } = EXAMPLES[fault];
    const module = encodeModule(parseWat(`(module ${wat})`));
    const faulty = new FaultyAdapter(fault);
    try {
      for (const args of [...shows, ...hides]) {
        const plan = { module, invocations: [{ export: 'f', args }] };
        const [want, got] = [await reference.run(plan), await faulty.run(plan)];
        if (shows.includes(args)) expect(show(got), `${fault} on ${JSON.stringify(args, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`).not.toBe(show({ ...want, adapter: got.adapter }));
        else expect(show(got)).toBe(show({ ...want, adapter: got.adapter }));
      }
    } finally {
      await faulty.close();
    }
  });

  it('leaves the modules of generated cases valid', () => {
    const cases = generateCases(5, 150, { valid: 1, instruction: 1, mutated: 0, smith: 0 }, { features: ALL_FEATURES });
    const rewritten = new Map<string, number>();
    for (const [name, fault] of Object.entries(INSTR_FAULTS)) {
      for (const c of cases) {
        const m = c.module!;
        const r = injectFault(m, fault, (t) => funcTypeAt(m.types, t).params.length);
        if (r === undefined) continue;
        rewritten.set(name, (rewritten.get(name) ?? 0) + 1);
        expect(() => validateModule(r), `${name} on ${c.origin}`).not.toThrow();
      }
    }
    // every fault's instruction occurs in some of the cases, so that each rewrite was checked
    expect([...rewritten.keys()].sort()).toEqual(Object.keys(INSTR_FAULTS).sort());
  });
});
