import { describe, expect, it } from 'vitest';
import { instantiate, invoke, parseWat, spectest, validate, type Value } from '../../reference-runtime/api.js';
import { importsInside } from './imports-inside.js';

// Imports of every kind, used by exports that observe them.
const IMPORTING = parseWat(`(module
  (import "spectest" "print_i32" (func $p (param i32)))
  (import "spectest" "global_i32" (global $gi i32))
  (import "spectest" "global_f64" (global $gf f64))
  (import "spectest" "table" (table $t 5 funcref))
  (import "spectest" "memory" (memory $m 1))
  (func $own (result i32) i32.const 7)
  (elem (i32.const 8) $own $p)
  (data (i32.const 8) "\\2a")
  (func (export "call") (result i32) i32.const 3 call $p call $own)
  (func (export "gi") (result i32) global.get $gi)
  (func (export "gf") (result f64) global.get $gf)
  (func (export "tsize") (result i32) table.size $t)
  (func (export "tgrow") (result i32) ref.null func i32.const 11 table.grow $t)
  (func (export "indirect") (result i32) i32.const 8 call_indirect (result i32))
  (func (export "msize") (result i32) memory.size)
  (func (export "mgrow") (result i32) i32.const 1 memory.grow)
  (func (export "mgrow2") (result i32) i32.const 1 memory.grow)
  (func (export "load") (result i32) i32.const 8 i32.load8_u))`);

const show = (r: ReturnType<typeof invoke>): string =>
  JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? [...v] : v));

describe('importsInside', () => {
  it('defines every import as spectest provides it, keeping indices: the module behaves as when linked to spectest', () => {
    const inside = importsInside(IMPORTING)!;
    expect(inside.imports).toEqual([]);
    expect(() => validate(inside)).not.toThrow();
    const linked = instantiate(IMPORTING, new Map([['spectest', spectest()]]));
    const alone = instantiate(inside);
    for (const name of ['call', 'gi', 'gf', 'tsize', 'tgrow', 'indirect', 'msize', 'mgrow', 'mgrow2', 'load']) {
      expect(show(invoke(alone, name, [])), name).toBe(show(invoke(linked, name, [])));
    }
    // spectest's limits, not the import's: the table holds 10 (max 20), the memory grows to 2 pages only
    expect(invoke(alone, 'gi', []).values[0]).toEqual({ type: 'i32', value: 666 } satisfies Value);
  });

  it('leaves alone a module whose imports spectest does not provide or does not match, and an invalid one', () => {
    for (const text of [
      '(module (import "unregistered" "f" (func)))',
      '(module (import "spectest" "nothing" (func)))',
      '(module (import "spectest" "print_i32" (func (param i64))))',
      '(module (import "spectest" "memory" (memory 2)))',
      '(module (import "spectest" "table" (table 10 15 funcref)))',
      '(module (import "spectest" "global_i32" (global (mut i32))))',
      '(module (import "spectest" "print_i32" (func (param i32))) (func (result i32) i64.const 0))',
    ]) {
      expect(importsInside(parseWat(text)), text).toBeUndefined();
    }
  });

  it('copies from a registered module what shares no state: self-contained functions and constant immutable globals', () => {
    const registered = new Map([['a', parseWat(`(module
      (type $pair (func (result i32 i32)))
      (global $g (mut i32) (i32.const 1))
      (global (export "c") i64 (i64.const -5))
      (global (export "m") (mut i32) (i32.const 1))
      (memory (export "mem") 1)
      (func (export "ef0") (result i32) i32.const 0)
      (func (export "pair") (result i32) block (type $pair) i32.const 1 i32.const 2 end i32.add)
      (func (export "reads") (result i32) global.get $g)
      (func (export "calls") (result i32) call 0))`)]]);
    const user = importsInside(parseWat(`(module
      (import "a" "ef0" (func $ef0 (result i32)))
      (import "a" "pair" (func $pair (result i32)))
      (import "a" "c" (global $c i64))
      (func (export "sum") (result i32) call $ef0 call $pair i32.add)
      (func (export "c") (result i64) global.get $c))`), registered)!;
    expect(user.imports).toEqual([]);
    const inst = instantiate(user);
    expect(invoke(inst, 'sum', []).values).toEqual([{ type: 'i32', value: 3 }]);
    expect(invoke(inst, 'c', []).values).toEqual([{ type: 'i64', value: -5n }]);
    for (const imp of ['(import "a" "reads" (func (result i32)))', '(import "a" "calls" (func (result i32)))', '(import "a" "m" (global (mut i32)))',
      '(import "a" "mem" (memory 1))', '(import "a" "ef0" (func (result i64)))', '(import "a" "absent" (func))']) {
      expect(importsInside(parseWat(`(module ${imp})`), registered), imp).toBeUndefined();
    }
  });

  it('leaves alone a module that would be invalid with its imports defined: a table initialiser sees imported globals only', () => {
    const registered = new Map([['env', parseWat(`(module (global (export "g") i32 (i32.const 42)))`)]]);
    const reads = (where: string) => parseWat(`(module (global $g (import "env" "g") i32) ${where} (func (export "f") (result i32) (global.get $g)))`);
    expect(importsInside(reads('(table 3 3 (ref i31) (ref.i31 (global.get $g)))'), registered)).toBeUndefined();
    const inGlobal = importsInside(reads('(global i32 (global.get $g))'), registered)!;
    expect(inGlobal.imports).toEqual([]);
    expect(() => validate(inGlobal)).not.toThrow();
  });
});

