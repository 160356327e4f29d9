// Validation of typed function references and GC (3.0): the type section,
// subtyping wherever 2.0 compared types for equality, local initialisation,
// the new instructions and constant expressions, and feature gating.
// Modules are written in text (the parser is another layer's; the suite
// checks it) or, where a feature set refuses the syntax, built in code.
import { describe, expect, it } from 'vitest';
import { WASM_2_0, type Feature } from '../syntax/features.js';
import { instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { refType, type SubType, type ValType } from '../syntax/types.js';
import { parseWat } from '../text/parse-module.js';
import { typeCount } from '../types/canonical.js';
import { validationOutcome } from './test-outcome.js';

const outcome = (wat: string): string => validationOutcome(parseWat(wat));
const TYPE_MISMATCH = /^type mismatch/;

describe('the type section', () => {
  it('lets a type refer within its rec group, never to a later group', () => {
    expect(outcome('(module (rec (type (func (param (ref 1)))) (type (func))))')).toBe('valid');
    expect(outcome('(module (type (func (param (ref 1)))) (type (func)))')).toMatch(/^unknown type/);
    expect(outcome('(module (type (struct (field (ref null 0)))))')).toBe('valid');
  });

  it('requires a declared supertype to be open and matched structurally', () => {
    expect(outcome('(module (type $t (sub (struct (field i32)))) (type (sub $t (struct (field i32) (field i64)))))')).toBe('valid');
    expect(outcome('(module (type $t (struct)) (type (sub $t (struct))))')).toMatch(/^sub type/);
    expect(outcome('(module (type $t (sub final (func))) (type (sub $t (func))))')).toMatch(/^sub type/);
    expect(outcome('(module (type $t (sub (struct (field i32)))) (type (sub $t (struct (field i64)))))')).toMatch(/^sub type/);
    expect(outcome('(module (type $a (sub (array (mut (ref any))))) (type (sub $a (array (mut (ref none))))))')).toMatch(/^sub type/);
    expect(outcome('(module (type $a (sub (array (ref any)))) (type (sub $a (array (ref none)))))')).toBe('valid');
    expect(outcome('(module (type $f (sub (func (param (ref any)) (result anyref)))) (type (sub $f (func (param anyref) (result (ref eq))))))')).toBe('valid');
  });

  it('judges a sub declaration the same in every module that has its canonical type (the check is cached per TypeId)', () => {
    const wat = '(module (type $t (sub (struct (field i32)))) (type (sub $t (struct (field i32) (field f32)))))';
    expect(outcome(wat)).toBe('valid');
    expect(outcome(wat)).toBe('valid');
    const bad = '(module (type $t (sub (struct (field f32)))) (type (sub $t (struct (field i32) (field f32)))))';
    expect(outcome(bad)).toMatch(/^sub type/);
    expect(outcome(bad)).toMatch(/^sub type/);
  });

  it('rejects supertypes that are not earlier types, and more than one', () => {
    const m = emptyModule();
    m.types = [
      { kind: 'struct', fields: [], sub: { final: false, supers: [1] } },
      { kind: 'struct', fields: [], sub: { final: false, supers: [] } },
    ];
    m.recs = [{ size: 2, explicit: true }];
    expect(validationOutcome(m)).toMatch(/^forward use of type 1/);
    m.types[0]!.sub = { final: false, supers: [] };
    m.types[1]!.sub = { final: false, supers: [0, 0] };
    expect(validationOutcome(m)).toBe('multiple supertypes');
  });

  it('names existing types in value types everywhere', () => {
    expect(outcome('(module (global (ref null 3) (ref.null none)))')).toMatch(/^unknown type/);
    expect(outcome('(module (func (local (ref null 1))))')).toMatch(/^unknown type/);
    expect(outcome('(module (func (block (result (ref null 7)) (unreachable)) (drop)))')).toMatch(/^unknown type/);
    expect(outcome('(module (func (drop (ref.null 2))))')).toMatch(/^unknown type/);
  });
});

describe('subtyping where 2.0 compared types', () => {
  const types = '(type $s (sub (struct))) (type $t (sub $s (struct (field i32))))';

  it('accepts a subtype for a supertype in results, calls, locals and globals, never the reverse', () => {
    expect(outcome(`(module ${types} (func (param (ref $t)) (result (ref $s)) (local.get 0)))`)).toBe('valid');
    expect(outcome(`(module ${types} (func (param (ref $s)) (result (ref $t)) (local.get 0)))`)).toMatch(TYPE_MISMATCH);
    expect(outcome(`(module ${types} (func $f (param structref)) (func (param (ref $t)) (call $f (local.get 0))))`)).toBe('valid');
    expect(outcome(`(module ${types} (func (param (ref null $t)) (local (ref null $s)) (local.set 1 (local.get 0))))`)).toBe('valid');
    expect(outcome(`(module ${types} (func (param (ref null $t)) (result (ref $t)) (local.get 0)))`)).toMatch(TYPE_MISMATCH);
    expect(outcome(`(module ${types} (global (ref null $s) (ref.null none)) (global eqref (global.get 0)))`)).toBe('valid');
  });

  it('treats equal types of different groups as one type (iso-recursive equivalence)', () => {
    expect(outcome('(module (type $a (struct (field i32))) (type $b (struct (field i32))) (func (param (ref $a)) (result (ref $b)) (local.get 0)))')).toBe('valid');
    expect(
      outcome('(module (rec (type $a (struct (field (ref null $a))))) (rec (type $b (struct (field (ref null $b))))) (func (param (ref $a)) (result (ref $b)) (local.get 0)))'),
    ).toBe('valid');
    expect(outcome('(module (rec (type $a (struct)) (type (struct))) (type $b (struct)) (func (param (ref $a)) (result (ref $b)) (local.get 0)))')).toMatch(TYPE_MISMATCH);
  });

  it('matches labels, br_table targets, select and tail calls by subtyping', () => {
    expect(outcome(`(module ${types} (func (param (ref $t)) (result (ref null $s)) (block (result (ref null $s)) (br 0 (local.get 0)))))`)).toBe('valid');
    expect(
      outcome(`(module ${types} (func (param (ref $t) i32) (result anyref) (block (result anyref) (block (result (ref $s)) (br_table 0 1 (local.get 0) (local.get 1))))))`),
    ).toBe('valid');
    expect(outcome(`(module ${types} (func (param (ref $t) i32) (result eqref) (select (result eqref) (local.get 0) (ref.null none) (local.get 1))))`)).toBe('valid');
    expect(outcome(`(module ${types} (func $f (result (ref $t)) (unreachable)) (func (result (ref null $s)) (return_call $f)))`)).toBe('valid');
    expect(outcome(`(module ${types} (func $f (result (ref null $s)) (unreachable)) (func (result (ref $t)) (return_call $f)))`)).toMatch(TYPE_MISMATCH);
  });

  it('matches element segments against tables, and table.copy/table.init, by subtyping', () => {
    expect(outcome('(module (func $f) (table 1 funcref) (elem (table 0) (i32.const 0) (ref func) (ref.func $f)))')).toBe('valid');
    expect(outcome('(module (func $f) (table 1 (ref null func)) (elem (table 0) (i32.const 0) funcref (ref.func $f)))')).toBe('valid');
    expect(outcome('(module (type $t (func)) (func $f) (table 1 (ref null $t)) (elem (table 0) (i32.const 0) funcref (ref.func $f)))')).toMatch(TYPE_MISMATCH);
    expect(outcome('(module (type $t (func)) (table $a 1 funcref) (table $b 1 (ref null $t)) (func (table.copy $a $b (i32.const 0) (i32.const 0) (i32.const 0))))')).toBe('valid');
    expect(outcome('(module (type $t (func)) (table $a 1 funcref) (table $b 1 (ref null $t)) (func (table.copy $b $a (i32.const 0) (i32.const 0) (i32.const 0))))')).toMatch(TYPE_MISMATCH);
  });

  it('types ref.func as (ref $t) of its exact type, and call_indirect accepts any table of functions', () => {
    expect(outcome('(module (type $t (func (param i32))) (func $f (type $t)) (elem declare func $f) (func (result (ref $t)) (ref.func $f)))')).toBe('valid');
    expect(outcome('(module (type $t (func (param i32))) (type $u (func)) (func $f (type $t)) (elem declare func $f) (func (result (ref $u)) (ref.func $f)))')).toMatch(
      TYPE_MISMATCH,
    );
    expect(outcome('(module (type $t (func)) (table 1 (ref null $t)) (func (call_indirect (type $t) (i32.const 0))))')).toBe('valid');
    expect(outcome('(module (type $t (func)) (table 1 externref) (func (call_indirect (type $t) (i32.const 0))))')).toMatch(TYPE_MISMATCH);
  });
});

describe('local initialisation', () => {
  it('requires a non-defaultable local to be set before it is read, within the enclosing block', () => {
    expect(outcome('(module (func (param externref) (local (ref extern)) (local.set 1 (ref.as_non_null (local.get 0))) (drop (local.get 1))))')).toBe('valid');
    expect(outcome('(module (func (local (ref extern)) (drop (local.get 0))))')).toMatch(/^uninitialized local/);
    // set inside a block: unset again after it
    expect(outcome('(module (func (param (ref extern)) (local (ref extern)) (block (local.set 1 (local.get 0))) (drop (local.get 1))))')).toMatch(/^uninitialized local/);
    expect(outcome('(module (func (param (ref extern)) (local (ref extern)) (block (local.set 1 (local.get 0)) (drop (local.get 1)))))')).toBe('valid');
    // set in the then-branch does not reach the else-branch
    expect(outcome('(module (func (param (ref extern)) (local (ref extern)) (if (i32.const 0) (then (local.set 1 (local.get 0))) (else (drop (local.get 1))))))')).toMatch(
      /^uninitialized local/,
    );
    // local.tee sets it too; nullable and numeric locals need nothing
    expect(outcome('(module (func (param (ref extern)) (local (ref extern)) (drop (local.tee 1 (local.get 0))) (drop (local.get 1))))')).toBe('valid');
    expect(outcome('(module (func (local externref i32) (drop (local.get 0)) (drop (local.get 1))))')).toBe('valid');
  });

  it('requires an initialiser for a table of a non-nullable type', () => {
    expect(outcome('(module (table 1 (ref func)))')).toMatch(TYPE_MISMATCH);
    expect(outcome('(module (func $f) (table 1 (ref func) (ref.func $f)))')).toBe('valid');
    expect(outcome('(module (import "m" "t" (table 1 (ref func))))')).toBe('valid');
  });
});

describe('typed reference and GC instructions', () => {
  const st = '(type $s (struct (field i8) (field (mut i32)) (field (ref null $s))))';
  const ar = '(type $a (array (mut i16))) (type $i (array i32)) (type $r (array (mut anyref)))';

  it('types ref.as_non_null, br_on_null and br_on_non_null from the operand, and an unknown one as (ref bot)', () => {
    expect(outcome('(module (func (param externref) (result (ref extern)) (ref.as_non_null (local.get 0))))')).toBe('valid');
    expect(outcome('(module (func (param externref) (result (ref extern)) (block (br_on_null 0 (local.get 0)) (return)) (unreachable)))')).toBe('valid');
    expect(outcome('(module (func (param externref) (result (ref extern)) (br_on_non_null 0 (local.get 0)) (unreachable)))')).toBe('valid');
    expect(outcome('(module (func (param externref) (result externref) (block (result i32) (br_on_non_null 0 (local.get 0)) (i32.const 0)) (drop) (ref.null extern)))')).toMatch(TYPE_MISMATCH);
    expect(outcome('(module (func (param i32) (drop (ref.as_non_null (local.get 0)))))')).toMatch(TYPE_MISMATCH);
    // (ref bot) matches every reference type, no numeric type
    expect(outcome(`(module ${st} (func (result (ref $s)) (unreachable) (ref.as_non_null)))`)).toBe('valid');
    expect(outcome('(module (func (result i32) (unreachable) (ref.as_non_null)))')).toMatch(TYPE_MISMATCH);
  });

  it('types struct instructions: fields, packing, mutability, defaults', () => {
    expect(outcome(`(module ${st} (func (param (ref $s)) (result i32) (struct.get_s $s 0 (local.get 0))))`)).toBe('valid');
    expect(outcome(`(module ${st} (func (param (ref $s)) (result i32) (struct.get $s 0 (local.get 0))))`)).toBe('field is packed');
    expect(outcome(`(module ${st} (func (param (ref $s)) (result i32) (struct.get_u $s 1 (local.get 0))))`)).toBe('field is unpacked');
    expect(outcome(`(module ${st} (func (param (ref $s)) (struct.set $s 0 (local.get 0) (i32.const 1))))`)).toBe('immutable field');
    expect(outcome(`(module ${st} (func (param (ref $s)) (struct.set $s 1 (local.get 0) (i32.const 1))))`)).toBe('valid');
    expect(outcome(`(module ${st} (func (param (ref $s)) (drop (struct.get $s 3 (local.get 0)))))`)).toMatch(/^unknown field/);
    expect(outcome(`(module ${st} (func (result (ref $s)) (struct.new $s (i32.const 1) (i32.const 2) (ref.null none))))`)).toBe('valid');
    expect(outcome(`(module ${st} (func (result (ref $s)) (struct.new_default $s)))`)).toBe('valid');
    expect(outcome('(module (type $n (struct (field (ref any)))) (func (drop (struct.new_default $n))))')).toBe('field type is not defaultable');
    expect(outcome(`(module ${st} ${ar} (func (param (ref $s)) (drop (array.len (local.get 0)))))`)).toMatch(TYPE_MISMATCH);
  });

  it('types array instructions: element types, segments, copy compatibility', () => {
    expect(outcome(`(module ${ar} (func (param (ref $a)) (result i32) (array.get_u $a (local.get 0) (i32.const 0))))`)).toBe('valid');
    expect(outcome(`(module ${ar} (func (param (ref $a)) (result i32) (array.get $a (local.get 0) (i32.const 0))))`)).toBe('array is packed');
    expect(outcome(`(module ${ar} (func (param (ref $i)) (array.set $i (local.get 0) (i32.const 0) (i32.const 0))))`)).toBe('immutable array');
    expect(outcome(`(module ${ar} (func (param (ref $i)) (array.fill $i (local.get 0) (i32.const 0) (i32.const 0) (i32.const 0))))`)).toBe('immutable array');
    expect(outcome(`(module ${ar} (func (param (ref $a) (ref $i)) (array.copy $a $i (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 0))))`)).toBe(
      'array types do not match',
    );
    expect(outcome(`(module ${ar} (data "") (func (drop (array.new_data $r 0 (i32.const 0) (i32.const 0)))))`)).toBe('array type is not numeric or vector');
    expect(outcome(`(module ${ar} (data "") (func (drop (array.new_data $i 0 (i32.const 0) (i32.const 0)))))`)).toBe('valid');
    expect(outcome(`(module ${ar} (elem externref) (func (drop (array.new_elem $r 0 (i32.const 0) (i32.const 0)))))`)).toMatch(TYPE_MISMATCH);
    expect(outcome(`(module ${ar} (elem anyref) (func (drop (array.new_elem $r 0 (i32.const 0) (i32.const 0)))))`)).toBe('valid');
    expect(outcome(`(module ${ar} (func (result (ref $i)) (array.new_fixed $i 3 (i32.const 1) (i32.const 2) (i32.const 3))))`)).toBe('valid');
    expect(outcome(`(module ${ar} (func (result (ref $i)) (array.new_fixed $i 3 (i32.const 1) (i32.const 2))))`)).toMatch(TYPE_MISMATCH);
  });

  it('types casts: ref.test/ref.cast take the target hierarchy, br_on_cast needs the target under the source', () => {
    const t = '(type $s (sub (struct))) (type $t (sub $s (struct (field i32))))';
    expect(outcome(`(module ${t} (func (param anyref) (result (ref $t)) (ref.cast (ref $t) (local.get 0))))`)).toBe('valid');
    expect(outcome(`(module ${t} (func (param externref) (result i32) (ref.test (ref $t) (local.get 0))))`)).toMatch(TYPE_MISMATCH);
    expect(outcome(`(module ${t} (func (param funcref) (result i32) (ref.test (ref null func) (local.get 0))))`)).toBe('valid');
    expect(outcome(`(module ${t} (func (param (ref null $s)) (result (ref $t)) (br_on_cast 0 (ref null $s) (ref $t) (local.get 0)) (unreachable)))`)).toBe('valid');
    expect(outcome(`(module ${t} (func (param (ref null $t)) (result (ref $t)) (br_on_cast 0 (ref null $t) (ref $s) (local.get 0)) (unreachable)))`)).toMatch(TYPE_MISMATCH);
    // br_on_cast_fail: the branch carries the source minus the target's null, the fall-through the target
    expect(outcome(`(module ${t} (func (param (ref null $s)) (result (ref $s)) (drop (br_on_cast_fail 0 (ref null $s) (ref null $t) (local.get 0))) (unreachable)))`)).toBe('valid');
    expect(outcome(`(module ${t} (func (param (ref null $s)) (result (ref null $t)) (br_on_cast_fail 0 (ref null $s) (ref null $t) (local.get 0))))`)).toMatch(TYPE_MISMATCH);
    expect(outcome(`(module ${t} (func (param (ref null $s)) (result (ref $s)) (drop (br_on_cast_fail 0 (ref null $s) (ref $t) (local.get 0))) (unreachable)))`)).toMatch(
      TYPE_MISMATCH,
    );
  });

  it('types i31, ref.eq and the extern conversions, which keep nullability', () => {
    expect(outcome('(module (func (result i32) (i31.get_s (ref.i31 (i32.const 1)))))')).toBe('valid');
    expect(outcome('(module (func (param eqref (ref i31)) (result i32) (ref.eq (local.get 0) (local.get 1))))')).toBe('valid');
    expect(outcome('(module (func (param anyref) (result i32) (ref.eq (local.get 0) (local.get 0))))')).toMatch(TYPE_MISMATCH);
    expect(outcome('(module (func (param (ref extern)) (result (ref any)) (any.convert_extern (local.get 0))))')).toBe('valid');
    expect(outcome('(module (func (param externref) (result (ref any)) (any.convert_extern (local.get 0))))')).toMatch(TYPE_MISMATCH);
    expect(outcome('(module (func (param anyref) (result externref) (extern.convert_any (local.get 0))))')).toBe('valid');
  });

  it('types call_ref and return_call_ref by the type immediate', () => {
    const f = '(type $f (func (param i32) (result i32)))';
    expect(outcome(`(module ${f} (func (param (ref null $f)) (result i32) (call_ref $f (i32.const 1) (local.get 0))))`)).toBe('valid');
    expect(outcome(`(module ${f} (func (param funcref) (result i32) (call_ref $f (i32.const 1) (local.get 0))))`)).toMatch(TYPE_MISMATCH);
    expect(outcome(`(module ${f} (func (param (ref $f)) (result i64) (return_call_ref $f (i32.const 1) (local.get 0))))`)).toMatch(TYPE_MISMATCH);
    expect(outcome('(module (type $s (struct)) (func (param (ref $s)) (call_ref $s (local.get 0))))')).toMatch(TYPE_MISMATCH);
  });
});

describe('constant expressions', () => {
  it('admits the GC allocations and conversions', () => {
    const types = '(type $s (struct (field i32))) (type $a (array i32))';
    expect(outcome(`(module ${types} (global (ref $s) (struct.new $s (i32.const 1))) (global (ref $a) (array.new_fixed $a 2 (i32.const 1) (i32.const 2))))`)).toBe(
      'valid',
    );
    expect(outcome(`(module ${types} (global (ref $a) (array.new_default $a (i32.const 3))) (global (ref i31) (ref.i31 (i32.const 3))))`)).toBe('valid');
    expect(outcome('(module (global externref (extern.convert_any (ref.null any))))')).toBe('valid');
    expect(outcome(`(module ${types} (global (ref $s) (struct.new $s (i32.const 1))) (global i32 (struct.get $s 0 (global.get 0))))`)).toBe('constant expression required');
    // globals see the earlier ones (3.0)
    expect(outcome(`(module ${types} (global $g (ref $s) (struct.new_default $s)) (global anyref (global.get $g)))`)).toBe('valid');
  });
});

describe('feature gating', () => {
  const noop = { params: [], results: [] };
  function withFunc(types: SubType[], locals: ValType[] = [], body = [instr('nop')]): Module {
    const m = emptyModule();
    m.types = [noop, ...types];
    m.funcs.push({ type: 0, locals, body });
    return m;
  }
  const only = (...fs: Feature[]) => new Set<Feature>(['exceptions', ...fs]);

  it('refuses GC and typed-reference types and instructions to a 2.0 feature set', () => {
    expect(validationOutcome(withFunc([], ['anyref']), WASM_2_0)).toMatch(/requires the gc feature$/);
    expect(validationOutcome(withFunc([], ['ref func']), WASM_2_0)).toMatch(/requires the function-references feature$/);
    expect(validationOutcome(withFunc([{ kind: 'struct', fields: [] }]), WASM_2_0)).toMatch(/requires the gc feature$/);
    expect(validationOutcome(withFunc([], [], [instr('ref.null', { refType: 'funcref' }), instr('ref.as_non_null'), instr('drop')]), WASM_2_0)).toBe(
      'ref.as_non_null requires the function-references feature',
    );
    expect(validationOutcome(withFunc([], [], [instr('i32.const', { i32: 0 }), instr('ref.i31'), instr('drop')]), WASM_2_0)).toBe('ref.i31 requires the gc feature');
  });

  it('gives function-references without gc concrete function types but no struct types or any hierarchy', () => {
    const fr = only('function-references');
    expect(validationOutcome(withFunc([], [refType(true, 0)]), fr)).toBe('valid');
    expect(validationOutcome(withFunc([{ kind: 'array', field: { type: 'i8', mutable: false } }]), fr)).toMatch(/requires the gc feature$/);
    expect(validationOutcome(withFunc([], ['eqref']), fr)).toMatch(/requires the gc feature$/);
    const rec = withFunc([]);
    rec.recs = [{ size: 1, explicit: true }];
    expect(validationOutcome(rec, fr)).toMatch(/requires the gc feature$/);
  });

  it('keeps 2.0 typing under the 2.0 set: ref.func is a funcref', () => {
    const m = withFunc([], [], [instr('ref.func', { index: 0 }), instr('drop')]);
    m.elems.push({ type: 'funcref', init: [[instr('ref.func', { index: 0 })]], mode: { kind: 'declarative' } });
    expect(validationOutcome(m, WASM_2_0)).toBe('valid');
  });
});

describe('robustness', () => {
  it('types array.new_fixed with a huge count without popping it value by value', () => {
    const m = parseWat('(module (type $i (array i32)) (func (result (ref $i)) (unreachable)))');
    const huge = instr('array.new_fixed', { index: 0, index2: 0xffff_ffff });
    const t0 = performance.now();
    m.funcs[0]!.body = [instr('unreachable'), instr('i32.const', { i32: 1 }), huge];
    expect(validationOutcome(m)).toBe('valid');
    m.funcs[0]!.body = [instr('i32.const', { i32: 1 }), huge];
    expect(validationOutcome(m)).toMatch(TYPE_MISMATCH);
    m.funcs[0]!.body = [instr('unreachable'), instr('f32.const', { f32: 0 }), huge];
    expect(validationOutcome(m)).toMatch(TYPE_MISMATCH);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('the 2.0 path', () => {
  it('validates a module whose types name no type index without canonicalising its types', () => {
    // $u is a signature no other test uses: canonicalising it would add a TypeId
    const m = parseWat(
      `(module (type $u (func (param i32 f32 f64 i64 i64 f32 v128) (result i32))) (type $v (func)) (table 1 funcref) (global (mut i64) (i64.const 0))
        (func $f (type $u) (block (result i32) (local.get 0)) (drop) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)) (drop)
          (drop (ref.null func)) (call_indirect (type $v) (i32.const 0)) (i32.const 0))
        (elem declare func $f) (func (type $v) (drop (ref.func $f))))`,
      undefined,
      WASM_2_0,
    );
    const before = typeCount();
    expect(validationOutcome(m, WASM_2_0)).toBe('valid');
    expect(typeCount()).toBe(before);
  });
});
