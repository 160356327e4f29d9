// Hand-picked cases for the instructions runtimes most often get wrong, with
// expected values worked out from the spec's definitions.
import { describe, expect, it } from 'vitest';
import { nondeterminism } from '../nan.js';
import { V128_OPS } from './ops.js';

const bytes = (...l: number[]) => Uint8Array.from(l);
const i8 = (...l: number[]) => new Uint8Array(new Int8Array(l).buffer);
const i16 = (...l: number[]) => new Uint8Array(new Int16Array(l).buffer);
const i32 = (...l: number[]) => new Uint8Array(new Int32Array(l).buffer);
const u32 = (...l: number[]) => new Uint8Array(new Uint32Array(l).buffer);
const i64 = (...l: bigint[]) => new Uint8Array(new BigInt64Array(l).buffer);
const u64 = (...l: bigint[]) => new Uint8Array(new BigUint64Array(l).buffer);
const f32 = (...l: number[]) => new Uint8Array(new Float32Array(l).buffer);
const f64 = (...l: number[]) => new Uint8Array(new Float64Array(l).buffer);
const asF32 = (v: Uint8Array) => [...new Float32Array(v.slice().buffer)];
const asF64 = (v: Uint8Array) => [...new Float64Array(v.slice().buffer)];
const asU32 = (v: Uint8Array) => [...new Uint32Array(v.slice().buffer)];
const op = (name: string) => V128_OPS[name]!;

describe('saturating narrow', () => {
  const a = i16(300, -300, 127, -128, 128, -129, 0, -1);
  const b = i16(32767, -32768, 255, 256, 1, 2, 3, 4);
  it('signed clamps to [-128, 127], first operand in the low half', () => {
    expect(op('i8x16.narrow_i16x8_s')(a, b)).toEqual(i8(127, -128, 127, -128, 127, -128, 0, -1, 127, -128, 127, 127, 1, 2, 3, 4));
  });
  it('unsigned clamps signed inputs to [0, 255]', () => {
    expect(op('i8x16.narrow_i16x8_u')(a, b)).toEqual(bytes(255, 0, 127, 0, 128, 0, 0, 0, 255, 0, 255, 255, 1, 2, 3, 4));
  });
  it('i16x8 from i32x4, unsigned', () => {
    expect(op('i16x8.narrow_i32x4_u')(i32(70000, -1, 65535, 32768), i32(0, 1, -70000, 0x7fffffff))).toEqual(
      new Uint8Array(new Uint16Array([65535, 0, 65535, 32768, 0, 1, 0, 65535]).buffer),
    );
  });
});

describe('i16x8.q15mulr_sat_s', () => {
  it('saturates only 0x8000 * 0x8000, rounds half up', () => {
    const a = i16(-32768, 16384, 1, -32768, 32767, -1, 0, 16384);
    const b = i16(-32768, 16384, 16384, 32767, 32767, 16384, 5, -16384);
    // -32768*32767 = -32767*2^15; +2^14 >> 15 = floor(-32766.5) = -32767. 16384*-16384: floor(-8191.5) = -8192.
    expect(op('i16x8.q15mulr_sat_s')(a, b)).toEqual(i16(32767, 8192, 1, -32767, 32766, 0, 0, -8192));
  });
});

describe('avgr_u rounds half up, unsigned, without overflow', () => {
  it('i8x16', () => {
    expect(op('i8x16.avgr_u')(bytes(0, 255, 254, 0, 1, 3, ...Array(10).fill(0)), bytes(1, 255, 255, 255, 2, 4, ...Array(10).fill(0)))).toEqual(
      bytes(1, 255, 255, 128, 2, 4, ...Array(10).fill(0)),
    );
  });
  it('i16x8', () => {
    expect(op('i16x8.avgr_u')(i16(-1, 0, -1, 1, 0, 0, 0, 0), i16(-1, -1, -2, 2, 0, 0, 0, 0))).toEqual(i16(-1, -32768, -1, 2, 0, 0, 0, 0));
  });
});

describe('dot, extmul, extadd_pairwise', () => {
  it('i32x4.dot_i16x8_s: (-32768)^2 * 2 wraps to INT32_MIN', () => {
    const min = i16(-32768, -32768, 1, 2, 3, -4, 32767, 32767);
    expect(op('i32x4.dot_i16x8_s')(min, i16(-32768, -32768, 5, 6, 7, 8, 32767, -32768))).toEqual(i32(-2147483648, 17, 21 - 32, 32767 * 32767 - 32767 * 32768));
  });
  it('i64x2.extmul of 32-bit extremes is exact', () => {
    const a = i32(-2147483648, -1, 7, 9);
    expect(op('i64x2.extmul_low_i32x4_s')(a, a)).toEqual(i64(1n << 62n, 1n));
    expect(op('i64x2.extmul_low_i32x4_u')(a, a)).toEqual(u64(0x4000000000000000n, 0xfffffffe00000001n));
    expect(op('i64x2.extmul_high_i32x4_s')(a, i32(0, 0, -3, 3))).toEqual(i64(-21n, 27n));
  });
  it('i16x8.extmul_high_i8x16_u', () => {
    const a = bytes(...Array(8).fill(0), 255, 255, 2, 0, 0, 0, 0, 0);
    expect(op('i16x8.extmul_high_i8x16_u')(a, a)).toEqual(new Uint8Array(new Uint16Array([65025, 65025, 4, 0, 0, 0, 0, 0]).buffer));
  });
  it('extadd_pairwise sign- or zero-extends before adding', () => {
    const a = bytes(128, 128, 255, 255, 127, 127, 1, 255, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(op('i16x8.extadd_pairwise_i8x16_s')(a)).toEqual(i16(-256, -2, 254, 0, 0, 0, 0, 0));
    expect(op('i16x8.extadd_pairwise_i8x16_u')(a)).toEqual(i16(256, 510, 254, 256, 0, 0, 0, 0));
    expect(op('i32x4.extadd_pairwise_i16x8_u')(i16(-1, -1, 0, 0, 0, 0, 0, 0))).toEqual(i32(131070, 0, 0, 0));
  });
});

describe('bits and bytes', () => {
  it('i8x16.popcnt', () => {
    expect(op('i8x16.popcnt')(bytes(0, 1, 0x55, 0xff, 0x80, 0x0f, 0xaa, 3, 0, 0, 0, 0, 0, 0, 0, 0))).toEqual(bytes(0, 1, 4, 8, 1, 4, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0));
  });
  it('i8x16.swizzle: indices >= 16 select 0', () => {
    const a = bytes(...Array.from({ length: 16 }, (_, i) => 100 + i));
    const s = bytes(15, 0, 16, 17, 0x80, 0xff, 31, 32, 1, 1, 14, 255, 7, 8, 9, 10);
    expect(op('i8x16.swizzle')(a, s)).toEqual(bytes(115, 100, 0, 0, 0, 0, 0, 0, 101, 101, 114, 0, 107, 108, 109, 110));
  });
  it('bitmask takes each lane top bit', () => {
    expect(op('i8x16.bitmask')(i8(-1, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5))).toBe(0x8005);
    expect(op('i16x8.bitmask')(i16(0, -1, 0, 0, 0, 0, 0, -32768))).toBe(0x82);
    expect(op('i32x4.bitmask')(i32(-1, -1, -1, -1))).toBe(15);
    expect(op('i64x2.bitmask')(i64(1n, -1n))).toBe(2);
  });
  it('shift counts are taken modulo the lane width', () => {
    expect(op('i8x16.shl')(i8(...Array(16).fill(1)), 9)).toEqual(i8(...Array(16).fill(2)));
    expect(op('i16x8.shr_s')(i16(-32768, 0, 0, 0, 0, 0, 0, 0), -1)).toEqual(i16(-1, 0, 0, 0, 0, 0, 0, 0));
    expect(op('i32x4.shr_u')(i32(-1, 0, 0, 0), 33)).toEqual(i32(0x7fffffff, 0, 0, 0));
    expect(op('i64x2.shr_u')(i64(-1n, -2n), 127)).toEqual(i64(1n, 1n));
    expect(op('i64x2.shl')(i64(1n, 3n), 64)).toEqual(i64(1n, 3n));
  });
  it('abs of the minimum lane is the minimum', () => {
    expect(op('i8x16.abs')(i8(-128, -1, 5, ...Array(13).fill(0)))).toEqual(i8(-128, 1, 5, ...Array(13).fill(0)));
    expect(op('i64x2.abs')(i64(-(1n << 63n), -3n))).toEqual(i64(-(1n << 63n), 3n));
  });
  it('bitselect, andnot, any_true, all_true', () => {
    expect(op('v128.bitselect')(bytes(...Array(16).fill(0xf0)), bytes(...Array(16).fill(0x0f)), bytes(...Array(16).fill(0x3c)))).toEqual(bytes(...Array(16).fill(0x33)));
    expect(op('v128.andnot')(bytes(...Array(16).fill(0xff)), bytes(...Array(16).fill(0x0f)))).toEqual(bytes(...Array(16).fill(0xf0)));
    expect(op('v128.any_true')(bytes(...Array(15).fill(0), 1))).toBe(1);
    expect(op('v128.any_true')(new Uint8Array(16))).toBe(0);
    expect(op('i32x4.all_true')(i32(1, 1, 1, 0x100))).toBe(1);
    expect(op('i16x8.all_true')(i32(1, 1, 1, 0x100))).toBe(0);
  });
});

describe('float lanes', () => {
  const nanPayload = u32(0x7fa00001, 0, 0, 0); // a signalling NaN
  it('pmin/pmax return an operand unchanged and do not propagate NaN: pmin(a, b) = b < a ? b : a', () => {
    const a = u32(0x7fa00001, 0x3f800000, 0x80000000, 0x00000000);
    const b = u32(0x3f800000, 0x7fa00001, 0x00000000, 0x80000000);
    expect(asU32(op('f32x4.pmin')(a, b))).toEqual([0x7fa00001, 0x3f800000, 0x80000000, 0x00000000]);
    expect(asU32(op('f32x4.pmax')(a, b))).toEqual([0x7fa00001, 0x3f800000, 0x80000000, 0x00000000]);
    expect(asF64(op('f64x2.pmin')(f64(2, -Infinity), f64(1, 3)))).toEqual([1, -Infinity]);
    expect(asF64(op('f64x2.pmax')(f64(2, -Infinity), f64(1, 3)))).toEqual([2, 3]);
  });
  it('min/max propagate NaN (quieted) and order -0 < +0', () => {
    const r = asU32(op('f32x4.min')(u32(0x7fa00001, 0x80000000, 0, 0x3f800000), u32(0, 0, 0x80000000, 0x7fc00000)));
    expect(r).toEqual([0x7fe00001, 0x80000000, 0x80000000, 0x7fc00000]);
  });
  it('abs and neg keep NaN payloads bit for bit', () => {
    expect(asU32(op('f32x4.neg')(nanPayload))).toEqual([0xffa00001, 0x80000000, 0x80000000, 0x80000000]);
    expect(asU32(op('f32x4.abs')(u32(0xffa00001, 0x80000000, 1, 0xff800000)))).toEqual([0x7fa00001, 0, 1, 0x7f800000]);
  });
  it('f32x4.nearest rounds ties to even and keeps the sign of zero', () => {
    expect(asF32(op('f32x4.nearest')(f32(0.5, 1.5, 2.5, -2.5)))).toEqual([0, 2, 2, -2]);
    expect(Object.is(asF32(op('f32x4.nearest')(f32(-0.5, 0, 0, 0)))[0], -0)).toBe(true);
    expect(asF32(op('f32x4.nearest')(f32(8388609, 3.5, -3.5, 0.49999997)))).toEqual([8388609, 4, -4, 0]);
  });
  it('f64x2.nearest and ceil at ties and signs', () => {
    expect(asF64(op('f64x2.nearest')(f64(4503599627370497, -1.5)))).toEqual([4503599627370497, -2]);
    expect(Object.is(asF64(op('f64x2.ceil')(f64(-0.5, 0.5)))[0], -0)).toBe(true);
  });
  it('arithmetic NaN lanes count as nondeterministic, others do not', () => {
    const before = nondeterminism.nans;
    op('f32x4.add')(f32(1, 2, 3, 4), f32(1, 2, 3, 4));
    expect(nondeterminism.nans).toBe(before);
    const r = asU32(op('f32x4.add')(u32(0x7fc00000, 0xffa00001, 0x7f800000, 0), u32(0, 0, 0xff800000, 0)));
    expect(nondeterminism.nans).toBe(before + 3);
    expect(r).toEqual([0x7fc00000, 0x7fe00001, 0x7fc00000, 0]);
  });
});

describe('conversions', () => {
  it('i32x4.trunc_sat_f64x2_s_zero / _u_zero fill lanes 2 and 3 with zeros', () => {
    expect(op('i32x4.trunc_sat_f64x2_s_zero')(f64(NaN, 1e10))).toEqual(i32(0, 0x7fffffff, 0, 0));
    expect(op('i32x4.trunc_sat_f64x2_s_zero')(f64(-1e10, -2.9))).toEqual(i32(-2147483648, -2, 0, 0));
    expect(op('i32x4.trunc_sat_f64x2_u_zero')(f64(-1.5, 4294967296))).toEqual(u32(0, 0xffffffff, 0, 0));
    expect(op('i32x4.trunc_sat_f64x2_u_zero')(f64(-0.9, 4294967295.9))).toEqual(u32(0, 0xffffffff, 0, 0));
  });
  it('i32x4.trunc_sat_f32x4', () => {
    expect(op('i32x4.trunc_sat_f32x4_s')(f32(2147483648, -2147483904, NaN, -1.9))).toEqual(i32(0x7fffffff, -2147483648, 0, -1));
    expect(op('i32x4.trunc_sat_f32x4_u')(f32(4294967296, -1, 4294967040, 1.9))).toEqual(u32(0xffffffff, 0, 4294967040, 1));
  });
  it('f32x4.demote_f64x2_zero rounds to nearest and zeroes lanes 2 and 3', () => {
    const r = op('f32x4.demote_f64x2_zero')(f64(1 + 2 ** -24, 3.4028235677973366e38));
    expect(asU32(r)).toEqual([0x3f800000, 0x7f800000, 0, 0]);
    // 1.5 ulp above 1 is a tie: to even (2 ulp); 0.75 ulp rounds to 1 ulp; tiny negatives to -0.
    expect(asU32(op('f32x4.demote_f64x2_zero')(f64(1 + 3 * 2 ** -24, -1e-50)))).toEqual([0x3f800002, 0x80000000, 0, 0]);
    expect(asU32(op('f32x4.demote_f64x2_zero')(f64(1 + 3 * 2 ** -25, 1 + 2 ** -24)))).toEqual([0x3f800001, 0x3f800000, 0, 0]);
  });
  it('f64x2.promote_low_f32x4 takes lanes 0 and 1 exactly', () => {
    const r = asF64(op('f64x2.promote_low_f32x4')(f32(0.1, -0, 7, 8)));
    expect(r[0]).toBe(Math.fround(0.1));
    expect(Object.is(r[1], -0)).toBe(true);
  });
  it('convert_low and convert_i32x4, signed and unsigned', () => {
    expect(asF64(op('f64x2.convert_low_i32x4_s')(i32(-1, -2147483648, 5, 6)))).toEqual([-1, -2147483648]);
    expect(asF64(op('f64x2.convert_low_i32x4_u')(i32(-1, -2147483648, 5, 6)))).toEqual([4294967295, 2147483648]);
    expect(asF32(op('f32x4.convert_i32x4_u')(i32(-1, 16777217, 16777219, 0)))).toEqual([4294967296, 16777216, 16777220, 0]);
    expect(asF32(op('f32x4.convert_i32x4_s')(i32(-16777217, 2147483647, -2147483648, 1)))).toEqual([-16777216, 2147483648, -2147483648, 1]);
  });
});
