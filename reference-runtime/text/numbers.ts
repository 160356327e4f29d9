// Numeric literals of the text format (spec 6.3.1): integers with optional
// sign, hex prefix and `_` separators, and floats in decimal or hex notation,
// `inf`, `nan` and `nan:0x...`. Floats are rounded exactly (BigInt rational
// arithmetic, round to nearest, ties to even) straight to the target width, so
// an f32 literal is never rounded twice through a JS double.

const DEC = '[0-9](?:_?[0-9])*';
const HEX = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
const INT_RE = new RegExp(`^([+-]?)(?:0x(${HEX})|(${DEC}))$`);
const DEC_FLOAT_RE = new RegExp(`^([+-]?)(${DEC})(?:\\.(${DEC})?)?(?:[eE]([+-]?${DEC}))?$`);
const HEX_FLOAT_RE = new RegExp(`^([+-]?)0x(${HEX})(?:\\.(${HEX})?)?(?:[pP]([+-]?${DEC}))?$`);
const NAN_RE = new RegExp(`^([+-]?)nan(?::0x(${HEX}))?$`);
const INF_RE = /^([+-]?)inf$/;

/** Thrown for a well-formed literal whose value does not fit; the parser turns it into a ParseError. */
export class LiteralRangeError extends Error {}

export interface IntLiteral {
  /** '' when unsigned, otherwise '+' or '-' */
  sign: '' | '+' | '-';
  /** magnitude */
  magnitude: bigint;
}

function digits(s: string): string {
  return s.replace(/_/g, '');
}

/** Parses an integer literal's syntax, or returns undefined when the text is not one. */
export function intLiteral(text: string): IntLiteral | undefined {
  const m = INT_RE.exec(text);
  if (m === null) return undefined;
  const magnitude = m[2] !== undefined ? BigInt('0x' + digits(m[2])) : BigInt(digits(m[3]!));
  return { sign: m[1] as IntLiteral['sign'], magnitude };
}

/** Whether the text is a float literal (an integer literal is one too). */
export function isFloatLiteral(text: string): boolean {
  return DEC_FLOAT_RE.test(text) || HEX_FLOAT_RE.test(text) || NAN_RE.test(text) || INF_RE.test(text);
}

/** Whether the text is any numeric literal. */
export function isNumberLiteral(text: string): boolean {
  return INT_RE.test(text) || isFloatLiteral(text);
}

/** An unsigned literal (spec uN): no sign, value < 2^bits. Undefined when the syntax is not uN. */
export function parseUnsigned(text: string, bits: number): bigint | undefined {
  const lit = intLiteral(text);
  if (lit === undefined || lit.sign !== '') return undefined;
  if (lit.magnitude >= 1n << BigInt(bits)) throw new LiteralRangeError('constant out of range');
  return lit.magnitude;
}

/**
 * An iN literal (spec: uN or sN) as a signed BigInt of the two's complement
 * value. Undefined when the text is not an integer literal.
 */
export function parseIntN(text: string, bits: number): bigint | undefined {
  const lit = intLiteral(text);
  if (lit === undefined) return undefined;
  const half = 1n << BigInt(bits - 1);
  const { sign, magnitude } = lit;
  const fits = sign === '' ? magnitude < half * 2n : sign === '+' ? magnitude < half : magnitude <= half;
  if (!fits) throw new LiteralRangeError('constant out of range');
  const value = sign === '-' ? -magnitude : magnitude;
  return BigInt.asIntN(bits, value);
}

export function parseI32(text: string): number | undefined {
  const v = parseIntN(text, 32);
  return v === undefined ? undefined : Number(v);
}

export function parseI64(text: string): bigint | undefined {
  return parseIntN(text, 64);
}

interface FloatFormat {
  /** explicit mantissa bits */
  mant: number;
  /** exponent bits */
  exp: number;
}

const F32: FloatFormat = { mant: 23, exp: 8 };
const F64: FloatFormat = { mant: 52, exp: 11 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds the positive rational num/den to the format, ties to even, and
 * returns the unsigned bits without sign; throws when it rounds to infinity.
 */
function roundRational(num: bigint, den: bigint, f: FloatFormat): bigint {
  const bias = (1 << (f.exp - 1)) - 1;
  const emin = 1 - bias;
  const emax = bias;
  // k = floor(log2(num/den))
  let k = bitLength(num) - bitLength(den);
  const atLeast = k >= 0 ? num >= den << BigInt(k) : num << BigInt(-k) >= den;
  if (!atLeast) k -= 1;
  let e = Math.max(k, emin);
  const q = e - f.mant; // value of the last mantissa bit is 2^q
  let n = num;
  let d = den;
  if (q >= 0) d <<= BigInt(q);
  else n <<= BigInt(-q);
  let mant = n / d;
  const rem2 = (n % d) * 2n;
  if (rem2 > d || (rem2 === d && (mant & 1n) === 1n)) mant += 1n;
  const implicit = 1n << BigInt(f.mant);
  if (mant === implicit * 2n) {
    mant >>= 1n;
    e += 1;
  }
  if (e > emax) throw new LiteralRangeError('constant out of range');
  if (mant < implicit) return mant; // subnormal (or zero)
  return (BigInt(e + bias) << BigInt(f.mant)) | (mant - implicit);
}

/** The unsigned bits of a float literal of the format, or undefined when the text is not a float literal. */
function parseFloatBits(text: string, f: FloatFormat): bigint | undefined {
  const signBit = 1n << BigInt(f.mant + f.exp);
  const expAllOnes = ((1n << BigInt(f.exp)) - 1n) << BigInt(f.mant);
  const withSign = (negative: boolean, bits: bigint) => (negative ? bits | signBit : bits);

  let m = INF_RE.exec(text);
  if (m !== null) return withSign(m[1] === '-', expAllOnes);
  m = NAN_RE.exec(text);
  if (m !== null) {
    const payload = m[2] === undefined ? 1n << BigInt(f.mant - 1) : BigInt('0x' + digits(m[2]));
    if (payload === 0n || payload >= 1n << BigInt(f.mant)) throw new LiteralRangeError('constant out of range');
    return withSign(m[1] === '-', expAllOnes | payload);
  }
  let base: 2 | 10;
  let mantissa: bigint;
  let exponent: number; // value = mantissa * base^exponent
  let expText: string | undefined;
  m = HEX_FLOAT_RE.exec(text);
  if (m !== null) {
    base = 2;
    const frac = m[3] === undefined ? '' : digits(m[3]);
    mantissa = BigInt('0x' + digits(m[2]!) + frac);
    exponent = -4 * frac.length;
    expText = m[4];
  } else {
    m = DEC_FLOAT_RE.exec(text);
    if (m === null) return undefined;
    base = 10;
    const frac = m[3] === undefined ? '' : digits(m[3]);
    mantissa = BigInt(digits(m[2]!) + frac);
    exponent = -frac.length;
    expText = m[4];
  }
  const negative = m[1] === '-';
  if (mantissa === 0n) return withSign(negative, 0n);
  // Exponents far outside any format's range: decide without huge powers.
  const expValue = expText === undefined ? 0n : BigInt(digits(expText));
  const scale = base === 10 ? 3.33 : 1; // bits per unit of exponent, roughly
  const magnitudeBits = Number(expValue + BigInt(exponent)) * scale + bitLength(mantissa);
  if (magnitudeBits > 1200) throw new LiteralRangeError('constant out of range');
  if (magnitudeBits < -1300) return withSign(negative, 0n);
  exponent += Number(expValue);

  let num = mantissa;
  let den = 1n;
  const power = BigInt(base) ** BigInt(Math.abs(exponent));
  if (exponent >= 0) num *= power;
  else den = power;
  return withSign(negative, roundRational(num, den, f));
}

/** f32 literal as unsigned 32-bit IEEE bits; undefined when not a float literal; throws LiteralRangeError. */
export function parseF32(text: string): number | undefined {
  const bits = parseFloatBits(text, F32);
  return bits === undefined ? undefined : Number(bits);
}

/** f64 literal as unsigned 64-bit IEEE bits; undefined when not a float literal; throws LiteralRangeError. */
export function parseF64(text: string): bigint | undefined {
  return parseFloatBits(text, F64);
}
