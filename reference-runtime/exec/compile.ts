// Lowers one validated function body (nested Instr trees) into a flat
// Int32Array for machine.ts: structured control becomes jumps with absolute
// targets, and every branch knows the stack height (relative to the frame) it
// unwinds to, computed here from the validated typing so that the loop never
// searches for labels. Code after an unconditional transfer (br, br_table,
// return, unreachable) is dead and not emitted, which is also what keeps the
// height bookkeeping simple: no polymorphic stack ever reaches the emitter.
// The typed-reference conditional branches (br_on_null, br_on_non_null,
// br_on_cast, br_on_cast_fail) are a test that jumps over an ordinary branch
// when it is not taken; the GC instructions are lowered by compile-gc.ts.
import type { Func } from '../syntax/module.js';
import type { Instr } from '../syntax/instructions.js';
import { needsContext, opInfo, signature, type ImmKind, type OpName } from '../syntax/opcodes.js';
import type { AddrType, BlockType, FuncType, SubType, ValType } from '../syntax/types.js';
import type { TypeId } from '../types/canonical.js';
import { Op } from './codes.js';
import type { Compiled } from './compiled.js';
import { castTarget, lowerGc } from './compile-gc.js';
import { counterIndex } from './coverage.js';
import { operandKinds } from './operand-class.js';
import { operandEntry } from './operand-coverage.js';
import { accessEntry } from './memory-access.js';
import { laneEntry, numericEntry, shuffleEntry, vectorMemEntry } from './numeric-call.js';
import { ROWS } from './ops.js';
import { Peephole } from './peephole.js';

interface Label {
  /** slot height (from the frame base) that a branch to this label unwinds to */
  height: number;
  /** values a branch carries: block/if results, loop params */
  arity: number;
  /** loop: its start; otherwise -1 and the branch positions to patch at the end */
  target: number;
  fixups: number[];
  /** the function body's own label: a branch to it is a return */
  isFunc: boolean;
  /** a catch clause targets it: its end must be a marked position, kept in `end` (catch targets are resolved after the fact) */
  caught?: boolean;
  end?: number;
}

/** A try_table being compiled: its body's code range and its clauses, resolved into `Compiled.handlers` at the end. */
interface Handler {
  start: number;
  end: number;
  clauses: { tag: number; ref: boolean; label: Label }[];
}

type Kind = '32' | '64' | 'V' | 'R';

function kindOf(t: ValType): Kind {
  switch (t) {
    case 'i32':
    case 'f32':
      return '32';
    case 'i64':
    case 'f64':
      return '64';
    case 'v128':
      return 'V';
    default:
      return 'R';
  }
}

const localGet = { '32': Op.LocalGet32, '64': Op.LocalGet64, V: Op.LocalGetV, R: Op.LocalGetRef } as const;
const localSet = { '32': Op.LocalSet32, '64': Op.LocalSet64, V: Op.LocalSetV, R: Op.LocalSetRef } as const;
const localTee = { '32': Op.LocalTee32, '64': Op.LocalTee64, V: Op.LocalTeeV, R: Op.LocalTeeRef } as const;
const globalGet = { '32': Op.GlobalGet32, '64': Op.GlobalGet64, V: Op.GlobalGetV, R: Op.GlobalGetRef } as const;
const globalSet = { '32': Op.GlobalSet32, '64': Op.GlobalSet64, V: Op.GlobalSetV, R: Op.GlobalSetRef } as const;

const loads: Record<string, Op> = {
  'i32.load': Op.Load32,
  'f32.load': Op.Load32,
  'i64.load': Op.Load64,
  'f64.load': Op.Load64,
  'i32.load8_s': Op.Load8S,
  'i32.load8_u': Op.Load8U,
  'i32.load16_s': Op.Load16S,
  'i32.load16_u': Op.Load16U,
  'i64.load8_s': Op.Load64_8S,
  'i64.load8_u': Op.Load64_8U,
  'i64.load16_s': Op.Load64_16S,
  'i64.load16_u': Op.Load64_16U,
  'i64.load32_s': Op.Load64_32S,
  'i64.load32_u': Op.Load64_32U,
  'v128.load': Op.LoadV,
};

// An i64 store of N bits writes the low word's low N bits: the 32-bit forms serve.
const stores: Record<string, Op> = {
  'i32.store': Op.Store32,
  'f32.store': Op.Store32,
  'i64.store32': Op.Store32,
  'i64.store': Op.Store64,
  'f64.store': Op.Store64,
  'i32.store8': Op.Store8,
  'i64.store8': Op.Store8,
  'i32.store16': Op.Store16,
  'i64.store16': Op.Store16,
  'v128.store': Op.StoreV,
};

/** Instructions that are no-ops on the slot layout: the bits already sit where the result goes. */
/** The instructions `instr` compiles itself: structured control, branches, returns and throws. */
type ControlOp =
  | 'nop' | 'unreachable' | 'block' | 'loop' | 'if' | 'br' | 'br_if' | 'br_table' | 'return'
  | 'return_call' | 'return_call_indirect' | 'return_call_ref' | 'throw' | 'throw_ref' | 'try_table'
  | 'br_on_null' | 'br_on_non_null' | 'br_on_cast' | 'br_on_cast_fail';

/** Instructions that become one code with their index immediate (function, table, segment or memory): [code, operands, results]. */
const INDEXED = {
  'ref.func': [Op.RefFunc, 0, 1], 'table.get': [Op.TableGet, 1, 1], 'table.set': [Op.TableSet, 2, 0], 'table.size': [Op.TableSize, 0, 1],
  'table.grow': [Op.TableGrow, 2, 1], 'elem.drop': [Op.ElemDrop, 0, 0], 'memory.size': [Op.MemorySize, 0, 1], 'memory.grow': [Op.MemoryGrow, 1, 1],
  'data.drop': [Op.DataDrop, 0, 0],
} as const;

/** The bulk instructions' codes: [table or memory index (init: segment index), second index for copy and init]. */
const BULK = {
  'table.fill': Op.TableFill, 'table.copy': Op.TableCopy, 'table.init': Op.TableInit,
  'memory.fill': Op.MemoryFill, 'memory.copy': Op.MemoryCopy, 'memory.init': Op.MemoryInit,
} as const;

const identity = new Set<OpName>(['i32.wrap_i64', 'i32.reinterpret_f32', 'f32.reinterpret_i32', 'i64.reinterpret_f64', 'f64.reinterpret_i64']);

/** Numeric instructions the loop executes inline (ops.ts): the row of each mnemonic. */
const inline = new Map(ROWS.map((r) => [r.wasm, r.name]));

/** What the compiler needs to know about the module around a function. */
export interface CompileContext {
  /** the module's defined types (module-relative) and their TypeIds */
  types: SubType[];
  typeIds: readonly TypeId[];
  /** type of every function index, imports first */
  funcTypes: FuncType[];
  /** value type of every global index, imports first */
  globalTypes: ValType[];
  /** address type of every memory and table index, imports first (the loop's fused memory forms serve memory 0 with i32 addresses) */
  memAddrs: AddrType[];
  tableAddrs: AddrType[];
  /** counting mode (coverage.ts): no fusion, and an Op.Count before every wasm instruction */
  counting?: boolean;
  /** tier 2 (tier2/tier2.ts): an Op.LoopHead at each loop's head, counting down from this many entries */
  loopHeat?: number;
}

export function compileFunction(func: Func, type: FuncType, ctx: CompileContext): Compiled {
  return new Compiler(func, type, ctx).run();
}

class Compiler {
  private readonly p: Peephole;
  private readonly out: number[];
  private height: number;
  private maxHeight: number;
  private labels: Label[] = [];
  /** br_table entries that return: they target the shared Return stub at the end */
  private returnStubs: number[] = [];
  /** try_tables in the order their bodies end: an inner one before the one around it */
  private handlers: Handler[] = [];
  private readonly localKinds: Kind[];
  private readonly loops: Instr[] = [];

  constructor(
    private readonly func: Func,
    private readonly type: FuncType,
    private readonly ctx: CompileContext,
  ) {
    this.p = new Peephole(ctx.counting !== true);
    this.out = this.p.out;
    this.localKinds = [...type.params, ...func.locals].map(kindOf);
    this.height = this.maxHeight = this.localKinds.length;
  }

  run(): Compiled {
    const nresults = this.type.results.length;
    this.labels.push({ height: 0, arity: nresults, target: -1, fixups: [], isFunc: true });
    this.body(this.func.body);
    const stub = this.p.mark();
    this.emit(Op.Return, nresults);
    for (const at of this.returnStubs) this.out[at] = stub;
    return {
      code: Int32Array.from(this.out),
      nparams: this.type.params.length,
      nlocals: this.localKinds.length,
      nresults,
      maxHeight: this.maxHeight,
      handlers: this.handlerTable(stub),
      loops: this.loops,
      tier2: null,
      heat: 0,
    };
  }

  /** The handler rows (compiled.ts), innermost try_table first; a catch to the function's label goes to the Return stub. */
  private handlerTable(stub: number): Int32Array {
    const rows: number[] = [];
    for (const h of this.handlers) {
      for (const { tag, ref, label } of h.clauses) {
        const target = label.isFunc ? stub : label.target >= 0 ? label.target : label.end!;
        rows.push(h.start, h.end, tag, ref ? 1 : 0, target, label.height);
      }
    }
    return Int32Array.from(rows);
  }

  /** Emits one instruction: an Op and its immediates. */
  private emit(op: Op, ...imms: number[]): void {
    this.p.emit(op, imms);
  }

  private push(n = 1): void {
    this.height += n;
    if (this.height > this.maxHeight) this.maxHeight = this.height;
  }

  private blockArity(bt: BlockType): [number, number] {
    if (bt.kind === 'empty') return [0, 0];
    if (bt.kind === 'value') return [0, 1];
    const t = this.ctx.types[bt.index] as FuncType;
    return [t.params.length, t.results.length];
  }

  /** Compiles a sequence; false when its end is unreachable. */
  private body(instrs: Instr[]): boolean {
    for (const ins of instrs) if (!this.instr(ins)) return false;
    return true;
  }

  private label(depth: number): Label {
    return this.labels[this.labels.length - 1 - depth]!;
  }

  private patch(label: Label): void {
    // an unmarked end stays open to fusion with the code after it
    if (label.fixups.length === 0 && label.caught !== true) return;
    const here = (label.end = this.p.mark());
    for (const at of label.fixups) this.out[at] = here;
  }

  /** Emits a jump to `label` from the current height, unwinding only when needed. */
  private branch(label: Label, conditional: boolean): void {
    if (label.isFunc) {
      if (conditional) {
        const skip = this.p.condJump(true, 0);
        this.emit(Op.Return, label.arity);
        this.out[skip] = this.p.mark();
      } else this.emit(Op.Return, label.arity);
      return;
    }
    const plain = this.height - label.arity === label.height;
    let at: number;
    if (plain && conditional) at = this.p.condJump(false, label.target);
    else {
      this.emit(plain ? Op.Jmp : conditional ? Op.BrIfAdj : Op.Br, ...(plain ? [label.target] : [label.target, label.height, label.arity]));
      at = plain ? this.out.length - 1 : this.out.length - 3;
    }
    if (label.target < 0) label.fixups.push(at);
  }

  /** Before an indirect call through `table`: a 64-bit table's i64 index becomes the u32 the call reads. */
  private tableIndex(table: number): void {
    if (this.ctx.tableAddrs[table] === 'i64') this.emit(Op.Index64);
  }

  private brTable(ins: Instr): void {
    const targets = [...(ins.labels ?? []), ins.index!];
    this.emit(Op.BrTable, targets.length - 1);
    for (const depth of targets) {
      const label = this.label(depth);
      if (label.isFunc) {
        // to the Return stub, leaving the stack as it is (height -1: no unwinding)
        this.p.raw(-1, -1, 0);
        this.returnStubs.push(this.out.length - 3);
        continue;
      }
      this.p.raw(label.target, label.height, label.arity);
      if (label.target < 0) label.fixups.push(this.out.length - 3);
    }
  }

  /**
   * A try_table is a block whose body's code range has handlers: the loop
   * looks them up only when an exception is thrown, so they cost nothing
   * otherwise. Catch labels are relative to the try_table's context, not its body.
   */
  private tryTable(ins: Instr): void {
    const [np, nr] = this.blockArity(ins.blockType!);
    const base = this.height - np;
    const clauses = (ins.catches ?? []).map((k) => {
      const label = this.label(k.label);
      if (!label.isFunc && label.target < 0) label.caught = true;
      // a catch pushes the label's values at its height, which may be above anything else this frame holds
      if (label.height + label.arity > this.maxHeight) this.maxHeight = label.height + label.arity;
      const caughtAll = k.kind === 'catch_all' || k.kind === 'catch_all_ref';
      return { tag: caughtAll ? -1 : k.tag!, ref: k.kind === 'catch_ref' || k.kind === 'catch_all_ref', label };
    });
    const label: Label = { height: base, arity: nr, target: -1, fixups: [], isFunc: false };
    this.labels.push(label);
    const start = this.p.mark();
    this.body(ins.body ?? []);
    const end = this.p.mark();
    this.labels.pop();
    this.patch(label);
    if (end > start && clauses.length > 0) this.handlers.push({ start, end, clauses });
    this.height = base;
    this.push(nr);
  }

  /**
   * A branch on a reference's nullness or type: a jump over an ordinary
   * branch to the label, taken when the branch is not. br_on_null pops the
   * reference before it branches; br_on_non_null pops it when it does not.
   */
  private brOn(ins: Instr): void {
    const label = this.label(ins.index!);
    let skip: number;
    switch (ins.op) {
      case 'br_on_null':
        this.emit(Op.JmpNonNull, -1);
        skip = this.out.length - 1;
        this.height--;
        this.branch(label, false);
        this.height++;
        break;
      case 'br_on_non_null':
        this.emit(Op.JmpNull, -1);
        skip = this.out.length - 1;
        this.branch(label, false);
        this.height--;
        break;
      default:
        this.emit(ins.op === 'br_on_cast' ? Op.JmpUnlessCast : Op.JmpIfCast, -1, ...castTarget(ins.refType2!, this.ctx.typeIds));
        skip = this.out.length - 3;
        this.branch(label, false);
    }
    this.out[skip] = this.p.mark();
  }

  /** Counting mode: the instruction's counter, and its operands' classes where it has a signature (operand-coverage.ts). */
  private count(ins: Instr): void {
    const counter = counterIndex(ins.op);
    const info = opInfo(ins.op)!;
    const kinds = operandKinds(info);
    const mem = ins.index ?? 0;
    const wide = (m: number) => this.ctx.memAddrs[m] === 'i64';
    const access = info.imm === 'memarg' || info.imm === 'memarg_lane';
    // a bulk instruction on a 64-bit memory has i64 operands where the table writes i32: counted without classes
    const bulk64 = bulkMemories(ins, info.imm).some(wide);
    if (kinds === undefined || bulk64) this.emit(Op.Count, counter);
    else this.emit(Op.CountOperands, operandEntry(counter, kinds, access ? { offset: ins.offset ?? 0, bytes: 1 << info.align!, mem, wide: wide(mem) } : undefined));
  }

  private instr(ins: Instr): boolean {
    if (this.ctx.counting === true) this.count(ins);
    const op = ins.op;
    switch (op) {
      case 'nop':
        return true;
      case 'unreachable':
        this.emit(Op.Unreachable);
        return false;
      case 'block':
      case 'loop': {
        const [np, nr] = this.blockArity(ins.blockType!);
        const base = this.height - np;
        const isLoop = ins.op === 'loop';
        const label: Label = { height: base, arity: isLoop ? np : nr, target: isLoop ? this.p.mark() : -1, fixups: [], isFunc: false };
        this.labels.push(label);
        if (isLoop && this.ctx.loopHeat !== undefined) this.emit(Op.LoopHead, this.ctx.loopHeat, this.loops.push(ins) - 1);
        this.body(ins.body ?? []);
        this.labels.pop();
        this.patch(label);
        this.height = base;
        this.push(nr);
        return true;
      }
      case 'if': {
        const [np, nr] = this.blockArity(ins.blockType!);
        this.height--;
        const elseJump = this.p.condJump(true, -1);
        const base = this.height - np;
        const label: Label = { height: base, arity: nr, target: -1, fixups: [], isFunc: false };
        this.labels.push(label);
        if (this.body(ins.body ?? [])) {
          this.emit(Op.Jmp, -1);
          label.fixups.push(this.out.length - 1);
        }
        this.out[elseJump] = this.p.mark();
        if (this.ctx.counting === true && (ins.elseBody ?? []).length > 0) this.emit(Op.Count, counterIndex('else'));
        this.height = base + np;
        this.body(ins.elseBody ?? []);
        this.labels.pop();
        this.patch(label);
        this.height = base;
        this.push(nr);
        return true;
      }
      case 'br':
        this.branch(this.label(ins.index!), false);
        return false;
      case 'br_if':
        this.height--;
        this.branch(this.label(ins.index!), true);
        return true;
      case 'br_table':
        this.height--;
        this.brTable(ins);
        return false;
      case 'return':
        this.emit(Op.Return, this.type.results.length);
        return false;
      case 'return_call':
      case 'return_call_indirect':
      case 'return_call_ref':
        if (ins.op === 'return_call') this.emit(Op.ReturnCall, ins.index!);
        else if (ins.op === 'return_call_ref') this.emit(Op.ReturnCallIndirect, ins.index!, -1);
        else {
          this.tableIndex(ins.index2 ?? 0);
          this.emit(Op.ReturnCallIndirect, ins.index!, ins.index2 ?? 0);
        }
        // reached only when the callee was a host function: its results are this function's
        this.emit(Op.Return, this.type.results.length);
        return false;
      case 'throw':
        this.emit(Op.Throw, ins.index!);
        return false;
      case 'throw_ref':
        this.emit(Op.ThrowRef);
        return false;
      case 'try_table':
        this.tryTable(ins);
        return true;
      case 'br_on_null':
      case 'br_on_non_null':
      case 'br_on_cast':
      case 'br_on_cast_fail':
        this.brOn(ins);
        return true;
      default:
        this.plain(ins, op);
        return true;
    }
  }

  /** Straight-line instructions (`op` is `ins.op`): emit, then account for their stack effect. */
  private plain(ins: Instr, op: Exclude<OpName, ControlOp>): void {
    switch (op) {
      case 'drop':
        this.emit(Op.Drop);
        this.height--;
        return;
      case 'select':
      case 'select_t':
        this.emit(Op.Select);
        this.height -= 2;
        return;
      case 'local.get':
        this.emit(localGet[this.localKinds[ins.index!]!], ins.index!);
        this.push();
        return;
      case 'local.set':
        this.p.localSet(localSet[this.localKinds[ins.index!]!], ins.index!);
        this.height--;
        return;
      case 'local.tee':
        this.p.localTee(localTee[this.localKinds[ins.index!]!], ins.index!);
        return;
      case 'global.get':
        this.emit(globalGet[kindOf(this.ctx.globalTypes[ins.index!]!)], ins.index!);
        this.push();
        return;
      case 'global.set':
        this.emit(globalSet[kindOf(this.ctx.globalTypes[ins.index!]!)], ins.index!);
        this.height--;
        return;
      case 'i32.const':
        this.emit(Op.Const32, ins.i32!);
        this.push();
        return;
      case 'f32.const':
        this.emit(Op.Const32, ins.f32!);
        this.push();
        return;
      case 'i64.const':
      case 'f64.const': {
        const bits = op === 'i64.const' ? ins.i64! : ins.f64!;
        this.emit(Op.Const64, Number(BigInt.asIntN(32, bits)), Number(BigInt.asIntN(32, bits >> 32n)));
        this.push();
        return;
      }
      case 'v128.const': {
        const b = ins.bytes!;
        const w = (i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
        this.emit(Op.ConstV, w(0), w(4), w(8), w(12));
        this.push();
        return;
      }
      case 'ref.null':
        this.emit(Op.RefNull);
        this.push();
        return;
      case 'ref.is_null':
        this.emit(Op.RefIsNull);
        return;
      case 'call': {
        const t = this.ctx.funcTypes[ins.index!]!;
        this.emit(Op.Call, ins.index!);
        this.height -= t.params.length;
        this.push(t.results.length);
        return;
      }
      case 'call_ref': {
        // a call_indirect of no table: the callee is the reference on top (codes.ts)
        const t = this.ctx.types[ins.index!] as FuncType;
        this.emit(Op.CallIndirect, ins.index!, -1);
        this.height -= 1 + t.params.length;
        this.push(t.results.length);
        return;
      }
      case 'call_indirect': {
        const t = this.ctx.types[ins.index!] as FuncType;
        this.tableIndex(ins.index2 ?? 0);
        this.emit(Op.CallIndirect, ins.index!, ins.index2 ?? 0);
        this.height -= 1 + t.params.length;
        this.push(t.results.length);
        return;
      }
      case 'ref.func':
      case 'table.get':
      case 'table.set':
      case 'table.size':
      case 'table.grow':
      case 'elem.drop':
      case 'memory.size':
      case 'memory.grow':
      case 'data.drop': {
        const [code, pops, pushes] = INDEXED[op];
        this.emit(code, ins.index ?? 0);
        this.height -= pops;
        this.push(pushes);
        return;
      }
      case 'table.fill':
      case 'table.copy':
      case 'table.init':
      case 'memory.fill':
      case 'memory.copy':
      case 'memory.init':
        // three operands (a destination, a value or source, a length) and no result
        this.emit(BULK[op], ...(op.endsWith('.fill') ? [ins.index ?? 0] : [ins.index ?? 0, ins.index2 ?? 0]));
        this.height -= 3;
        return;
      case 'i8x16.shuffle':
        this.emit(Op.Shuffle, shuffleEntry(ins.bytes!));
        this.height--;
        return;
    }
    if (needsContext(op)) {
      // what is left of the instructions without a signature: each has its case in lowerGc, or this does not compile
      const gc = lowerGc(ins, op, this.ctx.typeIds);
      if (gc.code.length > 0) this.emit(gc.code[0]!, ...gc.code.slice(1));
      this.height -= gc.pops;
      this.push(gc.pushes);
      return;
    }
    if (identity.has(op)) return;
    const info = opInfo(op);
    const sig = info === undefined ? undefined : signature(info);
    if (info === undefined || sig === undefined) throw new Error(`cannot compile instruction ${op}`);
    const mem = ins.index ?? 0;
    const general = (info.imm === 'memarg' || info.imm === 'memarg_lane') && (mem !== 0 || this.ctx.memAddrs[0] === 'i64');
    if (general) this.emit(Op.MemAccess, accessEntry(op, mem, this.ctx.memAddrs[mem] === 'i64', ins.offset ?? 0, ins.lane));
    else if (loads[op] !== undefined) this.p.memory(loads[op]!, ins.offset ?? 0);
    else if (stores[op] !== undefined) this.p.memory(stores[op]!, ins.offset ?? 0);
    else if (info.imm === 'memarg') this.emit(Op.VecLoad, ins.offset ?? 0, vectorMemEntry(op));
    else if (info.imm === 'memarg_lane') this.emit(op.startsWith('v128.load') ? Op.VecLoadLane : Op.VecStoreLane, ins.offset ?? 0, vectorMemEntry(op), ins.lane!);
    else if (info.imm === 'lane') this.emit(Op.Lane, laneEntry(op), ins.lane!);
    else if (inline.has(op)) this.p.numeric(inline.get(op)!);
    else {
      const entry = numericEntry(op);
      if (entry === undefined) throw new Error(`no numerics for ${op}`);
      this.emit(Op.Numeric, entry);
    }
    this.height -= sig.params.length;
    this.push(sig.results.length);
  }
}

/** The memories a bulk memory instruction's operands address (memory.init's first index is its data segment's); none for any other. */
function bulkMemories(ins: Instr, imm: ImmKind): number[] {
  if (imm === 'memory') return [ins.index ?? 0];
  if (imm === 'memory_init') return [ins.index2 ?? 0];
  if (imm === 'memory_copy') return [ins.index ?? 0, ins.index2 ?? 0];
  return [];
}
