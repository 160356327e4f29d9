// Executed-instruction counts (coverage.ts): exact per-mnemonic counts on
// modules with known control flow, and counting code that computes what the
// normal (fused) code computes.
import { describe, expect, it } from 'vitest';
import { Coverage, instantiate, invoke, parseWat, Trap, type ModuleInstance } from '../api.js';
import type { WasmFunc } from '../runtime/func.js';
import { Op } from './codes.js';
import { Num } from './ops.generated.js';
import { compiledOf } from './machine.js';

const i32 = (value: number) => ({ type: 'i32' as const, value });

const counted = (wat: string) => {
  const coverage = new Coverage();
  const inst = instantiate(parseWat(wat), new Map(), { coverage });
  return { coverage, inst };
};

describe('executed-opcode coverage', () => {
  const wat = `(module
    (func (export "flow") (result i32) (local $i i32)
      (if (i32.const 1) (then (nop)) (else (drop (i32.const 9))))
      (loop $again
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))
      (local.get $i))
    (func (export "trap") (result i32)
      (block (result i32)
        (drop (i32.const 1))
        (i32.div_u (i32.const 1) (i32.const 0))
        (i32.add (i32.const 7)))))`;

  it('counts an untaken else arm as nothing and a loop body once per iteration', () => {
    const { coverage, inst } = counted(wat);
    expect(invoke(inst, 'flow', []).values).toEqual([i32(3)]);
    expect(Object.fromEntries(coverage.counts())).toEqual({
      if: 1, nop: 1, loop: 1,
      'local.get': 7, 'i32.const': 7, 'i32.add': 3, 'local.set': 3, 'i32.lt_u': 3, br_if: 3,
    });
  });

  it('counts the trapping instruction and nothing after it', () => {
    const { coverage, inst } = counted(wat);
    expect(() => invoke(inst, 'trap', [])).toThrow(Trap);
    expect(Object.fromEntries(coverage.counts())).toEqual({ block: 1, 'i32.const': 3, drop: 1, 'i32.div_u': 1 });
  });

  it('counts the start function, calls, a taken else arm, br_table and no-op conversions', () => {
    const { coverage, inst } = counted(`(module
      (global $g (mut i32) (i32.const 0))
      (func $start (global.set $g (i32.const 2)))
      (start $start)
      (func $pick (param i32) (result i32)
        (block (block (br_table 0 1 (local.get 0))) (return (i32.const 10)))
        (i32.const 20))
      (func (export "go") (result i32)
        (if (result i32) (i32.wrap_i64 (i64.const 0))
          (then (i32.const 1))
          (else (i32.add (call $pick (i32.const 0)) (call $pick (global.get $g)))))))`);
    expect(Object.fromEntries(coverage.counts())).toEqual({ 'global.set': 1, 'i32.const': 1 });
    coverage.reset();
    expect(invoke(inst, 'go', []).values).toEqual([i32(30)]);
    expect(Object.fromEntries(coverage.counts())).toEqual({
      if: 1, 'i64.const': 1, 'i32.wrap_i64': 1, else: 1, 'i32.const': 3, 'global.get': 1, call: 2, 'i32.add': 1,
      block: 4, 'local.get': 2, br_table: 2, return: 1,
    });
  });

  it('compiles counting instances without fusion and leaves other instances fused', () => {
    const loop = `(module (func (export "sum") (param i32) (result i32) (local i32)
      (loop (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1)))`;
    const ops = (inst: ModuleInstance) => [...compiledOf(inst.funcs[0] as WasmFunc).code];
    const plain = instantiate(parseWat(loop));
    const { coverage, inst } = counted(loop);
    expect(invoke(plain, 'sum', [i32(100)]).values).toEqual(invoke(inst, 'sum', [i32(100)]).values);
    expect(ops(plain)).not.toContain(Op.Count);
    expect(ops(plain)).toContain(Num.I32AddLLSet);
    expect(ops(inst)).not.toContain(Num.I32AddLLSet);
    expect(coverage.counts().get('i32.sub')).toBe(100);
    expect(coverage.counts().get('local.tee')).toBe(100);
  });

  it('counts tail calls, throws and try_tables, and nothing after a throw', () => {
    const { coverage, inst } = counted(`(module
      (tag $e (param i32))
      (type $v2i (func (result i32)))
      (table funcref (elem $seven))
      (func $seven (result i32) (i32.const 7))
      (func $thrower (throw $e (i32.const 1)) (nop))
      (func $tail (result i32) (return_call_indirect (type $v2i) (i32.const 0)))
      (func (export "go") (result i32) (local $x exnref)
        (block $h (result i32 exnref)
          (try_table (catch_ref $e $h) (call $thrower) (nop))
          (unreachable))
        (local.set $x) (drop)
        (block $h2 (result exnref) (try_table (catch_all_ref $h2) (throw_ref (local.get $x))) (unreachable))
        (drop)
        (return_call $tail)))`);
    expect(invoke(inst, 'go', []).values).toEqual([i32(7)]);
    expect(Object.fromEntries(coverage.counts())).toEqual({
      block: 2, try_table: 2, call: 1, throw: 1, 'i32.const': 3, 'local.set': 1, drop: 2, 'local.get': 1,
      throw_ref: 1, return_call: 1, return_call_indirect: 1,
    });
  });

  it('sums into one Coverage shared by several instances', () => {
    const coverage = new Coverage();
    const m = parseWat(`(module (func (export "f") nop))`);
    const a = instantiate(m, new Map(), { coverage });
    const b = instantiate(m, new Map(), { coverage });
    invoke(a, 'f', []);
    invoke(b, 'f', []);
    expect(coverage.counts()).toEqual(new Map([['nop', 2]]));
  });
});
