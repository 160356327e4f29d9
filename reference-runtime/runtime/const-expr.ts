// Constant expressions (spec 3.3.10, 4.4.10): global initialisers, segment
// offsets and element expressions, evaluated against a partly built instance.
// Extended constant expressions (3.0): i32/i64 add, sub and mul (wrapping),
// and global.get of any global defined before (the context holds only those).
import type { Instr } from '../syntax/instructions.js';
import type { FuncInstance } from './func.js';
import type { GlobalInstance } from './global.js';
import type { Value } from './values.js';

export interface ConstContext {
  funcs: FuncInstance[];
  globals: GlobalInstance[];
}

export function evalConst(expr: Instr[], ctx: ConstContext): Value {
  const stack: Value[] = [];
  for (const ins of expr) {
    const arith = ARITH[ins.op];
    if (arith === undefined) {
      stack.push(constInstr(ins, ctx));
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

function constInstr(ins: Instr, ctx: ConstContext): Value {
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
      return { type: ins.refType ?? 'funcref', ref: null } as Value;
    case 'ref.func':
      return { type: 'funcref', ref: ctx.funcs[ins.index!]! };
    case 'global.get':
      return ctx.globals[ins.index!]!.get();
    default:
      throw new Error(`not a constant instruction: ${ins.op}`);
  }
}
