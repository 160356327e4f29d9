// A module that exercises every section and every kind of immediate: a seed
// for fuzzing and a fixture for round-trip tests, built as an AST so it needs
// no text parser.
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
