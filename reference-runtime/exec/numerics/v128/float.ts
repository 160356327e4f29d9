// Lane-wise f32x4 and f64x2 instructions (spec 4.4.3: vfunop, vfbinop,
// vfrelop, pmin/pmax). Arithmetic goes lane by lane through the scalar
// f32/f64 numerics, which own the float semantics and the NaN rule, so a
// vector lane and a scalar always agree. f32 lanes travel as their bits.
import * as F32 from '../f32.js';
import * as F64 from '../f64.js';
import { A, B, R, type Slot, type V128 } from './bytes.js';

type Op = (...args: any[]) => any;
type Kind = 'f32' | 'f64';
type Relation = (x: number, y: number) => number;

/** Typed lanes of one float shape: f32 lanes as int32 bits, f64 lanes as doubles. */
function lanes(kind: Kind, slot: Slot): Int32Array | Float64Array {
  return kind === 'f32' ? slot.s32 : slot.f64;
}

function lanewiseUnary(kind: Kind, f: (x: number) => number): (a: V128) => V128 {
  const x = lanes(kind, A);
  const out = lanes(kind, R);
  return (a) => {
    A.load(a);
    for (let i = 0; i < out.length; i++) out[i] = f(x[i]!);
    return R.result();
  };
}

function lanewiseBinary(kind: Kind, f: (x: number, y: number) => number): (a: V128, b: V128) => V128 {
  const x = lanes(kind, A);
  const y = lanes(kind, B);
  const out = lanes(kind, R);
  return (a, b) => {
    A.load(a);
    B.load(b);
    for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, y[i]!);
    return R.result();
  };
}

/** A comparison: the scalar relation's 0/1 becomes a lane of all zeros or all ones. */
function compare(kind: Kind, rel: Relation): (a: V128, b: V128) => V128 {
  const x = lanes(kind, A);
  const y = lanes(kind, B);
  // An all-ones f64 lane is two all-ones int32 halves.
  const perLane = kind === 'f32' ? 1 : 2;
  return (a, b) => {
    A.load(a);
    B.load(b);
    for (let i = 0; i < x.length; i++) {
      const mask = rel(x[i]!, y[i]!) === 1 ? -1 : 0;
      for (let j = 0; j < perLane; j++) R.s32[i * perLane + j] = mask;
    }
    return R.result();
  };
}

/**
 * pmin/pmax pick one operand's lane unchanged (no NaN rule: its bytes are
 * copied): pmin(a, b) = b < a ? b : a, pmax(a, b) = a < b ? b : a.
 */
function pick(kind: Kind, lt: Relation, takeB: (lt: Relation, x: number, y: number) => boolean) {
  // Lanes are copied as int32 words (one per f32 lane, two per f64 lane), never as floats.
  const words = kind === 'f32' ? 1 : 2;
  const x = lanes(kind, A);
  const y = lanes(kind, B);
  return (a: V128, b: V128): V128 => {
    A.load(a);
    B.load(b);
    for (let i = 0; i < x.length; i++) {
      const from = takeB(lt, x[i]!, y[i]!) ? B.s32 : A.s32;
      for (let j = i * words; j < (i + 1) * words; j++) R.s32[j] = from[j]!;
    }
    return R.result();
  };
}

/** abs/neg only touch the sign bit (fabs, fneg are not arithmetic: no NaN rule). */
function signBit(kind: Kind, f: (byte: number) => number): (a: V128) => V128 {
  const size = kind === 'f32' ? 4 : 8;
  return (a) => {
    R.load(a);
    for (let i = size - 1; i < 16; i += size) R.u8[i] = f(R.u8[i]!);
    return R.result();
  };
}

/** The float instructions of f32x4 or f64x2, keyed by the part of the mnemonic after the dot. */
export function floatOps(kind: Kind): Record<string, Op> {
  const F = kind === 'f32' ? F32 : F64;
  return {
    abs: signBit(kind, (b) => b & 0x7f),
    neg: signBit(kind, (b) => b ^ 0x80),
    sqrt: lanewiseUnary(kind, F.sqrt),
    ceil: lanewiseUnary(kind, F.ceil),
    floor: lanewiseUnary(kind, F.floor),
    trunc: lanewiseUnary(kind, F.trunc),
    nearest: lanewiseUnary(kind, F.nearest),
    add: lanewiseBinary(kind, F.add),
    sub: lanewiseBinary(kind, F.sub),
    mul: lanewiseBinary(kind, F.mul),
    div: lanewiseBinary(kind, F.div),
    min: lanewiseBinary(kind, F.min),
    max: lanewiseBinary(kind, F.max),
    pmin: pick(kind, F.lt, (lt, x, y) => lt(y, x) === 1),
    pmax: pick(kind, F.lt, (lt, x, y) => lt(x, y) === 1),
    eq: compare(kind, F.eq),
    ne: compare(kind, F.ne),
    lt: compare(kind, F.lt),
    gt: compare(kind, F.gt),
    le: compare(kind, F.le),
    ge: compare(kind, F.ge),
  };
}
