import { describe, expect, it } from 'vitest';
import { parseWat } from './parse-module.js';
import { parseWast } from './parse-script.js';
import { parseErrorOf } from './test-parse.js';

const parseError = (text: string) => parseErrorOf(text);

describe('parseWat', () => {
  it('appends implicit types after explicit ones, in order of appearance', () => {
    const m = parseWat(`(module
      (func (param i64))
      (type $t (func (param i32)))
      (func (param i32) (block (param i32) (result i32 i32) (unreachable)) (call_indirect (result f32) (i32.const 0)))
      (table 1 funcref))`);
    expect(m.types).toEqual([
      { params: ['i32'], results: [] },
      { params: ['i64'], results: [] },
      { params: ['i32'], results: ['i32', 'i32'] },
      { params: [], results: ['f32'] },
    ]);
    expect(m.funcs.map((f) => f.type)).toEqual([1, 0]);
    expect(m.funcs[1]!.body[0]!.blockType).toEqual({ kind: 'type', index: 2 });
    expect(m.funcs[1]!.body[2]).toMatchObject({ op: 'call_indirect', index: 3, index2: 0 });
  });

  it('resolves labels to depths, with shadowing, and checks end labels', () => {
    const m = parseWat(`(func (block $a (block $b (block $a (br $a) (br $b) (br 2))))
      (if $l (i32.const 1) (then (br $l)) (else (br_table $l $l 0))) loop $x br $x end $x)`);
    const inner = m.funcs[0]!.body[0]!.body![0]!.body![0]!.body!;
    expect(inner.map((i) => i.index)).toEqual([0, 1, 2]);
    const ifInstr = m.funcs[0]!.body[2]!;
    expect(ifInstr.body![0]!.index).toBe(0);
    expect(ifInstr.elseBody![0]).toMatchObject({ op: 'br_table', labels: [0, 0], index: 0 });
    expect(parseError('(func block $a end $b)').message).toBe('mismatching label');
    expect(parseError('(func (br $nowhere))').message).toMatch(/^unknown label/);
  });

  it('stores alignment as log2 and rejects non-powers of two', () => {
    const m = parseWat('(memory 1) (func (i64.store offset=0x10 align=4 (i32.const 0) (i64.const 1)) (drop (i32.load (i32.const 0))))');
    expect(m.funcs[0]!.body[2]).toMatchObject({ op: 'i64.store', offset: 16, align: 2 });
    expect(m.funcs[0]!.body[4]).toMatchObject({ op: 'i32.load', offset: 0, align: 2 });
    expect(parseError('(memory 1) (func (drop (i32.load align=3 (i32.const 0))))').message).toMatch(/^alignment/);
  });

  it('expands the inline abbreviations of tables, memories, imports and exports', () => {
    const m = parseWat(`(module $m
      (func $imp (import "env" "f") (param i32))
      (table $t (export "tab") funcref (elem $g $g))
      (memory (data "ab" "c"))
      (global $c (export "g") (mut i32) (i32.const 7))
      (func $g (export "g2") (param $p i32) (local $q i64) (local.get $q) drop)
      (elem declare func $g)
      (data (memory 0) (offset (i32.const 1)) "x"))`);
    expect(m.imports).toEqual([{ module: 'env', name: 'f', desc: { kind: 'func', type: 0 } }]);
    expect(m.tables).toEqual([{ limits: { min: 2, max: 2 }, elem: 'funcref' }]);
    expect(m.elems[0]).toMatchObject({ type: 'funcref', init: [[{ op: 'ref.func', index: 1 }], [{ op: 'ref.func', index: 1 }]] });
    expect(m.elems[1]!.mode).toEqual({ kind: 'declarative' });
    expect(m.mems).toEqual([{ limits: { min: 1, max: 1 } }]);
    expect([...m.datas[0]!.init]).toEqual([97, 98, 99]);
    expect(m.datas[1]!.mode).toMatchObject({ kind: 'active', memory: 0 });
    expect(m.exports.map((e) => [e.name, e.kind, e.index])).toEqual([['tab', 'table', 0], ['g', 'global', 0], ['g2', 'func', 1]]);
    expect(m.funcs[0]!.body[0]).toEqual({ op: 'local.get', index: 1 });
    expect(m.names?.module).toBe('m');
    expect(m.names?.funcs).toEqual(new Map([[0, 'imp'], [1, 'g']]));
    expect(m.names?.locals.get(1)).toEqual(new Map([[0, 'p'], [1, 'q']]));
    expect(m.dataCount).toBeUndefined();
  });

  it('sets dataCount exactly when memory.init or data.drop is used, even with no data segments', () => {
    expect(parseWat('(memory 1) (func (data.drop 0)) (data "")').dataCount).toBe(1);
    expect(parseWat('(memory 1) (func (data.drop 0))').dataCount).toBe(0);
    expect(parseWat('(memory 1) (func (nop)) (data "")').dataCount).toBeUndefined();
  });

  it('reads select types, ref.null, v128 constants and shuffles', () => {
    const body = parseWat(`(func (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)) drop
      ref.null extern drop
      (v128.const i16x8 -1 0 1 2 3 4 5 0xffff) (v128.const f32x4 1 0 0 -0) i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 drop)`).funcs[0]!.body;
    expect(body[3]).toEqual({ op: 'select_t', types: ['i32'] });
    expect(body[5]).toEqual({ op: 'ref.null', refType: 'externref' });
    expect([...body[7]!.bytes!.slice(0, 4)]).toEqual([0xff, 0xff, 0, 0]);
    expect([...body[8]!.bytes!.slice(0, 4)]).toEqual([0, 0, 0x80, 0x3f]);
    expect(body[8]!.bytes![15]).toBe(0x80);
    expect(body[9]!.bytes![15]).toBe(31);
  });

  it('reports errors with the testsuite wording and a position', () => {
    const e = parseError('(module\n  (func (i32.add2)))');
    expect(e.message).toBe('unknown operator i32.add2');
    expect([e.line, e.column]).toEqual([2, 10]);
    expect(parseError('(func (i32.const 0x100000000) drop)').message).toBe('constant out of range');
    expect(parseError('(func $f) (func $f)').message).toMatch(/^duplicate func/);
    expect(parseError('(func) (import "" "" (func))').message).toBe('import after function');
    expect(parseError('(type $t (func)) (func (type $t) (param i32))').message).toBe('inline function type');
    expect(parseError('(func (export "\\ff"))').message).toBe('malformed UTF-8 encoding');
    expect(parseError('(func "a"x)').message).toMatch(/^unknown operator/);
    expect(parseError('(func (nop)').message).toBe('unexpected end of input');
    expect(parseError('(func ' + '(block '.repeat(100_000) + ')'.repeat(100_001)).message).toBe('nesting too deep');
  });
});

describe('parseWast', () => {
  it('reads every command form with its line', () => {
    const s = parseWast(`(module $M (func (export "f") (param f32) (result f32) local.get 0))
(register "m" $M)
(module binary "\\00asm" "\\01\\00\\00\\00")
(assert_return (invoke $M "f" (f32.const -0x1p-1)) (f32.const nan:canonical))
(assert_return (invoke "v") (v128.const f32x4 1 nan:arithmetic 0 -0) (ref.extern) (ref.null func) (ref.extern 3))
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_malformed (module quote "(func" " $f)") "x")
(get "g")`);
    const [mod, reg, bin, ret, ret2, trap, mal, get] = s.commands;
    expect(mod).toMatchObject({ kind: 'module', line: 1, name: '$M' });
    expect(reg).toEqual({ kind: 'register', line: 2, as: 'm', module: '$M' });
    expect(bin).toMatchObject({ kind: 'module', line: 3, source: { kind: 'binary', bytes: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) } });
    expect(ret).toEqual({
      kind: 'assert_return',
      line: 4,
      action: { kind: 'invoke', module: '$M', name: 'f', args: [{ type: 'f32', bits: 0xbf000000 }] },
      expected: [{ type: 'f32', nan: 'nan:canonical' }],
    });
    expect(ret2).toMatchObject({
      expected: [
        { type: 'v128-lanes', shape: 'f32x4', lanes: [0x3f800000, 'nan:arithmetic', 0, 0x80000000] },
        { type: 'ref.extern-any' },
        { type: 'ref.null', refType: 'funcref' },
        { type: 'ref.extern', value: 3 },
      ],
    });
    expect(trap).toMatchObject({ kind: 'assert_trap_module', line: 6, message: 'unreachable' });
    expect(mal).toEqual({ kind: 'assert_malformed', line: 7, source: { kind: 'quote', text: '(func $f)' }, message: 'x' });
    expect(get).toEqual({ kind: 'action', line: 8, action: { kind: 'get', name: 'g' } });
  });
});
