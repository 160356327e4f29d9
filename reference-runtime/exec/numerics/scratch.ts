// One 8-byte scratch buffer seen through every view the numerics need, so that
// float values move between their bits and JS numbers without ever passing a
// float32 through a JS double (which would quiet a signaling NaN).
// All numeric functions run synchronously, so sharing one buffer is safe.

const buffer = new ArrayBuffer(8);

export const scratchF64 = new Float64Array(buffer);
export const scratchF32 = new Float32Array(buffer);
export const scratchI32 = new Int32Array(buffer);
export const scratchI64 = new BigInt64Array(buffer);

/** Index in `scratchI32` of the high (sign and exponent) word of `scratchF64[0]`: typed arrays use the platform's byte order. */
export const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** Index in `scratchI32` of the low word of `scratchF64[0]` and `scratchI64[0]`. */
export const LO = 1 - HI;

/** The f32 with these bits, as a JS double (exact, except that a NaN loses its identity). */
export function f32Value(bits: number): number {
  scratchI32[0] = bits;
  return scratchF32[0]!;
}

/** The bits of `x` rounded to binary32 (round to nearest, ties to even): one correct rounding. */
export function f32Bits(x: number): number {
  scratchF32[0] = x;
  return scratchI32[0]!;
}

/** The f64 with these bits (taken modulo 2^64), as a JS double: a NaN keeps its payload. */
export function f64Value(bits: bigint): number {
  scratchI64[0] = bits;
  return scratchF64[0]!;
}
