// Type-directed generation of one function body. Code is built as expression
// trees (`expr(t)` leaves exactly one value of type t) inside statement lists
// (`stmt()` leaves the stack as it found it), so every sequence is valid by
// construction; blocks, loops and ifs take multi-value block types, branches
// carry their label's types, and `br`/`br_table`/`return`/`unreachable` end
// the statement list they are in.
//
// Termination: every function entry and every loop header spends one unit of
// the fuel global and traps (`unreachable`) when it is empty, so a module's
// work per instance is bounded whatever its branches do; loops also count
// down a local so that most end on their own long before the fuel does.
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { OpInfo } from '../../reference-runtime/syntax/opcodes.js';
import { isFuncType, isRefType, type BlockType, type FuncType, type RefType, type ValType } from '../../reference-runtime/syntax/types.js';
import { constInstr } from '../../adapters/values.js';
import { chooseValue, I32_BOUNDARY } from './boundary.js';
import type { Choices } from './choices.js';
import { chooseTableFunc, chooseValType, FUEL_GLOBAL, PAGE, typeIndex, type Shape } from './module-shape.js';
import { needsData, needsMemory, OPS_BY_RESULT, VOID_OPS, type SigOp } from './op-index.js';

interface Stmts {
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

export class BodyGen {
  private readonly type: FuncType;
  /** declared locals (parameters excluded), grown as scratch locals are needed */
  readonly locals: ValType[] = [];
  /** branch types of the labels in scope, outermost (the function) first */
  private readonly labels: (readonly ValType[])[] = [];
  private budget: number;

  constructor(
    private readonly c: Choices,
    private readonly s: Shape,
    private readonly self: number,
  ) {
    this.type = s.funcTypes[self]!;
    this.budget = 8 + c.int(s.options.maxBodySize);
    const declared = c.int(5);
    for (let i = 0; i < declared; i++) this.locals.push(chooseValType(c));
  }

  generate(): Instr[] {
    this.labels.push(this.type.results);
    const body = fuelPrologue();
    const s = this.stmts(MAX_NEST);
    body.push(...s.instrs);
    if (!s.terminal) body.push(...this.values(this.type.results));
    this.labels.pop();
    return body;
  }

  // ---- locals

  private localTypes(): ValType[] {
    return [...this.type.params, ...this.locals];
  }

  private localsOf(t: ValType): number[] {
    const out: number[] = [];
    this.localTypes().forEach((lt, i) => lt === t && out.push(i));
    return out;
  }

  private newLocal(t: ValType): number {
    this.locals.push(t);
    return this.type.params.length + this.locals.length - 1;
  }

  /** Consumes a value of type t from the stack: into a local of its type, or dropped. */
  private sink(t: ValType): Instr {
    const ls = this.localsOf(t);
    return ls.length > 0 && this.c.chance(50) ? instr('local.set', { index: this.c.pick(ls) }) : instr('drop');
  }

  // ---- expressions

  /** Values of the given types, in order. */
  private values(ts: readonly ValType[], depth = MAX_EXPR_DEPTH): Instr[] {
    return ts.flatMap((t) => this.expr(t, depth));
  }

  expr(t: ValType, depth: number): Instr[] {
    this.budget--;
    if (depth <= 0 || this.budget <= 0 || !this.c.chance(65)) return this.leaf(t);
    const producers = this.producers(t, depth - 1);
    return this.c.weighted(producers)();
  }

  private leaf(t: ValType): Instr[] {
    const c = this.c;
    const ls = this.localsOf(t);
    const gs = this.s.module.globals.flatMap((g, i) => (g.type.type === t ? [i] : []));
    const choice = c.int(4);
    if (choice === 1 && ls.length > 0) return [instr('local.get', { index: c.pick(ls) })];
    if (choice === 2 && gs.length > 0) return [instr('global.get', { index: c.pick(gs) })];
    if (isRefType(t)) {
      const f = t === 'funcref' && choice === 3 ? chooseTableFunc(c, this.s) : undefined;
      return [f === undefined ? instr('ref.null', { refType: t }) : instr('ref.func', { index: f })];
    }
    return [constInstr(chooseValue(c, t))];
  }

  private producers(t: ValType, d: number): [number, () => Instr[]][] {
    const out: [number, () => Instr[]][] = [[1, () => this.leaf(t)]];
    const ops = (OPS_BY_RESULT.get(t) ?? []).filter((o) => this.available(o.info));
    if (ops.length > 0) out.push([t === 'v128' ? 14 : 10, () => this.sigOp(this.c.pick(ops), d)]);
    if (this.localsOf(t).length > 0) out.push([1, () => [...this.expr(t, d), instr('local.tee', { index: this.c.pick(this.localsOf(t)) })]]);
    out.push([1, () => this.select(t, d)]);
    if (this.labels.length <= MAX_NEST + 1) {
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
    if (t === 'i32') this.i32Producers(out, d);
    if (t === 'funcref' || t === 'externref') this.refProducers(out, t, d);
    return out;
  }

  private i32Producers(out: [number, () => Instr[]][], d: number): void {
    out.push([1, () => [...this.expr(this.c.chance(50) ? 'funcref' : 'externref', d), instr('ref.is_null')]]);
    const tables = this.s.module.tables;
    if (tables.length > 0) {
      out.push([1, () => [instr('table.size', { index: this.c.int(tables.length) })]]);
      const growable = tables.flatMap((_, i) => (this.s.tableGrowable[i] ? [i] : []));
      if (growable.length > 0) {
        out.push([1, () => {
          const ti = this.c.pick(growable);
          return [...this.expr(tables[ti]!.elem, d), this.smallConst(4), instr('table.grow', { index: ti })];
        }]);
      }
    }
  }

  private refProducers(out: [number, () => Instr[]][], t: RefType, d: number): void {
    const tables = this.tablesOf(t);
    if (tables.length === 0) return;
    out.push([2, () => {
      const ti = this.c.pick(tables);
      return [...this.tableIndex(ti, d), instr('table.get', { index: ti })];
    }]);
  }

  /** An instruction with a signature: its operands, then itself with immediates. */
  private sigOp(op: SigOp, d: number): Instr[] {
    const c = this.c;
    const info = op.info;
    const operands = op.params.map((p, i) => {
      if (i === 0 && (info.imm === 'memarg' || info.imm === 'memarg_lane')) return this.address(d);
      if (info.name === 'memory.grow') return [this.smallConst(3)];
      if (INT_DIVS.test(info.name) && i === 1 && c.chance(50)) {
        // A divisor that is never 0, so that most divisions do not trap.
        const one = p === 'i32' ? instr('i32.const', { i32: 1 }) : instr('i64.const', { i64: 1n });
        return [...this.expr(p, d), one, instr(p === 'i32' ? 'i32.or' : 'i64.or')];
      }
      // Bulk memory operands: a destination in the first bytes, short sources and lengths.
      if (needsMemory(info) && info.imm !== 'memarg' && info.imm !== 'memarg_lane') return [this.smallConst(i === 0 ? 300 : 32)];
      return this.expr(p, d);
    });
    return [...operands.flat(), this.withImmediates(info)];
  }

  private withImmediates(info: OpInfo): Instr {
    const c = this.c;
    switch (info.imm) {
      case 'memarg':
        return instr(info.name, this.memarg(info));
      case 'memarg_lane':
        return instr(info.name, { ...this.memarg(info), lane: c.int(info.lanes!) });
      case 'lane':
        return instr(info.name, { lane: c.int(info.lanes!) });
      case 'shuffle':
        return instr(info.name, { bytes: c.bytes(16).map((b) => b % 32) });
      case 'memory_init':
        return instr(info.name, { index: c.int(this.s.module.datas.length), index2: 0 });
      case 'data':
        return instr(info.name, { index: c.int(this.s.module.datas.length) });
      case 'memory':
        return instr(info.name, { index: 0 });
      case 'memory_copy':
        return instr(info.name, { index: 0, index2: 0 });
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
    ] as const);
    return { align, offset };
  }

  /** A memory address: mostly inside the first page, sometimes a boundary or a masked expression. */
  private address(d: number): Instr[] {
    const c = this.c;
    return c.weighted<() => Instr[]>([
      [28, () => [instr('i32.const', { i32: c.int(300) })]],
      [1, () => [instr('i32.const', { i32: c.pick(I32_BOUNDARY) })]],
      [3, () => [...this.expr('i32', d), instr('i32.const', { i32: 0x7fff }), instr('i32.and')]],
    ])();
  }

  private smallConst(n: number): Instr {
    return instr('i32.const', { i32: this.c.chance(96) ? this.c.int(n) : this.c.pick(I32_BOUNDARY) });
  }

  private tableIndex(ti: number, d: number): Instr[] {
    const min = this.s.module.tables[ti]!.limits.min;
    // Mostly in bounds; sometimes just past the end or any i32, to reach the trap.
    if (this.c.chance(85)) return [instr('i32.const', { i32: this.c.int(Math.max(min, 1)) })];
    return this.c.chance(50) ? [instr('i32.const', { i32: min + this.c.int(2) })] : this.expr('i32', d);
  }

  private tablesOf(t: RefType): number[] {
    return this.s.module.tables.flatMap((tt, i) => (tt.elem === t ? [i] : []));
  }

  private available(info: OpInfo): boolean {
    if (needsMemory(info) && this.s.module.mems.length === 0) return false;
    if (needsData(info) && this.s.module.datas.length === 0) return false;
    if (info.name === 'memory.grow' && !this.s.memGrowable) return false;
    return true;
  }

  private select(t: ValType, d: number): Instr[] {
    const typed = t === 'funcref' || t === 'externref' || this.c.chance(30);
    const sel = typed ? instr('select_t', { types: [t] }) : instr('select');
    return [...this.expr(t, d), ...this.expr(t, d), ...this.expr('i32', d), sel];
  }

  /** `block (result t)` or `if (result t)` (possibly with parameters) computing a t. */
  private blockExpr(kind: 'block' | 'if', t: ValType, d: number): Instr[] {
    const params = this.c.chance(25) ? [chooseValType(this.c)] : [];
    return this.structured(kind, params, [t], d);
  }

  /** `block (result t) <t> <cond> br_if 0 end`: a branch that carries a value. */
  private brIfExpr(t: ValType, d: number): Instr[] {
    this.labels.push([t]);
    const body = [...this.expr(t, d), ...this.expr('i32', d), instr('br_if', { index: 0 })];
    this.labels.pop();
    return [instr('block', { blockType: { kind: 'value', type: t }, body })];
  }

  /** A call's results on the stack, reduced to the one of type t (the others dropped, it kept in a scratch local). */
  private keepOne(code: { instrs: Instr[]; type: FuncType }, t: ValType): Instr[] {
    const results = code.type.results;
    const keep = results.lastIndexOf(t);
    const scratch = this.newLocal(t);
    const out = [...code.instrs];
    for (let i = results.length - 1; i >= 0; i--) out.push(i === keep ? instr('local.set', { index: scratch }) : instr('drop'));
    out.push(instr('local.get', { index: scratch }));
    return out;
  }

  private directCallees(): number[] {
    const n = this.s.funcTypes.length;
    return Array.from({ length: n - this.self - 1 }, (_, k) => this.self + 1 + k);
  }

  private canCallIndirect(): boolean {
    return this.self < this.s.tableFuncs && this.tablesOf('funcref').length > 0;
  }

  private call(f: number, d: number): { instrs: Instr[]; type: FuncType } {
    const type = this.s.funcTypes[f]!;
    return { instrs: [...this.values(type.params, d), instr('call', { index: f })], type };
  }

  private callIndirect(type: FuncType, d: number): { instrs: Instr[]; type: FuncType } {
    const ti = this.c.pick(this.tablesOf('funcref'));
    const instrs = [...this.values(type.params, d), ...this.tableIndex(ti, d), instr('call_indirect', { index: typeIndex(this.s.module, type), index2: ti })];
    return { instrs, type };
  }

  // ---- statements

  private stmts(nest: number): Stmts {
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
        const ls = this.localsOf(t);
        return plain([...this.expr(t, d), ls.length > 0 ? instr('local.set', { index: c.pick(ls) }) : instr('drop')]);
      }],
      [3, () => plain([...this.expr(chooseValType(c), d), instr('drop')])],
    ];
    const mutableGlobals = this.s.module.globals.flatMap((g, i) => (g.type.mutable && i !== FUEL_GLOBAL ? [i] : []));
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
    const callees = this.directCallees();
    if (callees.length > 0) options.push([3, () => plain(this.sinkAll(this.call(c.pick(callees), d)))]);
    if (this.canCallIndirect()) options.push([2, () => plain(this.sinkAll(this.callIndirect(c.pick(this.s.module.types.filter(isFuncType)), d)))]);
    if (this.s.module.tables.length > 0) options.push([3, () => plain(this.tableStmt(d))]);
    if (this.s.module.elems.length > 0) options.push([1, () => plain([instr('elem.drop', { index: c.int(this.s.module.elems.length) })])]);
    // Rare: reached, it ends the invocation (the fuel check has unreachable in every function anyway).
    options.push([1, () => (c.chance(25) ? end([instr('unreachable')]) : plain([instr('nop')]))]);
    return c.weighted(options)();
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
    const index = c.chance(70) ? [instr('i32.const', { i32: c.int(labels.length + 2) })] : this.expr('i32', d);
    return { instrs: [...vals, ...index, instr('br_table', { index: depth, labels })], terminal: true };
  }

  private tableStmt(d: number): Instr[] {
    const c = this.c;
    const m = this.s.module;
    const ti = c.int(m.tables.length);
    const elem = m.tables[ti]!.elem;
    const n = (): Instr => this.smallConst(2);
    const choice = c.int(5);
    if (choice === 1) return [...this.tableIndex(ti, d), ...this.expr(elem, d), n(), instr('table.fill', { index: ti })];
    if (choice === 2) {
      const src = c.pick(this.tablesOf(elem));
      return [...this.tableIndex(ti, d), ...this.tableIndex(src, d), n(), instr('table.copy', { index: ti, index2: src })];
    }
    const segs = m.elems.flatMap((e, i) => (e.type === elem ? [i] : []));
    if (choice === 3 && segs.length > 0) {
      return [...this.tableIndex(ti, d), this.smallConst(2), n(), instr('table.init', { index: c.pick(segs), index2: ti })];
    }
    if (choice === 4 && this.s.tableGrowable[ti]) return [...this.expr(elem, d), n(), instr('table.grow', { index: ti }), instr('drop')];
    return [...this.tableIndex(ti, d), ...this.expr(elem, d), instr('table.set', { index: ti })];
  }

  /** A block, loop or if used as a statement: its parameters pushed, its results consumed. */
  private blockStmt(kind: 'block' | 'loop' | 'if', d: number): Instr[] {
    const c = this.c;
    const params = c.chance(25) ? Array.from({ length: 1 + c.int(2) }, () => chooseValType(c)) : [];
    const results = c.chance(35) ? Array.from({ length: 1 + c.int(2) }, () => chooseValType(c)) : [];
    const code = this.structured(kind, params, results, d);
    return [...code, ...[...results].reverse().map((t) => this.sink(t))];
  }

  /** Parameters, (condition), then the structured instruction with its body or bodies. */
  private structured(kind: 'block' | 'loop' | 'if', params: ValType[], results: ValType[], d: number): Instr[] {
    const blockType = this.blockType(params, results);
    const before: Instr[] = [];
    let counter = -1;
    if (kind === 'loop') {
      counter = this.newLocal('i32');
      before.push(instr('i32.const', { i32: 1 + this.c.int(6) }), instr('local.set', { index: counter }));
    }
    before.push(...this.values(params, d));
    if (kind === 'if') before.push(...this.expr('i32', d));
    const body = this.blockBody(kind, params, results, counter);
    const needsElse = kind === 'if' && (!sameTypes(params, results) || this.c.chance(60));
    const elseBody = needsElse ? this.blockBody('if', params, results, -1) : [];
    const ins = instr(kind, { blockType, body, ...(kind === 'if' ? { elseBody } : {}) });
    return [...before, ins];
  }

  private blockType(params: ValType[], results: ValType[]): BlockType {
    if (params.length === 0 && results.length === 0 && this.c.chance(90)) return { kind: 'empty' };
    if (params.length === 0 && results.length === 1 && this.c.chance(90)) return { kind: 'value', type: results[0]! };
    return { kind: 'type', index: typeIndex(this.s.module, { params, results }) };
  }

  private blockBody(kind: 'block' | 'loop' | 'if', params: ValType[], results: ValType[], counter: number): Instr[] {
    this.labels.push(kind === 'loop' ? params : results);
    const body: Instr[] = [...params].reverse().map((t) => this.sink(t));
    if (kind === 'loop') body.push(...fuelPrologue());
    const s = this.stmts(this.labels.length <= MAX_NEST + 1 ? MAX_NEST + 1 - this.labels.length : 0);
    body.push(...s.instrs);
    if (!s.terminal) {
      if (kind === 'loop') {
        // Count down and go round again while the counter is non-zero, carrying the loop's parameters.
        body.push(...this.values(params, 2));
        body.push(instr('local.get', { index: counter }), instr('i32.const', { i32: 1 }), instr('i32.sub'), instr('local.tee', { index: counter }));
        body.push(instr('br_if', { index: 0 }), ...params.map(() => instr('drop')));
      }
      body.push(...this.values(results, 3));
    }
    this.labels.pop();
    return body;
  }
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
