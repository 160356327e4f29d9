// Tables of the fused instructions (superinstructions) the peephole pass in
// compile.ts may emit: for a plain binary operator, its form with operands
// from locals (L), constants (C) or the stack (S), its compare-and-branch
// forms, and the `local.set`/`local.tee` forms of add and sub (the i += c of
// loops). machine.ts has one case per entry, all following the same pattern.
import { Op } from './codes.js';

type Table = ReadonlyMap<Op, Op>;

/** x = local a, y = local b: [a, b] */
export const FUSED_LL: Table = new Map([
  [Op.I32Add, Op.I32AddLL],
  [Op.I32Sub, Op.I32SubLL],
  [Op.I32Mul, Op.I32MulLL],
  [Op.I32And, Op.I32AndLL],
  [Op.I32Or, Op.I32OrLL],
  [Op.I32Xor, Op.I32XorLL],
  [Op.I32Shl, Op.I32ShlLL],
  [Op.I32ShrS, Op.I32ShrSLL],
  [Op.I32ShrU, Op.I32ShrULL],
  [Op.I32Eq, Op.I32EqLL],
  [Op.I32Ne, Op.I32NeLL],
  [Op.I32LtS, Op.I32LtSLL],
  [Op.I32LtU, Op.I32LtULL],
  [Op.I32GtS, Op.I32GtSLL],
  [Op.I32GtU, Op.I32GtULL],
  [Op.I32LeS, Op.I32LeSLL],
  [Op.I32LeU, Op.I32LeULL],
  [Op.I32GeS, Op.I32GeSLL],
  [Op.I32GeU, Op.I32GeULL],
]);

/** x = local a, y = constant c: [a, c] */
export const FUSED_LC: Table = new Map([
  [Op.I32Add, Op.I32AddLC],
  [Op.I32Sub, Op.I32SubLC],
  [Op.I32Mul, Op.I32MulLC],
  [Op.I32And, Op.I32AndLC],
  [Op.I32Or, Op.I32OrLC],
  [Op.I32Xor, Op.I32XorLC],
  [Op.I32Shl, Op.I32ShlLC],
  [Op.I32ShrS, Op.I32ShrSLC],
  [Op.I32ShrU, Op.I32ShrULC],
  [Op.I32Eq, Op.I32EqLC],
  [Op.I32Ne, Op.I32NeLC],
  [Op.I32LtS, Op.I32LtSLC],
  [Op.I32LtU, Op.I32LtULC],
  [Op.I32GtS, Op.I32GtSLC],
  [Op.I32GtU, Op.I32GtULC],
  [Op.I32LeS, Op.I32LeSLC],
  [Op.I32LeU, Op.I32LeULC],
  [Op.I32GeS, Op.I32GeSLC],
  [Op.I32GeU, Op.I32GeULC],
]);

/** x = stack top, y = constant c: [c] */
export const FUSED_SC: Table = new Map([
  [Op.I32Add, Op.I32AddSC],
  [Op.I32Sub, Op.I32SubSC],
  [Op.I32Mul, Op.I32MulSC],
  [Op.I32And, Op.I32AndSC],
  [Op.I32Or, Op.I32OrSC],
  [Op.I32Xor, Op.I32XorSC],
  [Op.I32Shl, Op.I32ShlSC],
  [Op.I32ShrS, Op.I32ShrSSC],
  [Op.I32ShrU, Op.I32ShrUSC],
  [Op.I32Eq, Op.I32EqSC],
  [Op.I32Ne, Op.I32NeSC],
  [Op.I32LtS, Op.I32LtSSC],
  [Op.I32LtU, Op.I32LtUSC],
  [Op.I32GtS, Op.I32GtSSC],
  [Op.I32GtU, Op.I32GtUSC],
  [Op.I32LeS, Op.I32LeSSC],
  [Op.I32LeU, Op.I32LeUSC],
  [Op.I32GeS, Op.I32GeSSC],
  [Op.I32GeU, Op.I32GeUSC],
]);

/** x = stack top, y = local b: [b] */
export const FUSED_SL: Table = new Map([
  [Op.I32Add, Op.I32AddSL],
  [Op.I32Sub, Op.I32SubSL],
  [Op.I32Mul, Op.I32MulSL],
  [Op.I32And, Op.I32AndSL],
  [Op.I32Or, Op.I32OrSL],
  [Op.I32Xor, Op.I32XorSL],
  [Op.I32Shl, Op.I32ShlSL],
  [Op.I32ShrS, Op.I32ShrSSL],
  [Op.I32ShrU, Op.I32ShrUSL],
  [Op.I32Eq, Op.I32EqSL],
  [Op.I32Ne, Op.I32NeSL],
  [Op.I32LtS, Op.I32LtSSL],
  [Op.I32LtU, Op.I32LtUSL],
  [Op.I32GtS, Op.I32GtSSL],
  [Op.I32GtU, Op.I32GtUSL],
  [Op.I32LeS, Op.I32LeSSL],
  [Op.I32LeU, Op.I32LeUSL],
  [Op.I32GeS, Op.I32GeSSL],
  [Op.I32GeU, Op.I32GeUSL],
]);

/** compare the two stack tops and branch: [target] */
export const FUSED_BRIF: Table = new Map([
  [Op.I32Eq, Op.BrIfEq],
  [Op.I32Ne, Op.BrIfNe],
  [Op.I32LtS, Op.BrIfLtS],
  [Op.I32LtU, Op.BrIfLtU],
  [Op.I32GtS, Op.BrIfGtS],
  [Op.I32GtU, Op.BrIfGtU],
  [Op.I32LeS, Op.BrIfLeS],
  [Op.I32LeU, Op.BrIfLeU],
  [Op.I32GeS, Op.BrIfGeS],
  [Op.I32GeU, Op.BrIfGeU],
]);

/** compare two locals and branch: [a, b, target] */
export const FUSED_BRIFLL: Table = new Map([
  [Op.I32Eq, Op.BrIfLLEq],
  [Op.I32Ne, Op.BrIfLLNe],
  [Op.I32LtS, Op.BrIfLLLtS],
  [Op.I32LtU, Op.BrIfLLLtU],
  [Op.I32GtS, Op.BrIfLLGtS],
  [Op.I32GtU, Op.BrIfLLGtU],
  [Op.I32LeS, Op.BrIfLLLeS],
  [Op.I32LeU, Op.BrIfLLLeU],
  [Op.I32GeS, Op.BrIfLLGeS],
  [Op.I32GeU, Op.BrIfLLGeU],
]);

/** compare a local with a constant and branch: [a, c, target] */
export const FUSED_BRIFLC: Table = new Map([
  [Op.I32Eq, Op.BrIfLCEq],
  [Op.I32Ne, Op.BrIfLCNe],
  [Op.I32LtS, Op.BrIfLCLtS],
  [Op.I32LtU, Op.BrIfLCLtU],
  [Op.I32GtS, Op.BrIfLCGtS],
  [Op.I32GtU, Op.BrIfLCGtU],
  [Op.I32LeS, Op.BrIfLCLeS],
  [Op.I32LeU, Op.BrIfLCLeU],
  [Op.I32GeS, Op.BrIfLCGeS],
  [Op.I32GeU, Op.BrIfLCGeU],
]);

/** compare the stack top with a constant and branch: [c, target] */
export const FUSED_BRIFSC: Table = new Map([
  [Op.I32Eq, Op.BrIfSCEq],
  [Op.I32Ne, Op.BrIfSCNe],
  [Op.I32LtS, Op.BrIfSCLtS],
  [Op.I32LtU, Op.BrIfSCLtU],
  [Op.I32GtS, Op.BrIfSCGtS],
  [Op.I32GtU, Op.BrIfSCGtU],
  [Op.I32LeS, Op.BrIfSCLeS],
  [Op.I32LeU, Op.BrIfSCLeU],
  [Op.I32GeS, Op.BrIfSCGeS],
  [Op.I32GeU, Op.BrIfSCGeU],
]);

/** local d = local a op c: [a, c, d] */
export const FUSED_LCSET: Table = new Map([
  [Op.I32Add, Op.I32AddLCSet],
  [Op.I32Sub, Op.I32SubLCSet],
]);

/** local d = local a op c, also pushed: [a, c, d] */
export const FUSED_LCTEE: Table = new Map([
  [Op.I32Add, Op.I32AddLCTee],
  [Op.I32Sub, Op.I32SubLCTee],
]);

/** f64, both operands locals: [a, b] */
export const FUSED_F64LL: Table = new Map([
  [Op.F64Add, Op.F64AddLL],
  [Op.F64Sub, Op.F64SubLL],
  [Op.F64Mul, Op.F64MulLL],
  [Op.F64Div, Op.F64DivLL],
]);

/** f64, x = stack top, y = local b: [b] */
export const FUSED_F64SL: Table = new Map([
  [Op.F64Add, Op.F64AddSL],
  [Op.F64Sub, Op.F64SubSL],
  [Op.F64Mul, Op.F64MulSL],
  [Op.F64Div, Op.F64DivSL],
]);

/** local d = local a + c, then compare d with constant k and branch (loop counters): [a, c, d, k, target], keyed by the SC compare */
export const FUSED_INCBR: Table = new Map([
  [Op.I32LtUSC, Op.IncBrLtU],
  [Op.I32LtSSC, Op.IncBrLtS],
  [Op.I32NeSC, Op.IncBrNe],
]);

/** Operators whose operands may be swapped: `local.get x; <push>; op` is `<push>; op` in SL form. */
export const COMMUTATIVE: ReadonlySet<Op> = new Set([Op.I32Add, Op.I32Mul, Op.I32And, Op.I32Or, Op.I32Xor, Op.I32Eq, Op.I32Ne]);

/**
 * Instructions that pop nothing, push one 32-bit value and write no local:
 * a local.get before one of them may be moved after it.
 */
export const PURE_PUSH32: ReadonlySet<Op> = new Set([
  Op.LocalGet32,
  Op.Const32,
  Op.GlobalGet32,
  Op.Load32L,
  Op.Load32ShlLC,
  ...FUSED_LL.values(),
  ...FUSED_LC.values(),
]);
