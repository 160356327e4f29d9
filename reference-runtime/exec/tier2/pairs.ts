// i64 in tier 2 as two int32 JavaScript numbers, its low and high words: a
// BigInt per operation allocates, and V8 keeps int32s in registers. These
// are the statements of the i64 operations a hot loop spends its time on
// (arithmetic without traps, bitwise, shifts, comparisons, extensions,
// conversion to f64; loads and stores are memory.ts'). Every other operation on an i64 runs the
// numerics library's function (translate.ts), through a BigInt made from
// the two words and split back. pairs.test.ts checks each statement against
// that library on boundary and random operands: the library stays the one
// statement of the semantics, these are its exact fast paths.
//
// A statement is text with holes that translate.ts fills with variables:
// $0$ and $1$ the operands (an i64's low word), $0h$ and $1h$ an i64
// operand's high word, $r$ the result (its low word), $rh$ its high word.
// Each reads every operand before it writes a result, as a result variable
// may be an operand's.

/** The unsigned high word of the 64-bit product of two uint32 (as int32): in 16-bit halves, each product exact in a double. */
export function mulHiU(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const m1 = a1 * b0 + ((a0 * b0) >>> 16);
  const m2 = a0 * b1 + (m1 & 0xffff);
  return (a1 * b1 + Math.floor(m1 / 65536) + Math.floor(m2 / 65536)) | 0;
}

/** Set the result from the consts `l` and `h` (after every operand was read). */
const SET = '$r$ = l; $rh$ = h;';
const U = (x: string) => `(${x} >>> 0)`;

/** A shift or rotation count: the low word's low 6 bits. */
const COUNT = 'const n = $1$ & 63;';

/** Rotating left by `n` (a const in scope, 0..63): the halves swapped past 32, then both shifted by the rest. */
const ROTATE = [
  'const x = n < 32 ? $0$ : $0h$, y = n < 32 ? $0h$ : $0$, m = n & 31;',
  'const l = m === 0 ? x : (x << m) | (y >>> (32 - m)), h = m === 0 ? y : (y << m) | (x >>> (32 - m));',
  SET,
];

/** A comparison of (high, low) words: `hi` compares the high words, strictly; equal high words compare the low ones unsigned with `op`. */
function compare(hi: string, op: string): string[] {
  return [`$r$ = ${hi} || ($0h$ === $1h$ && ${U('$0$')} ${op} ${U('$1$')}) ? 1 : 0;`];
}

/** The i64 operations with a two-word form, by mnemonic. */
export const PAIR_STATEMENTS: Readonly<Record<string, readonly string[]>> = {
  'i64.add': [`const l = ($0$ + $1$) | 0, h = ($0h$ + $1h$ + (${U('l')} < ${U('$0$')} ? 1 : 0)) | 0;`, SET],
  'i64.sub': [`const l = ($0$ - $1$) | 0, h = ($0h$ - $1h$ - (${U('$0$')} < ${U('$1$')} ? 1 : 0)) | 0;`, SET],
  'i64.mul': ['const l = Math.imul($0$, $1$), h = (MULHU($0$, $1$) + Math.imul($0$, $1h$) + Math.imul($0h$, $1$)) | 0;', SET],
  'i64.and': ['const l = $0$ & $1$, h = $0h$ & $1h$;', SET],
  'i64.or': ['const l = $0$ | $1$, h = $0h$ | $1h$;', SET],
  'i64.xor': ['const l = $0$ ^ $1$, h = $0h$ ^ $1h$;', SET],
  'i64.shl': [COUNT, 'const l = n === 0 ? $0$ : n < 32 ? $0$ << n : 0, h = n === 0 ? $0h$ : n < 32 ? ($0h$ << n) | ($0$ >>> (32 - n)) : $0$ << (n - 32);', SET],
  'i64.shr_s': [COUNT, 'const l = n === 0 ? $0$ : n < 32 ? ($0$ >>> n) | ($0h$ << (32 - n)) : $0h$ >> (n - 32), h = n === 0 ? $0h$ : n < 32 ? $0h$ >> n : $0h$ >> 31;', SET],
  'i64.shr_u': [COUNT, 'const l = n === 0 ? $0$ : n < 32 ? ($0$ >>> n) | ($0h$ << (32 - n)) : ($0h$ >>> (n - 32)) | 0, h = n < 32 ? ($0h$ >>> n) | 0 : 0;', SET],
  'i64.rotl': [COUNT, ...ROTATE],
  'i64.rotr': ['const n = (64 - ($1$ & 63)) & 63;', ...ROTATE],
  'i64.eqz': ['$r$ = ($0$ | $0h$) === 0 ? 1 : 0;'],
  'i64.eq': ['$r$ = $0$ === $1$ && $0h$ === $1h$ ? 1 : 0;'],
  'i64.ne': ['$r$ = $0$ !== $1$ || $0h$ !== $1h$ ? 1 : 0;'],
  'i64.lt_s': compare('$0h$ < $1h$', '<'),
  'i64.gt_s': compare('$0h$ > $1h$', '>'),
  'i64.le_s': compare('$0h$ < $1h$', '<='),
  'i64.ge_s': compare('$0h$ > $1h$', '>='),
  'i64.lt_u': compare(`${U('$0h$')} < ${U('$1h$')}`, '<'),
  'i64.gt_u': compare(`${U('$0h$')} > ${U('$1h$')}`, '>'),
  'i64.le_u': compare(`${U('$0h$')} < ${U('$1h$')}`, '<='),
  'i64.ge_u': compare(`${U('$0h$')} > ${U('$1h$')}`, '>='),
  'i64.clz': ['const l = $0h$ !== 0 ? Math.clz32($0h$) : 32 + Math.clz32($0$), h = 0;', SET],
  'i64.ctz': ['const l = $0$ !== 0 ? 31 - Math.clz32($0$ & -$0$) : $0h$ !== 0 ? 63 - Math.clz32($0h$ & -$0h$) : 64, h = 0;', SET],
  'i64.popcnt': ['const l = POPCNT($0$) + POPCNT($0h$), h = 0;', SET],
  'i64.extend8_s': ['const l = ($0$ << 24) >> 24, h = l >> 31;', SET],
  'i64.extend16_s': ['const l = ($0$ << 16) >> 16, h = l >> 31;', SET],
  'i64.extend32_s': ['const l = $0$, h = $0$ >> 31;', SET],
  'i64.extend_i32_s': ['const l = $0$, h = $0$ >> 31;', SET],
  'i64.extend_i32_u': ['const l = $0$, h = 0;', SET],
  'i32.wrap_i64': ['$r$ = $0$;'],
  // the exact value is high * 2^32 + low (both exact doubles): one rounding of their sum is the conversion's
  'f64.convert_i64_s': [`$r$ = $0h$ * 4294967296 + ${U('$0$')};`],
  'f64.convert_i64_u': [`$r$ = ${U('$0h$')} * 4294967296 + ${U('$0$')};`],
};

/** The BigInt of an i64 operand's words, for a library function. */
export const BIG = (n: 0 | 1) => `((BigInt($${n}h$) << 32n) | BigInt($${n}$ >>> 0))`;

/** Statements that split a library function's i64 result `x` (a signed BigInt) into the result's words. */
export const SPLIT = '$r$ = Number(BigInt.asIntN(32, x)); $rh$ = Number(BigInt.asIntN(32, x >> 32n));';
