// The fused instructions against V8 (Node's own WebAssembly, an independent
// implementation): every i32 operator in every operand form the peephole pass
// produces, as a value and as a branch condition (plain, negated by i32.eqz,
// and as an `if`), on random operands including the edge values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeModule } from '../binary/encode.js';
import { instantiate, invoke, parseWat, type ModuleInstance } from '../api.js';
import { compiledOf } from './machine.js';
import type { WasmFunc } from '../runtime/func.js';
import { Op } from './codes.js';
import { NUM_CODES, Num } from './ops.generated.js';
import { Trap } from '../errors.js';

const ops = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u'];
const cmps = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const C = -7; // the constant operand of the C forms

/** One exported function per (operator, form); each takes (i32, i32) and returns i32. */
function forms(op: string): Record<string, string> {
  const o = `i32.${op}`;
  const s = '(i32.xor (local.get 0) (i32.const 0))'; // a value computed on the stack
  const f: Record<string, string> = {
    LL: `(${o} (local.get 0) (local.get 1))`,
    LC: `(${o} (local.get 0) (i32.const ${C}))`,
    SC: `(${o} ${s} (i32.const ${C}))`,
    SL: `(${o} ${s} (local.get 1))`,
    S: `(${o} ${s} (i32.add (local.get 1) (i32.const 0)))`,
  };
  if (cmps.includes(op)) {
    for (const [k, cond] of Object.entries({ ...f })) {
      f[`br_${k}`] = `(block (br_if 0 ${cond}) (return (i32.const 0))) (i32.const 1)`;
      f[`brnot_${k}`] = `(block (br_if 0 (i32.eqz ${cond})) (return (i32.const 0))) (i32.const 1)`;
      f[`if_${k}`] = `(if (result i32) ${cond} (then (i32.const 1)) (else (i32.const 0)))`;
    }
  }
  return f;
}

function moduleText(): { wat: string; names: string[] } {
  const names: string[] = [];
  const funcs: string[] = [];
  for (const op of [...ops, ...cmps]) {
    for (const [form, body] of Object.entries(forms(op))) {
      const name = `${op}_${form}`;
      names.push(name);
      funcs.push(`(func (export "${name}") (param i32 i32) (result i32) ${body})`);
    }
  }
  funcs.push(`(func (export "count") (param i32) (result i32) (local i32)
    (loop (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if 0 (i32.lt_s (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 0)) (i32.eqz) ))
    (local.get 1))`);
  return { wat: `(module ${funcs.join('\n')})`, names };
}

describe('fused instructions', async () => {
  const { wat, names } = moduleText();
  const module = parseWat(wat);
  const ours: ModuleInstance = instantiate(module);
  const { instance } = await (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, (...a: number[]) => number> } }> } }).WebAssembly.instantiate(encodeModule(module));

  it('the peephole pass emits fused forms for these functions', () => {
    const f = ours.exports.get('lt_u_br_LC');
    const code = compiledOf((f as { value: WasmFunc }).value).code;
    expect(code[0]).toBe(Num.I32LtULCBr);
  });

  const edge = fc.oneof(fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.constantFrom(0, 1, -1, C, 31, 32, 0x7fffffff, -0x80000000));
  it.each(names)('%s agrees with V8', (name) => {
    fc.assert(
      fc.property(edge, edge, (a, b) => {
        const got = invoke(ours, name, [
          { type: 'i32', value: a },
          { type: 'i32', value: b },
        ]).values[0];
        expect(got).toEqual({ type: 'i32', value: instance.exports[name]!(a, b) });
      }),
      { numRuns: 60 },
    );
  });

  it('a loop with a tee-and-compare exit runs the right number of times', () => {
    expect(invoke(ours, 'count', [{ type: 'i32', value: 10 }]).values[0]).toEqual({ type: 'i32', value: instance.exports.count!(10) });
  });
});

describe('fused loads and stores with local operands', async () => {
  const wat = `(module (memory 1)
    (func (export "store") (param i32 i32) (i32.store offset=3 (local.get 0) (local.get 1)))
    (func (export "load") (param i32 i32) (result i32) (i32.load offset=1 (local.get 0))))`;
  const module = parseWat(wat);
  const ours = instantiate(module);
  const { instance } = await (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, (...a: number[]) => number> } }> } }).WebAssembly.instantiate(encodeModule(module));

  it('compiles to the fused forms', () => {
    const code = (name: string) => compiledOf((ours.exports.get(name) as { value: WasmFunc }).value).code;
    expect(code('store')[0]).toBe(Op.Store32LL);
    expect(code('load')[0]).toBe(Op.Load32L);
  });

  it('agrees with V8 at aligned, unaligned and out-of-bounds addresses', () => {
    const outcome = (f: () => unknown): unknown => {
      try {
        return f();
      } catch (e) {
        return e instanceof Trap || e instanceof WebAssemblyRuntimeError() ? 'trap' : e;
      }
    };
    const addr = fc.oneof(fc.integer({ min: 0, max: 65540 }), fc.constantFrom(65532, 65533, 65535, -1, -4));
    fc.assert(
      fc.property(addr, fc.integer({ min: -0x80000000, max: 0x7fffffff }), (a, v) => {
        const args = [
          { type: 'i32' as const, value: a },
          { type: 'i32' as const, value: v },
        ];
        expect(outcome(() => invoke(ours, 'store', args).values.length)).toEqual(outcome(() => (instance.exports.store!(a, v), 0)));
        expect(outcome(() => (invoke(ours, 'load', args).values[0] as { value: number }).value)).toEqual(outcome(() => instance.exports.load!(a, v)));
      }),
      { numRuns: 300 },
    );
  });
});

/** V8's trap class, WebAssembly.RuntimeError. */
function WebAssemblyRuntimeError(): new () => Error {
  return (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly.RuntimeError;
}

describe('fused loop counters, indexed loads and add-into-local', async () => {
  // a counter loop stepping local 0 by `step` while it compares true with `bound`, at most 50 times
  const counters = (cmp: string, bound: number, step: number) => `(param i32 i32) (result i32) (local i32)
    (block (loop (local.set 2 (i32.add (local.get 2) (i32.const 1)))
      (br_if 1 (i32.gt_u (local.get 2) (i32.const 50)))
      (br_if 0 (i32.${cmp} (local.tee 0 (i32.add (local.get 0) (i32.const ${step}))) (i32.const ${bound})))))
    (i32.add (i32.mul (local.get 2) (i32.const 65536)) (local.get 0))`;
  const wat = `(module (memory 1)
    (func (export "ltu") ${counters('lt_u', 20, 3)})
    (func (export "lts") ${counters('lt_s', -0x7ffffff0, 7)})
    (func (export "ne") ${counters('ne', 0x7ffffffc, 1)})
    (func (export "down") ${counters('lt_u', 40, -5)})
    (func (export "load") (param i32 i32) (result i32) (i32.load offset=4 (i32.shl (local.get 0) (local.get 1))))
    (func (export "index") (param i32 i32) (result i32) (i32.load offset=65530 (i32.shl (local.get 0) (i32.const 2))))
    (func (export "index33") (param i32 i32) (result i32) (i32.load offset=1 (i32.shl (local.get 0) (i32.const 33))))
    (func (export "sum") (param i32 i32) (result i32) (local i32)
      (local.set 2 (i32.add (local.get 0) (i32.xor (i32.xor (local.get 1) (i32.const 0)) (i32.const 0)))) (local.get 2))
    (func (export "accumulate") (param i32 i32) (result i32)
      (local.set 0 (i32.add (local.get 0) (i32.load offset=8 (local.get 1)))) (local.get 0))
    (func (export "muladd") (param i32 i32) (result i32) (i32.add (i32.xor (local.get 0) (i32.const 0)) (i32.mul (local.get 0) (local.get 1))))
    (func (export "swapped") (param i32 i32) (result i32) (i32.eq (local.get 1) (i32.mul (local.get 0) (local.get 1))))
    (func (export "teeorder") (param i32 i32) (result i32) (i32.add (local.get 0) (local.tee 0 (i32.add (local.get 0) (i32.const 5))))))`;
  const module = parseWat(wat);
  const ours = instantiate(module);
  const { instance } = await (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, (...a: number[]) => number> } }> } }).WebAssembly.instantiate(encodeModule(module));
  const code = (name: string) => Array.from(compiledOf((ours.exports.get(name) as { value: WasmFunc }).value).code);

  it('compiles to the fused forms', () => {
    expect(code('ltu')).toContain(Num.I32AddLCSet_I32LtULCBr);
    expect(code('lts')).toContain(Num.I32AddLCSet_I32LtSLCBr);
    expect(code('ne')).toContain(Num.I32AddLCSet_I32NeLCBr);
    expect(code('index')[0]).toBe(Num.I32ShlLC);
    expect(code('sum')).toContain(Num.I32AddSet);
    expect(code('accumulate')).toContain(Num.I32AddSLSet);
    expect(code('swapped')).toContain(Num.I32EqSL);
    expect(code('muladd')).toContain(Num.I32MulLL_I32Add);
  });

  const outcome = (f: () => unknown): unknown => {
    try {
      return f();
    } catch (e) {
      return e instanceof Trap || e instanceof WebAssemblyRuntimeError() ? 'trap' : e;
    }
  };
  const edge = fc.oneof(fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.constantFrom(0, 1, -1, 2, 16383, 16384, 0x7ffffff8, -0x7ffffff8, 0x7fffffff, -0x80000000));
  it.each(['ltu', 'lts', 'ne', 'down', 'load', 'index', 'index33', 'sum', 'muladd', 'accumulate', 'swapped', 'teeorder'])('%s agrees with V8, traps included', (name) => {
    fc.assert(
      fc.property(edge, fc.oneof(edge, fc.integer({ min: 0, max: 40 })), (a, b) => {
        const args = [
          { type: 'i32' as const, value: a },
          { type: 'i32' as const, value: b },
        ];
        const got = outcome(() => (invoke(ours, name, args).values[0] as { value: number }).value);
        expect(got).toEqual(outcome(() => instance.exports[name]!(a, b)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('fused 64-bit forms', async () => {
  const s = (t: string, i: number) => `(${t}.xor (local.get ${i}) (${t}.const 0))`.replace('f64.xor', 'f64.add').replace('(f64.const 0)', '(f64.const -0)');
  const forms = (t: 'i64' | 'f64', op: string): Record<string, string> => ({
    LL: `(${t}.${op} (local.get 0) (local.get 1))`,
    SL: `(${t}.${op} ${s(t, 0)} (local.get 1))`,
    Set: `(local.set 2 (${t}.${op} ${s(t, 0)} ${s(t, 1)})) (local.get 2)`,
    Tee: `(${t}.add (local.tee 2 (${t}.${op} ${s(t, 0)} ${s(t, 1)})) (local.get 2))`,
  });
  const cases: [string, 'i64' | 'f64', string, string][] = [];
  for (const op of ['add', 'xor', 'mul', 'and', 'or']) for (const [k, body] of Object.entries(forms('i64', op))) if (op === 'add' || op === 'xor' || k === 'LL' || k === 'SL') cases.push([`i64_${op}_${k}`, 'i64', body, `I64${op[0]!.toUpperCase()}${op.slice(1)}${k === 'Set' || k === 'Tee' ? '' : k}${k === 'Set' || k === 'Tee' ? k : ''}`]);
  for (const op of ['add', 'mul']) for (const k of ['Set', 'Tee']) cases.push([`f64_${op}_${k}`, 'f64', forms('f64', op)[k]!, `F64${op[0]!.toUpperCase()}${op.slice(1)}${k}`]);
  const wat = `(module ${cases.map(([name, t, body]) => `(func (export "${name}") (param ${t} ${t}) (result ${t}) (local ${t}) ${body})`).join('\n')})`;
  const module = parseWat(wat);
  const ours = instantiate(module);
  const { instance } = await (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, (a: unknown, b: unknown) => unknown> } }> } }).WebAssembly.instantiate(encodeModule(module));
  const arb = { i64: fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(0n, 1n, -1n, -(2n ** 63n), 2n ** 63n - 1n)), f64: fc.double() };

  it.each(cases)('%s compiles to its fused form and agrees with V8', (name, t, _body, form) => {
    const code = Array.from(compiledOf((ours.exports.get(name) as { value: WasmFunc }).value).code);
    expect(code).toContain(NUM_CODES[form]);
    fc.assert(
      fc.property(arb[t] as fc.Arbitrary<number | bigint>, arb[t] as fc.Arbitrary<number | bigint>, (a, b) => {
        const toBits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0]!;
        const v = (x: number | bigint) => (t === 'i64' ? { type: 'i64' as const, value: x as bigint } : { type: 'f64' as const, bits: toBits(x as number) });
        const r = invoke(ours, name, [v(a), v(b)]).values[0]!;
        const got = r.type === 'f64' ? new Float64Array(new BigUint64Array([r.bits]).buffer)[0]! : (r as { value: bigint }).value;
        const want = instance.exports[name]!(a, b) as number | bigint;
        // a NaN result is one of a set (the NaN rule); V8's bits are its own
        if (typeof want === 'number' && Number.isNaN(want)) expect(Number.isNaN(got)).toBe(true);
        else expect(got).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });
});
