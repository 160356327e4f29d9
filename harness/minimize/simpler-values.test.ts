import { describe, expect, it } from 'vitest';
import { F32, F64, simplerFloats, simplerInts } from './simpler-values.js';

describe('simpler values', () => {
  it('moves integers towards 0, 1, -1, then fewer bits, and nothing is simpler than 0', () => {
    expect(simplerInts(1000n, 32)).toEqual([0n, 1n, -1n, -24n, 500n]);
    expect(simplerInts(-1n, 32)).toEqual([0n, 1n]);
    expect(simplerInts(0n, 64)).toEqual([]);
  });

  it('keeps -0 distinct from +0 and offers +0, 1, -1 first', () => {
    expect(simplerFloats(F32, 0x80000000n)).toEqual([0n, F32.one, F32.one | 0x80000000n]);
    expect(simplerFloats(F32, 0n)).toEqual([]);
  });

  it('truncates a fraction and canonicalises a NaN payload', () => {
    const pi = 0x400921fb54442d18n;
    expect(simplerFloats(F64, pi)).toContain(0x4008000000000000n); // 3.0
    expect(simplerFloats(F32, 0x7fa00001n)).toContain(0x7fc00000n);
  });
});
