// Float constants as text that parses back to the identical bits (spec 6.3.2):
// NaNs keep sign and payload, finite values print as exact hexadecimal floats
// (a decimal literal may round differently in a parser), with the shortest
// round-tripping decimal in a comment for the reader.

interface FloatFormat {
  /** number of fraction (mantissa) bits */
  fracBits: number;
  /** exponent bias */
  bias: number;
  /** number of exponent bits */
  expBits: number;
}

const F32: FloatFormat = { fracBits: 23, bias: 127, expBits: 8 };
const F64: FloatFormat = { fracBits: 52, bias: 1023, expBits: 11 };

/** `f32.const` operand text for IEEE-754 single bits (unsigned 32-bit). */
export function formatF32(bits: number): string {
  const text = formatBits(BigInt(bits >>> 0), F32);
  const value = new DataView(Uint32Array.of(bits >>> 0).buffer).getFloat32(0, true);
  return withDecimal(text, value, shortestF32);
}

/** `f64.const` operand text for IEEE-754 double bits (unsigned 64-bit). */
export function formatF64(bits: bigint): string {
  const u = BigInt.asUintN(64, bits);
  const text = formatBits(u, F64);
  const value = new DataView(BigUint64Array.of(u).buffer).getFloat64(0, true);
  return withDecimal(text, value, (x) => String(x));
}

/** The exact text of a float without comment: `nan:0x200000`, `-inf`, `0x1.8p+1`. */
export function floatLiteral(bits: bigint, width: 32 | 64): string {
  return formatBits(BigInt.asUintN(width, bits), width === 32 ? F32 : F64);
}

function formatBits(bits: bigint, f: FloatFormat): string {
  const fracMask = (1n << BigInt(f.fracBits)) - 1n;
  const expMask = (1n << BigInt(f.expBits)) - 1n;
  const sign = bits >> BigInt(f.fracBits + f.expBits) === 1n ? '-' : '';
  const exp = Number((bits >> BigInt(f.fracBits)) & expMask);
  const frac = bits & fracMask;
  if (exp === Number(expMask)) {
    if (frac === 0n) return `${sign}inf`;
    const canonical = 1n << BigInt(f.fracBits - 1);
    return frac === canonical ? `${sign}nan` : `${sign}nan:0x${frac.toString(16)}`;
  }
  if (exp === 0 && frac === 0n) return `${sign}0x0p+0`;
  const [fraction, exponent] = exp === 0 ? normalizeSubnormal(frac, f) : [frac, exp - f.bias];
  return `${sign}0x1${hexFraction(fraction, f.fracBits)}p${exponent >= 0 ? '+' : ''}${exponent}`;
}

/** A subnormal's fraction shifted so the leading one becomes implicit, with its true exponent. */
function normalizeSubnormal(frac: bigint, f: FloatFormat): [bigint, number] {
  const top = frac.toString(2).length - 1; // position of the leading one
  const rest = frac ^ (1n << BigInt(top));
  return [rest << BigInt(f.fracBits - top), top - f.fracBits + 1 - f.bias];
}

/** `.8` for a fraction 0b1000..., empty for zero; trailing zero digits dropped. */
function hexFraction(frac: bigint, fracBits: number): string {
  if (frac === 0n) return '';
  const digits = Math.ceil(fracBits / 4);
  const aligned = frac << BigInt(digits * 4 - fracBits);
  return '.' + aligned.toString(16).padStart(digits, '0').replace(/0+$/, '');
}

function withDecimal(text: string, value: number, decimal: (x: number) => string): string {
  if (!Number.isFinite(value) || value === 0) return text;
  return `${text} (;=${decimal(value)};)`;
}

/** The shortest decimal that reads back as the same f32. */
function shortestF32(x: number): string {
  for (let p = 1; p < 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return x.toPrecision(9);
}
