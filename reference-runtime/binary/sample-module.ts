// Modules that exercise every section and every kind of immediate, of 2.0,
// of the 3.0 binary forms of part 1, and of typed function references and
// GC: seeds for fuzzing and fixtures for round-trip tests, built as ASTs so
// they need no text parser.
import { instr as I, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';

const i32 = (v: number): Instr => I('i32.const', { i32: v });

export function sampleModule(): Module {
  const m = emptyModule();
  m.types = [
    { params: [], results: [] },
    { params: ['i32', 'i64'], results: ['f32', 'f64', 'v128'] },
    { params: ['funcref', 'externref'], results: ['i32'] },
  ];
  m.imports = [
    { module: 'env', name: 'f', desc: { kind: 'func', type: 0 } },
    { module: 'env', name: 't', desc: { kind: 'table', table: { limits: { min: 1, max: 10 }, elem: 'funcref' } } },
    { module: 'env', name: 'g', desc: { kind: 'global', global: { type: 'i64', mutable: true } } },
    { module: 'énv', name: '\u{1F600}', desc: { kind: 'memory', memory: { limits: { min: 1 } } } },
  ];
  m.tables = [{ limits: { min: 0 }, elem: 'externref' }];
  m.globals = [
    { type: { type: 'f32', mutable: false }, init: [I('f32.const', { f32: 0x7fc0_1234 })] },
    { type: { type: 'f64', mutable: true }, init: [I('f64.const', { f64: 0xfff8_0000_0000_0001n })] },
    { type: { type: 'v128', mutable: false }, init: [I('v128.const', { bytes: Uint8Array.from({ length: 16 }, (_, i) => i * 17) })] },
    { type: { type: 'funcref', mutable: false }, init: [I('ref.func', { index: 1 })] },
  ];
  m.funcs = [
    { type: 0, locals: ['i32', 'i32', 'i64', 'v128', 'externref'], body: controlBody() },
    { type: 1, locals: [], body: memoryBody() },
    { type: 2, locals: ['f64'], body: tableBody() },
  ];
  m.exports = [
    { name: 'run', kind: 'func', index: 1 },
    { name: 'table', kind: 'table', index: 1 },
    { name: 'memory', kind: 'memory', index: 0 },
    { name: 'global', kind: 'global', index: 1 },
  ];
  m.start = 1;
  m.elems = [
    { type: 'funcref', init: [[I('ref.func', { index: 1 })], [I('ref.func', { index: 2 })]], mode: { kind: 'active', table: 0, offset: [i32(0)] }, form: 'indices' },
    { type: 'funcref', init: [[I('ref.null', { refType: 'funcref' })]], mode: { kind: 'passive' }, form: 'exprs' },
    { type: 'externref', init: [[I('ref.null', { refType: 'externref' })]], mode: { kind: 'active', table: 1, offset: [i32(0)] }, form: 'exprs' },
    { type: 'funcref', init: [[I('ref.func', { index: 3 })]], mode: { kind: 'declarative' }, form: 'indices' },
  ];
  m.datas = [
    { init: Uint8Array.of(1, 2, 3), mode: { kind: 'active', memory: 0, offset: [i32(8)] } },
    { init: new TextEncoder().encode('passive'), mode: { kind: 'passive' } },
  ];
  m.dataCount = 2;
  m.customs = [
    { name: 'first', bytes: Uint8Array.of(0), after: 0 },
    { name: 'after-code', bytes: Uint8Array.of(1, 2), after: 10 },
  ];
  m.names = { module: 'sample', funcs: new Map([[1, 'control']]), locals: new Map([[1, new Map([[0, 'x']])]]) };
  return m;
}

function controlBody(): Instr[] {
  return [
    I('block', {
      blockType: { kind: 'empty' },
      body: [
        I('loop', {
          blockType: { kind: 'value', type: 'i32' },
          body: [i32(-1), I('br_table', { labels: [0, 1], index: 1 })],
        }),
        I('if', { blockType: { kind: 'type', index: 0 }, body: [I('nop')], elseBody: [I('br', { index: 1 })] }),
        I('i64.const', { i64: -0x8000_0000_0000_0000n }),
        I('drop'),
      ],
    }),
    i32(1),
    i32(2),
    i32(3),
    I('select_t', { types: ['i32'] }),
    I('local.tee', { index: 0 }),
    I('br_if', { index: 0 }),
    I('call', { index: 0 }),
    I('ref.null', { refType: 'externref' }),
    I('local.set', { index: 4 }),
    I('unreachable'),
  ];
}

function memoryBody(): Instr[] {
  return [
    i32(0),
    I('i64.load32_u', { align: 2, offset: 0xffff_ffff }),
    I('drop'),
    i32(0),
    I('v128.load', { align: 4, offset: 16 }),
    I('v128.const', { bytes: new Uint8Array(16).fill(0xff) }),
    I('i8x16.shuffle', { bytes: Uint8Array.from({ length: 16 }, (_, i) => 31 - i) }),
    I('i16x8.extract_lane_s', { lane: 7 }),
    I('drop'),
    i32(0),
    I('v128.const', { bytes: new Uint8Array(16) }),
    I('v128.load64_lane', { align: 3, offset: 8, lane: 1 }),
    I('f32x4.demote_f64x2_zero'),
    I('i32x4.trunc_sat_f64x2_u_zero'),
    I('drop'),
    i32(0),
    i32(0),
    i32(1),
    I('memory.init', { index: 1, index2: 0 }),
    I('data.drop', { index: 1 }),
    i32(0),
    i32(0),
    i32(0),
    I('memory.copy'),
    I('memory.size'),
    I('memory.grow'),
    i32(0),
    i32(0),
    I('memory.fill'),
    I('unreachable'),
  ];
}

function tableBody(): Instr[] {
  return [
    i32(0),
    I('table.get', { index: 1 }),
    I('ref.is_null'),
    I('drop'),
    i32(0),
    i32(0),
    i32(1),
    I('table.init', { index: 0, index2: 0 }),
    I('elem.drop', { index: 1 }),
    i32(0),
    i32(0),
    i32(0),
    I('table.copy', { index: 0, index2: 0 }),
    I('ref.null', { refType: 'externref' }),
    i32(1),
    I('table.grow', { index: 1 }),
    I('table.size', { index: 1 }),
    I('i32.add'),
    i32(0),
    i32(0),
    I('call_indirect', { index: 0, index2: 0 }),
    I('local.get', { index: 1 }),
    I('ref.func', { index: 2 }),
    I('i32.trunc_sat_f64_s'),
  ];
}

/**
 * The 3.0 forms of part 1: an i64 memory and table, a second memory and
 * memargs naming it, u64 offsets and limits, the tag section with tag
 * imports and exports, exnref, try_table with every catch clause, throw,
 * throw_ref, tail calls, relaxed SIMD, extended constants and a table initializer.
 */
export function sampleModule30(): Module {
  const m = emptyModule();
  m.types = [
    { params: [], results: [] },
    { params: ['i32'], results: [] },
    { params: ['i64'], results: ['exnref'] },
  ];
  m.imports = [
    { module: 'env', name: 'tag', desc: { kind: 'tag', tag: { type: 1 } } },
    { module: 'env', name: 'mem64', desc: { kind: 'memory', memory: { limits: { min: 1, max: 2 ** 48 }, addr: 'i64' } } },
    { module: 'env', name: 'g', desc: { kind: 'global', global: { type: 'i32', mutable: false } } },
  ];
  m.mems = [{ limits: { min: 0, max: 1 } }];
  m.tables = [
    { limits: { min: 2, max: 2 ** 40 }, elem: 'funcref', addr: 'i64' },
    { limits: { min: 1 }, elem: 'funcref', init: [I('ref.func', { index: 0 })] },
    { limits: { min: 0 }, elem: 'exnref' },
  ];
  m.tags = [{ type: 0 }, { type: 1 }];
  m.globals = [
    { type: { type: 'i32', mutable: false }, init: [I('global.get', { index: 0 }), i32(8), I('i32.mul'), i32(1), I('i32.add')] },
    { type: { type: 'exnref', mutable: true }, init: [I('ref.null', { refType: 'exnref' })] },
  ];
  m.funcs = [
    { type: 0, locals: ['exnref', 'i64'], body: exceptionBody() },
    { type: 2, locals: [], body: memory64Body() },
  ];
  m.exports = [
    { name: 'tag', kind: 'tag', index: 1 },
    { name: 'run', kind: 'func', index: 0 },
  ];
  m.datas = [{ init: Uint8Array.of(7), mode: { kind: 'active', memory: 1, offset: [i32(0)] } }];
  m.dataCount = 1;
  m.customs = [{ name: 'after-tags', bytes: Uint8Array.of(3), after: 13 }];
  return m;
}

function exceptionBody(): Instr[] {
  return [
    I('block', {
      blockType: { kind: 'value', type: 'exnref' },
      body: [
        I('try_table', {
          blockType: { kind: 'empty' },
          catches: [
            { kind: 'catch', tag: 0, label: 1 },
            { kind: 'catch_ref', tag: 1, label: 0 },
            { kind: 'catch_all', label: 1 },
            { kind: 'catch_all_ref', label: 0 },
          ],
          body: [i32(1), I('throw', { index: 0 })],
        }),
        I('ref.null', { refType: 'exnref' }),
      ],
    }),
    I('local.tee', { index: 0 }),
    I('throw_ref'),
    I('i64.const', { i64: 0n }),
    I('return_call', { index: 1 }),
    I('i64.const', { i64: 1n }),
    i32(0),
    I('return_call_indirect', { index: 2, index2: 1 }),
  ];
}

function memory64Body(): Instr[] {
  const v128 = (b: number) => I('v128.const', { bytes: new Uint8Array(16).fill(b) });
  return [
    I('local.get', { index: 0 }),
    I('i64.load', { align: 3, offset: 2 ** 40 }),
    I('drop'),
    i32(0),
    I('i32.load8_u', { align: 0, index: 1, offset: 4 }),
    I('drop'),
    i32(0),
    v128(0),
    I('v128.store16_lane', { align: 1, index: 1, offset: 0, lane: 7 }),
    I('memory.size', { index: 1 }),
    I('memory.grow', { index: 1 }),
    I('drop'),
    I('i64.const', { i64: 0n }),
    i32(0),
    i32(0),
    I('memory.copy', { index2: 1 }),
    i32(0),
    i32(0),
    i32(1),
    I('memory.init', { index: 0, index2: 1 }),
    i32(0),
    i32(0),
    i32(0),
    I('memory.fill', { index: 1 }),
    v128(1),
    v128(2),
    I('i8x16.relaxed_swizzle'),
    v128(3),
    I('f32x4.relaxed_madd'),
    I('drop'),
    I('ref.null', { refType: 'exnref' }),
  ];
}

/**
 * Typed function references and GC: explicit, implicit and empty rec
 * groups, `sub` and `sub final` with and without supertypes, struct and
 * array types with packed and mutable fields, concrete and abstract
 * reference types in every position (locals, globals, tables, block types,
 * select), a table initializer, element segments of GC constant
 * expressions and of `(ref func)` indices, and every GC and typed-reference
 * instruction (ref.test / ref.cast in both nullabilities, br_on_cast with
 * every flag).
 */
export function sampleModuleGc(): Module {
  const m = emptyModule();
  m.types = [
    { kind: 'struct', fields: [{ type: 'i32', mutable: false }, { type: 'ref null 0', mutable: true }], sub: { final: false, supers: [] } },
    {
      kind: 'struct',
      fields: [
        { type: 'i32', mutable: false },
        { type: 'ref null 0', mutable: true },
        { type: 'i8', mutable: true },
        { type: 'i16', mutable: false },
      ],
      sub: { final: true, supers: [0] },
    },
    { kind: 'array', field: { type: 'i8', mutable: true } },
    { params: ['ref null 0'], results: ['ref 2'] },
    { params: [], results: [], sub: { final: true, supers: [] } },
    { kind: 'array', field: { type: 'anyref', mutable: true } },
    { params: ['i32'], results: ['i32'] },
  ];
  m.recs = [
    { size: 2, explicit: true },
    { size: 1, explicit: false },
    { size: 1, explicit: false },
    { size: 1, explicit: false },
    { size: 1, explicit: false },
    { size: 0, explicit: true },
    { size: 1, explicit: true },
  ];
  m.imports = [{ module: 'env', name: 'eq', desc: { kind: 'global', global: { type: 'ref eq', mutable: false } } }];
  m.tables = [
    { limits: { min: 1 }, elem: 'ref 3', init: [I('ref.func', { index: 1 })] },
    { limits: { min: 2 }, elem: 'anyref' },
    { limits: { min: 0 }, elem: 'ref null 1' },
  ];
  m.globals = [
    { type: { type: 'ref 0', mutable: false }, init: [i32(1), I('ref.null', { refType: 'ref null 0' }), I('struct.new', { index: 0 })] },
    { type: { type: 'ref 2', mutable: false }, init: [i32(1), i32(2), I('array.new_fixed', { index: 2, index2: 2 })] },
    { type: { type: 'i31ref', mutable: true }, init: [i32(5), I('ref.i31')] },
    { type: { type: 'anyref', mutable: false }, init: [I('ref.null', { refType: 'nullexternref' }), I('any.convert_extern')] },
    { type: { type: 'ref null 5', mutable: true }, init: [i32(2), I('array.new_default', { index: 5 })] },
    { type: { type: 'externref', mutable: false }, init: [I('global.get', { index: 0 }), I('extern.convert_any')] },
  ];
  m.funcs = [
    { type: 3, locals: ['ref null 0', 'anyref', 'ref null 2', 'i32', 'structref'], body: gcBody() },
    { type: 3, locals: [], body: typedRefBody() },
  ];
  m.exports = [{ name: 'gc', kind: 'func', index: 0 }];
  m.elems = [
    { type: 'ref null 0', init: [[I('struct.new_default', { index: 0 })], [I('ref.null', { refType: 'ref null 0' })]], mode: { kind: 'passive' }, form: 'exprs' },
    { type: 'ref func', init: [[I('ref.func', { index: 0 })], [I('ref.func', { index: 1 })]], mode: { kind: 'declarative' }, form: 'indices' },
    { type: 'i31ref', init: [[i32(1), I('ref.i31')]], mode: { kind: 'active', table: 1, offset: [i32(0)] }, form: 'exprs' },
    { type: 'funcref', init: [[I('ref.func', { index: 1 })]], mode: { kind: 'passive' }, form: 'exprs' },
  ];
  m.datas = [{ init: Uint8Array.of(1, 2, 3, 4), mode: { kind: 'passive' } }];
  m.dataCount = 1;
  return m;
}

function gcBody(): Instr[] {
  const get = (index: number) => I('local.get', { index });
  return [
    I('block', {
      blockType: { kind: 'value', type: 'ref 0' },
      body: [get(0), I('br_on_non_null', { index: 0 }), get(0), I('ref.as_non_null')],
    }),
    I('struct.get', { index: 0, index2: 0 }),
    I('drop'),
    I('struct.new_default', { index: 1 }),
    I('struct.get_s', { index: 1, index2: 2 }),
    get(0),
    I('ref.cast', { refType: 'ref 1' }),
    I('struct.get_u', { index: 1, index2: 3 }),
    I('i32.add'),
    I('local.set', { index: 4 }),
    get(0),
    I('ref.null', { refType: 'ref null 0' }),
    I('struct.set', { index: 0, index2: 1 }),
    i32(7),
    i32(3),
    I('array.new', { index: 2 }),
    I('local.set', { index: 3 }),
    get(3),
    i32(0),
    i32(4),
    I('array.new_data', { index: 2, index2: 0 }),
    i32(0),
    get(3),
    i32(0),
    i32(1),
    I('array.copy', { index: 2, index2: 2 }),
    I('array.len'),
    I('drop'),
    get(3),
    i32(0),
    I('array.get_s', { index: 2 }),
    get(3),
    i32(0),
    I('array.get_u', { index: 2 }),
    I('i32.add'),
    I('drop'),
    get(3),
    i32(0),
    i32(9),
    I('array.set', { index: 2 }),
    get(3),
    i32(0),
    i32(1),
    i32(2),
    I('array.fill', { index: 2 }),
    get(3),
    i32(0),
    i32(0),
    i32(1),
    I('array.init_data', { index: 2, index2: 0 }),
    i32(0),
    i32(1),
    I('array.new_elem', { index: 5, index2: 2 }),
    I('local.tee', { index: 2 }),
    i32(0),
    I('array.get', { index: 5 }),
    I('drop'),
    I('array.new_default', { index: 5 }),
    i32(0),
    i32(0),
    i32(1),
    I('array.init_elem', { index: 5, index2: 2 }),
    I('block', {
      blockType: { kind: 'value', type: 'ref i31' },
      body: [
        get(1),
        I('br_on_cast', { index: 0, refType: 'anyref', refType2: 'ref i31' }),
        I('br_on_cast_fail', { index: 0, refType: 'anyref', refType2: 'i31ref' }),
        I('ref.cast', { refType: 'nullref' }),
        I('br_on_cast_fail', { index: 0, refType: 'ref null 0', refType2: 'ref 1' }),
        I('br_on_cast', { index: 0, refType: 'ref any', refType2: 'ref null 5' }),
        I('unreachable'),
      ],
    }),
    I('i31.get_s'),
    i32(1),
    I('ref.i31'),
    I('i31.get_u'),
    I('i32.add'),
    I('drop'),
    get(1),
    I('ref.test', { refType: 'ref 0' }),
    get(1),
    I('ref.test', { refType: 'ref null 2' }),
    I('i32.and'),
    I('drop'),
    get(1),
    I('ref.cast', { refType: 'eqref' }),
    I('ref.null', { refType: 'nullref' }),
    I('ref.eq'),
    I('drop'),
    get(1),
    I('extern.convert_any'),
    I('any.convert_extern'),
    I('local.set', { index: 1 }),
    ...(['nullfuncref', 'nullexternref', 'nullexnref', 'eqref', 'structref', 'arrayref', 'i31ref', 'exnref'] as const).flatMap((refType) => [
      I('ref.null', { refType }),
      I('drop'),
    ]),
    i32(8),
    I('array.new_default', { index: 2 }),
  ];
}

function typedRefBody(): Instr[] {
  return [
    I('block', {
      blockType: { kind: 'value', type: 'ref null 0' },
      body: [I('local.get', { index: 0 }), I('br_on_null', { index: 0 })],
    }),
    I('ref.func', { index: 0 }),
    I('ref.null', { refType: 'ref null 3' }),
    i32(1),
    I('select_t', { types: ['ref null 3'] }),
    I('call_ref', { index: 3 }),
    I('drop'),
    I('local.get', { index: 0 }),
    i32(0),
    I('table.get', { index: 0 }),
    I('return_call_ref', { index: 3 }),
  ];
}
