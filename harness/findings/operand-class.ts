// The operand class of a divergence: what kind of values reached the culprit
// (the invocation's arguments and the float constants of the code it runs,
// of the types the culprit takes). A NaN bug of signalling NaNs, of ±0 or of
// boundary integers is one cause each, whichever exact value showed it; a
// crash in `ref.null` is one cause whatever the arguments, as `ref.null`
// takes none, and an f32 NaN beside the address of a failing `i32.load` says
// nothing of it. Most telling first: sNaN, NaN, ±0, boundary, ordinary.
import type { ArgValue } from '../../adapters/plan.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import { isArithmeticNaN32, isArithmeticNaN64Bits, isNaN32, isNaN64Bits } from '../../reference-runtime/exec/numerics/nan.js';

export type OperandClass = 'snan' | 'nan' | 'zero' | 'boundary' | 'ordinary' | 'module';

const RANK: readonly OperandClass[] = ['snan', 'nan', 'zero', 'boundary', 'ordinary'];

/**
 * The most telling class among the arguments and constants whose type the
 * culprit takes (culprit.ts; no culprit, or one whose operands are not known
 * from the instruction alone: every type).
 */
export function operandClass(args: readonly ArgValue[], code: readonly Instr[], culprit?: string): OperandClass {
  const types = culprit === undefined ? undefined : operandTypes(culprit);
  const counts = (type: string) => types === undefined || types.has(type);
  const classes = [...args.filter((a) => counts(a.type)).map(argClass), ...code.flatMap(constClass).filter(([type]) => counts(type)).map(([, c]) => c)];
  return RANK.find((c) => classes.includes(c)) ?? 'ordinary';
}

const SIG_TYPES: Record<string, string> = { i: 'i32', l: 'i64', f: 'f32', d: 'f64', v: 'v128' };

/** Instructions whose typing needs context (no `sig`) that take no value at all. */
const NO_OPERANDS = new Set(['ref.null', 'ref.func', 'unreachable', 'table.size', 'elem.drop', 'global.get']);

/** Instructions that address a memory: on a 64-bit memory their addresses and sizes are i64, whatever `sig` says. */
const MEMORY_IMMEDIATES = new Set(['memarg', 'memarg_lane', 'memory', 'memory_init', 'memory_copy']);

/**
 * The value types a culprit's instruction takes: from its signature (the
 * operand side of `sig`, with i64 for a memory's addresses), none for the
 * instructions that take none, indices (i32 or i64) for a table instruction;
 * a NaN-rule culprit takes floats. Undefined when the culprit names no
 * instruction, or one typed by its context otherwise (a call, a select).
 */
function operandTypes(culprit: string): ReadonlySet<string> | undefined {
  if (culprit.startsWith('NaN result')) return new Set(['f32', 'f64', 'v128']);
  const op = /^[a-z0-9_]+\.[a-z0-9_.]+|^[a-z_]+/.exec(culprit)?.[0];
  if (op === undefined) return undefined;
  if (NO_OPERANDS.has(op)) return new Set();
  if (op.startsWith('table.')) return new Set(['i32', 'i64']);
  const info = opInfo(op);
  if (info?.sig === undefined) return undefined;
  const types = new Set([...info.sig.split('>')[0]!].map((c) => SIG_TYPES[c]!));
  if (MEMORY_IMMEDIATES.has(info.imm)) types.add('i64');
  return types;
}

function argClass(a: ArgValue): OperandClass {
  switch (a.type) {
    case 'f32':
      return f32Class(a.bits >>> 0);
    case 'f64':
      return f64Class(BigInt.asUintN(64, a.bits));
    case 'i32':
      return intClass(BigInt(a.bits >>> 0), 32);
    case 'i64':
      return intClass(BigInt.asUintN(64, a.bits), 64);
    case 'v128':
      return vectorClass(a.bytes);
    default:
      return 'ordinary';
  }
}

/** Float and vector constants only: integer constants in code are mostly addresses and indices, whatever the bug (a vector says something only by its NaN lanes). */
function constClass(i: Instr): [type: string, cls: OperandClass][] {
  if (i.op === 'f32.const' && i.f32 !== undefined) return [['f32', f32Class(i.f32 >>> 0)]];
  if (i.op === 'f64.const' && i.f64 !== undefined) return [['f64', f64Class(BigInt.asUintN(64, i.f64))]];
  if (i.op === 'v128.const' && i.bytes !== undefined) return [['v128', vectorClass(i.bytes)]];
  return [];
}

export function f32Class(bits: number): OperandClass {
  const mag = bits & 0x7fffffff;
  if (isNaN32(bits)) return isArithmeticNaN32(bits) ? 'nan' : 'snan';
  if (mag === 0) return 'zero';
  // infinity, the largest finite, the smallest normal, the smallest subnormal, 1
  if (mag === 0x7f800000 || mag === 0x7f7fffff || mag === 0x00800000 || mag === 1 || mag === 0x3f800000) return 'boundary';
  return 'ordinary';
}

export function f64Class(bits: bigint): OperandClass {
  if (isNaN64Bits(bits)) return isArithmeticNaN64Bits(bits) ? 'nan' : 'snan';
  const mag = bits & 0x7fff_ffff_ffff_ffffn;
  if (mag === 0n) return 'zero';
  if (mag === 0x7ff0_0000_0000_0000n || mag === 0x7fef_ffff_ffff_ffffn || mag === 0x0010_0000_0000_0000n || mag === 1n || mag === 0x3ff0_0000_0000_0000n) return 'boundary';
  return 'ordinary';
}

/** Integers: the signed and unsigned extremes are boundaries (0 and 1 are everywhere: addresses, counts, indices). */
function intClass(u: bigint, width: 32 | 64): OperandClass {
  const max = (1n << BigInt(width)) - 1n;
  const signedMax = (1n << BigInt(width - 1)) - 1n;
  return u === max || u === signedMax || u === signedMax + 1n ? 'boundary' : 'ordinary';
}

/** A vector: the most telling class of its lanes read as f32x4 and as f64x2 (float lanes are where NaN and ±0 bugs live). */
function vectorClass(bytes: Uint8Array): OperandClass {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  const lanes = [0, 4, 8, 12].map((at) => f32Class(view.getUint32(at, true)));
  lanes.push(f64Class(view.getBigUint64(0, true)), f64Class(view.getBigUint64(8, true)));
  const rank = (c: OperandClass) => RANK.indexOf(c);
  // an integer vector reads as ordinary floats: only NaN lanes say something
  const telling = lanes.filter((c) => c === 'snan' || c === 'nan').sort((a, b) => rank(a) - rank(b));
  return telling[0] ?? 'ordinary';
}
