// Bulk memory and table instructions on several memories and tables and on
// 64-bit ones (bulk.ts): bounds against BigInt arithmetic (a range [d, d+n)
// fits exactly when d + n <= length, however large d and n are), copies
// between an i32 and an i64 memory or table (an i32 length), grow and size
// with i64 operands and results.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trap, getMemory, getTable, instantiate, invoke, parseWat, type Value } from '../api.js';

const U64 = 2n ** 64n;
const i32 = (value: number): Value => ({ type: 'i32', value });
const i64 = (value: bigint): Value => ({ type: 'i64', value: BigInt.asIntN(64, value) });

/** An address or length operand near the boundaries of a small memory or table, or anywhere in u64. */
const operand = (len: bigint) =>
  fc.oneof(fc.constantFrom(0n, 1n, len - 1n, len, len + 1n, 2n ** 32n, 2n ** 53n + 1n, U64 - len, U64 - 1n), fc.bigInt({ min: 0n, max: len + 4n }), fc.bigInt({ min: 0n, max: U64 - 1n }));

function trapOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof Trap) return e.message;
    throw e;
  }
}

describe('bulk memory on a 64-bit memory', () => {
  const inst = instantiate(
    parseWat(`(module (memory (export "m") i64 1)
      (data $d "abcdefgh")
      (func (export "fill") (param i64 i64) (memory.fill (local.get 0) (i32.const 0x5a) (local.get 1)))
      (func (export "copy") (param i64 i64 i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
      (func (export "init") (param i64 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2))))`),
  );
  const bytes = getMemory(inst, 'm');
  const LEN = BigInt(bytes.length);

  it('fill traps exactly when d + n > length, writing nothing then', () => {
    fc.assert(
      fc.property(operand(LEN), operand(LEN), (d, n) => {
        bytes.fill(0);
        const trap = trapOf(() => invoke(inst, 'fill', [i64(d), i64(n)]));
        if (d + n > LEN) {
          expect(trap).toBe('out of bounds memory access');
          expect(bytes.every((b) => b === 0)).toBe(true);
        } else {
          expect(trap).toBeUndefined();
          expect(bytes.reduce((k, b) => k + (b === 0x5a ? 1 : 0), 0)).toBe(Number(n));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('copy traps exactly when either range does not fit', () => {
    fc.assert(
      fc.property(operand(LEN), operand(LEN), operand(LEN), (d, s, n) => {
        const trap = trapOf(() => invoke(inst, 'copy', [i64(d), i64(s), i64(n)]));
        expect(trap).toBe(d + n > LEN || s + n > LEN ? 'out of bounds memory access' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('init takes an i64 destination and i32 source and length', () => {
    fc.assert(
      fc.property(operand(LEN), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), (d, s, n) => {
        const trap = trapOf(() => invoke(inst, 'init', [i64(d), i32(s), i32(n)]));
        expect(trap).toBe(d + BigInt(n) > LEN || s + n > 8 ? 'out of bounds memory access' : undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe('several memories', () => {
  const wat = `(module
    (memory $a (export "a") 1)
    (memory $b (export "b") i64 2 3)
    (data (memory $b) (i64.const 0x1_0000) "\\01\\02\\03\\04")
    (data (memory $a) (i32.const 8) "\\0a\\0b")
    (func (export "load_b") (param i64) (result i32) (i32.load $b (local.get 0)))
    (func (export "load_a") (param i32) (result i32) (i32.load8_u $a (local.get 0)))
    (func (export "b_to_a") (param i32 i64 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
    (func (export "a_to_b") (param i64 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
    (func (export "grow_b") (param i64) (result i64) (memory.grow $b (local.get 0)))
    (func (export "size_b") (result i64) (memory.size $b))
    (func (export "size_a") (result i32) (memory.size $a))
    (func (export "fill_b") (param i64 i32 i64) (memory.fill $b (local.get 0) (local.get 1) (local.get 2))))`;

  it('data segments, loads and sizes address each memory', () => {
    const inst = instantiate(parseWat(wat));
    expect(invoke(inst, 'load_b', [i64(0x1_0000n)]).values).toEqual([i32(0x04030201)]);
    expect(invoke(inst, 'load_a', [i32(9)]).values).toEqual([i32(0x0b)]);
    expect(getMemory(inst, 'a')[0x1_0000 % 65536]).toBe(0);
    expect(invoke(inst, 'size_b', []).values).toEqual([i64(2n)]);
    expect(invoke(inst, 'size_a', []).values).toEqual([i32(1)]);
  });

  it('copies between an i32 and an i64 memory, with an i32 length', () => {
    const inst = instantiate(parseWat(wat));
    invoke(inst, 'b_to_a', [i32(100), i64(0x1_0000n), i32(4)]);
    expect([...getMemory(inst, 'a').slice(100, 104)]).toEqual([1, 2, 3, 4]);
    invoke(inst, 'a_to_b', [i64(0x2_0000n - 2n), i32(8), i32(2)]);
    expect([...getMemory(inst, 'b').slice(0x2_0000 - 2)]).toEqual([0x0a, 0x0b]);
    // the source range is checked in its own memory: 1 page of $a, not 2 of $b
    expect(() => invoke(inst, 'a_to_b', [i64(0n), i32(65535), i32(2)])).toThrow('out of bounds memory access');
    expect(() => invoke(inst, 'b_to_a', [i32(0), i64(0x1_0000_0000n), i32(0)])).toThrow('out of bounds memory access');
  });

  it('grows one memory with i64 results (-1 when it cannot), leaving the other', () => {
    const inst = instantiate(parseWat(wat));
    expect(invoke(inst, 'grow_b', [i64(1n)]).values).toEqual([i64(2n)]);
    expect(invoke(inst, 'grow_b', [i64(1n)]).values).toEqual([i64(-1n)]);
    expect(invoke(inst, 'grow_b', [i64(U64 - 1n)]).values).toEqual([i64(-1n)]);
    expect(invoke(inst, 'size_b', []).values).toEqual([i64(3n)]);
    expect(invoke(inst, 'size_a', []).values).toEqual([i32(1)]);
    invoke(inst, 'fill_b', [i64(3n * 65536n - 1n), i32(7), i64(1n)]);
    expect(getMemory(inst, 'b')[3 * 65536 - 1]).toBe(7);
  });

  it('memory 0 keeps its fast path current when another index names the same memory and grows it', () => {
    const exporter = instantiate(parseWat('(module (memory (export "m") 1))'));
    const m = exporter.exports.get('m')!;
    const inst = instantiate(
      parseWat(`(module (import "x" "m" (memory $p 1)) (import "x" "m" (memory $q 1))
        (func (export "grow_q") (result i32) (memory.grow $q (i32.const 1)))
        (func (export "store_p") (param i32 i32) (i32.store $p (local.get 0) (local.get 1)))
        (func (export "load_q") (param i32) (result i32) (i32.load $q (local.get 0)))
        (func (export "copy") (param i32 i32 i32) (memory.copy $p $q (local.get 0) (local.get 1) (local.get 2))))`),
      new Map([['x', new Map([['m', m]])]]),
    );
    expect(invoke(inst, 'grow_q', []).values).toEqual([i32(1)]);
    invoke(inst, 'store_p', [i32(65536 + 4), i32(0x11223344)]);
    expect(invoke(inst, 'load_q', [i32(65536 + 4)]).values).toEqual([i32(0x11223344)]);
    // overlapping ranges of one memory named twice copy as memmove does
    invoke(inst, 'copy', [i32(65536 + 5), i32(65536 + 4), i32(4)]);
    expect(invoke(inst, 'load_q', [i32(65536 + 4)]).values).toEqual([i32(0x22334444)]);
  });
});

describe('64-bit tables', () => {
  const wat = `(module
    (table $t (export "t") i64 4 funcref)
    (table $u (export "u") 4 funcref)
    (elem (table $t) (i64.const 2) func $f $g)
    (func $f (result i32) (i32.const 1))
    (func $g (result i32) (i32.const 2))
    (func (export "call") (param i64) (result i32) (call_indirect $t (result i32) (local.get 0)))
    (func (export "get") (param i64) (result funcref) (table.get $t (local.get 0)))
    (func (export "set") (param i64) (table.set $t (local.get 0) (ref.null func)))
    (func (export "fill") (param i64 i64) (table.fill $t (local.get 0) (ref.func $f) (local.get 1)))
    (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0)))
    (func (export "size") (result i64) (table.size $t))
    (func (export "t_to_u") (param i32 i64 i32) (table.copy $u $t (local.get 0) (local.get 1) (local.get 2)))
    (func (export "u_to_t") (param i64 i32 i32) (table.copy $t $u (local.get 0) (local.get 1) (local.get 2))))`;

  it('call_indirect takes an i64 index: beyond 2^32 is an undefined element, not a wrapped one', () => {
    const inst = instantiate(parseWat(wat));
    expect(invoke(inst, 'call', [i64(3n)]).values).toEqual([i32(2)]);
    expect(trapOf(() => invoke(inst, 'call', [i64(2n ** 32n + 3n)]))).toMatch(/^undefined element/);
    expect(trapOf(() => invoke(inst, 'call', [i64(-1n)]))).toMatch(/^undefined element/);
    expect(trapOf(() => invoke(inst, 'call', [i64(0n)]))).toMatch(/^uninitialized element/);
  });

  it('get, set and fill trap exactly when the index or range does not fit', () => {
    const inst = instantiate(parseWat(wat));
    fc.assert(
      fc.property(operand(4n), operand(4n), (i, n) => {
        expect(trapOf(() => invoke(inst, 'get', [i64(i)]))).toBe(i >= 4n ? 'out of bounds table access' : undefined);
        expect(trapOf(() => invoke(inst, 'set', [i64(i)]))).toBe(i >= 4n ? 'out of bounds table access' : undefined);
        expect(trapOf(() => invoke(inst, 'fill', [i64(i), i64(n)]))).toBe(i + n > 4n ? 'out of bounds table access' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('grow and size use i64; copies between an i32 and an i64 table take an i32 length', () => {
    const inst = instantiate(parseWat(wat));
    expect(invoke(inst, 'grow', [i64(2n)]).values).toEqual([i64(4n)]);
    expect(invoke(inst, 'grow', [i64(U64 - 3n)]).values).toEqual([i64(-1n)]);
    expect(invoke(inst, 'size', []).values).toEqual([i64(6n)]);
    invoke(inst, 't_to_u', [i32(0), i64(2n), i32(2)]);
    expect(getTable(inst, 'u').map((v) => v.type === 'funcref' && v.ref !== null)).toEqual([true, true, false, false]);
    invoke(inst, 'u_to_t', [i64(4n), i32(0), i32(2)]);
    expect(getTable(inst, 't').map((v) => v.type === 'funcref' && v.ref !== null)).toEqual([false, false, true, true, true, true]);
    expect(trapOf(() => invoke(inst, 'u_to_t', [i64(2n ** 32n), i32(0), i32(0)]))).toBe('out of bounds table access');
  });
});
