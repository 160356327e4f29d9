// How many operands an instruction pops and how many results it pushes, which
// the folded printer needs to nest operands inside their consumer. Context-free
// instructions take it from the opcode table; the rest from the module (call
// types, block types) and the enclosing labels.
import type { Instr } from '../syntax/instructions.js';
import { opInfo, signature } from '../syntax/opcodes.js';
import type { BlockType, FuncType, SubType } from '../syntax/types.js';
import { funcTypeOf } from './print-types.js';

export interface ArityContext {
  types: readonly SubType[];
  /** the type of a function index (imports first), undefined when out of range */
  funcType(index: number): FuncType | undefined;
  /** the type of a tag index (imports first), undefined when out of range or not given */
  tagType?(index: number): FuncType | undefined;
  /** arity of each enclosing label, innermost last (the function's own label first) */
  labels: number[];
}

/** Operands popped and results pushed; `results` undefined when unknown or the stack becomes polymorphic. */
export interface Arity {
  params: number;
  results: number | undefined;
}

const FIXED: Record<string, [number, number | undefined]> = {
  unreachable: [0, undefined],
  nop: [0, 0],
  'ref.null': [0, 1],
  'ref.is_null': [1, 1],
  'ref.func': [0, 1],
  drop: [1, 0],
  select: [3, 1],
  select_t: [3, 1],
  'local.get': [0, 1],
  'local.set': [1, 0],
  'local.tee': [1, 1],
  'global.get': [0, 1],
  'global.set': [1, 0],
  'table.get': [1, 1],
  'table.set': [2, 0],
  'table.init': [3, 0],
  'elem.drop': [0, 0],
  'table.copy': [3, 0],
  'table.grow': [2, 1],
  'table.size': [0, 1],
  'table.fill': [3, 0],
  throw_ref: [1, undefined],
  // typed function references and GC
  'ref.as_non_null': [1, 1],
  'ref.eq': [2, 1],
  'ref.test': [1, 1],
  'ref.cast': [1, 1],
  'ref.i31': [1, 1],
  'i31.get_s': [1, 1],
  'i31.get_u': [1, 1],
  'any.convert_extern': [1, 1],
  'extern.convert_any': [1, 1],
  'struct.new_default': [0, 1],
  'struct.get': [1, 1],
  'struct.get_s': [1, 1],
  'struct.get_u': [1, 1],
  'struct.set': [2, 0],
  'array.new': [2, 1],
  'array.new_default': [1, 1],
  'array.new_data': [2, 1],
  'array.new_elem': [2, 1],
  'array.get': [2, 1],
  'array.get_s': [2, 1],
  'array.get_u': [2, 1],
  'array.set': [3, 0],
  'array.len': [1, 1],
  'array.fill': [4, 0],
  'array.copy': [5, 0],
  'array.init_data': [4, 0],
  'array.init_elem': [4, 0],
};

export function blockParams(bt: BlockType, types: readonly SubType[]): number | undefined {
  return bt.kind === 'type' ? funcTypeOf(types, bt.index)?.params.length : 0;
}

export function blockResults(bt: BlockType, types: readonly SubType[]): number | undefined {
  if (bt.kind === 'empty') return 0;
  return bt.kind === 'value' ? 1 : funcTypeOf(types, bt.index)?.results.length;
}

/** The arity of a non-structured instruction, or undefined when it cannot be known. */
export function arityOf(i: Instr, ctx: ArityContext): Arity | undefined {
  const fixed = FIXED[i.op];
  if (fixed !== undefined) return { params: fixed[0], results: fixed[1] };
  const info = opInfo(i.op);
  const sig = info === undefined ? undefined : signature(info);
  if (sig !== undefined) return { params: sig.params.length, results: sig.results.length };
  const label = (depth: number | undefined) => (depth === undefined ? undefined : ctx.labels[ctx.labels.length - 1 - depth]);
  switch (i.op) {
    case 'br': {
      const n = label(i.index);
      return n === undefined ? undefined : { params: n, results: undefined };
    }
    case 'br_if': {
      const n = label(i.index);
      return n === undefined ? undefined : { params: n + 1, results: n };
    }
    case 'br_table': {
      const n = label(i.index);
      return n === undefined ? undefined : { params: n + 1, results: undefined };
    }
    case 'return':
      return { params: ctx.labels[0] ?? 0, results: undefined };
    case 'call': {
      const ft = i.index === undefined ? undefined : ctx.funcType(i.index);
      return ft === undefined ? undefined : { params: ft.params.length, results: ft.results.length };
    }
    case 'call_indirect': {
      const ft = i.index === undefined ? undefined : funcTypeOf(ctx.types, i.index);
      return ft === undefined ? undefined : { params: ft.params.length + 1, results: ft.results.length };
    }
    case 'call_ref': {
      const ft = i.index === undefined ? undefined : funcTypeOf(ctx.types, i.index);
      return ft === undefined ? undefined : { params: ft.params.length + 1, results: ft.results.length };
    }
    case 'return_call_ref': {
      const ft = i.index === undefined ? undefined : funcTypeOf(ctx.types, i.index);
      return ft === undefined ? undefined : { params: ft.params.length + 1, results: undefined };
    }
    case 'struct.new': {
      const t = i.index === undefined ? undefined : ctx.types[i.index];
      return t?.kind === 'struct' ? { params: t.fields.length, results: 1 } : undefined;
    }
    case 'array.new_fixed':
      return i.index2 === undefined ? undefined : { params: i.index2, results: 1 };
    // On a branch the label's values stay (br_on_null: and the reference; br_on_non_null: the reference was the last).
    case 'br_on_null': {
      const n = label(i.index);
      return n === undefined ? undefined : { params: n + 1, results: n + 1 };
    }
    case 'br_on_non_null': {
      const n = label(i.index);
      return n === undefined || n === 0 ? undefined : { params: n, results: n - 1 };
    }
    case 'br_on_cast':
    case 'br_on_cast_fail': {
      const n = label(i.index);
      return n === undefined ? undefined : { params: n, results: n };
    }
    // Tail calls and throws end the block: what follows is unreachable.
    case 'return_call': {
      const ft = i.index === undefined ? undefined : ctx.funcType(i.index);
      return ft === undefined ? undefined : { params: ft.params.length, results: undefined };
    }
    case 'return_call_indirect': {
      const ft = i.index === undefined ? undefined : funcTypeOf(ctx.types, i.index);
      return ft === undefined ? undefined : { params: ft.params.length + 1, results: undefined };
    }
    case 'throw': {
      const ft = i.index === undefined ? undefined : ctx.tagType?.(i.index);
      return ft === undefined ? undefined : { params: ft.params.length, results: undefined };
    }
    default:
      return undefined;
  }
}
