// fma_N(z1, z2, z3): z1 * z2 + z3 rounded once (IEEE 754 fusedMultiplyAdd,
// round to nearest, ties to even), the fused alternative of relaxed_madd.
// JS has no fma, so finite cases compute the exact sum as a BigInt multiple of
// a power of two and round it to the format once. NaN results follow the
// spec's NaN rule (nan.ts) over the three operands.
import { nan32of2, nan64of2 } from '../nan.js';
import { f32Bits, f32Value, HI, LO, scratchF64, scratchI32 } from '../scratch.js';

interface Format {
  /** significand bits, hidden bit included */
  precision: number;
  /** exponent of the smallest subnormal's unit: every value is a multiple of 2^quantum */
  quantum: number;
  /** largest exponent of a finite value's leading bit */
  emax: number;
}

const BINARY64: Format = { precision: 53, quantum: -1074, emax: 1023 };
const BINARY32: Format = { precision: 24, quantum: -149, emax: 127 };

/** A finite double as (-1)^negative * mantissa * 2^exponent. */
interface Exact {
  negative: boolean;
  mantissa: bigint;
  exponent: number;
}

function exact(x: number): Exact {
  scratchF64[0] = x;
  const hi = scratchI32[HI]!;
  const field = (hi >>> 20) & 0x7ff;
  const fraction = (hi & 0xfffff) * 2 ** 32 + (scratchI32[LO]! >>> 0);
  const mantissa = BigInt(field === 0 ? fraction : fraction + 2 ** 52);
  return { negative: hi < 0, mantissa, exponent: (field === 0 ? 1 : field) - 1075 };
}

/** (-1)^negative * magnitude * 2^exponent rounded once to `f` (magnitude > 0): a double holding the rounded value. */
function roundTo(f: Format, negative: boolean, magnitude: bigint, exponent: number): number {
  const lead = exponent + magnitude.toString(2).length - 1;
  const q = Math.max(lead - (f.precision - 1), f.quantum);
  let m: bigint;
  if (q <= exponent) {
    m = magnitude << BigInt(exponent - q);
  } else {
    const shift = BigInt(q - exponent);
    m = magnitude >> shift;
    const rest = magnitude - (m << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
  }
  const overflow = m !== 0n && q + m.toString(2).length - 1 > f.emax;
  // m < 2^(precision+1) and q >= quantum: the product is exact whenever it is finite
  const value = overflow ? Infinity : Number(m) * 2 ** q;
  return negative ? -value : value;
}

/** x * y + z rounded once to `f`, for doubles holding values of `f`; NaN when the result is a NaN. */
function fused(f: Format, x: number, y: number, z: number): number {
  if (x !== x || y !== y || z !== z) return NaN;
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    // inf * 0 is invalid; inf * y + (-inf of the other sign) too
    const product = x * y;
    return product !== product || (z === -product) ? NaN : product;
  }
  if (!Number.isFinite(z)) return z;
  // an exact zero product: IEEE addition of signed zeros and z is already exact
  if (x === 0 || y === 0) return x * y + z;
  const a = exact(x);
  const b = exact(y);
  const c = exact(z);
  const productNegative = a.negative !== b.negative;
  const productExponent = a.exponent + b.exponent;
  let product = a.mantissa * b.mantissa;
  if (z === 0) return roundTo(f, productNegative, product, productExponent);
  const base = Math.min(productExponent, c.exponent);
  product <<= BigInt(productExponent - base);
  const addend = c.mantissa << BigInt(c.exponent - base);
  const sum = (productNegative ? -product : product) + (c.negative ? -addend : addend);
  // an exact zero sum of nonzero terms is +0 under round to nearest
  if (sum === 0n) return 0;
  return sum < 0n ? roundTo(f, true, -sum, base) : roundTo(f, false, sum, base);
}

/** fma on f64 lanes (doubles). */
export function fma64(x: number, y: number, z: number): number {
  const r = fused(BINARY64, x, y, z);
  return r === r ? r : nan64of2(x, nan64of2(y, z));
}

/** fma on f32 lanes (int32 bits). */
export function fma32(x: number, y: number, z: number): number {
  const r = fused(BINARY32, f32Value(x), f32Value(y), f32Value(z));
  // the NaN rule reads the operands' bits: f32Value does not keep a NaN's payload
  return r === r ? f32Bits(r) : nan32of2(x, nan32of2(y, z));
}
