// The interpreter loop: one `switch` over the compiled instruction stream with
// an explicit frame stack, so a wasm call is a few array writes and never a JS
// call (deep recursion ends in `Exhaustion`, not a RangeError). State lives in
// locals: code/pc of the running function, fp (its frame base slot) and sp
// (next free slot) on the shared value stack, the instance, and the cached
// view of memory 0, refreshed whenever it may have changed (calls, returns,
// memory.grow). Hot numerics are inline; NaN results and everything rarer go
// to the numerics library. A tail call replaces the running frame in place.
// A throw saves the running frame and goes on in UNWIND, which searches the
// frames' handler tables (exceptions.ts) from the top down and returns into
// the frame that catches; if none does, the exception leaves as an
// UncaughtException, which a host function between two wasm frames lets
// through to the machine below it. Of the typed-reference and GC
// instructions, call_ref is a call_indirect of no table, the branches on
// references have cases at the end, and the rest run from the switch's
// default, in gc.ts.
import { Exhaustion, Trap, UncaughtException } from '../errors.js';
import type { FuncInstance, HostFunc, WasmFunc } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { MAX_CALL_DEPTH, STACK_SLOTS } from '../runtime/limits.js';
import type { MemoryInstance } from '../runtime/memory.js';
import type { ExnInstance } from '../runtime/tag.js';
import { readCell, writeCell } from '../runtime/cell.js';
import { hasType } from '../runtime/values.js';
import { addrType } from '../syntax/types.js';
import { idMatches } from '../types/subtype.js';
import * as bulk from './bulk.js';
import * as gc from './gc.js';
import { Op } from './codes.js';
import type { Compiled } from './compiled.js';
import { compileFunction, type CompileContext } from './compile.js';
import { coverageOf } from './coverage.js';
import { memAccess } from './memory-access.js';
import { caught, exnOf, findHandler, registerHandlers, type Frames } from './exceptions.js';
import { callNumeric, entries, memEntries } from './numeric-call.js';
import { NUMERIC_OPS } from './numerics/index.js';
import * as stack from './stack.js';
import { I32, REFS, moveSlots } from './stack.js';

/** Where the stack stands between calls into the machine (for nested host -> wasm calls). */
export const machine = { sp: 0, depth: 0 };

const fCode: Int32Array[] = new Array<Int32Array>(MAX_CALL_DEPTH + 1);
const fPc = new Int32Array(MAX_CALL_DEPTH + 1);
const fFp = new Int32Array(MAX_CALL_DEPTH + 1);
const fInst: ModuleInstance[] = new Array<ModuleInstance>(MAX_CALL_DEPTH + 1);
const frames: Frames = { code: fCode, pc: fPc, fp: fFp, inst: fInst };
/** The code the loop runs once a frame has thrown: search for a handler, then resume the frame that has it (see Op.Unwind). */
const UNWIND = Int32Array.of(Op.Unwind, Op.Return, 0);

type NumFn = (...args: any[]) => any;
const num = NUMERIC_OPS as Record<string, NumFn>;
const f32add = num['f32.add']!, f32sub = num['f32.sub']!, f32mul = num['f32.mul']!, f32div = num['f32.div']!;
const f64add = num['f64.add']!, f64sub = num['f64.sub']!, f64mul = num['f64.mul']!, f64div = num['f64.div']!;

const noMemory = new DataView(new ArrayBuffer(0));
const noWords = new Int32Array(0);
const noBytes = new Uint8Array(0);
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('the reference interpreter needs a little-endian host');
const contexts = new WeakMap<ModuleInstance, CompileContext>();

export function compiledOf(f: WasmFunc): Compiled {
  if (f.compiled !== undefined) return f.compiled;
  let ctx = contexts.get(f.instance);
  if (ctx === undefined) {
    const inst = f.instance;
    ctx = {
      types: inst.types,
      typeIds: inst.typeIds,
      funcTypes: inst.funcs.map((g) => g.type),
      globalTypes: inst.globals.map((g) => g.type.type),
      memAddrs: inst.mems.map((m) => addrType(m.type)),
      tableAddrs: inst.tables.map((t) => addrType(t.type)),
      counting: coverageOf(inst) !== undefined,
    };
    contexts.set(inst, ctx);
  }
  f.compiled = compileFunction(f.code, f.type, ctx);
  registerHandlers(f.compiled);
  return f.compiled;
}

function memOf(inst: ModuleInstance): MemoryInstance | undefined {
  return inst.mems[0];
}

function oob(): never {
  throw new Trap('out of bounds memory access');
}

/**
 * The exception being thrown, from the throw (or the host call that let it
 * through) to the Unwind that catches it: kept out of the loop's locals,
 * which only cold paths would use.
 */
const thrown: { exn: ExnInstance | null } = { exn: null };

/**
 * callHost from within the loop: a wasm exception that a host function lets
 * through (an inner `execute` threw it) is not the host's to end; returns -1
 * with it in `thrown`, for the handlers of the frames below the host.
 */
function callHostPassing(f: HostFunc, sp: number, depth: number): number {
  try {
    return callHost(f, sp, depth);
  } catch (e) {
    if (!(e instanceof UncaughtException)) throw e;
    thrown.exn = e.exn;
    return -1;
  }
}

function saveFrame(d: number, code: Int32Array, pc: number, fp: number, inst: ModuleInstance): void {
  fCode[d] = code;
  fPc[d] = pc;
  fFp[d] = fp;
  fInst[d] = inst;
}

/** Calls a host function with the arguments on top of the stack; returns the new sp. */
function callHost(f: HostFunc, sp: number, depth: number): number {
  const params = f.type.params;
  const base = sp - params.length;
  const args = params.map((t, i) => readCell(t, I32, REFS[base + i], (base + i) << 2));
  machine.sp = sp;
  machine.depth = depth;
  const results = f.call(args);
  const types = f.type.results;
  if (results.length !== types.length || results.some((r, i) => !hasType(r, types[i]!))) {
    throw new TypeError('host function returned values of the wrong types');
  }
  results.forEach((r, i) => (REFS[base + i] = writeCell(r, I32, (base + i) << 2)));
  return base + results.length;
}

/**
 * Runs `entry` on the arguments at machine.sp - nparams .. machine.sp - 1 and
 * leaves its results at machine.sp - nresults (machine.sp updated).
 */
export function execute(entry: FuncInstance): void {
  const entryDepth = machine.depth;
  if (entry.kind === 'host') {
    machine.sp = callHost(entry, machine.sp, entryDepth);
    machine.depth = entryDepth;
    return;
  }
  // the stack's views as locals: module bindings would be reloaded at every access
  const I32 = stack.I32;
  const F32 = stack.F32;
  const F64 = stack.F64;
  const I64 = stack.I64;
  const U8 = stack.U8;
  const REFS = stack.REFS;
  const moveSlots = stack.moveSlots;
  let depth = entryDepth;
  let sp = machine.sp;
  let c = compiledOf(entry);
  if (depth >= MAX_CALL_DEPTH || sp - c.nparams + c.maxHeight > STACK_SLOTS) throw new Exhaustion();
  depth++;
  let fp = sp - c.nparams;
  for (let s = sp; s < fp + c.nlocals; s++) {
    const w = s << 2;
    I32[w] = I32[w + 1] = I32[w + 2] = I32[w + 3] = 0;
    REFS[s] = null;
  }
  sp = fp + c.nlocals;
  let code = c.code;
  let pc = 0;
  let inst = entry.instance;
  let mem = memOf(inst);
  let dv = mem?.view ?? noMemory;
  let memLen = dv.byteLength;
  let m32 = mem?.words ?? noWords;
  let m8 = mem?.bytes ?? noBytes;

  for (;;) {
    switch (code[pc++]) {
      case Op.Unreachable:
        throw new Trap('unreachable');
      case Op.Jmp:
        pc = code[pc]!;
        break;
      case Op.BrIf:
        if (I32[--sp << 2] !== 0) pc = code[pc]!;
        else pc++;
        break;
      case Op.BrUnless:
        if (I32[--sp << 2] === 0) pc = code[pc]!;
        else pc++;
        break;
      case Op.BrIfAdj:
      case Op.Br: {
        if (code[pc - 1] === Op.BrIfAdj && I32[--sp << 2] === 0) {
          pc += 3;
          break;
        }
        const h = fp + code[pc + 1]!;
        const n = code[pc + 2]!;
        if (n !== 0) moveSlots(h, sp - n, n);
        sp = h + n;
        pc = code[pc]!;
        break;
      }
      case Op.BrTable: {
        const count = code[pc]!;
        let i = I32[--sp << 2]! >>> 0;
        if (i > count) i = count;
        const at = pc + 1 + i * 3;
        const h = code[at + 1]!;
        if (h >= 0) {
          const n = code[at + 2]!;
          if (n !== 0) moveSlots(fp + h, sp - n, n);
          sp = fp + h + n;
        }
        pc = code[at]!;
        break;
      }
      case Op.Return: {
        const n = code[pc]!;
        if (n === 1) {
          const d = fp << 2;
          const s = (sp - 1) << 2;
          I32[d] = I32[s]!;
          I32[d + 1] = I32[s + 1]!;
          I32[d + 2] = I32[s + 2]!;
          I32[d + 3] = I32[s + 3]!;
          REFS[fp] = REFS[sp - 1];
        } else if (n !== 0) moveSlots(fp, sp - n, n);
        sp = fp + n;
        if (--depth === entryDepth) {
          machine.sp = sp;
          machine.depth = depth;
          return;
        }
        code = fCode[depth]!;
        pc = fPc[depth]!;
        fp = fFp[depth]!;
        inst = fInst[depth]!;
        mem = memOf(inst);
        dv = mem?.view ?? noMemory;
        memLen = dv.byteLength;
        m32 = mem?.words ?? noWords;
        m8 = mem?.bytes ?? noBytes;
        break;
      }
      case Op.Call:
      case Op.CallIndirect:
      case Op.ReturnCall:
      case Op.ReturnCallIndirect: {
        const op = code[pc - 1]!;
        let f: FuncInstance;
        if (op === Op.Call || op === Op.ReturnCall) f = inst.funcs[code[pc++]!]!;
        else if (code[pc + 1]! < 0) {
          // call_ref, return_call_ref: the callee is the reference on top, of the type validation gave it
          pc += 2;
          const g = REFS[--sp] as FuncInstance | null;
          if (g === null) throw new Trap('null reference', 'null function reference');
          f = g;
        } else {
          const expected = inst.typeIds[code[pc]!]!;
          const table = inst.tables[code[pc + 1]!]!.elements;
          pc += 2;
          const i = I32[--sp << 2]! >>> 0;
          if (i >= table.length) throw new Trap('undefined element', `undefined element ${i}`);
          const g = table[i] as FuncInstance | null;
          if (g === null) throw new Trap('uninitialized element', `uninitialized element ${i}`);
          // canonical TypeIds: equal types have equal ids; a subtype (3.0) matches through its declared supertypes
          if (g.typeId !== expected && !idMatches(g.typeId, expected)) throw new Trap('indirect call type mismatch');
          f = g;
        }
        if (f.kind === 'host') {
          // a tail call of a host function is a call, then the Return that follows it
          sp = callHostPassing(f, sp, depth);
          machine.depth = entryDepth;
          if (sp < 0) {
            // the host let a wasm exception through: it is thrown from here, or from
            // below this frame for a tail call (pc 0 lies in no handler's range)
            saveFrame(depth, code, op >= Op.ReturnCall ? 0 : pc, fp, inst);
            code = UNWIND;
            pc = 0;
            break;
          }
          dv = mem?.view ?? noMemory;
          memLen = dv.byteLength;
          m32 = mem?.words ?? noWords;
          m8 = mem?.bytes ?? noBytes;
          break;
        }
        c = f.compiled ?? compiledOf(f);
        if (op <= Op.CallIndirect) {
          const nfp = sp - c.nparams;
          if (depth >= MAX_CALL_DEPTH || nfp + c.maxHeight > STACK_SLOTS) throw new Exhaustion();
          fCode[depth] = code;
          fPc[depth] = pc;
          fFp[depth] = fp;
          fInst[depth] = inst;
          depth++;
          fp = nfp;
        } else {
          // a tail call: the callee's frame replaces this one, from its base, at the same depth
          const n = c.nparams;
          if (fp + c.maxHeight > STACK_SLOTS) throw new Exhaustion();
          if (n !== 0) moveSlots(fp, sp - n, n);
          sp = fp + n;
        }
        const top = fp + c.nlocals;
        for (let s = sp; s < top; s++) {
          const w = s << 2;
          I32[w] = I32[w + 1] = I32[w + 2] = I32[w + 3] = 0;
          REFS[s] = null;
        }
        sp = top;
        code = c.code;
        pc = 0;
        // within one instance the cached views are current: nothing ran since their last refresh
        if (f.instance !== inst) {
          inst = f.instance;
          mem = memOf(inst);
          dv = mem?.view ?? noMemory;
          memLen = dv.byteLength;
          m32 = mem?.words ?? noWords;
          m8 = mem?.bytes ?? noBytes;
        }
        break;
      }
      case Op.Throw:
      case Op.ThrowRef:
        if (code[pc - 1] === Op.Throw) {
          const tag = inst.tags[code[pc++]!]!;
          thrown.exn = exnOf(tag, sp);
          sp -= tag.type.params.length;
        } else {
          thrown.exn = REFS[--sp] as ExnInstance | null;
          if (thrown.exn === null) throw new Trap('null reference', 'null exception reference');
        }
        saveFrame(depth, code, pc, fp, inst);
        code = UNWIND;
        pc = 0;
        break;
      case Op.Unwind: {
        // the frame that threw (or whose host callee did) is saved: find the innermost handler
        const exn = thrown.exn!;
        thrown.exn = null;
        const d = findHandler(exn, frames, depth, entryDepth);
        if (d < 0) throw new UncaughtException(exn);
        // UNWIND's Return 0 resumes frame d at its handler, as a return of no values from a
        // frame just above it whose base is the stack top that the catch left
        depth = d + 1;
        fp = caught.sp;
        break;
      }
      case Op.Drop:
        sp--;
        break;
      case Op.Select: {
        sp -= 2;
        if (I32[(sp + 1) << 2] === 0) moveSlots(sp - 1, sp, 1);
        break;
      }
      case Op.LocalGet32:
        I32[sp++ << 2] = I32[(fp + code[pc++]!) << 2]!;
        break;
      case Op.LocalGet64: {
        const s = (fp + code[pc++]!) << 2;
        const d = sp++ << 2;
        I32[d] = I32[s]!;
        I32[d + 1] = I32[s + 1]!;
        break;
      }
      case Op.LocalGetV:
      case Op.LocalGetRef:
        moveSlots(sp++, fp + code[pc++]!, 1);
        break;
      case Op.LocalSet32:
        I32[(fp + code[pc++]!) << 2] = I32[--sp << 2]!;
        break;
      case Op.LocalSet64: {
        const d = (fp + code[pc++]!) << 2;
        const s = --sp << 2;
        I32[d] = I32[s]!;
        I32[d + 1] = I32[s + 1]!;
        break;
      }
      case Op.LocalSetV:
      case Op.LocalSetRef:
        moveSlots(fp + code[pc++]!, --sp, 1);
        break;
      case Op.LocalTee32:
        I32[(fp + code[pc++]!) << 2] = I32[(sp - 1) << 2]!;
        break;
      case Op.LocalTee64: {
        const d = (fp + code[pc++]!) << 2;
        const s = (sp - 1) << 2;
        I32[d] = I32[s]!;
        I32[d + 1] = I32[s + 1]!;
        break;
      }
      case Op.LocalTeeV:
      case Op.LocalTeeRef:
        moveSlots(fp + code[pc++]!, sp - 1, 1);
        break;
      case Op.GlobalGet32:
        I32[sp++ << 2] = inst.globals[code[pc++]!]!.cell[0]!;
        break;
      case Op.GlobalGet64:
      case Op.GlobalGetV: {
        const cell = inst.globals[code[pc++]!]!.cell;
        const d = sp++ << 2;
        I32[d] = cell[0]!;
        I32[d + 1] = cell[1]!;
        I32[d + 2] = cell[2]!;
        I32[d + 3] = cell[3]!;
        break;
      }
      case Op.GlobalGetRef:
        REFS[sp++] = inst.globals[code[pc++]!]!.ref;
        break;
      case Op.GlobalSet32:
        inst.globals[code[pc++]!]!.cell[0] = I32[--sp << 2]!;
        break;
      case Op.GlobalSet64:
      case Op.GlobalSetV: {
        const cell = inst.globals[code[pc++]!]!.cell;
        const s = --sp << 2;
        cell[0] = I32[s]!;
        cell[1] = I32[s + 1]!;
        cell[2] = I32[s + 2]!;
        cell[3] = I32[s + 3]!;
        break;
      }
      case Op.GlobalSetRef:
        inst.globals[code[pc++]!]!.ref = REFS[--sp];
        break;
      case Op.Const32:
        I32[sp++ << 2] = code[pc++]!;
        break;
      case Op.Const64: {
        const d = sp++ << 2;
        I32[d] = code[pc]!;
        I32[d + 1] = code[pc + 1]!;
        pc += 2;
        break;
      }
      case Op.ConstV: {
        const d = sp++ << 2;
        I32[d] = code[pc]!;
        I32[d + 1] = code[pc + 1]!;
        I32[d + 2] = code[pc + 2]!;
        I32[d + 3] = code[pc + 3]!;
        pc += 4;
        break;
      }
      case Op.RefNull:
        REFS[sp++] = null;
        break;
      case Op.RefIsNull:
        I32[(sp - 1) << 2] = REFS[sp - 1] === null ? 1 : 0;
        break;
      case Op.RefFunc:
        REFS[sp++] = inst.funcs[code[pc++]!];
        break;
      case Op.TableGet:
        sp = bulk.tableGet(inst, code[pc++]!, sp);
        break;
      case Op.TableSet:
        sp = bulk.tableSet(inst, code[pc++]!, sp);
        break;
      case Op.TableSize:
        sp = bulk.tableSize(inst, code[pc++]!, sp);
        break;
      case Op.TableGrow:
        sp = bulk.tableGrow(inst, code[pc++]!, sp);
        break;
      case Op.TableFill:
        sp = bulk.tableFill(inst, code[pc++]!, sp);
        break;
      case Op.TableCopy:
        sp = bulk.tableCopy(inst, code[pc]!, code[pc + 1]!, sp);
        pc += 2;
        break;
      case Op.TableInit:
        sp = bulk.tableInit(inst, code[pc]!, code[pc + 1]!, sp);
        pc += 2;
        break;
      case Op.ElemDrop:
        inst.elems[code[pc++]!] = [];
        break;
      case Op.Index64:
        bulk.index64(sp);
        break;
      case Op.MemorySize:
        sp = bulk.memorySize(inst, code[pc++]!, sp);
        break;
      case Op.MemoryGrow:
        sp = bulk.memoryGrow(inst, code[pc++]!, sp);
        // memory 0 may be the one that grew (or the same memory under another index)
        dv = mem?.view ?? noMemory;
        memLen = dv.byteLength;
        m32 = mem?.words ?? noWords;
        m8 = mem?.bytes ?? noBytes;
        break;
      case Op.MemoryFill:
        sp = bulk.memoryFill(inst, code[pc++]!, sp);
        break;
      case Op.MemoryCopy:
        sp = bulk.memoryCopy(inst, code[pc]!, code[pc + 1]!, sp);
        pc += 2;
        break;
      case Op.MemoryInit:
        sp = bulk.memoryInit(inst, code[pc]!, code[pc + 1]!, sp);
        pc += 2;
        break;
      case Op.DataDrop:
        inst.datas[code[pc++]!] = new Uint8Array(0);
        break;
      // Loads: the effective address is computed in doubles, so base + offset never wraps at 2^32.
      case Op.Load32: {
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 4 > memLen) oob();
        // aligned accesses through an Int32Array view (the host is little-endian, checked at load)
        I32[s] = (a & 3) === 0 ? m32[a >>> 2]! : dv.getInt32(a, true);
        break;
      }
      case Op.Load64: {
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 8 > memLen) oob();
        if ((a & 3) === 0) {
          I32[s] = m32[a >>> 2]!;
          I32[s + 1] = m32[(a >>> 2) + 1]!;
        } else {
          I32[s] = dv.getInt32(a, true);
          I32[s + 1] = dv.getInt32(a + 4, true);
        }
        break;
      }
      case Op.Load8S: {
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 1 > memLen) oob();
        I32[s] = (m8[a]! << 24) >> 24;
        break;
      }
      case Op.Load8U: {
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 1 > memLen) oob();
        I32[s] = m8[a]!;
        break;
      }
      case Op.Load16S: {
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 2 > memLen) oob();
        I32[s] = dv.getInt16(a, true);
        break;
      }
      case Op.Load16U: {
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 2 > memLen) oob();
        I32[s] = dv.getUint16(a, true);
        break;
      }
      case Op.Load64_8S:
      case Op.Load64_8U:
      case Op.Load64_16S:
      case Op.Load64_16U:
      case Op.Load64_32S:
      case Op.Load64_32U: {
        const op = code[pc - 1]!;
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        const size = op <= Op.Load64_8U ? 1 : op <= Op.Load64_16U ? 2 : 4;
        if (a + size > memLen) oob();
        let lo: number;
        let signed = false;
        switch (op) {
          case Op.Load64_8S:
            lo = dv.getInt8(a);
            signed = true;
            break;
          case Op.Load64_8U:
            lo = dv.getUint8(a);
            break;
          case Op.Load64_16S:
            lo = dv.getInt16(a, true);
            signed = true;
            break;
          case Op.Load64_16U:
            lo = dv.getUint16(a, true);
            break;
          case Op.Load64_32S:
            lo = dv.getInt32(a, true);
            signed = true;
            break;
          default:
            lo = dv.getInt32(a, true);
        }
        I32[s] = lo;
        I32[s + 1] = signed ? lo >> 31 : 0;
        break;
      }
      case Op.LoadV: {
        const s = (sp - 1) << 2;
        const a = (I32[s]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 16 > memLen) oob();
        I32[s] = dv.getInt32(a, true);
        I32[s + 1] = dv.getInt32(a + 4, true);
        I32[s + 2] = dv.getInt32(a + 8, true);
        I32[s + 3] = dv.getInt32(a + 12, true);
        break;
      }
      case Op.Store32: {
        sp -= 2;
        const a = (I32[sp << 2]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 4 > memLen) oob();
        if ((a & 3) === 0) m32[a >>> 2] = I32[(sp + 1) << 2]!;
        else dv.setInt32(a, I32[(sp + 1) << 2]!, true);
        break;
      }
      case Op.Store64: {
        sp -= 2;
        const a = (I32[sp << 2]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 8 > memLen) oob();
        const v = (sp + 1) << 2;
        if ((a & 3) === 0) {
          m32[a >>> 2] = I32[v]!;
          m32[(a >>> 2) + 1] = I32[v + 1]!;
        } else {
          dv.setInt32(a, I32[v]!, true);
          dv.setInt32(a + 4, I32[v + 1]!, true);
        }
        break;
      }
      case Op.Store8: {
        sp -= 2;
        const a = (I32[sp << 2]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 1 > memLen) oob();
        m8[a] = I32[(sp + 1) << 2]!;
        break;
      }
      case Op.Store16: {
        sp -= 2;
        const a = (I32[sp << 2]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 2 > memLen) oob();
        dv.setInt16(a, I32[(sp + 1) << 2]!, true);
        break;
      }
      case Op.StoreV: {
        sp -= 2;
        const a = (I32[sp << 2]! >>> 0) + (code[pc++]! >>> 0);
        if (a + 16 > memLen) oob();
        const v = (sp + 1) << 2;
        dv.setInt32(a, I32[v]!, true);
        dv.setInt32(a + 4, I32[v + 1]!, true);
        dv.setInt32(a + 8, I32[v + 2]!, true);
        dv.setInt32(a + 12, I32[v + 3]!, true);
        break;
      }
      case Op.VecLoad: {
        const s = sp - 1;
        const a = (I32[s << 2]! >>> 0) + (code[pc]! >>> 0);
        const r = memEntries[code[pc + 1]!]!(mem!.bytes, a, U8, 0) as Uint8Array;
        U8.set(r, s << 4);
        pc += 2;
        break;
      }
      case Op.VecLoadLane:
      case Op.VecStoreLane: {
        const isLoad = code[pc - 1] === Op.VecLoadLane;
        sp -= 2;
        const a = (I32[sp << 2]! >>> 0) + (code[pc]! >>> 0);
        const v = U8.slice((sp + 1) << 4, ((sp + 1) << 4) + 16);
        const r = memEntries[code[pc + 1]!]!(mem!.bytes, a, v, code[pc + 2]!);
        if (isLoad) U8.set(r as Uint8Array, sp++ << 4);
        pc += 3;
        break;
      }
      case Op.MemAccess:
        sp = memAccess(inst, code[pc++]!, sp);
        break;
      case Op.I32Eqz: {
        const s = (sp - 1) << 2;
        I32[s] = I32[s] === 0 ? 1 : 0;
        break;
      }
      case Op.I32Eq: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4] === I32[b] ? 1 : 0;
        break;
      }
      case Op.I32Ne: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4] !== I32[b] ? 1 : 0;
        break;
      }
      case Op.I32LtS: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! < I32[b]! ? 1 : 0;
        break;
      }
      case Op.I32LtU: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! >>> 0 < I32[b]! >>> 0 ? 1 : 0;
        break;
      }
      case Op.I32GtS: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! > I32[b]! ? 1 : 0;
        break;
      }
      case Op.I32GtU: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! >>> 0 > I32[b]! >>> 0 ? 1 : 0;
        break;
      }
      case Op.I32LeS: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! <= I32[b]! ? 1 : 0;
        break;
      }
      case Op.I32LeU: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! >>> 0 <= I32[b]! >>> 0 ? 1 : 0;
        break;
      }
      case Op.I32GeS: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! >= I32[b]! ? 1 : 0;
        break;
      }
      case Op.I32GeU: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! >>> 0 >= I32[b]! >>> 0 ? 1 : 0;
        break;
      }
      case Op.I32Clz: {
        const s = (sp - 1) << 2;
        I32[s] = Math.clz32(I32[s]!);
        break;
      }
      case Op.I32Ctz: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        I32[s] = x === 0 ? 32 : 31 - Math.clz32(x & -x);
        break;
      }
      case Op.I32Add: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! + I32[b]!;
        break;
      }
      case Op.I32Sub: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! - I32[b]!;
        break;
      }
      case Op.I32Mul: {
        const b = --sp << 2;
        I32[b - 4] = Math.imul(I32[b - 4]!, I32[b]!);
        break;
      }
      case Op.I32DivS: {
        const b = --sp << 2;
        const y = I32[b]!;
        const x = I32[b - 4]!;
        if (y === 0) throw new Trap('integer divide by zero');
        if (x === -0x80000000 && y === -1) throw new Trap('integer overflow');
        I32[b - 4] = x / y;
        break;
      }
      case Op.I32DivU: {
        const b = --sp << 2;
        const y = I32[b]! >>> 0;
        if (y === 0) throw new Trap('integer divide by zero');
        I32[b - 4] = (I32[b - 4]! >>> 0) / y;
        break;
      }
      case Op.I32RemS: {
        const b = --sp << 2;
        const y = I32[b]!;
        if (y === 0) throw new Trap('integer divide by zero');
        I32[b - 4] = y === -1 ? 0 : I32[b - 4]! % y;
        break;
      }
      case Op.I32RemU: {
        const b = --sp << 2;
        const y = I32[b]! >>> 0;
        if (y === 0) throw new Trap('integer divide by zero');
        I32[b - 4] = (I32[b - 4]! >>> 0) % y;
        break;
      }
      case Op.I32And: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! & I32[b]!;
        break;
      }
      case Op.I32Or: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! | I32[b]!;
        break;
      }
      case Op.I32Xor: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! ^ I32[b]!;
        break;
      }
      case Op.I32Shl: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! << I32[b]!;
        break;
      }
      case Op.I32ShrS: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! >> I32[b]!;
        break;
      }
      case Op.I32ShrU: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! >>> I32[b]!;
        break;
      }
      case Op.I32Rotl: {
        const b = --sp << 2;
        const x = I32[b - 4]!;
        const k = I32[b]! & 31;
        I32[b - 4] = (x << k) | (x >>> (32 - k));
        break;
      }
      case Op.I32Rotr: {
        const b = --sp << 2;
        const x = I32[b - 4]!;
        const k = I32[b]! & 31;
        I32[b - 4] = (x >>> k) | (x << (32 - k));
        break;
      }
      case Op.I32Extend8S: {
        const s = (sp - 1) << 2;
        I32[s] = (I32[s]! << 24) >> 24;
        break;
      }
      case Op.I32Extend16S: {
        const s = (sp - 1) << 2;
        I32[s] = (I32[s]! << 16) >> 16;
        break;
      }
      case Op.I64Eqz: {
        const s = (sp - 1) << 2;
        I32[s] = (I32[s]! | I32[s + 1]!) === 0 ? 1 : 0;
        break;
      }
      case Op.I64Eq: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4] === I32[b] && I32[b - 3] === I32[b + 1] ? 1 : 0;
        break;
      }
      case Op.I64Ne: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4] !== I32[b] || I32[b - 3] !== I32[b + 1] ? 1 : 0;
        break;
      }
      case Op.I64LtS:
      case Op.I64LtU:
      case Op.I64GtS:
      case Op.I64GtU:
      case Op.I64LeS:
      case Op.I64LeU:
      case Op.I64GeS:
      case Op.I64GeU: {
        const op = code[pc - 1]!;
        const b = --sp << 2;
        const signed = op === Op.I64LtS || op === Op.I64GtS || op === Op.I64LeS || op === Op.I64GeS;
        // compare high words (signed or not), then low words unsigned: -1, 0 or 1
        const xh = signed ? I32[b - 3]! : I32[b - 3]! >>> 0;
        const yh = signed ? I32[b + 1]! : I32[b + 1]! >>> 0;
        const xl = I32[b - 4]! >>> 0;
        const yl = I32[b]! >>> 0;
        const cmp = xh < yh ? -1 : xh > yh ? 1 : xl < yl ? -1 : xl > yl ? 1 : 0;
        let r: boolean;
        if (op === Op.I64LtS || op === Op.I64LtU) r = cmp < 0;
        else if (op === Op.I64GtS || op === Op.I64GtU) r = cmp > 0;
        else if (op === Op.I64LeS || op === Op.I64LeU) r = cmp <= 0;
        else r = cmp >= 0;
        I32[b - 4] = r ? 1 : 0;
        break;
      }
      case Op.I64Add: {
        const b = --sp << 2;
        const lo = (I32[b - 4]! >>> 0) + (I32[b]! >>> 0);
        I32[b - 3] = I32[b - 3]! + I32[b + 1]! + (lo > 0xffffffff ? 1 : 0);
        I32[b - 4] = lo;
        break;
      }
      case Op.I64Sub: {
        const b = --sp << 2;
        const lo = (I32[b - 4]! >>> 0) - (I32[b]! >>> 0);
        I32[b - 3] = I32[b - 3]! - I32[b + 1]! - (lo < 0 ? 1 : 0);
        I32[b - 4] = lo;
        break;
      }
      case Op.I64Mul: {
        const b = --sp << 1;
        I64[b - 2] = I64[b - 2]! * I64[b]!;
        break;
      }
      case Op.I64And: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! & I32[b]!;
        I32[b - 3] = I32[b - 3]! & I32[b + 1]!;
        break;
      }
      case Op.I64Or: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! | I32[b]!;
        I32[b - 3] = I32[b - 3]! | I32[b + 1]!;
        break;
      }
      case Op.I64Xor: {
        const b = --sp << 2;
        I32[b - 4] = I32[b - 4]! ^ I32[b]!;
        I32[b - 3] = I32[b - 3]! ^ I32[b + 1]!;
        break;
      }
      case Op.I64Shl: {
        const b = --sp << 2;
        const k = I32[b]! & 63;
        const lo = I32[b - 4]!;
        const hi = I32[b - 3]!;
        if (k === 0) break;
        if (k < 32) {
          I32[b - 3] = (hi << k) | (lo >>> (32 - k));
          I32[b - 4] = lo << k;
        } else {
          I32[b - 3] = lo << (k - 32);
          I32[b - 4] = 0;
        }
        break;
      }
      case Op.I64ShrS:
      case Op.I64ShrU: {
        const signed = code[pc - 1] === Op.I64ShrS;
        const b = --sp << 2;
        const k = I32[b]! & 63;
        const lo = I32[b - 4]!;
        const hi = I32[b - 3]!;
        if (k === 0) break;
        if (k < 32) {
          I32[b - 4] = (lo >>> k) | (hi << (32 - k));
          I32[b - 3] = signed ? hi >> k : hi >>> k;
        } else {
          I32[b - 4] = signed ? hi >> (k - 32) : hi >>> (k - 32);
          I32[b - 3] = signed ? hi >> 31 : 0;
        }
        break;
      }
      case Op.I64ExtendI32S: {
        const s = (sp - 1) << 2;
        I32[s + 1] = I32[s]! >> 31;
        break;
      }
      case Op.I64ExtendI32U:
        I32[((sp - 1) << 2) + 1] = 0;
        break;
      case Op.F32Eq: {
        const b = --sp << 2;
        I32[b - 4] = F32[b - 4] === F32[b] ? 1 : 0;
        break;
      }
      case Op.F32Ne: {
        const b = --sp << 2;
        I32[b - 4] = F32[b - 4] !== F32[b] ? 1 : 0;
        break;
      }
      case Op.F32Lt: {
        const b = --sp << 2;
        I32[b - 4] = F32[b - 4]! < F32[b]! ? 1 : 0;
        break;
      }
      case Op.F32Gt: {
        const b = --sp << 2;
        I32[b - 4] = F32[b - 4]! > F32[b]! ? 1 : 0;
        break;
      }
      case Op.F32Le: {
        const b = --sp << 2;
        I32[b - 4] = F32[b - 4]! <= F32[b]! ? 1 : 0;
        break;
      }
      case Op.F32Ge: {
        const b = --sp << 2;
        I32[b - 4] = F32[b - 4]! >= F32[b]! ? 1 : 0;
        break;
      }
      case Op.F64Eq: {
        const b = --sp << 1;
        I32[(b - 2) << 1] = F64[b - 2] === F64[b] ? 1 : 0;
        break;
      }
      case Op.F64Ne: {
        const b = --sp << 1;
        I32[(b - 2) << 1] = F64[b - 2] !== F64[b] ? 1 : 0;
        break;
      }
      case Op.F64Lt: {
        const b = --sp << 1;
        I32[(b - 2) << 1] = F64[b - 2]! < F64[b]! ? 1 : 0;
        break;
      }
      case Op.F64Gt: {
        const b = --sp << 1;
        I32[(b - 2) << 1] = F64[b - 2]! > F64[b]! ? 1 : 0;
        break;
      }
      case Op.F64Le: {
        const b = --sp << 1;
        I32[(b - 2) << 1] = F64[b - 2]! <= F64[b]! ? 1 : 0;
        break;
      }
      case Op.F64Ge: {
        const b = --sp << 1;
        I32[(b - 2) << 1] = F64[b - 2]! >= F64[b]! ? 1 : 0;
        break;
      }
      // f32 arithmetic in doubles then rounded once: exact for + - * / (double has > 2*24+2 bits)
      case Op.F32Add: {
        const b = --sp << 2;
        const r = F32[b - 4]! + F32[b]!;
        if (r === r) F32[b - 4] = r;
        else I32[b - 4] = f32add(I32[b - 4], I32[b]);
        break;
      }
      case Op.F32Sub: {
        const b = --sp << 2;
        const r = F32[b - 4]! - F32[b]!;
        if (r === r) F32[b - 4] = r;
        else I32[b - 4] = f32sub(I32[b - 4], I32[b]);
        break;
      }
      case Op.F32Mul: {
        const b = --sp << 2;
        const r = F32[b - 4]! * F32[b]!;
        if (r === r) F32[b - 4] = r;
        else I32[b - 4] = f32mul(I32[b - 4], I32[b]);
        break;
      }
      case Op.F32Div: {
        const b = --sp << 2;
        const r = F32[b - 4]! / F32[b]!;
        if (r === r) F32[b - 4] = r;
        else I32[b - 4] = f32div(I32[b - 4], I32[b]);
        break;
      }
      case Op.F64Add: {
        const b = --sp << 1;
        const r = F64[b - 2]! + F64[b]!;
        F64[b - 2] = r === r ? r : f64add(F64[b - 2], F64[b]);
        break;
      }
      case Op.F64Sub: {
        const b = --sp << 1;
        const r = F64[b - 2]! - F64[b]!;
        F64[b - 2] = r === r ? r : f64sub(F64[b - 2], F64[b]);
        break;
      }
      case Op.F64Mul: {
        const b = --sp << 1;
        const r = F64[b - 2]! * F64[b]!;
        F64[b - 2] = r === r ? r : f64mul(F64[b - 2], F64[b]);
        break;
      }
      case Op.F64Div: {
        const b = --sp << 1;
        const r = F64[b - 2]! / F64[b]!;
        F64[b - 2] = r === r ? r : f64div(F64[b - 2], F64[b]);
        break;
      }
      case Op.F64ConvertI32S: {
        const s = sp - 1;
        F64[s << 1] = I32[s << 2]!;
        break;
      }
      case Op.F64ConvertI32U: {
        const s = sp - 1;
        F64[s << 1] = I32[s << 2]! >>> 0;
        break;
      }
      case Op.Load32L: {
        const a = (I32[(fp + code[pc]!) << 2]! >>> 0) + (code[pc + 1]! >>> 0);
        if (a + 4 > memLen) oob();
        I32[sp++ << 2] = (a & 3) === 0 ? m32[a >>> 2]! : dv.getInt32(a, true);
        pc += 2;
        break;
      }
      case Op.Store32LL: {
        const a = (I32[(fp + code[pc]!) << 2]! >>> 0) + (code[pc + 2]! >>> 0);
        if (a + 4 > memLen) oob();
        const v = I32[(fp + code[pc + 1]!) << 2]!;
        if ((a & 3) === 0) m32[a >>> 2] = v;
        else dv.setInt32(a, v, true);
        pc += 3;
        break;
      }
      case Op.Load32ShlLC: {
        const a = ((I32[(fp + code[pc]!) << 2]! << code[pc + 1]!) >>> 0) + (code[pc + 2]! >>> 0);
        if (a + 4 > memLen) oob();
        I32[sp++ << 2] = (a & 3) === 0 ? m32[a >>> 2]! : dv.getInt32(a, true);
        pc += 3;
        break;
      }
      case Op.I32AddSet:
        sp -= 2;
        I32[(fp + code[pc++]!) << 2] = I32[sp << 2]! + I32[(sp + 1) << 2]!;
        break;
      case Op.I32AddSLSet:
        I32[(fp + code[pc + 1]!) << 2] = I32[--sp << 2]! + I32[(fp + code[pc]!) << 2]!;
        pc += 2;
        break;
      case Op.I32MulLLAdd: {
        const s = (sp - 1) << 2;
        I32[s] = I32[s]! + Math.imul(I32[(fp + code[pc]!) << 2]!, I32[(fp + code[pc + 1]!) << 2]!);
        pc += 2;
        break;
      }
      case Op.IncBrLtU: {
        const v = (I32[(fp + code[pc]!) << 2]! + code[pc + 1]!) | 0;
        I32[(fp + code[pc + 2]!) << 2] = v;
        pc = v >>> 0 < code[pc + 3]! >>> 0 ? code[pc + 4]! : pc + 5;
        break;
      }
      case Op.IncBrLtS: {
        const v = (I32[(fp + code[pc]!) << 2]! + code[pc + 1]!) | 0;
        I32[(fp + code[pc + 2]!) << 2] = v;
        pc = v < code[pc + 3]! ? code[pc + 4]! : pc + 5;
        break;
      }
      case Op.IncBrNe: {
        const v = (I32[(fp + code[pc]!) << 2]! + code[pc + 1]!) | 0;
        I32[(fp + code[pc + 2]!) << 2] = v;
        pc = v !== code[pc + 3]! ? code[pc + 4]! : pc + 5;
        break;
      }
      // --- fused instructions: one per (operator, operand form); L = local, C = constant, S = stack ---
      case Op.I32AddLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x + y;
        pc += 2;
        break;
      }
      case Op.I32AddLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x + y;
        pc += 2;
        break;
      }
      case Op.I32AddSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x + y;
        pc += 1;
        break;
      }
      case Op.I32AddSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x + y;
        pc += 1;
        break;
      }
      case Op.I32AddLCSet:
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc + 0]!) << 2]! + code[pc + 1]!;
        pc += 3;
        break;
      case Op.I32AddLCTee: {
        const v = (I32[(fp + code[pc + 0]!) << 2]! + code[pc + 1]!) | 0;
        I32[(fp + code[pc + 2]!) << 2] = v;
        I32[sp++ << 2] = v;
        pc += 3;
        break;
      }
      case Op.I32SubLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x - y;
        pc += 2;
        break;
      }
      case Op.I32SubLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x - y;
        pc += 2;
        break;
      }
      case Op.I32SubSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x - y;
        pc += 1;
        break;
      }
      case Op.I32SubSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x - y;
        pc += 1;
        break;
      }
      case Op.I32SubLCSet:
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc + 0]!) << 2]! - code[pc + 1]!;
        pc += 3;
        break;
      case Op.I32SubLCTee: {
        const v = (I32[(fp + code[pc + 0]!) << 2]! - code[pc + 1]!) | 0;
        I32[(fp + code[pc + 2]!) << 2] = v;
        I32[sp++ << 2] = v;
        pc += 3;
        break;
      }
      case Op.I32MulLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = Math.imul(x, y);
        pc += 2;
        break;
      }
      case Op.I32MulLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = Math.imul(x, y);
        pc += 2;
        break;
      }
      case Op.I32MulSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = Math.imul(x, y);
        pc += 1;
        break;
      }
      case Op.I32MulSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = Math.imul(x, y);
        pc += 1;
        break;
      }
      case Op.I32AndLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x & y;
        pc += 2;
        break;
      }
      case Op.I32AndLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x & y;
        pc += 2;
        break;
      }
      case Op.I32AndSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x & y;
        pc += 1;
        break;
      }
      case Op.I32AndSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x & y;
        pc += 1;
        break;
      }
      case Op.I32OrLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x | y;
        pc += 2;
        break;
      }
      case Op.I32OrLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x | y;
        pc += 2;
        break;
      }
      case Op.I32OrSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x | y;
        pc += 1;
        break;
      }
      case Op.I32OrSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x | y;
        pc += 1;
        break;
      }
      case Op.I32XorLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x ^ y;
        pc += 2;
        break;
      }
      case Op.I32XorLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x ^ y;
        pc += 2;
        break;
      }
      case Op.I32XorSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x ^ y;
        pc += 1;
        break;
      }
      case Op.I32XorSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x ^ y;
        pc += 1;
        break;
      }
      case Op.I32ShlLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x << y;
        pc += 2;
        break;
      }
      case Op.I32ShlLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x << y;
        pc += 2;
        break;
      }
      case Op.I32ShlSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x << y;
        pc += 1;
        break;
      }
      case Op.I32ShlSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x << y;
        pc += 1;
        break;
      }
      case Op.I32ShrSLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x >> y;
        pc += 2;
        break;
      }
      case Op.I32ShrSLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x >> y;
        pc += 2;
        break;
      }
      case Op.I32ShrSSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x >> y;
        pc += 1;
        break;
      }
      case Op.I32ShrSSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x >> y;
        pc += 1;
        break;
      }
      case Op.I32ShrULL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x >>> y;
        pc += 2;
        break;
      }
      case Op.I32ShrULC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x >>> y;
        pc += 2;
        break;
      }
      case Op.I32ShrUSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x >>> y;
        pc += 1;
        break;
      }
      case Op.I32ShrUSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x >>> y;
        pc += 1;
        break;
      }
      case Op.I32EqLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x === y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32EqLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x === y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32EqSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x === y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32EqSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x === y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfEq: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x === y ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLEq: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x === y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCEq: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x === y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCEq: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x === y ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32NeLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x !== y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32NeLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x !== y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32NeSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x !== y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32NeSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x !== y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfNe: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x !== y ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLNe: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x !== y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCNe: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x !== y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCNe: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x !== y ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32LtSLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x < y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LtSLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x < y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LtSSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x < y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32LtSSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x < y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfLtS: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x < y ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLLtS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x < y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCLtS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x < y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCLtS: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x < y ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32LtULL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x >>> 0 < y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LtULC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x >>> 0 < y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LtUSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x >>> 0 < y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32LtUSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x >>> 0 < y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfLtU: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x >>> 0 < y >>> 0 ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLLtU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x >>> 0 < y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCLtU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x >>> 0 < y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCLtU: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x >>> 0 < y >>> 0 ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32GtSLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x > y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GtSLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x > y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GtSSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x > y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32GtSSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x > y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfGtS: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x > y ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLGtS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x > y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCGtS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x > y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCGtS: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x > y ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32GtULL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x >>> 0 > y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GtULC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x >>> 0 > y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GtUSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x >>> 0 > y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32GtUSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x >>> 0 > y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfGtU: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x >>> 0 > y >>> 0 ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLGtU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x >>> 0 > y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCGtU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x >>> 0 > y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCGtU: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x >>> 0 > y >>> 0 ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32LeSLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x <= y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LeSLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x <= y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LeSSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x <= y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32LeSSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x <= y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfLeS: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x <= y ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLLeS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x <= y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCLeS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x <= y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCLeS: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x <= y ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32LeULL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x >>> 0 <= y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LeULC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x >>> 0 <= y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32LeUSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x >>> 0 <= y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32LeUSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x >>> 0 <= y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfLeU: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x >>> 0 <= y >>> 0 ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLLeU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x >>> 0 <= y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCLeU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x >>> 0 <= y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCLeU: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x >>> 0 <= y >>> 0 ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32GeSLL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x >= y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GeSLC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x >= y ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GeSSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x >= y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32GeSSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x >= y ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfGeS: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x >= y ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLGeS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x >= y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCGeS: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x >= y ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCGeS: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x >= y ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.I32GeULL: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        I32[sp++ << 2] = x >>> 0 >= y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GeULC: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        I32[sp++ << 2] = x >>> 0 >= y >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case Op.I32GeUSC: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = code[pc + 0]!;
        I32[s] = x >>> 0 >= y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.I32GeUSL: {
        const s = (sp - 1) << 2;
        const x = I32[s]!;
        const y = I32[(fp + code[pc + 0]!) << 2]!;
        I32[s] = x >>> 0 >= y >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case Op.BrIfGeU: {
        sp -= 2;
        const x = I32[sp << 2]!;
        const y = I32[(sp + 1) << 2]!;
        pc = x >>> 0 >= y >>> 0 ? code[pc + 0]! : pc + 1;
        break;
      }
      case Op.BrIfLLGeU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = I32[(fp + code[pc + 1]!) << 2]!;
        pc = x >>> 0 >= y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfLCGeU: {
        const x = I32[(fp + code[pc + 0]!) << 2]!;
        const y = code[pc + 1]!;
        pc = x >>> 0 >= y >>> 0 ? code[pc + 2]! : pc + 3;
        break;
      }
      case Op.BrIfSCGeU: {
        const x = I32[--sp << 2]!;
        const y = code[pc + 0]!;
        pc = x >>> 0 >= y >>> 0 ? code[pc + 1]! : pc + 2;
        break;
      }
      case Op.F64AddLL: {
        const x = F64[(fp + code[pc + 0]!) << 1]!;
        const y = F64[(fp + code[pc + 1]!) << 1]!;
        const r = x + y;
        F64[sp++ << 1] = r === r ? r : f64add(x, y);
        pc += 2;
        break;
      }
      case Op.F64AddSL: {
        const s = (sp - 1) << 1;
        const x = F64[s]!;
        const y = F64[(fp + code[pc + 0]!) << 1]!;
        const r = x + y;
        F64[s] = r === r ? r : f64add(x, y);
        pc++;
        break;
      }
      case Op.F64SubLL: {
        const x = F64[(fp + code[pc + 0]!) << 1]!;
        const y = F64[(fp + code[pc + 1]!) << 1]!;
        const r = x - y;
        F64[sp++ << 1] = r === r ? r : f64sub(x, y);
        pc += 2;
        break;
      }
      case Op.F64SubSL: {
        const s = (sp - 1) << 1;
        const x = F64[s]!;
        const y = F64[(fp + code[pc + 0]!) << 1]!;
        const r = x - y;
        F64[s] = r === r ? r : f64sub(x, y);
        pc++;
        break;
      }
      case Op.F64MulLL: {
        const x = F64[(fp + code[pc + 0]!) << 1]!;
        const y = F64[(fp + code[pc + 1]!) << 1]!;
        const r = x * y;
        F64[sp++ << 1] = r === r ? r : f64mul(x, y);
        pc += 2;
        break;
      }
      case Op.F64MulSL: {
        const s = (sp - 1) << 1;
        const x = F64[s]!;
        const y = F64[(fp + code[pc + 0]!) << 1]!;
        const r = x * y;
        F64[s] = r === r ? r : f64mul(x, y);
        pc++;
        break;
      }
      case Op.F64DivLL: {
        const x = F64[(fp + code[pc + 0]!) << 1]!;
        const y = F64[(fp + code[pc + 1]!) << 1]!;
        const r = x / y;
        F64[sp++ << 1] = r === r ? r : f64div(x, y);
        pc += 2;
        break;
      }
      case Op.F64DivSL: {
        const s = (sp - 1) << 1;
        const x = F64[s]!;
        const y = F64[(fp + code[pc + 0]!) << 1]!;
        const r = x / y;
        F64[s] = r === r ? r : f64div(x, y);
        pc++;
        break;
      }
      // --- end of fused instructions ---
      case Op.Numeric:
        sp = callNumeric(entries[code[pc++]!]!, sp);
        break;
      case Op.Lane:
        sp = callNumeric(entries[code[pc]!]!, sp, code[pc + 1]!);
        pc += 2;
        break;
      case Op.Shuffle:
        sp = callNumeric(entries[code[pc++]!]!, sp);
        break;
      case Op.Count:
        // only in code compiled for an instance with a Coverage (coverage.ts)
        coverageOf(inst)!.hits[code[pc++]!]++;
        break;
      // --- typed function references and GC: the branches here, everything else in gc.ts (see default).
      // Last in the switch: under tsx the cases' Op values are no literals, so the switch compares
      // them in order, and an instruction's cost grows with the cases above it.
      case Op.JmpNonNull:
        if (REFS[sp - 1] !== null) pc = code[pc]!;
        else {
          sp--;
          pc++;
        }
        break;
      case Op.JmpNull:
        if (REFS[sp - 1] === null) {
          sp--;
          pc = code[pc]!;
        } else pc++;
        break;
      case Op.JmpUnlessCast:
      case Op.JmpIfCast:
        if (gc.castMatches(REFS[sp - 1], code[pc + 1]!, code[pc + 2]!) === (code[pc - 1] === Op.JmpIfCast)) pc = code[pc]!;
        else pc += 3;
        break;
      default: {
        // the GC instructions but the branches (codes.ts), run in gc.ts
        const op = code[pc - 1]!;
        if (op < Op.RefAsNonNull || op > Op.ArrayInitElem) throw new Error(`interpreter: bad instruction ${op} at ${pc - 1}`);
        sp = gc.execute(op, code, pc, sp, inst);
        pc += gc.IMMEDIATES[op]!;
      }
    }
  }
}
