// GC instructions on the interpreter: structs and arrays keep every field's
// bits (packed fields truncate on write and extend on read), the traps come
// with the suite's messages in the reference interpreter's order (null, then
// the array's bounds, then the segment's), i31 references wrap and compare by
// value, extern/any conversions are identities, and an allocation beyond the
// budget ends as Exhaustion, never as a host crash.
import { describe, expect, it } from 'vitest';
import { HostRef, instantiate, invoke, parseWat, type ModuleInstance, type Value } from '../api.js';
import { StructRef } from '../runtime/aggregate.js';
import { GC_ALLOC_LIMIT, REF_ARRAY_LIMIT } from '../runtime/limits.js';
import { i32, i64, invokeOutcome as outcome } from './invoke-outcome.js';
import { REFS } from './stack.js';

/** Each export of `names`, called without arguments, traps with `message`. */
const trapsAll = (inst: ModuleInstance, names: string[], message: string): void =>
  expect(names.map((name) => outcome(inst, name))).toEqual(names.map(() => `trap: ${message}`));

describe('structs', () => {
  const inst = instantiate(
    parseWat(`(module
      (type $s (struct (field $a (mut i8)) (field $b (mut i16)) (field $c (mut i64)) (field $d (mut f64))
                       (field $e (mut v128)) (field $f (mut anyref)) (field $g i32)))
      (global $g (mut (ref null $s)) (ref.null $s))
      (func (export "make") (param i32 i32 i64 f64) (result i32)
        (global.set $g (struct.new $s (local.get 0) (local.get 1) (local.get 2) (local.get 3)
          (v128.const i32x4 1 2 3 4) (ref.i31 (i32.const 5)) (i32.const 77)))
        (i32.const 0))
      (func (export "a_s") (result i32) (struct.get_s $s $a (global.get $g)))
      (func (export "a_u") (result i32) (struct.get_u $s $a (global.get $g)))
      (func (export "b_s") (result i32) (struct.get_s $s $b (global.get $g)))
      (func (export "b_u") (result i32) (struct.get_u $s $b (global.get $g)))
      (func (export "c") (result i64) (struct.get $s $c (global.get $g)))
      (func (export "d") (result f64) (struct.get $s $d (global.get $g)))
      (func (export "e3") (result i32) (i32x4.extract_lane 3 (struct.get $s $e (global.get $g))))
      (func (export "f") (result i32) (i31.get_u (ref.cast i31ref (struct.get $s $f (global.get $g)))))
      (func (export "g") (result i32) (struct.get $s $g (global.get $g)))
      (func (export "set_a") (param i32) (struct.set $s $a (global.get $g) (local.get 0)))
      (func (export "default") (result i32 i32 i64 i32)
        (local $x (ref $s))
        (local.set $x (struct.new_default $s))
        (struct.get_u $s $a (local.get $x)) (struct.get_s $s $b (local.get $x)) (struct.get $s $c (local.get $x))
        (ref.is_null (struct.get $s $f (local.get $x))))
      (func (export "null_get") (result i32) (struct.get $s $g (ref.null $s)))
      (func (export "null_set") (struct.set $s $a (ref.null $s) (i32.const 1))))`),
  );

  it('keeps each field exactly; packed fields truncate when written and extend when read', () => {
    invoke(inst, 'make', [i32(0x1ff), i32(-2), i64(-5n), { type: 'f64', bits: 0x7ff4_0000_0000_0001n }]);
    expect(outcome(inst, 'a_s')).toEqual([i32(-1)]);
    expect(outcome(inst, 'a_u')).toEqual([i32(0xff)]);
    expect(outcome(inst, 'b_s')).toEqual([i32(-2)]);
    expect(outcome(inst, 'b_u')).toEqual([i32(0xfffe)]);
    expect(outcome(inst, 'c')).toEqual([i64(-5n)]);
    // a signalling NaN's payload survives the field
    expect(outcome(inst, 'd')).toEqual([{ type: 'f64', bits: 0x7ff4_0000_0000_0001n }]);
    expect(outcome(inst, 'e3')).toEqual([i32(4)]);
    expect(outcome(inst, 'f')).toEqual([i32(5)]);
    expect(outcome(inst, 'g')).toEqual([i32(77)]);
    invoke(inst, 'set_a', [i32(0x180)]);
    expect(outcome(inst, 'a_s')).toEqual([i32(-128)]);
  });

  it('struct.new_default gives zeros and nulls', () => {
    expect(outcome(inst, 'default')).toEqual([i32(0), i32(0), i64(0n), i32(1)]);
  });

  it('traps on a null struct', () => trapsAll(inst, ['null_get', 'null_set'], 'null structure reference'));
});

describe('arrays', () => {
  const inst = instantiate(
    parseWat(`(module
      (type $b (array (mut i8)))
      (type $w (array (mut i64)))
      (type $r (array (mut funcref)))
      (data $d "\\01\\02\\03\\04\\05\\06\\07\\08\\09")
      (elem $e func $f $f $f)
      (func $f)
      (global $a (mut (ref null $b)) (ref.null $b))
      (func (export "new") (param i32 i32) (global.set $a (array.new $b (local.get 0) (local.get 1))))
      (func (export "get_s") (param i32) (result i32) (array.get_s $b (global.get $a) (local.get 0)))
      (func (export "get_u") (param i32) (result i32) (array.get_u $b (global.get $a) (local.get 0)))
      (func (export "set") (param i32 i32) (array.set $b (global.get $a) (local.get 0) (local.get 1)))
      (func (export "len") (result i32) (array.len (global.get $a)))
      (func (export "fill") (param i32 i32 i32) (array.fill $b (global.get $a) (local.get 0) (local.get 1) (local.get 2)))
      (func (export "copy") (param i32 i32 i32) (array.copy $b $b (global.get $a) (local.get 0) (global.get $a) (local.get 1) (local.get 2)))
      (func (export "init_data") (param i32 i32 i32) (array.init_data $b $d (global.get $a) (local.get 0) (local.get 1) (local.get 2)))
      (func (export "from_data") (param i32 i32) (global.set $a (array.new_data $b $d (local.get 0) (local.get 1))))
      (func (export "wide") (param i32) (result i64) (array.get $w (array.new_data $w $d (i32.const 1) (i32.const 1)) (local.get 0)))
      (func (export "fixed") (result i64 i64 i32)
        (local $x (ref $w))
        (local.set $x (array.new_fixed $w 3 (i64.const -1) (i64.const 2) (i64.const 3)))
        (array.get $w (local.get $x) (i32.const 0)) (array.get $w (local.get $x) (i32.const 2)) (array.len (local.get $x)))
      (func (export "from_elem") (param i32 i32) (result i32)
        (ref.is_null (array.get $r (array.new_elem $r $e (local.get 0) (local.get 1)) (i32.const 0))))
      (func (export "init_elem_null") (array.init_elem $r $e (ref.null $r) (i32.const 0) (i32.const 0) (i32.const 0)))
      (func (export "huge") (drop (array.new_default $w (i32.const -1))))
      (func (export "null_len") (result i32) (array.len (ref.null $b))))`),
  );
  const bytes = () => Array.from({ length: (invoke(inst, 'len', []).values[0] as { value: number }).value }, (_, i) => (invoke(inst, 'get_u', [i32(i)]).values[0] as { value: number }).value);

  it('array.new copies its value; get_s/get_u extend; set truncates', () => {
    invoke(inst, 'new', [i32(0x1f0), i32(4)]);
    expect(bytes()).toEqual([0xf0, 0xf0, 0xf0, 0xf0]);
    expect(outcome(inst, 'get_s', [i32(1)])).toEqual([i32(-16)]);
    invoke(inst, 'set', [i32(2), i32(0x301)]);
    expect(bytes()).toEqual([0xf0, 0xf0, 1, 0xf0]);
  });

  it('fill, copy (overlapping either way), init_data and new_data', () => {
    invoke(inst, 'from_data', [i32(0), i32(8)]);
    invoke(inst, 'copy', [i32(1), i32(0), i32(4)]);
    expect(bytes()).toEqual([1, 1, 2, 3, 4, 6, 7, 8]);
    invoke(inst, 'copy', [i32(0), i32(1), i32(4)]);
    expect(bytes()).toEqual([1, 2, 3, 4, 4, 6, 7, 8]);
    invoke(inst, 'fill', [i32(6), i32(0), i32(2)]);
    expect(bytes()).toEqual([1, 2, 3, 4, 4, 6, 0, 0]);
    invoke(inst, 'init_data', [i32(0), i32(6), i32(3)]);
    expect(bytes()).toEqual([7, 8, 9, 4, 4, 6, 0, 0]);
    // an i64 element from bytes 1..8, little-endian, not aligned in the segment
    expect(outcome(inst, 'wide', [i32(0)])).toEqual([i64(0x0908070605040302n)]);
  });

  it('array.new_fixed and array.new_elem', () => {
    expect(outcome(inst, 'fixed')).toEqual([i64(-1n), i64(3n), i32(3)]);
    expect(outcome(inst, 'from_elem', [i32(1), i32(2)])).toEqual([i32(0)]);
  });

  it('traps: null first, then the array bounds, then the segment bounds', () => {
    invoke(inst, 'new', [i32(0), i32(4)]);
    expect(outcome(inst, 'get_u', [i32(4)])).toBe('trap: out of bounds array access');
    expect(outcome(inst, 'set', [i32(-1), i32(0)])).toBe('trap: out of bounds array access');
    expect(outcome(inst, 'fill', [i32(3), i32(0), i32(2)])).toBe('trap: out of bounds array access');
    expect(outcome(inst, 'copy', [i32(0), i32(1), i32(4)])).toBe('trap: out of bounds array access');
    // both out of bounds: the array's bound is checked first
    expect(outcome(inst, 'init_data', [i32(4), i32(9), i32(1)])).toBe('trap: out of bounds array access');
    expect(outcome(inst, 'init_data', [i32(0), i32(8), i32(2)])).toBe('trap: out of bounds memory access');
    expect(outcome(inst, 'from_data', [i32(2), i32(8)])).toBe('trap: out of bounds memory access');
    expect(outcome(inst, 'from_elem', [i32(2), i32(2)])).toBe('trap: out of bounds table access');
    trapsAll(inst, ['init_elem_null', 'null_len'], 'null array reference');
    // a length of 0 at the end is in bounds
    expect(outcome(inst, 'fill', [i32(4), i32(0), i32(0)])).toEqual([]);
  });

  it('an array beyond the allocation budget is Exhaustion, and the next call has the budget again', () => {
    expect(outcome(inst, 'huge')).toMatch(/^exhaustion: allocation exhausted/);
    expect(outcome(inst, 'fixed')).toEqual([i64(-1n), i64(3n), i32(3)]);
  });
});

describe('allocation budget', () => {
  it('a loop that keeps allocating ends as Exhaustion after about GC_ALLOC_LIMIT bytes', () => {
    const inst = instantiate(
      parseWat(`(module
        (type $big (array (mut i8)))
        (type $cell (struct (field (ref $big)) (field (ref null $cell))))
        (func (export "hoard") (param $n i32) (result i32) (local $list (ref null $cell)) (local $i i32)
          (loop $l
            (local.set $list (struct.new $cell (array.new_default $big (i32.const 0x100000)) (local.get $list)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
          (local.get $i)))`),
    );
    const mib = GC_ALLOC_LIMIT / 2 ** 20;
    expect(outcome(inst, 'hoard', [i32(mib - 1)])).toEqual([i32(mib - 1)]);
    expect(outcome(inst, 'hoard', [i32(mib + 1)])).toMatch(/^exhaustion: /);
  });

  it('a finished call leaves no GC object in the stack slots it used', () => {
    const inst = instantiate(
      parseWat(`(module (type $s (struct (field i32)))
        (func $deep (param i32) (result i32) (local anyref)
          (local.set 1 (struct.new $s (local.get 0)))
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $deep (i32.sub (local.get 0) (i32.const 1))))))
        (func (export "run") (result i32) (call $deep (i32.const 50))))`),
    );
    invoke(inst, 'run', []);
    expect(REFS.slice(0, 10_000).filter((r) => r instanceof StructRef)).toEqual([]);
  });

  it('an array of references is at most REF_ARRAY_LIMIT long (V8 keeps no longer JS array fast)', () => {
    const inst = instantiate(parseWat('(module (type $r (array anyref)) (func (export "new") (param i32) (drop (array.new_default $r (local.get 0)))))'));
    expect(outcome(inst, 'new', [i32(REF_ARRAY_LIMIT + 1)])).toMatch(/^exhaustion: allocation exhausted: an array of/);
    expect(outcome(inst, 'new', [i32(1000)])).toEqual([]);
  });
});

describe('i31 and conversions', () => {
  const inst = instantiate(
    parseWat(`(module
      (func (export "s") (param i32) (result i32) (i31.get_s (ref.i31 (local.get 0))))
      (func (export "u") (param i32) (result i32) (i31.get_u (ref.i31 (local.get 0))))
      (func (export "eq") (param i32 i32) (result i32) (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1))))
      (func (export "null") (result i32) (i31.get_s (ref.null i31)))
      (func (export "round") (param externref) (result externref) (extern.convert_any (any.convert_extern (local.get 0))))
      (func (export "internal") (param externref) (result anyref) (any.convert_extern (local.get 0)))
      (func (export "is_i31") (param externref) (result i32) (ref.test i31ref (any.convert_extern (local.get 0))))
      (func (export "ext_i31") (result externref) (extern.convert_any (ref.i31 (i32.const -1))))
      (func (export "back") (param externref) (result i32) (i31.get_s (ref.cast i31ref (any.convert_extern (local.get 0))))))`),
  );

  it('wraps to 31 bits, extends signed or unsigned, and compares by value', () => {
    expect(outcome(inst, 's', [i32(0x4000_0000)])).toEqual([i32(-0x4000_0000)]);
    expect(outcome(inst, 'u', [i32(-1)])).toEqual([i32(0x7fff_ffff)]);
    expect(outcome(inst, 's', [i32(0x8000_0005)])).toEqual([i32(5)]);
    expect(outcome(inst, 'eq', [i32(7), i32(0x8000_0007)])).toEqual([i32(1)]);
    expect(outcome(inst, 'eq', [i32(7), i32(8)])).toEqual([i32(0)]);
    expect(outcome(inst, 'null')).toBe('trap: null i31 reference');
  });

  it('any.convert_extern and extern.convert_any give back the same reference, a host number included', () => {
    expect(invoke(inst, 'round', [{ type: 'externref', ref: 42 }]).values).toEqual([{ type: 'externref', ref: 42 }]);
    expect(invoke(inst, 'internal', [{ type: 'externref', ref: HostRef.of(3) }]).values).toEqual([{ type: 'anyref', ref: HostRef.of(3) }]);
    // a host number is a host value in the any hierarchy, never an i31
    expect(outcome(inst, 'is_i31', [{ type: 'externref', ref: 42 }])).toEqual([i32(0)]);
    const ext = invoke(inst, 'ext_i31', []).values;
    expect(outcome(inst, 'back', ext)).toEqual([i32(-1)]);
  });
});

describe('call_ref and return_call_ref', () => {
  const inst = instantiate(
    parseWat(`(module
      (type $t (func (param i32 i64) (result i64)))
      (elem declare func $count $countNormal)
      (func $count (type $t)
        (if (result i64) (i32.eqz (local.get 0)) (then (local.get 1))
          (else (return_call_ref $t (i32.sub (local.get 0) (i32.const 1)) (i64.add (local.get 1) (i64.const 2)) (ref.func $count)))))
      (func $countNormal (type $t)
        (if (result i64) (i32.eqz (local.get 0)) (then (local.get 1))
          (else (call_ref $t (i32.sub (local.get 0) (i32.const 1)) (i64.add (local.get 1) (i64.const 2)) (ref.func $countNormal)))))
      (func (export "tail") (param i32) (result i64) (call_ref $t (local.get 0) (i64.const 0) (ref.func $count)))
      (func (export "plain") (param i32) (result i64) (call_ref $t (local.get 0) (i64.const 0) (ref.func $countNormal)))
      (func (export "null") (result i64) (call_ref $t (i32.const 0) (i64.const 0) (ref.null $t)))
      (func (export "null_tail") (result i64) (return_call_ref $t (i32.const 0) (i64.const 0) (ref.null $t))))`),
  );

  it('return_call_ref replaces the frame: recursion deeper than the call limit runs', () => {
    expect(outcome(inst, 'tail', [i32(100_000)])).toEqual([i64(200_000n)]);
    expect(outcome(inst, 'plain', [i32(100)])).toEqual([i64(200n)]);
    expect(outcome(inst, 'plain', [i32(100_000)])).toBe('exhaustion: call stack exhausted');
  });

  it('traps on a null function reference', () => trapsAll(inst, ['null', 'null_tail'], 'null function reference'));
});

describe('branches on references', () => {
  const inst = instantiate(
    parseWat(`(module
      (type $s (struct (field i32)))
      (type $sub (sub (struct (field i32))))
      (type $sub2 (sub $sub (struct (field i32) (field i32))))
      (func (export "on_null") (param anyref) (result i32)
        (block $l (br_on_null $l (local.get 0)) (drop) (return (i32.const 1)))
        (i32.const 0))
      (func (export "on_non_null") (param anyref) (result i32)
        (block $l (result anyref) (br_on_non_null $l (local.get 0)) (return (i32.const 0)))
        (drop) (i32.const 1))
      ;; to the function's own label: a return
      (func (export "on_null_ret") (param anyref) (result i32)
        (br_on_null 0 (i32.const 7) (local.get 0)) (drop) (drop) (i32.const 8))
      (func (export "cast") (param i32) (result i32)
        (block $yes (result (ref $sub))
          (br_on_cast $yes anyref (ref $sub) (call $make (local.get 0)))
          (drop) (return (i32.const -1)))
        (struct.get $sub 0))
      (func (export "cast_fail") (param i32) (result i32)
        (block $no (result anyref)
          (br_on_cast_fail $no anyref (ref null $sub2) (call $make (local.get 0)))
          (return (ref.is_null)))
        (drop) (i32.const -1))
      (func (export "as_non_null") (param anyref) (result i32) (drop (ref.as_non_null (local.get 0))) (i32.const 1))
      (func $make (param i32) (result anyref)
        (if (i32.eq (local.get 0) (i32.const 0)) (then (return (ref.null any))))
        (if (i32.eq (local.get 0) (i32.const 1)) (then (return (struct.new $s (i32.const 1)))))
        (if (i32.eq (local.get 0) (i32.const 2)) (then (return (struct.new $sub (i32.const 2)))))
        (if (i32.eq (local.get 0) (i32.const 3)) (then (return (struct.new $sub2 (i32.const 3) (i32.const 0)))))
        (ref.i31 (i32.const 4))))`),
  );
  const s: Value = { type: 'anyref', ref: HostRef.of(1) };
  const nul: Value = { type: 'anyref', ref: null };

  it('br_on_null branches on null, br_on_non_null on non-null, keeping the reference', () => {
    expect(outcome(inst, 'on_null', [nul])).toEqual([i32(0)]);
    expect(outcome(inst, 'on_null', [s])).toEqual([i32(1)]);
    expect(outcome(inst, 'on_non_null', [nul])).toEqual([i32(0)]);
    expect(outcome(inst, 'on_non_null', [s])).toEqual([i32(1)]);
    expect(outcome(inst, 'on_null_ret', [nul])).toEqual([i32(7)]);
    expect(outcome(inst, 'on_null_ret', [s])).toEqual([i32(8)]);
    expect(outcome(inst, 'as_non_null', [nul])).toBe('trap: null reference');
  });

  it('br_on_cast branches when the value matches by declared subtyping; br_on_cast_fail when not', () => {
    // null, a struct of an unrelated (structurally equal, final) type, $sub, $sub2 <: $sub, an i31
    expect([0, 1, 2, 3, 4].map((k) => outcome(inst, 'cast', [i32(k)]))).toEqual([[i32(-1)], [i32(-1)], [i32(2)], [i32(3)], [i32(-1)]]);
    // the target is nullable: null and $sub2 take the fall-through (null: ref.is_null is 1)
    expect([0, 1, 2, 3, 4].map((k) => outcome(inst, 'cast_fail', [i32(k)]))).toEqual([[i32(1)], [i32(-1)], [i32(-1)], [i32(0)], [i32(-1)]]);
  });
});
