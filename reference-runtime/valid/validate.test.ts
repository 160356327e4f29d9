import { describe, expect, it } from 'vitest';
import { WASM_2_0 } from '../syntax/features.js';
import { instr, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { OPCODES, signature } from '../syntax/opcodes.js';
import type { FuncType, ValType } from '../syntax/types.js';
import { validationOutcome } from './test-outcome.js';

const i32c = (v: number) => instr('i32.const', { i32: v });
/** "type mismatch", possibly followed by the interpreter's detail (": instruction requires ..."). */
const TYPE_MISMATCH = /^type mismatch($|:)/;

/** A module with one function of the given type and body (and optionally more parts). */
function moduleWith(ft: FuncType, body: Instr[], extra: Partial<Module> = {}, locals: ValType[] = []): Module {
  const m = emptyModule();
  m.types.push(ft);
  m.funcs.push({ type: 0, locals, body });
  return { ...m, ...extra };
}

const rejection = validationOutcome;

const noop: FuncType = { params: [], results: [] };
const toI32: FuncType = { params: [], results: ['i32'] };
const memory = { mems: [{ limits: { min: 1 } }] };

describe('function bodies', () => {
  it('accepts a well-typed body and rejects operand type errors', () => {
    expect(rejection(moduleWith(toI32, [i32c(1), i32c(2), instr('i32.add')]))).toBe('valid');
    expect(rejection(moduleWith(toI32, [i32c(1), instr('i64.const', { i64: 2n }), instr('i32.add')]))).toMatch(TYPE_MISMATCH);
    expect(rejection(moduleWith(toI32, []))).toMatch(TYPE_MISMATCH);
    expect(rejection(moduleWith(toI32, [i32c(1), i32c(2)]))).toMatch(TYPE_MISMATCH);
  });

  it('makes the stack polymorphic after unreachable, br and return', () => {
    expect(rejection(moduleWith(toI32, [instr('unreachable'), instr('i32.add')]))).toBe('valid');
    expect(rejection(moduleWith(toI32, [instr('return'), instr('i64.add')]))).toMatch(TYPE_MISMATCH);
    expect(rejection(moduleWith(toI32, [instr('br', { index: 0 })]))).toMatch(TYPE_MISMATCH);
    expect(rejection(moduleWith(toI32, [i32c(0), instr('br', { index: 0 }), instr('drop'), instr('drop')]))).toBe('valid');
  });

  it('types untyped select per the appendix: unknown does not make a reference numeric', () => {
    const refFn: FuncType = { params: [], results: ['funcref'] };
    expect(rejection(moduleWith(refFn, [instr('unreachable'), instr('ref.null', { refType: 'funcref' }), i32c(1), instr('select')]))).toMatch(TYPE_MISMATCH);
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
    expect(rejection(moduleWith(noop, [instr('block', { body: [blockI32([i32c(0), i32c(0), table])] }), instr('drop')]))).toMatch(TYPE_MISMATCH);
    // An unknown operand (select of unknowns) matches i32 and i64 targets alike.
    const poly = [instr('unreachable'), instr('select'), i32c(0), table];
    expect(rejection(moduleWith(noop, [blockI64([blockI32(poly), instr('drop'), instr('i64.const', { i64: 0n })]), instr('drop')]))).toBe(
      'valid',
    );
    // A concrete i32 operand does not match the i64 target.
    const concrete = [i32c(7), i32c(0), table];
    expect(
      rejection(moduleWith(noop, [blockI64([blockI32(concrete), instr('drop'), instr('i64.const', { i64: 0n })]), instr('drop')])),
    ).toMatch(TYPE_MISMATCH);
    expect(rejection(moduleWith(noop, [i32c(0), instr('br_table', { labels: [3], index: 0 })]))).toBe('unknown label 3');
  });

  it('requires an if without else to have equal parameters and results', () => {
    const m = moduleWith(toI32, [i32c(1), instr('if', { blockType: { kind: 'value', type: 'i32' }, body: [i32c(1)] })]);
    expect(rejection(m)).toMatch(TYPE_MISMATCH);
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
    expect(rejection(moduleWith(noop, bad))).toMatch(TYPE_MISMATCH);
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
    expect(rejection(moduleWith(noop, [i32c(1), instr('global.set', { index: 0 })], { globals }), WASM_2_0)).toBe('global is immutable');
    expect(rejection(moduleWith(noop, [i32c(1), instr('global.set', { index: 0 })], { globals }))).toBe('immutable global');
    const tables = [{ limits: { min: 1 }, elem: 'externref' as const }, { limits: { min: 1 }, elem: 'funcref' as const }];
    expect(rejection(moduleWith(noop, [i32c(0), instr('call_indirect', { index: 0, index2: 0 })], { tables }))).toMatch(/^type mismatch/);
    expect(rejection(moduleWith(noop, [i32c(0), instr('call_indirect', { index: 0, index2: 1 })], { tables }))).toBe('valid');
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(0), instr('table.copy', { index: 0, index2: 1 })], { tables }))).toMatch(TYPE_MISMATCH);
    const elems = [{ type: 'funcref' as const, init: [], mode: { kind: 'passive' as const } }];
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(0), instr('table.init', { index: 0, index2: 1 })], { tables, elems }))).toBe('valid');
    expect(rejection(moduleWith(noop, [i32c(0), i32c(0), i32c(0), instr('table.init', { index: 0, index2: 0 })], { tables, elems }))).toMatch(TYPE_MISMATCH);
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
      if (params.length > 0) expect(rejection(moduleWith({ params, results }, body.slice(1), extra)), info.name).toMatch(TYPE_MISMATCH);
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
    const check = (init: Instr[], type?: ValType) => rejection({ ...emptyModule(), imports, globals: [global(init, type), global([i32c(0)])] }, WASM_2_0);
    expect(check([instr('global.get', { index: 0 })])).toBe('valid');
    expect(check([instr('global.get', { index: 1 })])).toBe('constant expression required');
    expect(check([instr('global.get', { index: 3 })])).toBe('unknown global 3');
    expect(check([i32c(1), i32c(2), instr('i32.add')])).toBe('constant expression required');
    expect(check([instr('nop')])).toBe('constant expression required');
    expect(check([])).toMatch(TYPE_MISMATCH);
    expect(check([instr('i64.const', { i64: 0n })])).toMatch(TYPE_MISMATCH);
    expect(check([instr('ref.null', { refType: 'externref' })], 'externref')).toBe('valid');
  });

  it('checks limits, memories, start, exports and segments', () => {
    const mod = (extra: Partial<Module>) => rejection({ ...emptyModule(), ...extra });
    expect(mod({ mems: [{ limits: { min: 65537 } }] })).toBe('memory size must be at most 65536 pages (4GiB)');
    expect(mod({ mems: [{ limits: { min: 2, max: 1 } }] })).toBe('size minimum must not be greater than maximum');
    expect(mod({ tables: [{ limits: { min: 2, max: 1 }, elem: 'funcref' }] })).toBe('size minimum must not be greater than maximum');
    expect(rejection({ ...emptyModule(), mems: [{ limits: { min: 0 } }, { limits: { min: 0 } }] }, WASM_2_0)).toBe('multiple memories');
    expect(mod({ exports: [{ name: 'm', kind: 'memory', index: 0 }] })).toBe('unknown memory 0');
    const two = { mems: [{ limits: { min: 0 } }], globals: [{ type: { type: 'i32' as const, mutable: false }, init: [i32c(0)] }] };
    const dup = [{ name: 'x', kind: 'memory' as const, index: 0 }, { name: 'x', kind: 'global' as const, index: 0 }];
    expect(mod({ ...two, exports: dup })).toBe('duplicate export name');
    expect(rejection(moduleWith(toI32, [i32c(0)], { start: 0 }))).toMatch(/^start function/);
    expect(rejection(moduleWith(noop, [], { start: 1 }))).toBe('unknown function 1');
    expect(mod({ datas: [{ init: new Uint8Array(), mode: { kind: 'active', memory: 0, offset: [i32c(0)] } }] })).toBe('unknown memory 0');
    const elem = { type: 'externref' as const, init: [], mode: { kind: 'active' as const, table: 0, offset: [i32c(0)] } };
    expect(mod({ elems: [elem] })).toBe('unknown table 0');
    expect(mod({ tables: [{ limits: { min: 0 }, elem: 'funcref' }], elems: [elem] })).toMatch(TYPE_MISMATCH);
    const m = emptyModule();
    m.funcs.push({ type: 0, locals: [], body: [] });
    expect(rejection(m)).toBe('unknown type 0');
  });
});

describe('3.0 rules', () => {
  const global = (init: Instr[], mutable = false, type: ValType = 'i32') => ({ type: { type, mutable }, init });
  const importGlobal = { module: 'm', name: 'g', desc: { kind: 'global' as const, global: { type: 'i32' as const, mutable: false } } };

  it('allows several memories and names a missing one by index', () => {
    const two = { mems: [{ limits: { min: 1 } }, { limits: { min: 1 } }] };
    const load = (index: number) => [i32c(0), instr('i32.load', { index, align: 2, offset: 0 })];
    expect(rejection(moduleWith(toI32, load(1), two))).toBe('valid');
    expect(rejection(moduleWith(toI32, load(1), two), WASM_2_0)).toBe('multiple memories');
    expect(rejection(moduleWith(toI32, load(1), memory))).toBe('unknown memory 1');
    const data = { init: new Uint8Array(1), mode: { kind: 'active' as const, memory: 1, offset: [i32c(0)] } };
    expect(rejection({ ...emptyModule(), ...two, datas: [data] })).toBe('valid');
    expect(rejection({ ...emptyModule(), ...memory, datas: [data] })).toBe('unknown memory 1');
    const copy = [i32c(0), i32c(0), i32c(0), instr('memory.copy', { index: 1, index2: 2 })];
    expect(rejection(moduleWith(noop, copy, two))).toBe('unknown memory 2');
    const init = [i32c(0), i32c(0), i32c(0), instr('memory.init', { index: 0, index2: 1 })];
    expect(rejection(moduleWith(noop, init, { ...memory, datas: [{ init: new Uint8Array(), mode: { kind: 'passive' } }] }))).toBe('unknown memory 1');
  });

  it('extends constant expressions: i32/i64 add, sub, mul, and earlier globals in initialisers, all globals in segments', () => {
    const globals = (...inits: Instr[][]) => rejection({ ...emptyModule(), imports: [importGlobal], globals: inits.map((i) => global(i)) });
    const globals20 = (...inits: Instr[][]) => rejection({ ...emptyModule(), imports: [importGlobal], globals: inits.map((i) => global(i)) }, WASM_2_0);
    const sum = [instr('global.get', { index: 0 }), i32c(2), instr('i32.mul'), i32c(1), instr('i32.sub'), i32c(1), instr('i32.add')];
    expect(globals(sum)).toBe('valid');
    expect(globals20(sum)).toBe('constant expression required');
    expect(globals([i32c(1), i32c(2), instr('i32.div_s')])).toBe('constant expression required');
    const i64sum = [instr('i64.const', { i64: 1n }), instr('i64.const', { i64: 2n }), instr('i64.mul'), instr('i32.wrap_i64')];
    expect(globals(i64sum)).toBe('constant expression required');
    // Global 2 (the second defined) may read global 1 (the first defined), not the reverse.
    expect(globals([i32c(0)], [instr('global.get', { index: 1 })])).toBe('valid');
    expect(globals20([i32c(0)], [instr('global.get', { index: 1 })])).toBe('unknown global 1');
    expect(globals([instr('global.get', { index: 2 })], [i32c(0)])).toBe('unknown global 2');
    expect(globals([instr('global.get', { index: 1 })])).toBe('unknown global 1');
    const mutableFirst = { ...emptyModule(), globals: [global([i32c(0)], true), global([instr('global.get', { index: 0 })])] };
    expect(rejection(mutableFirst)).toBe('constant expression required');
    // Segments see every global.
    const seg = { ...emptyModule(), ...memory, globals: [global([i32c(0)])], datas: [{ init: new Uint8Array(1), mode: { kind: 'active' as const, memory: 0, offset: [instr('global.get', { index: 0 })] } }] };
    expect(rejection(seg)).toBe('valid');
    expect(rejection(seg, WASM_2_0)).toBe('unknown global 0');
  });

  it('checks table initialisers against the imported globals only, and declares the functions they name', () => {
    const table = (init: Instr[]) => ({ limits: { min: 1 }, elem: 'funcref' as const, init });
    const defined = { globals: [global([instr('ref.null', { refType: 'funcref' })], false, 'funcref')] };
    expect(rejection({ ...emptyModule(), ...defined, tables: [table([instr('global.get', { index: 0 })])] })).toBe('unknown global 0');
    expect(rejection({ ...emptyModule(), tables: [table([instr('ref.null', { refType: 'externref' })])] })).toMatch(TYPE_MISMATCH);
    const body = [instr('ref.func', { index: 0 }), instr('drop')];
    expect(rejection(moduleWith(noop, body, { tables: [table([instr('ref.func', { index: 0 })])] }))).toBe('valid');
  });

  it('types tail calls: the callee returns what the caller returns', () => {
    const callee = (results: ValType[]) => {
      const m = moduleWith(toI32, [i32c(5), instr('return_call', { index: 1 })]);
      m.types.push({ params: ['i32'], results });
      m.funcs.push({ type: 1, locals: [], body: [instr('unreachable')] });
      return m;
    };
    expect(rejection(callee(['i32']))).toBe('valid');
    expect(rejection(callee(['i64']))).toMatch(TYPE_MISMATCH);
    expect(rejection(callee([]))).toMatch(TYPE_MISMATCH);
    const m = callee(['i32']);
    m.funcs[0]!.body.push(instr('i64.add'), instr('drop'), i32c(0));
    expect(rejection(m)).toBe('valid');
    expect(rejection(moduleWith(noop, [instr('return_call', { index: 3 })]))).toBe('unknown function 3');
    const tables = [{ limits: { min: 1 }, elem: 'externref' as const }, { limits: { min: 1 }, elem: 'funcref' as const }];
    const indirect = (table: number) => moduleWith(toI32, [i32c(0), instr('return_call_indirect', { index: 1, index2: table })], { tables });
    const ok = indirect(1);
    ok.types.push({ params: [], results: ['i32'] });
    expect(rejection(ok)).toBe('valid');
    const ext = indirect(0);
    ext.types.push({ params: [], results: ['i32'] });
    expect(rejection(ext)).toMatch(TYPE_MISMATCH);
    const wrong = indirect(1);
    wrong.types.push({ params: [], results: ['f32'] });
    expect(rejection(wrong)).toMatch(TYPE_MISMATCH);
  });

  it('rejects under a feature set what a missing feature introduced', () => {
    const tail = moduleWith(noop, [instr('return_call', { index: 0 })]);
    expect(rejection(tail)).toBe('valid');
    expect(rejection(tail, WASM_2_0)).toBe('return_call requires the tail-call feature');
    expect(rejection(moduleWith(noop, [], {}, ['exnref']), WASM_2_0)).toBe('exnref requires the exceptions feature');
    expect(rejection(moduleWith(noop, [instr('ref.null', { refType: 'exnref' }), instr('drop')]), WASM_2_0)).toBe('exnref requires the exceptions feature');
    expect(rejection({ ...emptyModule(), mems: [{ limits: { min: 0 }, addr: 'i64' }] }, WASM_2_0)).toMatch(/requires the memory64 feature$/);
    expect(rejection({ ...emptyModule(), types: [noop], tags: [{ type: 0 }] }, WASM_2_0)).toMatch(/requires the exceptions feature$/);
    const v = instr('v128.const', { bytes: new Uint8Array(16) });
    const relaxed = moduleWith({ params: [], results: ['v128'] }, [v, v, instr('f32x4.relaxed_min')]);
    expect(rejection(relaxed)).toBe('valid');
    expect(rejection(relaxed, new Set(['memory64']))).toBe('f32x4.relaxed_min requires the relaxed-simd feature');
    const extended = { ...emptyModule(), globals: [global([i32c(1), i32c(2), instr('i32.add')])] };
    expect(rejection(extended, new Set(['gc']))).toBe('constant expression required');
  });
});
