// Constant expressions (spec 3.3.10, 4.4.10): global initialisers, segment
// offsets and element expressions, evaluated against a partly built instance.
// Extended constant expressions (3.0): i32/i64 add, sub and mul (wrapping),
// and global.get of any global defined before (the context holds only those).
// GC (3.0): ref.i31, struct.new(_default), array.new(_default, _fixed) and
// the extern/any conversions allocate or convert as their instructions do
// (exec/gc.ts), charged to the same allocation budget.
import type { Instr } from '../syntax/instructions.js';
import type { RefType } from '../syntax/types.js';
import { closeType, type TypeId } from '../types/canonical.js';
import { newArrayDefault, newArrayOf, newArray, newStruct, newStructDefault, structLayout } from './aggregate.js';
import type { FuncInstance } from './func.js';
import type { GlobalInstance } from './global.js';
import { I31Ref } from './i31.js';
import { refValueType } from './ref-type.js';
import type { Value } from './values.js';

export interface ConstContext {
  funcs: FuncInstance[];
  globals: GlobalInstance[];
  /** the module's type index → TypeId */
  typeIds: readonly TypeId[];
}

export function evalConst(expr: Instr[], ctx: ConstContext): Value {
  const stack: Value[] = [];
  for (const ins of expr) {
    const arith = ARITH[ins.op];
    if (arith === undefined) {
      stack.push(constInstr(ins, ctx, stack));
      continue;
    }
    const b = stack.pop();
    const a = stack.pop();
    if (a === undefined || b === undefined || a.type !== b.type) throw new Error(`${ins.op}: ill-typed constant expression`);
    stack.push(arith(a, b));
  }
  const v = stack.pop();
  if (v === undefined || stack.length > 0) throw new Error('constant expression does not produce one value');
  return v;
}

type Arith = (a: Value, b: Value) => Value;
const i32 = (f: (x: number, y: number) => number): Arith => (a, b) => ({ type: 'i32', value: f((a as { value: number }).value, (b as { value: number }).value) | 0 });
const i64 = (f: (x: bigint, y: bigint) => bigint): Arith => (a, b) => ({ type: 'i64', value: BigInt.asIntN(64, f((a as { value: bigint }).value, (b as { value: bigint }).value)) });

/** The extended-const arithmetic: wrapping, as the numeric instructions (spec 4.3.2 iadd, isub, imul). */
const ARITH: Record<string, Arith | undefined> = {
  'i32.add': i32((x, y) => x + y),
  'i32.sub': i32((x, y) => x - y),
  'i32.mul': i32(Math.imul),
  'i64.add': i64((x, y) => x + y),
  'i64.sub': i64((x, y) => x - y),
  'i64.mul': i64((x, y) => x * y),
};

function pop(stack: Value[], op: string): Value {
  const v = stack.pop();
  if (v === undefined) throw new Error(`${op}: ill-typed constant expression`);
  return v;
}

function popN(stack: Value[], n: number, op: string): Value[] {
  if (stack.length < n) throw new Error(`${op}: ill-typed constant expression`);
  return stack.splice(stack.length - n, n);
}

/** An i32 operand as a u32 (a length). */
function popU32(stack: Value[], op: string): number {
  const v = pop(stack, op);
  if (v.type !== 'i32') throw new Error(`${op}: ill-typed constant expression`);
  return v.value >>> 0;
}

function refOperand(v: Value): unknown {
  return 'ref' in v ? (v.ref ?? null) : null;
}

/** Executes one constant instruction: pops its operands off `stack`, returns its result. */
function constInstr(ins: Instr, ctx: ConstContext, stack: Value[]): Value {
  switch (ins.op) {
    case 'i32.const':
      return { type: 'i32', value: ins.i32! };
    case 'i64.const':
      return { type: 'i64', value: ins.i64! };
    case 'f32.const':
      return { type: 'f32', bits: ins.f32! >>> 0 };
    case 'f64.const':
      return { type: 'f64', bits: BigInt.asUintN(64, ins.f64!) };
    case 'v128.const':
      return { type: 'v128', bytes: new Uint8Array(ins.bytes!) };
    case 'ref.null':
      return { type: refValueType(closeType(ins.refType ?? 'funcref', ctx.typeIds) as RefType), ref: null } as Value;
    case 'ref.func':
      return { type: 'funcref', ref: ctx.funcs[ins.index!]! };
    case 'global.get':
      return ctx.globals[ins.index!]!.get();
    case 'ref.i31': {
      const v = pop(stack, ins.op);
      if (v.type !== 'i32') throw new Error('ref.i31: ill-typed constant expression');
      return { type: 'anyref', ref: new I31Ref(v.value) };
    }
    case 'any.convert_extern':
      return { type: 'anyref', ref: refOperand(pop(stack, ins.op)) };
    case 'extern.convert_any':
      return { type: 'externref', ref: refOperand(pop(stack, ins.op)) };
    case 'struct.new': {
      const id = ctx.typeIds[ins.index!]!;
      return { type: 'anyref', ref: newStruct(id, popN(stack, structLayout(id).slots.length, ins.op)) };
    }
    case 'struct.new_default':
      return { type: 'anyref', ref: newStructDefault(ctx.typeIds[ins.index!]!) };
    case 'array.new': {
      const n = popU32(stack, ins.op);
      return { type: 'anyref', ref: newArrayOf(ctx.typeIds[ins.index!]!, n, pop(stack, ins.op)) };
    }
    case 'array.new_default':
      return { type: 'anyref', ref: newArrayDefault(ctx.typeIds[ins.index!]!, popU32(stack, ins.op)) };
    case 'array.new_fixed':
      return { type: 'anyref', ref: newArray(ctx.typeIds[ins.index!]!, popN(stack, ins.index2!, ins.op)) };
    default:
      throw new Error(`not a constant instruction: ${ins.op}`);
  }
}
