// Type-directed generation of one function body. Code is built as expression
// trees (`expr(t)` leaves exactly one value of type t) inside statement lists
// (`stmt()` leaves the stack as it found it), so every sequence is valid by
// construction; blocks, loops and ifs take multi-value block types, branches
// carry their label's types, and `br`/`br_table`/`return`/`unreachable` end
// the statement list they are in. The 3.0 features the module uses add
// their producers and statements (tail-calls.ts, exn-code.ts, gc-code.ts);
// memory and table instructions take the address type of the memory or
// table they name (memory64, table64), and non-defaultable locals are read
// only where a set in the same or an enclosing block initialised them.
//
// Termination: every function entry and every loop header spends one unit of
// the fuel global and traps (`unreachable`) when it is empty, so a module's
// work per instance is bounded whatever its branches do; loops also count
// down a local so that most end on their own long before the fuel does.
import { steeredValue } from './steer.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { OpInfo } from '../../reference-runtime/syntax/opcodes.js';
import { addrType, isFuncType, isNullable, isRefType, type AddrType, type BlockType, type FuncType, type RefType, type ValType } from '../../reference-runtime/syntax/types.js';
import { isDefaultable } from '../../reference-runtime/types/defaultable.js';
import { constInstr } from '../../adapters/values.js';
import { chooseValue, I32_BOUNDARY } from './boundary.js';
import type { Choices } from './choices.js';
import { addrConst } from './const-exprs.js';
import { allowsInstruction } from './features.js';
import { isNum, operandPair, operandValue } from './operand-values.js';
import { exnProducers, exnStmts } from './exn-code.js';
import { gcProducers, gcStmts } from './gc-code.js';
import { chooseValType, depthGlobal, freshRef, FUEL_GLOBAL, PAGE, typeIndex, type Shape } from './module-shape.js';
import { needsData, needsMemory, OPS_BY_RESULT, VOID_OPS, type SigOp } from './op-index.js';
import { tailCallStmts } from './tail-calls.js';

export interface Stmts {
  instrs: Instr[];
  /** ends with br, br_table, return or unreachable: nothing after it runs */
  terminal: boolean;
}

/** Fuel check: trap when the fuel global is empty, else spend one unit. */
export function fuelPrologue(): Instr[] {
  return [
    instr('global.get', { index: FUEL_GLOBAL }),
    instr('i32.eqz'),
    instr('if', { blockType: { kind: 'empty' }, body: [instr('unreachable')], elseBody: [] }),
    instr('global.get', { index: FUEL_GLOBAL }),
    instr('i32.const', { i32: 1 }),
    instr('i32.sub'),
    instr('global.set', { index: FUEL_GLOBAL }),
  ];
}

const INT_DIVS = /^i(32|64)\.(div|rem)_[su]$/;
const MAX_EXPR_DEPTH = 5;
const MAX_NEST = 3;

/** A weighted way to produce code (Choices.weighted entries). */
export type Options<T> = [number, () => T][];

/** Percent of a signature instruction's operands made a constant of a class not covered yet, when the generator is steered. */
const STEER_CHANCE = 30;

export class BodyGen {
  readonly type: FuncType;
  /** declared locals (parameters excluded), grown as scratch locals are needed */
  readonly locals: ValType[] = [];
  /** branch types of the labels in scope, outermost (the function) first */
  readonly labels: (readonly ValType[])[] = [];
  /**
   * Per label in scope: the non-defaultable locals set in that block so far.
   * Such a local may be read only after a set in its block or an enclosing
   * one (3.0 local initialisation: the set is forgotten at the block's end).
   */
  private readonly inits: Set<number>[] = [];
  private budget: number;

  constructor(
    readonly c: Choices,
    readonly s: Shape,
    readonly self: number,
  ) {
    this.type = s.funcTypes[self]!;
    this.budget = 8 + c.int(s.options.maxBodySize);
    const declared = c.int(5);
    for (let i = 0; i < declared; i++) this.locals.push(chooseValType(c, s));
  }

  generate(): Instr[] {
    this.enter(this.type.results);
    const body = fuelPrologue();
    const s = this.stmts(MAX_NEST);
    body.push(...s.instrs);
    if (!s.terminal) body.push(...this.values(this.type.results));
    this.leave();
    return body;
  }

  /** A label (block body) comes into scope: branches to it carry `types`. */
  enter(types: readonly ValType[]): void {
    this.labels.push(types);
    this.inits.push(new Set());
  }

  leave(): void {
    this.labels.pop();
    this.inits.pop();
  }

  /** Whether one more block may nest here. */
  canNest(): boolean {
    return this.labels.length <= MAX_NEST + 1;
  }

  // ---- locals

  private localTypes(): ValType[] {
    return [...this.type.params, ...this.locals];
  }

  /** The locals of type t that may be read here (`write`: that may be set). */
  localsOf(t: ValType, write = false): number[] {
    const out: number[] = [];
    const params = this.type.params.length;
    this.localTypes().forEach((lt, i) => {
      if (lt !== t) return;
      if (write || i < params || isDefaultable(lt) || this.inits.some((set) => set.has(i))) out.push(i);
    });
    return out;
  }

  newLocal(t: ValType): number {
    this.locals.push(t);
    return this.type.params.length + this.locals.length - 1;
  }

  /** `local.set` or `local.tee` of local i, which counts as initialised from here to the end of the block. */
  setLocal(i: number, op: 'local.set' | 'local.tee' = 'local.set'): Instr {
    this.inits[this.inits.length - 1]!.add(i);
    return instr(op, { index: i });
  }

  /**
   * Consumes a value of type t from the stack: into a local of its type, a
   * mutable global (part of the final state the fuzzer compares, so a wrong
   * value there is seen), or dropped.
   */
  sink(t: ValType): Instr {
    const c = this.c;
    const gs = this.writableGlobals(t);
    if (gs.length > 0 && c.chance(25)) return instr('global.set', { index: c.pick(gs) });
    const ls = this.localsOf(t, true);
    return ls.length > 0 && c.chance(50) ? this.setLocal(c.pick(ls)) : instr('drop');
  }

  /** The mutable globals (of type t) generated code may set: not the fuel or depth counters, which bound the work. */
  writableGlobals(t?: ValType): number[] {
    return this.s.module.globals.flatMap((g, i) => (g.type.mutable && (t === undefined || g.type.type === t) && i !== FUEL_GLOBAL && i !== this.s.depthGlobal ? [i] : []));
  }

  /** Instructions of a 3.0 feature may be used: the module uses the feature. */
  uses(feature: NonNullable<OpInfo['feature']>): boolean {
    return this.s.features.has(feature);
  }

  // ---- expressions

  /** Values of the given types, in order. */
  values(ts: readonly ValType[], depth = MAX_EXPR_DEPTH): Instr[] {
    return ts.flatMap((t) => this.expr(t, depth));
  }

  expr(t: ValType, depth: number): Instr[] {
    this.budget--;
    if (depth <= 0 || this.budget <= 0 || !this.c.chance(65)) return this.leaf(t);
    const producers = this.producers(t, depth - 1);
    return this.c.weighted(producers)();
  }

  /** A value of type t without nesting: a local, a global, a constant, a null or a fresh reference (module-shape.ts freshRef). */
  leaf(t: ValType): Instr[] {
    const c = this.c;
    const ls = this.localsOf(t);
    const gs = this.s.module.globals.flatMap((g, i) => (g.type.type === t ? [i] : []));
    const choice = c.int(4);
    if (choice === 1 && ls.length > 0) return [instr('local.get', { index: c.pick(ls) })];
    if (choice === 2 && gs.length > 0) return [instr('global.get', { index: c.pick(gs) })];
    if (isRefType(t)) return choice === 3 || !isNullable(t) ? freshRef(c, this.s, t) : [instr('ref.null', { refType: t })];
    return [constInstr(chooseValue(c, t))];
  }

  private producers(t: ValType, d: number): Options<Instr[]> {
    const out: Options<Instr[]> = [[1, () => this.leaf(t)]];
    const ops = (OPS_BY_RESULT.get(t) ?? []).filter((o) => this.available(o.info));
    if (ops.length > 0) out.push([t === 'v128' ? 14 : 10, () => this.sigOp(this.c.pick(ops), d)]);
    if (this.localsOf(t, true).length > 0) out.push([1, () => [...this.expr(t, d), this.setLocal(this.c.pick(this.localsOf(t, true)), 'local.tee')]]);
    out.push([1, () => this.select(t, d)]);
    if (this.canNest()) {
      out.push([1, () => this.blockExpr('block', t, d)]);
      out.push([1, () => this.blockExpr('if', t, d)]);
      out.push([1, () => this.brIfExpr(t, d)]);
    }
    const callees = this.directCallees().filter((f) => this.s.funcTypes[f]!.results.includes(t));
    if (callees.length > 0) out.push([1, () => this.keepOne(this.call(this.c.pick(callees), d), t)]);
    if (this.canCallIndirect()) {
      const ts = this.s.module.types.filter(isFuncType).filter((ft) => ft.results.includes(t));
      if (ts.length > 0) out.push([1, () => this.keepOne(this.callIndirect(this.c.pick(ts), d), t)]);
    }
    if (t === 'i32') out.push([1, () => [...this.expr(this.c.chance(50) ? 'funcref' : this.c.pick(this.s.refTypes.slice(1)), d), instr('ref.is_null')]]);
    if (t === 'i32' || t === 'i64') this.sizeProducers(out, t, d);
    if (isRefType(t)) this.refProducers(out, t, d);
    if (this.uses('exceptions') && this.canNest()) out.push(...exnProducers(this, t, d));
    if (this.uses('gc') || this.uses('function-references')) out.push(...gcProducers(this, t, d));
    return out;
  }

  /** memory.size/grow and table.size/grow of the memories and tables whose address type is t. */
  private sizeProducers(out: Options<Instr[]>, t: 'i32' | 'i64', d: number): void {
    const m = this.s.module;
    const mems = m.mems.flatMap((mem, i) => (addrType(mem) === t ? [i] : []));
    if (t === 'i64' && mems.length > 0) {
      out.push([1, () => [instr('memory.size', { index: this.c.pick(mems) })]]);
      const growable = mems.filter((i) => this.s.memGrowable[i]);
      if (growable.length > 0) out.push([1, () => [this.addrSmall(3, 'i64'), instr('memory.grow', { index: this.c.pick(growable) })]]);
    }
    const tables = m.tables.flatMap((tt, i) => (addrType(tt) === t ? [i] : []));
    if (tables.length > 0) {
      out.push([1, () => [instr('table.size', { index: this.c.pick(tables) })]]);
      const growable = tables.filter((i) => this.s.tableGrowable[i]);
      if (growable.length > 0) {
        out.push([1, () => {
          const ti = this.c.pick(growable);
          return [...this.expr(m.tables[ti]!.elem, d), this.addrSmall(4, t), instr('table.grow', { index: ti })];
        }]);
      }
    }
  }

  private refProducers(out: Options<Instr[]>, t: RefType, d: number): void {
    const tables = this.tablesOf(t);
    if (tables.length === 0) return;
    out.push([2, () => {
      const ti = this.c.pick(tables);
      return [...this.tableIndex(ti, d), instr('table.get', { index: ti })];
    }]);
  }

  /**
   * An instruction with a signature: its operands, then itself with
   * immediates. A memory instruction first picks its memory (and memory.copy
   * its source), whose address type types the address operands (the table's
   * signature writes them as i32).
   */
  private sigOp(op: SigOp, d: number): Instr[] {
    const info = op.info;
    const mem = needsMemory(info) ? this.chooseMemory(info) : 0;
    const src = info.imm === 'memory_copy' ? this.c.int(this.s.module.mems.length) : mem;
    const at = this.memAddr(mem);
    const memarg = info.imm === 'memarg' || info.imm === 'memarg_lane' ? this.memarg(info) : undefined;
    const operands = this.bulkOperands(info, mem, src) ?? this.operandPair(op) ?? op.params.map((p, i) => {
      if (i === 0 && memarg !== undefined) return this.address(d, at, mem, memarg.offset, 1 << info.align!);
      if (info.name === 'memory.grow') return [this.addrSmall(3, at)];
      if (INT_DIVS.test(info.name) && i === 1 && this.c.chance(40)) {
        // A divisor that is never 0, so that most divisions do not trap.
        const one = p === 'i32' ? instr('i32.const', { i32: 1 }) : instr('i64.const', { i64: 1n });
        return [...this.expr(p, d), one, instr(p === 'i32' ? 'i32.or' : 'i64.or')];
      }
      // Bulk memory operands: a destination in the first bytes, short sources and lengths.
      if (needsMemory(info) && memarg === undefined) {
        // (memory.fill's value, operand 1, is an i32 like a length)
        const type = bulkOperandType(info.name, i, at, this.memAddr(src));
        return [this.addrSmall(i === 0 ? 300 : 32, type)];
      }
      return this.operand(info.name, i, p, d);
    });
    return [...operands.flat(), this.withImmediates(info, mem, src, memarg)];
  }

  /**
   * Operand i of a numeric instruction: often one of the instruction's own
   * edge values (operand-values.ts) as a constant or a parameter (which
   * invocations feed boundary arguments), so that edges reach the
   * instruction rather than only long computed chains.
   */
  private operand(op: string, i: number, t: ValType, d: number): Instr[] {
    // coverage feedback: a class of this operand the oracle has not executed yet (steer.ts)
    const steered = this.s.steer !== undefined && this.c.chance(STEER_CHANCE) ? steeredValue(this.c, this.s.steer, op, i, t) : undefined;
    if (steered !== undefined) return [constInstr(steered)];
    if (!isNum(t) || !this.c.chance(45)) return this.expr(t, d);
    const params = this.type.params.flatMap((p, k) => (p === t ? [k] : []));
    if (params.length > 0 && this.c.chance(20)) return [instr('local.get', { index: this.c.pick(params) })];
    return [constInstr(operandValue(this.c, op, i, t))];
  }

  /** Now and then, the two operands of a binary numeric instruction as a pair of constants that interact (operand-values.ts). */
  private operandPair(op: SigOp): Instr[][] | undefined {
    const [a, b] = op.params;
    if (op.params.length !== 2 || a !== b || !isNum(a!) || op.info.imm !== 'none' || !this.c.chance(15)) return undefined;
    return operandPair(this.c, op.info.name, a).map((v) => [constInstr(v)]);
  }

  /**
   * Now and then, the operands of memory.fill, memory.copy or memory.init
   * at the end of memory (in bounds, straddling it, past it), or an
   * overlapping memory.copy in either direction; undefined: the usual small ones.
   */
  private bulkOperands(info: OpInfo, mem: number, src: number): Instr[][] | undefined {
    const c = this.c;
    const name = info.name;
    if ((name !== 'memory.fill' && name !== 'memory.copy' && name !== 'memory.init') || !c.chance(40)) return undefined;
    const at = this.memAddr(mem);
    const types = [0, 1, 2].map((i) => bulkOperandType(name, i, at, this.memAddr(src)));
    const n = c.int(9);
    const konst = (v: number, i: number) => addrConst(v, types[i]!);
    const atEnd = (m: number) => this.endOfMemory(m, n - (c.int(4) - 1));
    if (name === 'memory.copy' && src === mem && c.chance(50)) {
      const k = 1 + c.int(8);
      return this.overlapping(c.int(64), k, k + 1 + c.int(16), types);
    }
    // at the end of the destination, or (memory.copy) of the source
    const srcAtEnd = name === 'memory.copy' && c.chance(50);
    const first = srcAtEnd ? [konst(c.int(64), 0)] : atEnd(mem);
    const second = srcAtEnd ? atEnd(src) : name === 'memory.fill' ? [this.smallConst(256)] : [konst(c.int(4), 1)];
    return [first, second, [konst(n, 2)]];
  }

  /**
   * The operands of an overlapping copy from `base` on: the source k units
   * below or above the destination (either direction), n > k units copied
   * (n = k + 1: one unit shared).
   */
  private overlapping(base: number, k: number, n: number, types: readonly AddrType[]): Instr[][] {
    const up = this.c.chance(50);
    return [[addrConst(up ? base + k : base, types[0]!)], [addrConst(up ? base : base + k, types[1]!)], [addrConst(n, types[2]!)]];
  }

  /** The address `back` bytes before the end of memory `mem`, as it is when the code runs (after any grow). */
  private endOfMemory(mem: number, back: number): Instr[] {
    const at = this.memAddr(mem);
    const size = instr('memory.size', { index: mem });
    if (at === 'i64') return [size, instr('i64.const', { i64: 16n }), instr('i64.shl'), instr('i64.const', { i64: BigInt(back) }), instr('i64.sub')];
    return [size, instr('i32.const', { i32: 16 }), instr('i32.shl'), instr('i32.const', { i32: back | 0 }), instr('i32.sub')];
  }

  /** A memory for a memory instruction: memory.size and memory.grow in an i32 context take a 32-bit one (grow: a growable one). */
  private chooseMemory(info: OpInfo): number {
    const mems = this.s.module.mems.flatMap((m, i) => {
      if ((info.name === 'memory.size' || info.name === 'memory.grow') && addrType(m) !== 'i32') return [];
      if (info.name === 'memory.grow' && !this.s.memGrowable[i]) return [];
      return [i];
    });
    return this.c.pick(mems);
  }

  private memAddr(mem: number): AddrType {
    const m = this.s.module.mems[mem];
    return m === undefined ? 'i32' : addrType(m);
  }

  private withImmediates(info: OpInfo, mem: number, src: number, memarg: { align: number; offset: number } | undefined): Instr {
    const c = this.c;
    const index = mem === 0 ? {} : { index: mem };
    switch (info.imm) {
      case 'memarg':
        return instr(info.name, { ...index, ...memarg });
      case 'memarg_lane':
        return instr(info.name, { ...index, ...memarg, lane: c.int(info.lanes!) });
      case 'lane':
        return instr(info.name, { lane: c.int(info.lanes!) });
      case 'shuffle':
        return instr(info.name, { bytes: c.bytes(16).map((b) => b % 32) });
      case 'memory_init':
        return instr(info.name, { index: c.int(this.s.module.datas.length), index2: mem });
      case 'data':
        return instr(info.name, { index: c.int(this.s.module.datas.length) });
      case 'memory':
        return instr(info.name, { index: mem });
      case 'memory_copy':
        return instr(info.name, { index: mem, index2: src });
      default:
        return instr(info.name);
    }
  }

  private memarg(info: OpInfo): { align: number; offset: number } {
    const c = this.c;
    const align = c.chance(70) ? info.align! : c.int(info.align! + 1);
    const offset = c.weighted([
      [60, 0],
      [24, c.int(64)],
      [1, PAGE - 1],
      [1, PAGE],
      [1, 0xffffffff],
      [1, 0xfffffff0],
    ] as const);
    return { align, offset };
  }

  /**
   * A memory address for an access of `width` bytes at `offset`: mostly
   * inside the first page; often at the end of memory (the last in-bounds
   * access, straddling the end, just past it: with a large offset, the
   * address plus the offset then crosses 2^32 or 2^64); sometimes a boundary
   * value or a masked expression.
   */
  private address(d: number, at: AddrType, mem: number, offset: number, width: number): Instr[] {
    const c = this.c;
    const end = (): Instr[] => this.endOfMemory(mem, offset + width - (c.int(width + 2) - 1));
    if (at === 'i64') {
      return c.weighted<() => Instr[]>([
        [22, () => [instr('i64.const', { i64: BigInt(c.int(300)) })]],
        [6, end],
        [1, () => [instr('i64.const', { i64: c.pick([-1n, 1n << 32n, 0xffffn, 0x10000n, 1n << 62n]) })]],
        [3, () => [...this.expr('i64', d), instr('i64.const', { i64: 0x7fffn }), instr('i64.and')]],
      ])();
    }
    return c.weighted<() => Instr[]>([
      [22, () => [instr('i32.const', { i32: c.int(300) })]],
      [6, end],
      [1, () => [instr('i32.const', { i32: c.pick(I32_BOUNDARY) })]],
      [3, () => [...this.expr('i32', d), instr('i32.const', { i32: 0x7fff }), instr('i32.and')]],
    ])();
  }

  smallConst(n: number): Instr {
    return instr('i32.const', { i32: this.c.chance(96) ? this.c.int(n) : this.c.pick(I32_BOUNDARY) });
  }

  /** A small address, size or count of type `at` (now and then a boundary value). */
  addrSmall(n: number, at: AddrType): Instr {
    if (at === 'i32') return this.smallConst(n);
    return instr('i64.const', { i64: this.c.chance(96) ? BigInt(this.c.int(n)) : this.c.pick([-1n, 0x7fffffffn, 0x100000000n, 0x10000n]) });
  }

  private tableIndex(ti: number, d: number): Instr[] {
    const table = this.s.module.tables[ti]!;
    const at = addrType(table);
    const min = table.limits.min;
    // Mostly in bounds; often the last entry, the size or one past it (as the table is then: after any grow); sometimes any index.
    const r = this.c.int(100);
    if (r < 65) return [addrConst(this.c.int(Math.max(min, 1)), at)];
    if (r < 88) return [instr('table.size', { index: ti }), addrConst(this.c.int(3) - 1, at), instr(at === 'i64' ? 'i64.add' : 'i32.add')];
    return this.c.chance(50) ? [addrConst(min + this.c.int(2), at)] : this.expr(at, d);
  }

  tablesOf(t: RefType): number[] {
    return this.s.module.tables.flatMap((tt, i) => (tt.elem === t ? [i] : []));
  }

  private available(info: OpInfo): boolean {
    // relaxed SIMD only in the pure functions of relaxed-funcs.ts, where only the result sees it
    if (info.feature !== undefined) return false;
    if (!allowsInstruction(info, { simd: this.s.simd })) return false;
    const mems = this.s.module.mems;
    if (needsMemory(info) && mems.length === 0) return false;
    if (needsData(info) && this.s.module.datas.length === 0) return false;
    if (info.name === 'memory.size' && !mems.some((m) => addrType(m) === 'i32')) return false;
    if (info.name === 'memory.grow' && !mems.some((m, i) => addrType(m) === 'i32' && this.s.memGrowable[i])) return false;
    return true;
  }

  private select(t: ValType, d: number): Instr[] {
    const typed = isRefType(t) || this.c.chance(30);
    const sel = typed ? instr('select_t', { types: [t] }) : instr('select');
    return [...this.expr(t, d), ...this.expr(t, d), ...this.expr('i32', d), sel];
  }

  /** `block (result t)` or `if (result t)` (possibly with parameters) computing a t. */
  private blockExpr(kind: 'block' | 'if', t: ValType, d: number): Instr[] {
    const params = this.c.chance(25) ? [chooseValType(this.c, this.s)] : [];
    return this.structured(kind, params, [t], d);
  }

  /** `block (result t) <t> <cond> br_if 0 end`: a branch that carries a value. */
  private brIfExpr(t: ValType, d: number): Instr[] {
    this.enter([t]);
    const body = [...this.expr(t, d), ...this.expr('i32', d), instr('br_if', { index: 0 })];
    this.leave();
    return [instr('block', { blockType: { kind: 'value', type: t }, body })];
  }

  /** A call's results on the stack, reduced to the one of type t (the others dropped, it kept in a scratch local). */
  keepOne(code: { instrs: Instr[]; type: FuncType }, t: ValType): Instr[] {
    const results = code.type.results;
    const keep = results.lastIndexOf(t);
    const scratch = this.newLocal(t);
    const out = [...code.instrs];
    for (let i = results.length - 1; i >= 0; i--) out.push(i === keep ? this.setLocal(scratch) : instr('drop'));
    out.push(instr('local.get', { index: scratch }));
    return out;
  }

  directCallees(): number[] {
    const n = this.s.funcTypes.length;
    return Array.from({ length: n - this.self - 1 }, (_, k) => this.self + 1 + k);
  }

  /** This function may call through references (call_indirect, call_ref): it is never referenced itself. */
  callsThroughRefs(): boolean {
    return this.self < this.s.tableFuncs;
  }

  private canCallIndirect(): boolean {
    return this.callsThroughRefs() && this.tablesOf('funcref').length > 0;
  }

  call(f: number, d: number): { instrs: Instr[]; type: FuncType } {
    const type = this.s.funcTypes[f]!;
    return { instrs: [...this.values(type.params, d), instr('call', { index: f })], type };
  }

  callIndirect(type: FuncType, d: number, op: 'call_indirect' | 'return_call_indirect' = 'call_indirect'): { instrs: Instr[]; type: FuncType } {
    const ti = this.c.pick(this.tablesOf('funcref'));
    const instrs = [...this.values(type.params, d), ...this.tableIndex(ti, d), instr(op, { index: typeIndex(this.s.module, type), index2: ti })];
    return { instrs, type };
  }

  // ---- statements

  stmts(nest: number): Stmts {
    const instrs: Instr[] = [];
    while (this.budget > 0 && this.c.chance(80)) {
      const s = this.stmt(nest);
      instrs.push(...s.instrs);
      if (s.terminal) return { instrs, terminal: true };
    }
    return { instrs, terminal: false };
  }

  private stmt(nest: number): Stmts {
    const c = this.c;
    const d = 3;
    const plain = (instrs: Instr[]): Stmts => ({ instrs, terminal: false });
    const end = (instrs: Instr[]): Stmts => ({ instrs, terminal: true });
    const options: [number, () => Stmts][] = [
      [1, () => plain([instr('nop')])],
      [4, () => {
        const t = c.pick(this.localTypes().length > 0 ? this.localTypes() : ['i32' as ValType]);
        const ls = this.localsOf(t, true);
        return plain([...this.expr(t, d), ls.length > 0 ? this.setLocal(c.pick(ls)) : instr('drop')]);
      }],
      [3, () => plain([...this.expr(chooseValType(c, this.s), d), instr('drop')])],
    ];
    const mutableGlobals = this.writableGlobals();
    if (mutableGlobals.length > 0) {
      options.push([2, () => {
        const g = c.pick(mutableGlobals);
        return plain([...this.expr(this.s.module.globals[g]!.type.type, d), instr('global.set', { index: g })]);
      }]);
    }
    const voids = VOID_OPS.filter((o) => this.available(o.info));
    if (voids.length > 0) options.push([5, () => plain(this.sigOp(c.pick(voids), d))]);
    if (nest > 0 && this.labels.length <= MAX_NEST + 1) {
      options.push([3, () => plain(this.blockStmt(c.pick(['block', 'loop', 'if'] as const), d))]);
    }
    options.push([2, () => this.branch(d)]);
    options.push([1, () => end([...this.values(this.type.results, d), instr('return')])]);
    if (this.canNest()) options.push([1, () => plain(this.recurse(d))]);
    const callees = this.directCallees();
    if (callees.length > 0) options.push([3, () => plain(this.sinkAll(this.call(c.pick(callees), d)))]);
    if (this.canCallIndirect()) options.push([2, () => plain(this.sinkAll(this.callIndirect(c.pick(this.s.module.types.filter(isFuncType)), d)))]);
    if (this.s.module.tables.length > 0) options.push([3, () => plain(this.tableStmt(d))]);
    if (this.s.module.elems.length > 0) options.push([1, () => plain([instr('elem.drop', { index: c.int(this.s.module.elems.length) })])]);
    if (this.uses('tail-call')) options.push(...tailCallStmts(this, d));
    if (this.uses('exceptions')) options.push(...exnStmts(this, d));
    if (this.uses('gc')) options.push(...gcStmts(this, d));
    // Rare: reached, it ends the invocation (the fuel check has unreachable in every function anyway).
    options.push([1, () => (c.chance(25) ? end([instr('unreachable')]) : plain([instr('nop')]))]);
    return c.weighted(options)();
  }

  /**
   * Deep but bounded recursion: the function calls itself while the shared
   * depth global (module-shape.ts depthGlobal) is above zero, one level
   * less each time and restored on return, so that the call stack stays far
   * below any runtime's limit (fuel bounds the total work).
   */
  private recurse(d: number): Instr[] {
    const g = depthGlobal(this.c, this.s);
    const step = (op: 'i32.sub' | 'i32.add') => [instr('global.get', { index: g }), instr('i32.const', { i32: 1 }), instr(op), instr('global.set', { index: g })];
    this.enter([]);
    const body = [...step('i32.sub'), ...this.sinkAll(this.call(this.self, d)), ...step('i32.add')];
    this.leave();
    return [instr('global.get', { index: g }), instr('if', { blockType: { kind: 'empty' }, body, elseBody: [] })];
  }

  private sinkAll(code: { instrs: Instr[]; type: FuncType }): Instr[] {
    const sinks = [...code.type.results].reverse().map((t) => this.sink(t));
    return [...code.instrs, ...sinks];
  }

  private branch(d: number): Stmts {
    const c = this.c;
    const depth = c.int(this.labels.length);
    const types = this.labels[this.labels.length - 1 - depth]!;
    const kind = c.weighted([
      [3, 'br_if'],
      [2, 'br'],
      [2, 'br_table'],
    ] as const);
    const vals = this.values(types, d);
    if (kind === 'br') return { instrs: [...vals, instr('br', { index: depth })], terminal: true };
    if (kind === 'br_if') {
      const sinks = [...types].reverse().map((t) => this.sink(t));
      return { instrs: [...vals, ...this.expr('i32', d), instr('br_if', { index: depth }), ...sinks], terminal: false };
    }
    const same = this.labels.flatMap((ts, pos) => (sameTypes(ts, types) ? [this.labels.length - 1 - pos] : []));
    const labels = Array.from({ length: c.int(5) }, () => c.pick(same));
    // an index inside, at or one past the targets, far past them (as unsigned: -1, INT_MIN), or computed
    const index = c.weighted<() => Instr[]>([
      [60, () => [instr('i32.const', { i32: c.int(labels.length + 2) })]],
      [10, () => [instr('i32.const', { i32: c.pick([-1, 0x7fffffff, -0x80000000, labels.length * 2 + 1]) })]],
      [30, () => this.expr('i32', d)],
    ])();
    return { instrs: [...vals, ...index, instr('br_table', { index: depth, labels })], terminal: true };
  }

  private tableStmt(d: number): Instr[] {
    const c = this.c;
    const m = this.s.module;
    const ti = c.int(m.tables.length);
    const elem = m.tables[ti]!.elem;
    const at = addrType(m.tables[ti]!);
    const choice = c.int(5);
    if (choice === 1) return [...this.tableIndex(ti, d), ...this.expr(elem, d), this.addrSmall(2, at), instr('table.fill', { index: ti })];
    if (choice === 2) {
      const src = c.pick(m.tables.flatMap((tt, i) => (this.s.matches(tt.elem, elem) ? [i] : [])));
      const n = at === 'i64' && addrType(m.tables[src]!) === 'i64' ? 'i64' : 'i32';
      const copy = instr('table.copy', { index: ti, index2: src });
      const min = m.tables[ti]!.limits.min;
      if (src === ti && c.chance(40)) {
        // overlapping, inside the entries the table has from the start
        const k = 1 + c.int(Math.max(1, (min - 1) >> 1));
        const len = k + 1 + c.int(Math.max(1, min - 2 * k));
        return [...this.overlapping(c.int(Math.max(1, min - k - len + 1)), k, len, [at, at, n]).flat(), copy];
      }
      return [...this.tableIndex(ti, d), ...this.tableIndex(src, d), this.addrSmall(2, n), copy];
    }
    const segs = m.elems.flatMap((e, i) => (this.s.matches(e.type, elem) ? [i] : []));
    if (choice === 3 && segs.length > 0) {
      return [...this.tableIndex(ti, d), this.smallConst(2), this.smallConst(2), instr('table.init', { index: c.pick(segs), index2: ti })];
    }
    if (choice === 4 && this.s.tableGrowable[ti]) return [...this.expr(elem, d), this.addrSmall(2, at), instr('table.grow', { index: ti }), instr('drop')];
    return [...this.tableIndex(ti, d), ...this.expr(elem, d), instr('table.set', { index: ti })];
  }

  /** A block, loop or if used as a statement: its parameters pushed, its results consumed. */
  private blockStmt(kind: 'block' | 'loop' | 'if', d: number): Instr[] {
    const c = this.c;
    const params = c.chance(25) ? Array.from({ length: 1 + c.int(2) }, () => chooseValType(c, this.s)) : [];
    const results = c.chance(35) ? Array.from({ length: 1 + c.int(2) }, () => chooseValType(c, this.s)) : [];
    const code = this.structured(kind, params, results, d);
    return [...code, ...[...results].reverse().map((t) => this.sink(t))];
  }

  /** Parameters, (condition), then the structured instruction with its body or bodies. */
  structured(kind: 'block' | 'loop' | 'if', params: ValType[], results: ValType[], d: number): Instr[] {
    const blockType = this.blockType(params, results);
    const before: Instr[] = [];
    let counter = -1;
    if (kind === 'loop') {
      counter = this.newLocal('i32');
      before.push(instr('i32.const', { i32: 1 + this.c.int(6) }), this.setLocal(counter));
    }
    before.push(...this.values(params, d));
    if (kind === 'if') before.push(...this.expr('i32', d));
    const body = this.blockBody(kind, params, results, counter);
    const needsElse = kind === 'if' && (!sameTypes(params, results) || this.c.chance(60));
    const elseBody = needsElse ? this.blockBody('if', params, results, -1) : [];
    const ins = instr(kind, { blockType, body, ...(kind === 'if' ? { elseBody } : {}) });
    return [...before, ins];
  }

  blockType(params: ValType[], results: ValType[]): BlockType {
    if (params.length === 0 && results.length === 0 && this.c.chance(90)) return { kind: 'empty' };
    if (params.length === 0 && results.length === 1 && this.c.chance(90)) return { kind: 'value', type: results[0]! };
    return { kind: 'type', index: typeIndex(this.s.module, { params, results }) };
  }

  private blockBody(kind: 'block' | 'loop' | 'if', params: ValType[], results: ValType[], counter: number): Instr[] {
    this.enter(kind === 'loop' ? params : results);
    const body: Instr[] = [...params].reverse().map((t) => this.sink(t));
    if (kind === 'loop') body.push(...fuelPrologue());
    const s = this.stmts(this.labels.length <= MAX_NEST + 1 ? MAX_NEST + 1 - this.labels.length : 0);
    body.push(...s.instrs);
    if (!s.terminal) {
      if (kind === 'loop') {
        // Count down and go round again while the counter is non-zero, carrying the loop's parameters.
        body.push(...this.values(params, 2));
        body.push(instr('local.get', { index: counter }), instr('i32.const', { i32: 1 }), instr('i32.sub'), this.setLocal(counter, 'local.tee'));
        body.push(instr('br_if', { index: 0 }), ...params.map(() => instr('drop')));
      }
      body.push(...this.values(results, 3));
    }
    this.leave();
    return body;
  }
}

/** The type of operand i of a bulk memory instruction on memories with address types `at` (destination) and `src` (memory.copy's source). */
function bulkOperandType(name: string, i: number, at: AddrType, src: AddrType): AddrType {
  if (name === 'memory.init') return i === 0 ? at : 'i32';
  if (name === 'memory.copy') return i === 0 ? at : i === 1 ? src : at === 'i64' && src === 'i64' ? 'i64' : 'i32';
  return i === 1 ? 'i32' : at; // memory.fill: destination, value, length
}

export function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
