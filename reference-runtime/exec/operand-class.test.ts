// The operand classes: every representative value the fuzzer draws for a
// class is classified as that class (so steering toward a class reaches it),
// and the classifiers agree with independent definitions on random values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressClass, ADDRESS_CLASSES, CLASSES, f32Class, f64Class, i32Class, i64Class, SAMPLES, v128Class } from './operand-class.js';

const words = (b: Uint8Array) => Array.from({ length: 4 }, (_, i) => new DataView(b.buffer, b.byteOffset).getInt32(i * 4, true)) as [number, number, number, number];
const CLASSIFY = {
  i32: (v: number) => i32Class(v | 0),
  i64: (v: bigint) => i64Class(v),
  f32: (v: number) => f32Class(v >>> 0),
  f64: (v: bigint) => f64Class(v),
  v128: (v: Uint8Array) => v128Class(...words(v)),
} as const;

describe('operand classes', () => {
  for (const kind of ['i32', 'i64', 'f32', 'f64', 'v128'] as const) {
    it(`${kind}: each class has samples, and each sample is of its class`, () => {
      const samples = SAMPLES[kind] as readonly (readonly unknown[])[];
      expect(samples.length).toBe(CLASSES[kind].length);
      samples.forEach((values, cls) => {
        expect(values.length, CLASSES[kind][cls]).toBeGreaterThan(0);
        for (const v of values) expect(CLASSES[kind][(CLASSIFY[kind] as (x: unknown) => number)(v)], `${String(v)}`).toBe(CLASSES[kind][cls]);
      });
    });
  }

  it('integers: the class follows the value as a mathematical integer (against BigInt definitions)', () => {
    const byDefinition = (v: bigint, w: number): string => {
      const min = -(1n << BigInt(w - 1));
      const max = -min - 1n;
      const W = BigInt(w);
      if (v === 0n) return 'zero';
      if (v === 1n) return 'one';
      if (v === -1n) return 'minus-one';
      if (v === min) return 'min';
      if (v === max) return 'max';
      if (v === min + 1n) return 'min+1';
      if (v === max - 1n) return 'max-1';
      if (v === W - 1n) return 'width-1';
      if (v === W) return 'width';
      if (v > W && v <= 2n * W) return 'width+1..2width';
      const edges = [0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, -0x80, -0x81, -0x8000, -0x8001].map(BigInt);
      if (w === 64) edges.push(0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, -0x80000001n);
      if (edges.includes(v)) return 'narrow-sign-edge';
      if (v > 0n && v < W) return 'small-positive';
      if (v < 0n && v >= -256n) return 'small-negative';
      return v > 0n ? 'positive' : 'negative';
    };
    const near = (big: bigint) => fc.integer({ min: -300, max: 300 }).map((d) => big + BigInt(d));
    const i64 = fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), near(0n), near(1n << 63n).map((v) => BigInt.asIntN(64, v)));
    fc.assert(fc.property(i64, (v) => CLASSES.i64[i64Class(v)] === byDefinition(v, 64)), { numRuns: 3000 });
    const i32 = fc.oneof(fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.integer({ min: -300, max: 300 }), fc.integer({ min: 0x7ffffe00, max: 0x7fffffff }));
    fc.assert(fc.property(i32, (v) => CLASSES.i32[i32Class(v)] === byDefinition(BigInt(v), 32)), { numRuns: 3000 });
  });

  it('floats: f32 and f64 agree on every value f32 can represent, and on the classes of its double', () => {
    // an f32 widened to f64 keeps its value: every class that depends on the value alone is the same
    // (not: subnormal, largest, conversion-edge, whose thresholds are per format; NaNs keep their class too)
    const valueClasses = new Set(['+0', '-0', '+inf', '-inf', 'one', 'half', 'fraction', 'integer', 'other']);
    fc.assert(
      fc.property(fc.float({ noDefaultInfinity: false }), (x) => {
        const b = new DataView(new ArrayBuffer(8));
        b.setFloat32(0, x);
        const c32 = CLASSES.f32[f32Class(b.getUint32(0))]!;
        b.setFloat64(0, b.getFloat32(0));
        const c64 = CLASSES.f64[f64Class(b.getBigUint64(0))]!;
        if (!valueClasses.has(c32) || Number.isNaN(x)) return true;
        if (c32 === 'fraction' || c32 === 'other' || c32 === 'integer' || c32 === 'half') return c64 === c32 || c64 === 'conversion-edge' || c64 === 'largest';
        return c64 === c32;
      }),
      { numRuns: 3000 },
    );
  });

  it('addresses: where an access of n bytes at ea falls in a memory of len bytes', () => {
    const cls = (addr: number, off: number, n: number, len: number) => ADDRESS_CLASSES[addressClass(addr, off, n, len, 2 ** 32)];
    expect(cls(0, 0, 4, 65536)).toBe('first');
    expect(cls(100, 0, 4, 65536)).toBe('inside');
    expect(cls(65532, 0, 4, 65536)).toBe('last');
    expect(cls(65530, 3, 4, 65536)).toBe('straddle');
    expect(cls(65536, 0, 1, 65536)).toBe('at-end');
    expect(cls(0, 0, 1, 0)).toBe('at-end');
    expect(cls(70000, 0, 1, 65536)).toBe('beyond');
    expect(cls(0xffffffff, 1, 1, 65536)).toBe('wraps');
  });
});
