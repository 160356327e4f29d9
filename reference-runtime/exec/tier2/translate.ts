// Translates one wasm function body into the text of a JavaScript function,
// tier 2 of the reference interpreter (see tier2.ts for when and how it runs).
// Structured control stays structured: a block is a labelled JS block, a loop
// a labelled `for (;;)`, an `if` a labelled `if`; a branch assigns the values
// it carries, then breaks or continues. Locals are JS variables `L0`, `L1`...,
// and the operand stack is one variable per height and kind (`i3` an i32 at
// height 3, `f3` an f32, `d3` an f64, `l3` and `h3` an i64's low and high
// words; an i64 local is `L5` and `H5`): an i32 is a number, an f32 its bits,
// an f64 a number, as in the numerics library, so every numeric instruction
// on them is its ops.ts row (row-code.ts) or its library function, never a
// copy of either. An i64 is two int32 words, not the library's BigInt (which
// allocates at every operation): its common operations are pairs.ts'
// statements, checked against the library, and the rest call the library
// through a BigInt made of the words.
//
// Only what can stay exact is translated: scalar numerics, locals, numeric
// globals, memory 0 with 32-bit addresses, calls of functions of numeric
// types. Anything else (references, SIMD, exceptions, tail calls, other
// memories, bulk memory and tables) throws Untranslatable, and
// the function stays in the interpreter.
//
// The frame keeps the interpreter's accounting: a call's callee frame starts
// at the slot the interpreter would give it (fp + locals + height - params),
// so call-depth and value-stack exhaustion happen exactly where they would
// in the interpreter.
//
// OSR: given one of its loops, the function is translated to start at that
// loop's head, from a frame the interpreter built (locals and operands read
// from the value stack). The instructions before the loop on the way down to
// it are skipped on the first pass (`if (entered)`), so that an enclosing loop
// still runs them on its later iterations.
import type { Func } from '../../syntax/module.js';
import type { Instr } from '../../syntax/instructions.js';
import { opInfo, signature } from '../../syntax/opcodes.js';
import type { BlockType, FuncType, SubType, ValType } from '../../syntax/types.js';
import type { ModuleInstance } from '../../runtime/instance.js';
import type { CompileContext } from '../compile.js';
import { NUMERIC_OPS } from '../numerics/index.js';
import { ROWS } from '../ops.js';
import { rowStatements } from '../row-code.js';
import { f64Literal } from './literals.js';
import { LOADS, STORES } from './memory.js';
import { BIG, PAIR_STATEMENTS, SPLIT } from './pairs.js';

/** i32, i64, f32, f64: the letters of opcodes.ts' signatures. */
export type Kind = 'i' | 'l' | 'f' | 'd';

export class Untranslatable extends Error {}

const KIND: Record<string, Kind> = { i32: 'i', i64: 'l', f32: 'f', f64: 'd' };

export function kindOf(t: ValType): Kind {
  const k = typeof t === 'string' ? KIND[t] : undefined;
  if (k === undefined) throw new Untranslatable(`type ${JSON.stringify(t)}`);
  return k;
}

const ROW = new Map(ROWS.map((r) => [r.wasm, r]));

/**
 * The JS variables of a value of kind `k` whose (first) variable is `name`:
 * an i64 has a second, its high word, named with h for l (H for L).
 */
export function parts(k: Kind, name: string): string[] {
  return k === 'l' ? [name, `${name[0] === 'L' ? 'H' : 'h'}${name.slice(1)}`] : [name];
}

/** Expressions for a value of a kind in value-stack slot `s`, one per part (the stack's typed views in scope). */
export function slotReads(k: Kind, s: string): string[] {
  if (k === 'l') return [`I32[(${s}) << 2]`, `I32[((${s}) << 2) + 1]`];
  return [k === 'd' ? `F64[(${s}) << 1]` : `I32[(${s}) << 2]`];
}

/** Statements writing the value whose variable is `name` into slot `s`. */
export function slotWrite(k: Kind, s: string, name: string): string {
  const values = parts(k, name);
  return slotReads(k, s)
    .map((x, i) => `${x} = ${values[i]};`)
    .join(' ');
}


interface Label {
  name: string;
  loop: boolean;
  /** operand height the branch unwinds to */
  height: number;
  /** kinds of the values a branch carries */
  kinds: Kind[];
  /** the function's own label: a branch to it returns */
  func: boolean;
}

/** What the translation needs beyond the function: the compile context of its module. */
export interface Translated {
  /** the factory's body: given the constants `K` (and the names tier2.ts passes), returns the function */
  source: string;
  /** values the source reads as K[i] */
  consts: unknown[];
  /** the bits of the f64 NaN constants the source reads as KD[i] (a Float64Array: a JS array of doubles may quiet a signalling NaN) */
  nans: bigint[];
  /** JS variables of the function: a measure of its stack frame (tier2.ts) */
  vars: number;
}

/**
 * Translates `func`. Without `osr` the result is `function (d, fp, js, L0.. params)`:
 * `d` the caller's call depth, `fp` the frame's first slot, `js` the JS stack
 * budget left (tier2.ts). With `osr` (a loop of the body) it is
 * `function (d, fp, js)`, entered at that loop with the interpreter's frame at fp.
 */
export function translate(func: Func, type: FuncType, inst: ModuleInstance, ctx: CompileContext, maxHeight: number, osr?: Instr): Translated {
  return new Translator(func, type, inst, ctx, maxHeight, osr).run();
}

class Translator {
  private readonly lines: string[] = [];
  private readonly labels: Label[] = [];
  private readonly locals: Kind[];
  private readonly nlocals: number;
  /** kinds of the operand stack, bottom first */
  private stack: Kind[] = [];
  private readonly used = new Set<string>();
  readonly consts: unknown[] = [];
  readonly nans: bigint[] = [];
  private readonly constIndex = new Map<unknown, number>();
  private labelCount = 0;
  /** a 32-bit memory 0 whose views the function keeps in `dv` and `ml` (refreshed after calls and grows) */
  private readonly usesMemory: boolean;
  /** the function's result kinds: it returns nothing or its one result, or leaves several in its slots */
  private readonly results: Kind[];
  /** OSR: the instructions on the way down to the loop entered (itself included) */
  private readonly path = new Set<Instr>();
  /** OSR: the operand kinds at the loop's head */
  private entryStack: Kind[] | undefined;

  constructor(
    private readonly func: Func,
    private readonly type: FuncType,
    private readonly inst: ModuleInstance,
    private readonly ctx: CompileContext,
    private readonly maxHeight: number,
    private readonly osr: Instr | undefined,
  ) {
    this.locals = [...type.params, ...func.locals].map(kindOf);
    this.nlocals = this.locals.length;
    this.usesMemory = ctx.memAddrs[0] === 'i32';
    this.results = type.results.map(kindOf);
    if (osr !== undefined && !findPath(func.body, osr, this.path)) throw new Error('tier 2: the OSR loop is not in the function');
  }

  run(): Translated {
    this.labels.push({ name: '', loop: false, height: 0, kinds: this.results, func: true });
    const body = this.seq(this.func.body, 1);
    if (body) this.lines.push(`  ${this.returnStatement()}`);
    const nparams = this.type.params.length;
    const params = this.locals.slice(0, nparams).flatMap((k, i) => parts(k, `L${i}`));
    const head: string[] = [];
    // a value's variables, each read from its slot
    const fromSlot = (k: Kind, name: string, slot: string) => {
      const reads = slotReads(k, slot);
      return parts(k, name).map((v, i) => `${v} = ${reads[i]}`);
    };
    if (this.osr === undefined) {
      head.push(`return function (d, fp, js, ${params.join(', ')}) {`);
      head.push(`  if (d >= MAX_CALL_DEPTH || fp + ${this.maxHeight} > STACK_SLOTS) throw new Exhaustion();`);
      const declared = this.locals.slice(nparams).flatMap((k, i) => parts(k, `L${i + nparams}`).map((v) => `${v} = 0`));
      if (declared.length > 0) head.push(`  let ${declared.join(', ')};`);
    } else {
      head.push('return function (d, fp, js) {');
      const reads = this.locals.flatMap((k, i) => fromSlot(k, `L${i}`, `fp + ${i}`));
      const operands = this.entryStack!.flatMap((k, h) => fromSlot(k, `${k}${h}`, `fp + ${this.nlocals + h}`));
      this.entryStack!.forEach((k, h) => this.used.delete(`${h}${k}`));
      head.push(`  let entered = false${[...reads, ...operands].map((x) => `, ${x}`).join('')};`);
    }
    head.push('  const D = d + 1;');
    const vars = [...this.used].flatMap((v) => parts(v.slice(-1) as Kind, `${v.slice(-1)}${v.slice(0, -1)}`).map((x) => `${x} = 0`));
    head.push(`  let a = 0, c, t${vars.map((v) => `, ${v}`).join('')};`);
    if (this.usesMemory) head.push('  let dv = M.view, ml = dv.byteLength;');
    return { source: [...head, ...this.lines, '};'].join('\n'), consts: this.consts, nans: this.nans, vars: this.nlocals + this.used.size };
  }

  private emit(line: string, indent: number): void {
    this.lines.push(`${'  '.repeat(indent)}${line}`);
  }

  /** Statements setting the variables of the value `to` to those of `from`, of kind `k`. */
  private assign(k: Kind, to: string, from: string, indent: number): void {
    const source = parts(k, from);
    parts(k, to).forEach((v, i) => {
      if (v !== source[i]) this.emit(`${v} = ${source[i]};`, indent);
    });
  }

  private konst(v: unknown): string {
    let i = this.constIndex.get(v);
    if (i === undefined) {
      i = this.consts.push(v) - 1;
      this.constIndex.set(v, i);
    }
    return `K[${i}]`;
  }

  /** The variable of the operand at height `h` (0 the bottom). */
  private v(h: number): string {
    const k = this.stack[h]!;
    this.used.add(`${h}${k}`);
    return `${k}${h}`;
  }

  private push(k: Kind): string {
    this.stack.push(k);
    return this.v(this.stack.length - 1);
  }

  private top(n = 0): string {
    return this.v(this.stack.length - 1 - n);
  }

  private returnStatement(): string {
    const n = this.results.length;
    const values = this.results.map((_, i) => this.top(n - 1 - i));
    if (n === 0) return 'return;';
    // one result is returned; an i64's high word goes in R[0], which the caller reads at once
    if (n === 1) return this.results[0] === 'l' ? `R[0] = ${parts('l', values[0]!)[1]}; return ${values[0]};` : `return ${values[0]};`;
    // several results go where the interpreter leaves them, in the slots from fp: never through
    // a JS array, which may hold doubles unboxed and quiet a signalling NaN on the way
    return `${this.results.map((k, i) => slotWrite(k, `fp + ${i}`, values[i]!)).join(' ')} return;`;
  }

  private blockKinds(bt: BlockType): [Kind[], Kind[]] {
    if (bt.kind === 'empty') return [[], []];
    if (bt.kind === 'value') return [[], [kindOf(bt.type)]];
    const t = this.ctx.types[bt.index] as SubType | FuncType;
    if (!('params' in t)) throw new Untranslatable('block type');
    return [t.params.map(kindOf), t.results.map(kindOf)];
  }

  /** A sequence; false when its end is unreachable (code after an unconditional branch is not translated, as compile.ts does not compile it). */
  private seq(instrs: Instr[], indent: number): boolean {
    let from = 0;
    const on = instrs.findIndex((ins) => this.path.has(ins));
    if (on > 0) {
      // OSR: on the first pass, control starts inside instrs[on]; the instructions before it run
      // again only on a later iteration of a loop around them, and without one they never run:
      // translated all the same (for the operand kinds at the loop's head), but not kept
      const again = this.labels.some((l) => l.loop);
      const kept = this.lines.length;
      this.emit('if (entered) {', indent);
      for (; from < on; from++) if (!this.instr(instrs[from]!, indent + 1)) throw new Untranslatable('OSR loop after a branch');
      this.emit('}', indent);
      if (!again) this.lines.length = kept;
    }
    for (let i = from; i < instrs.length; i++) if (!this.instr(instrs[i]!, indent)) return false;
    return true;
  }

  private label(depth: number): Label {
    return this.labels[this.labels.length - 1 - depth]!;
  }

  /** The statements of a branch to `label` from the current stack (its values moved down to the label's height). */
  private branch(label: Label, indent: number): void {
    if (label.func) {
      this.emit(this.returnStatement(), indent);
      return;
    }
    const n = label.kinds.length;
    const from = this.stack.length - n;
    for (let i = 0; i < n; i++) {
      if (from + i === label.height + i) continue;
      const k = this.stack[from + i]!;
      this.used.add(`${label.height + i}${k}`);
      this.assign(k, `${k}${label.height + i}`, this.v(from + i), indent);
    }
    this.emit(`${label.loop ? 'continue' : 'break'} ${label.name};`, indent);
  }

  private structured(ins: Instr, indent: number): void {
    const [params, results] = this.blockKinds(ins.blockType!);
    let cond = '';
    if (ins.op === 'if') cond = this.top();
    if (ins.op === 'if') this.stack.pop();
    const base = this.stack.length - params.length;
    const outer = this.stack.slice(0, base);
    const name = `B${this.labelCount++}`;
    const loop = ins.op === 'loop';
    this.labels.push({ name, loop, height: base, kinds: loop ? params : results, func: false });
    if (loop) {
      if (ins === this.osr) {
        this.entryStack = [...this.stack];
        this.emit('entered = true;', indent);
      }
      this.emit(`${name}: for (;;) {`, indent);
      if (this.seq(ins.body ?? [], indent + 1)) this.emit(`break ${name};`, indent + 1);
      this.emit('}', indent);
    } else if (ins.op === 'block') {
      this.emit(`${name}: {`, indent);
      this.seq(ins.body ?? [], indent + 1);
      this.emit('}', indent);
    } else {
      // OSR: the first pass goes into the arm that holds the loop, without the condition
      const inThen = (ins.body ?? []).some((x) => this.path.has(x));
      const inElse = (ins.elseBody ?? []).some((x) => this.path.has(x));
      const test = inThen ? `!entered || ${cond} !== 0` : inElse ? `entered && ${cond} !== 0` : `${cond} !== 0`;
      this.emit(`${name}: if (${test}) {`, indent);
      const entry = [...this.stack];
      this.seq(ins.body ?? [], indent + 1);
      this.stack = entry;
      this.emit('} else {', indent);
      this.seq(ins.elseBody ?? [], indent + 1);
      this.emit('}', indent);
    }
    this.labels.pop();
    this.stack = [...outer, ...results];
    for (let h = base; h < this.stack.length; h++) this.v(h);
  }

  private instr(ins: Instr, indent: number): boolean {
    switch (ins.op) {
      case 'nop':
        return true;
      case 'unreachable':
        this.emit("throw new Trap('unreachable');", indent);
        return false;
      case 'block':
      case 'loop':
      case 'if':
        this.structured(ins, indent);
        return true;
      case 'br':
        this.branch(this.label(ins.index!), indent);
        return false;
      case 'br_if': {
        const cond = this.top();
        this.stack.pop();
        this.emit(`if (${cond} !== 0) {`, indent);
        this.branch(this.label(ins.index!), indent + 1);
        this.emit('}', indent);
        return true;
      }
      case 'br_table':
        this.brTable(ins, indent);
        return false;
      case 'return':
        this.emit(this.returnStatement(), indent);
        return false;
      case 'call':
        this.call(this.konst(this.inst.funcs[ins.index!]), this.ctx.funcTypes[ins.index!]!, indent);
        return true;
      case 'call_indirect':
        this.callIndirect(ins, indent);
        return true;
      case 'drop':
        this.stack.pop();
        return true;
      case 'select':
      case 'select_t': {
        const cond = this.top();
        const k = this.stack[this.stack.length - 2]!;
        const ys = parts(k, this.top(1));
        parts(k, this.top(2)).forEach((x, i) => this.emit(`${x} = ${cond} !== 0 ? ${x} : ${ys[i]};`, indent));
        this.stack.length -= 2;
        return true;
      }
      case 'local.get': {
        const k = this.locals[ins.index!]!;
        this.assign(k, this.push(k), `L${ins.index}`, indent);
        return true;
      }
      case 'local.set':
        this.assign(this.locals[ins.index!]!, `L${ins.index}`, this.top(), indent);
        this.stack.pop();
        return true;
      case 'local.tee':
        this.assign(this.locals[ins.index!]!, `L${ins.index}`, this.top(), indent);
        return true;
      case 'global.get': {
        const [k, cell] = this.global(ins.index!);
        parts(k, this.push(k)).forEach((v, i) => this.emit(`${v} = ${cell}[${i}];`, indent));
        return true;
      }
      case 'global.set': {
        const [k, cell] = this.global(ins.index!);
        parts(k, this.top()).forEach((v, i) => this.emit(`${cell}[${i}] = ${v};`, indent));
        this.stack.pop();
        return true;
      }
      case 'i32.const':
        this.emit(`${this.push('i')} = ${ins.i32!};`, indent);
        return true;
      case 'f32.const':
        this.emit(`${this.push('f')} = ${ins.f32! | 0};`, indent);
        return true;
      case 'i64.const': {
        const [l, h] = parts('l', this.push('l'));
        this.emit(`${l} = ${Number(BigInt.asIntN(32, ins.i64!))}; ${h} = ${Number(BigInt.asIntN(32, ins.i64! >> 32n))};`, indent);
        return true;
      }
      case 'f64.const': {
        // a NaN's payload survives no literal: it is read from its bits
        const x = f64Literal(ins.f64!) ?? `KD[${this.nans.push(ins.f64!) - 1}]`;
        this.emit(`${this.push('d')} = ${x};`, indent);
        return true;
      }
      case 'memory.size':
      case 'memory.grow':
        this.memoryInstruction(ins, indent);
        return true;
    }
    this.numericOrMemory(ins, indent);
    return true;
  }

  /** A numeric global's cell, as a typed view of its kind, a part an element (its 16-byte cell holds the value as a stack slot does). */
  private global(index: number): [Kind, string] {
    const k = kindOf(this.ctx.globalTypes[index]!);
    const cell = this.inst.globals[index]!.cell;
    const view = k === 'd' ? new Float64Array(cell.buffer, cell.byteOffset, 2) : cell;
    return [k, this.konst(view)];
  }

  private brTable(ins: Instr, indent: number): void {
    const index = this.top();
    this.stack.pop();
    const targets = [...(ins.labels ?? []), ins.index!];
    this.emit(`switch (${index}) {`, indent);
    targets.forEach((depth, i) => {
      this.emit(i === targets.length - 1 ? 'default:' : `case ${i}:`, indent + 1);
      this.branch(this.label(depth), indent + 2);
    });
    this.emit('}', indent);
  }

  /**
   * A call of `callee` (an expression for its FuncInstance) of type `t`, the
   * arguments on top. A callee in tier 2 is called directly while the JS stack
   * budget lasts; any other (interpreted, host, or a tier 2 callee past the
   * budget) through the interpreter, from its arguments in the value stack.
   */
  private call(callee: string, t: FuncType, indent: number): void {
    const kinds = t.params.map(kindOf);
    const results = t.results.map(kindOf);
    const args = kinds.map((_, i) => this.top(kinds.length - 1 - i));
    const at = `fp + ${this.nlocals + this.stack.length - kinds.length}`;
    this.stack.length -= kinds.length;
    const rs = results.map((k) => this.push(k));
    const direct = `t.call(D, ${at}, js - t.weight${args.flatMap((a, i) => parts(kinds[i]!, a)).map((a) => `, ${a}`).join('')})`;
    // one result is returned (an i64's high word in R[0]); several are left in the slots from `at` (returnStatement), as the interpreter leaves them
    const fromSlots = rs.map((r, i) => {
      const reads = slotReads(results[i]!, `${at} + ${i}`);
      return parts(results[i]!, r).map((v, j) => `${v} = ${reads[j]};`).join(' ');
    });
    this.emit(`c = ${callee};`, indent);
    this.emit('if ((t = c.compiled?.tier2) != null && js > t.weight) {', indent);
    if (rs.length === 1) {
      const [r, high] = parts(results[0]!, rs[0]!);
      this.emit(`${r} = ${direct};${high === undefined ? '' : ` ${high} = R[0];`}`, indent + 1);
    } else [`${direct};`, ...fromSlots].forEach((l) => this.emit(l, indent + 1));
    this.emit('} else {', indent);
    kinds.forEach((k, i) => this.emit(slotWrite(k, `${at} + ${i}`, args[i]!), indent + 1));
    this.emit(`callSlow(c, D, ${at} + ${kinds.length}, js);`, indent + 1);
    fromSlots.forEach((l) => this.emit(l, indent + 1));
    this.emit('}', indent);
    // the callee may have grown memory
    if (this.usesMemory) this.emit('dv = M.view; ml = dv.byteLength;', indent);
  }

  private callIndirect(ins: Instr, indent: number): void {
    const table = ins.index2 ?? 0;
    if (this.ctx.tableAddrs[table] !== 'i32') throw new Untranslatable('64-bit table');
    const i = this.top();
    this.stack.pop();
    this.emit(`c = indirectCallee(INST, ${ins.index!}, ${table}, ${i});`, indent);
    this.call('c', this.ctx.types[ins.index!] as FuncType, indent);
  }

  private memoryInstruction(ins: Instr, indent: number): void {
    const mem = ins.index ?? 0;
    if (this.ctx.memAddrs[mem] !== 'i32') throw new Untranslatable('64-bit memory');
    // through the interpreter's own helper (bulk.ts), from the operand's slot
    const slot = `fp + ${this.nlocals + this.stack.length - (ins.op === 'memory.grow' ? 1 : 0)}`;
    if (ins.op === 'memory.grow') {
      this.emit(slotWrite('i', slot, this.top()), indent);
      this.stack.pop();
      this.emit(`memoryGrow(INST, ${mem}, ${slot} + 1);`, indent);
    } else this.emit(`memorySize(INST, ${mem}, ${slot});`, indent);
    this.emit(`${this.push('i')} = ${slotReads('i', slot)[0]};`, indent);
    if (this.usesMemory) this.emit('dv = M.view; ml = dv.byteLength;', indent);
  }

  private numericOrMemory(ins: Instr, indent: number): void {
    const t = templateOf(ins.op);
    const operands = t.params.map((k, i) => parts(k, this.top(t.params.length - 1 - i)));
    this.stack.length -= t.params.length;
    const r = t.result === undefined ? [] : parts(t.result, this.push(t.result));
    if (t.size !== undefined) {
      if ((ins.index ?? 0) !== 0 || !this.usesMemory) throw new Untranslatable('memory other than a 32-bit memory 0');
      // the effective address in doubles, as the interpreter computes it: base + offset never wraps
      this.emit(`a = (${operands[0]![0]} >>> 0) + ${ins.offset ?? 0};`, indent);
      this.emit(`if (a + ${t.size} > ml) oob();`, indent);
    }
    const fill = (line: string) =>
      line.replace(HOLE, (hole) => {
        if (hole === '$f$') return this.konst(t.fn);
        const part = hole.length === 4 ? 1 : 0;
        return hole[1] === 'r' ? r[part]! : operands[Number(hole[1])]![part]!;
      });
    const scoped = t.lines.some((l) => l.startsWith('const '));
    if (scoped) this.emit('{', indent);
    for (const line of t.lines) this.emit(fill(line), scoped ? indent + 1 : indent);
    if (scoped) this.emit('}', indent);
  }
}

/**
 * What a numeric or memory instruction becomes, worked out once per opcode
 * (translation is on the oracle's clock): the operand and result kinds, and
 * statements with holes for the operands' variables ($0$, $1$; an i64's high
 * words $0h$, $1h$), the result's ($r$, $rh$) and the library function it
 * calls ($f$); a load or store, its byte count. No hole holds a bare `a` or
 * `b`, which inlineOperands rewrites.
 */
interface OpTemplate {
  params: Kind[];
  result: Kind | undefined;
  lines: string[];
  fn?: unknown;
  size?: number;
}

const HOLE = /\$(?:[01r]h?|f)\$/g;
const templates = new Map<string, OpTemplate>();

function templateOf(op: string): OpTemplate {
  let t = templates.get(op);
  if (t === undefined) templates.set(op, (t = makeTemplate(op)));
  return t;
}

function makeTemplate(op: string): OpTemplate {
  const info = opInfo(op);
  const sig = info === undefined ? undefined : signature(info);
  if (info === undefined || sig === undefined || info.imm === 'lane' || info.imm === 'memarg_lane') throw new Untranslatable(op);
  const params = sig.params.map((t) => kindOf(t as ValType));
  const result = sig.results.length === 0 ? undefined : kindOf(sig.results[0] as ValType);
  if (info.imm === 'memarg') {
    const [size, statement] = LOADS[op] ?? STORES[op] ?? [];
    if (size === undefined || statement === undefined) throw new Untranslatable(op);
    return { params, result, size, lines: [statement] };
  }
  const pair = PAIR_STATEMENTS[op];
  if (pair !== undefined) return { params, result, lines: [...pair] };
  const row = ROW.get(op);
  const i64 = result === 'l' || params.includes('l');
  if (row !== undefined && !i64) return { params, result, lines: inlineOperands(rowStatements(row, ['$0$', '$1$'].slice(0, params.length), (x) => `$r$ = ${x};`)) };
  const fn = (NUMERIC_OPS as Record<string, unknown>)[op];
  if (fn === undefined || result === undefined) throw new Untranslatable(op);
  // the library function, an i64 going in and out as a BigInt of its words
  const call = `$f$(${params.map((k, i) => (k === 'l' ? BIG(i as 0 | 1) : `$${i}$`)).join(', ')})`;
  return { params, result, fn, lines: result === 'l' ? [`const x = ${call};`, SPLIT] : [`$r$ = ${call};`] };
}

/**
 * A row's statements with the operands that are plain variables written in
 * place of `a` and `b` (trap messages untouched): fewer bytecodes, so that
 * V8 optimizes large functions too. A variable read twice is still the same
 * value, and the result is assigned last, after every read.
 */
function inlineOperands(lines: string[]): string[] {
  const bound = new Map<string, string>();
  const rest: string[] = [];
  for (const line of lines) {
    const m = /^const ([ab]) = ([A-Za-z_$][\w$]*);$/.exec(line);
    if (m !== null) bound.set(m[1]!, m[2]!);
    else rest.push(line);
  }
  const substitute = (code: string) => code.replace(/\b[ab]\b/g, (v) => bound.get(v) ?? v);
  return rest.map((line) => {
    const at = line.indexOf(' throw ');
    return at < 0 ? substitute(line) : substitute(line.slice(0, at)) + line.slice(at);
  });
}

/** Fills `path` with the instructions from `body` down to `target`; false when it is not there. */
function findPath(body: Instr[], target: Instr, path: Set<Instr>): boolean {
  for (const ins of body) {
    if (ins === target || findPath(ins.body ?? [], target, path) || findPath(ins.elseBody ?? [], target, path)) {
      path.add(ins);
      return true;
    }
  }
  return false;
}
