// The conformance kit's cases for what Wasm 3.0 added, one feature each: an
// adapter that lacks the feature (as probed) skips the case, saying so. The
// expectations are literal, as in cases.ts; a GC reference's digest is the
// projection's hash (driver/ref-projection.ts) of the contents written here,
// so every engine with GC must print the same one.
import { i32, i64, nullRef } from '../values.js';
import { call, wat, type KitCase } from './cases.js';

// a million calls deep: without tail calls in constant space this exhausts any stack
const TAIL = wat(`(module
  (type $t (func (param i64) (result i64)))
  (table 1 funcref) (elem (i32.const 0) $indirect)
  (func $direct (export "direct") (param i64) (result i64)
    local.get 0 i64.eqz if (result i64) i64.const 42 else local.get 0 i64.const 1 i64.sub return_call $direct end)
  (func $indirect (export "indirect") (param i64) (result i64)
    local.get 0 i64.eqz if (result i64) i64.const 7 else local.get 0 i64.const 1 i64.sub i32.const 0 return_call_indirect (type $t) end))`);

const EXCEPTIONS = wat(`(module
  (tag $e (param i32))
  (tag $f)
  (func $throw (export "throw") (param i32) local.get 0 throw $e)
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $throw (local.get 0)))
      (i32.const -1)))
  (func (export "catch_all") (result i32)
    (block $h (try_table (catch_all $h) (throw $f)))
    (i32.const 9))
  (func (export "rethrow") (param i32) (result i32)
    (block $outer (result i32)
      (try_table (catch $e $outer)
        (block $h (result exnref)
          (try_table (catch_all_ref $h) (call $throw (local.get 0)))
          (unreachable))
        (throw_ref))
      (i32.const -1)))
  (func (export "throw_null") (throw_ref (ref.null exn))))`);

const MEMORY64 = wat(`(module (memory i64 1 2)
  (func (export "store") (param i64 i32) local.get 0 local.get 1 i32.store)
  (func (export "load") (param i64) (result i32) local.get 0 i32.load)
  (func (export "grow") (param i64) (result i64) local.get 0 memory.grow)
  (func (export "size") (result i64) memory.size))`);

const MULTI_MEMORY = wat(`(module (memory $a 1) (memory $b 1)
  (data (memory $b) (i32.const 0) "\\2a")
  (func (export "read_b") (param i32) (result i32) local.get 0 i32.load8_u $b)
  (func (export "read_a") (param i32) (result i32) local.get 0 i32.load8_u $a)
  (func (export "copy_b_to_a") i32.const 10 i32.const 0 i32.const 1 memory.copy $a $b)
  (func (export "grow_b") (result i32) i32.const 1 memory.grow $b)
  (func (export "size_a") (result i32) memory.size $a))`);

const EXTENDED_CONST = wat(`(module (memory 1)
  (global $g i64 (i64.add (i64.const 40) (i64.mul (i64.const 1) (i64.const 2))))
  (data (i32.sub (i32.add (i32.const 100) (i32.const 8)) (i32.const 4)) "\\07")
  (func (export "global") (result i64) global.get $g)
  (func (export "data") (result i32) i32.const 104 i32.load8_u))`);

const FUNCTION_REFERENCES = wat(`(module
  (type $t (func (param i32) (result i32)))
  (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func $dec (param i32) (result i32) local.get 0 i32.const 1 i32.sub)
  (elem declare func $inc $dec)
  (func (export "call") (param i32) (result i32) local.get 0 ref.func $inc call_ref $t)
  (func (export "call_null") (result i32) i32.const 0 ref.null $t call_ref $t)
  (func (export "as_non_null") ref.null $t ref.as_non_null drop)
  (func (export "br_on_null") (result i32) (block $l (br_on_null $l (ref.null $t)) (drop) (return (i32.const 1))) (i32.const 2))
  (func (export "ref") (result (ref $t)) ref.func $inc)
  (func (export "is_null") (param (ref null $t)) (result i32) (ref.is_null (local.get 0)))
  ;; 0: null, 1: $inc, else $dec; after an i64, so that the reference called through is the last result
  (func (export "pick") (param i32) (result i64 (ref null $t))
    (i64.const 7)
    (if (result (ref null $t)) (i32.eqz (local.get 0)) (then (ref.null $t))
      (else (select (result (ref null $t)) (ref.func $inc) (ref.func $dec) (i32.eq (local.get 0) (i32.const 1)))))))`);

const GC = wat(`(module
  (type $pt (struct (field i32) (field (mut i64))))
  (type $bytes (array (mut i8)))
  (func (export "struct") (result anyref) (struct.new $pt (i32.const 7) (i64.const -1)))
  (func (export "array") (result anyref) (array.new $bytes (i32.const 3) (i32.const 4)))
  (func (export "i31") (result anyref) (ref.i31 (i32.const 5)))
  (func (export "i31_get_s") (param i32) (result i32) (i31.get_s (ref.i31 (local.get 0))))
  (func (export "get") (result i64) (struct.get $pt 1 (struct.new $pt (i32.const 1) (i64.const 99))))
  (func (export "packed") (result i32) (array.get_s $bytes (array.new $bytes (i32.const 0xff) (i32.const 2)) (i32.const 1)))
  (func (export "test") (result i32) (ref.test (ref $pt) (struct.new $pt (i32.const 0) (i64.const 0))))
  (func (export "cast_fail") (result i32) (drop (ref.cast (ref $pt) (ref.i31 (i32.const 1)))) (i32.const 0))
  (func (export "array_oob") (result i32) (array.get_u $bytes (array.new_default $bytes (i32.const 2)) (i32.const 2)))
  (func (export "null_struct") (result i32) (struct.get $pt 0 (ref.null $pt)))
  (func (export "null_arg") (param (ref null $pt)) (result i32) (ref.is_null (local.get 0)))
  (func (export "null") (result anyref) (ref.null any)))`);

// inputs on which every relaxed choice the spec allows gives the same answer
const RELAXED_SIMD = wat(`(module
  (func (export "swizzle") (result v128)
    (i8x16.relaxed_swizzle (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (v128.const i8x16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0)))
  (func (export "madd") (result v128)
    (f32x4.relaxed_madd (v128.const f32x4 2 2 2 2) (v128.const f32x4 3 3 3 3) (v128.const f32x4 1 1 1 1)))
  (func (export "trunc") (result v128) (i32x4.relaxed_trunc_f32x4_s (v128.const f32x4 1.5 -2.5 100 -100)))
  (func (export "laneselect") (result v128)
    (i32x4.relaxed_laneselect (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8) (v128.const i32x4 -1 0 -1 0))))`);

export const KIT_3_0: KitCase[] = [
  {
    name: '3.0 tail calls: a million return_call and return_call_indirect in constant stack space',
    requires: 'tail-call',
    plan: { module: TAIL, invocations: [call('direct', i64(1_000_000n)), call('indirect', i64(1_000_000n))] },
    verdict: 'ok',
    expect: ['values i64:000000000000002a', 'values i64:0000000000000007'],
  },
  {
    name: '3.0 exceptions: try_table catches, catch_all_ref and throw_ref rethrow, an uncaught exception is its own outcome',
    requires: 'exceptions',
    plan: {
      module: EXCEPTIONS,
      invocations: [call('catch', i32(5)), call('throw', i32(3)), call('catch_all'), call('rethrow', i32(11)), call('throw_null'), call('catch', i32(6))],
    },
    verdict: 'ok',
    expect: ['values i32:00000005', 'exception', 'values i32:00000009', 'values i32:0000000b', 'trap null reference', 'values i32:00000006'],
  },
  {
    name: '3.0 memory64: i64 addresses, bounds past 4 GiB, memory.grow against the maximum',
    requires: 'memory64',
    plan: {
      module: MEMORY64,
      invocations: [
        call('store', i64(65532n), i32(0x12345678)), call('load', i64(65532n)), call('load', i64(0x1_0000_0000n)),
        call('size'), call('grow', i64(1n)), call('grow', i64(1n)), call('size'), call('load', i64(0x1fffcn)),
      ],
    },
    verdict: 'ok',
    expect: [
      'values', 'values i32:12345678', 'trap out of bounds memory access',
      'values i64:0000000000000001', 'values i64:0000000000000001', 'values i64:ffffffffffffffff', 'values i64:0000000000000002', 'values i32:00000000',
    ],
  },
  {
    name: '3.0 multi-memory: a data segment, a load, memory.copy and memory.grow on the second memory',
    requires: 'multi-memory',
    plan: {
      module: MULTI_MEMORY,
      invocations: [call('read_b', i32(0)), call('read_a', i32(10)), call('copy_b_to_a'), call('read_a', i32(10)), call('grow_b'), call('size_a')],
    },
    verdict: 'ok',
    expect: ['values i32:0000002a', 'values i32:00000000', 'values', 'values i32:0000002a', 'values i32:00000001', 'values i32:00000001'],
  },
  {
    name: '3.0 extended constants: add, sub and mul in a global initialiser and a data offset',
    requires: 'extended-const',
    plan: { module: EXTENDED_CONST, invocations: [call('global'), call('data')] },
    verdict: 'ok',
    expect: ['values i64:000000000000002a', 'values i32:00000007'],
  },
  {
    name: '3.0 typed function references: call_ref, null traps, br_on_null, a (ref $t) result, calls through a returned reference',
    requires: 'function-references',
    plan: {
      module: FUNCTION_REFERENCES,
      invocations: [
        call('call', i32(41)), call('call_null'), call('as_non_null'), call('br_on_null'), call('ref'),
        // the plan's call through the returned reference, on the driver's call_ref
        { ...call('pick', i32(1)), through: [i32(41)] }, { ...call('pick', i32(2)), through: [i32(41)] }, { ...call('pick', i32(0)), through: [i32(41)] },
        // a null of the concrete type as an argument
        call('is_null', nullRef('ref null 0')),
      ],
    },
    verdict: 'ok',
    expect: [
      'values i32:0000002a', 'trap null reference', 'trap null reference', 'values i32:00000002', 'values funcref:non-null',
      'values i64:0000000000000007 funcref:non-null i32:0000002a', 'values i64:0000000000000007 funcref:non-null i32:00000028', 'trap null reference',
      'values i32:00000001',
    ],
  },
  {
    name: '3.0 GC: struct, array and i31 results by projection, packed and i31 sign extension, casts, GC traps',
    requires: 'gc',
    plan: {
      module: GC,
      invocations: [
        call('struct'), call('array'), call('i31'), call('i31_get_s', i32(0x7fffffff)), call('get'), call('packed'), call('test'),
        call('cast_fail'), call('array_oob'), call('null_struct'), call('null'), call('null_arg', nullRef('ref null 0')),
      ],
    },
    verdict: 'ok',
    expect: [
      'values anyref:struct #7b92116fbab1530a', 'values anyref:array #9f026ffc293ba6b8', 'values anyref:i31 #082f1f07b4e887ab', 'values i32:ffffffff',
      'values i64:0000000000000063', 'values i32:ffffffff', 'values i32:00000001',
      'trap cast failure', 'trap out of bounds array access', 'trap null reference', 'values anyref:null #af63bd4c8601b7df', 'values i32:00000001',
    ],
  },
  {
    name: '3.0 relaxed SIMD: inputs on which every allowed choice agrees',
    requires: 'relaxed-simd',
    plan: { module: RELAXED_SIMD, invocations: [call('swizzle'), call('madd'), call('trunc'), call('laneselect')] },
    verdict: 'ok',
    expect: [
      'values v128:0f 0e 0d 0c 0b 0a 09 08 07 06 05 04 03 02 01 00',
      'values v128:00 00 e0 40 00 00 e0 40 00 00 e0 40 00 00 e0 40',
      'values v128:01 00 00 00 fe ff ff ff 64 00 00 00 9c ff ff ff',
      'values v128:01 00 00 00 06 00 00 00 03 00 00 00 08 00 00 00',
    ],
  },
];
