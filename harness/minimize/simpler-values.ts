// Simpler values for a constant or an argument, most preferred first: 0, 1,
// -1, then fewer significant bits. Every candidate is strictly simpler than
// the value by a fixed measure, so repeating the constant pass always ends.
// Floats work on their bit patterns (NaN payloads and -0 are values too).

/** 0 < 1 < -1 < anything else, which is ranked by its significant bits. */
function intComplexity(v: bigint): number {
  if (v === 0n) return 0;
  if (v === 1n) return 1;
  if (v === -1n) return 2;
  return 3 + (v < 0n ? ~v : v).toString(2).length;
}

/** Simpler signed integers of `width` bits than `v`. */
export function simplerInts(v: bigint, width: 32 | 64): bigint[] {
  const candidates = [0n, 1n, -1n, BigInt.asIntN(8, v), BigInt.asIntN(16, v), BigInt.asIntN(width === 64 ? 32 : 16, v), v >> 1n];
  return simplerBy(v, candidates, intComplexity);
}

interface FloatFormat {
  width: 32 | 64;
  expBits: bigint;
  mantBits: bigint;
  one: bigint;
}

export const F32: FloatFormat = { width: 32, expBits: 8n, mantBits: 23n, one: 0x3f800000n };
export const F64: FloatFormat = { width: 64, expBits: 11n, mantBits: 52n, one: 0x3ff0000000000000n };

function fields(fmt: FloatFormat, bits: bigint) {
  const mantMask = (1n << fmt.mantBits) - 1n;
  const expMax = (1n << fmt.expBits) - 1n;
  return {
    sign: bits >> (fmt.mantBits + fmt.expBits),
    exp: (bits >> fmt.mantBits) & expMax,
    mant: bits & mantMask,
    expMax,
    signBit: 1n << (fmt.mantBits + fmt.expBits),
  };
}

/** +0 < 1 < -1 < anything else, ranked by sign, significant mantissa bits and distance of the exponent from 1. */
function floatComplexity(fmt: FloatFormat, bits: bigint): number {
  const { sign, exp, mant, expMax, signBit } = fields(fmt, bits);
  if (bits === 0n) return 0;
  if (bits === fmt.one) return 1;
  if (bits === (fmt.one | signBit)) return 2;
  const bias = (expMax >> 1n);
  const expCost = exp === 0n || exp === expMax ? 0 : (exp > bias ? exp - bias : bias - exp).toString(2).length;
  return 3 + Number(sign) + significantBits(fmt, mant) + expCost;
}

/** Mantissa bits down to the lowest set one: the precision the value needs. */
function significantBits(fmt: FloatFormat, mant: bigint): number {
  if (mant === 0n) return 0;
  let trailing = 0n;
  while (((mant >> trailing) & 1n) === 0n) trailing++;
  return Number(fmt.mantBits - trailing);
}

/** Simpler bit patterns than `bits` for a float of format `fmt`. */
export function simplerFloats(fmt: FloatFormat, bits: bigint): bigint[] {
  const { exp, mant, expMax, signBit } = fields(fmt, bits);
  const candidates = [0n, fmt.one, fmt.one | signBit, signBit, bits & ~signBit];
  if (exp === expMax && mant !== 0n) candidates.push((bits & signBit) | (expMax << fmt.mantBits) | (1n << (fmt.mantBits - 1n)));
  else if (exp !== expMax) candidates.push(truncated(fmt, bits), halfMantissa(fmt, bits));
  return simplerBy(bits, candidates, (b) => floatComplexity(fmt, b));
}

/** The value rounded towards zero to an integer. */
function truncated(fmt: FloatFormat, bits: bigint): bigint {
  const view = new DataView(new ArrayBuffer(8));
  if (fmt.width === 32) {
    view.setUint32(0, Number(bits));
    view.setFloat32(0, Math.trunc(view.getFloat32(0)));
    return BigInt(view.getUint32(0));
  }
  view.setBigUint64(0, bits);
  view.setFloat64(0, Math.trunc(view.getFloat64(0)));
  return view.getBigUint64(0);
}

/** The mantissa with the lower half of its significant bits cleared. */
function halfMantissa(fmt: FloatFormat, bits: bigint): bigint {
  const { mant } = fields(fmt, bits);
  const significant = significantBits(fmt, mant);
  const lowest = fmt.mantBits - BigInt(significant) + BigInt(Math.ceil(significant / 2));
  return bits & ~((1n << lowest) - 1n);
}

function simplerBy<T>(v: T, candidates: T[], complexity: (x: T) => number): T[] {
  const limit = complexity(v);
  const out: T[] = [];
  for (const c of candidates) if (complexity(c) < limit && !out.includes(c)) out.push(c);
  return out;
}
