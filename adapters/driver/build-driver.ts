// The driver module: the module under test, instrumented with a WASI command
// `_start` that runs the plan's invocations and writes, for each one,
//   @<index, 8 hex digits>\n          before the call
//   =[ <result hex>]*\n               after it (values.ts says the hex forms)
// and `!\n` once every invocation from the starting one has run. An
// invocation whose marker has no `=` line is the one that trapped, exhausted
// the stack, hung or crashed. The starting index is the exported mutable
// global `wasmdiff_from` (its initial value is `from`): a command-line run
// gets a driver per starting index (driverImage patches the one value in the
// bytes), an in-process run can set the global and call `_start` again on a
// fresh instance.
//
// `_start` is short chunks of `i32.const index; args...; call wrapper`, one
// wrapper per invoked function doing the calling and writing: a compact
// driver, and small functions, keep an engine's compile time (Cranelift,
// LLVM) linear in the number of invocations.
//
// Only what the invocations need is added: SIMD instructions appear only when
// an argument or result is a v128, so a driver runs on engines without SIMD;
// the GC projection functions (ref-projection.ts) only when a result is a
// reference of the any hierarchy, which is then written as its projection:
// ` KT` and 16 hex digits (kind, declared type's test, digest).
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { encodeSigned, readUnsigned } from '../../reference-runtime/binary/leb128.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import { appendType, type Func, type Module } from '../../reference-runtime/syntax/module.js';
import type { FuncType, RefType, ValType } from '../../reference-runtime/syntax/types.js';
import type { ArgValue, Invocation } from '../plan.js';
import { outcomeTypes, resolveInvocation, type Resolved } from '../resolve.js';
import { constInstr, hexDigits } from '../values.js';
import { EMIT_TYPE, emitFunc, FD_WRITE_TYPE, PROC_EXIT_TYPE } from './emit.js';
import { renumberSpace } from '../../reference-runtime/syntax/renumber.js';
import { DEPTH, hierarchyOf, projectionCode, type ProjectionFuncs } from './ref-projection.js';
import { isRefType, withNullable } from '../../reference-runtime/syntax/types.js';

export const WASI = 'wasi_snapshot_preview1';
export const FROM_GLOBAL = 'wasmdiff_from';
/** Set by the driver to each invocation's index before it is called (-1 before the first). */
export const AT_GLOBAL = 'wasmdiff_at';
const AT = 0x40, EQ = 0x3d, SPACE = 0x20, NL = 0x0a, BANG = 0x21;

export class DriverUnsupported extends Error {
  override name = 'DriverUnsupported';
}

export interface DriverInvocation {
  resolved: Resolved;
  args: ArgValue[];
  /** the arguments of the call through the returned reference (plan.ts `through`) */
  through?: ArgValue[];
}

/** The plan's invocations as the driver takes them: each resolved on `module`, with its arguments and those of its call through. */
export function driverInvocations(module: Module, invocations: readonly Invocation[]): DriverInvocation[] {
  return invocations.map((inv) => ({ resolved: resolveInvocation(module, inv), args: inv.args, ...(inv.through ? { through: inv.through } : {}) }));
}

/** The driver's bytes for invocations from `from` on (the module is not modified). */
export function buildDriver(module: Module, invocations: readonly DriverInvocation[], from = 0): Uint8Array {
  return encodeModule(driverModule(module, invocations, from));
}

/** A placeholder `from` whose signed LEB128 takes the 5 bytes any i32 may take. */
const FROM_PLACEHOLDER = 0x2b5c3d1e;
const GLOBAL_SECTION = 6;

/**
 * The driver for every starting index, built once: the `from` global's
 * initial value is the only difference, written into a copy of the bytes as
 * a 5-byte LEB128 (non-minimal encodings are valid up to that length).
 */
export function driverImage(module: Module, invocations: readonly DriverInvocation[]): (from: number) => Uint8Array {
  const bytes = buildDriver(module, invocations, FROM_PLACEHOLDER);
  const at = placeholderOffset(bytes);
  if (at === undefined) return (from) => buildDriver(module, invocations, from);
  return (from) => {
    const copy = bytes.slice();
    for (let k = 0; k < 5; k++) copy[at + k] = ((from >>> (7 * k)) & 0x7f) | (k < 4 ? 0x80 : 0);
    return copy;
  };
}

/** Where the placeholder's LEB128 starts: the last `i32.const placeholder end` in the global section (ours is appended last). */
function placeholderOffset(bytes: Uint8Array): number | undefined {
  const pattern = [0x41, ...encodeSigned(FROM_PLACEHOLDER), 0x0b];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p]!;
    const size = readUnsigned(bytes, p + 1, 32);
    const start = size.next;
    if (id === GLOBAL_SECTION) {
      for (let i = start + size.value - pattern.length; i >= start; i--) {
        if (pattern.every((b, k) => bytes[i + k] === b)) return i + 1;
      }
      return undefined;
    }
    p = start + size.value;
  }
  return undefined;
}

/** Why no driver can be built for the module, or undefined when one can. */
export function whyNoDriver(module: Module): string | undefined {
  const imported = module.imports.flatMap((i) => (i.desc.kind === 'memory' ? [i.desc.memory] : []));
  if (imported[0]?.addr === 'i64') return 'memory 0 is an imported 64-bit memory: the WASI fd_write the driver prints through takes 32-bit addresses';
  if (imported.length === 0 && !ownMemory(module) && module.mems.length > 0 && module.mems[0]!.limits.min === 0) {
    return 'the memory has 0 initial pages: no scratch space for fd_write without changing the memory';
  }
  return undefined;
}

/**
 * Whether the driver writes through a memory of its own instead of borrowing
 * the module's memory 0: WASI's fd_write takes 32-bit addresses, so a 64-bit
 * memory 0 cannot carry its iovec. The own memory goes first, as memory 0,
 * and the module's move up by one: WASI finds it as the export "memory", and
 * WasmEdge's WASI as memory 0 of the caller. Two memories need multi-memory,
 * which every engine with memory64 has.
 */
function ownMemory(module: Module): boolean {
  return module.mems[0]?.addr === 'i64';
}

export function driverModule(original: Module, invocations: readonly DriverInvocation[], from = 0): Module {
  const unsupported = whyNoDriver(original);
  if (unsupported !== undefined) throw new DriverUnsupported(unsupported);
  const importedFuncs = original.imports.filter((i) => i.desc.kind === 'func').length;
  const importedGlobals = original.imports.filter((i) => i.desc.kind === 'global').length;
  // two function imports appended after the existing ones: defined functions move up by 2
  const shifted = (f: number): number => (f >= importedFuncs ? f + 2 : f);
  let m = renumberSpace(structuredClone(original), 'func', shifted);

  // memory for fd_write: the module's memory 0 (scratch saved and restored), or one of the driver's own
  const borrowed = !ownMemory(m);
  if (!borrowed) m = renumberSpace(m, 'memory', (i) => i + 1);
  if (!borrowed || (!m.imports.some((i) => i.desc.kind === 'memory') && m.mems.length === 0)) m.mems.unshift({ limits: { min: 1 } });
  const typeIndex = (t: FuncType): number => appendType(m, t);
  m.imports.push({ module: WASI, name: 'fd_write', desc: { kind: 'func', type: typeIndex(FD_WRITE_TYPE) } });
  m.imports.push({ module: WASI, name: 'proc_exit', desc: { kind: 'func', type: typeIndex(PROC_EXIT_TYPE) } });
  const fdWrite = importedFuncs;

  const fromGlobal = importedGlobals + m.globals.push({ type: { type: 'i32', mutable: true }, init: [instr('i32.const', { i32: from })] }) - 1;
  // the invocation running, for a host that goes on after a trap by itself (wasmedge-serve)
  const atGlobal = importedGlobals + m.globals.push({ type: { type: 'i32', mutable: true }, init: [instr('i32.const', { i32: -1 })] }) - 1;
  const addFunc = (f: Func): number => importedFuncs + 2 + m.funcs.push(f) - 1;
  const emit = addFunc(emitFunc(typeIndex(EMIT_TYPE), fdWrite, borrowed));
  // the GC projection, added once when a result needs it
  let projection: ProjectionFuncs | undefined;
  const project = (): ProjectionFuncs =>
    (projection ??= projectionCode(original.types, { typeIndex, addFunc, nextFuncIndex: () => importedFuncs + 2 + m.funcs.length }));
  const results: ResultWriter = (t, local, emitWith) =>
    isRefType(t) && hierarchyOf(original, t) === 'any' ? anyRefResult(t, local, project(), emitWith) : emitResult(t, local, emitWith);

  // one wrapper per function invoked: `_start` itself is only constants and calls
  const wrappers = new Map<string, number>();
  const wrapperOf = (r: Callable): number => {
    const key = `${r.func}/${r.through?.typeIndex ?? ''}`;
    let w = wrappers.get(key);
    if (w === undefined) {
      const params: ValType[] = ['i32', ...r.type.params, ...(r.through?.type.params ?? [])];
      w = addFunc({ type: typeIndex({ params, results: [] }), ...wrapperBody({ ...r, func: shifted(r.func) }, emit, fromGlobal, atGlobal, results) });
      wrappers.set(key, w);
    }
    return w;
  };
  const calls = invocations.flatMap((inv, i) => (inv.resolved.ok ? [{ index: i, args: [...inv.args, ...(inv.through ?? [])], wrapper: wrapperOf(inv.resolved) }] : []));
  const startBody: Instr[] = [];
  for (let k = 0; k < calls.length; k += CHUNK) {
    const chunk = calls.slice(k, k + CHUNK);
    const body = chunk.flatMap((c) => [instr('i32.const', { i32: c.index }), ...c.args.map(constInstr), instr('call', { index: c.wrapper })]);
    const f = addFunc({ type: typeIndex({ params: [], results: [] }), locals: [], body });
    // a chunk whose invocations all come before `from` is not entered
    const due = [instr('global.get', { index: fromGlobal }), instr('i32.const', { i32: chunk[chunk.length - 1]!.index }), instr('i32.le_u')];
    startBody.push(...due, instr('if', { blockType: { kind: 'empty' }, body: [instr('call', { index: f })], elseBody: [] }));
  }
  startBody.push(...emitCall(emit, BANG, [instr('i64.const', { i64: 0n })], 0, NL));
  const startIndex = addFunc({ type: typeIndex({ params: [], results: [] }), locals: [], body: startBody });

  addExport(m, '_start', 'func', startIndex);
  addExport(m, 'memory', 'memory', 0);
  addExport(m, FROM_GLOBAL, 'global', fromGlobal);
  addExport(m, AT_GLOBAL, 'global', atGlobal);
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

const emitCall = (emit: number, prefix: number, value: Instr[], digits: number, suffix: number): Instr[] => [
  instr('i32.const', { i32: prefix }),
  ...value,
  instr('i32.const', { i32: digits }),
  instr('i32.const', { i32: suffix }),
  instr('call', { index: emit }),
];

type Callable = Extract<Resolved, { ok: true }>;

/**
 * `wrapper(index, params..., through params...)`: unless `index` comes before
 * `from`, writes the marker, calls `func` with the params (and, when the plan
 * asks, the reference it returns last with the through params), and writes
 * the results.
 */
function wrapperBody(r: Callable, emit: number, fromGlobal: number, atGlobal: number, writeResult: ResultWriter): { locals: ValType[]; body: Instr[] } {
  const get = (i: number): Instr => instr('local.get', { index: i });
  const set = (i: number): Instr => instr('local.set', { index: i });
  const { type, through } = r;
  const throughParams = through?.type.params ?? [];
  const params = 1 + type.params.length + throughParams.length;
  const resultTypes = outcomeTypes(r);
  const results = resultTypes.map((_, k) => params + k);
  const ours = results.slice(0, type.results.length);
  const theirs = results.slice(type.results.length);
  const callThrough: Instr[] = through === undefined ? [] : [
    ...throughParams.map((_, k) => get(1 + type.params.length + k)),
    get(ours.at(-1)!),
    instr('call_ref', { index: through.typeIndex }),
    ...theirs.map(set).reverse(),
  ];
  const emitWith = (prefix: number, value: Instr[], digits: number, suffix: number) => emitCall(emit, prefix, value, digits, suffix);
  const body: Instr[] = [
    get(0), instr('global.get', { index: fromGlobal }), instr('i32.lt_u'),
    instr('if', { blockType: { kind: 'empty' }, body: [instr('return')], elseBody: [] }),
    get(0), instr('global.set', { index: atGlobal }),
    ...emitWith(AT, [get(0), instr('i64.extend_i32_u')], 8, NL),
    ...type.params.map((_, k) => get(k + 1)),
    instr('call', { index: r.func }),
    ...ours.map(set).reverse(),
    ...callThrough,
    ...emitWith(EQ, [instr('i64.const', { i64: 0n })], 0, 0),
    ...resultTypes.flatMap((t, k) => writeResult(t, results[k]!, emitWith)),
    ...emitWith(0, [instr('i64.const', { i64: 0n })], 0, NL),
  ];
  return { locals: resultTypes, body };
}

type EmitCall = (prefix: number, value: Instr[], digits: number, suffix: number) => Instr[];
type ResultWriter = (t: ValType, local: number, emitCall: EmitCall) => Instr[];

/** A reference of the any hierarchy: its projection (ref-projection.ts), ` KT` then the 16-digit digest. */
function anyRefResult(t: RefType, local: number, p: ProjectionFuncs, emitCall: EmitCall): Instr[] {
  const get = instr('local.get', { index: local });
  return [
    ...emitCall(SPACE, [get, instr('call', { index: p.kind }), instr('i64.extend_i32_u')], 1, 0),
    ...emitCall(0, [get, instr('ref.test', { refType: withNullable(t, true) }), instr('i64.extend_i32_u')], 1, 0),
    ...emitCall(0, [get, instr('i32.const', { i32: DEPTH }), instr('call', { index: p.digest })], 16, 0),
  ];
}

/** Invocations per `_start` chunk: small functions keep a JIT's compile time linear in the plan. */
const CHUNK = 64;

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
    default: // a reference type
      return emitCall(SPACE, [get, instr('ref.is_null'), instr('i32.eqz'), instr('i64.extend_i32_u')], digits, 0);
  }
}
