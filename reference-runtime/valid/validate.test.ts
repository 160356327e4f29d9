import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { instr, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { OPCODES, signature } from '../syntax/opcodes.js';
import type { FuncType, ValType } from '../syntax/types.js';
import { validateModule } from './validate.js';

const i32c = (v: number) => instr('i32.const', { i32: v });

/** A module with one function of the given type and body (and optionally more parts). */
function moduleWith(ft: FuncType, body: Instr[], extra: Partial<Module> = {}, locals: ValType[] = []): Module {
  const m = emptyModule();
  m.types.push(ft);
  m.funcs.push({ type: 0, locals, body });
  return { ...m, ...extra };
}

function rejection(m: Module): string {
  try {
    validateModule(m);
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
  return 'valid';
}

const noop: FuncType = { params: [], results: [] };
const toI32: FuncType = { params: [], results: ['i32'] };
const memory = { mems: [{ limits: { min: 1 } }] };

describe('function bodies', () => {
  it('accepts a well-typed body and rejects operand type errors', () => {
    expect(rejection(moduleWith(toI32, [i32c(1), i32c(2), instr('i32.add')]))).toBe('valid');
    expect(rejection(moduleWith(toI32, [i32c(1), instr('i64.const', { i64: 2n }), instr('i32.add')]))).toBe('type mismatch');
    expect(rejection(moduleWith(toI32, []))).toBe('type mismatch');
    expect(rejection(moduleWith(toI32, [i32c(1), i32c(2)]))).toBe('type mismatch');
  });

  it('makes the stack polymorphic after unreachable, br and return', () => {
    expect(rejection(moduleWith(toI32, [instr('unreachable'), instr('i32.add')]))).toBe('valid');
    expect(rejection(moduleWith(toI32, [instr('return'), instr('i64.add')]))).toBe('type mismatch');
    expect(rejection(moduleWith(toI32, [instr('br', { index: 0 })]))).toBe('type mismatch');
    expect(rejection(moduleWith(toI32, [i32c(0), instr('br', { index: 0 }), instr('drop'), instr('drop')]))).toBe('valid');
  });

  it('types untyped select per the appendix: unknown does not make a reference numeric', () => {
    const refFn: FuncType = { params: [], results: ['funcref'] };
    expect(rejection(moduleWith(refFn, [instr('unreachable'), instr('ref.null', { refType: 'funcref' }), i32c(1), instr('select')]))).toBe(
      'type mismatch',
    );
    expect(rejection(moduleWith(toI32, [instr('unreachable'), instr('select')]))).toBe('valid');
    const typed = [instr('ref.null', { refType: 'funcref' }), instr('ref.null', { refType: 'funcref' }), i32c(1)];
    expect(rejection(moduleWith(refFn, [...typed, instr('select_t', { types: ['funcref'] })]))).toBe('valid');
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(1), instr('select_t', { types: [] })]))).toBe('invalid result arity');
  });

  it('checks br_table targets for equal arity and the operands against every target', () => {
    const blockI32 = (body: Instr[]) => instr('block', { blockType: { kind: 'value', type: 'i32' }, body });
    const blockI64 = (body: Instr[]) => instr('block', { blockType: { kind: 'value', type: 'i64' }, body });
    const table = instr('br_table', { labels: [0], index: 1 });
    // Targets of different arity.
    expect(rejection(moduleWith(noop, [instr('block', { body: [blockI32([i32c(0), i32c(0), table])] }), instr('drop')]))).toBe(
      'type mismatch',
    );
    // An unknown operand (select of unknowns) matches i32 and i64 targets alike.
    const poly = [instr('unreachable'), instr('select'), i32c(0), table];
    expect(rejection(moduleWith(noop, [blockI64([blockI32(poly), instr('drop'), instr('i64.const', { i64: 0n })]), instr('drop')]))).toBe(
      'valid',
    );
    // A concrete i32 operand does not match the i64 target.
    const concrete = [i32c(7), i32c(0), table];
    expect(
      rejection(moduleWith(noop, [blockI64([blockI32(concrete), instr('drop'), instr('i64.const', { i64: 0n })]), instr('drop')])),
    ).toBe('type mismatch');
    expect(rejection(moduleWith(noop, [i32c(0), instr('br_table', { labels: [3], index: 0 })]))).toBe('unknown label 3');
  });

  it('requires an if without else to have equal parameters and results', () => {
    const m = moduleWith(toI32, [i32c(1), instr('if', { blockType: { kind: 'value', type: 'i32' }, body: [i32c(1)] })]);
    expect(rejection(m)).toBe('type mismatch');
    m.funcs[0]!.body[1]!.elseBody = [i32c(2)];
    expect(rejection(m)).toBe('valid');
    const withParams = moduleWith({ params: ['i32'], results: ['i32'] }, [instr('local.get', { index: 0 }), i32c(1), instr('if', { blockType: { kind: 'type', index: 1 }, body: [] })]);
    withParams.types.push({ params: ['i32'], results: ['i32'] });
    expect(rejection(withParams)).toBe('valid');
  });

  it('gives loop labels their parameter types', () => {
    const loopType: FuncType = { params: ['i32'], results: ['i64'] };
    const m = moduleWith(noop, [i32c(0), instr('loop', { blockType: { kind: 'type', index: 1 }, body: [instr('br', { index: 0 })] }), instr('drop')]);
    m.types.push(loopType);
    expect(rejection(m)).toBe('valid');
    m.funcs[0]!.body[1]!.blockType = { kind: 'type', index: 9 };
    expect(rejection(m)).toBe('unknown type 9');
  });

  it('validates 100000 nested blocks without recursion', () => {
    let body: Instr[] = [];
    for (let i = 0; i < 100_000; i++) body = [instr('block', { body })];
    expect(rejection(moduleWith(noop, body))).toBe('valid');
    let bad: Instr[] = [i32c(0)];
    for (let i = 0; i < 100_000; i++) bad = [instr('block', { body: bad })];
    expect(rejection(moduleWith(noop, bad))).toBe('type mismatch');
  });

  it('names missing locals, globals, functions, tables, labels and segments', () => {
    expect(rejection(moduleWith(noop, [instr('local.get', { index: 2 }), instr('drop')], {}, ['i32', 'i64']))).toBe('unknown local 2');
    expect(rejection(moduleWith(noop, [instr('global.get', { index: 1 }), instr('drop')]))).toBe('unknown global 1');
    expect(rejection(moduleWith(noop, [instr('call', { index: 7 })]))).toBe('unknown function 7');
    expect(rejection(moduleWith(noop, [i32c(0), instr('call_indirect', { index: 0, index2: 0 })]))).toBe('unknown table 0');
    expect(rejection(moduleWith(noop, [instr('br', { index: 1 })]))).toBe('unknown label 1');
    expect(rejection(moduleWith(noop, [instr('elem.drop', { index: 4 })]))).toBe('unknown elem segment 4');
    expect(rejection(moduleWith(noop, [instr('data.drop', { index: 0 })]))).toBe('unknown data segment 0');
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(0), instr('memory.init', { index: 1 })], memory))).toBe('unknown data segment 1');
  });

  it('checks global mutability, call_indirect table type and table.copy/init element types', () => {
    const globals = [{ type: { type: 'i32' as const, mutable: false }, init: [i32c(0)] }];
    expect(rejection(moduleWith(noop, [i32c(1), instr('global.set', { index: 0 })], { globals }))).toBe('global is immutable');
    const tables = [{ limits: { min: 1 }, elem: 'externref' as const }, { limits: { min: 1 }, elem: 'funcref' as const }];
    expect(rejection(moduleWith(noop, [i32c(0), instr('call_indirect', { index: 0, index2: 0 })], { tables }))).toMatch(/^type mismatch/);
    expect(rejection(moduleWith(noop, [i32c(0), instr('call_indirect', { index: 0, index2: 1 })], { tables }))).toBe('valid');
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(0), instr('table.copy', { index: 0, index2: 1 })], { tables }))).toBe('type mismatch');
    const elems = [{ type: 'funcref' as const, init: [], mode: { kind: 'passive' as const } }];
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(0), instr('table.init', { index: 0, index2: 1 })], { tables, elems }))).toBe('valid');
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(0), instr('table.init', { index: 0, index2: 0 })], { tables, elems }))).toBe(
      'type mismatch',
    );
  });

  it('requires ref.func targets in function bodies to be declared outside them', () => {
    const body = [instr('ref.func', { index: 0 }), instr('drop')];
    expect(rejection(moduleWith(noop, body))).toBe('undeclared function reference');
    expect(rejection(moduleWith(noop, body, { exports: [{ name: 'f', kind: 'func', index: 0 }] }))).toBe('valid');
    const elems = [{ type: 'funcref' as const, init: [[instr('ref.func', { index: 0 })]], mode: { kind: 'declarative' as const } }];
    expect(rejection(moduleWith(noop, body, { elems }))).toBe('valid');
  });
});

describe('memory, alignment and lanes', () => {
  it('requires a memory, natural alignment at most, and lane indices in range', () => {
    const load = (align: number) => [i32c(0), instr('i32.load', { align, offset: 0 }), instr('drop')];
    expect(rejection(moduleWith(noop, load(2)))).toBe('unknown memory 0');
    expect(rejection(moduleWith(noop, load(2), memory))).toBe('valid');
    expect(rejection(moduleWith(noop, load(3), memory))).toBe('alignment must not be larger than natural');
    const v = instr('v128.const', { bytes: new Uint8Array(16) });
    expect(rejection(moduleWith(toI32, [v, instr('i32x4.extract_lane', { lane: 3 })]))).toBe('valid');
    expect(rejection(moduleWith(toI32, [v, instr('i32x4.extract_lane', { lane: 4 })]))).toBe('invalid lane index');
    const lanes = new Uint8Array(16).fill(31);
    const shuffle = (b: Uint8Array) => [v, v, instr('i8x16.shuffle', { bytes: b }), instr('drop')];
    expect(rejection(moduleWith(noop, shuffle(lanes)))).toBe('valid');
    expect(rejection(moduleWith(noop, shuffle(lanes.map((x, i) => (i === 5 ? 32 : x)))))).toBe('invalid lane index');
    const loadLane = (lane: number) => [i32c(0), v, instr('v128.load64_lane', { align: 3, offset: 0, lane }), instr('drop')];
    expect(rejection(moduleWith(noop, loadLane(1), memory))).toBe('valid');
    expect(rejection(moduleWith(noop, loadLane(2), memory))).toBe('invalid lane index');
  });

  it('types every instruction with a table signature from that signature', () => {
    const letters: Record<string, ValType> = { i32: 'i32', i64: 'i64', f32: 'f32', f64: 'f64', v128: 'v128' };
    let checked = 0;
    for (const info of OPCODES) {
      const sig = signature(info);
      if (sig === undefined) continue;
      const params = sig.params.map((t) => letters[t]!);
      const results = sig.results.map((t) => letters[t]!);
      const ins = instr(info.name, { align: info.align, offset: 0, lane: 0, index: 0, bytes: new Uint8Array(16), i32: 0, i64: 0n, f32: 0, f64: 0n });
      const body = [...params.map((_, i) => instr('local.get', { index: i })), ins];
      const extra: Partial<Module> = { ...memory, datas: [{ init: new Uint8Array(), mode: { kind: 'passive' } }] };
      expect(rejection(moduleWith({ params, results }, body, extra)), info.name).toBe('valid');
      // One operand short must not validate.
      if (params.length > 0) expect(rejection(moduleWith({ params, results }, body.slice(1), extra)), info.name).toBe('type mismatch');
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });
});

describe('module-level rules', () => {
  it('checks constant expressions against the 2.0 rules', () => {
    const imports = [
      { module: 'm', name: 'c', desc: { kind: 'global' as const, global: { type: 'i32' as const, mutable: false } } },
      { module: 'm', name: 'v', desc: { kind: 'global' as const, global: { type: 'i32' as const, mutable: true } } },
    ];
    const global = (init: Instr[], type: ValType = 'i32') => ({ type: { type, mutable: false }, init });
    const check = (init: Instr[], type?: ValType) => rejection({ ...emptyModule(), imports, globals: [global(init, type), global([i32c(0)])] });
    expect(check([instr('global.get', { index: 0 })])).toBe('valid');
    expect(check([instr('global.get', { index: 1 })])).toBe('constant expression required');
    expect(check([instr('global.get', { index: 3 })])).toBe('unknown global 3');
    expect(check([i32c(1), i32c(2), instr('i32.add')])).toBe('constant expression required');
    expect(check([instr('nop')])).toBe('constant expression required');
    expect(check([])).toBe('type mismatch');
    expect(check([instr('i64.const', { i64: 0n })])).toBe('type mismatch');
    expect(check([instr('ref.null', { refType: 'externref' })], 'externref')).toBe('valid');
  });

  it('checks limits, memories, start, exports and segments', () => {
    const mod = (extra: Partial<Module>) => rejection({ ...emptyModule(), ...extra });
    expect(mod({ mems: [{ limits: { min: 65537 } }] })).toBe('memory size must be at most 65536 pages (4GiB)');
    expect(mod({ mems: [{ limits: { min: 2, max: 1 } }] })).toBe('size minimum must not be greater than maximum');
    expect(mod({ tables: [{ limits: { min: 2, max: 1 }, elem: 'funcref' }] })).toBe('size minimum must not be greater than maximum');
    expect(mod({ mems: [{ limits: { min: 0 } }, { limits: { min: 0 } }] })).toBe('multiple memories');
    expect(mod({ exports: [{ name: 'm', kind: 'memory', index: 0 }] })).toBe('unknown memory 0');
    const two = { mems: [{ limits: { min: 0 } }], globals: [{ type: { type: 'i32' as const, mutable: false }, init: [i32c(0)] }] };
    const dup = [{ name: 'x', kind: 'memory' as const, index: 0 }, { name: 'x', kind: 'global' as const, index: 0 }];
    expect(mod({ ...two, exports: dup })).toBe('duplicate export name');
    expect(rejection(moduleWith(toI32, [i32c(0)], { start: 0 }))).toMatch(/^start function/);
    expect(rejection(moduleWith(noop, [], { start: 1 }))).toBe('unknown function 1');
    expect(mod({ datas: [{ init: new Uint8Array(), mode: { kind: 'active', memory: 0, offset: [i32c(0)] } }] })).toBe('unknown memory 0');
    const elem = { type: 'externref' as const, init: [], mode: { kind: 'active' as const, table: 0, offset: [i32c(0)] } };
    expect(mod({ elems: [elem] })).toBe('unknown table 0');
    expect(mod({ tables: [{ limits: { min: 0 }, elem: 'funcref' }], elems: [elem] })).toBe('type mismatch');
    const m = emptyModule();
    m.funcs.push({ type: 0, locals: [], body: [] });
    expect(rejection(m)).toBe('unknown type 0');
  });
});
