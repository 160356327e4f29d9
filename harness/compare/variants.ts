// The oracle's other legitimate worlds, as module transforms. Where the spec
// lets an execution choose (spec 4.3.3: the payload and sign of a NaN result;
// 4.4.7: memory.grow and table.grow may fail), the reference interpreter
// makes one deterministic choice. A runtime may choose otherwise, so the
// comparison (compare.ts) runs the oracle again on these transformed modules,
// each the same program with another of the choices the spec allows, and
// accepts what one of those worlds shows:
//
//  - NaN policies: after every instruction that may produce a NaN by choice
//    (the ones whose numerics pick from a set: exec/numerics/nan.ts), a
//    helper replaces a NaN result by another member of the allowed set: a
//    canonical NaN by the negative canonical NaN (the oracle's own choices
//    are positive), any other NaN by the all-ones pattern (`ones`) or by the
//    negative canonical NaN (`canonical`). Bits on which the oracle and both
//    policies agree are fixed by the spec; the rest are free.
//  - Grow failing: every memory.grow and table.grow returns -1, as the spec
//    allows at any size.
//
// Helpers are appended after every function, and types after every type, so
// no index of the module changes.
import { CANONICAL_NAN32, CANONICAL_NAN64_BITS, MAGNITUDE32, MAGNITUDE64 } from '../../reference-runtime/exec/numerics/nan.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { addrType } from '../../reference-runtime/syntax/types.js';
import { typeIndex } from '../generate/module-shape.js';

export type NanPolicy = 'ones' | 'canonical';

type Shape = 'f32' | 'f64' | 'f32x4' | 'f64x2';

const SCALAR_OPS = ['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];

/** Instructions whose NaN result the numerics choose (nan32, nan64, demoteNaN, promoteNaN), by the shape of their result. */
export const NAN_CHOOSING: ReadonlyMap<string, Shape> = new Map<string, Shape>([
  ...SCALAR_OPS.flatMap((op) => [[`f32.${op}`, 'f32'], [`f64.${op}`, 'f64'], [`f32x4.${op}`, 'f32x4'], [`f64x2.${op}`, 'f64x2']] as [string, Shape][]),
  ['f32.demote_f64', 'f32'],
  ['f64.promote_f32', 'f64'],
  ['f32x4.demote_f64x2_zero', 'f32x4'],
  ['f64x2.promote_low_f32x4', 'f64x2'],
  // relaxed SIMD: every profile's NaN result is a NaN of the spec's set too (the relaxed explorer runs each world)
  ...['relaxed_madd', 'relaxed_nmadd', 'relaxed_min', 'relaxed_max'].flatMap((op) => [[`f32x4.${op}`, 'f32x4'], [`f64x2.${op}`, 'f64x2']] as [string, Shape][]),
]);

// the canonical NaNs with the sign set: a NaN of the right class that the oracle never picks
const NEG_CANONICAL32 = (CANONICAL_NAN32 | 0x8000_0000) >>> 0;
const NEG_CANONICAL64 = CANONICAL_NAN64_BITS | (1n << 63n);
const ONES32 = 0xffffffff;
const ONES64 = 0xffff_ffff_ffff_ffffn;

/** A copy of `m` whose NaN results follow `policy` instead of the oracle's choice. */
export function withNanPolicy(m: Module, policy: NanPolicy): Module {
  const out = copyModule(m);
  const helpers = new Map<Shape, number>();
  const funcCount = importedFuncs(m) + m.funcs.length;
  const helperFor = (shape: Shape): number => {
    let index = helpers.get(shape);
    if (index === undefined) {
      index = funcCount + helpers.size;
      helpers.set(shape, index);
    }
    return index;
  };
  out.funcs = m.funcs.map((f) => ({ ...f, body: afterEach(f.body, (ins) => {
    const shape = NAN_CHOOSING.get(ins.op);
    return shape === undefined ? [ins] : [ins, instr('call', { index: helperFor(shape) })];
  }) }));
  for (const [shape] of [...helpers].sort((a, b) => a[1] - b[1])) {
    const t = shape === 'f32' || shape === 'f64' ? shape : 'v128';
    out.funcs.push({ type: typeIndex(out, { params: [t], results: [t] }), locals: [], body: nanHelper(shape, policy) });
  }
  return out;
}

/** A copy of `m` in which every memory.grow and table.grow fails (returns -1). */
export function withGrowFailing(m: Module): Module {
  const out = copyModule(m);
  const memAddr = [...m.imports.flatMap((i) => (i.desc.kind === 'memory' ? [i.desc.memory] : [])), ...m.mems].map((t) => addrType(t));
  const tableAddr = [...m.imports.flatMap((i) => (i.desc.kind === 'table' ? [i.desc.table] : [])), ...m.tables].map((t) => addrType(t));
  const fail = (addr: 'i32' | 'i64'): Instr => (addr === 'i64' ? instr('i64.const', { i64: -1n }) : instr('i32.const', { i32: -1 }));
  out.funcs = m.funcs.map((f) => ({ ...f, body: afterEach(f.body, (ins) => {
    if (ins.op === 'memory.grow') return [instr('drop'), fail(memAddr[ins.index ?? 0] ?? 'i32')];
    if (ins.op === 'table.grow') return [instr('drop'), instr('drop'), fail(tableAddr[ins.index ?? 0] ?? 'i32')];
    return [ins];
  }) }));
  return out;
}

/** Whether `m` has an instruction whose NaN result is chosen, or a grow. */
export function hasChoices(m: Module): { nan: boolean; grow: boolean } {
  let nan = false;
  let grow = false;
  const visit = (seq: readonly Instr[]): void => {
    for (const ins of seq) {
      if (NAN_CHOOSING.has(ins.op)) nan = true;
      if (ins.op === 'memory.grow' || ins.op === 'table.grow') grow = true;
      if (ins.body) visit(ins.body);
      if (ins.elseBody) visit(ins.elseBody);
    }
  };
  for (const f of m.funcs) visit(f.body);
  return { nan, grow };
}

/** Rebuilds every sequence (nested bodies included), each instruction replaced by what `f` returns for it. */
function afterEach(seq: readonly Instr[], f: (ins: Instr) => Instr[]): Instr[] {
  return seq.flatMap((ins) => {
    const copy: Instr = { ...ins };
    if (ins.body) copy.body = afterEach(ins.body, f);
    if (ins.elseBody) copy.elseBody = afterEach(ins.elseBody, f);
    return f(copy);
  });
}

function copyModule(m: Module): Module {
  // recs copied too: a type appended to the copy appends a rec group, which must not reach `m`
  return { ...m, types: [...m.types], ...(m.recs ? { recs: [...m.recs] } : {}), funcs: [...m.funcs] };
}

function importedFuncs(m: Module): number {
  return m.imports.filter((i) => i.desc.kind === 'func').length;
}

/** The helper's body: its argument with every NaN (scalar, or per lane) replaced as `policy` says. */
function nanHelper(shape: Shape, policy: NanPolicy): Instr[] {
  const x = instr('local.get', { index: 0 });
  if (shape === 'f32' || shape === 'f64') {
    const wide = shape === 'f64';
    const nonCanonical = wide ? (policy === 'ones' ? ONES64 : NEG_CANONICAL64) : policy === 'ones' ? ONES32 : NEG_CANONICAL32;
    const k = (bits: number | bigint): Instr => (wide ? instr('f64.const', { f64: bits as bigint }) : instr('f32.const', { f32: bits as number }));
    const isCanonical = wide
      ? [x, instr('i64.reinterpret_f64'), instr('i64.const', { i64: MAGNITUDE64 }), instr('i64.and'), instr('i64.const', { i64: CANONICAL_NAN64_BITS }), instr('i64.eq')]
      : [x, instr('i32.reinterpret_f32'), instr('i32.const', { i32: MAGNITUDE32 }), instr('i32.and'), instr('i32.const', { i32: CANONICAL_NAN32 }), instr('i32.eq')];
    const bt = { kind: 'value' as const, type: shape };
    const replaced = instr('if', { blockType: bt, body: [k(wide ? NEG_CANONICAL64 : NEG_CANONICAL32)], elseBody: [k(nonCanonical)] });
    return [x, x, instr(`${shape}.eq`), instr('if', { blockType: bt, body: [x], elseBody: [...isCanonical, replaced] })];
  }
  const wide = shape === 'f64x2';
  const lanes = (bits: bigint): Instr => instr('v128.const', { bytes: splat(bits, wide) });
  const magMask = wide ? MAGNITUDE64 : BigInt(MAGNITUDE32);
  const canonical = wide ? CANONICAL_NAN64_BITS : BigInt(CANONICAL_NAN32);
  const negCanonical = wide ? NEG_CANONICAL64 : BigInt(NEG_CANONICAL32);
  const nonCanonical = policy === 'ones' ? (wide ? ONES64 : BigInt(ONES32)) : negCanonical;
  return [
    lanes(negCanonical),
    lanes(nonCanonical),
    x, lanes(magMask), instr('v128.and'), lanes(canonical), instr(wide ? 'i64x2.eq' : 'i32x4.eq'),
    instr('v128.bitselect'), // per lane: the replacement
    x,
    x, x, instr(wide ? 'f64x2.ne' : 'f32x4.ne'), // per lane: is it a NaN
    instr('v128.bitselect'),
  ];
}

/** 16 little-endian bytes holding `bits` in every 4-byte (or 8-byte) lane. */
function splat(bits: bigint, wide: boolean): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let at = 0; at < 16; at += wide ? 8 : 4) {
    if (wide) view.setBigUint64(at, bits, true);
    else view.setUint32(at, Number(bits), true);
  }
  return bytes;
}
