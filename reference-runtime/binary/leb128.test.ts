import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../errors.js';
import { encodeSigned, encodeSigned64, encodeUnsigned, encodeUnsigned64, readSigned, readSigned64, readUnsigned, readUnsigned64 } from './leb128.js';

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

/**
 * Unsigned LEB128 of 64 bits (memory64 limits, memarg offsets) against a
 * model in BigInt arithmetic: byte i carries bits 7i..7i+6; a tenth byte may
 * only carry bit 63 ("integer too large" otherwise) and may not continue
 * ("integer representation too long").
 */
function modelU64(bytes: Uint8Array): { value: bigint; next: number } | string {
  let value = 0n;
  for (let i = 0; ; i++) {
    if (i === 10) return 'integer representation too long';
    if (i >= bytes.length) return 'unexpected end of section or function';
    const byte = bytes[i]!;
    if (i === 9 && (byte & 0x7f) > 1) return 'integer too large';
    value += BigInt(byte & 0x7f) * 128n ** BigInt(i);
    if (byte < 0x80) return { value, next: i + 1 };
  }
}

/** Bytes that make long, continued and full encodings likely. */
const lebBytes = fc.uint8Array({ maxLength: 12 }).chain((tail) =>
  fc.array(fc.constantFrom(0x80, 0xff, 0x81), { maxLength: 11 }).map((head) => Uint8Array.from([...head, ...tail])),
);

describe('unsigned LEB128 of 64 bits', () => {
  it('agrees with the BigInt model on any bytes', () => {
    fc.assert(
      fc.property(lebBytes, (bytes) => {
        const want = modelU64(bytes);
        const got = typeof want === 'string' ? failure(() => readUnsigned64(bytes, 0)) : readUnsigned64(bytes, 0);
        expect(got).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every u64 through the minimal encoding', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (v) => {
        const bytes = encodeUnsigned64(v);
        expect(bytes.length).toBe(Math.max(1, Math.ceil(v.toString(2).length / 7)));
        expect(readUnsigned64(Uint8Array.from(bytes), 0)).toEqual({ value: v, next: bytes.length });
      }),
    );
    expect(encodeUnsigned64(2n ** 64n - 1n)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(() => encodeUnsigned64(2n ** 64n)).toThrow(RangeError);
  });

  it('reads u32 encodings the same (limits and offsets of 2.0 modules)', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffff_ffff }), (n) => readUnsigned64(Uint8Array.from(encodeUnsigned(n)), 0).value === BigInt(n)));
  });
});
