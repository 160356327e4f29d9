// The NaN rule of spec 4.3.3: when an arithmetic operation returns a NaN, the
// result is a canonical NaN if every NaN operand is canonical (or there is
// none), and otherwise any arithmetic NaN (quiet bit set, any payload, any
// sign). The spec allows a set; the oracle returns one deterministic member
// and counts the choice in `nondeterminism`, so that the interpreter can
// report "any NaN of this class" instead of exact bits. Every function here is
// only reached on the NaN branch of an operation: the fast path pays nothing.
//
// This file is also the one definition of the NaN sets (canonical,
// arithmetic) that everything else asks: result checks of scripts and of
// invocations, the comparison with runtimes, the classes of findings. f32s
// are their bits as a number; f64s either a JS double (the interpreter's
// representation) or their bits as a bigint (values in the API and in plans).

import { f64Value, HI, LO, scratchF64, scratchI32 } from './scratch.js';

/** Counts operations whose NaN result was picked from a set of allowed results. */
export const nondeterminism = { nans: 0 };

/** The positive canonical f32 NaN; with the sign cleared (& MAGNITUDE32) every canonical NaN is this. */
export const CANONICAL_NAN32 = 0x7fc00000;
export const CANONICAL_NAN64_HI = 0x7ff80000;
/** The positive canonical f64 NaN's bits; with the sign cleared (& MAGNITUDE64) every canonical NaN is this. */
export const CANONICAL_NAN64_BITS = 0x7ff8_0000_0000_0000n;
/** Everything but the sign bit. */
export const MAGNITUDE32 = 0x7fffffff;
export const MAGNITUDE64 = 0x7fff_ffff_ffff_ffffn;
const INFINITY32 = 0x7f800000;

/** The positive canonical f64 NaN, 0x7ff8000000000000, built from its bits. */
export const CANONICAL_NAN64: number = f64FromWords(CANONICAL_NAN64_HI, 0);

function f64FromWords(hi: number, lo: number): number {
  scratchI32[HI] = hi;
  scratchI32[LO] = lo;
  return scratchF64[0]!;
}

export function isNaN32(bits: number): boolean {
  return (bits & MAGNITUDE32) > INFINITY32;
}

/** A canonical NaN has payload exactly 2^(23-1), with either sign. */
export function isCanonicalNaN32(bits: number): boolean {
  return (bits & MAGNITUDE32) === CANONICAL_NAN32;
}

/** An arithmetic NaN has the quiet bit set (canonical NaNs are arithmetic too). */
export function isArithmeticNaN32(bits: number): boolean {
  return (bits & CANONICAL_NAN32) === CANONICAL_NAN32;
}

// An f64's NaN sets are defined once, on the words of its double (below);
// its bits as a bigint are read as that double, which keeps a NaN's payload
// (the interpreter's own f64 representation relies on the same).

export function isNaN64Bits(bits: bigint): boolean {
  return Number.isNaN(f64Value(bits));
}

export function isCanonicalNaN64Bits(bits: bigint): boolean {
  return isCanonicalNaN64(f64Value(bits));
}

export function isArithmeticNaN64Bits(bits: bigint): boolean {
  return isArithmeticNaN64(f64Value(bits));
}

/** A canonical NaN has payload exactly 2^(52-1), with either sign. */
export function isCanonicalNaN64(x: number): boolean {
  scratchF64[0] = x;
  return (scratchI32[HI]! & MAGNITUDE32) === CANONICAL_NAN64_HI && scratchI32[LO] === 0;
}

/** An arithmetic NaN has the quiet bit set (canonical NaNs are arithmetic too). */
export function isArithmeticNaN64(x: number): boolean {
  scratchF64[0] = x;
  return (scratchI32[HI]! & CANONICAL_NAN64_HI) === CANONICAL_NAN64_HI;
}

function nonCanonicalNaN32(bits: number): boolean {
  const magnitude = bits & MAGNITUDE32;
  return magnitude > INFINITY32 && magnitude !== CANONICAL_NAN32;
}

const QUIET32 = 0x00400000;
const QUIET64_HI = 0x00080000;

/** Positive, quiet, same payload otherwise. */
function quiet32(bits: number): number {
  return (bits & MAGNITUDE32) | QUIET32;
}

/** The NaN result of a unary f32 operation on `a`. */
export function nan32(a: number): number {
  nondeterminism.nans++;
  return nonCanonicalNaN32(a) ? quiet32(a) : CANONICAL_NAN32;
}

/** The NaN result of a binary f32 operation: the first non-canonical NaN operand decides. */
export function nan32of2(a: number, b: number): number {
  nondeterminism.nans++;
  if (nonCanonicalNaN32(a)) return quiet32(a);
  if (nonCanonicalNaN32(b)) return quiet32(b);
  return CANONICAL_NAN32;
}

/** If `x` is a NaN with a non-canonical payload, the positive quiet NaN with its payload; else undefined. */
function quietNonCanonical64(x: number): number | undefined {
  if (x === x) return undefined;
  scratchF64[0] = x;
  const hi = scratchI32[HI]! & MAGNITUDE32;
  if (hi === CANONICAL_NAN64_HI && scratchI32[LO] === 0) return undefined;
  scratchI32[HI] = hi | QUIET64_HI;
  return scratchF64[0]!;
}

/** The NaN result of a unary f64 operation on `a`. */
export function nan64(a: number): number {
  nondeterminism.nans++;
  return quietNonCanonical64(a) ?? CANONICAL_NAN64;
}

/** The NaN result of a binary f64 operation: the first non-canonical NaN operand decides. */
export function nan64of2(a: number, b: number): number {
  nondeterminism.nans++;
  return quietNonCanonical64(a) ?? quietNonCanonical64(b) ?? CANONICAL_NAN64;
}

/** f32.demote_f64 of a NaN: canonical stays canonical, otherwise the payload's top 23 bits, quieted. */
export function demoteNaN(x: number): number {
  nondeterminism.nans++;
  scratchF64[0] = x;
  const hi = scratchI32[HI]! & MAGNITUDE32;
  const lo = scratchI32[LO]!;
  if (hi === CANONICAL_NAN64_HI && lo === 0) return CANONICAL_NAN32;
  return CANONICAL_NAN32 | ((hi & 0x000fffff) << 3) | (lo >>> 29);
}

/** f64.promote_f32 of a NaN: canonical stays canonical, otherwise the payload widened, quieted. */
export function promoteNaN(bits: number): number {
  nondeterminism.nans++;
  if (isCanonicalNaN32(bits)) return CANONICAL_NAN64;
  const payload = bits & 0x007fffff;
  return f64FromWords(CANONICAL_NAN64_HI | (payload >>> 3), payload << 29);
}
