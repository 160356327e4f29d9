// The typing rule of every instruction (spec 3.3), as steps of the appendix's
// validation algorithm on a TypeStack. Context-free instructions take their
// signature from the opcode table; only the context-dependent parts (control,
// variables, calls, references, tables, select, drop, memory presence,
// alignment, lane indices, segment indices) are written out here.
import { ValidationError } from '../errors.js';
import type { Instr } from '../syntax/instructions.js';
import { OPCODES, signature, type OpInfo } from '../syntax/opcodes.js';
import type { BlockType, FuncType, RefType, TableType, ValType } from '../syntax/types.js';
import { funcTypeAt, unknown, type Context } from './context.js';
import { typeMismatch, type OperandType, type TypeStack } from './type-stack.js';

/** What typing an instruction needs beyond the module context: the enclosing function. */
export interface FuncEnv {
  ctx: Context;
  /** parameters then declared locals */
  locals: readonly ValType[];
  /** the function's result types (what `return` pops) */
  results: readonly ValType[];
}

interface Rule {
  info: OpInfo;
  /** operand and result types when the opcode table gives a signature */
  params?: readonly ValType[];
  results?: readonly ValType[];
}

const RULES = new Map<string, Rule>(
  OPCODES.map((info) => {
    const sig = signature(info);
    const rule: Rule = sig === undefined ? { info } : { info, params: sig.params as ValType[], results: sig.results as ValType[] };
    return [info.name, rule];
  }),
);

const NONE: readonly ValType[] = [];
const NO_LABELS: readonly number[] = [];
/** One-element type lists, shared so that typing allocates nothing. */
const ONE: Record<ValType, readonly ValType[]> = {
  i32: ['i32'],
  i64: ['i64'],
  f32: ['f32'],
  f64: ['f64'],
  v128: ['v128'],
  funcref: ['funcref'],
  externref: ['externref'],
};

/** The opcode table's entry for an instruction ("unknown instruction" for a name it lacks). */
export function ruleInfo(op: string): OpInfo {
  const rule = RULES.get(op);
  if (rule === undefined) throw new ValidationError(`unknown instruction ${op}`);
  return rule.info;
}

/** Parameter and result types of a block type (spec 3.2.2, block types). */
export function blockTypeOf(ctx: Context, bt: BlockType | undefined): FuncType {
  if (bt === undefined || bt.kind === 'empty') return EMPTY_FUNC;
  if (bt.kind === 'value') return VALUE_FUNC[bt.type];
  return funcTypeAt(ctx.types, bt.index);
}

const EMPTY_FUNC: FuncType = { params: NONE as ValType[], results: NONE as ValType[] };
const VALUE_FUNC = Object.fromEntries(
  Object.entries(ONE).map(([t, one]) => [t, { params: NONE as ValType[], results: one as ValType[] }]),
) as Record<ValType, FuncType>;

/**
 * Types one instruction: pops its operands from `s` (checking their types),
 * pushes its results, and for block/loop/if enters the new control frame
 * (the caller walks the body, then calls `typeElse` / `typeEnd`).
 * Throws ValidationError with the testsuite's message.
 */
export function typeInstr(env: FuncEnv, s: TypeStack, ins: Instr): void {
  const rule = RULES.get(ins.op);
  if (rule === undefined) throw new ValidationError(`unknown instruction ${ins.op}`);
  const info = rule.info;
  const ctx = env.ctx;
  if (info.imm !== 'none') checkImmediates(ctx, info, ins);
  if (rule.params !== undefined) {
    s.popVals(rule.params);
    s.pushVals(rule.results!);
    return;
  }
  switch (ins.op) {
    case 'unreachable':
      s.setUnreachable();
      return;
    case 'block':
    case 'loop': {
      const bt = blockTypeOf(ctx, ins.blockType);
      s.popVals(bt.params);
      s.pushCtrl(ins.op, bt.params, bt.results);
      return;
    }
    case 'if': {
      const bt = blockTypeOf(ctx, ins.blockType);
      s.popExpect('i32');
      s.popVals(bt.params);
      s.pushCtrl('if', bt.params, bt.results);
      return;
    }
    case 'br':
      s.popVals(s.labelTypes(ins.index!));
      s.setUnreachable();
      return;
    case 'br_if': {
      const ts = s.labelTypes(ins.index!);
      s.popExpect('i32');
      s.popVals(ts);
      s.pushVals(ts);
      return;
    }
    case 'br_table':
      typeBrTable(s, ins);
      return;
    case 'return':
      s.popVals(env.results);
      s.setUnreachable();
      return;
    case 'call': {
      const ft = funcAt(ctx, ins.index!);
      s.popVals(ft.params);
      s.pushVals(ft.results);
      return;
    }
    case 'call_indirect': {
      const table = tableAt(ctx, ins.index2!);
      const ft = funcTypeAt(ctx.types, ins.index!);
      if (table.elem !== 'funcref') throw typeMismatch();
      s.popExpect('i32');
      s.popVals(ft.params);
      s.pushVals(ft.results);
      return;
    }
    case 'ref.null':
      s.pushVal(ins.refType!);
      return;
    case 'ref.is_null': {
      const t = s.popVal();
      if (t !== 'funcref' && t !== 'externref' && t !== 'unknown') throw typeMismatch();
      s.pushVal('i32');
      return;
    }
    case 'ref.func':
      funcAt(ctx, ins.index!);
      if (!ctx.refs.has(ins.index!)) throw new ValidationError('undeclared function reference');
      s.pushVal('funcref');
      return;
    case 'drop':
      s.popVal();
      return;
    case 'select':
      typeSelect(s);
      return;
    case 'select_t': {
      const types = ins.types ?? NONE;
      if (types.length !== 1) throw new ValidationError('invalid result arity');
      const t = types[0]!;
      s.popExpect('i32');
      s.popExpect(t);
      s.popExpect(t);
      s.pushVal(t);
      return;
    }
    case 'local.get':
      s.pushVal(localAt(env, ins.index!));
      return;
    case 'local.set':
      s.popExpect(localAt(env, ins.index!));
      return;
    case 'local.tee': {
      const t = localAt(env, ins.index!);
      s.popExpect(t);
      s.pushVal(t);
      return;
    }
    case 'global.get':
      s.pushVal(globalAt(ctx, ins.index!).type);
      return;
    case 'global.set': {
      const g = globalAt(ctx, ins.index!);
      if (!g.mutable) throw new ValidationError('global is immutable');
      s.popExpect(g.type);
      return;
    }
    case 'table.get':
      s.popExpect('i32');
      s.pushVal(tableAt(ctx, ins.index!).elem);
      return;
    case 'table.set':
      s.popExpect(tableAt(ctx, ins.index!).elem);
      s.popExpect('i32');
      return;
    case 'table.size':
      tableAt(ctx, ins.index!);
      s.pushVal('i32');
      return;
    case 'table.grow':
      s.popExpect('i32');
      s.popExpect(tableAt(ctx, ins.index!).elem);
      s.pushVal('i32');
      return;
    case 'table.fill':
      s.popExpect('i32');
      s.popExpect(tableAt(ctx, ins.index!).elem);
      s.popExpect('i32');
      return;
    case 'table.copy': {
      const dst = tableAt(ctx, ins.index!);
      const src = tableAt(ctx, ins.index2!);
      if (dst.elem !== src.elem) throw typeMismatch();
      popI32s(s, 3);
      return;
    }
    case 'table.init': {
      const table = tableAt(ctx, ins.index2!);
      const elem = elemAt(ctx, ins.index!);
      if (table.elem !== elem) throw typeMismatch();
      popI32s(s, 3);
      return;
    }
    case 'elem.drop':
      elemAt(ctx, ins.index!);
      return;
    default:
      throw new ValidationError(`unknown instruction ${ins.op}`);
  }
}

/** `else`: closes the then-branch and opens the else-branch with the same types. */
export function typeElse(s: TypeStack): void {
  const frame = s.popCtrl();
  if (frame.kind !== 'if') throw new ValidationError('else without if');
  s.pushCtrl('else', frame.start, frame.end);
}

/** `end`: closes the innermost frame and pushes its results. */
export function typeEnd(s: TypeStack): void {
  const frame = s.popCtrl();
  s.pushVals(frame.end);
}

/** br_table (appendix 7.3): every target carries the default's arity and accepts the operands. */
function typeBrTable(s: TypeStack, ins: Instr): void {
  s.popExpect('i32');
  const deflt = s.labelTypes(ins.index!);
  const arity = deflt.length;
  for (const n of ins.labels ?? NO_LABELS) {
    const ts = s.labelTypes(n);
    if (ts.length !== arity) throw typeMismatch();
    // The appendix pops this target's types and pushes the popped values back:
    // the same as matching them against the operands in place.
    for (let j = 0; j < arity; j++) {
      const actual = s.peek(j);
      if (actual === undefined) throw typeMismatch();
      if (actual !== ts[arity - 1 - j] && actual !== 'unknown') throw typeMismatch();
    }
  }
  s.popVals(deflt);
  s.setUnreachable();
}

/** Untyped select (3.3.4): both operands numeric or both vector, equal unless unknown. */
function typeSelect(s: TypeStack): void {
  s.popExpect('i32');
  const t1 = s.popVal();
  const t2 = s.popVal();
  const bothNum = isNumOrUnknown(t1) && isNumOrUnknown(t2);
  const bothVec = (t1 === 'v128' || t1 === 'unknown') && (t2 === 'v128' || t2 === 'unknown');
  if (!bothNum && !bothVec) throw typeMismatch();
  if (t1 !== t2 && t1 !== 'unknown' && t2 !== 'unknown') throw typeMismatch();
  s.pushVal(t1 === 'unknown' ? t2 : t1);
}

function isNumOrUnknown(t: OperandType): boolean {
  return t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64' || t === 'unknown';
}

/** Memory presence, alignment, lane and segment checks driven by the immediate kind. */
function checkImmediates(ctx: Context, info: OpInfo, ins: Instr): void {
  switch (info.imm) {
    case 'memarg':
      requireMemory(ctx);
      checkAlign(info, ins);
      return;
    case 'memarg_lane':
      requireMemory(ctx);
      checkAlign(info, ins);
      checkLane(info, ins.lane);
      return;
    case 'lane':
      checkLane(info, ins.lane);
      return;
    case 'shuffle':
      for (const lane of ins.bytes ?? []) if (lane >= 32) throw new ValidationError('invalid lane index');
      return;
    case 'memory':
    case 'memory_copy':
      requireMemory(ctx);
      return;
    case 'memory_init':
      requireMemory(ctx);
      dataAt(ctx, ins.index!);
      return;
    case 'data':
      dataAt(ctx, ins.index!);
      return;
    default:
      return;
  }
}

function requireMemory(ctx: Context): void {
  if (ctx.mems.length === 0) throw unknown('memory', 0);
}

function checkAlign(info: OpInfo, ins: Instr): void {
  if ((ins.align ?? info.align!) > info.align!) throw new ValidationError('alignment must not be larger than natural');
}

function checkLane(info: OpInfo, lane: number | undefined): void {
  if (!(lane !== undefined && lane >= 0 && lane < info.lanes!)) throw new ValidationError('invalid lane index');
}

function popI32s(s: TypeStack, n: number): void {
  for (let i = 0; i < n; i++) s.popExpect('i32');
}

function localAt(env: FuncEnv, x: number): ValType {
  const t = env.locals[x];
  if (t === undefined) throw unknown('local', x);
  return t;
}

function funcAt(ctx: Context, x: number): FuncType {
  const t = ctx.funcs[x];
  if (t === undefined) throw unknown('function', x);
  return t;
}

function tableAt(ctx: Context, x: number): TableType {
  const t = ctx.tables[x];
  if (t === undefined) throw unknown('table', x);
  return t;
}

function globalAt(ctx: Context, x: number) {
  const g = ctx.globals[x];
  if (g === undefined) throw unknown('global', x);
  return g;
}

function elemAt(ctx: Context, x: number): RefType {
  const t = ctx.elems[x];
  if (t === undefined) throw unknown('elem segment', x);
  return t;
}

function dataAt(ctx: Context, x: number): void {
  if (!(x >= 0 && x < ctx.datas)) throw unknown('data segment', x);
}
