import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../errors.js';
import { encodeSigned, encodeSigned64, encodeUnsigned, readSigned, readSigned64, readUnsigned } from './leb128.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('unsigned LEB128', () => {
  it('decodes the extremes of u32 and reports the next position', () => {
    expect(readUnsigned(b(0x00), 0, 32)).toEqual({ value: 0, next: 1 });
    expect(readUnsigned(b(0xff, 0xff, 0xff, 0xff, 0x0f), 0, 32)).toEqual({ value: 0xffff_ffff, next: 5 });
    expect(readUnsigned(b(0x80, 0x80, 0x80, 0x80, 0x08), 0, 32).value).toBe(0x8000_0000);
  });

  it('accepts non-minimal encodings within the byte limit', () => {
    expect(readUnsigned(b(0x81, 0x80, 0x80, 0x80, 0x00), 0, 32)).toEqual({ value: 1, next: 5 });
  });

  it('rejects a sixth byte and set unused bits of the fifth', () => {
    expect(failure(() => readUnsigned(b(0x80, 0x80, 0x80, 0x80, 0x80, 0x00), 0, 32))).toBe('integer representation too long');
    expect(failure(() => readUnsigned(b(0xff, 0xff, 0xff, 0xff, 0x1f), 0, 32))).toBe('integer too large');
    expect(failure(() => readUnsigned(b(0x80, 0x80, 0x80, 0x80, 0x70), 0, 32))).toBe('integer too large');
  });

  it('limits 1-bit flags to 0 and 1', () => {
    expect(readUnsigned(b(0x01), 0, 1).value).toBe(1);
    expect(failure(() => readUnsigned(b(0x02), 0, 1))).toBe('integer too large');
    expect(failure(() => readUnsigned(b(0x81, 0x00), 0, 1))).toBe('integer representation too long');
  });

  it('reports running off the end', () => {
    expect(failure(() => readUnsigned(b(0x80, 0x80), 0, 32))).toBe('unexpected end of section or function');
  });
});

describe('signed LEB128', () => {
  it('decodes the extremes of s32', () => {
    expect(readSigned(b(0x7f), 0, 32).value).toBe(-1);
    expect(readSigned(b(0x80, 0x80, 0x80, 0x80, 0x78), 0, 32).value).toBe(-0x8000_0000);
    expect(readSigned(b(0xff, 0xff, 0xff, 0xff, 0x07), 0, 32).value).toBe(0x7fff_ffff);
  });

  it('requires the unused bits of the last byte to extend the sign', () => {
    expect(failure(() => readSigned(b(0xff, 0xff, 0xff, 0xff, 0x0f), 0, 32))).toBe('integer too large');
    expect(failure(() => readSigned(b(0x80, 0x80, 0x80, 0x80, 0x70), 0, 32))).toBe('integer too large');
    expect(readSigned(b(0xff, 0xff, 0xff, 0xff, 0x7f), 0, 32).value).toBe(-1);
    expect(failure(() => readSigned(b(0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), 0, 32))).toBe('integer representation too long');
  });

  it('decodes s33 block type indices up to 2^32 - 1', () => {
    expect(readSigned(b(0xff, 0xff, 0xff, 0xff, 0x0f), 0, 33).value).toBe(0xffff_ffff);
    expect(failure(() => readSigned(b(0xff, 0xff, 0xff, 0xff, 0x1f), 0, 33))).toBe('integer too large');
  });

  it('decodes the extremes of s64 and checks its tenth byte', () => {
    const min = b(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f);
    const max = b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00);
    expect(readSigned64(min, 0)).toEqual({ value: -(2n ** 63n), next: 10 });
    expect(readSigned64(max, 0).value).toBe(2n ** 63n - 1n);
    expect(readSigned64(b(0x40), 0).value).toBe(-64n);
    expect(failure(() => readSigned64(b(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), 0))).toBe('integer too large');
    expect(failure(() => readSigned64(b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x00), 0))).toBe(
      'integer representation too long',
    );
  });
});

describe('minimal encoding', () => {
  it('writes the shortest forms', () => {
    expect(encodeUnsigned(0)).toEqual([0]);
    expect(encodeUnsigned(127)).toEqual([0x7f]);
    expect(encodeUnsigned(128)).toEqual([0x80, 0x01]);
    expect(encodeUnsigned(0xffff_ffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(encodeSigned(-1)).toEqual([0x7f]);
    expect(encodeSigned(63)).toEqual([0x3f]);
    expect(encodeSigned(64)).toEqual([0xc0, 0x00]);
    expect(encodeSigned(-65)).toEqual([0xbf, 0x7f]);
    expect(encodeSigned64(-(2n ** 63n))).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
    expect(encodeSigned64(2n ** 64n - 1n)).toEqual([0x7f]);
  });

  it('round-trips every u32, s32, s33 and s64', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffff_ffff }), (n) => readUnsigned(Uint8Array.from(encodeUnsigned(n)), 0, 32).value === n));
    fc.assert(fc.property(fc.integer(), (n) => readSigned(Uint8Array.from(encodeSigned(n)), 0, 32).value === n));
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 32), max: 2 ** 32 - 1 }), (n) => readSigned(Uint8Array.from(encodeSigned(n)), 0, 33).value === n),
    );
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => readSigned64(Uint8Array.from(encodeSigned64(n)), 0).value === n));
  });
});
