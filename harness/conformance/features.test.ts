// featuresUsed reads every 3.0 feature a module needs, so that a runtime
// probed without it gets "unsupported (feature, as probed)" for the module.
import { describe, expect, it } from 'vitest';
import { decode } from '../../reference-runtime/api.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { featuresUsed } from './features.js';

const f = (wat: string) => featuresUsed(parseWat(wat));

describe('featuresUsed: 3.0', () => {
  it('reads no typed references from a segment of function indices, which 3.0 decodes as (ref func)', () => {
    const bytes = encodeModule(parseWat('(module (table 1 funcref) (func $f) (elem (i32.const 0) $f))'));
    expect(decode(bytes).elems[0]!.type).not.toBe('funcref');
    expect(featuresUsed(decode(bytes))).toEqual([]);
    // written as expressions of a non-null type, it does need them
    expect(f('(module (table 1 funcref) (func $f) (elem (table 0) (i32.const 0) (ref func) (ref.func $f)))')).toContain('function-references');
  });

  it('reads each 3.0 feature from the instruction table, types, memories, tables, tags and constant expressions', () => {
    expect(f('(module (func $g) (func (return_call $g)))')).toEqual(['tail-call']);
    expect(f('(module (tag $t) (func (try_table (catch_all 0) (throw $t))))')).toEqual(['exceptions']);
    expect(f('(module (tag $t (param i32)))')).toEqual(['exceptions']);
    expect(f('(module (func (param exnref)))')).toEqual(['exceptions']);
    expect(f('(module (memory i64 1))')).toEqual(['memory64']);
    expect(f('(module (table i64 1 funcref))')).toEqual(['memory64']);
    expect(f('(module (memory 1) (memory 1))')).toEqual(['multi-memory']);
    expect(f('(module (global i32 (i32.add (i32.const 1) (i32.const 2))))')).toEqual(['extended-const']);
    expect(f('(module (memory 1) (data (i32.mul (i32.const 1) (i32.const 2)) ""))')).toEqual(['extended-const']);
    // a constant expression reading a defined global: a GC rule, and engines without GC refuse it
    expect(f('(module (global $a i32 (i32.const 1)) (global i32 (global.get $a)))')).toEqual(['gc']);
    expect(f('(module (global $a (import "m" "a") i32) (global i32 (global.get $a)))')).toEqual([]);
    expect(f('(module (type $t (func)) (func (param (ref null $t))))')).toEqual(['function-references']);
    expect(f('(module (func (param (ref func))))')).toEqual(['function-references']);
    expect(f('(module (type $t (func)) (func (param (ref null $t)) (call_ref $t (local.get 0))))')).toEqual(['function-references']);
    expect(f('(module (type $s (struct (field i32))))')).toEqual(['gc']);
    expect(f('(module (type $a (array i8)))')).toEqual(['gc']);
    expect(f('(module (func (param anyref)))')).toEqual(['gc']);
    expect(f('(module (func (result i32) (i31.get_s (ref.i31 (i32.const 1)))))')).toEqual(['gc']);
    expect(f('(module (rec (type (func))))')).toEqual(['gc']);
    expect(f('(module (type $p (sub (func))) (type (sub $p (func))))')).toEqual(['gc']);
    expect(f('(module (type $s (struct)) (global (ref null $s) (ref.null $s)))')).toEqual(['gc', 'reference-types']);
    expect(f('(module (func (result i32) (ref.is_null (ref.null none))))')).toEqual(['gc', 'reference-types']);
  });

  it('reads the same from a binary module the text parser never saw', () => {
    const bytes = encodeModule(parseWat('(module (memory i64 1) (memory 1) (func (return_call 0)))'));
    expect(featuresUsed(decode(bytes))).toEqual(['memory64', 'multi-memory', 'tail-call']);
  });

  it('finds none in a 2.0 module', () => {
    expect(f('(module (memory 1) (table 1 funcref) (global i32 (i32.const 1)) (func (call 0)))')).toEqual([]);
  });
});
