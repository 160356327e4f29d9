// The general memory path (memory-access.ts): loads and stores on 64-bit
// memories and on memories other than 0, against BigInt arithmetic. The
// spec's effective address is address + offset as an unbounded integer: the
// access traps exactly when address + offset + size exceeds the memory's
// length, including sums past 2^64; otherwise it reads the bytes there.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trap, getMemory, instantiate, invoke, parseWat, type ModuleInstance, type Value } from '../api.js';
import { compiledOf } from './machine.js';
import type { WasmFunc } from '../runtime/func.js';
import { Op } from './codes.js';

const LEN = 65536n;
const LEN_N = Number(LEN);
const U64 = 2n ** 64n;

/** Loads: [mnemonic, bytes, result type, signed]. */
const LOADS = [
  ['i32.load8_s', 1, 'i32', true],
  ['i32.load16_u', 2, 'i32', false],
  ['i32.load', 4, 'i32', true],
  ['i64.load8_u', 1, 'i64', false],
  ['i64.load16_s', 2, 'i64', true],
  ['i64.load32_s', 4, 'i64', true],
  ['i64.load32_u', 4, 'i64', false],
  ['i64.load', 8, 'i64', true],
  ['f64.load', 8, 'f64', false],
  ['v128.load', 16, 'v128', false],
] as const;

/** Offsets near every boundary: 0, the memory's end, 2^32, 2^53 (the syntax keeps offsets exact up to there). */
const OFFSETS = [0n, 1n, 3n, LEN - 16n, LEN - 1n, LEN, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n];

/** Addresses near the same boundaries, and anywhere in u64 (a 64-bit address; i32 ones take the low 32 bits). */
const address = fc.oneof(
  fc.constantFrom(0n, 1n, LEN - 8n, LEN - 1n, LEN, 2n ** 32n - 1n, 2n ** 32n, U64 - LEN, U64 - 16n, U64 - 1n),
  fc.bigInt({ min: 0n, max: LEN + 32n }),
  fc.bigInt({ min: 0n, max: U64 - 1n }),
);

const body = (addr: string) => LOADS.flatMap(([op, , t]) => OFFSETS.map((o) => `(func (export "${op}/${o}") (param ${addr}) (result ${t}) (${op} $m offset=${o} (local.get 0)))`));

/** Memory $m is 64-bit memory 0, or i32 memory 1 beside an unused memory 0. */
function build(is64: boolean): ModuleInstance {
  const mems = is64 ? '(memory $m (export "m") i64 1)' : '(memory 0) (memory $m (export "m") 1)';
  const funcs = is64 ? body('i64') : body('i32').filter((f) => !/offset=(\d+)/.test(f) || BigInt(/offset=(\d+)/.exec(f)![1]!) < 2n ** 32n);
  const inst = instantiate(parseWat(`(module ${mems} ${funcs.join('\n')})`));
  const bytes = getMemory(inst, 'm');
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) & 0xff;
  return inst;
}

/** The value of `size` bytes at `ea` (little-endian), extended as the load says. */
function expected(bytes: Uint8Array, ea: number, size: number, type: string, signed: boolean): Value {
  let x = 0n;
  for (let k = size - 1; k >= 0; k--) x = (x << 8n) | BigInt(bytes[ea + k]!);
  if (signed) x = BigInt.asIntN(size * 8, x);
  switch (type) {
    case 'i32':
      return { type: 'i32', value: Number(BigInt.asIntN(32, x)) };
    case 'i64':
      return { type: 'i64', value: BigInt.asIntN(64, x) };
    case 'f64':
      return { type: 'f64', bits: BigInt.asUintN(64, x) };
    default:
      return { type: 'v128', bytes: bytes.slice(ea, ea + size) };
  }
}

function outcome(f: () => Value): Value | 'trap' {
  try {
    return f();
  } catch (e) {
    if (e instanceof Trap && e.message.startsWith('out of bounds memory access')) return 'trap';
    throw e;
  }
}

describe.each([
  ['a 64-bit memory 0', true],
  ['a 32-bit memory 1', false],
])('loads on %s', (_, is64) => {
  const inst = build(is64);
  const bytes = getMemory(inst, 'm');

  it('go through the general path, not the fused forms of memory 0', () => {
    const f = inst.exports.get('i32.load/0')!.value as WasmFunc;
    expect(compiledOf(f).code[2]).toBe(Op.MemAccess);
  });

  it('trap exactly when address + offset + size > length, and read those bytes otherwise', () => {
    const loads = fc.constantFrom(...LOADS);
    const offsets = fc.constantFrom(...OFFSETS.filter((o) => is64 || o < 2n ** 32n));
    fc.assert(
      fc.property(loads, offsets, address, ([op, size, type, signed], offset, a) => {
        const addr = is64 ? a : a & 0xffff_ffffn;
        const arg: Value = is64 ? { type: 'i64', value: BigInt.asIntN(64, addr) } : { type: 'i32', value: Number(BigInt.asIntN(32, addr)) };
        const got = outcome(() => invoke(inst, `${op}/${offset}`, [arg]).values[0]!);
        const ea = addr + offset; // unbounded, as the spec says
        expect(got).toEqual(ea + BigInt(size) > LEN ? 'trap' : expected(bytes, Number(ea), size, type, signed));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('stores on a 64-bit memory', () => {
  const inst = instantiate(
    parseWat(`(module (memory (export "m") i64 1)
      (func (export "store") (param i64 i64) (i64.store offset=4 (local.get 0) (local.get 1)))
      (func (export "store8") (param i64 i32) (i32.store8 offset=0xffff_ffff (local.get 0) (local.get 1)))
      (func (export "store_lane") (param i64) (v128.store16_lane offset=2 1 (local.get 0) (v128.const i16x8 1 2 3 4 5 6 7 8))))`),
  );
  const bytes = getMemory(inst, 'm');
  const i64 = (value: bigint): Value => ({ type: 'i64', value });

  it('write the value at address + offset, and trap before writing anything when it does not fit', () => {
    invoke(inst, 'store', [i64(8n), i64(0x0102030405060708n)]);
    expect([...bytes.slice(12, 20)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(() => invoke(inst, 'store', [i64(LEN - 11n), i64(-1n)])).toThrow('out of bounds memory access');
    expect(bytes.slice(LEN_N - 8).every((b) => b === 0)).toBe(true);
    // address + offset wraps past 2^64 in 64-bit arithmetic; the spec's sum does not
    expect(() => invoke(inst, 'store', [i64(-4n), i64(1n)])).toThrow('out of bounds memory access');
    expect(bytes[0]).toBe(0);
  });

  it('take offsets beyond 32 bits', () => {
    expect(() => invoke(inst, 'store8', [i64(0n), { type: 'i32', value: 1 }])).toThrow('out of bounds memory access');
  });

  it('store lanes through the SIMD library', () => {
    invoke(inst, 'store_lane', [i64(100n)]);
    expect([...bytes.slice(102, 104)]).toEqual([2, 0]);
    expect(() => invoke(inst, 'store_lane', [i64(LEN - 3n)])).toThrow('out of bounds memory access');
  });
});
