// Instantiation with the 3.0 additions: extended constant expressions, tags
// (imported first, then defined; matched by type), address types in import
// matching, 64-bit segment offsets and limits, and growth by u64 deltas.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LinkError, Trap, getGlobal, getMemory, instantiate, invoke, parseWat, type ExternVal, type ModuleInstance, type Value } from '../api.js';
import { growth, grownSize } from './growth.js';
import { TagInstance } from './tag.js';

const i32 = (value: number): Value => ({ type: 'i32', value });
const i64 = (value: bigint): Value => ({ type: 'i64', value });
const ns = (inst: ModuleInstance) => new Map([['m', inst.exports]]);

describe('extended constant expressions', () => {
  it('add, sub and mul wrap, and a global sees the globals before it', () => {
    const inst = instantiate(
      parseWat(`(module
        (global $a i32 (i32.const 0x7fff_ffff))
        (global $b (export "b") i32 (i32.add (global.get $a) (i32.const 1)))
        (global (export "c") i32 (i32.mul (global.get $b) (i32.sub (i32.const 3) (global.get $a))))
        (global $d i64 (i64.const 0x7fff_ffff_ffff_ffff))
        (global (export "e") i64 (i64.sub (i64.mul (global.get $d) (i64.const 2)) (i64.const -3))))`),
    );
    expect(getGlobal(inst, 'b')).toEqual(i32(-0x8000_0000));
    // (-2^31) * (3 - (2^31 - 1)) mod 2^32
    expect(getGlobal(inst, 'c')).toEqual(i32(0));
    expect(getGlobal(inst, 'e')).toEqual(i64(1n));
  });

  it('computes element and data offsets, i64 ones for 64-bit memories and tables', () => {
    const inst = instantiate(
      parseWat(`(module
        (global $base i64 (i64.const 0x100))
        (memory (export "m") i64 1)
        (table $t i64 8 funcref)
        (data (i64.add (global.get $base) (i64.mul (i64.const 2) (i64.const 8))) "xy")
        (elem (table $t) (i64.sub (i64.const 8) (i64.const 1)) func $f)
        (func $f (result i32) (i32.const 42))
        (func (export "call") (param i64) (result i32) (call_indirect $t (result i32) (local.get 0))))`),
    );
    expect(String.fromCharCode(...getMemory(inst, 'm').slice(0x110, 0x112))).toBe('xy');
    expect(invoke(inst, 'call', [i64(7n)]).values).toEqual([i32(42)]);
  });

  it('an i64 segment offset past the end traps, even when it would wrap', () => {
    const trap = (wat: string) => () => instantiate(parseWat(wat));
    expect(trap('(module (memory i64 1) (data (i64.const -1) "a"))')).toThrow(Trap);
    expect(trap('(module (memory i64 1) (data (i64.const 0x1_0000_0000) ""))')).toThrow('out of bounds memory access');
    expect(trap('(module (table i64 1 funcref) (elem (i64.const 2) func))')).toThrow('out of bounds table access');
  });
});

describe('tags', () => {
  const exporter = () =>
    instantiate(
      parseWat(`(module (tag (export "t0")) (tag (export "t1") (param i32))
        (func (export "f") (param i32)))`),
    );

  it('imported tags come first and keep their identity; defined tags get a fresh instance with their type', () => {
    const a = exporter();
    const b = instantiate(parseWat(`(module (import "m" "t1" (tag (param i32))) (tag (export "own") (param i64)) (export "again" (tag 0)))`), ns(a));
    expect(b.tags).toHaveLength(2);
    expect(b.tags[0]).toBe(a.exports.get('t1')!.value);
    expect(b.exports.get('again')!.value).toBe(a.exports.get('t1')!.value);
    const own = b.exports.get('own')!.value as TagInstance;
    expect(own).toBeInstanceOf(TagInstance);
    expect(own.type).toMatchObject({ params: ['i64'], results: [] });
    // two instantiations define different tags
    expect(exporter().exports.get('t0')!.value).not.toBe(a.exports.get('t0')!.value);
  });

  it('a tag import matches a tag of the same type only', () => {
    const a = exporter();
    const link = (wat: string) => () => instantiate(parseWat(wat), ns(a));
    expect(link('(module (import "m" "t0" (tag (param i32))))')).toThrow(/^incompatible import type/);
    expect(link('(module (import "m" "f" (tag (param i32))))')).toThrow(LinkError);
    expect(link('(module (import "m" "t1" (func (param i32))))')).toThrow(/^incompatible import type/);
    expect(link('(module (import "m" "t0" (tag)))')).not.toThrow();
  });
});

describe('address types at instantiation', () => {
  it('an import of a memory or table matches only the same address type', () => {
    const a = instantiate(parseWat('(module (memory (export "m32") 1) (memory (export "m64") i64 1) (table (export "t32") 1 funcref) (table (export "t64") i64 1 funcref))'));
    const link = (wat: string) => () => instantiate(parseWat(wat), ns(a));
    expect(link('(module (import "m" "m64" (memory i64 1)))')).not.toThrow();
    expect(link('(module (import "m" "m32" (memory i64 1)))')).toThrow(/^incompatible import type/);
    expect(link('(module (import "m" "m64" (memory 1)))')).toThrow(/^incompatible import type/);
    expect(link('(module (import "m" "t64" (table i64 1 funcref)))')).not.toThrow();
    expect(link('(module (import "m" "t32" (table i64 1 funcref)))')).toThrow(/^incompatible import type/);
    expect(link('(module (import "m" "t64" (table 1 funcref)))')).toThrow(/^incompatible import type/);
  });

  it('a 64-bit memory beyond what this runtime allocates is resource exhaustion, as a 32-bit one', () => {
    const kind = (wat: string) => {
      try {
        instantiate(parseWat(wat));
      } catch (e) {
        return e instanceof Trap ? e.kind : e;
      }
    };
    expect(kind('(module (memory i64 0x1_0000_0000_0000))')).toBe('resource exhausted');
    expect(kind('(module (table i64 0x1_0000_0000 funcref))')).toBe('resource exhausted');
  });

  it('keeps the address type of a memory that grew', () => {
    const a = instantiate(parseWat('(module (memory (export "m") i64 1) (func (export "g") (result i64) (memory.grow (i64.const 1))))'));
    invoke(a, 'g', []);
    const m = a.exports.get('m') as Extract<ExternVal, { kind: 'memory' }>;
    expect(m.value.type).toEqual({ limits: { min: 2 }, addr: 'i64' });
  });
});

describe('grownSize', () => {
  it('fails for certain beyond the maximum, by a counted choice beyond the runtime limit, and is exact for u64 deltas', () => {
    const specMax = 2n ** 64n - 1n;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.bigInt({ min: 0n, max: specMax }), fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }), (old, delta, max) => {
        const before = growth.choices;
        const got = grownSize(old, delta, max, specMax, 2000);
        const next = BigInt(old) + delta;
        const allowed = next <= specMax && (max === undefined || next <= BigInt(max));
        expect(growth.choices - before).toBe(allowed ? 1 : 0);
        expect(got).toBe(allowed && next <= 2000n ? Number(next) : -1);
      }),
    );
    // the sum past 2^64 - 1 is not rounded back within it
    expect(grownSize(1, specMax, undefined, specMax, 10)).toBe(-1);
  });
});
