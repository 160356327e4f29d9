// Per-instruction cases in the style of WADIFF: for each instruction of the
// 2.0 set, one small module whose exported function applies it to its
// parameters, called with boundary operand combinations, trapping ones
// included (i32.div_s by 0 and MIN/-1, trunc of NaN and of values just past
// the range, accesses at and past the end of memory and tables, call_indirect
// of null, of a wrong type and past the table). Every case shares one fixture:
// a memory with data at both ends, a funcref and an externref table, passive
// segments, and a mutable global of each type, all exported so that their
// final state can be compared too.
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { instr as I, type Instr } from '../../reference-runtime/syntax/instructions.js';
import { emptyModule, type Module } from '../../reference-runtime/syntax/module.js';
import { OPCODES, opInfo, signature, type OpInfo } from '../../reference-runtime/syntax/opcodes.js';
import { isRefType, type FuncType, type ValType } from '../../reference-runtime/syntax/types.js';
import type { ArgValue, Invocation } from '../../adapters/plan.js';
import { constInstr } from '../../adapters/values.js';
import { boundaryArgs, F32_BOUNDARY, F64_BOUNDARY, I32_BOUNDARY, I64_BOUNDARY, V128_BOUNDARY } from './boundary.js';
import type { GeneratedCase } from './generated-case.js';
import { typeIndex } from './module-shape.js';
import { usesDataIndex } from './opcodes-of.js';
import { allowsInstruction, type FeatureOptions } from './features.js';

const PAGE = 65536;
const HELPER_ADD = 0; // (i32 i32) -> i32
const HELPER_NOP = 1; // () -> ()
const GLOBAL_TYPES: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref'];
const GLOBAL_TYPES_SCALAR: readonly ValType[] = GLOBAL_TYPES.filter((t) => t !== 'v128');

/** The value types of a case: the fixture's globals, and the per-type functions of the instructions typed by context (no v128 without SIMD). */
function valueTypes(simd: boolean): readonly ValType[] {
  return simd ? GLOBAL_TYPES : GLOBAL_TYPES_SCALAR;
}

interface TestFunc {
  name: string;
  type: FuncType;
  body: Instr[];
  locals?: ValType[];
  /** argument lists; the default is the boundary combinations of the parameter types */
  args?: ArgValue[][];
}

const a32 = (n: number): ArgValue => ({ type: 'i32', bits: n >>> 0 });

/** Key values for operands of binary and ternary instructions (the full lists for unary ones). */
const KEYS: Record<'i32' | 'i64' | 'f32' | 'f64' | 'v128', ArgValue[]> = {
  i32: [0, 1, -1, 2, 31, 32, 0x80, 0xff, 0x8000, 0x10000, 0x7fffffff, -0x80000000].map(a32),
  i64: [0n, 1n, -1n, 63n, 64n, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n].map((b) => ({ type: 'i64', bits: BigInt.asUintN(64, b) })),
  f32: [0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x1, 0x7f7fffff, 0x4f000000, 0xcf000001].map((bits) => ({ type: 'f32', bits: bits >>> 0 })),
  f64: [0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000000n, 0x1n, 0x7fefffffffffffffn, 0x41e0000000000000n, 0xc1e0000000200000n].map((bits) => ({ type: 'f64', bits })),
  v128: V128_BOUNDARY.slice(0, 9).map((bytes) => ({ type: 'v128', bytes })),
};

/** Addresses around both ends of the one-page memory, and past it. */
function addresses(width: number): ArgValue[] {
  return [0, 1, 7, PAGE - width, PAGE - width + 1, PAGE - 1, PAGE, 0x7fffffff, -1].map(a32);
}

/** Cross product of per-operand value lists. */
function combos(lists: readonly ArgValue[][]): ArgValue[][] {
  return lists.reduce<ArgValue[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

function operandLists(params: readonly ValType[]): ArgValue[][] {
  if (params.length === 1) return [boundaryArgs(params[0]!)];
  return params.map((p, _, all) => {
    const keys = isRefType(p) ? boundaryArgs(p) : KEYS[p];
    return all.length > 2 ? keys.slice(0, 5) : keys;
  });
}

const getParams = (n: number): Instr[] => Array.from({ length: n }, (_, i) => I('local.get', { index: i }));

/** `simd: false`: the case of a non-vector instruction without v128 anywhere (FeatureOptions.simd). */
export function instructionCases(op: string, simd = true): GeneratedCase[] {
  const info = opInfo(op);
  if (info === undefined) throw new RangeError(`unknown instruction ${op}`);
  const types = valueTypes(simd);
  const funcs = testFuncs(info, types);
  return [buildCase(op, funcs, types)];
}

/** One of an instruction's test functions, as a sampler sees it: its parameter types and every argument list the single-instruction case uses. */
export interface SampledFunc {
  params: readonly ValType[];
  all: ArgValue[][];
}

/**
 * Several instructions' test functions in one module (exports prefixed by
 * the instruction's position in `ops`), each function called with the
 * argument lists `choose` gives it (per instruction: one array of lists per
 * function, in order).
 */
export function sampledInstructionsCase(ops: readonly string[], choose: (op: string, funcs: readonly SampledFunc[]) => ArgValue[][][], simd = true): GeneratedCase {
  const types = valueTypes(simd);
  const funcs = ops.flatMap((op, k) => {
    const fs = testFuncs(opInfo(op)!, types);
    const args = choose(op, fs.map((f) => ({ params: f.type.params, all: f.args ?? combos(operandLists(f.type.params)) })));
    return fs.map((f, j) => ({ ...f, name: `i${k}_${f.name}`, args: args[j]! }));
  });
  return buildCase('sample', funcs, types);
}

export function* allInstructionCases(): Iterable<GeneratedCase> {
  for (const name of instructionsWithCases()) yield* instructionCases(name);
}

let withCases: string[] | undefined;

/**
 * The instructions this file builds cases for: every 2.0 one. The opcode
 * table has 3.0's too (tail calls, exceptions, ...), which have no case yet:
 * a source that draws from the table must draw from these.
 */
export function instructionsWithCases(): readonly string[] {
  return (withCases ??= OPCODES.map((o) => o.name).filter((name) => {
    try {
      testFuncs(opInfo(name)!, GLOBAL_TYPES);
      return true;
    } catch {
      return false;
    }
  }));
}

/** The instructions with cases that generated code may contain under `o` (features.ts allowsInstruction). */
export function instructionsAllowed(o: FeatureOptions): readonly string[] {
  return instructionsWithCases().filter((name) => allowsInstruction(opInfo(name)!, o));
}

function testFuncs(info: OpInfo, types: readonly ValType[]): TestFunc[] {
  const sig = signature(info);
  if (info.name.endsWith('.const')) return constFuncs(info);
  if (sig !== undefined && !['memory', 'memory_copy', 'memory_init', 'data'].includes(info.imm)) return sigFuncs(info, sig.params as ValType[], sig.results as ValType[]);
  return contextFuncs(info.name, types);
}

/** One function per boundary constant. */
function constFuncs(info: OpInfo): TestFunc[] {
  const t = info.name.split('.')[0] as 'i32' | 'i64' | 'f32' | 'f64' | 'v128';
  return boundaryArgs(t).map((v, i) => ({ name: `c${i}`, type: { params: [], results: [t] }, body: [constInstr(v as never)], args: [[]] }));
}

/** Instructions with a signature: variants per immediate (offsets, lanes, shuffles), operands from parameters. */
function sigFuncs(info: OpInfo, params: ValType[], results: ValType[]): TestFunc[] {
  const type = { params, results };
  const lists = operandLists(params);
  const memory = info.imm === 'memarg' || info.imm === 'memarg_lane';
  if (memory) lists[0] = addresses(1 << info.align!);
  const args = combos(lists);
  const variants = immediateVariants(info);
  return variants.map(([suffix, imm]) => ({ name: `op${suffix}`, type, body: [...getParams(params.length), I(info.name, imm)], args }));
}

function immediateVariants(info: OpInfo): [string, Omit<Instr, 'op'>][] {
  const lanes = info.lanes ?? 0;
  const laneChoices = [0, lanes - 1];
  switch (info.imm) {
    case 'memarg':
      return [
        ['', { align: info.align!, offset: 0 }],
        ['_off1_align0', { align: 0, offset: 1 }],
        ['_offpage', { align: info.align!, offset: PAGE - (1 << info.align!) }],
      ];
    case 'memarg_lane':
      return laneChoices.flatMap((lane) => [
        [`_l${lane}`, { align: info.align!, offset: 0, lane }],
        [`_l${lane}_off3`, { align: 0, offset: 3, lane }],
      ] as [string, Omit<Instr, 'op'>][]);
    case 'lane':
      return laneChoices.map((lane) => [`_l${lane}`, { lane }]);
    case 'shuffle':
      return [
        ['_id', { bytes: Uint8Array.from({ length: 16 }, (_, i) => i) }],
        ['_rev', { bytes: Uint8Array.from({ length: 16 }, (_, i) => 31 - i) }],
        ['_zip', { bytes: Uint8Array.from({ length: 16 }, (_, i) => (i % 2) * 16 + (i >> 1)) }],
        ['_bcast', { bytes: new Uint8Array(16).fill(17) }],
      ];
    default:
      return [['', {}]];
  }
}

const ii_i: FuncType = { params: ['i32', 'i32'], results: ['i32'] };
const i_i: FuncType = { params: ['i32'], results: ['i32'] };
const iii_i: FuncType = { params: ['i32', 'i32', 'i32'], results: ['i32'] };
const iii_I: FuncType = { params: ['i32', 'i32', 'i32'], results: ['i64'] };
const i_I: FuncType = { params: ['i32'], results: ['i64'] };
const _i: FuncType = { params: [], results: ['i32'] };
const small = (xs: number[]) => xs.map(a32);
/** Destination/source and length operands of bulk instructions, around both ends of a page. */
const bulkArgs = combos([small([0, 1, PAGE - 1, PAGE, PAGE + 1, -1]), small([0, 1, 16, PAGE - 1, -1]), small([0, 1, 16, PAGE])]);
const tableArgs = combos([small([0, 1, 3, 4, 5, -1]), small([0, 1, 2, 3, -1]), small([0, 1, 2, 4])]);
/** Overlapping copies, destination above and below the source (over the data at the start of memory, or the table's first entries). */
const overlapping = (k: number, n: number): ArgValue[][] => [small([k, 0, n]), small([0, k, n])];
/** Memory (inside the fixture's first 32 bytes of data): regions 1 byte apart (nearly all shared), one byte shared, and between. */
const copyOverlaps: [number, number][] = [[1, 16], [1, 31], [2, 4], [3, 8], [4, 12], [5, 24], [7, 20], [8, 9]];
const copyArgs = [...bulkArgs, ...copyOverlaps.flatMap(([k, n]) => overlapping(k, n))];
const tableCopyArgs = [...tableArgs, ...overlapping(1, 3), ...overlapping(2, 2)];

/**
 * What a bulk instruction's test function returns: the state it may have
 * written, so that a wrong write shows in its own result. The final-state
 * digest alone misses it whenever a later invocation of the case traps (the
 * plan then goes on with a fresh instance, plan.ts), which in a sampled case
 * of many instructions is nearly always.
 */
const memoryEnds = (): Instr[] => {
  // the first and last 32 bytes of page 0, where the fixture's data and the boundary arguments are, as an i64 hash
  const words = [0, 8, 16, 24, PAGE - 32, PAGE - 24, PAGE - 16, PAGE - 8];
  const load = (at: number) => [I('i32.const', { i32: at }), I('i64.load', { align: 3, offset: 0 })];
  return words.flatMap((at, k) => (k === 0 ? load(at) : [I('i64.const', { i64: 7n }), I('i64.rotl'), ...load(at), I('i64.xor')]));
};
/** Which of table 0's first four entries (its minimum size) are null, as bits (a reference's identity is not observable, its nullness is). */
const tableNulls = (): Instr[] =>
  [0, 1, 2, 3].flatMap((e) => [I('i32.const', { i32: e }), I('table.get', { index: 0 }), I('ref.is_null'), I('i32.const', { i32: e }), I('i32.shl'), ...(e === 0 ? [] : [I('i32.or')])]);

function perType(name: string, types: readonly ValType[], make: (t: ValType) => TestFunc | undefined): TestFunc[] {
  return types.flatMap((t) => {
    const f = make(t);
    return f === undefined ? [] : [{ ...f, name: `${name}_${t}` }];
  });
}

/** Instructions typed by context: a hand-written function (or one per type) each. */
function contextFuncs(op: string, types: readonly ValType[]): TestFunc[] {
  const gIndex = (t: ValType) => types.indexOf(t);
  switch (op) {
    case 'unreachable':
      return [{ name: 'op', type: { params: [], results: [] }, body: [I('unreachable')], args: [[]] }];
    case 'nop':
      return [{ name: 'op', type: i_i, body: [I('nop'), I('local.get', { index: 0 }), I('nop')] }];
    case 'block':
      return [{ name: 'op', type: ii_i, body: [...getParams(2), I('block', { blockType: { kind: 'type', index: -1 }, body: [I('i32.sub')] })] }];
    case 'loop': {
      // acc = sum of 1..(n & 255), counting down
      const body = [
        I('local.get', { index: 0 }), I('i32.const', { i32: 255 }), I('i32.and'), I('local.set', { index: 1 }),
        I('block', { blockType: { kind: 'empty' }, body: [I('loop', { blockType: { kind: 'empty' }, body: [
          I('local.get', { index: 1 }), I('i32.eqz'), I('br_if', { index: 1 }),
          I('local.get', { index: 2 }), I('local.get', { index: 1 }), I('i32.add'), I('local.set', { index: 2 }),
          I('local.get', { index: 1 }), I('i32.const', { i32: 1 }), I('i32.sub'), I('local.set', { index: 1 }), I('br', { index: 0 }),
        ] })] }),
        I('local.get', { index: 2 }),
      ];
      return [{ name: 'op', type: i_i, locals: ['i32', 'i32'], body }];
    }
    case 'if':
      return [{ name: 'op', type: i_i, body: [I('local.get', { index: 0 }), I('if', { blockType: { kind: 'value', type: 'i32' }, body: [I('i32.const', { i32: 1 })], elseBody: [I('i32.const', { i32: 2 })] })] }];
    case 'br':
      return [{ name: 'op', type: i_i, body: [I('block', { blockType: { kind: 'value', type: 'i32' }, body: [I('local.get', { index: 0 }), I('br', { index: 0 }), I('i32.const', { i32: 1 }), I('i32.add')] })] }];
    case 'br_if':
      return [{ name: 'op', type: ii_i, body: [I('block', { blockType: { kind: 'value', type: 'i32' }, body: [...getParams(2), I('br_if', { index: 0 }), I('i32.const', { i32: 1 }), I('i32.add')] })] }];
    case 'br_table': {
      const inner = I('block', { blockType: { kind: 'empty' }, body: [I('block', { blockType: { kind: 'empty' }, body: [I('local.get', { index: 0 }), I('br_table', { index: 2, labels: [0, 1] })] }), I('i32.const', { i32: 10 }), I('return')] });
      return [{ name: 'op', type: i_i, body: [I('block', { blockType: { kind: 'empty' }, body: [inner, I('i32.const', { i32: 11 }), I('return')] }), I('i32.const', { i32: 12 })] }];
    }
    case 'return':
      return [{ name: 'op', type: i_i, body: [I('local.get', { index: 0 }), I('return'), I('unreachable')] }];
    case 'call':
      return [{ name: 'op', type: ii_i, body: [...getParams(2), I('call', { index: HELPER_ADD })] }];
    case 'call_indirect':
      // table 0 holds [add, nop, null, null]: ok, type mismatch, uninitialized, then out of the table
      return [{ name: 'op', type: i_i, body: [I('i32.const', { i32: 5 }), I('i32.const', { i32: 7 }), I('local.get', { index: 0 }), I('call_indirect', { index: -2, index2: 0 })], args: small([0, 1, 2, 3, 4, 5, -1, 0x7fffffff]).map((a) => [a]) }];
    case 'drop':
      return perType('op', types, (t) => ({ name: '', type: { params: ['i32', t], results: ['i32'] }, body: [...getParams(2), I('drop')], args: [[a32(7), ...boundaryArgs(t).slice(0, 1)]] }));
    case 'select':
      return perType('op', types, (t) => (t === 'funcref' || t === 'externref' ? undefined : { name: '', type: { params: [t, t, 'i32'], results: [t] }, body: [...getParams(3), I('select')] }));
    case 'select_t':
      return perType('op', types, (t) => ({ name: '', type: { params: [t, t, 'i32'], results: [t] }, body: [...getParams(3), I('select_t', { types: [t] })] }));
    case 'local.get':
      return perType('op', types, (t) => ({ name: '', type: { params: [t], results: [t] }, body: [I('local.get', { index: 0 })] }));
    case 'local.set':
      return perType('op', types, (t) => ({ name: '', type: { params: [t], results: [t] }, locals: [t], body: [I('local.get', { index: 0 }), I('local.set', { index: 1 }), I('local.get', { index: 1 })] }));
    case 'local.tee':
      return perType('op', types, (t) => ({ name: '', type: { params: [t], results: [t] }, locals: [t], body: [I('local.get', { index: 0 }), I('local.tee', { index: 1 })] }));
    case 'global.get':
      return perType('op', types, (t) => ({ name: '', type: { params: [], results: [t] }, body: [I('global.get', { index: gIndex(t) })], args: [[]] }));
    case 'global.set':
      return perType('op', types, (t) => ({ name: '', type: { params: [t], results: [t] }, body: [I('local.get', { index: 0 }), I('global.set', { index: gIndex(t) }), I('global.get', { index: gIndex(t) })] }));
    case 'ref.null':
      return perType('op', types, (t) => (t === 'funcref' || t === 'externref' ? { name: '', type: { params: [], results: [t] }, body: [I('ref.null', { refType: t })], args: [[]] } : undefined));
    case 'ref.is_null':
      return [
        ...perType('op', types, (t) => (t === 'funcref' || t === 'externref' ? { name: '', type: { params: [t], results: ['i32'] }, body: [I('local.get', { index: 0 }), I('ref.is_null')] } : undefined)),
        { name: 'op_func', type: _i, body: [I('ref.func', { index: HELPER_ADD }), I('ref.is_null')], args: [[]] },
      ];
    case 'ref.func':
      return [{ name: 'op', type: { params: [], results: ['funcref'] }, body: [I('ref.func', { index: HELPER_ADD })], args: [[]] }];
    case 'table.get':
      return [
        { name: 'op_func', type: { params: ['i32'], results: ['funcref'] }, body: [I('local.get', { index: 0 }), I('table.get', { index: 0 })], args: small([0, 2, 3, 4, -1]).map((a) => [a]) },
        { name: 'op_extern', type: { params: ['i32'], results: ['externref'] }, body: [I('local.get', { index: 0 }), I('table.get', { index: 1 })], args: small([0, 1, 2, -1]).map((a) => [a]) },
      ];
    case 'table.set':
      return [{ name: 'op', type: i_i, body: [I('local.get', { index: 0 }), I('ref.func', { index: HELPER_NOP }), I('table.set', { index: 0 }), ...tableNulls()], args: small([0, 3, 4, -1]).map((a) => [a]) }];
    case 'table.size':
      return [0, 1].map((t) => ({ name: `op_t${t}`, type: _i, body: [I('table.size', { index: t })], args: [[]] }));
    case 'table.grow':
      return [{ name: 'op', type: i_i, body: [I('ref.null', { refType: 'funcref' }), I('local.get', { index: 0 }), I('table.grow', { index: 0 })], args: small([0, 1, 4, 5, 0x10000, -1]).map((a) => [a]) }];
    case 'table.fill':
      return [{ name: 'op', type: iii_i, body: [I('local.get', { index: 0 }), I('ref.func', { index: HELPER_ADD }), I('local.get', { index: 2 }), I('table.fill', { index: 0 }), ...tableNulls()], args: tableArgs }];
    case 'table.copy':
      return [{ name: 'op', type: iii_i, body: [...getParams(3), I('table.copy', { index: 0, index2: 0 }), ...tableNulls()], args: tableCopyArgs }];
    case 'table.init':
      return [{ name: 'op', type: iii_i, body: [...getParams(3), I('table.init', { index: 1, index2: 0 }), ...tableNulls()], args: tableArgs }];
    case 'elem.drop':
      return [{ name: 'op', type: i_i, body: [I('elem.drop', { index: 1 }), I('i32.const', { i32: 0 }), I('i32.const', { i32: 0 }), I('local.get', { index: 0 }), I('table.init', { index: 1, index2: 0 }), ...tableNulls()], args: small([0, 1]).map((a) => [a]) }];
    case 'memory.size':
      return [{ name: 'op', type: _i, body: [I('memory.size', { index: 0 })], args: [[]] }];
    case 'memory.grow':
      return [{ name: 'op', type: i_i, body: [I('local.get', { index: 0 }), I('memory.grow', { index: 0 })], args: small([0, 1, 2, 0x10000, -1]).map((a) => [a]) }];
    case 'memory.fill':
      return [{ name: 'op', type: iii_I, body: [...getParams(3), I('memory.fill', { index: 0 }), ...memoryEnds()], args: bulkArgs }];
    case 'memory.copy':
      return [{ name: 'op', type: iii_I, body: [...getParams(3), I('memory.copy', { index: 0, index2: 0 }), ...memoryEnds()], args: copyArgs }];
    case 'memory.init':
      return [{ name: 'op', type: iii_I, body: [...getParams(3), I('memory.init', { index: 1, index2: 0 }), ...memoryEnds()], args: bulkArgs }];
    case 'data.drop':
      return [{ name: 'op', type: i_I, body: [I('data.drop', { index: 1 }), I('i32.const', { i32: 0 }), I('i32.const', { i32: 0 }), I('local.get', { index: 0 }), I('memory.init', { index: 1, index2: 0 }), ...memoryEnds()], args: small([0, 1]).map((a) => [a]) }];
    default:
      throw new RangeError(`no instruction case for ${op}`);
  }
}

/** The shared fixture plus the functions under test, exported as `<name>`, with their invocations. */
function buildCase(op: string, funcs: TestFunc[], types: readonly ValType[]): GeneratedCase {
  const m = fixture(types);
  const add = typeIndex(m, ii_i);
  const invocations: Invocation[] = [];
  for (const f of funcs) {
    const index = m.funcs.length;
    m.funcs.push({ type: typeIndex(m, f.type), locals: f.locals ?? [], body: resolveTypes(f.body, m, add) });
    m.exports.push({ name: f.name, kind: 'func', index });
    for (const args of f.args ?? combos(operandLists(f.type.params))) invocations.push({ export: f.name, args });
  }
  if (usesDataIndex(m)) m.dataCount = m.datas.length;
  return { module: m, bytes: encodeModule(m), invocations, origin: `instr:${op}` };
}

/** Placeholders in the hand-written bodies: block type -1 is (i32 i32)->(i32), type -2 the add helper's. */
function resolveTypes(body: Instr[], m: Module, add: number): Instr[] {
  return body.map((i) => {
    if (i.op === 'block' && i.blockType?.kind === 'type' && i.blockType.index === -1) return { ...i, blockType: { kind: 'type', index: add } };
    if (i.op === 'call_indirect' && i.index === -2) return { ...i, index: add };
    return i;
  });
}

function fixture(types: readonly ValType[]): Module {
  const m = emptyModule();
  const add = typeIndex(m, ii_i);
  const nop = typeIndex(m, { params: [], results: [] });
  m.funcs.push({ type: add, locals: [], body: [...getParams(2), I('i32.add')] });
  m.funcs.push({ type: nop, locals: [], body: [] });
  m.mems.push({ limits: { min: 1, max: 2 } });
  const pattern = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 0x81) & 0xff);
  m.datas.push({ init: pattern, mode: { kind: 'active', memory: 0, offset: [I('i32.const', { i32: 0 })] } });
  m.datas.push({ init: pattern.slice(0, 16), mode: { kind: 'passive' } });
  m.datas.push({ init: pattern.slice(16), mode: { kind: 'active', memory: 0, offset: [I('i32.const', { i32: PAGE - 16 })] } });
  m.tables.push({ elem: 'funcref', limits: { min: 4, max: 8 } }, { elem: 'externref', limits: { min: 2, max: 4 } });
  m.elems.push({ type: 'funcref', init: [[I('ref.func', { index: HELPER_ADD })], [I('ref.func', { index: HELPER_NOP })]], mode: { kind: 'active', table: 0, offset: [I('i32.const', { i32: 0 })] } });
  m.elems.push({ type: 'funcref', init: [[I('ref.func', { index: HELPER_NOP })], [I('ref.null', { refType: 'funcref' })]], mode: { kind: 'passive' } });
  m.globals = types.map((t) => ({ type: { type: t, mutable: true }, init: [globalInit(t)] }));
  m.exports.push({ name: 'mem', kind: 'memory', index: 0 }, { name: 't0', kind: 'table', index: 0 }, { name: 't1', kind: 'table', index: 1 });
  types.forEach((t, i) => m.exports.push({ name: `g_${t}`, kind: 'global', index: i }));
  return m;
}

function globalInit(t: ValType): Instr {
  switch (t) {
    case 'i32':
      return I('i32.const', { i32: I32_BOUNDARY[5]! });
    case 'i64':
      return I('i64.const', { i64: I64_BOUNDARY[5]! });
    case 'f32':
      return I('f32.const', { f32: F32_BOUNDARY[2]! });
    case 'f64':
      return I('f64.const', { f64: F64_BOUNDARY[2]! });
    case 'v128':
      return I('v128.const', { bytes: V128_BOUNDARY[5]! });
    default: // a reference type
      return I('ref.null', { refType: t });
  }
}
