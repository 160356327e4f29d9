// The interpreter loop: one `switch` over the compiled instruction stream with
// an explicit frame stack, so a wasm call is a few array writes and never a JS
// call (deep recursion ends in `Exhaustion`, not a RangeError). State lives in
// locals: code/pc of the running function, fp (its frame base slot) and sp
// (next free slot) on the shared value stack, the instance, and the cached
// view of memory 0, refreshed whenever it may have changed (calls, returns,
// memory.grow). The numerics the loop runs inline are generated from ops.ts
// (between the GENERATED markers); NaN results and everything rarer go to
// the numerics library. A tail call replaces the running frame in place.
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
import * as bulk from './bulk.js';
import * as gc from './gc.js';
import { Op } from './codes.js';
import type { Compiled } from './compiled.js';
import { compileFunction, type CompileContext } from './compile.js';
import { coverageOf } from './coverage.js';
import { countOperands } from './operand-coverage.js';
import { indirectCallee } from './indirect-call.js';
import { memAccess, oob } from './memory-access.js';
import { caught, exnOf, findHandler, registerHandlers, type Frames } from './exceptions.js';
import { callNumeric, entries, memEntries } from './numeric-call.js';
import { nan32, nan32of2, nan64, nan64of2 } from './numerics/nan.js';
import * as stack from './stack.js';
import { I32, REFS, moveSlots } from './stack.js';
import { budget, callTier2, enterLoop, initialHeat, loopHeat, promote, register } from './tier2/tier2.js';

/** The code that returns from a frame tier 2 ran to its end (OSR), by the number of results it left. */
const RETURNS: Int32Array[] = [];

/** Where the stack stands between calls into the machine (for nested host -> wasm calls). */
export const machine = { sp: 0, depth: 0 };

// The frame stack, allocated by the first call into the machine (as the value stack is: stack.ts)
let fCode: Int32Array[] = [];
let fPc = new Int32Array(0);
let fFp = new Int32Array(0);
let fInst: ModuleInstance[] = [];
let frames: Frames = { code: fCode, pc: fPc, fp: fFp, inst: fInst };

function ensureFrames(): void {
  if (fPc.length !== 0) return;
  fCode = new Array<Int32Array>(MAX_CALL_DEPTH + 1);
  fPc = new Int32Array(MAX_CALL_DEPTH + 1);
  fFp = new Int32Array(MAX_CALL_DEPTH + 1);
  fInst = new Array<ModuleInstance>(MAX_CALL_DEPTH + 1);
  frames = { code: fCode, pc: fPc, fp: fFp, inst: fInst };
}
/** The code the loop runs once a frame has thrown: search for a handler, then resume the frame that has it (see Op.Unwind). */
const UNWIND = Int32Array.of(Op.Unwind, Op.Return, 0);


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
    const heat = loopHeat(ctx.counting === true);
    if (heat !== undefined) ctx.loopHeat = heat;
    contexts.set(inst, ctx);
  }
  const c = compileFunction(f.code, f.type, ctx);
  c.heat = initialHeat(c.code.length);
  registerHandlers(c);
  register(f, c, ctx);
  f.compiled = c;
  return c;
}

function memOf(inst: ModuleInstance): MemoryInstance | undefined {
  return inst.mems[0];
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
  stack.ensureStack();
  ensureFrames();
  const entryDepth = machine.depth;
  if (entry.kind === 'host') {
    machine.sp = callHost(entry, machine.sp, entryDepth);
    machine.depth = entryDepth;
    return;
  }
  // the stacks' views as locals: module bindings would be reloaded at every access
  const { code: fCode, pc: fPc, fp: fFp, inst: fInst } = frames;
  const I32 = stack.I32;
  const F32 = stack.F32;
  const F64 = stack.F64;
  const I64 = stack.I64;
  const U64 = stack.U64;
  const U8 = stack.U8;
  const REFS = stack.REFS;
  const moveSlots = stack.moveSlots;
  let depth = entryDepth;
  let sp = machine.sp;
  let c = compiledOf(entry);
  if (c.tier2 !== null ? budget.left > c.tier2.weight : --c.heat === 0 && promote(entry, c)) {
    // tier 2 checks exhaustion as below; a wasm exception it let through is uncaught here too
    const at = sp - c.nparams;
    const exn = callTier2(c.tier2!, depth, at, at);
    if (exn !== null) throw new UncaughtException(exn);
    machine.sp = at + c.nresults;
    machine.depth = entryDepth;
    return;
  }
  if (depth >= MAX_CALL_DEPTH || sp - c.nparams + c.maxHeight > STACK_SLOTS) throw new Exhaustion();
  if (sp - c.nparams + c.maxHeight > REFS.length) stack.growRefs(sp - c.nparams + c.maxHeight);
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

  // the generated cases' temporaries (gen-ops.ts)
  let slot = 0, x = 0, y = 0, z = 0, xb = 0n, yb = 0n, zb = 0n;
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
          f = indirectCallee(inst, code[pc]!, code[pc + 1]!, I32[--sp << 2]!);
          pc += 2;
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
        if (c.tier2 !== null ? budget.left > c.tier2.weight : --c.heat === 0 && promote(f, c)) {
          // tier 2 runs frameless from here, as a host function; a tail call's callee takes this frame's depth and slot
          const at = sp - c.nparams;
          const tail = op >= Op.ReturnCall;
          const exn = callTier2(c.tier2!, tail ? depth - 1 : depth, tail ? fp : at, at);
          if (exn !== null) {
            thrown.exn = exn;
            saveFrame(depth, code, tail ? 0 : pc, fp, inst);
            code = UNWIND;
            pc = 0;
            break;
          }
          sp = at + c.nresults;
          dv = mem?.view ?? noMemory;
          memLen = dv.byteLength;
          m32 = mem?.words ?? noWords;
          m8 = mem?.bytes ?? noBytes;
          break;
        }
        if (op <= Op.CallIndirect) {
          const nfp = sp - c.nparams;
          if (depth >= MAX_CALL_DEPTH || nfp + c.maxHeight > STACK_SLOTS) throw new Exhaustion();
          if (nfp + c.maxHeight > REFS.length) stack.growRefs(nfp + c.maxHeight);
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
          if (fp + c.maxHeight > REFS.length) stack.growRefs(fp + c.maxHeight);
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
      // ---- GENERATED by gen-ops.ts from ops.ts: the numeric instructions and their fused forms ----
      case 115: { // I32Eqz
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! === 0 ? 1 : 0;
        break;
      }
      case 116: { // I32Eq
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! === I32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 117: { // I32Ne
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! !== I32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 118: { // I32LtS
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! < I32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 119: { // I32LtU
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 < I32[(slot + 1) << 2]! >>> 0 ? 1 : 0;
        break;
      }
      case 120: { // I32GtS
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! > I32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 121: { // I32GtU
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 > I32[(slot + 1) << 2]! >>> 0 ? 1 : 0;
        break;
      }
      case 122: { // I32LeS
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! <= I32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 123: { // I32LeU
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 <= I32[(slot + 1) << 2]! >>> 0 ? 1 : 0;
        break;
      }
      case 124: { // I32GeS
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! >= I32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 125: { // I32GeU
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 >= I32[(slot + 1) << 2]! >>> 0 ? 1 : 0;
        break;
      }
      case 126: { // I32Clz
        slot = sp - 1;
        I32[slot << 2] = Math.clz32(I32[slot << 2]!);
        break;
      }
      case 127: { // I32Ctz
        slot = sp - 1;
        x = I32[slot << 2]!;
        I32[slot << 2] = x === 0 ? 32 : 31 - Math.clz32(x & -x);
        break;
      }
      case 128: { // I32Add
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! + I32[(slot + 1) << 2]!;
        break;
      }
      case 129: { // I32Sub
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! - I32[(slot + 1) << 2]!;
        break;
      }
      case 130: { // I32Mul
        slot = --sp - 1;
        I32[slot << 2] = Math.imul(I32[slot << 2]!, I32[(slot + 1) << 2]!);
        break;
      }
      case 131: { // I32DivS
        slot = --sp - 1;
        x = I32[slot << 2]!;
        y = I32[(slot + 1) << 2]!;
        if (y === 0) throw new Trap('integer divide by zero');
        if (x === -0x80000000 && y === -1) throw new Trap('integer overflow');
        I32[slot << 2] = x / y;
        break;
      }
      case 132: { // I32DivU
        slot = --sp - 1;
        x = I32[slot << 2]!;
        y = I32[(slot + 1) << 2]!;
        if (y === 0) throw new Trap('integer divide by zero');
        I32[slot << 2] = (x >>> 0) / (y >>> 0);
        break;
      }
      case 133: { // I32RemS
        slot = --sp - 1;
        x = I32[slot << 2]!;
        y = I32[(slot + 1) << 2]!;
        if (y === 0) throw new Trap('integer divide by zero');
        I32[slot << 2] = x % y;
        break;
      }
      case 134: { // I32RemU
        slot = --sp - 1;
        x = I32[slot << 2]!;
        y = I32[(slot + 1) << 2]!;
        if (y === 0) throw new Trap('integer divide by zero');
        I32[slot << 2] = (x >>> 0) % (y >>> 0);
        break;
      }
      case 135: { // I32And
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! & I32[(slot + 1) << 2]!;
        break;
      }
      case 136: { // I32Or
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! | I32[(slot + 1) << 2]!;
        break;
      }
      case 137: { // I32Xor
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! ^ I32[(slot + 1) << 2]!;
        break;
      }
      case 138: { // I32Shl
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! << I32[(slot + 1) << 2]!;
        break;
      }
      case 139: { // I32ShrS
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! >> I32[(slot + 1) << 2]!;
        break;
      }
      case 140: { // I32ShrU
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> I32[(slot + 1) << 2]!;
        break;
      }
      case 141: { // I32Rotl
        slot = --sp - 1;
        x = I32[slot << 2]!;
        y = I32[(slot + 1) << 2]!;
        I32[slot << 2] = (x << y) | (x >>> -y);
        break;
      }
      case 142: { // I32Rotr
        slot = --sp - 1;
        x = I32[slot << 2]!;
        y = I32[(slot + 1) << 2]!;
        I32[slot << 2] = (x >>> y) | (x << -y);
        break;
      }
      case 143: { // I32Extend8S
        slot = sp - 1;
        I32[slot << 2] = (I32[slot << 2]! << 24) >> 24;
        break;
      }
      case 144: { // I32Extend16S
        slot = sp - 1;
        I32[slot << 2] = (I32[slot << 2]! << 16) >> 16;
        break;
      }
      case 145: { // I64Eqz
        slot = sp - 1;
        I32[slot << 2] = I64[slot << 1]! === 0n ? 1 : 0;
        break;
      }
      case 146: { // I64Eq
        slot = --sp - 1;
        I32[slot << 2] = I64[slot << 1]! === I64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 147: { // I64Ne
        slot = --sp - 1;
        I32[slot << 2] = I64[slot << 1]! !== I64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 148: { // I64LtS
        slot = --sp - 1;
        I32[slot << 2] = I64[slot << 1]! < I64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 149: { // I64LtU
        slot = --sp - 1;
        I32[slot << 2] = U64[slot << 1]! < U64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 150: { // I64GtS
        slot = --sp - 1;
        I32[slot << 2] = I64[slot << 1]! > I64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 151: { // I64GtU
        slot = --sp - 1;
        I32[slot << 2] = U64[slot << 1]! > U64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 152: { // I64LeS
        slot = --sp - 1;
        I32[slot << 2] = I64[slot << 1]! <= I64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 153: { // I64LeU
        slot = --sp - 1;
        I32[slot << 2] = U64[slot << 1]! <= U64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 154: { // I64GeS
        slot = --sp - 1;
        I32[slot << 2] = I64[slot << 1]! >= I64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 155: { // I64GeU
        slot = --sp - 1;
        I32[slot << 2] = U64[slot << 1]! >= U64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 156: { // I64And
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! & I64[(slot + 1) << 1]!;
        break;
      }
      case 157: { // I64Or
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! | I64[(slot + 1) << 1]!;
        break;
      }
      case 158: { // I64Xor
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! ^ I64[(slot + 1) << 1]!;
        break;
      }
      case 159: { // I64Add
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! + I64[(slot + 1) << 1]!;
        break;
      }
      case 160: { // I64Sub
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! - I64[(slot + 1) << 1]!;
        break;
      }
      case 161: { // I64Mul
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! * I64[(slot + 1) << 1]!;
        break;
      }
      case 162: { // I64Shl
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! << (I64[(slot + 1) << 1]! & 63n);
        break;
      }
      case 163: { // I64ShrS
        slot = --sp - 1;
        I64[slot << 1] = I64[slot << 1]! >> (I64[(slot + 1) << 1]! & 63n);
        break;
      }
      case 164: { // I64ShrU
        slot = --sp - 1;
        I64[slot << 1] = U64[slot << 1]! >> (U64[(slot + 1) << 1]! & 63n);
        break;
      }
      case 165: { // I64ExtendI32S
        slot = sp - 1;
        I64[slot << 1] = BigInt(I32[slot << 2]!);
        break;
      }
      case 166: { // I64ExtendI32U
        slot = sp - 1;
        I64[slot << 1] = BigInt(I32[slot << 2]! >>> 0);
        break;
      }
      case 167: { // F32Eq
        slot = --sp - 1;
        I32[slot << 2] = F32[slot << 2]! === F32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 168: { // F32Ne
        slot = --sp - 1;
        I32[slot << 2] = F32[slot << 2]! !== F32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 169: { // F32Lt
        slot = --sp - 1;
        I32[slot << 2] = F32[slot << 2]! < F32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 170: { // F32Gt
        slot = --sp - 1;
        I32[slot << 2] = F32[slot << 2]! > F32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 171: { // F32Le
        slot = --sp - 1;
        I32[slot << 2] = F32[slot << 2]! <= F32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 172: { // F32Ge
        slot = --sp - 1;
        I32[slot << 2] = F32[slot << 2]! >= F32[(slot + 1) << 2]! ? 1 : 0;
        break;
      }
      case 173: { // F32Add
        slot = --sp - 1;
        x = F32[slot << 2]!;
        y = F32[(slot + 1) << 2]!;
        z = x + y;
        if (z === z) F32[slot << 2] = z;
        else I32[slot << 2] = nan32of2(I32[slot << 2]!, I32[(slot + 1) << 2]!);
        break;
      }
      case 174: { // F32Sub
        slot = --sp - 1;
        x = F32[slot << 2]!;
        y = F32[(slot + 1) << 2]!;
        z = x - y;
        if (z === z) F32[slot << 2] = z;
        else I32[slot << 2] = nan32of2(I32[slot << 2]!, I32[(slot + 1) << 2]!);
        break;
      }
      case 175: { // F32Mul
        slot = --sp - 1;
        x = F32[slot << 2]!;
        y = F32[(slot + 1) << 2]!;
        z = x * y;
        if (z === z) F32[slot << 2] = z;
        else I32[slot << 2] = nan32of2(I32[slot << 2]!, I32[(slot + 1) << 2]!);
        break;
      }
      case 176: { // F32Div
        slot = --sp - 1;
        x = F32[slot << 2]!;
        y = F32[(slot + 1) << 2]!;
        z = x / y;
        if (z === z) F32[slot << 2] = z;
        else I32[slot << 2] = nan32of2(I32[slot << 2]!, I32[(slot + 1) << 2]!);
        break;
      }
      case 177: { // F64Eq
        slot = --sp - 1;
        I32[slot << 2] = F64[slot << 1]! === F64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 178: { // F64Ne
        slot = --sp - 1;
        I32[slot << 2] = F64[slot << 1]! !== F64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 179: { // F64Lt
        slot = --sp - 1;
        I32[slot << 2] = F64[slot << 1]! < F64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 180: { // F64Gt
        slot = --sp - 1;
        I32[slot << 2] = F64[slot << 1]! > F64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 181: { // F64Le
        slot = --sp - 1;
        I32[slot << 2] = F64[slot << 1]! <= F64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 182: { // F64Ge
        slot = --sp - 1;
        I32[slot << 2] = F64[slot << 1]! >= F64[(slot + 1) << 1]! ? 1 : 0;
        break;
      }
      case 183: { // F64Add
        slot = --sp - 1;
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x + y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        break;
      }
      case 184: { // F64Sub
        slot = --sp - 1;
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x - y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        break;
      }
      case 185: { // F64Mul
        slot = --sp - 1;
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x * y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        break;
      }
      case 186: { // F64Div
        slot = --sp - 1;
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x / y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        break;
      }
      case 187: { // F64ConvertI32S
        slot = sp - 1;
        F64[slot << 1] = I32[slot << 2]!;
        break;
      }
      case 188: { // F64ConvertI32U
        slot = sp - 1;
        F64[slot << 1] = I32[slot << 2]! >>> 0;
        break;
      }
      case 189: { // I32AddLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! + I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 190: { // I32AddLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! + code[pc + 1]!;
        pc += 2;
        break;
      }
      case 191: { // I32AddSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! + code[pc]!;
        pc += 1;
        break;
      }
      case 192: { // I32AddSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! + I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 193: { // I32SubLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! - I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 194: { // I32SubLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! - code[pc + 1]!;
        pc += 2;
        break;
      }
      case 195: { // I32SubSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! - code[pc]!;
        pc += 1;
        break;
      }
      case 196: { // I32SubSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! - I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 197: { // I32MulLL
        I32[sp++ << 2] = Math.imul(I32[(fp + code[pc]!) << 2]!, I32[(fp + code[pc + 1]!) << 2]!);
        pc += 2;
        break;
      }
      case 198: { // I32MulLC
        I32[sp++ << 2] = Math.imul(I32[(fp + code[pc]!) << 2]!, code[pc + 1]!);
        pc += 2;
        break;
      }
      case 199: { // I32MulSC
        slot = sp - 1;
        I32[slot << 2] = Math.imul(I32[slot << 2]!, code[pc]!);
        pc += 1;
        break;
      }
      case 200: { // I32MulSL
        slot = sp - 1;
        I32[slot << 2] = Math.imul(I32[slot << 2]!, I32[(fp + code[pc]!) << 2]!);
        pc += 1;
        break;
      }
      case 201: { // I32AndLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! & I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 202: { // I32AndLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! & code[pc + 1]!;
        pc += 2;
        break;
      }
      case 203: { // I32AndSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! & code[pc]!;
        pc += 1;
        break;
      }
      case 204: { // I32AndSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! & I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 205: { // I32OrLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! | I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 206: { // I32OrLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! | code[pc + 1]!;
        pc += 2;
        break;
      }
      case 207: { // I32OrSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! | code[pc]!;
        pc += 1;
        break;
      }
      case 208: { // I32OrSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! | I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 209: { // I32XorLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! ^ I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 210: { // I32XorLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! ^ code[pc + 1]!;
        pc += 2;
        break;
      }
      case 211: { // I32XorSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! ^ code[pc]!;
        pc += 1;
        break;
      }
      case 212: { // I32XorSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! ^ I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 213: { // I32ShlLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! << I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 214: { // I32ShlLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! << code[pc + 1]!;
        pc += 2;
        break;
      }
      case 215: { // I32ShlSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! << code[pc]!;
        pc += 1;
        break;
      }
      case 216: { // I32ShlSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! << I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 217: { // I32ShrSLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >> I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 218: { // I32ShrSLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >> code[pc + 1]!;
        pc += 2;
        break;
      }
      case 219: { // I32ShrSSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >> code[pc]!;
        pc += 1;
        break;
      }
      case 220: { // I32ShrSSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >> I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 221: { // I32ShrULL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> I32[(fp + code[pc + 1]!) << 2]!;
        pc += 2;
        break;
      }
      case 222: { // I32ShrULC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> code[pc + 1]!;
        pc += 2;
        break;
      }
      case 223: { // I32ShrUSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> code[pc]!;
        pc += 1;
        break;
      }
      case 224: { // I32ShrUSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> I32[(fp + code[pc]!) << 2]!;
        pc += 1;
        break;
      }
      case 225: { // I32EqLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! === I32[(fp + code[pc + 1]!) << 2]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 226: { // I32EqLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! === code[pc + 1]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 227: { // I32EqSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! === code[pc]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 228: { // I32EqSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! === I32[(fp + code[pc]!) << 2]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 229: { // I32NeLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! !== I32[(fp + code[pc + 1]!) << 2]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 230: { // I32NeLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! !== code[pc + 1]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 231: { // I32NeSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! !== code[pc]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 232: { // I32NeSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! !== I32[(fp + code[pc]!) << 2]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 233: { // I32LtSLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! < I32[(fp + code[pc + 1]!) << 2]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 234: { // I32LtSLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! < code[pc + 1]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 235: { // I32LtSSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! < code[pc]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 236: { // I32LtSSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! < I32[(fp + code[pc]!) << 2]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 237: { // I32LtULL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 < I32[(fp + code[pc + 1]!) << 2]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 238: { // I32LtULC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 < code[pc + 1]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 239: { // I32LtUSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 < code[pc]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 240: { // I32LtUSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 < I32[(fp + code[pc]!) << 2]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 241: { // I32GtSLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! > I32[(fp + code[pc + 1]!) << 2]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 242: { // I32GtSLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! > code[pc + 1]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 243: { // I32GtSSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! > code[pc]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 244: { // I32GtSSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! > I32[(fp + code[pc]!) << 2]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 245: { // I32GtULL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 > I32[(fp + code[pc + 1]!) << 2]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 246: { // I32GtULC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 > code[pc + 1]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 247: { // I32GtUSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 > code[pc]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 248: { // I32GtUSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 > I32[(fp + code[pc]!) << 2]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 249: { // I32LeSLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! <= I32[(fp + code[pc + 1]!) << 2]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 250: { // I32LeSLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! <= code[pc + 1]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 251: { // I32LeSSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! <= code[pc]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 252: { // I32LeSSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! <= I32[(fp + code[pc]!) << 2]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 253: { // I32LeULL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 <= I32[(fp + code[pc + 1]!) << 2]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 254: { // I32LeULC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 <= code[pc + 1]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 255: { // I32LeUSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 <= code[pc]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 256: { // I32LeUSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 <= I32[(fp + code[pc]!) << 2]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 257: { // I32GeSLL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >= I32[(fp + code[pc + 1]!) << 2]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 258: { // I32GeSLC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >= code[pc + 1]! ? 1 : 0;
        pc += 2;
        break;
      }
      case 259: { // I32GeSSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >= code[pc]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 260: { // I32GeSSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >= I32[(fp + code[pc]!) << 2]! ? 1 : 0;
        pc += 1;
        break;
      }
      case 261: { // I32GeULL
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 >= I32[(fp + code[pc + 1]!) << 2]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 262: { // I32GeULC
        I32[sp++ << 2] = I32[(fp + code[pc]!) << 2]! >>> 0 >= code[pc + 1]! >>> 0 ? 1 : 0;
        pc += 2;
        break;
      }
      case 263: { // I32GeUSC
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 >= code[pc]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 264: { // I32GeUSL
        slot = sp - 1;
        I32[slot << 2] = I32[slot << 2]! >>> 0 >= I32[(fp + code[pc]!) << 2]! >>> 0 ? 1 : 0;
        pc += 1;
        break;
      }
      case 265: { // I32EqBr
        slot = (sp -= 2);
        if (I32[slot << 2]! === I32[(slot + 1) << 2]!) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 266: { // I32EqLLBr
        if (I32[(fp + code[pc]!) << 2]! === I32[(fp + code[pc + 1]!) << 2]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 267: { // I32EqLCBr
        if (I32[(fp + code[pc]!) << 2]! === code[pc + 1]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 268: { // I32EqSCBr
        slot = --sp;
        if (I32[slot << 2]! === code[pc]!) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 269: { // I32NeBr
        slot = (sp -= 2);
        if (I32[slot << 2]! !== I32[(slot + 1) << 2]!) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 270: { // I32NeLLBr
        if (I32[(fp + code[pc]!) << 2]! !== I32[(fp + code[pc + 1]!) << 2]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 271: { // I32NeLCBr
        if (I32[(fp + code[pc]!) << 2]! !== code[pc + 1]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 272: { // I32NeSCBr
        slot = --sp;
        if (I32[slot << 2]! !== code[pc]!) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 273: { // I32LtSBr
        slot = (sp -= 2);
        if (I32[slot << 2]! < I32[(slot + 1) << 2]!) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 274: { // I32LtSLLBr
        if (I32[(fp + code[pc]!) << 2]! < I32[(fp + code[pc + 1]!) << 2]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 275: { // I32LtSLCBr
        if (I32[(fp + code[pc]!) << 2]! < code[pc + 1]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 276: { // I32LtSSCBr
        slot = --sp;
        if (I32[slot << 2]! < code[pc]!) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 277: { // I32LtUBr
        slot = (sp -= 2);
        if (I32[slot << 2]! >>> 0 < I32[(slot + 1) << 2]! >>> 0) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 278: { // I32LtULLBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 < I32[(fp + code[pc + 1]!) << 2]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 279: { // I32LtULCBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 < code[pc + 1]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 280: { // I32LtUSCBr
        slot = --sp;
        if (I32[slot << 2]! >>> 0 < code[pc]! >>> 0) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 281: { // I32GtSBr
        slot = (sp -= 2);
        if (I32[slot << 2]! > I32[(slot + 1) << 2]!) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 282: { // I32GtSLLBr
        if (I32[(fp + code[pc]!) << 2]! > I32[(fp + code[pc + 1]!) << 2]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 283: { // I32GtSLCBr
        if (I32[(fp + code[pc]!) << 2]! > code[pc + 1]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 284: { // I32GtSSCBr
        slot = --sp;
        if (I32[slot << 2]! > code[pc]!) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 285: { // I32GtUBr
        slot = (sp -= 2);
        if (I32[slot << 2]! >>> 0 > I32[(slot + 1) << 2]! >>> 0) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 286: { // I32GtULLBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 > I32[(fp + code[pc + 1]!) << 2]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 287: { // I32GtULCBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 > code[pc + 1]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 288: { // I32GtUSCBr
        slot = --sp;
        if (I32[slot << 2]! >>> 0 > code[pc]! >>> 0) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 289: { // I32LeSBr
        slot = (sp -= 2);
        if (I32[slot << 2]! <= I32[(slot + 1) << 2]!) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 290: { // I32LeSLLBr
        if (I32[(fp + code[pc]!) << 2]! <= I32[(fp + code[pc + 1]!) << 2]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 291: { // I32LeSLCBr
        if (I32[(fp + code[pc]!) << 2]! <= code[pc + 1]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 292: { // I32LeSSCBr
        slot = --sp;
        if (I32[slot << 2]! <= code[pc]!) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 293: { // I32LeUBr
        slot = (sp -= 2);
        if (I32[slot << 2]! >>> 0 <= I32[(slot + 1) << 2]! >>> 0) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 294: { // I32LeULLBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 <= I32[(fp + code[pc + 1]!) << 2]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 295: { // I32LeULCBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 <= code[pc + 1]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 296: { // I32LeUSCBr
        slot = --sp;
        if (I32[slot << 2]! >>> 0 <= code[pc]! >>> 0) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 297: { // I32GeSBr
        slot = (sp -= 2);
        if (I32[slot << 2]! >= I32[(slot + 1) << 2]!) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 298: { // I32GeSLLBr
        if (I32[(fp + code[pc]!) << 2]! >= I32[(fp + code[pc + 1]!) << 2]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 299: { // I32GeSLCBr
        if (I32[(fp + code[pc]!) << 2]! >= code[pc + 1]!) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 300: { // I32GeSSCBr
        slot = --sp;
        if (I32[slot << 2]! >= code[pc]!) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 301: { // I32GeUBr
        slot = (sp -= 2);
        if (I32[slot << 2]! >>> 0 >= I32[(slot + 1) << 2]! >>> 0) { pc = code[pc]!; break; }
        pc += 1;
        break;
      }
      case 302: { // I32GeULLBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 >= I32[(fp + code[pc + 1]!) << 2]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 303: { // I32GeULCBr
        if (I32[(fp + code[pc]!) << 2]! >>> 0 >= code[pc + 1]! >>> 0) { pc = code[pc + 2]!; break; }
        pc += 3;
        break;
      }
      case 304: { // I32GeUSCBr
        slot = --sp;
        if (I32[slot << 2]! >>> 0 >= code[pc]! >>> 0) { pc = code[pc + 1]!; break; }
        pc += 2;
        break;
      }
      case 305: { // I32AddLCSet
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc]!) << 2]! + code[pc + 1]!;
        pc += 3;
        break;
      }
      case 306: { // I32AddLCTee
        z = I32[(fp + code[pc]!) << 2]! + code[pc + 1]!;
        I32[(fp + code[pc + 2]!) << 2] = z;
        I32[sp++ << 2] = z;
        pc += 3;
        break;
      }
      case 307: { // I32SubLCSet
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc]!) << 2]! - code[pc + 1]!;
        pc += 3;
        break;
      }
      case 308: { // I32SubLCTee
        z = I32[(fp + code[pc]!) << 2]! - code[pc + 1]!;
        I32[(fp + code[pc + 2]!) << 2] = z;
        I32[sp++ << 2] = z;
        pc += 3;
        break;
      }
      case 309: { // I32AddSet
        slot = (sp -= 2);
        I32[(fp + code[pc]!) << 2] = I32[slot << 2]! + I32[(slot + 1) << 2]!;
        pc += 1;
        break;
      }
      case 310: { // I32AddSLSet
        slot = --sp;
        I32[(fp + code[pc + 1]!) << 2] = I32[slot << 2]! + I32[(fp + code[pc]!) << 2]!;
        pc += 2;
        break;
      }
      case 311: { // F64AddLL
        x = F64[(fp + code[pc]!) << 1]!;
        y = F64[(fp + code[pc + 1]!) << 1]!;
        z = x + y;
        F64[sp++ << 1] = z === z ? z : nan64of2(x, y);
        pc += 2;
        break;
      }
      case 312: { // F64AddSL
        slot = sp - 1;
        x = F64[slot << 1]!;
        y = F64[(fp + code[pc]!) << 1]!;
        z = x + y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        pc += 1;
        break;
      }
      case 313: { // F64SubLL
        x = F64[(fp + code[pc]!) << 1]!;
        y = F64[(fp + code[pc + 1]!) << 1]!;
        z = x - y;
        F64[sp++ << 1] = z === z ? z : nan64of2(x, y);
        pc += 2;
        break;
      }
      case 314: { // F64SubSL
        slot = sp - 1;
        x = F64[slot << 1]!;
        y = F64[(fp + code[pc]!) << 1]!;
        z = x - y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        pc += 1;
        break;
      }
      case 315: { // F64MulLL
        x = F64[(fp + code[pc]!) << 1]!;
        y = F64[(fp + code[pc + 1]!) << 1]!;
        z = x * y;
        F64[sp++ << 1] = z === z ? z : nan64of2(x, y);
        pc += 2;
        break;
      }
      case 316: { // F64MulSL
        slot = sp - 1;
        x = F64[slot << 1]!;
        y = F64[(fp + code[pc]!) << 1]!;
        z = x * y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        pc += 1;
        break;
      }
      case 317: { // F64DivLL
        x = F64[(fp + code[pc]!) << 1]!;
        y = F64[(fp + code[pc + 1]!) << 1]!;
        z = x / y;
        F64[sp++ << 1] = z === z ? z : nan64of2(x, y);
        pc += 2;
        break;
      }
      case 318: { // F64DivSL
        slot = sp - 1;
        x = F64[slot << 1]!;
        y = F64[(fp + code[pc]!) << 1]!;
        z = x / y;
        F64[slot << 1] = z === z ? z : nan64of2(x, y);
        pc += 1;
        break;
      }
      case 319: { // I32AddLLTee
        z = I32[(fp + code[pc]!) << 2]! + I32[(fp + code[pc + 1]!) << 2]!;
        I32[(fp + code[pc + 2]!) << 2] = z;
        I32[sp++ << 2] = z;
        pc += 3;
        break;
      }
      case 320: { // I32AddLLSet
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc]!) << 2]! + I32[(fp + code[pc + 1]!) << 2]!;
        pc += 3;
        break;
      }
      case 321: { // I64AddLL
        I64[sp++ << 1] = I64[(fp + code[pc]!) << 1]! + I64[(fp + code[pc + 1]!) << 1]!;
        pc += 2;
        break;
      }
      case 322: { // I64AddSL
        slot = sp - 1;
        I64[slot << 1] = I64[slot << 1]! + I64[(fp + code[pc]!) << 1]!;
        pc += 1;
        break;
      }
      case 323: { // I64XorLL
        I64[sp++ << 1] = I64[(fp + code[pc]!) << 1]! ^ I64[(fp + code[pc + 1]!) << 1]!;
        pc += 2;
        break;
      }
      case 324: { // I64XorSL
        slot = sp - 1;
        I64[slot << 1] = I64[slot << 1]! ^ I64[(fp + code[pc]!) << 1]!;
        pc += 1;
        break;
      }
      case 325: { // I64MulLL
        I64[sp++ << 1] = I64[(fp + code[pc]!) << 1]! * I64[(fp + code[pc + 1]!) << 1]!;
        pc += 2;
        break;
      }
      case 326: { // I64MulSL
        slot = sp - 1;
        I64[slot << 1] = I64[slot << 1]! * I64[(fp + code[pc]!) << 1]!;
        pc += 1;
        break;
      }
      case 327: { // I64AndLL
        I64[sp++ << 1] = I64[(fp + code[pc]!) << 1]! & I64[(fp + code[pc + 1]!) << 1]!;
        pc += 2;
        break;
      }
      case 328: { // I64AndSL
        slot = sp - 1;
        I64[slot << 1] = I64[slot << 1]! & I64[(fp + code[pc]!) << 1]!;
        pc += 1;
        break;
      }
      case 329: { // I64OrLL
        I64[sp++ << 1] = I64[(fp + code[pc]!) << 1]! | I64[(fp + code[pc + 1]!) << 1]!;
        pc += 2;
        break;
      }
      case 330: { // I64OrSL
        slot = sp - 1;
        I64[slot << 1] = I64[slot << 1]! | I64[(fp + code[pc]!) << 1]!;
        pc += 1;
        break;
      }
      case 331: { // I64AddSet
        slot = (sp -= 2);
        I64[(fp + code[pc]!) << 1] = I64[slot << 1]! + I64[(slot + 1) << 1]!;
        pc += 1;
        break;
      }
      case 332: { // I64AddTee
        slot = --sp - 1;
        zb = I64[slot << 1]! + I64[(slot + 1) << 1]!;
        I64[(fp + code[pc]!) << 1] = zb;
        I64[slot << 1] = zb;
        pc += 1;
        break;
      }
      case 333: { // I64XorSet
        slot = (sp -= 2);
        I64[(fp + code[pc]!) << 1] = I64[slot << 1]! ^ I64[(slot + 1) << 1]!;
        pc += 1;
        break;
      }
      case 334: { // I64XorTee
        slot = --sp - 1;
        zb = I64[slot << 1]! ^ I64[(slot + 1) << 1]!;
        I64[(fp + code[pc]!) << 1] = zb;
        I64[slot << 1] = zb;
        pc += 1;
        break;
      }
      case 335: { // F64AddSet
        slot = (sp -= 2);
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x + y;
        F64[(fp + code[pc]!) << 1] = z === z ? z : nan64of2(x, y);
        pc += 1;
        break;
      }
      case 336: { // F64AddTee
        slot = --sp - 1;
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x + y;
        F64[(fp + code[pc]!) << 1] = z === z ? z : nan64of2(x, y);
        F64[slot << 1] = F64[(fp + code[pc]!) << 1]!;
        pc += 1;
        break;
      }
      case 337: { // F64MulSet
        slot = (sp -= 2);
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x * y;
        F64[(fp + code[pc]!) << 1] = z === z ? z : nan64of2(x, y);
        pc += 1;
        break;
      }
      case 338: { // F64MulTee
        slot = --sp - 1;
        x = F64[slot << 1]!;
        y = F64[(slot + 1) << 1]!;
        z = x * y;
        F64[(fp + code[pc]!) << 1] = z === z ? z : nan64of2(x, y);
        F64[slot << 1] = F64[(fp + code[pc]!) << 1]!;
        pc += 1;
        break;
      }
      case 339: { // I32MulLL_I32Add
        I32[sp++ << 2] = Math.imul(I32[(fp + code[pc]!) << 2]!, I32[(fp + code[pc + 1]!) << 2]!);
        slot = --sp - 1;
        I32[slot << 2] = I32[slot << 2]! + I32[(slot + 1) << 2]!;
        pc += 2;
        break;
      }
      case 340: { // I32AddLCSet_I32LtULCBr
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc]!) << 2]! + code[pc + 1]!;
        if (I32[(fp + code[pc + 3]!) << 2]! >>> 0 < code[pc + 4]! >>> 0) { pc = code[pc + 5]!; break; }
        pc += 6;
        break;
      }
      case 341: { // I32AddLCSet_I32LtSLCBr
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc]!) << 2]! + code[pc + 1]!;
        if (I32[(fp + code[pc + 3]!) << 2]! < code[pc + 4]!) { pc = code[pc + 5]!; break; }
        pc += 6;
        break;
      }
      case 342: { // I32AddLCSet_I32NeLCBr
        I32[(fp + code[pc + 2]!) << 2] = I32[(fp + code[pc]!) << 2]! + code[pc + 1]!;
        if (I32[(fp + code[pc + 3]!) << 2]! !== code[pc + 4]!) { pc = code[pc + 5]!; break; }
        pc += 6;
        break;
      }
      // ---- end of GENERATED ----
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
      case Op.Count: {
        // only in code compiled for an instance with a Coverage (coverage.ts)
        const coverage = coverageOf(inst)!;
        coverage.hits[(coverage.last = code[pc++]!)]++;
        break;
      }
      case Op.CountOperands:
        countOperands(inst, code[pc++]!, sp);
        break;
      case Op.LoopHead: {
        // only with tier 2 (tier2/tier2.ts): the countdown lives in the code itself
        if (--code[pc]! !== 0) {
          pc += 2;
          break;
        }
        code[pc] = 0x3fffffff;
        const ran = enterLoop(code, code[pc + 1]!, depth, fp);
        if (ran === undefined) {
          pc += 2;
          break;
        }
        if (typeof ran !== 'number') {
          thrown.exn = ran;
          saveFrame(depth, code, 0, fp, inst);
          code = UNWIND;
          pc = 0;
          break;
        }
        // tier 2 ran the frame to its end and left its `ran` results from fp: return from it
        sp = fp + ran;
        code = RETURNS[ran] ??= Int32Array.of(Op.Return, ran);
        pc = 0;
        break;
      }
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
