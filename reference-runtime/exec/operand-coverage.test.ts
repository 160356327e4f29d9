// Operand coverage in counting mode (operand-coverage.ts): the class of each
// operand of each executed instruction with a signature, read off the stack
// as the instruction runs, traps included; and the counts of instructions
// stay what they were.
import { describe, expect, it } from 'vitest';
import { Coverage, instantiate, invoke, parseWat, Trap } from '../api.js';
import type { Value } from '../runtime/values.js';
import { allOperandKeys } from './operand-class.js';

const counted = (wat: string) => {
  const coverage = new Coverage();
  const inst = instantiate(parseWat(wat), new Map(), { coverage });
  return { coverage, inst };
};

const i32 = (value: number): Value => ({ type: 'i32', value });
const i64 = (value: bigint): Value => ({ type: 'i64', value });
const f32 = (bits: number): Value => ({ type: 'f32', bits });
const f64 = (bits: bigint): Value => ({ type: 'f64', bits });

describe('operand classes counted on the oracle', () => {
  it('classifies integer, float and count operands as they reach the instruction', () => {
    const { coverage, inst } = counted(`(module
      (func (export "shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
      (func (export "rotl") (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
      (func (export "near") (param f64) (result f64) (f64.nearest (local.get 0)))
      (func (export "min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1))))`);
    invoke(inst, 'shl', [i32(1), i32(32)]);
    invoke(inst, 'shl', [i32(-0x80000000), i32(40)]);
    invoke(inst, 'rotl', [i64(-1n), i64(63n)]);
    invoke(inst, 'near', [f64(0x4004000000000000n)]);
    invoke(inst, 'min', [f32(0x80000000), f32(0x7fc00000)]);
    expect(Object.fromEntries(coverage.operandCounts())).toEqual({
      'i32.shl 0 one': 1, 'i32.shl 1 width': 1, 'i32.shl 0 min': 1, 'i32.shl 1 width+1..2width': 1,
      'i64.rotl 0 minus-one': 1, 'i64.rotl 1 width-1': 1,
      'f64.nearest 0 half': 1,
      'f32.min 0 -0': 1, 'f32.min 1 canonical-nan': 1,
    });
    expect(coverage.counts().get('i32.shl')).toBe(2);
    expect(coverage.counts().get('local.get')).toBe(9);
  });

  it('classifies an access by where it falls in memory, the trapping one included', () => {
    const { coverage, inst } = counted(`(module (memory 1)
      (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
      (func (export "store") (param i32) (i64.store8 (local.get 0) (i64.const 0x100))))`);
    invoke(inst, 'load', [i32(65528)]); // 65532..65535: the last bytes
    invoke(inst, 'load', [i32(0)]);
    expect(() => invoke(inst, 'load', [i32(65530)])).toThrow(Trap);
    expect(() => invoke(inst, 'load', [i32(-1)])).toThrow(Trap);
    expect(() => invoke(inst, 'store', [i32(65536)])).toThrow(Trap);
    expect(Object.fromEntries(coverage.operandCounts())).toEqual({
      'i32.load 0 last': 1, 'i32.load 0 inside': 1, 'i32.load 0 straddle': 1, 'i32.load 0 wraps': 1,
      'i64.store8 0 at-end': 1, 'i64.store8 1 narrow-sign-edge': 1,
    });
  });

  it('classifies a bulk instruction by the memories it addresses: a 64-bit memory beside it, or a data index, changes nothing', () => {
    // memory 0 is 64-bit; the instructions on memory 1 (32-bit) have i32 operands, classified as such
    const beside = counted(`(module (memory i64 1) (memory 1) (data (i64.const 0) "ab") (data "cd")
      (func (export "f") (memory.fill 1 (i32.const 0) (i32.const 0) (i32.const 1)) (drop (memory.grow 1 (i32.const 0))) (memory.init 1 1 (i32.const 0) (i32.const 0) (i32.const 2))))`);
    invoke(beside.inst, 'f', []);
    const ops = (c: Coverage) => new Set([...c.operandCounts().keys()].map((k) => k.split(' ')[0]));
    expect([...ops(beside.coverage)].sort()).toEqual(['memory.fill', 'memory.grow', 'memory.init']);
    // memory.init of data segment 1 into memory 0 (32-bit), where memory 1 is 64-bit
    const data = counted(`(module (memory 1) (memory i64 1) (data (i32.const 0) "ab") (data "cd")
      (func (export "f") (memory.init 0 1 (i32.const 0) (i32.const 0) (i32.const 2))))`);
    invoke(data.inst, 'f', []);
    expect([...ops(data.coverage)]).toEqual(['memory.init']);
    // on the 64-bit memory: counted, without classes
    const wide = counted(`(module (memory i64 1) (func (export "f") (memory.fill (i64.const 0) (i32.const 0) (i64.const 1))))`);
    invoke(wide.inst, 'f', []);
    expect(wide.coverage.counts().get('memory.fill')).toBe(1);
    expect([...ops(wide.coverage)]).toEqual([]);
  });

  it('names every triple it counts among all the triples of the table', () => {
    const { coverage, inst } = counted(`(module (memory 1)
      (func (export "f") (result v128) (v128.bitselect (v128.const i32x4 0 0 0 0) (v128.const i32x4 -1 -1 -1 -1) (v128.load (i32.const 16)))))`);
    invoke(inst, 'f', []);
    const all = new Set(allOperandKeys());
    const keys = [...coverage.operandCounts().keys()];
    expect(keys.sort()).toEqual(['v128.bitselect 0 zero', 'v128.bitselect 1 all-ones', 'v128.bitselect 2 zero', 'v128.load 0 inside']);
    for (const k of keys) expect(all.has(k), k).toBe(true);
    expect(all.size).toBeGreaterThan(5000);
  });
});
