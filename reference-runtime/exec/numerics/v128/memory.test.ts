// Vector loads and stores: extension, splat, zero-fill, lanes, and a bounds
// check over the access's full width that happens before any byte moves.
import { describe, expect, it } from 'vitest';
import { Trap } from '../../../errors.js';
import { loadLane, loadVector, storeLane, storeVector } from './memory.js';

function memory(size = 64): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 37 + 0x81) & 0xff);
}

function expectTrap(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(Trap);
    expect((e as Trap).message).toBe('out of bounds memory access');
    return;
  }
  throw new Error('expected a trap');
}

describe('loadVector', () => {
  const m = memory();
  it('v128.load reads 16 bytes; the last valid address is length - 16', () => {
    expect(loadVector('v128.load', m, 48)).toEqual(m.slice(48, 64));
    expectTrap(() => loadVector('v128.load', m, 49));
    expectTrap(() => loadVector('v128.load', m, 2 ** 32 + 1));
  });
  it('loadNxM_s/u extend 8 bytes', () => {
    const bytes = Uint8Array.from([0x80, 0xff, 1, 0x7f, 0, 0x80, 0xfe, 0xff]);
    const mem = new Uint8Array(16);
    mem.set(bytes, 8);
    expect([...new Int16Array(loadVector('v128.load8x8_s', mem, 8).buffer)]).toEqual([-128, -1, 1, 127, 0, -128, -2, -1]);
    expect([...new Int16Array(loadVector('v128.load8x8_u', mem, 8).buffer)]).toEqual([128, 255, 1, 127, 0, 128, 254, 255]);
    expect([...new Int32Array(loadVector('v128.load16x4_s', mem, 8).buffer)]).toEqual([-128, 0x7f01, -32768, -2]);
    expect([...new Int32Array(loadVector('v128.load16x4_u', mem, 8).buffer)]).toEqual([0xff80, 0x7f01, 0x8000, 0xfffe]);
    expect([...new BigInt64Array(loadVector('v128.load32x2_s', mem, 8).buffer)]).toEqual([0x7f01ff80n, 0xfffe8000n - (1n << 32n)]);
    expect([...new BigUint64Array(loadVector('v128.load32x2_u', mem, 8).buffer)]).toEqual([0x7f01ff80n, 0xfffe8000n]);
    expectTrap(() => loadVector('v128.load8x8_s', mem, 9));
  });
  it('splat and zero loads', () => {
    const mem = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(loadVector('v128.load8_splat', mem, 7)).toEqual(new Uint8Array(16).fill(8));
    expect(loadVector('v128.load16_splat', mem, 1)).toEqual(Uint8Array.from(Array(8).fill([2, 3]).flat()));
    expect(loadVector('v128.load32_splat', mem, 4)).toEqual(Uint8Array.from(Array(4).fill([5, 6, 7, 8]).flat()));
    expect(loadVector('v128.load64_splat', mem, 0)).toEqual(Uint8Array.from([...mem, ...mem]));
    expect(loadVector('v128.load32_zero', mem, 4)).toEqual(Uint8Array.from([5, 6, 7, 8, ...Array(12).fill(0)]));
    expect(loadVector('v128.load64_zero', mem, 0)).toEqual(Uint8Array.from([...mem, ...Array(8).fill(0)]));
    expectTrap(() => loadVector('v128.load16_splat', mem, 7));
    expectTrap(() => loadVector('v128.load64_zero', mem, 1));
    expectTrap(() => loadVector('v128.load8_splat', mem, 8));
  });
});

describe('lanes and stores', () => {
  it('loadLane replaces one lane, leaves the operand intact', () => {
    const m = memory();
    const v = new Uint8Array(16).fill(0xaa);
    const r = loadLane('v128.load32_lane', m, 60, v, 2);
    expect(r).toEqual(Uint8Array.from([...Array(8).fill(0xaa), ...m.slice(60, 64), ...Array(4).fill(0xaa)]));
    expect(v).toEqual(new Uint8Array(16).fill(0xaa));
    expectTrap(() => loadLane('v128.load32_lane', m, 61, v, 0));
    expect(loadLane('v128.load64_lane', m, 56, v, 1).subarray(8)).toEqual(m.slice(56));
  });
  it('storeLane writes only its lane; an out-of-bounds store writes nothing', () => {
    const m = new Uint8Array(16);
    const v = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    storeLane('v128.store16_lane', m, 14, v, 7);
    expect([...m]).toEqual([...Array(14).fill(0), 15, 16]);
    expectTrap(() => storeLane('v128.store64_lane', m, 9, v, 0));
    expect([...m]).toEqual([...Array(14).fill(0), 15, 16]);
    storeLane('v128.store8_lane', m, 0, v, 3);
    expect(m[0]).toBe(4);
  });
  it('storeVector writes 16 bytes or traps before writing', () => {
    const m = new Uint8Array(20);
    const v = new Uint8Array(16).fill(9);
    expectTrap(() => storeVector(m, 5, v));
    expect(m).toEqual(new Uint8Array(20));
    storeVector(m, 4, v);
    expect([...m]).toEqual([0, 0, 0, 0, ...Array(16).fill(9)]);
  });
});
