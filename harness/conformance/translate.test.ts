// Translation of .wast scripts into per-module plans and checks.
import { describe, expect, it } from 'vitest';
import { parseWast } from '../../reference-runtime/text/parse-script.js';
import { featuresUsed } from './features.js';
import { REASON_GC_REF, REASON_GET, REASON_HOST_REF, REASON_IMPORTS, REASON_QUOTE, REASON_REGISTER, REASON_UNLINKABLE, translateScript } from './translate.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { decode } from '../../reference-runtime/api.js';
import { instr } from '../../reference-runtime/syntax/instructions.js';

function translate(text: string) {
  return translateScript(parseWast(text, 't.wast'));
}

describe('translateScript', () => {
  it('runs invocations with typed or GC reference results and null arguments; only non-null reference parameters stay unsupported', () => {
    const p = translate(`
      (module
        (type $s (struct (field i32)))
        (tag $t)
        (func (export "new") (result (ref $s)) (struct.new $s (i32.const 1)))
        (func (export "null") (result structref) (ref.null struct))
        (func (export "id") (param anyref) (result i32) (i32.const 0))
        (func (export "strict") (param (ref any)) (result i32) (i32.const 0))
        (func (export "throw") (throw $t))
        (func (export "plain") (param funcref) (result i32) (i32.const 7)))
      (assert_return (invoke "new") (ref.struct))
      (assert_return (invoke "null") (ref.null struct))
      (assert_return (invoke "id" (ref.host 1)) (i32.const 0))
      (assert_return (invoke "id" (ref.null any)) (i32.const 0))
      (assert_return (invoke "strict" (ref.host 1)) (i32.const 0))
      (assert_exception (invoke "throw"))
      (assert_return (invoke "plain" (ref.null func)) (i32.const 7))
      (invoke "new")`);
    expect(p.checks.map((c) => c.unsupported ?? c.command)).toEqual([
      'module', 'assert_return', 'assert_return', REASON_HOST_REF, 'assert_return', REASON_HOST_REF, 'assert_exception', 'assert_return', 'action',
    ]);
    expect(p.checks[6]!.expect).toEqual({ kind: 'exception' });
    expect(p.units[0]!.invocations.map((i) => i.export)).toEqual(['new', 'null', 'id', 'throw', 'plain', 'new']);
    expect(p.units[0]!.invocations[2]!.args).toEqual([{ type: 'anyref', null: true }]);
  });

  it('keeps a non-nullable reference parameter unsupported: a plan passes references only as null constants', () => {
    const p = translate(`(module (func (export "strict") (param (ref null any) (ref eq)) (result i32) (i32.const 0)))
      (invoke "strict" (ref.null any) (ref.null eq))`);
    expect(p.checks.map((c) => c.unsupported ?? c.command)).toEqual(['module', REASON_GC_REF]);
  });

  it('batches every assertion on a module into one plan, in script order, named modules included', () => {
    const p = translate(`
      (module $a (func (export "one") (result i32) (i32.const 1)))
      (module (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "loop") (call 1)))
      (assert_return (invoke "div" (i32.const 6) (i32.const -2)) (i32.const -3))
      (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
      (assert_return (invoke $a "one") (i32.const 1))
      (invoke "div" (i32.const 1) (i32.const 1))
      (assert_exhaustion (invoke "loop") "call stack exhausted")`);
    expect(p.units.map((u) => [u.kind, u.invocations.length])).toEqual([['instance', 1], ['instance', 4]]);
    expect(p.units[1]!.invocations[0]).toEqual({ export: 'div', args: [{ type: 'i32', bits: 6 }, { type: 'i32', bits: 0xfffffffe }] });
    expect(p.checks.map((c) => [c.command, c.unit, c.invocation])).toEqual([
      ['module', 0, undefined],
      ['module', 1, undefined],
      ['assert_return', 1, 0],
      ['assert_trap', 1, 1],
      ['assert_return', 0, 0],
      ['action', 1, 2],
      ['assert_exhaustion', 1, 3],
    ]);
    expect(p.checks.every((c) => c.unsupported === undefined)).toBe(true);
    expect(p.checks[3]!.expect).toEqual({ kind: 'trap', message: 'integer divide by zero' });
  });

  it('turns module assertions into plans without invocations, and says why the rest cannot run', () => {
    const p = translate(`
      (module $m (global (export "g") i32 (i32.const 1)) (func (export "id") (param externref) (result externref) (local.get 0)))
      (register "m" $m)
      (assert_return (get "g") (i32.const 1))
      (assert_return (invoke "id" (ref.extern 1)) (ref.extern 1))
      (assert_return (invoke "id" (ref.null extern)) (ref.null extern))
      (module (import "registered" "print_i32" (func (param i32))) (func (export "f")))
      (assert_return (invoke "f"))
      (assert_malformed (module quote "(func") "unexpected end")
      (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
      (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
      (assert_trap (module (func $s unreachable) (start $s)) "unreachable")`);
    const reasons = p.checks.map((c) => c.unsupported ?? c.command);
    expect(reasons).toEqual([
      'module',
      REASON_REGISTER,
      REASON_GET,
      REASON_HOST_REF,
      'assert_return',
      REASON_IMPORTS,
      REASON_IMPORTS,
      REASON_QUOTE,
      'assert_malformed',
      'assert_invalid',
      'assert_trap_module',
    ]);
    expect(p.units.map((u) => u.kind)).toEqual(['instance', 'verdict', 'verdict', 'verdict']);
    expect(p.checks.slice(8).map((c) => c.expect)).toEqual([
      { kind: 'verdict', verdict: 'malformed', message: 'unknown binary version' },
      { kind: 'verdict', verdict: 'invalid', message: 'type mismatch' },
      { kind: 'verdict', verdict: 'uninstantiable', message: 'unreachable' },
    ]);
    expect(p.units[1]!.module).toBeUndefined(); // the malformed binary has no syntax
  });
});

describe('featuresUsed', () => {
  it('reads features from types and instructions', () => {
    const f = (wat: string) => featuresUsed(parseWat(wat));
    expect(f('(module (func (result i32) (i32.const 1)))')).toEqual([]);
    expect(f('(module (func (param v128)))')).toEqual(['simd']);
    expect(f('(module (func (result i32) (i32x4.extract_lane 0 (v128.const i64x2 0 0))))')).toEqual(['simd']);
    expect(f('(module (func (result i32 i32) (i32.const 1) (i32.const 2)))')).toEqual(['multi-value']);
    expect(f('(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))')).toEqual(['bulk-memory']);
    expect(f('(module (func (result i32) (i32.extend8_s (i32.const 1))))')).toEqual(['sign-extension']);
    expect(f('(module (func (result i32) (i32.trunc_sat_f32_s (f32.const 1))))')).toEqual(['saturating-conversions']);
    expect(f('(module (table 1 externref) (func (result i32) (ref.is_null (table.get 0 (i32.const 0)))))')).toEqual(['reference-types']);
  });

  it('defines spectest imports inside a module, keeps them for a module expected invalid, and refuses them for a linking test', () => {
    const p = translate(`
      (module (import "spectest" "global_i32" (global i32)) (func (export "g") (result i32) global.get 0))
      (assert_return (invoke "g") (i32.const 666))
      (assert_invalid (module (import "spectest" "print_i32" (func (type 43)))) "unknown type")
      (assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")
      (module (import "spectest" "nothing" (func)))`);
    expect(p.checks.map((c) => c.unsupported ?? c.command)).toEqual(['module', 'assert_return', 'assert_invalid', REASON_UNLINKABLE, REASON_IMPORTS]);
    expect(p.units[0]!.module!.imports).toEqual([]);
    expect(p.units[0]!.module!.globals[0]!.init).toEqual([instr('i32.const', { i32: 666 })]);
    expect(decode(p.units[1]!.bytes).imports).toHaveLength(1);
  });
});

