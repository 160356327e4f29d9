// The instruction faults of the fault-injection adapter (faulty.ts): for each,
// the instruction it breaks and the buggy sequence that replaces it. Each is
// a one-line bug of the kind real runtimes have had, visible only for some
// operands (a boundary, a sign, a NaN, the edge of a trap condition, a bounds
// check), so that finding it takes the right values reaching the right
// instruction. The replacement is plain Wasm computed around the oracle; it
// leaves every other operand's result, trap and memory effect unchanged.
import { instr, type Instr } from '../reference-runtime/syntax/instructions.js';
import type { Module } from '../reference-runtime/syntax/module.js';
import { addrType, isNullable, withNullable, type MemType, type TableType, type ValType } from '../reference-runtime/syntax/types.js';

/** What a replacement may ask of the function it is in. */
export interface RewriteContext {
  module: Module;
  /** a fresh scratch local of type t (numbers only: always defaultable) */
  local(t: ValType): number;
}

export interface InstrFault {
  /** the instructions it replaces */
  ops: readonly string[];
  /** the buggy sequence for one instance (the instance itself when the fault does not apply to it) */
  replace(i: Instr, cx: RewriteContext): Instr[];
}

const I = instr;
const get = (index: number) => I('local.get', { index });
const set = (index: number) => I('local.set', { index });
const ifElse = (type: ValType | undefined, body: Instr[], elseBody: Instr[]) =>
  I('if', { blockType: type === undefined ? { kind: 'empty' } : { kind: 'value', type }, body, elseBody });
const memIndex = (mem: number) => (mem === 0 ? {} : { index: mem });

/** Memory `k` counting imports, or undefined. */
function memoryAt(m: Module, k: number): MemType | undefined {
  const imported = m.imports.flatMap((i) => (i.desc.kind === 'memory' ? [i.desc.memory] : []));
  return [...imported, ...m.mems][k];
}

function tableAt(m: Module, k: number): TableType | undefined {
  const imported = m.imports.flatMap((i) => (i.desc.kind === 'table' ? [i.desc.table] : []));
  return [...imported, ...m.tables][k];
}

/** The byte length of 32-bit memory `mem`, as an i64. */
function memBytes(mem: number): Instr[] {
  return [I('memory.size', { index: mem }), I('i64.extend_i32_u'), I('i64.const', { i64: 16n }), I('i64.shl')];
}

/** The two operands of a binary instruction into fresh locals of type t: [first, second]. */
function takeTwo(cx: RewriteContext, t: ValType): { a: number; b: number; code: Instr[] } {
  const a = cx.local(t);
  const b = cx.local(t);
  return { a, b, code: [set(b), set(a)] };
}

export const INSTR_FAULTS = {
  // the remainder negated: wrong sign whenever it is not 0 (traps unchanged)
  'rem-sign': { ops: ['i32.rem_s'], replace: (i) => [i, I('i32.const', { i32: -1 }), I('i32.mul')] },

  // a zero result is always +0, so min(-0, +0) is +0 (spec: -0)
  'f32-min-zero': {
    ops: ['f32.min'],
    replace: (i, cx) => {
      const s = cx.local('f32');
      return [i, set(s), I('f32.const', { f32: 0 }), get(s), get(s), I('f32.const', { f32: 0 }), I('f32.eq'), I('select')];
    },
  },

  // an out-of-bounds fill of memory 0 does nothing instead of trapping
  'fill-no-trap': {
    ops: ['memory.fill'],
    replace: (i, cx) => {
      const mem = i.index ?? 0;
      if (mem !== 0 || addrType(memoryAt(cx.module, 0) ?? { limits: { min: 0 } }) !== 'i32') return [i];
      const [d, v, n] = [cx.local('i32'), cx.local('i32'), cx.local('i32')];
      return [
        set(n), set(v), set(d),
        get(d), I('i64.extend_i32_u'), get(n), I('i64.extend_i32_u'), I('i64.add'), ...memBytes(0), I('i64.le_u'),
        ifElse(undefined, [get(d), get(v), get(n), i], []),
      ];
    },
  },

  // the rotate count is not reduced modulo 32: a count of 32 or more rotates every bit out
  'rotl-unmasked': {
    ops: ['i32.rotl'],
    replace: (i, cx) => {
      const { a: x, b: n, code } = takeTwo(cx, 'i32');
      return [...code, I('i32.const', { i32: 0 }), get(x), get(n), i, get(n), I('i32.const', { i32: 32 }), I('i32.ge_u'), I('select')];
    },
  },

  // the 64-bit arithmetic shift masks its count with 31 (the 32-bit mask)
  'shr-s-mask31': { ops: ['i64.shr_s'], replace: (i) => [I('i64.const', { i64: 31n }), I('i64.and'), i] },

  // the upper range check is `x > 2^31` instead of `x >= 2^31`: 2^31 converts (to INT_MIN) instead of trapping
  'trunc-edge': {
    ops: ['i32.trunc_f32_s'],
    replace: (i, cx) => {
      const x = cx.local('f32');
      return [set(x), get(x), I('f32.const', { f32: 0x4f000000 }), I('f32.eq'), ifElse('i32', [I('i32.const', { i32: -0x80000000 })], [get(x), i])];
    },
  },

  // halfway cases round away from zero (C's round) instead of to even: nearest(0.5) = 1, nearest(2.5) = 3
  'nearest-ties-away': {
    ops: ['f64.nearest'],
    replace: (i, cx) => {
      const x = cx.local('f64');
      const away = [get(x), I('f64.trunc'), I('f64.const', { f64: 0x3ff0000000000000n }), get(x), I('f64.copysign'), I('f64.add')];
      const tie = [get(x), get(x), I('f64.trunc'), I('f64.sub'), I('f64.abs'), I('f64.const', { f64: 0x3fe0000000000000n }), I('f64.eq')];
      return [set(x), ...away, get(x), i, ...tie, I('select')];
    },
  },

  // min with one NaN operand returns the other operand (C's fmin) instead of NaN
  'f64-min-nan': {
    ops: ['f64.min'],
    replace: (i, cx) => {
      const { a, b, code } = takeTwo(cx, 'f64');
      const isNaN = (x: number) => [get(x), get(x), I('f64.ne')];
      const aUnlessBNaN = [get(a), get(a), get(b), i, ...isNaN(b), I('select')];
      return [...code, get(b), ...aUnlessBNaN, ...isNaN(a), I('select')];
    },
  },

  // the sign is taken by `b < 0` instead of from b's sign bit: copysign(x, -0) and copysign(x, -NaN) are positive
  'copysign-sign-test': {
    ops: ['f32.copysign'],
    replace: (_i, cx) => {
      const { a, b, code } = takeTwo(cx, 'f32');
      return [...code, get(a), I('f32.abs'), I('f32.neg'), get(a), I('f32.abs'), get(b), I('f32.const', { f32: 0 }), I('f32.lt'), I('select')];
    },
  },

  // the bounds check allows one byte too many: a load straddling the end by one byte reads a 0 there instead of trapping
  'load-straddle': {
    ops: ['i32.load'],
    replace: (i, cx) => {
      const mem = i.index ?? 0;
      if (addrType(memoryAt(cx.module, mem)!) !== 'i32') return [i];
      const a = cx.local('i32');
      const ea = cx.local('i64');
      const lastThree = [get(ea), I('i64.const', { i64: 1n }), I('i64.sub'), I('i32.wrap_i64'), I('i32.load', { ...memIndex(mem), align: 0, offset: 0 }), I('i32.const', { i32: 8 }), I('i32.shr_u')];
      return [
        set(a), get(a), I('i64.extend_i32_u'), I('i64.const', { i64: BigInt(i.offset ?? 0) }), I('i64.add'), I('local.tee', { index: ea }),
        I('i64.const', { i64: 3n }), I('i64.add'), ...memBytes(mem), I('i64.eq'),
        ifElse('i32', lastThree, [get(a), i]),
      ];
    },
  },

  // the signed byte load zero-extends
  'load8s-zext': { ops: ['i32.load8_s'], replace: (i) => [{ ...i, op: 'i32.load8_u' }] },

  // memory.copy always copies forwards, byte by byte: an overlapping copy to a higher address repeats the first bytes
  'copy-forward': {
    ops: ['memory.copy'],
    replace: (i, cx) => {
      const mem = i.index ?? 0;
      if ((i.index2 ?? 0) !== mem || addrType(memoryAt(cx.module, mem)!) !== 'i32') return [i];
      const [d, s, n, k] = [cx.local('i32'), cx.local('i32'), cx.local('i32'), cx.local('i32')];
      const overlapsAbove = [get(s), get(d), I('i32.lt_u'), get(d), get(s), I('i32.sub'), get(n), I('i32.lt_u'), I('i32.and')];
      const inBounds = [get(d), I('i64.extend_i32_u'), get(n), I('i64.extend_i32_u'), I('i64.add'), ...memBytes(mem), I('i64.le_u')];
      const plus = (x: number) => [get(x), get(k), I('i32.add')];
      const loop = I('loop', {
        blockType: { kind: 'empty' },
        body: [
          get(k), get(n), I('i32.ge_u'), I('br_if', { index: 1 }),
          ...plus(d), ...plus(s), I('i32.load8_u', { ...memIndex(mem), align: 0, offset: 0 }), I('i32.store8', { ...memIndex(mem), align: 0, offset: 0 }),
          get(k), I('i32.const', { i32: 1 }), I('i32.add'), set(k), I('br', { index: 0 }),
        ],
      });
      const forwards = [I('i32.const', { i32: 0 }), set(k), I('block', { blockType: { kind: 'empty' }, body: [loop] })];
      return [set(n), set(s), set(d), ...overlapsAbove, ...inBounds, I('i32.and'), ifElse(undefined, forwards, [get(d), get(s), get(n), i])];
    },
  },

  // the table bounds check is `i > size` instead of `i >= size`: table.get one past the end reads a null
  'table-get-past': {
    ops: ['table.get'],
    replace: (i, cx) => {
      const table = tableAt(cx.module, i.index ?? 0)!;
      if (addrType(table) !== 'i32' || !isNullable(table.elem)) return [i];
      const x = cx.local('i32');
      return [set(x), get(x), I('table.size', { index: i.index ?? 0 }), I('i32.eq'), ifElse(table.elem, [I('ref.null', { refType: withNullable(table.elem, true) })], [get(x), i])];
    },
  },

  // select tests its condition as a signed `> 0`: a negative condition picks the second operand
  'select-signed': { ops: ['select', 'select_t'], replace: (i) => [I('i32.const', { i32: 0 }), I('i32.gt_s'), i] },

  // br_table bounds check off by one: the last listed target is never taken, the default is
  'br-table-last': {
    ops: ['br_table'],
    replace: (i, cx) => {
      const n = i.labels?.length ?? 0;
      if (n === 0) return [i];
      const x = cx.local('i32');
      return [set(x), I('i32.const', { i32: n }), get(x), get(x), I('i32.const', { i32: n - 1 }), I('i32.eq'), I('select'), i];
    },
  },

  // the 16-bit sign extension zero-extends
  'extend16-zext': { ops: ['i32.extend16_s'], replace: () => [I('i32.const', { i32: 0xffff }), I('i32.and')] },
} satisfies Record<string, InstrFault>;

export type InstrFaultName = keyof typeof INSTR_FAULTS;

/** The module with every instance of the fault's instructions replaced, or undefined when it has none. */
export function injectFault(m: Module, fault: InstrFault, funcTypeParams: (type: number) => number): Module | undefined {
  const hits = (body: readonly Instr[]): boolean => body.some((i) => fault.ops.includes(i.op) || (i.body !== undefined && hits(i.body)) || (i.elseBody !== undefined && hits(i.elseBody)));
  if (!m.funcs.some((f) => hits(f.body))) return undefined;
  const funcs = m.funcs.map((f) => {
    if (!hits(f.body)) return f;
    const locals = [...f.locals];
    const first = funcTypeParams(f.type);
    const cx: RewriteContext = { module: m, local: (t) => first + locals.push(t) - 1 };
    const walk = (body: readonly Instr[]): Instr[] =>
      body.flatMap((i) => {
        if (fault.ops.includes(i.op)) return fault.replace(i, cx);
        if (i.body === undefined && i.elseBody === undefined) return [i];
        return [{ ...i, ...(i.body ? { body: walk(i.body) } : {}), ...(i.elseBody ? { elseBody: walk(i.elseBody) } : {}) }];
      });
    const body = walk(f.body);
    return { ...f, locals, body };
  });
  return { ...m, funcs };
}
