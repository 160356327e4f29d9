// The projection of reference results (ref-projection.ts) has two
// implementations that must agree bit for bit: the oracle's (TypeScript, from
// reference values) and the driver's (generated wasm). Here the generated wasm
// runs on the reference interpreter itself (no runtime needed) and on every
// installed runtime that has GC; both must print exactly the oracle's
// projection. A test that needs an absent runtime skips, saying why.
import { afterAll, describe, expect, it } from 'vitest';
import { closedFuncType, decode, getMemory, hostFunction, instantiate, invoke, type ExternVal, type ModuleInstance } from '../../reference-runtime/api.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import type { Plan, ResultValue } from '../plan.js';
import { runReferencePlan } from '../reference/reference-run.js';
import { createAdapter } from '../registry.js';
import { resolveInvocation } from '../resolve.js';
import { showResult } from '../values.js';
import { buildDriver, WASI } from './build-driver.js';
import { readDriverOutput } from './read-output.js';
import { channelType, GC_KIND, SEED, PRIME } from './ref-projection.js';

const GC_MODULE = parseWat(`(module
  (type $p (sub (struct (field i32) (field (mut i64)))))
  (type $q (sub $p (struct (field i32) (field (mut i64)) (field (ref null $p)) (field i8) (field f64) (field v128) (field funcref))))
  (type $a (array (mut i16)))
  (type $ra (array (mut anyref)))
  (type $f (func (result i32)))
  (func $k (type $f) (i32.const 1))
  (elem declare func $k)
  (func (export "struct") (result (ref $p))
    (struct.new $q (i32.const -5) (i64.const 7) (struct.new $p (i32.const 1) (i64.const 2)) (i32.const 300) (f64.const -0.5)
      (v128.const i64x2 0x0102030405060708 0x1112131415161718) (ref.func $k)))
  (func (export "struct2") (result (ref $p))
    (struct.new $q (i32.const -5) (i64.const 7) (struct.new $p (i32.const 1) (i64.const 3)) (i32.const 300) (f64.const -0.5)
      (v128.const i64x2 0x0102030405060708 0x1112131415161718) (ref.func $k)))
  (func (export "super") (result (ref $p)) (struct.new $p (i32.const -5) (i64.const 7)))
  (func (export "array") (result arrayref) (array.new $a (i32.const 65535) (i32.const 20)))
  (func (export "i31") (result i31ref) (ref.i31 (i32.const -3)))
  (func (export "eq") (result eqref) (ref.i31 (i32.const 0x40000000)))
  (func (export "null") (result (ref null $p)) (ref.null none))
  (func (export "nullref") (result nullref) (ref.null none))
  (func (export "func") (result (ref $f)) (ref.func $k))
  (func (export "funcnull") (result (ref null $f)) (ref.null nofunc))
  (func (export "cycle") (result anyref) (local $x (ref $ra))
    (local.set $x (array.new $ra (ref.null none) (i32.const 3)))
    (array.set $ra (local.get $x) (i32.const 1) (local.get $x))
    (array.set $ra (local.get $x) (i32.const 2) (ref.i31 (i32.const 9)))
    (local.get $x))
  (func (export "two") (result i32 anyref) (i32.const 4) (ref.i31 (i32.const 4)))
)`);
const EXPORTS = ['struct', 'struct2', 'super', 'array', 'i31', 'eq', 'null', 'nullref', 'func', 'funcnull', 'cycle', 'two'];
const PLAN: Plan = { module: encodeModule(GC_MODULE), invocations: EXPORTS.map((e) => ({ export: e, args: [] })) };

function oracleValues(plan: Plan): (ResultValue[] | string)[] {
  const out: (ResultValue[] | string)[] = [];
  runReferencePlan(plan, (r) => {
    if (r.type === 'outcome') out[r.index] = r.outcome.kind === 'values' ? r.outcome.values : r.outcome.kind;
  });
  return out;
}

/** The driver run by the reference interpreter, its stdout read back as a runtime's would be. */
function driverOnReference(plan: Plan): (ResultValue[] | undefined)[] {
  const resolved = plan.invocations.map((inv) => resolveInvocation(GC_MODULE, inv));
  const driver = decode(buildDriver(GC_MODULE, plan.invocations.map((inv, i) => ({ resolved: resolved[i]!, args: inv.args }))));
  let text = '';
  let inst: ModuleInstance | undefined;
  const wasi = new Map<string, ExternVal>();
  for (const imp of driver.imports) {
    if (imp.module !== WASI || imp.desc.kind !== 'func') continue;
    const type = closedFuncType(driver, imp.desc.type);
    wasi.set(
      imp.name,
      hostFunction(type, (args) => {
        const mem = getMemory(inst!, 'memory');
        const view = new DataView(mem.buffer, mem.byteOffset);
        const iov = (args[1] as { value: number }).value;
        text += new TextDecoder().decode(mem.slice(view.getUint32(iov, true), view.getUint32(iov, true) + view.getUint32(iov + 4, true)));
        return type.results.map(() => ({ type: 'i32', value: 0 }) as const);
      }),
    );
  }
  inst = instantiate(driver, new Map([[WASI, wasi]]));
  invoke(inst, '_start', []);
  const out = readDriverOutput(text, (i) => (resolved[i]?.ok ? resolved[i].type.results.map((t) => channelType(GC_MODULE, t)) : undefined));
  expect(out.finished).toBe(true);
  return plan.invocations.map((_, i) => out.results.get(i));
}


const show = (vs: ResultValue[] | string | undefined): string => (typeof vs === 'string' || vs === undefined ? String(vs) : vs.map(showResult).join(' '));

describe('the GC projection', () => {
  const oracle = oracleValues(PLAN);

  it('is what the oracle computes from values: kinds, declared-type tests, i31 values, and digests that see contents', () => {
    const byName = Object.fromEntries(EXPORTS.map((e, i) => [e, oracle[i] as ResultValue[]]));
    const gc = (e: string, k = 0) => (byName[e]![k] as { gc?: { kind: number; test: boolean; digest: bigint } }).gc!;
    expect([gc('struct').kind, gc('array').kind, gc('i31').kind, gc('eq').kind, gc('null').kind, gc('cycle').kind]).toEqual([
      GC_KIND.struct, GC_KIND.array, GC_KIND.i31, GC_KIND.i31, GC_KIND.null, GC_KIND.array,
    ]);
    expect(EXPORTS.filter((e) => e !== 'func' && e !== 'funcnull').every((e) => gc(e, e === 'two' ? 1 : 0).test)).toBe(true);
    // i31: mix(mix(SEED, 1), -3 sign-extended)
    const mix = (h: bigint, x: bigint) => BigInt.asUintN(64, (h ^ BigInt.asUintN(64, x)) * PRIME);
    expect(gc('i31').digest).toBe(mix(mix(SEED, 1n), -3n));
    // a nested field two levels down changes the digest; a supertype instance with the same prefix differs by its type
    expect(gc('struct').digest).not.toBe(gc('struct2').digest);
    expect(gc('struct').digest).not.toBe(gc('super').digest);
    expect(show(byName['func'])).toBe('funcref:non-null');
    expect(show(byName['funcnull'])).toBe('funcref:null');
    expect(show(byName['two'])).toMatch(/^i32:00000004 anyref:i31 #/);
  });

  it('computed by the generated driver code (run on the reference interpreter) agrees bit for bit with the oracle', () => {
    const driver = driverOnReference(PLAN);
    expect(driver.map(show)).toEqual(oracle.map(show));
  });

  for (const id of ['v8-node22', 'v8-node24', 'wasmedge', 'wasmedge-jit']) {
    const adapter = createAdapter(id);
    describe(id, () => {
      afterAll(() => adapter?.close?.());
      it('prints the same projection as the oracle (skips when the runtime is absent or has no GC)', async (ctx) => {
        const a = await adapter?.available();
        if (adapter === undefined || a === undefined || !a.ok) return ctx.skip(`${id} is not available${a && !a.ok ? `: ${a.reason}` : ''}`);
        const out = await adapter.run(PLAN);
        if (out.verdict.kind !== 'ok') return ctx.skip(`${id} does not run GC modules: ${out.verdict.kind}`);
        expect(out.invocations.map((o) => show(o.kind === 'values' ? o.values : o.kind))).toEqual(oracle.map(show));
      }, 60_000);
    });
  }
});
