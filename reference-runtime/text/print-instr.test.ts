import { describe, expect, it } from 'vitest';
import { instr, type Instr } from '../syntax/instructions.js';
import { OPCODES, type OpInfo, type OpName } from '../syntax/opcodes.js';
import { printInstr } from './print.js';

describe('printInstr', () => {
  const cases: [Instr, string][] = [
    [instr('i32.add'), 'i32.add'],
    [instr('i32.const', { i32: -5 }), 'i32.const -5'],
    [instr('i64.const', { i64: -9223372036854775808n }), 'i64.const -9223372036854775808'],
    [instr('f32.const', { f32: 0x7fa00000 }), 'f32.const nan:0x200000'],
    [instr('f64.const', { f64: 0xfff8000000000000n }), 'f64.const -nan'],
    [instr('v128.const', { bytes: new Uint8Array(16).fill(0xab) }), 'v128.const i32x4 0xabababab 0xabababab 0xabababab 0xabababab'],
    [instr('i8x16.shuffle', { bytes: Uint8Array.from({ length: 16 }, (_, k) => 31 - k) }), 'i8x16.shuffle 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16'],
    [instr('i8x16.extract_lane_s', { lane: 15 }), 'i8x16.extract_lane_s 15'],
    [instr('i32.load', { align: 2, offset: 0 }), 'i32.load'],
    [instr('i32.load', { align: 0, offset: 16 }), 'i32.load offset=16 align=1'],
    [instr('i64.store32', { align: 2, offset: 4294967295 }), 'i64.store32 offset=4294967295'],
    [instr('v128.load', { align: 3, offset: 0 }), 'v128.load align=8'],
    [instr('v128.load8_lane', { align: 0, offset: 0, lane: 7 }), 'v128.load8_lane 7'],
    [instr('v128.store64_lane', { align: 0, offset: 8, lane: 1 }), 'v128.store64_lane offset=8 align=1 1'],
    [instr('select'), 'select'],
    [instr('select_t', { types: ['externref'] }), 'select (result externref)'],
    [instr('select_t', { types: [] }), 'select (result)'],
    [instr('select_t', { types: ['i32', 'i64'] }), 'select (result i32 i64)'],
    [instr('ref.null', { refType: 'funcref' }), 'ref.null func'],
    [instr('ref.null', { refType: 'externref' }), 'ref.null extern'],
    [instr('ref.func', { index: 3 }), 'ref.func 3'],
    [instr('br_table', { labels: [2, 0, 1], index: 3 }), 'br_table 2 0 1 3'],
    [instr('br_table', { labels: [], index: 0 }), 'br_table 0'],
    [instr('call_indirect', { index: 4, index2: 0 }), 'call_indirect (type 4)'],
    [instr('call_indirect', { index: 4, index2: 2 }), 'call_indirect 2 (type 4)'],
    [instr('table.copy', { index: 0, index2: 0 }), 'table.copy'],
    [instr('table.copy', { index: 1, index2: 0 }), 'table.copy 1 0'],
    [instr('table.init', { index: 5, index2: 0 }), 'table.init 5'],
    [instr('table.init', { index: 5, index2: 1 }), 'table.init 1 5'],
    [instr('table.get', { index: 0 }), 'table.get 0'],
    [instr('memory.init', { index: 2 }), 'memory.init 2'],
    [instr('memory.grow'), 'memory.grow'],
    [instr('memory.copy'), 'memory.copy'],
    [instr('data.drop', { index: 1 }), 'data.drop 1'],
    // 3.0: memory indices (printed only when not 0), exception handling, tail calls
    [instr('i32.load', { index: 2, align: 2, offset: 4 }), 'i32.load 2 offset=4'],
    [instr('i64.store', { index: 0, align: 3, offset: 0 }), 'i64.store'],
    [instr('i64.load', { align: 3, offset: 2 ** 64 }), 'i64.load offset=18446744073709551615'],
    [instr('i64.load', { align: 3, offset: 2 ** 53 + 2 }), 'i64.load offset=9007199254740994'],
    [instr('v128.load8_lane', { index: 1, align: 0, offset: 0, lane: 7 }), 'v128.load8_lane 1 7'],
    [instr('memory.size', { index: 1 }), 'memory.size 1'],
    [instr('memory.fill', { index: 3 }), 'memory.fill 3'],
    [instr('memory.copy', { index: 1 }), 'memory.copy 1 0'],
    [instr('memory.copy', { index2: 2 }), 'memory.copy 0 2'],
    [instr('memory.init', { index: 2, index2: 0 }), 'memory.init 2'],
    [instr('memory.init', { index: 2, index2: 1 }), 'memory.init 1 2'],
    [instr('throw', { index: 1 }), 'throw 1'],
    [instr('throw_ref'), 'throw_ref'],
    [instr('ref.null', { refType: 'exnref' }), 'ref.null exn'],
    [instr('return_call', { index: 3 }), 'return_call 3'],
    [instr('return_call_indirect', { index: 4, index2: 1 }), 'return_call_indirect 1 (type 4)'],
    [instr('local.tee', { index: 7 }), 'local.tee 7'],
    [instr('global.set', { index: 1 }), 'global.set 1'],
  ];
  it.each(cases)('%o prints as %s', (i, text) => expect(printInstr(i)).toBe(text));

  it('prints block types', () => {
    expect(printInstr(instr('block', { blockType: { kind: 'empty' }, body: [] }))).toBe('block\nend');
    expect(printInstr(instr('loop', { blockType: { kind: 'value', type: 'f64' }, body: [instr('f64.const', { f64: 0n })] }))).toBe(
      'loop (result f64)\n  f64.const 0x0p+0\nend',
    );
    expect(printInstr(instr('block', { blockType: { kind: 'type', index: 3 }, body: [] }))).toBe('block (type 3)\nend');
  });

  it('prints if with and without else, nesting indented', () => {
    const inner = instr('if', { blockType: { kind: 'empty' }, body: [instr('nop')], elseBody: [] });
    const outer = instr('if', { blockType: { kind: 'value', type: 'i32' }, body: [inner, instr('i32.const', { i32: 1 })], elseBody: [instr('i32.const', { i32: 2 })] });
    expect(printInstr(outer)).toBe(['if (result i32)', '  if', '    nop', '  end', '  i32.const 1', 'else', '  i32.const 2', 'end'].join('\n'));
  });

  it('prints try_table with its catch clauses before the body', () => {
    const t = instr('try_table', {
      blockType: { kind: 'value', type: 'i32' },
      catches: [
        { kind: 'catch', tag: 0, label: 1 },
        { kind: 'catch_ref', tag: 2, label: 0 },
        { kind: 'catch_all', label: 3 },
        { kind: 'catch_all_ref', label: 0 },
      ],
      body: [instr('i32.const', { i32: 1 })],
    });
    expect(printInstr(t)).toBe('try_table (result i32) (catch 0 1) (catch_ref 2 0) (catch_all 3) (catch_all_ref 0)\n  i32.const 1\nend');
    expect(printInstr(instr('try_table', { blockType: { kind: 'empty' }, catches: [], body: [] }))).toBe('try_table\nend');
  });

  it('rejects an instruction the opcode table does not know, or one lacking its immediate', () => {
    expect(() => printInstr(instr('i32.frobnicate' as OpName))).toThrow(/unknown instruction/);
    expect(() => printInstr(instr('local.get'))).toThrow(/lacks an immediate/);
  });
});

describe('every instruction of the opcode table', () => {
  /** An instruction with plausible immediates for its kind. */
  function sample(info: OpInfo): Instr {
    const base = instr(info.name, { index: 1, index2: 0, labels: [0], align: info.align ?? 0, offset: 0, lane: 1 });
    switch (info.imm) {
      case 'block':
        return { ...base, blockType: { kind: 'empty' }, body: [], elseBody: [] };
      case 'try_table':
        return { ...base, blockType: { kind: 'empty' }, body: [], catches: [{ kind: 'catch_all', label: 0 }] };
      case 'i32':
        return { ...base, i32: 1 };
      case 'i64':
        return { ...base, i64: 1n };
      case 'f32':
        return { ...base, f32: 0 };
      case 'f64':
        return { ...base, f64: 0n };
      case 'v128':
      case 'shuffle':
        return { ...base, bytes: new Uint8Array(16) };
      case 'reftype':
        return { ...base, refType: 'funcref' };
      case 'ref_cast':
      case 'br_on_cast':
        return { ...base, refType: 'anyref', refType2: 'ref 1' };
      case 'select_t':
        return { ...base, types: ['i32'] };
      default:
        return base;
    }
  }
  it('prints starting with its mnemonic (select_t as select)', () => {
    for (const info of OPCODES) {
      const text = printInstr(sample(info));
      const mnemonic = info.name === 'select_t' ? 'select' : info.name;
      expect(text.split(/[ \n]/)[0], info.name).toBe(mnemonic);
    }
  });
});
