// The typing rule of every instruction (spec 3.3), as steps of the appendix's
// validation algorithm on a TypeStack. Context-free instructions take their
// signature from the opcode table; only the context-dependent parts (control,
// exceptions, variables, calls, references, tables, select, drop, memory
// presence and address types, alignment, offsets, lane indices, segment
// indices) are written out here. Memories and tables have an address type
// (memory64, table64): it is the type of their addresses, sizes and deltas.
import { ValidationError } from '../errors.js';
import type { Catch, Instr } from '../syntax/instructions.js';
import { needsContext, OPCODES, signature, unhandledOp, type OpInfo } from '../syntax/opcodes.js';
import { has } from '../syntax/features.js';
import { addrType, refType, type AddrType, type BlockType, type FuncType, type GlobalType, type MemType, type RefType, type TableType, type ValType } from '../syntax/types.js';
import { refMatches, valMatches } from '../types/subtype.js';
import { closeInContext, funcTypeAt, unknown, type Context } from './context.js';
import { checkValType, requireFeature, wording20 } from './feature-use.js';
import { checkTailResults, popRef, typeRefInstr } from './ref-instr.js';
import { operandMatches, typeMismatch, type OperandType, type TypeStack } from './type-stack.js';

/** What typing an instruction needs beyond the module context: the enclosing function. */
export interface FuncEnv {
  ctx: Context;
  /** parameters then declared locals */
  locals: readonly ValType[];
  /** the function's result types (what `return` pops) */
  results: readonly ValType[];
  /** 3.0: 1 for each local that starts unset (non-defaultable); undefined or absent when none does */
  unset?: Uint8Array | undefined;
}

interface Rule {
  info: OpInfo;
  /** operand and result types when the opcode table gives a signature (with i32 addresses) */
  params?: readonly ValType[];
  results?: readonly ValType[];
  /** the same on a memory with 64-bit addresses */
  params64?: readonly ValType[];
  results64?: readonly ValType[];
}

/**
 * Where a memory instruction's signature has addresses, sizes or deltas (the
 * opcode table writes them as i32): operand and result positions.
 * memory.copy, with two memories, is typed in `typeInstr`.
 */
function addressPositions(info: OpInfo): { params: number[]; results: number[] } | undefined {
  switch (info.imm) {
    case 'memarg':
    case 'memarg_lane':
    case 'memory_init':
      return { params: [0], results: [] };
    case 'memory':
      if (info.name === 'memory.size') return { params: [], results: [0] };
      if (info.name === 'memory.grow') return { params: [0], results: [0] };
      return { params: [0, 2], results: [] }; // memory.fill: address, byte, length
    default:
      return undefined;
  }
}

function withI64At(types: readonly ValType[], positions: number[]): ValType[] {
  return types.map((t, i) => (positions.includes(i) ? 'i64' : t));
}

const RULES = new Map<string, Rule>(
  OPCODES.map((info) => {
    const sig = signature(info);
    if (sig === undefined || info.imm === 'memory_copy') return [info.name, { info }];
    const params = sig.params as ValType[];
    const results = sig.results as ValType[];
    const rule: Rule = { info, params, results };
    const at = addressPositions(info);
    if (at !== undefined) {
      rule.params64 = withI64At(params, at.params);
      rule.results64 = withI64At(results, at.results);
    }
    return [info.name, rule];
  }),
);

const NONE: readonly ValType[] = [];
const NO_LABELS: readonly number[] = [];
const NO_CATCHES: readonly Catch[] = [];
/** What catch_ref and catch_all_ref add to a handler's values: a non-null exception reference. */
const EXN_REF: readonly ValType[] = ['ref exn'];

/** The opcode table's entry for an instruction ("unknown instruction" for a name it lacks). */
export function ruleInfo(op: string): OpInfo {
  const rule = RULES.get(op);
  if (rule === undefined) throw new ValidationError(`unknown instruction ${op}`);
  return rule.info;
}

/** Parameter and result types of a block type (spec 3.2.2, block types). */
export function blockTypeOf(ctx: Context, bt: BlockType | undefined): FuncType {
  if (bt === undefined || bt.kind === 'empty') return EMPTY_FUNC;
  if (bt.kind === 'value') {
    checkValType(ctx.features, bt.type);
    const t = closeInContext(ctx, bt.type);
    let ft = VALUE_FUNC.get(t);
    if (ft === undefined) VALUE_FUNC.set(t, (ft = { params: NONE as ValType[], results: [t] }));
    return ft;
  }
  return funcTypeAt(ctx.types, bt.index);
}

const EMPTY_FUNC: FuncType = { params: NONE as ValType[], results: NONE as ValType[] };
/** The type of a block with one result, per closed value type (TypeIds are global), shared so that typing allocates nothing. */
const VALUE_FUNC = new Map<ValType, FuncType>();

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
  if (info.feature !== undefined) requireFeature(ctx.features, info.feature, ins.op);
  const at = info.imm === 'none' ? 'i32' : checkImmediates(ctx, info, ins);
  if (rule.params !== undefined) {
    const wide = at === 'i64';
    s.popVals(wide ? rule.params64! : rule.params);
    s.pushVals(wide ? rule.results64! : rule.results!);
    return;
  }
  const op = ins.op;
  if (op === 'memory.copy') {
    // its two memories may differ in address type: no rule of one signature
    popCopyOperands(s, addrType(memAt(ctx, ins.index ?? 0)), addrType(memAt(ctx, ins.index2 ?? 0)));
    return;
  }
  if (!needsContext(op)) throw new Error(`no typing rule for ${op}`); // every other row with a signature has one
  switch (op) {
    case 'unreachable':
      s.setUnreachable();
      return;
    case 'block':
    case 'loop': {
      const bt = blockTypeOf(ctx, ins.blockType);
      s.popVals(bt.params);
      s.pushCtrl(op, bt.params, bt.results);
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
      checkFuncTable(table);
      s.popExpect(addrType(table));
      s.popVals(ft.params);
      s.pushVals(ft.results);
      return;
    }
    case 'return_call': {
      const ft = funcAt(ctx, ins.index!);
      checkTailResults(env, ft);
      s.popVals(ft.params);
      s.setUnreachable();
      return;
    }
    case 'return_call_indirect': {
      const table = tableAt(ctx, ins.index2!);
      const ft = funcTypeAt(ctx.types, ins.index!);
      checkFuncTable(table);
      checkTailResults(env, ft);
      s.popExpect(addrType(table));
      s.popVals(ft.params);
      s.setUnreachable();
      return;
    }
    case 'throw':
      s.popVals(tagAt(ctx, ins.index!).params);
      s.setUnreachable();
      return;
    case 'throw_ref':
      s.popExpect('exnref');
      s.setUnreachable();
      return;
    case 'try_table': {
      const bt = blockTypeOf(ctx, ins.blockType);
      // Handlers branch to labels outside the try_table: checked before its frame is pushed.
      for (const c of ins.catches ?? NO_CATCHES) checkCatch(ctx, s, c);
      s.popVals(bt.params);
      s.pushCtrl('try_table', bt.params, bt.results);
      return;
    }
    case 'ref.null':
      checkValType(ctx.features, ins.refType!);
      s.pushVal(closeInContext(ctx, ins.refType!));
      return;
    case 'ref.is_null':
      popRef(s);
      s.pushVal('i32');
      return;
    case 'ref.func':
      funcAt(ctx, ins.index!);
      if (!ctx.refs.has(ins.index!)) throw new ValidationError('undeclared function reference');
      // 3.0: the exact type of the function, (ref $t); 2.0 has only funcref.
      s.pushVal(has(ctx.features, 'function-references') ? refType(false, ctx.ids[ctx.funcTypeIndex[ins.index!]!]!) : 'funcref');
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
      checkValType(ctx.features, types[0]!);
      const t = closeInContext(ctx, types[0]!);
      s.popExpect('i32');
      s.popExpect(t);
      s.popExpect(t);
      s.pushVal(t);
      return;
    }
    case 'local.get': {
      const t = localAt(env, ins.index!);
      if (!s.localIsSet(ins.index!)) throw new ValidationError(`uninitialized local ${ins.index!}`);
      s.pushVal(t);
      return;
    }
    case 'local.set':
      s.popExpect(localAt(env, ins.index!));
      s.setLocal(ins.index!);
      return;
    case 'local.tee': {
      const t = localAt(env, ins.index!);
      s.popExpect(t);
      s.setLocal(ins.index!);
      s.pushVal(t);
      return;
    }
    case 'global.get':
      s.pushVal(globalAt(ctx, ins.index!).type);
      return;
    case 'global.set': {
      const g = globalAt(ctx, ins.index!);
      if (!g.mutable) throw new ValidationError(wording20(ctx.features) ? 'global is immutable' : 'immutable global');
      s.popExpect(g.type);
      return;
    }
    case 'table.get': {
      const table = tableAt(ctx, ins.index!);
      s.popExpect(addrType(table));
      s.pushVal(table.elem);
      return;
    }
    case 'table.set': {
      const table = tableAt(ctx, ins.index!);
      s.popExpect(table.elem);
      s.popExpect(addrType(table));
      return;
    }
    case 'table.size':
      s.pushVal(addrType(tableAt(ctx, ins.index!)));
      return;
    case 'table.grow': {
      const table = tableAt(ctx, ins.index!);
      const at = addrType(table);
      s.popExpect(at);
      s.popExpect(table.elem);
      s.pushVal(at);
      return;
    }
    case 'table.fill': {
      const table = tableAt(ctx, ins.index!);
      const at = addrType(table);
      s.popExpect(at);
      s.popExpect(table.elem);
      s.popExpect(at);
      return;
    }
    case 'table.copy': {
      const dst = tableAt(ctx, ins.index!);
      const src = tableAt(ctx, ins.index2!);
      if (src.elem !== dst.elem && !refMatches(src.elem, dst.elem)) throw typeMismatch();
      popCopyOperands(s, addrType(dst), addrType(src));
      return;
    }
    case 'table.init': {
      const table = tableAt(ctx, ins.index2!);
      const elem = elemAt(ctx, ins.index!);
      if (elem !== table.elem && !refMatches(elem, table.elem)) throw typeMismatch();
      popInitOperands(s, addrType(table));
      return;
    }
    case 'elem.drop':
      elemAt(ctx, ins.index!);
      return;
    default:
      typeRefInstr(env, s, ins, op);
  }
}

/** call_indirect and return_call_indirect: the table holds functions (3.0: of any function type). */
function checkFuncTable(table: TableType): void {
  if (table.elem !== 'funcref' && !refMatches(table.elem, 'funcref')) {
    throw new ValidationError(`type mismatch: instruction requires table of function type but table has element type ${table.elem}`);
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
      if (!operandMatches(actual, ts[arity - 1 - j]!)) throw typeMismatch();
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

/**
 * Memory presence, alignment, offset, lane and segment checks driven by the
 * immediate kind. Returns the address type of the memory the instruction
 * accesses (i32 when none: its signature then has no address).
 */
function checkImmediates(ctx: Context, info: OpInfo, ins: Instr): AddrType {
  switch (info.imm) {
    case 'memarg':
      return checkMemarg(ctx, info, ins);
    case 'memarg_lane': {
      const at = checkMemarg(ctx, info, ins);
      checkLane(info, ins.lane);
      return at;
    }
    case 'lane':
      checkLane(info, ins.lane);
      return 'i32';
    case 'shuffle':
      for (const lane of ins.bytes ?? []) if (lane >= 32) throw new ValidationError('invalid lane index');
      return 'i32';
    case 'memory':
      return addrType(memAt(ctx, ins.index ?? 0));
    case 'memory_init': {
      const at = addrType(memAt(ctx, ins.index2 ?? 0));
      dataAt(ctx, ins.index!);
      return at;
    }
    case 'data':
      dataAt(ctx, ins.index!);
      return 'i32';
    default:
      return 'i32';
  }
}

/** A memarg (spec 3.3.7): the memory exists, 2^align is at most the access width, the offset fits the address type. */
function checkMemarg(ctx: Context, info: OpInfo, ins: Instr): AddrType {
  const at = addrType(memAt(ctx, ins.index ?? 0));
  if ((ins.align ?? info.align!) > info.align!) throw new ValidationError('alignment must not be larger than natural');
  // Offsets are read as u64; on an i32 memory they must be below 2^32.
  if (at === 'i32' && (ins.offset ?? 0) > 0xffff_ffff) throw new ValidationError('offset out of range');
  return at;
}

/** memory.copy and table.copy: destination and source addresses, then a length in the narrower address type. */
function popCopyOperands(s: TypeStack, dst: AddrType, src: AddrType): void {
  s.popExpect(dst === 'i64' && src === 'i64' ? 'i64' : 'i32');
  s.popExpect(src);
  s.popExpect(dst);
}

/** table.init (memory.init has its signature in the table): a table address, then segment offset and length. */
function popInitOperands(s: TypeStack, at: AddrType): void {
  s.popExpect('i32');
  s.popExpect('i32');
  s.popExpect(at);
}

/** A try_table handler (spec 3.3.8): its label (outside the try_table) takes the tag's fields, then the exnref for the _ref forms. */
function checkCatch(ctx: Context, s: TypeStack, c: Catch): void {
  const fields = c.kind === 'catch' || c.kind === 'catch_ref' ? tagAt(ctx, c.tag!).params : NONE;
  const withRef = c.kind === 'catch_ref' || c.kind === 'catch_all_ref';
  const label = s.labelTypes(c.label);
  const n = fields.length + (withRef ? 1 : 0);
  const matches = label.length === n && fields.every((t, i) => valMatches(t, label[i]!)) && (!withRef || valMatches('ref exn', label[n - 1]!));
  if (!matches) {
    const handler = withRef ? [...fields, ...EXN_REF] : fields;
    throw new ValidationError(`type mismatch: label requires [${label.join(' ')}] but catch handler has [${handler.join(' ')}]`);
  }
}

function checkLane(info: OpInfo, lane: number | undefined): void {
  if (!(lane !== undefined && lane >= 0 && lane < info.lanes!)) throw new ValidationError('invalid lane index');
}

/** `list[x]`, or "unknown <space> x" (the reference interpreter's lookup). */
function lookup<T>(list: readonly T[], x: number, space: string): T {
  const t = list[x];
  if (t === undefined) throw unknown(space, x);
  return t;
}

const localAt = (env: FuncEnv, x: number): ValType => lookup(env.locals, x, 'local');
const funcAt = (ctx: Context, x: number): FuncType => lookup(ctx.funcs, x, 'function');
const memAt = (ctx: Context, x: number): MemType => lookup(ctx.mems, x, 'memory');
const tagAt = (ctx: Context, x: number): FuncType => lookup(ctx.tags, x, 'tag');
const tableAt = (ctx: Context, x: number): TableType => lookup(ctx.tables, x, 'table');
const globalAt = (ctx: Context, x: number): GlobalType => lookup(ctx.globals, x, 'global');
const elemAt = (ctx: Context, x: number): RefType => lookup(ctx.elems, x, 'elem segment');

function dataAt(ctx: Context, x: number): void {
  if (!(x >= 0 && x < ctx.datas)) throw unknown('data segment', x);
}
