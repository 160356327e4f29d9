// Typing of the 3.0 typed-reference and GC instructions (spec 3.3.2-3.3.5;
// the reference interpreter's valid.ml for the messages). All types here are
// closed: a concrete heap type is a TypeId, `ctx.types` holds canonical
// definitions, and operands match by subtyping (TypeStack.popExpect). Where
// the interpreter "peeks" the operand's type (ref.as_non_null, br_on_null,
// br_on_non_null, ref.is_null, the extern conversions), an unknown operand
// is `(ref bot)`.
import { ValidationError } from '../errors.js';
import type { Instr } from '../syntax/instructions.js';
import type { ContextOpName } from '../syntax/opcodes.js';
import { unhandledOp } from '../syntax/opcodes.js';
import { heapOf, isFuncType, isNullable, isRefType, refType, withNullable, type ArrayType, type FieldType, type FuncType, type RefType, type StorageType, type StructType, type ValType } from '../syntax/types.js';
import { isDefaultable } from '../types/defaultable.js';
import { refMatches, storageMatches, topOf, valMatches } from '../types/subtype.js';
import { closeInContext, unknown, type Context } from './context.js';
import { checkValType } from './feature-use.js';
import type { FuncEnv } from './instr-type.js';
import { operandMatches, REF_BOT, typeMismatch, type OperandType, type TypeStack } from './type-stack.js';

/** The instructions typed here; each has its case below, and the compiler checks both ways. */
export type RefInstrOp =
  | 'call_ref' | 'return_call_ref' | 'ref.as_non_null' | 'br_on_null' | 'br_on_non_null' | 'ref.eq'
  | 'ref.i31' | 'i31.get_s' | 'i31.get_u' | 'any.convert_extern' | 'extern.convert_any'
  | 'ref.test' | 'ref.cast' | 'br_on_cast' | 'br_on_cast_fail' | AggregateOp;
type AggregateOp = Extract<ContextOpName, `struct.${string}` | `array.${string}`>;

/** Types one typed-reference or GC instruction (`op` is `ins.op`, narrowed). */
export function typeRefInstr(env: FuncEnv, s: TypeStack, ins: Instr, op: RefInstrOp): void {
  const ctx = env.ctx;
  switch (op) {
    case 'call_ref': {
      const x = ins.index!;
      const ft = funcTypeOf(ctx, x);
      s.popExpect(concreteRef(ctx, x, true));
      s.popVals(ft.params);
      s.pushVals(ft.results);
      return;
    }
    case 'return_call_ref': {
      const x = ins.index!;
      const ft = funcTypeOf(ctx, x);
      checkTailResults(env, ft);
      s.popExpect(concreteRef(ctx, x, true));
      s.popVals(ft.params);
      s.setUnreachable();
      return;
    }
    case 'ref.as_non_null':
      s.pushVal(nonNull(popRef(s)));
      return;
    case 'br_on_null': {
      const t = popRef(s);
      const ts = s.labelTypes(ins.index!);
      s.popVals(ts);
      s.pushVals(ts);
      s.pushVal(nonNull(t));
      return;
    }
    case 'br_on_non_null': {
      const t = popRef(s);
      const ts = s.labelTypes(ins.index!);
      const front = labelFront(ts, nonNull(t));
      s.popVals(front);
      s.pushVals(front);
      return;
    }
    case 'ref.eq':
      s.popExpect('eqref');
      s.popExpect('eqref');
      s.pushVal('i32');
      return;
    case 'ref.i31':
      s.popExpect('i32');
      s.pushVal('ref i31');
      return;
    case 'i31.get_s':
    case 'i31.get_u':
      s.popExpect('i31ref');
      s.pushVal('i32');
      return;
    case 'any.convert_extern':
      convertRef(s, 'externref', 'any');
      return;
    case 'extern.convert_any':
      convertRef(s, 'anyref', 'extern');
      return;
    case 'ref.test':
    case 'ref.cast': {
      const rt = refImmediate(ctx, ins.refType!);
      s.popExpect(refType(true, topOf(heapOf(rt))));
      s.pushVal(ins.op === 'ref.test' ? 'i32' : rt);
      return;
    }
    case 'br_on_cast':
    case 'br_on_cast_fail':
      typeBrOnCast(ctx, s, ins);
      return;
    default:
      typeAggregateInstr(ctx, s, ins, op);
  }
}

/** struct.* and array.* */
function typeAggregateInstr(ctx: Context, s: TypeStack, ins: Instr, op: AggregateOp): void {
  const x = ins.index!;
  switch (op) {
    case 'struct.new': {
      const st = structTypeOf(ctx, x);
      for (let i = st.fields.length - 1; i >= 0; i--) s.popExpect(unpacked(st.fields[i]!.type));
      s.pushVal(concreteRef(ctx, x, false));
      return;
    }
    case 'struct.new_default': {
      const st = structTypeOf(ctx, x);
      if (!st.fields.every((f) => isDefaultable(f.type))) throw new ValidationError('field type is not defaultable');
      s.pushVal(concreteRef(ctx, x, false));
      return;
    }
    case 'struct.get':
    case 'struct.get_s':
    case 'struct.get_u': {
      const f = fieldOf(structTypeOf(ctx, x), ins.index2!);
      checkPacked(f, ins.op !== 'struct.get', 'field');
      s.popExpect(concreteRef(ctx, x, true));
      s.pushVal(unpacked(f.type));
      return;
    }
    case 'struct.set': {
      const f = fieldOf(structTypeOf(ctx, x), ins.index2!);
      if (!f.mutable) throw new ValidationError('immutable field');
      s.popExpect(unpacked(f.type));
      s.popExpect(concreteRef(ctx, x, true));
      return;
    }
    case 'array.new': {
      const at = arrayTypeOf(ctx, x);
      s.popExpect('i32');
      s.popExpect(unpacked(at.field.type));
      s.pushVal(concreteRef(ctx, x, false));
      return;
    }
    case 'array.new_default': {
      const at = arrayTypeOf(ctx, x);
      if (!isDefaultable(at.field.type)) throw new ValidationError('array type is not defaultable');
      s.popExpect('i32');
      s.pushVal(concreteRef(ctx, x, false));
      return;
    }
    case 'array.new_fixed': {
      const t = unpacked(arrayTypeOf(ctx, x).field.type);
      // The count is a u32: pop only the values the frame has; the rest are
      // unknowns of a polymorphic stack (or missing), not 2^32 loop steps.
      let n = ins.index2!;
      for (; n > 0 && s.vals.length > s.top().height; n--) s.popExpect(t);
      if (n > 0 && !s.top().unreachable) throw typeMismatch();
      s.pushVal(concreteRef(ctx, x, false));
      return;
    }
    case 'array.new_data':
    case 'array.new_elem': {
      checkSegment(ctx, arrayTypeOf(ctx, x), ins);
      s.popExpect('i32');
      s.popExpect('i32');
      s.pushVal(concreteRef(ctx, x, false));
      return;
    }
    case 'array.get':
    case 'array.get_s':
    case 'array.get_u': {
      const f = arrayTypeOf(ctx, x).field;
      checkPacked(f, ins.op !== 'array.get', 'array');
      s.popExpect('i32');
      s.popExpect(concreteRef(ctx, x, true));
      s.pushVal(unpacked(f.type));
      return;
    }
    case 'array.set': {
      const f = mutableArray(ctx, x).field;
      s.popExpect(unpacked(f.type));
      s.popExpect('i32');
      s.popExpect(concreteRef(ctx, x, true));
      return;
    }
    case 'array.len':
      s.popExpect('arrayref');
      s.pushVal('i32');
      return;
    case 'array.fill': {
      const f = mutableArray(ctx, x).field;
      s.popExpect('i32');
      s.popExpect(unpacked(f.type));
      s.popExpect('i32');
      s.popExpect(concreteRef(ctx, x, true));
      return;
    }
    case 'array.copy': {
      const y = ins.index2!;
      const dst = mutableArray(ctx, x).field;
      const src = arrayTypeOf(ctx, y).field;
      if (!storageMatches(src.type, dst.type)) throw new ValidationError('array types do not match');
      s.popExpect('i32');
      s.popExpect('i32');
      s.popExpect(concreteRef(ctx, y, true));
      s.popExpect('i32');
      s.popExpect(concreteRef(ctx, x, true));
      return;
    }
    case 'array.init_data':
    case 'array.init_elem': {
      checkSegment(ctx, mutableArray(ctx, x), ins);
      s.popExpect('i32');
      s.popExpect('i32');
      s.popExpect('i32');
      s.popExpect(concreteRef(ctx, x, true));
      return;
    }
    default:
      unhandledOp(op);
  }
}

/**
 * br_on_cast l rt1 rt2 / br_on_cast_fail: the target rt2 must match the
 * source rt1; the branch carries rt2 (on failure: rt1 minus rt2), the
 * fall-through the other one. "rt1 minus rt2" drops rt1's null when rt2 is nullable.
 */
function typeBrOnCast(ctx: Context, s: TypeStack, ins: Instr): void {
  const rt1 = refImmediate(ctx, ins.refType!);
  const rt2 = refImmediate(ctx, ins.refType2!);
  if (!refMatches(rt2, rt1)) throw new ValidationError(`type mismatch on cast: type ${rt2} does not match ${rt1}`);
  const diff = isNullable(rt2) ? withNullable(rt1, false) : rt1;
  const [onBranch, onFall] = ins.op === 'br_on_cast' ? [rt2, diff] : [diff, rt2];
  const front = labelFront(s.labelTypes(ins.index!), onBranch);
  s.popExpect(rt1);
  s.popVals(front);
  s.pushVals(front);
  s.pushVal(onFall);
}

/**
 * The label's types but the last, after checking that the last one accepts
 * `t`, what the instruction sends to it (br_on_non_null, br_on_cast*).
 */
function labelFront(ts: readonly ValType[], t: OperandType): readonly ValType[] {
  const last = ts[ts.length - 1];
  if (last === undefined || !operandMatches(t, last)) throw new ValidationError(`type mismatch: instruction requires type ${t} but label has [${ts.join(' ')}]`);
  return ts.slice(0, -1);
}

/** any.convert_extern / extern.convert_any: the nullability goes through, the hierarchy changes. */
function convertRef(s: TypeStack, from: RefType, to: 'any' | 'extern'): void {
  const t = popRef(s);
  if (t !== REF_BOT && !refMatches(t, from)) throw typeMismatch();
  s.pushVal(refType(t !== REF_BOT && isNullable(t), to));
}

/** Pops an operand that must be a reference (the interpreter's peek_ref): unknown becomes (ref bot). */
export function popRef(s: TypeStack): RefType | typeof REF_BOT {
  const t = s.popVal();
  if (t === 'unknown') return REF_BOT;
  if (t === REF_BOT || isRefType(t)) return t;
  throw new ValidationError(`type mismatch: instruction requires reference type but stack has ${t}`);
}

function nonNull(t: RefType | typeof REF_BOT): RefType | typeof REF_BOT {
  return t === REF_BOT ? t : withNullable(t, false);
}

/** A reference type immediate (ref.test, ref.cast, br_on_cast*), closed: "unknown type" for a missing concrete type. */
function refImmediate(ctx: Context, t: RefType): RefType {
  checkValType(ctx.features, t);
  return closeInContext(ctx, t);
}

/**
 * return_call, return_call_indirect, return_call_ref: the callee's results
 * must match the caller's (spec 3.3.8).
 */
export function checkTailResults(env: FuncEnv, callee: FuncType): void {
  const rs = env.results;
  const cs = callee.results;
  if (cs.length === rs.length && cs.every((t, i) => valMatches(t, rs[i]!))) return;
  throw new ValidationError(`type mismatch: current function requires result type [${rs.join(' ')}] but callee returns [${cs.join(' ')}]`);
}

// --- types of aggregates ----------------------------------------------------

/** `(ref null? $x)` for type index x, closed (strings cached per TypeId). */
function concreteRef(ctx: Context, x: number, nullable: boolean): RefType {
  const id = ctx.ids[x];
  if (id === undefined) throw unknown('type', x);
  return nullable ? (NULLABLE[id] ??= refType(true, id)) : (NON_NULL[id] ??= refType(false, id));
}
const NULLABLE: RefType[] = [];
const NON_NULL: RefType[] = [];

function funcTypeOf(ctx: Context, x: number): FuncType {
  const t = ctx.types[x];
  if (t === undefined) throw unknown('type', x);
  if (!isFuncType(t)) throw new ValidationError(`type mismatch: non-function type ${x}`);
  return t;
}

function structTypeOf(ctx: Context, x: number): StructType {
  const t = ctx.types[x];
  if (t === undefined) throw unknown('type', x);
  if (isFuncType(t) || t.kind !== 'struct') throw new ValidationError(`type mismatch: non-structure type ${x}`);
  return t;
}

function arrayTypeOf(ctx: Context, x: number): ArrayType {
  const t = ctx.types[x];
  if (t === undefined) throw unknown('type', x);
  if (isFuncType(t) || t.kind !== 'array') throw new ValidationError(`type mismatch: non-array type ${x}`);
  return t;
}

function mutableArray(ctx: Context, x: number): ArrayType {
  const at = arrayTypeOf(ctx, x);
  if (!at.field.mutable) throw new ValidationError('immutable array');
  return at;
}

function fieldOf(st: StructType, y: number): FieldType {
  const f = st.fields[y];
  if (f === undefined) throw unknown('field', y);
  return f;
}

/** The value type a field's content has on the stack: packed fields read and write as i32. */
function unpacked(t: StorageType): ValType {
  return t === 'i8' || t === 'i16' ? 'i32' : t;
}

/** get_s/get_u exactly on packed fields, get exactly on unpacked ones. */
function checkPacked(f: FieldType, signed: boolean, what: 'field' | 'array'): void {
  const packed = f.type === 'i8' || f.type === 'i16';
  if (packed !== signed) throw new ValidationError(`${what} is ${signed ? 'unpacked' : 'packed'}`);
}

/** array.new_data/new_elem/init_data/init_elem: segment `index2` exists and suits the array's elements. */
function checkSegment(ctx: Context, at: ArrayType, ins: Instr): void {
  if (ins.op.endsWith('_data')) checkDataField(at, ctx, ins.index2!);
  else checkElemField(at, ctx, ins.index2!);
}

/** array.new_data / array.init_data: the segment exists and the elements are numbers or vectors. */
function checkDataField(at: ArrayType, ctx: Context, y: number): void {
  if (!(y >= 0 && y < ctx.datas)) throw unknown('data segment', y);
  if (isRefType(unpacked(at.field.type))) throw new ValidationError('array type is not numeric or vector');
}

/** array.new_elem / array.init_elem: the segment's element type matches the array's. */
function checkElemField(at: ArrayType, ctx: Context, y: number): void {
  const rt = ctx.elems[y];
  if (rt === undefined) throw unknown('elem segment', y);
  if (!storageMatches(rt, at.field.type)) {
    throw new ValidationError(`type mismatch: element segment's type ${rt} does not match array's field type ${at.field.type}`);
  }
}
