// Invocations that reach relaxed SIMD choices: re-run under every profile of
// the parameters reached, each from the state the call started in, and
// leaving the deterministic profile's state behind.
import { describe, expect, it } from 'vitest';
import { Trap, instantiate, invoke, parseWat, type Value } from '../api.js';
import { relaxedOutcomesOf } from './invoke.js';
import { relaxed } from './numerics/v128/relaxed-profile.js';

const i32 = (value: number): Value => ({ type: 'i32', value });
const ints = (vectors: Value[][]) => vectors.map((v) => v.map((x) => (x as { value: number }).value));

/** lane 0 of relaxed_swizzle(bytes 100..115, index 20): 0 (profile 0) or 104 (profile 1) */
const SWIZZLE_LANE0 = `(i8x16.extract_lane_u 0 (i8x16.relaxed_swizzle
  (v128.const i8x16 100 101 102 103 104 105 106 107 108 109 110 111 112 113 114 115) (v128.const i8x16 20 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))`;

describe('invoke with relaxed SIMD', () => {
  it('a call that reaches no relaxed choice has one alternative and no profiles', () => {
    const inst = instantiate(parseWat(`(module (func (export "f") (result i32)
      (i8x16.extract_lane_u 0 (i8x16.relaxed_swizzle (v128.const i64x2 7 0) (v128.const i64x2 0 0)))))`));
    const r = invoke(inst, 'f', []);
    expect(r.values).toEqual([i32(7)]);
    expect(r.alternatives).toEqual([[i32(7)]]);
    expect(r.profiles).toBeUndefined();
    expect(r.reasons).toEqual([]);
  });

  it('returns every distinct result vector, the deterministic one first', () => {
    const inst = instantiate(parseWat(`(module (func (export "f") (result i32) ${SWIZZLE_LANE0}))`));
    const r = invoke(inst, 'f', []);
    expect(r.values).toEqual([i32(0)]);
    expect(ints(r.alternatives)).toEqual([[0], [104]]);
    expect(r.profiles!.map((p) => p.profile)).toEqual([{}, { swizzle: 1 }]);
    expect(r.reasons).toEqual(['relaxed']);
    expect(r.nondeterministic).toBe(true);
  });

  it('min of a NaN: fmin, the NaN operand, or the other operand', () => {
    const inst = instantiate(parseWat(`(module (func (export "f") (result i32)
      (i32x4.extract_lane 0 (f32x4.relaxed_min (v128.const i32x4 0x7fa00001 0 0 0) (v128.const f32x4 1 0 0 0)))))`));
    const r = invoke(inst, 'f', []);
    expect(ints(r.alternatives)).toEqual([[0x7fe00001], [0x7fa00001], [0x3f800000]]);
    expect(r.profiles).toHaveLength(4);
    expect(r.reasons).toEqual(['nan', 'relaxed']);
  });

  it('each profile starts from the same state, and the deterministic profile’s state remains', () => {
    const inst = instantiate(parseWat(`(module (memory 1) (global $g (mut i32) (i32.const 0))
      (data $d "\\01\\02\\03\\04")
      (func (export "f") (result i32)
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (memory.init $d (i32.const 100) (i32.const 0) (i32.const 4))
        (data.drop $d)
        (drop (memory.grow (i32.const 1)))
        (i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) ${SWIZZLE_LANE0}))
        (i32.add (i32.load8_u (i32.const 0))
          (i32.add (i32.mul (global.get $g) (i32.const 1000)) (i32.mul (memory.size) (i32.const 100000)))))
      (func (export "state") (result i32)
        (i32.add (i32.load8_u (i32.const 0)) (i32.add (i32.mul (global.get $g) (i32.const 1000)) (i32.mul (memory.size) (i32.const 100000))))))`));
    const r = invoke(inst, 'f', []);
    // without the restore, the second run would see g = 1, two pages, a dropped segment (a trap)
    expect(ints(r.alternatives)).toEqual([[201000], [201104]]);
    expect(invoke(inst, 'state', []).values).toEqual([i32(201000)]);
    // the segment stays dropped: the next call traps under every profile
    expect(() => invoke(inst, 'f', [])).toThrow(Trap);
  });

  it('restores the state of an instance it calls into', () => {
    const counter = instantiate(parseWat(`(module (global $n (mut i32) (i32.const 0))
      (func (export "bump") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n))
      (func (export "get") (result i32) (global.get $n)))`));
    const user = instantiate(
      parseWat(`(module (import "c" "bump" (func $bump (result i32)))
        (func (export "f") (result i32) (i32.add (call $bump) ${SWIZZLE_LANE0})))`),
      new Map([['c', counter.exports]]),
    );
    expect(ints(invoke(user, 'f', []).alternatives)).toEqual([[1], [105]]);
    expect(invoke(counter, 'get', []).values).toEqual([i32(1)]);
  });

  it('reaches relaxed code through a shared table, once relaxed code has been seen', () => {
    const owner = instantiate(parseWat(`(module (table (export "t") 1 funcref) (elem (i32.const 0) $r)
      (func $r (export "r") (result i32) ${SWIZZLE_LANE0}))`));
    const caller = instantiate(
      parseWat(`(module (import "o" "t" (table 1 funcref)) (type $t (func (result i32)))
        (func (export "f") (result i32) (call_indirect (type $t) (i32.const 0))))`),
      new Map([['o', owner.exports]]),
    );
    // before any relaxed code was seen, only the imported functions are looked at: no re-run is possible
    relaxed.codeSeen = false;
    const blind = invoke(caller, 'f', []);
    expect(blind.alternatives).toEqual([[i32(0)]]);
    expect(blind.profiles).toBeUndefined();
    expect(blind.reasons).toEqual(['relaxed']);
    // the call compiled the relaxed function: from now on the table is walked
    expect(relaxed.codeSeen).toBe(true);
    expect(ints(invoke(caller, 'f', []).alternatives)).toEqual([[0], [104]]);
  });

  it('a profile that traps is an outcome of its own', () => {
    // lane 0 of relaxed_trunc_u(-1): 0, 2^32-1, 2^32-2 or 2^31; as an address only 0 is in bounds
    const inst = instantiate(parseWat(`(module (memory 1) (func (export "f") (result i32)
      (i32.load8_u (i32x4.extract_lane 0 (i32x4.relaxed_trunc_f32x4_u (v128.const f32x4 -1 0 0 0))))))`));
    const r = invoke(inst, 'f', []);
    expect(r.values).toEqual([i32(0)]);
    expect(r.alternatives).toEqual([[i32(0)]]);
    expect(r.profiles!.map((p) => p.error?.message ?? 'values')).toEqual(['values', ...Array(3).fill('out of bounds memory access')]);
    expect(r.reasons).toEqual(['relaxed']);
  });

  it('when the deterministic profile traps, the other profiles ride on the error', () => {
    const inst = instantiate(parseWat(`(module (func (export "f") (result i32)
      (if (i32.eqz ${SWIZZLE_LANE0}) (then unreachable)) (i32.const 1)))`));
    let thrown: unknown;
    try {
      invoke(inst, 'f', []);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Trap);
    expect(relaxedOutcomesOf(thrown)!.map((p) => p.values ?? p.error!.message)).toEqual(['unreachable', [i32(1)]]);
  });

  it('explores a choice that only another profile reaches', () => {
    // q15mulr(INT16_MIN, INT16_MIN) runs only when the swizzle gave 104
    const inst = instantiate(parseWat(`(module (func (export "f") (result i32)
      (if (result i32) (i32.eq ${SWIZZLE_LANE0} (i32.const 104))
        (then (i16x8.extract_lane_s 0 (i16x8.relaxed_q15mulr_s (v128.const i16x8 -32768 0 0 0 0 0 0 0) (v128.const i16x8 -32768 0 0 0 0 0 0 0))))
        (else (i32.const 5)))))`));
    const r = invoke(inst, 'f', []);
    expect(ints(r.alternatives)).toEqual([[5], [32767], [-32768]]);
    expect(r.profiles!.map((p) => p.profile)).toEqual([{}, { swizzle: 1 }, { iq15mulr: 1 }, { swizzle: 1, iq15mulr: 1 }]);
  });
});
