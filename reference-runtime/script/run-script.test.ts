// The script runner's matching rules and reports, on small scripts.
import { describe, expect, it } from 'vitest';
import { parseWast } from '../text/parse-script.js';
import { runScript } from './run-script.js';

function run(text: string) {
  return runScript(parseWast(text, 'inline.wast'));
}

describe('runScript', () => {
  it('matches NaN classes per scalar and per lane, and exact bits otherwise', () => {
    const r = run(`
      (module
        (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
        (func (export "snan") (result f64) (f64.const nan:0x1))
        (func (export "lanes") (result v128) (v128.const f32x4 nan 1 -0 nan:0x600000)))
      (assert_return (invoke "nan") (f32.const nan:canonical))
      (assert_return (invoke "nan") (f32.const nan:arithmetic))
      (assert_return (invoke "snan") (f64.const nan:0x1))
      (assert_return (invoke "lanes") (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic))
      (assert_return (invoke "snan") (f64.const nan:arithmetic))
      (assert_return (invoke "lanes") (v128.const f32x4 nan:canonical 1 0 nan:arithmetic))`);
    expect(r.passed).toBe(5);
    expect(r.failed).toBe(2); // a signalling NaN is not arithmetic; -0 is not 0
    expect(r.failures.map((f) => f.line)).toEqual([10, 11]);
    expect(r.failures[0]).toMatchObject({ file: 'inline.wast', command: 'assert_return', expected: 'f64:nan:arithmetic', actual: 'f64:0x7ff0000000000001' });
  });

  it('handles references: ref.extern by number, ref.null by type, ref.func as any function', () => {
    const r = run(`
      (module
        (func $f) (elem declare func $f)
        (func (export "id") (param externref) (result externref) (local.get 0))
        (func (export "nullf") (result funcref) (ref.null func))
        (func (export "fn") (result funcref) (ref.func $f)))
      (assert_return (invoke "id" (ref.extern 3)) (ref.extern 3))
      (assert_return (invoke "id" (ref.null extern)) (ref.null extern))
      (assert_return (invoke "nullf") (ref.null func))
      (assert_return (invoke "fn") (ref.func))
      (assert_return (invoke "id" (ref.extern 3)) (ref.extern 4))
      (assert_return (invoke "nullf") (ref.null extern))`);
    expect([r.passed, r.failed, r.skipped]).toEqual([5, 2, 0]);
  });

  it('links registered modules, and checks trap, link and instantiation messages by prefix', () => {
    const r = run(`
      (module $a (memory (export "mem") 1) (func (export "seven") (result i32) (i32.const 7)))
      (register "a" $a)
      (module (import "a" "seven" (func $s (result i32))) (func (export "call") (result i32) (call $s)))
      (assert_return (invoke "call") (i32.const 7))
      (assert_return (invoke $a "seven") (i32.const 7))
      (assert_unlinkable (module (import "a" "missing" (func))) "unknown import")
      (assert_unlinkable (module (import "a" "mem" (memory 2))) "incompatible import type")
      (assert_trap (module (func $boom (unreachable)) (start $boom)) "unreachable")
      (assert_uninstantiable (module (memory 1) (data (i32.const 65536) "x")) "out of bounds memory access")
      (module (func $r (export "r") (call $r)))
      (assert_exhaustion (invoke "r") "call stack exhausted")
      (assert_trap (invoke "r") "call stack exhausted")`);
    // only the last command fails: exhaustion is its own outcome, not a trap
    expect(r.failures.map((f) => f.line)).toEqual([13]);
    expect(r.failures[0]?.actual).toMatch(/^Exhaustion/);
    expect(r.passed).toBe(11);
  });

  it('rejects invalid and malformed modules with the expected error kind', () => {
    const r = run(`
      (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
      (assert_malformed (module quote "(func (i32.const))") "unexpected token")
      (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
      (assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")`);
    expect(r.failures.map((f) => f.line)).toEqual([5]);
    expect(r.failures[0]?.actual).toBe('no error');
  });

  it('judges the 3.0 reference patterns by kind and hierarchy, and passes ref.host arguments', () => {
    const r = run(`
      (module
        (type $s (struct)) (type $a (array i8)) (type $f (func))
        (func $g) (elem declare func $g)
        (func (export "s") (result anyref) (struct.new $s))
        (func (export "a") (result anyref) (array.new_default $a (i32.const 1)))
        (func (export "i") (result anyref) (ref.i31 (i32.const 1)))
        (func (export "n") (result (ref null $s)) (ref.null none))
        (func (export "f") (result (ref $f)) (ref.func $g))
        (func (export "id") (param anyref) (result anyref) (local.get 0))
        (func (export "ext") (param anyref) (result externref) (extern.convert_any (local.get 0))))
      (assert_return (invoke "s") (ref.struct))
      (assert_return (invoke "s") (ref.eq))
      (assert_return (invoke "a") (ref.array))
      (assert_return (invoke "i") (ref.i31))
      (assert_return (invoke "i") (ref.any))
      (assert_return (invoke "n") (ref.null none))
      (assert_return (invoke "n") (ref.null struct))
      (assert_return (invoke "n") (ref.null))
      (assert_return (invoke "f") (ref.func))
      (assert_return (invoke "id" (ref.host 5)) (ref.host 5))
      (assert_return (invoke "ext" (ref.host 5)) (ref.extern 5))
      (assert_return (invoke "s") (ref.array))
      (assert_return (invoke "i") (ref.struct))
      (assert_return (invoke "id" (ref.host 5)) (ref.eq))
      (assert_return (invoke "id" (ref.host 5)) (ref.host 6))
      (assert_return (invoke "n") (ref.null func))
      (assert_return (invoke "n") (ref.struct))`);
    expect(r.passed).toBe(12);
    expect(r.failures.map((f) => f.line)).toEqual([23, 24, 25, 26, 27, 28]);
    expect(r.failures[0]).toMatchObject({ expected: '(ref.array)', actual: 'anyref:struct' });
  });
});
