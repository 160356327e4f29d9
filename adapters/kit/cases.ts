// The conformance kit: plans whose outcomes are known, stated literally here
// (so the kit checks the oracle too) and checked against every adapter.
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import type { FeatureName } from '../adapter.js';
import type { ArgValue, Plan } from '../plan.js';
import { f32bits, f64bits, i32, i64, nullRef, v128 } from '../values.js';

export interface KitCase {
  name: string;
  plan: Plan;
  /** `ok`, `malformed`, `invalid`, ... (or several allowed, e.g. `malformed|rejected`). */
  verdict: string;
  /** describeOutcome() of each invocation. */
  expect: string[];
  timeoutMs?: number;
  /** a feature the case needs: an adapter that does not support it (as probed) skips the case, saying so */
  requires?: FeatureName;
}

export const wat = (text: string): Uint8Array => encodeModule(parseWat(text));
export const call = (name: string, ...args: ArgValue[]) => ({ export: name, args });

const VALUES = wat(`(module
  (func (export "i32") (param i32) (result i32) local.get 0)
  (func (export "i64") (param i64) (result i64) local.get 0)
  (func (export "f32") (param f32) (result f32) local.get 0)
  (func (export "f64") (param f64) (result f64) local.get 0)
  (func (export "neg64") (param f64) (result f64) local.get 0 f64.neg)
  (func (export "multi") (param i32 i64) (result i64 i32 f32) local.get 1 local.get 0 f32.const -0x1p-149)
  (func (export "refs") (param externref) (result externref funcref funcref) local.get 0 ref.null func ref.func 0)
  (func (export "none")))`);

// v128 apart, so that an engine without SIMD still runs every other value case
const VECTORS = wat(`(module
  (func (export "v128") (param v128) (result v128) local.get 0)
  (func (export "lanes") (result v128) v128.const f32x4 -0 nan:0x200000 0x1p-149 -inf))`);

const TRAPS = wat(`(module
  (memory 1) (table 2 funcref) (elem (i32.const 0) $t)
  (func $t (result i32) i32.const 1)
  (func (export "unreachable") unreachable)
  (func (export "div") (result i32) i32.const 1 i32.const 0 i32.div_s)
  (func (export "overflow") (result i32) i32.const 0x80000000 i32.const -1 i32.div_s)
  (func (export "conversion") (result i32) f32.const nan i32.trunc_f32_s)
  (func (export "memory") (result i32) i32.const 65534 i32.load)
  (func (export "table") (result funcref) i32.const 2 table.get 0)
  (func (export "undefined") (result i32) i32.const 5 call_indirect (result i32))
  (func (export "uninitialized") (result i32) i32.const 1 call_indirect (result i32))
  (func (export "mismatch") (result i64) i32.const 0 call_indirect (result i64))
  (func (export "ok") (result i32) i32.const 0 call_indirect (result i32)))`);

const STATE = wat(`(module (memory 1) (global $g (mut i32) (i32.const 0))
  (func (export "bump") (result i32) global.get $g i32.const 1 i32.add global.set $g global.get $g)
  (func (export "trap") unreachable)
  (func (export "loop") (loop br 0))
  (func $r (export "recurse") (param i64) (result i64) local.get 0 i64.const 1 i64.add call $r))`);

export const KIT: KitCase[] = [
  {
    name: 'integers: i32 and i64 extremes',
    plan: { module: VALUES, invocations: [call('i32', i32(-1)), call('i32', i32(0x80000000)), call('i64', i64(-(1n << 63n))), call('i64', i64((1n << 63n) - 1n)), call('i64', i64(-2n))] },
    verdict: 'ok',
    expect: ['values i32:ffffffff', 'values i32:80000000', 'values i64:8000000000000000', 'values i64:7fffffffffffffff', 'values i64:fffffffffffffffe'],
  },
  {
    name: 'floats: -0, NaN payloads (quiet and signalling), subnormals, infinities',
    plan: {
      module: VALUES,
      invocations: [
        call('f32', f32bits(0x80000000)),
        call('f32', f32bits(0x7fa00001)), // signalling NaN with a payload
        call('f32', f32bits(0xffc00123)), // negative quiet NaN
        call('f32', f32bits(0x00000001)), // smallest subnormal
        call('f64', f64bits(0x8000000000000000n)),
        call('f64', f64bits(0x7ff0000000000001n)), // signalling NaN
        call('f64', f64bits(0xfff8000000abcdefn)),
        call('f64', f64bits(0x000fffffffffffffn)), // largest subnormal
        call('neg64', f64bits(0x7ff4000000000000n)), // neg flips only the sign, payload kept
        call('f64', f64bits(0xfff0000000000000n)),
      ],
    },
    verdict: 'ok',
    expect: [
      'values f32:80000000', 'values f32:7fa00001', 'values f32:ffc00123', 'values f32:00000001',
      'values f64:8000000000000000', 'values f64:7ff0000000000001', 'values f64:fff8000000abcdef', 'values f64:000fffffffffffff',
      'values f64:fff4000000000000', 'values f64:fff0000000000000',
    ],
  },
  {
    name: 'v128 lanes: bytes pass through, float lanes keep -0, NaN payloads and subnormals',
    requires: 'simd',
    plan: {
      module: VECTORS,
      invocations: [call('v128', v128([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xff])), call('lanes')],
    },
    verdict: 'ok',
    expect: [
      'values v128:00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e ff',
      'values v128:00 00 00 80 00 00 a0 7f 01 00 00 00 00 00 80 ff',
    ],
  },
  {
    name: 'multi-value, references, no results',
    plan: {
      module: VALUES,
      invocations: [
        call('multi', i32(7), i64(-3n)),
        call('refs', nullRef('externref')),
        call('none'),
      ],
    },
    verdict: 'ok',
    expect: [
      'values i64:fffffffffffffffd i32:00000007 f32:80000001',
      'values externref:null funcref:null funcref:non-null',
      'values',
    ],
  },
  {
    name: 'every trap kind a 2.0 module can produce, each followed by a fresh instance',
    plan: {
      module: TRAPS,
      invocations: ['unreachable', 'div', 'overflow', 'conversion', 'memory', 'table', 'undefined', 'uninitialized', 'mismatch', 'ok'].map((n) => call(n)),
    },
    verdict: 'ok',
    expect: [
      'trap unreachable', 'trap integer divide by zero', 'trap integer overflow', 'trap invalid conversion to integer',
      'trap out of bounds memory access', 'trap out of bounds table access', 'trap undefined element', 'trap uninitialized element',
      'trap indirect call type mismatch', 'values i32:00000001',
    ],
  },
  {
    name: 'state carries between invocations, and a trap resets it (fresh instance)',
    plan: { module: STATE, invocations: [call('bump'), call('bump'), call('trap'), call('bump'), call('missing'), call('bump')] },
    verdict: 'ok',
    expect: ['values i32:00000001', 'values i32:00000002', 'trap unreachable', 'values i32:00000001', 'not-run', 'values i32:00000002'],
  },
  {
    name: 'deep recursion exhausts the stack, then the run goes on',
    plan: { module: STATE, invocations: [call('recurse', i64(0n)), call('bump')] },
    verdict: 'ok',
    expect: ['exhaustion', 'values i32:00000001'],
  },
  {
    name: 'an infinite loop times out, later invocations do not run',
    plan: { module: STATE, invocations: [call('bump'), call('loop'), call('bump')] },
    verdict: 'ok',
    expect: ['values i32:00000001', 'timeout', 'not-run'],
    timeoutMs: 1500,
  },
  {
    // memory.wast:262 tests this: exported linker symbols are just globals
    name: 'a module exporting __data_end, __stack_top and __heap_base keeps all of its memory',
    plan: {
      module: wat(`(module (memory (export "memory") 1 1)
        (global (export "__data_end") i32 (i32.const 10000)) (global (export "__stack_top") i32 (i32.const 10000))
        (global (export "__heap_base") i32 (i32.const 10000))
        (func (export "load") (param i32) (result i32) local.get 0 i32.load8_u))`),
      invocations: [call('load', i32(9999)), call('load', i32(20000))],
    },
    verdict: 'ok',
    expect: ['values i32:00000000', 'values i32:00000000'],
  },
  {
    name: 'a malformed module (bad magic)',
    plan: { module: Uint8Array.from([0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0]), invocations: [call('f')] },
    verdict: 'malformed',
    expect: ['not-run'],
  },
  {
    name: 'an invalid module (type mismatch)',
    plan: { module: wat(`(module (func (export "f") (result i32) i64.const 1))`), invocations: [call('f')] },
    verdict: 'invalid',
    expect: ['not-run'],
  },
  {
    // the driver appends functions and globals: judged on the driver, `call 1`
    // and `global.get 0` would reach them and the module would look valid
    name: 'an invalid module that a driver would make valid (call and global.get past the end)',
    plan: { module: wat(`(module (func (export "f") (result i32) call 1 global.get 0))`), invocations: [call('f')] },
    verdict: 'invalid',
    expect: ['not-run'],
  },
  {
    // no driver for a memory of 0 pages: the runtime judges the bare module (Wasmtime in wizer would not snapshot
    // data.drop or a mutable reference global)
    name: 'a valid module judged on its bare bytes (memory of 0 pages, data.drop, a mutable externref global)',
    plan: { module: wat(`(module (memory 0) (data "x") (global (mut externref) (ref.null extern)) (func (export "f") data.drop 0))`), invocations: [] },
    verdict: 'ok',
    expect: [],
  },
  {
    name: 'an unlinkable module (it imports something)',
    plan: { module: wat(`(module (import "env" "f" (func)) (func (export "f")))`), invocations: [call('f')] },
    verdict: 'unlinkable',
    expect: ['not-run'],
  },
  {
    name: 'an uninstantiable module (start traps)',
    plan: { module: wat(`(module (func $s unreachable) (start $s) (func (export "f")))`), invocations: [call('f')] },
    verdict: 'uninstantiable',
    expect: ['not-run'],
  },
];

/** Verdicts a runtime may give for a case, beyond the exact one. */
export function verdictAllowed(expected: string, got: string): boolean {
  // V8 and some runtimes cannot say whether a rejected binary was malformed or invalid
  return got === expected || (got === 'rejected' && (expected === 'malformed' || expected === 'invalid'));
}
