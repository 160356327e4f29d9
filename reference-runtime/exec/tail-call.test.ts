// Tail calls (return_call, return_call_indirect): the callee's frame replaces
// the caller's, so a tail-recursive loop runs in constant stack space; the
// traps of return_call_indirect are those of call_indirect; a host callee is
// called, then its results are returned.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Exhaustion, hostFunction, instantiate, invoke, MAX_CALL_DEPTH, parseWat, Trap, type Value } from '../api.js';

const i32 = (value: number): Value => ({ type: 'i32', value });
const i64 = (value: bigint): Value => ({ type: 'i64', value });

const counterWat = (call: 'call' | 'return_call') => `(module
  (func $count (export "count") (param $n i32) (param $acc i64) (result i64)
    (if (result i64) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (${call} $count (i32.sub (local.get $n) (i32.const 1)) (i64.add (local.get $acc) (i64.const 3)))))))`;
const counter = (call: 'call' | 'return_call') => instantiate(parseWat(counterWat(call)));

describe('return_call', () => {
  it('runs a tail-recursive loop of 10 million calls in constant stack space', () => {
    // In a Node process of its own: the interpreter runs some 50 times slower under vitest's module transform.
    const n = 10_000_000;
    expect(n).toBeGreaterThan(MAX_CALL_DEPTH * 100);
    const api = fileURLToPath(new URL('../api.ts', import.meta.url));
    const script = `import { instantiate, invoke, parseWat } from ${JSON.stringify(api)};
      const inst = instantiate(parseWat(${JSON.stringify(counterWat('return_call'))}));
      const r = invoke(inst, 'count', [{ type: 'i32', value: ${n} }, { type: 'i64', value: 0n }]);
      console.log(String(r.values[0].value));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(String(3 * n));
  });

  it('is what makes that loop possible: with call, the same loop exhausts the stack', () => {
    expect(() => invoke(counter('call'), 'count', [i32(MAX_CALL_DEPTH + 1), i64(0n)])).toThrow(Exhaustion);
  });

  it('runs mutual tail recursion between functions of different frame sizes', () => {
    // $even has no locals, $odd three (of three slot kinds), so each call moves the frame's top
    const inst = instantiate(
      parseWat(`(module
        (func $even (export "even") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
            (else (return_call $odd (i64.const 7) (i32.sub (local.get 0) (i32.const 1))))))
        (func $odd (param i64 i32) (result i32) (local f64 v128 externref)
          (local.set 2 (f64.const 1.5))
          (if (result i32) (i32.eqz (local.get 1)) (then (i32.const 0))
            (else (return_call $even (i32.sub (local.get 1) (i32.const 1)))))))`),
    );
    expect(invoke(inst, 'even', [i32(2 * MAX_CALL_DEPTH + 1)]).values).toEqual([i32(0)]);
    expect(invoke(inst, 'even', [i32(2 * MAX_CALL_DEPTH)]).values).toEqual([i32(1)]);
  });

  it('gives the callee fresh zeroed locals, not the caller’s', () => {
    const inst = instantiate(
      parseWat(`(module
        (func $callee (param i32) (result i32) (local i32) (i32.add (local.get 0) (local.get 1)))
        (func (export "f") (result i32) (local i32 i32 i32)
          (local.set 0 (i32.const 100)) (local.set 1 (i32.const 200)) (local.set 2 (i32.const 300))
          (return_call $callee (i32.const 5))))`),
    );
    expect(invoke(inst, 'f', []).values).toEqual([i32(5)]);
  });

  it('calls a host callee and returns its results', () => {
    const seen: Value[][] = [];
    const host = hostFunction({ params: ['i32', 'i32'], results: ['i32', 'i64'] }, (args) => {
      seen.push(args);
      return [i32(41), i64(42n)];
    });
    const inst = instantiate(
      parseWat(`(module (import "h" "f" (func $h (param i32 i32) (result i32 i64)))
        (func (export "f") (result i32 i64) (local i32)
          (i32.const 99) (drop)
          (return_call $h (i32.const 1) (i32.const 2))))`),
      new Map([['h', new Map([['f', host]])]]),
    );
    expect(invoke(inst, 'f', []).values).toEqual([i32(41), i64(42n)]);
    expect(seen).toEqual([[i32(1), i32(2)]]);
  });

  it('switches to the callee’s instance and memory across modules', () => {
    const lib = instantiate(
      parseWat(`(module (memory 1) (data (i32.const 8) "\\2a")
        (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))`),
    );
    const main = instantiate(
      parseWat(`(module (import "lib" "peek" (func $peek (param i32) (result i32))) (memory 1)
        (func (export "f") (result i32) (i32.store8 (i32.const 8) (i32.const 7)) (return_call $peek (i32.const 8)))
        (func (export "g") (result i32) (i32.add (call 1) (i32.load8_u (i32.const 8)))))`),
      new Map([['lib', lib.exports]]),
    );
    expect(invoke(main, 'f', []).values).toEqual([i32(42)]);
    expect(invoke(main, 'g', []).values).toEqual([i32(49)]);
  });
});

describe('return_call_indirect', () => {
  const inst = () =>
    instantiate(
      parseWat(`(module
        (type $i2i (func (param i32) (result i32)))
        (table 3 funcref)
        (elem (i32.const 0) $down $other)
        (func $down (type $i2i)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 77))
            (else (return_call_indirect (type $i2i) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))
        (func $other (param i64) (result i32) (i32.const 0))
        (func (export "run") (param i32 i32) (result i32)
          (return_call_indirect (type $i2i) (local.get 0) (local.get 1))))`),
    );

  it('loops through the table in constant stack space', () => {
    expect(invoke(inst(), 'run', [i32(2 * MAX_CALL_DEPTH), i32(0)]).values).toEqual([i32(77)]);
  });

  it('traps as call_indirect does', () => {
    const trap = (index: number) => {
      try {
        invoke(inst(), 'run', [i32(0), i32(index)]);
      } catch (e) {
        return e instanceof Trap ? e.message : e;
      }
      return 'returned';
    };
    expect(trap(1)).toBe('indirect call type mismatch');
    expect(trap(2)).toBe('uninitialized element 2');
    expect(trap(3)).toBe('undefined element 3');
  });
});
