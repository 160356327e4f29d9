// The 3.0 (part 1) text forms: memory indices, address types, tags and
// exception handling, tail calls, table initialisers, and how a 2.0 feature
// set turns them back into errors.
import { describe, expect, it } from 'vitest';
import { WASM_2_0 } from '../syntax/features.js';
import type { FeatureSet } from '../syntax/features.js';
import { parseWat } from './parse-module.js';
import { parseWast } from './parse-script.js';
import { parseErrorOf } from './test-parse.js';

const parseError = (text: string, features?: FeatureSet) => parseErrorOf(text, features).message;

const body = (text: string) => parseWat(text).funcs[0]!.body;

describe('memory indices (multi-memory)', () => {
  it('reads an optional memory index before the memarg, kept only when not 0', () => {
    const b = body(`(memory $a 1) (memory $b 1)
      (func i32.const 0 i32.load $b offset=4 align=1 drop i32.const 0 i32.load 1 drop i32.const 0 i32.load 0 drop
        i32.const 0 i64.const 0 i64.store $a)`);
    expect(b[1]).toEqual({ op: 'i32.load', index: 1, offset: 4, align: 0 });
    expect(b[4]).toEqual({ op: 'i32.load', index: 1, offset: 0, align: 2 });
    expect(b[7]).toEqual({ op: 'i32.load', offset: 0, align: 2 });
    expect(b[11]).toEqual({ op: 'i64.store', offset: 0, align: 3 });
  });

  it('reads memory.size/grow/fill/copy/init with and without indices', () => {
    const b = body(`(memory 1) (memory $m 1) (data $d "")
      (func memory.size $m drop memory.size drop (memory.fill 1 (i32.const 0) (i32.const 0) (i32.const 0))
        (memory.copy $m 0 (i32.const 0) (i32.const 0) (i32.const 0)) (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
        (memory.init $m $d (i32.const 0) (i32.const 0) (i32.const 0)) (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0))
        (memory.grow $m (i32.const 1)) drop)`);
    expect(b[0]).toEqual({ op: 'memory.size', index: 1 });
    expect(b[2]).toEqual({ op: 'memory.size' });
    expect(b[7]).toEqual({ op: 'memory.fill', index: 1 });
    expect(b[11]).toEqual({ op: 'memory.copy', index: 1 });
    expect(b[15]).toEqual({ op: 'memory.copy' });
    expect(b[19]).toEqual({ op: 'memory.init', index: 0, index2: 1 });
    expect(b[23]).toEqual({ op: 'memory.init', index: 0, index2: 0 });
    expect(b[25]).toEqual({ op: 'memory.grow', index: 1 });
  });

  it('tells a lane load memory index from its lane', () => {
    const b = body(`(memory 1) (memory 1) (func (param v128)
      (drop (v128.load8_lane 1 (i32.const 0) (local.get 0)))
      (drop (v128.load8_lane 1 2 (i32.const 0) (local.get 0)))
      (drop (v128.load8_lane 1 offset=3 2 (i32.const 0) (local.get 0)))
      (drop (v128.load8_lane offset=3 2 (i32.const 0) (local.get 0))))`);
    expect(b[2]).toEqual({ op: 'v128.load8_lane', offset: 0, align: 0, lane: 1 });
    expect(b[6]).toEqual({ op: 'v128.load8_lane', index: 1, offset: 0, align: 0, lane: 2 });
    expect(b[10]).toEqual({ op: 'v128.load8_lane', index: 1, offset: 3, align: 0, lane: 2 });
    expect(b[14]).toEqual({ op: 'v128.load8_lane', offset: 3, align: 0, lane: 2 });
  });

  it('puts inline data and (data (memory x)) segments in their memory', () => {
    const m = parseWat('(memory 1) (memory $m (data "ab")) (data (memory $m) (i32.const 1) "c")');
    expect(m.datas.map((d) => d.mode)).toEqual([
      { kind: 'active', memory: 1, offset: [{ op: 'i32.const', i32: 0 }] },
      { kind: 'active', memory: 1, offset: [{ op: 'i32.const', i32: 1 }] },
    ]);
  });
});

describe('address types (memory64)', () => {
  it('reads i64 memories and tables, with u64 limits and offsets', () => {
    const m = parseWat(`(import "m" "mem" (memory i64 1 0x1_0000_0000_0000)) (memory i64 (data "x")) (memory i32 2)
      (table i64 0 0xffff_ffff_ffff_ffff funcref) (table $t i64 funcref (elem $f)) (func $f i64.const 0 i32.load offset=0x1_0000_0000 drop)`);
    expect(m.imports[0]!.desc).toEqual({ kind: 'memory', memory: { limits: { min: 1, max: 2 ** 48 }, addr: 'i64' } });
    expect(m.mems).toEqual([{ limits: { min: 1, max: 1 }, addr: 'i64' }, { limits: { min: 2 } }]);
    expect(m.datas[0]!.mode).toEqual({ kind: 'active', memory: 1, offset: [{ op: 'i64.const', i64: 0n }] });
    expect(m.tables).toEqual([
      { limits: { min: 0, max: 2 ** 64 }, elem: 'funcref', addr: 'i64' },
      { limits: { min: 1, max: 1 }, elem: 'funcref', addr: 'i64' },
    ]);
    expect(m.elems[0]!.mode).toMatchObject({ kind: 'active', table: 1, offset: [{ op: 'i64.const', i64: 0n }] });
    expect(m.funcs[0]!.body[1]).toMatchObject({ offset: 2 ** 32 });
    expect(parseError('(memory i64 0x1_0000_0000_0000_0000)')).toBe('i64 constant out of range');
  });

  it('parses a 32-bit memory too large as u64, so that validation rejects it', () => {
    expect(parseWat('(memory 0x1_0000_0000)').mems[0]).toEqual({ limits: { min: 2 ** 32 } });
    expect(parseWat('(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))').funcs[0]!.body[1]).toMatchObject({ offset: 2 ** 32 });
    expect(parseWat('(memory 1) (func (drop (i32.load align=0x8000_0000_0000_0000 (i32.const 0))))').funcs[0]!.body[1]).toMatchObject({ align: 63 });
  });
});

describe('exception handling', () => {
  it('reads tags defined, imported and exported in every form', () => {
    const m = parseWat(`(tag $i (import "m" "t") (param i32)) (import "m" "u" (tag $u)) (type $t (func (param f32)))
      (tag $e (export "e") (type $t)) (tag (param $x i64)) (export "i" (tag $i))`);
    expect(m.imports.map((i) => i.desc)).toEqual([
      { kind: 'tag', tag: { type: 1 } },
      { kind: 'tag', tag: { type: 2 } },
    ]);
    expect(m.tags).toEqual([{ type: 0 }, { type: 3 }]);
    expect(m.exports).toEqual([
      { name: 'e', kind: 'tag', index: 2 },
      { name: 'i', kind: 'tag', index: 0 },
    ]);
    expect(parseError('(func) (tag (import "m" "t"))')).toBe('import after function');
  });

  it('reads throw, throw_ref and try_table with catch labels resolved outside the try_table', () => {
    const m = parseWat(`(tag $e (param i32)) (func (result exnref)
      (block $h (result i32 exnref)
        (try_table $t (result i32) (catch_ref $e $h) (catch_all 1) (br $t (i32.const 1)))
        drop (ref.null exn) (throw_ref)
        try_table (catch $e 0) (catch_all_ref $h) i32.const 1 throw $e end)
      unreachable)`);
    const [block] = m.funcs[0]!.body;
    const [tryFolded, , , , tryFlat] = block!.body!;
    expect(tryFolded).toMatchObject({
      op: 'try_table',
      blockType: { kind: 'value', type: 'i32' },
      catches: [
        { kind: 'catch_ref', tag: 0, label: 0 },
        { kind: 'catch_all', label: 1 },
      ],
      body: [{ op: 'i32.const', i32: 1 }, { op: 'br', index: 0 }],
    });
    expect(block!.body![2]).toEqual({ op: 'ref.null', refType: 'exnref' });
    expect(block!.body![3]).toEqual({ op: 'throw_ref' });
    expect(tryFlat).toMatchObject({
      catches: [
        { kind: 'catch', tag: 0, label: 0 },
        { kind: 'catch_all_ref', label: 0 },
      ],
      body: [{ op: 'i32.const', i32: 1 }, { op: 'throw', index: 0 }],
    });
  });
});

describe('tail calls and table initialisers', () => {
  it('reads return_call and return_call_indirect like call and call_indirect', () => {
    const b = body('(table $t 1 funcref) (func $f return_call $f) (func return_call_indirect $t (param i32) (result i32))');
    expect(b[0]).toEqual({ op: 'return_call', index: 0 });
    const c = parseWat('(table 1 funcref) (table 1 funcref) (func (return_call_indirect 1 (type 0) (i32.const 0)))').funcs[0]!.body;
    expect(c[1]).toEqual({ op: 'return_call_indirect', index: 0, index2: 1 });
  });

  it('keeps a table initialiser unless it is the default ref.null of the table type', () => {
    expect(parseWat('(table 1 funcref (ref.null func))').tables).toEqual([{ limits: { min: 1 }, elem: 'funcref' }]);
    expect(parseWat('(global $g funcref (ref.null func)) (table 1 funcref (global.get $g))').tables[0]!.init).toEqual([{ op: 'global.get', index: 0 }]);
  });
});

describe('with the 2.0 feature set', () => {
  it('rejects the 3.0 syntax as the 2.0 interpreter does', () => {
    expect(parseError('(memory 1) (func (drop (i32.load 0 (i32.const 0))))', WASM_2_0)).toBe('unexpected token');
    expect(parseError('(memory i64 1)', WASM_2_0)).toBe('unexpected token');
    expect(parseError('(memory 0x1_0000_0000)', WASM_2_0)).toBe('i32 constant out of range');
    expect(parseError('(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))', WASM_2_0)).toBe('i32 constant out of range');
    expect(parseError('(tag)', WASM_2_0)).toBe('unknown operator tag');
    expect(parseError('(table 1 funcref (ref.null func))', WASM_2_0)).toBe('unexpected token');
    expect(parseError('(func (throw_ref))', WASM_2_0)).toBe('unknown operator throw_ref');
    expect(parseError('(func (result exnref) unreachable)', WASM_2_0)).toBe('unknown operator exnref');
    expect(parseError('(func (ref.null exn) drop)', WASM_2_0)).toBe('unknown operator exn');
  });

  it('words an out-of-range lane index as each version does', () => {
    const text = '(func (result i32) (i8x16.extract_lane_s 256 (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))';
    expect(parseError(text, WASM_2_0)).toBe('malformed lane index');
    expect(parseError(text)).toBe('i8 constant out of range');
  });
});

describe('script commands (3.0)', () => {
  it('reads module definitions and instances, assert_exception, either and (ref.null)', () => {
    const s = parseWast(`(module definition $M (memory 1))
(module definition binary "\\00asm" "\\01\\00\\00\\00")
(module instance $I $M)
(module instance $M)
(module instance)
(assert_exception (invoke $I "f"))
(assert_return (invoke "g") (either (i32.const 1) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)) (ref.null))`);
    const [def, bin, inst, inst1, inst0, exc, ret] = s.commands;
    expect(def).toMatchObject({ kind: 'module_definition', line: 1, name: '$M', source: { kind: 'text' } });
    expect(bin).toMatchObject({ kind: 'module_definition', line: 2, source: { kind: 'binary' } });
    expect(inst).toEqual({ kind: 'module_instance', line: 3, instance: '$I', definition: '$M' });
    expect(inst1).toEqual({ kind: 'module_instance', line: 4, definition: '$M' });
    expect(inst0).toEqual({ kind: 'module_instance', line: 5 });
    expect(exc).toEqual({ kind: 'assert_exception', line: 6, action: { kind: 'invoke', module: '$I', name: 'f', args: [] } });
    expect(ret).toMatchObject({
      expected: [{ type: 'either', options: [{ type: 'i32', value: 1 }, { type: 'v128' }] }, { type: 'ref.null-any' }],
    });
  });

  it('rejects a module definition where an assertion instantiates', () => {
    expect(() => parseWast('(assert_unlinkable (module definition (func)) "x")')).toThrow('misplaced module definition');
  });

  it('keeps a quoted module byte for byte, bytes that are not UTF-8 as lone surrogates', () => {
    const [cmd] = parseWast('(assert_malformed (module quote "(@a \\80)") "malformed UTF-8 encoding")').commands;
    expect(cmd).toMatchObject({ source: { kind: 'quote', text: '(@a \udc80)' } });
    expect(parseError('(@a \udc80)')).toBe('malformed UTF-8 encoding');
  });
});
