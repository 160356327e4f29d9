// Modules that exercise every section and every kind of immediate, of 2.0
// and of the 3.0 binary forms of part 1: seeds for fuzzing and fixtures for
// round-trip tests, built as ASTs so they need no text parser.
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
