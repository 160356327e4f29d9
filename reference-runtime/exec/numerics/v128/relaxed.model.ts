// An independent model of the relaxed SIMD operators for the property tests:
// lane by lane, unsigned lanes as BigInts, written from the spec's clause
// lists (Wasm 3.0 numerics, "Relaxed Operations") without the library's
// typed-array tricks. Base operators the relaxed ones defer to (fmin, fmax,
// fadd, fmul) come from the scalar numerics; the f32 fused multiply-add is
// modelled by round-to-odd in binary64, the f64 one is fma64 (fma.test.ts
// checks it against the definition of correct rounding).
import * as F32 from '../f32.js';
import * as F64 from '../f64.js';
import { fma64 } from './fma.js';
import { CANONICAL_NAN32, isNaN32, isNaN64Bits } from '../nan.js';
import { fromLanes, lanesOf } from './bigint-lanes.js';

const view = new DataView(new ArrayBuffer(8));

const signed = (x: bigint, bits: number) => BigInt.asIntN(bits, x);
const sat = (x: bigint, lo: bigint, hi: bigint) => (x < lo ? lo : x > hi ? hi : x);

/** The f32 or f64 value of unsigned lane bits. */
export function floatOf(x: bigint, bits: 32 | 64): number {
  if (bits === 32) {
    view.setUint32(0, Number(x));
    return view.getFloat32(0);
  }
  view.setBigUint64(0, x);
  return view.getFloat64(0);
}

function bitsOf(x: number, bits: 32 | 64): bigint {
  if (bits === 32) {
    view.setFloat32(0, x);
    return BigInt(view.getUint32(0));
  }
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

export function isNaNBits(x: bigint, bits: 32 | 64): boolean {
  return bits === 32 ? isNaN32(Number(x)) : isNaN64Bits(x);
}

const signBit = (bits: 32 | 64) => 1n << BigInt(bits - 1);

/** The scalar library on lane bits (f32 as int32 bits, f64 as a double whose bits it keeps). */
function scalar(bits: 32 | 64, f32: (...a: number[]) => number, f64: (...a: number[]) => number) {
  if (bits === 32) return (...a: bigint[]) => BigInt(f32(...a.map((x) => Number(signed(x, 32)))) >>> 0);
  return (...a: bigint[]) => {
    const r = f64(...a.map((x) => floatOf(x, 64)));
    return bitsOf(r, 64);
  };
}

/** f32 fma by round-to-odd: the exact product in binary64, plus z rounded to odd (TwoSum), then to binary32. */
export function modelFma32(x: number, y: number, z: number): number {
  const p = x * y; // exact: 24 + 24 bits
  const s = p + z;
  if (!Number.isFinite(s)) return s;
  const a = s - z;
  const b = s - a;
  const e = p - a + (z - b);
  if (e === 0 || (bitsOf(s, 64) & 1n) === 1n) return Math.fround(s);
  // the next double from s toward the exact sum: s is nonzero here (e is tiny against it)
  const away = s > 0 === e > 0;
  const odd = floatOf(bitsOf(s, 64) + (away ? 1n : -1n), 64);
  return Math.fround(odd);
}

/** One result vector per alternative of the operator's parameter, and whether the operands reach the relaxed clause. */
export interface Model {
  alternatives: Uint8Array[];
  reaches: boolean;
}

export function swizzleModel(a: Uint8Array, s: Uint8Array): Model {
  const reaches = [...s].some((j) => j >= 16 && j < 128);
  const alt = (k: number) => Uint8Array.from(s, (j) => (j < 16 ? a[j]! : j >= 128 ? 0 : k === 0 ? 0 : a[j % 16]!));
  return { alternatives: [alt(0), alt(1)], reaches };
}

export function truncModel(from: 32 | 64, isSigned: boolean, v: Uint8Array): Model {
  const count = from === 32 ? 4 : 2;
  const lanes = lanesOf(v, from).slice(0, count);
  const [lo, hi] = isSigned ? [-(2n ** 31n), 2n ** 31n - 1n] : [0n, 2n ** 32n - 1n];
  const choices = isSigned ? 2 : 4;
  let reaches = false;
  const laneAlternatives = lanes.map((x) => {
    const z = floatOf(x, from);
    const t = Number.isFinite(z) ? BigInt(Math.trunc(z)) : undefined;
    if (t !== undefined && t >= lo && t <= hi) return Array<bigint>(choices).fill(t);
    reaches = true;
    const saturated = t !== undefined ? sat(t, lo, hi) : z !== z ? 0n : z > 0 ? hi : lo;
    return isSigned ? [saturated, lo] : [saturated, 2n ** 32n - 1n, 2n ** 32n - 2n, 2n ** 31n];
  });
  const alternatives = Array.from({ length: choices }, (_, k) => fromLanes([...laneAlternatives.map((l) => l[k]!), 0n, 0n, 0n, 0n].slice(0, 4), 32));
  return { alternatives, reaches };
}

export function maddModel(bits: 32 | 64, negate: boolean, a: Uint8Array, b: Uint8Array, c: Uint8Array): Model {
  const add = scalar(bits, F32.add, F64.add);
  const mul = scalar(bits, F32.mul, F64.mul);
  const fused = (x: bigint, y: bigint, z: bigint): bigint => {
    if (bits === 64) return bitsOf(fma64(floatOf(x, 64), floatOf(y, 64), floatOf(z, 64)), 64);
    if ([x, y, z].some((w) => isNaNBits(w, 32))) return BigInt(CANONICAL_NAN32); // a NaN: compared by class
    return bitsOf(modelFma32(floatOf(x, 32), floatOf(y, 32), floatOf(z, 32)), 32);
  };
  const xs = lanesOf(a, bits).map((x) => (negate ? x ^ signBit(bits) : x));
  const ys = lanesOf(b, bits);
  const zs = lanesOf(c, bits);
  let reaches = false;
  const pairs = xs.map((x, i) => {
    const u = add(mul(x, ys[i]!), zs[i]!);
    const f = fused(x, ys[i]!, zs[i]!);
    if (u !== f && !(isNaNBits(u, bits) && isNaNBits(f, bits))) reaches = true;
    return [u, f];
  });
  return { alternatives: [0, 1].map((k) => fromLanes(pairs.map((p) => p[k]!), bits)), reaches };
}

export function minMaxModel(bits: 32 | 64, isMin: boolean, a: Uint8Array, b: Uint8Array): Model {
  const base = isMin ? scalar(bits, F32.min, F64.min) : scalar(bits, F32.max, F64.max);
  const zero = isMin ? signBit(bits) : 0n;
  let reaches = false;
  const ys = lanesOf(b, bits);
  const laneAlternatives = lanesOf(a, bits).map((z1, i) => {
    const z2 = ys[i]!;
    const isZero = (x: bigint) => (x & ~signBit(bits)) === 0n;
    let alts: bigint[] | undefined;
    if (isNaNBits(z1, bits)) alts = [base(z1, z2), z1, z2, z2];
    else if (isNaNBits(z2, bits)) alts = [base(z1, z2), z1, z2, z1];
    else if (isZero(z1) && isZero(z2) && z1 !== z2) alts = [base(z1, z2), z1, z2, zero];
    if (alts === undefined) return Array<bigint>(4).fill(base(z1, z2));
    reaches = true;
    return alts;
  });
  return { alternatives: [0, 1, 2, 3].map((k) => fromLanes(laneAlternatives.map((l) => l[k]!), bits)), reaches };
}

export function laneselectModel(bits: 8 | 16 | 32 | 64, a: Uint8Array, b: Uint8Array, m: Uint8Array): Model {
  const ones = (1n << BigInt(bits)) - 1n;
  const xs = lanesOf(a, bits);
  const ys = lanesOf(b, bits);
  const ms = lanesOf(m, bits);
  const top = ms.map((x) => (x >> BigInt(bits - 1) === 1n ? ones : 0n));
  const select = (masks: bigint[]) => fromLanes(xs.map((x, i) => (x & masks[i]!) | (ys[i]! & ~masks[i]! & ones)), bits);
  return { alternatives: [select(ms), select(top)], reaches: ms.some((x) => x !== 0n && x !== ones) };
}

export function q15mulrModel(a: Uint8Array, b: Uint8Array): Model {
  const xs = lanesOf(a, 16).map((x) => signed(x, 16));
  const ys = lanesOf(b, 16).map((x) => signed(x, 16));
  const min = -(2n ** 15n);
  const alt = (k: number) =>
    fromLanes(
      xs.map((x, i) => (x === min && ys[i] === min ? (k === 0 ? 2n ** 15n - 1n : min) : sat((x * ys[i]! + 2n ** 14n) >> 15n, min, 2n ** 15n - 1n))),
      16,
    );
  return { alternatives: [alt(0), alt(1)], reaches: xs.some((x, i) => x === min && ys[i] === min) };
}

/** The i16x8 dot product lanes under alternative k (i2 lanes signed for 0, unsigned for 1), saturated pair sums. */
function dotLanes(a: Uint8Array, b: Uint8Array, k: number): bigint[] {
  const xs = lanesOf(a, 8).map((x) => signed(x, 8));
  const ys = lanesOf(b, 8).map((x) => (k === 0 ? signed(x, 8) : x));
  return Array.from({ length: 8 }, (_, i) => sat(xs[2 * i]! * ys[2 * i]! + xs[2 * i + 1]! * ys[2 * i + 1]!, -(2n ** 15n), 2n ** 15n - 1n));
}

export function dotModel(a: Uint8Array, b: Uint8Array): Model {
  return { alternatives: [0, 1].map((k) => fromLanes(dotLanes(a, b, k), 16)), reaches: [...b].some((x) => x >= 0x80) };
}

export function dotAddModel(a: Uint8Array, b: Uint8Array, c: Uint8Array): Model {
  const cs = lanesOf(c, 32).map((x) => signed(x, 32));
  const alt = (k: number) => {
    const d = dotLanes(a, b, k);
    return fromLanes(cs.map((z, i) => d[2 * i]! + d[2 * i + 1]! + z), 32);
  };
  return { alternatives: [alt(0), alt(1)], reaches: [...b].some((x) => x >= 0x80) };
}
