// Constant expressions (spec 3.3.10, 4.4.10): global initialisers, segment
// offsets and element expressions, evaluated against a partly built instance.
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
  for (const ins of expr) stack.push(constInstr(ins, ctx));
  const v = stack.pop();
  if (v === undefined || stack.length > 0) throw new Error('constant expression does not produce one value');
  return v;
}

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
      return ins.refType === 'funcref' ? { type: 'funcref', ref: null } : { type: 'externref', ref: null };
    case 'ref.func':
      return { type: 'funcref', ref: ctx.funcs[ins.index!]! };
    case 'global.get':
      return ctx.globals[ins.index!]!.get();
    default:
      throw new Error(`not a constant instruction: ${ins.op}`);
  }
}
