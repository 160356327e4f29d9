// The 3.0 (part 2) text forms: reference types with heap types, rec groups and
// sub types, struct and array types with their field names, inline type uses
// under the rec-group rule, the typed-reference and GC instructions, element
// segment types, table initialisers, the script's reference patterns, and how
// a 2.0 feature set turns the new syntax back into errors.
import { describe, expect, it } from 'vitest';
import { WASM_2_0 } from '../syntax/features.js';
import type { FeatureSet } from '../syntax/features.js';
import { parseWat } from './parse-module.js';
import { parseWast } from './parse-script.js';
import { parseErrorOf } from './test-parse.js';

const parseError = (text: string, features?: FeatureSet) => parseErrorOf(text, features).message;

const body = (text: string) => parseWat(text).funcs[0]!.body;

describe('type definitions', () => {
  it('reads rec groups (empty, single, several) and lone types, keeping which groups were explicit', () => {
    const m = parseWat(`(type $a (func)) (rec) (rec (type $b (struct))) (rec (type $c (array i8)) (type $d (func (param (ref $c)))))`);
    expect(m.types).toEqual([
      { params: [], results: [] },
      { kind: 'struct', fields: [] },
      { kind: 'array', field: { type: 'i8', mutable: false } },
      { params: ['ref 2'], results: [] },
    ]);
    expect(m.recs).toEqual([
      { size: 1, explicit: false },
      { size: 0, explicit: true },
      { size: 1, explicit: true },
      { size: 2, explicit: true },
    ]);
    expect(parseWat('(type (func)) (type (struct))').recs).toBeUndefined();
  });

  it('reads sub clauses: final or not, supertypes by name or index, forward references across groups', () => {
    const m = parseWat(`(type $top (sub (struct)))
      (rec (type $x (sub $top (struct (field (ref null $y))))) (type $y (sub final $x (struct (field (ref null $y))))))
      (type (sub final (func))) (type (sub 0 (func (result (ref $late))))) (type $late (array (mut i16)))`);
    expect(m.types.map((t) => t.sub)).toEqual([
      { final: false, supers: [] },
      { final: false, supers: [0] },
      { final: true, supers: [1] },
      { final: true, supers: [] },
      { final: false, supers: [0] },
      undefined,
    ]);
    expect(m.types[1]).toMatchObject({ kind: 'struct', fields: [{ type: 'ref null 2', mutable: false }] });
    expect(m.types[4]).toMatchObject({ results: ['ref 5'] });
    expect(m.types[5]).toEqual({ kind: 'array', field: { type: 'i16', mutable: true } });
  });

  it('reads struct fields named one by one or several unnamed per field, with packed and mutable types', () => {
    const m = parseWat('(type $s (struct (field $x (mut i8)) (field i32 i64) (field $y (ref null $s)) (field)))');
    expect(m.types[0]).toEqual({
      kind: 'struct',
      fields: [
        { type: 'i8', mutable: true },
        { type: 'i32', mutable: false },
        { type: 'i64', mutable: false },
        { type: 'ref null 0', mutable: false },
      ],
      fieldNames: ['x', undefined, undefined, 'y'],
    });
    expect(parseError('(type (struct (field $x i32) (field $x i32)))')).toBe('duplicate field $x');
    expect(parseError('(type (array i8 i8))')).toBe('unexpected token');
    expect(parseError('(type (struct (field (mut))))')).toBe('unexpected token');
  });

  it('reads every reference type: shorthands, abstract and concrete heap types, nullable or not', () => {
    const m = parseWat(`(type $t (func)) (func (param anyref eqref i31ref structref arrayref nullref nullfuncref nullexternref nullexnref
      funcref externref exnref (ref any) (ref null none) (ref $t) (ref null 0) (ref null func) (ref noexn)))`);
    expect(m.types[0]).toEqual({ params: [], results: [] });
    expect(m.types[1]).toEqual({
      params: [
        'anyref', 'eqref', 'i31ref', 'structref', 'arrayref', 'nullref', 'nullfuncref', 'nullexternref', 'nullexnref',
        'funcref', 'externref', 'exnref', 'ref any', 'nullref', 'ref 0', 'ref null 0', 'funcref', 'ref noexn',
      ],
      results: [],
    });
    expect(parseError('(func (param (ref $u)))')).toBe('unknown type $u');
    expect(parseError('(func (param (ref null)))')).toBe('unexpected token');
  });
});

describe('inline type uses (3.0 rule)', () => {
  it('reuses only a final function type without supertypes alone in its rec group', () => {
    const reused = (defs: string) => parseWat(`${defs} (func)`).funcs[0]!.type;
    expect(reused('(type (func))')).toBe(0);
    expect(reused('(rec (type (func)))')).toBe(0);
    expect(reused('(type (sub final (func)))')).toBe(0);
    expect(reused('(type (sub (func)))')).toBe(1);
    expect(reused('(type $s (sub (func))) (type (sub final $s (func)))')).toBe(2);
    expect(reused('(rec (type (func)) (type (func)))')).toBe(2);
    expect(reused('(type (func (param i32)))')).toBe(1);
  });

  it('appends an inserted type as an implicit group of its own after every explicit type', () => {
    const m = parseWat('(rec (type (func)) (type (struct))) (func (param (ref 1))) (type (array i8)) (func (param (ref 1)))');
    expect(m.funcs.map((f) => f.type)).toEqual([3, 3]);
    expect(m.types[3]).toEqual({ params: ['ref 1'], results: [] });
    expect(m.recs).toEqual([
      { size: 2, explicit: true },
      { size: 1, explicit: false },
      { size: 1, explicit: false },
    ]);
  });

  it('checks inline declarations against an explicit type, which must be a function type', () => {
    expect(parseWat('(type $s (struct)) (func (type $s))').funcs[0]!.type).toBe(0);
    expect(parseError('(type $s (struct)) (func (type $s) (param i32))')).toBe('non-function type 0');
    expect(parseError('(type $f (func (param (ref 0)))) (func (type $f) (param (ref null 0)))')).toBe('inline function type');
  });
});

describe('typed-reference and GC instructions', () => {
  it('reads function-reference instructions with type and label immediates', () => {
    const b = body(`(type $f (func)) (func (param $r (ref null $f))
      (block $l (br_on_null $l (local.get $r)) (br_on_non_null $l) (drop)) (call_ref $f (local.get $r))
      (return_call_ref $f (ref.as_non_null (local.get $r))))`);
    expect(b[0]).toMatchObject({ op: 'block', body: [{ op: 'local.get', index: 0 }, { op: 'br_on_null', index: 0 }, { op: 'br_on_non_null', index: 0 }, { op: 'drop' }] });
    expect(b.slice(1)).toEqual([
      { op: 'local.get', index: 0 },
      { op: 'call_ref', index: 0 },
      { op: 'local.get', index: 0 },
      { op: 'ref.as_non_null' },
      { op: 'return_call_ref', index: 0 },
    ]);
  });

  it('reads struct instructions with fields by name or index, resolved in the named struct type', () => {
    const b = body(`(type $p (struct (field $x (mut i8)) (field $y i32))) (type $q (struct (field $y i64)))
      (func struct.new_default $p struct.get_s $p $x drop struct.new $q struct.get $q $y drop
        (struct.set $p $y (struct.new_default $p) (i32.const 1)) struct.get_u 0 0 drop)`);
    expect(b).toEqual([
      { op: 'struct.new_default', index: 0 },
      { op: 'struct.get_s', index: 0, index2: 0 },
      { op: 'drop' },
      { op: 'struct.new', index: 1 },
      { op: 'struct.get', index: 1, index2: 0 },
      { op: 'drop' },
      { op: 'struct.new_default', index: 0 },
      { op: 'i32.const', i32: 1 },
      { op: 'struct.set', index: 0, index2: 1 },
      { op: 'struct.get_u', index: 0, index2: 0 },
      { op: 'drop' },
    ]);
    expect(parseError('(type $p (struct (field $x i32))) (func struct.get $p $z)')).toBe('unknown field $z');
  });

  it('reads array instructions with their type, count, data, elem and second type immediates', () => {
    const m = parseWat(`(type $a (array (mut i8))) (type $b (array (mut i8))) (data $d "") (elem $e func)
      (func array.new $a array.new_default $a array.new_fixed $b 3 array.new_data $a $d array.new_elem $b $e
        array.get $a array.get_s $a array.get_u $b array.set $a array.len array.fill $a array.copy $a $b
        array.init_data $b $d array.init_elem $a $e)`);
    expect(m.funcs[0]!.body).toEqual([
      { op: 'array.new', index: 0 },
      { op: 'array.new_default', index: 0 },
      { op: 'array.new_fixed', index: 1, index2: 3 },
      { op: 'array.new_data', index: 0, index2: 0 },
      { op: 'array.new_elem', index: 1, index2: 0 },
      { op: 'array.get', index: 0 },
      { op: 'array.get_s', index: 0 },
      { op: 'array.get_u', index: 1 },
      { op: 'array.set', index: 0 },
      { op: 'array.len' },
      { op: 'array.fill', index: 0 },
      { op: 'array.copy', index: 0, index2: 1 },
      { op: 'array.init_data', index: 1, index2: 0 },
      { op: 'array.init_elem', index: 0, index2: 0 },
    ]);
    // A data index in code needs the data count section, as for memory.init.
    expect(m.dataCount).toBe(1);
    expect(parseError('(type $a (array i8)) (func array.new_fixed $a $n)')).toBe('unexpected token');
  });

  it('reads casts, tests, i31, conversions, ref.eq and ref.null of any heap type', () => {
    const b = body(`(type $t (struct)) (func (param anyref)
      (block $l (result anyref) (br_on_cast $l anyref (ref $t) (local.get 0)) (br_on_cast_fail 0 (ref null any) (ref null i31)))
      (ref.test (ref null $t)) (ref.cast i31ref) (ref.cast (ref none)) (ref.i31) i31.get_s i31.get_u
      any.convert_extern extern.convert_any ref.eq ref.null $t ref.null none ref.null noextern ref.null nofunc ref.null noexn)`);
    expect(b[0]!.body!.slice(1)).toEqual([
      { op: 'br_on_cast', index: 0, refType: 'anyref', refType2: 'ref 0' },
      { op: 'br_on_cast_fail', index: 0, refType: 'anyref', refType2: 'i31ref' },
    ]);
    expect(b.slice(1)).toEqual([
      { op: 'ref.test', refType: 'ref null 0' },
      { op: 'ref.cast', refType: 'i31ref' },
      { op: 'ref.cast', refType: 'ref none' },
      { op: 'ref.i31' },
      { op: 'i31.get_s' },
      { op: 'i31.get_u' },
      { op: 'any.convert_extern' },
      { op: 'extern.convert_any' },
      { op: 'ref.eq' },
      { op: 'ref.null', refType: 'ref null 0' },
      { op: 'ref.null', refType: 'nullref' },
      { op: 'ref.null', refType: 'nullexternref' },
      { op: 'ref.null', refType: 'nullfuncref' },
      { op: 'ref.null', refType: 'nullexnref' },
    ]);
  });

  it('reads reference types in block types, typed select, locals and globals', () => {
    const m = parseWat(`(type $t (func)) (global $g (mut (ref null $t)) (ref.null $t))
      (func (local $l (ref null any)) (block (result (ref $t)) unreachable) drop
        (select (result (ref null $t)) (ref.null $t) (ref.null $t) (i32.const 0)) drop)`);
    expect(m.globals[0]).toEqual({ type: { type: 'ref null 0', mutable: true }, init: [{ op: 'ref.null', refType: 'ref null 0' }] });
    expect(m.funcs[0]!.locals).toEqual(['anyref']);
    expect(m.funcs[0]!.body[0]).toMatchObject({ op: 'block', blockType: { kind: 'value', type: 'ref 0' } });
    expect(m.funcs[0]!.body[5]).toEqual({ op: 'select_t', types: ['ref null 0'] });
  });
});

describe('element segments and table initialisers', () => {
  it('types `func x*` lists as (ref func), and keeps a funcref list of expressions in expression form', () => {
    const m = parseWat(`(type $t (func)) (table 1 funcref) (func $f)
      (elem (i32.const 0) $f) (elem func $f) (elem declare func $f) (elem funcref (ref.func $f))
      (elem (ref $t) (item ref.func $f)) (elem (table 0) (i32.const 0) (ref null $t) (ref.null $t))`);
    expect(m.elems.map((e) => [e.type, e.form])).toEqual([
      ['ref func', undefined],
      ['ref func', undefined],
      ['ref func', undefined],
      ['funcref', 'exprs'],
      ['ref 0', undefined],
      ['ref null 0', undefined],
    ]);
    const inline = parseWat('(func $f) (table funcref (elem $f))');
    expect(inline.elems[0]).toMatchObject({ type: 'funcref', form: 'exprs', init: [[{ op: 'ref.func', index: 0 }]] });
    expect(parseWat('(func $f) (elem func $f)', undefined, WASM_2_0).elems[0]).toMatchObject({ type: 'funcref' });
  });

  it('reads table initialisers, folded or flat, dropping only ref.null of the table heap type', () => {
    const m = parseWat(`(type $t (func)) (import "env" "g" (global i32)) (func $f (type $t))
      (table 10 (ref $t) (ref.func $f)) (table 1 (ref null $t) (ref.null $t)) (table 1 (ref $t) (ref.null $t))
      (table 3 (ref i31) global.get 0 ref.i31) (table 1 (ref null $t) (ref.null func))`);
    expect(m.tables.map((t) => [t.elem, t.init])).toEqual([
      ['ref 0', [{ op: 'ref.func', index: 0 }]],
      ['ref null 0', undefined],
      ['ref 0', undefined],
      ['ref i31', [{ op: 'global.get', index: 0 }, { op: 'ref.i31' }]],
      ['ref null 0', [{ op: 'ref.null', refType: 'funcref' }]],
    ]);
  });
});

describe('with the 2.0 feature set', () => {
  it('rejects the typed-reference and GC syntax', () => {
    const rejected: [text: string, message: string][] = [
      ['(type (struct))', 'unknown operator struct'],
      ['(type (sub (func)))', 'unknown operator sub'],
      ['(rec)', 'unknown operator rec'],
      ['(func (param anyref))', 'unknown operator anyref'],
      ['(func (param (ref func)))', 'unexpected token'],
      ['(func (ref.null any) drop)', 'unknown operator any'],
      ['(type (func)) (func (ref.null 0) drop)', 'unexpected token'],
      ['(func (ref.i31 (i32.const 0)) drop)', 'unknown operator ref.i31'],
      ['(type (func)) (func call_ref 0)', 'unknown operator call_ref'],
    ];
    for (const [text, message] of rejected) expect(parseError(text, WASM_2_0), text).toBe(message);
  });
});

describe('script reference patterns (3.0)', () => {
  it('reads (ref.host N) and (ref.extern N) arguments, and every reference result pattern', () => {
    const [ret] = parseWast(`(assert_return (invoke "f" (ref.host 2) (ref.extern 3) (ref.null any))
      (ref.host 1) (ref.struct) (ref.array) (ref.i31) (ref.eq) (ref.any) (ref) (ref.exn) (ref.func) (ref.extern)
      (ref.null none) (ref.null nofunc) (ref.null 3) (ref.null))`).commands;
    expect(ret).toMatchObject({
      action: {
        args: [
          { type: 'ref.host', value: 2 },
          { type: 'ref.extern', value: 3 },
          { type: 'ref.null', refType: 'anyref' },
        ],
      },
      expected: [
        { type: 'ref.host', value: 1 },
        { type: 'ref.kind', heap: 'struct' },
        { type: 'ref.kind', heap: 'array' },
        { type: 'ref.kind', heap: 'i31' },
        { type: 'ref.kind', heap: 'eq' },
        { type: 'ref.kind', heap: 'any' },
        { type: 'ref.kind', heap: 'any' },
        { type: 'ref.kind', heap: 'exn' },
        { type: 'ref.func' },
        { type: 'ref.extern-any' },
        { type: 'ref.null', refType: 'nullref' },
        { type: 'ref.null', refType: 'nullfuncref' },
        { type: 'ref.null', refType: 'ref null 3' },
        { type: 'ref.null-any' },
      ],
    });
  });

  it('rejects patterns as arguments and names a script cannot resolve', () => {
    expect(() => parseWast('(invoke "f" (ref.struct))')).toThrow('unexpected token');
    expect(() => parseWast('(assert_return (invoke "f") (ref.null $t))')).toThrow('unknown type $t');
    expect(() => parseWast('(assert_return (invoke "f") (ref.i31 1))')).toThrow('unexpected token');
  });
});
