import { describe, expect, it } from 'vitest';
import { floatLiteral, formatF32, formatF64 } from './print-float.js';
import { commentString, formatI32, formatI64, formatV128, quoteBytes, quoteString } from './print-values.js';

describe('integer constants', () => {
  it('print signed decimal', () => {
    expect(formatI32(-1)).toBe('-1');
    expect(formatI32(0x7fffffff)).toBe('2147483647');
    expect(formatI32(0x80000000)).toBe('-2147483648');
    expect(formatI64(-9223372036854775808n)).toBe('-9223372036854775808');
    expect(formatI64(0xffffffffffffffffn)).toBe('-1');
  });
});

describe('f32 constants', () => {
  const cases: [number, string][] = [
    [0x00000000, '0x0p+0'],
    [0x80000000, '-0x0p+0'],
    [0x3f800000, '0x1p+0 (;=1;)'],
    [0x40400000, '0x1.8p+1 (;=3;)'],
    [0x3dcccccd, '0x1.99999ap-4 (;=0.1;)'],
    [0x00000001, '0x1p-149 (;=1e-45;)'],
    [0x00400000, '0x1p-127 (;=5.877472e-39;)'],
    [0x007fffff, '0x1.fffffcp-127 (;=1.1754942e-38;)'],
    [0x7f7fffff, '0x1.fffffep+127 (;=3.4028235e+38;)'],
    [0x7f800000, 'inf'],
    [0xff800000, '-inf'],
    [0x7fc00000, 'nan'],
    [0xffc00000, '-nan'],
    [0x7f800001, 'nan:0x1'],
    [0xffa00000, '-nan:0x200000'],
  ];
  it.each(cases)('bits %i print as %s', (bits, text) => expect(formatF32(bits)).toBe(text));
});

describe('f64 constants', () => {
  const cases: [bigint, string][] = [
    [0n, '0x0p+0'],
    [0x8000000000000000n, '-0x0p+0'],
    [0x3ff0000000000000n, '0x1p+0 (;=1;)'],
    [0x3fb999999999999an, '0x1.999999999999ap-4 (;=0.1;)'],
    [0x0000000000000001n, '0x1p-1074 (;=5e-324;)'],
    [0x000fffffffffffffn, '0x1.ffffffffffffep-1023 (;=2.225073858507201e-308;)'],
    [0x7fefffffffffffffn, '0x1.fffffffffffffp+1023 (;=1.7976931348623157e+308;)'],
    [0x7ff0000000000000n, 'inf'],
    [0xfff0000000000000n, '-inf'],
    [0x7ff8000000000000n, 'nan'],
    [0xfff8000000000000n, '-nan'],
    [0x7ff0000000000001n, 'nan:0x1'],
    [0x7ff4000000000000n, 'nan:0x4000000000000'],
  ];
  it.each(cases)('bits %s print as %s', (bits, text) => expect(formatF64(bits)).toBe(text));
});

describe('float literals read back to the same bits', () => {
  // An independent reading of the hex float text: mantissa digits times a power of two.
  function readHex(text: string): number {
    const m = /^(-?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([+-]\d+)$/.exec(text);
    if (m === null) throw new Error(`not a hex float: ${text}`);
    const frac = m[3] ?? '';
    const mantissa = BigInt('0x' + m[2] + frac);
    // Two exact steps: the significand (at most 53 bits) scaled into [1, 16), then the power of two.
    const value = Number(mantissa) * 2 ** (-4 * frac.length) * 2 ** Number(m[4]);
    return m[1] === '-' ? -value : value;
  }
  it('for a spread of f64 bit patterns, including subnormals', () => {
    const view = new DataView(new ArrayBuffer(8));
    let bits = 0x0123456789abcdefn;
    for (let k = 0; k < 2000; k++) {
      bits = BigInt.asUintN(64, bits * 6364136223846793005n + 1442695040888963407n);
      const b = k % 4 === 0 ? bits >> 12n : bits; // every fourth is a subnormal or near zero
      view.setBigUint64(0, b);
      const x = view.getFloat64(0);
      if (!Number.isFinite(x)) continue;
      const text = floatLiteral(b, 64);
      expect(Object.is(readHex(text), x), `${b.toString(16)} -> ${text}`).toBe(true);
    }
  });
  it('for f32 bit patterns', () => {
    const view = new DataView(new ArrayBuffer(4));
    for (let b = 1; b < 0x7f800000; b += 0x00f0f0f1) {
      view.setUint32(0, b);
      expect(readHex(floatLiteral(BigInt(b), 32)), `0x${b.toString(16)}`).toBe(view.getFloat32(0));
    }
  });
});

describe('v128 constants', () => {
  it('print as four hex i32 lanes, little-endian', () => {
    const bytes = Uint8Array.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0x80]);
    expect(formatV128(bytes)).toBe('i32x4 0x00000001 0xffffffff 0x12345678 0x80000000');
  });
});

describe('strings', () => {
  it('escape quotes, backslashes and non-printable bytes', () => {
    expect(quoteBytes(Uint8Array.from([0x61, 0x22, 0x5c, 0x0a, 0x00, 0x7f, 0xff]))).toBe('"a\\"\\\\\\0a\\00\\7f\\ff"');
  });
  it('print names as pure ASCII with UTF-8 bytes escaped', () => {
    expect(quoteString('<script>')).toBe('"<script>"');
    expect(quoteString('é☃')).toBe('"\\c3\\a9\\e2\\98\\83"');
    expect(quoteString('')).toBe('""');
  });
  it('cannot close or open a block comment when used inside one', () => {
    expect(commentString('a;)b(;c')).toBe('"a\\3b\\29b\\28\\3bc"');
  });
});
