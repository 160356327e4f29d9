// The driver module: the module under test, instrumented with a WASI command
// `_start` that runs the plan's invocations and writes, for each one,
//   @<index, 8 hex digits>\n          before the call
//   =[ <result hex>]*\n               after it (values.ts says the hex forms)
// and `!\n` once every invocation from the starting one has run. An
// invocation whose marker has no `=` line is the one that trapped, exhausted
// the stack, hung or crashed. The starting index is the exported mutable
// global `wasmdiff_from` (its initial value is `from`): a command-line run
// builds one driver per starting index, an in-process run can set the global
// and call `_start` again on a fresh instance.
//
// Only what the invocations need is added: SIMD instructions appear only when
// an argument or result is a v128, so a driver runs on engines without SIMD.
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { FuncType, ValType } from '../../reference-runtime/syntax/types.js';
import type { ArgValue } from '../plan.js';
import type { Resolved } from '../resolve.js';
import { hexDigits } from '../values.js';
import { EMIT_TYPE, emitFunc, FD_WRITE_TYPE, PROC_EXIT_TYPE } from './emit.js';
import { shiftFuncIndices } from './renumber.js';

export const WASI = 'wasi_snapshot_preview1';
export const FROM_GLOBAL = 'wasmdiff_from';
const AT = 0x40, EQ = 0x3d, SPACE = 0x20, NL = 0x0a, BANG = 0x21;

export class DriverUnsupported extends Error {
  override name = 'DriverUnsupported';
}

export interface DriverInvocation {
  resolved: Resolved;
  args: ArgValue[];
}

/** The driver's bytes for invocations from `from` on (the module is not modified). */
export function buildDriver(module: Module, invocations: readonly DriverInvocation[], from = 0): Uint8Array {
  return encodeModule(driverModule(module, invocations, from));
}

export function driverModule(original: Module, invocations: readonly DriverInvocation[], from = 0): Module {
  const m: Module = structuredClone(original);
  const importedFuncs = m.imports.filter((i) => i.desc.kind === 'func').length;
  const importedGlobals = m.imports.filter((i) => i.desc.kind === 'global').length;
  const importedMem = m.imports.some((i) => i.desc.kind === 'memory');

  // memory for fd_write: the module's own (scratch saved and restored), or a new one
  if (!importedMem && m.mems.length === 0) m.mems.push({ limits: { min: 1 } });
  else if (!importedMem && m.mems[0]!.limits.min === 0) {
    throw new DriverUnsupported('the memory has 0 initial pages: no scratch space for fd_write without changing the memory');
  }

  // two function imports appended after the existing ones: defined functions move up by 2
  shiftFuncIndices(m, importedFuncs, 2);
  const typeIndex = (t: FuncType): number => m.types.push(t) - 1;
  m.imports.push({ module: WASI, name: 'fd_write', desc: { kind: 'func', type: typeIndex(FD_WRITE_TYPE) } });
  m.imports.push({ module: WASI, name: 'proc_exit', desc: { kind: 'func', type: typeIndex(PROC_EXIT_TYPE) } });
  const fdWrite = importedFuncs;
  const shifted = (f: number): number => (f >= importedFuncs ? f + 2 : f);

  const fromGlobal = importedGlobals + m.globals.push({ type: { type: 'i32', mutable: true }, init: [instr('i32.const', { i32: from })] }) - 1;
  const emit = importedFuncs + 2 + m.funcs.push(emitFunc(typeIndex(EMIT_TYPE), fdWrite)) - 1;
  const start = startFunc(invocations, shifted, emit, fromGlobal);
  const startIndex = importedFuncs + 2 + m.funcs.push({ type: typeIndex({ params: [], results: [] }), locals: start.locals, body: start.body }) - 1;

  addExport(m, '_start', 'func', startIndex);
  addExport(m, 'memory', 'memory', 0);
  addExport(m, FROM_GLOBAL, 'global', fromGlobal);
  return m;
}

/** Exports `name`; an export of the module that already has the name (another thing) is renamed aside. */
function addExport(m: Module, name: string, kind: 'func' | 'memory' | 'global', index: number): void {
  const clash = m.exports.find((e) => e.name === name);
  if (clash !== undefined && clash.kind === kind && clash.index === index) return;
  if (clash !== undefined) {
    let aside = `${name}$orig`;
    while (m.exports.some((e) => e.name === aside)) aside += '$';
    clash.name = aside;
  }
  m.exports.push({ name, kind, index });
}

function startFunc(
  invocations: readonly DriverInvocation[],
  shifted: (f: number) => number,
  emit: number,
  fromGlobal: number,
): { locals: ValType[]; body: Instr[] } {
  const locals: ValType[] = [];
  const pool = new Map<ValType, number[]>(); // result slots, reused across invocations
  const slot = (t: ValType, k: number): number => {
    const slots = pool.get(t) ?? [];
    pool.set(t, slots);
    while (slots.length <= k) slots.push(locals.push(t) - 1);
    return slots[k]!;
  };
  const emitCall = (prefix: number, value: Instr[], digits: number, suffix: number): Instr[] => [
    instr('i32.const', { i32: prefix }),
    ...value,
    instr('i32.const', { i32: digits }),
    instr('i32.const', { i32: suffix }),
    instr('call', { index: emit }),
  ];
  const body: Instr[] = [];
  invocations.forEach((inv, i) => {
    if (!inv.resolved.ok) return;
    const { func, type } = inv.resolved;
    const used = new Map<ValType, number>();
    const slots = type.results.map((t) => {
      const k = used.get(t) ?? 0;
      used.set(t, k + 1);
      return slot(t, k);
    });
    const call: Instr[] = [
      ...emitCall(AT, [instr('i64.const', { i64: BigInt(i) })], 8, NL),
      ...inv.args.map(argConst),
      instr('call', { index: shifted(func) }),
      ...slots.map((s) => instr('local.set', { index: s })).reverse(),
      ...emitCall(EQ, [instr('i64.const', { i64: 0n })], 0, 0),
      ...type.results.flatMap((t, k) => emitResult(t, slots[k]!, emitCall)),
      ...emitCall(0, [instr('i64.const', { i64: 0n })], 0, NL),
    ];
    const due = [instr('global.get', { index: fromGlobal }), instr('i32.const', { i32: i }), instr('i32.le_u')];
    body.push(...due, instr('if', { blockType: { kind: 'empty' }, body: call, elseBody: [] }));
  });
  body.push(...emitCall(BANG, [instr('i64.const', { i64: 0n })], 0, NL));
  return { locals, body };
}

function argConst(a: ArgValue): Instr {
  switch (a.type) {
    case 'i32':
      return instr('i32.const', { i32: a.bits | 0 });
    case 'i64':
      return instr('i64.const', { i64: BigInt.asIntN(64, a.bits) });
    case 'f32':
      return instr('f32.const', { f32: a.bits >>> 0 });
    case 'f64':
      return instr('f64.const', { f64: BigInt.asUintN(64, a.bits) });
    case 'v128':
      return instr('v128.const', { bytes: a.bytes });
    case 'funcref':
    case 'externref':
      return instr('ref.null', { refType: a.type });
  }
}

type EmitCall = (prefix: number, value: Instr[], digits: number, suffix: number) => Instr[];

function emitResult(t: ValType, local: number, emitCall: EmitCall): Instr[] {
  const get = instr('local.get', { index: local });
  const digits = hexDigits(t);
  switch (t) {
    case 'i32':
      return emitCall(SPACE, [get, instr('i64.extend_i32_u')], digits, 0);
    case 'i64':
      return emitCall(SPACE, [get], digits, 0);
    case 'f32':
      return emitCall(SPACE, [get, instr('i32.reinterpret_f32'), instr('i64.extend_i32_u')], digits, 0);
    case 'f64':
      return emitCall(SPACE, [get, instr('i64.reinterpret_f64')], digits, 0);
    case 'v128':
      return [
        ...emitCall(SPACE, [get, instr('i64x2.extract_lane', { lane: 1 })], 16, 0),
        ...emitCall(0, [get, instr('i64x2.extract_lane', { lane: 0 })], 16, 0),
      ];
    case 'funcref':
    case 'externref':
      return emitCall(SPACE, [get, instr('ref.is_null'), instr('i32.eqz'), instr('i64.extend_i32_u')], digits, 0);
  }
}
