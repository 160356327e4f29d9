// V128_OPS: every vector instruction without an immediate, keyed by its
// mnemonic, as a pure function of its operands in stack order (the operand
// pushed first is the first argument). The key set is taken from the opcode
// table, so an instruction missing here fails at load rather than at run time.
import { OPCODES } from '../../../syntax/opcodes.js';
import * as bitwise from './bitwise.js';
import { convertI32x4, convertLowI32x4, demoteF64x2Zero, promoteLowF32x4, truncSatF32x4, truncSatF64x2Zero } from './convert.js';
import { floatOps } from './float.js';
import { integerOps } from './integer.js';
import { integer64Ops } from './integer64.js';
import { splat, swizzle } from './lanes.js';
import { narrow } from './narrow.js';
import { dotI16x8S, extaddPairwise, extend, extmul } from './widen.js';

type Op = (...args: any[]) => any;

const widths: Record<string, 8 | 16 | 32> = { i8: 8, i16: 16, i32: 32 };

/** Instructions named after a shape with a lane-wise operator: "<shape>.<operator>". */
const laneOps: Record<string, Record<string, Op>> = {
  i8x16: integerOps(8),
  i16x8: integerOps(16),
  i32x4: integerOps(32),
  i64x2: integer64Ops(),
  f32x4: floatOps('f32'),
  f64x2: floatOps('f64'),
};

/** Instructions that do not fit "<shape>.<lane-wise operator>". */
const special: Record<string, Op> = {
  'v128.not': bitwise.not,
  'v128.and': bitwise.and,
  'v128.andnot': bitwise.andnot,
  'v128.or': bitwise.or,
  'v128.xor': bitwise.xor,
  'v128.bitselect': bitwise.bitselect,
  'v128.any_true': bitwise.anyTrue,
  'i8x16.swizzle': swizzle,
  'i8x16.narrow_i16x8_s': narrow(8, true),
  'i8x16.narrow_i16x8_u': narrow(8, false),
  'i16x8.narrow_i32x4_s': narrow(16, true),
  'i16x8.narrow_i32x4_u': narrow(16, false),
  'i32x4.dot_i16x8_s': dotI16x8S,
  'i32x4.trunc_sat_f32x4_s': truncSatF32x4(true),
  'i32x4.trunc_sat_f32x4_u': truncSatF32x4(false),
  'i32x4.trunc_sat_f64x2_s_zero': truncSatF64x2Zero(true),
  'i32x4.trunc_sat_f64x2_u_zero': truncSatF64x2Zero(false),
  'f32x4.convert_i32x4_s': convertI32x4(true),
  'f32x4.convert_i32x4_u': convertI32x4(false),
  'f64x2.convert_low_i32x4_s': convertLowI32x4(true),
  'f64x2.convert_low_i32x4_u': convertLowI32x4(false),
  'f32x4.demote_f64x2_zero': demoteF64x2Zero,
  'f64x2.promote_low_f32x4': promoteLowF32x4,
};

/** Widening families, whose source width is in the name: "i32x4.extmul_high_i16x8_u" etc. */
function widening(name: string): Op | undefined {
  const m = /^i\d+x\d+\.(extend|extmul)_(low|high)_(i8|i16|i32)x\d+_(s|u)$/.exec(name);
  if (m) {
    const family = m[1] === 'extend' ? extend : extmul;
    return family(widths[m[3]!]!, m[2] === 'high', m[4] === 's');
  }
  const p = /^i\d+x\d+\.extadd_pairwise_(i8|i16)x\d+_(s|u)$/.exec(name);
  if (p) return extaddPairwise(widths[p[1]!] as 8 | 16, p[2] === 's');
  return undefined;
}

function resolve(name: string): Op {
  const [shape, operator] = name.split('.') as [string, string];
  const op = special[name] ?? widening(name) ?? (operator === 'splat' ? splat(shape) : laneOps[shape]?.[operator]);
  if (op === undefined) throw new Error(`v128 numerics: no implementation for ${name}`);
  return op;
}

// relaxed SIMD returns a set of results: its numerics live in relaxed.ts, not here
const vectorNoImmediate = OPCODES.filter((o) => o.prefix === 0xfd && o.imm === 'none' && o.feature !== 'relaxed-simd');

export const V128_OPS: Record<string, Op> = Object.fromEntries(vectorNoImmediate.map((o) => [o.name, resolve(o.name)]));
