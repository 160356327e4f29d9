// Exception handling: throw, throw_ref and try_table's four catch clauses;
// the handler search (innermost try_table first, then the frames below, host
// functions in between letting the exception through); what a catch delivers;
// and the outcomes that are not exceptions (traps, exhaustion) staying apart.
// The property test checks the handler chosen against a model of the search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostFunction, instantiate, invoke, parseWat, UncaughtException, type ExternVal } from '../api.js';
import { i32, i64, invokeOutcome as outcome } from './invoke-outcome.js';

const imports = (entries: Record<string, Record<string, ExternVal>>) =>
  new Map(Object.entries(entries).map(([m, fields]) => [m, new Map(Object.entries(fields))]));

describe('throw and catch', () => {
  const inst = instantiate(
    parseWat(`(module
      (tag $e0)
      (tag $e1 (param i32))
      (tag $e2)
      (tag $all (param i32 i64 f32 f64 v128 externref))
      (func $throw-all (param externref)
        (throw $all (i32.const -7) (i64.const 0x1122334455667788) (f32.const 1.5) (f64.const -2.25)
          (v128.const i32x4 1 2 3 4) (local.get 0)))
      (func (export "fields") (param externref) (result i32 i64 f32 f64 v128 externref)
        (block $h (result i32 i64 f32 f64 v128 externref)
          (try_table (catch $all $h) (call $throw-all (local.get 0)))
          (unreachable)))
      (func (export "clause-order") (result i32)
        (block $a
          (block $b
            (block $c
              (try_table (catch $e2 $c) (catch_all $b) (catch $e0 $a) (throw $e0))
              (unreachable))
            (return (i32.const 1)))
          (return (i32.const 2)))
        (i32.const 3))
      (func (export "innermost") (result i32)
        (block $outer (result i32)
          (try_table (result i32) (catch $e1 $outer)
            (block $inner (result i32)
              (try_table (result i32) (catch $e1 $inner) (throw $e1 (i32.const 10))))
            (i32.add (i32.const 100)))))
      (func (export "catch_all_ref") (result i32)
        (block $h (result exnref)
          (try_table (catch_all_ref $h) (throw $e1 (i32.const 5)))
          (unreachable))
        (ref.is_null))
      (func (export "to-loop") (result i32) (local $n i32)
        ;; each catch branches back to the loop, with the thrown value as the loop's parameter
        (i32.const 0)
        (loop $again (param i32)
          (local.set $n)
          (try_table (catch $e1 $again)
            (if (i32.lt_u (local.get $n) (i32.const 1000))
              (then (throw $e1 (i32.add (local.get $n) (i32.const 1)))))))
        (local.get $n))
      (func (export "to-function") (result i32) (local i32 i32)
        ;; a catch to the function's own label returns what it delivers
        (local.set 0 (i32.const 7))
        (try_table (catch $e1 0) (i32.const 1) (drop) (throw $e1 (i32.const 9)))
        (i32.const 0))
      (func (export "after-the-range") (result i32)
        ;; the try_table has ended when the throw happens
        (block $h (try_table (catch_all $h) (nop)))
        (throw $e0))
      (func (export "uncaught-tag") (result i32)
        (block $h (try_table (catch $e2 $h) (throw $e0)))
        (i32.const 1))
      (func (export "throw_ref-null")
        (throw_ref (ref.null exn))))`),
  );

  it('delivers the fields of every value type, in order', () => {
    const host = { type: 'externref' as const, ref: { any: 'object' } };
    const r = invoke(inst, 'fields', [host]).values;
    expect(r.slice(0, 4)).toEqual([i32(-7), i64(0x1122334455667788n), { type: 'f32', bits: 0x3fc00000 }, { type: 'f64', bits: 0xc002000000000000n }]);
    expect(r[4]).toEqual({ type: 'v128', bytes: new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]) });
    expect(r[5]!.type === 'externref' && r[5]!.ref).toBe(host.ref);
  });

  it('tries the clauses of one try_table in order', () => {
    expect(outcome(inst, 'clause-order')).toEqual([i32(2)]);
  });

  it('lets the innermost try_table catch', () => {
    expect(outcome(inst, 'innermost')).toEqual([i32(110)]);
  });

  it('catch_all_ref delivers a non-null exnref', () => {
    expect(outcome(inst, 'catch_all_ref')).toEqual([i32(0)]);
  });

  it('branches to a loop, and to the function label, at the label’s height', () => {
    // a leak of one slot per catch would show in a long loop as a wrong result or exhaustion
    expect(outcome(inst, 'to-loop')).toEqual([i32(1000)]);
    expect(outcome(inst, 'to-function')).toEqual([i32(9)]);
  });

  it('does not catch outside the try_table’s body, nor another tag', () => {
    expect(outcome(inst, 'after-the-range')).toBe('exception');
    expect(outcome(inst, 'uncaught-tag')).toBe('exception');
  });

  it('traps on throw_ref of a null exnref', () => {
    expect(outcome(inst, 'throw_ref-null')).toBe('trap: null exception reference');
  });

  it('reports an uncaught exception with its tag and fields', () => {
    const m = instantiate(parseWat(`(module (tag $t (export "t") (param i32 f64)) (func (export "f") (throw $t (i32.const 4) (f64.const 0.5))))`));
    const e = (() => {
      try {
        invoke(m, 'f', []);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(UncaughtException);
    expect((e as UncaughtException).exn.tag).toBe((m.exports.get('t') as { value: unknown }).value);
    expect((e as UncaughtException).exn.fields).toEqual([i32(4), { type: 'f64', bits: 0x3fe0000000000000n }]);
  });
});

describe('throw_ref', () => {
  it('rethrows the same exception, which a later catch_ref delivers again', () => {
    const inst = instantiate(
      parseWat(`(module (tag $e (param i32))
        (global $first (mut exnref) (ref.null exn))
        (table $t 1 exnref)
        (func (export "go") (result i32)
          (block $h1 (result i32 exnref)
            (try_table (catch_ref $e $h1) (throw $e (i32.const 1)))
            (unreachable))
          (global.set $first)
          (drop)
          (table.set $t (i32.const 0) (global.get $first))
          (block $h2 (result i32 exnref)
            (try_table (catch_ref $e $h2) (throw_ref (table.get $t (i32.const 0))))
            (unreachable))
          (global.set $first))
        (func (export "again") (throw_ref (global.get $first))))`),
    );
    expect(outcome(inst, 'go')).toEqual([i32(1)]);
    const exn = (() => {
      try {
        invoke(inst, 'again', []);
      } catch (e) {
        return (e as UncaughtException).exn;
      }
    })();
    expect(exn?.fields).toEqual([i32(1)]);
    try {
      invoke(inst, 'again', []);
    } catch (e) {
      expect((e as UncaughtException).exn).toBe(exn);
    }
  });
});

describe('unwinding frames', () => {
  it('catches in a caller, drops the frames between, and goes on with the caller’s stack', () => {
    const inst = instantiate(
      parseWat(`(module (tag $e (param i32))
        (func $deep (param i32) (result i32)
          (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 42))))
          (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))
        (func (export "f") (param i32) (result i32) (local $sum i32)
          (loop $again
            (block $h (result i32)
              (try_table (result i32) (catch $e $h) (call $deep (i32.const 50))))
            (local.set $sum (i32.add (local.get $sum)))
            (br_if $again (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
          (local.get $sum)))`),
    );
    expect(outcome(inst, 'f', [i32(300)])).toEqual([i32(42 * 300)]);
  });

  it('catches into the catcher’s own instance and memory', () => {
    const thrower = instantiate(
      parseWat(`(module (tag (export "e") (param i32)) (memory 1)
        (func (export "throw") (i32.store (i32.const 0) (i32.const 111)) (throw 0 (i32.const 5))))`),
    );
    const catcher = instantiate(
      parseWat(`(module (import "m" "e" (tag $e (param i32))) (import "m" "throw" (func $throw)) (memory 1)
        (func (export "f") (result i32)
          (i32.store (i32.const 0) (i32.const 222))
          (block $h (result i32) (try_table (catch $e $h) (call $throw)) (unreachable))
          (i32.add (i32.load (i32.const 0)))))`),
      new Map([['m', thrower.exports]]),
    );
    expect(outcome(catcher, 'f')).toEqual([i32(227)]);
  });

  it('matches tags by identity: an import is the same tag, an equal type is not', () => {
    const a = instantiate(parseWat(`(module (tag (export "e")) (func (export "throw") (throw 0)))`));
    const b = `(module (import "a" "throw" (func $throw)) TAG
      (func (export "f") (result i32) (block $h (try_table (catch $e $h) (call $throw)) (return (i32.const 0))) (i32.const 1)))`;
    const imported = instantiate(parseWat(b.replace('TAG', '(import "a" "e" (tag $e))')), new Map([['a', a.exports]]));
    const own = instantiate(parseWat(b.replace('TAG', '(tag $e)')), new Map([['a', a.exports]]));
    expect(outcome(imported, 'f')).toEqual([i32(1)]);
    expect(outcome(own, 'f')).toBe('exception');
  });

  it('lets an exception through a host function to the wasm frames below it', () => {
    const inner = instantiate(
      parseWat(`(module (tag (export "e") (param i32)) (func (export "throw") (param i32) (result i32) (throw 0 (local.get 0))))`),
    );
    const host = hostFunction({ params: ['i32'], results: ['i32'] }, (args) => invoke(inner, 'throw', args).values);
    const outer = instantiate(
      parseWat(`(module (import "h" "call" (func $call (param i32) (result i32))) (import "h" "e" (tag $e (param i32)))
        (func (export "f") (result i32)
          (block $h (result i32) (try_table (result i32) (catch $e $h) (call $call (i32.const 6))))
          (i32.const 1000) (i32.add))
        (func (export "tail") (result i32)
          (block $h (result i32) (try_table (result i32) (catch $e $h) (call $tail (i32.const 6))))
          (i32.const 1000) (i32.add))
        (func $tail (param i32) (result i32)
          ;; the tail call leaves this frame and its try_table: the caller's catches
          (block $h (result i32) (try_table (result i32) (catch $e $h) (return_call $call (local.get 0))))
          (i32.const 2000) (i32.add)))`),
      imports({ h: { call: host, e: inner.exports.get('e')! } }),
    );
    expect(outcome(outer, 'f')).toEqual([i32(1006)]);
    expect(outcome(outer, 'tail')).toEqual([i32(1006)]);
  });
});

describe('what is not an exception', () => {
  const inst = instantiate(
    parseWat(`(module
      (func $trap (unreachable))
      (func $deep (call $deep))
      (func (export "trap") (block $h (try_table (catch_all $h) (call $trap))))
      (func (export "exhaust") (block $h (try_table (catch_all $h) (call $deep)))))`),
  );

  it('a trap passes every try_table', () => {
    expect(outcome(inst, 'trap')).toBe('trap: unreachable');
  });

  it('stack exhaustion passes every try_table', () => {
    expect(outcome(inst, 'exhaust')).toBe('exhaustion: call stack exhausted');
  });
});

/**
 * A chain of calls f0 -> f1 -> ... -> fn, where fn throws tag `thrown` and
 * each fi (i < n) may wrap its call in a try_table catching one tag (or all):
 * the model says the deepest fi whose clause matches catches, and returns i.
 */
describe('the handler search, against a model', () => {
  const handler = fc.option(fc.constantFrom<'all' | 0 | 1 | 2>('all', 0, 1, 2), { nil: undefined });
  it('picks the deepest frame whose clause matches', () => {
    fc.assert(
      fc.property(fc.array(handler, { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 1, 2), (handlers, thrown) => {
        const n = handlers.length;
        const funcs = handlers.map((h, i) => {
          const call = `(call $f${i + 1})`;
          if (h === undefined) return `(func $f${i} (result i32) ${call})`;
          const clause = h === 'all' ? `(catch_all $h)` : `(catch $t${h} $h)`;
          return `(func $f${i} (result i32) (block $h (try_table (result i32) ${clause} ${call}) (return)) (i32.const ${i}))`;
        });
        const wat = `(module (tag $t0) (tag $t1) (tag $t2)
          ${funcs.join('\n')}
          (func $f${n} (result i32) (throw $t${thrown}))
          (func (export "run") (result i32) (call $f0)))`;
        let expected: unknown = 'exception';
        for (let i = n - 1; i >= 0; i--) {
          if (handlers[i] === 'all' || handlers[i] === thrown) {
            expected = [i32(i)];
            break;
          }
        }
        expect(outcome(instantiate(parseWat(wat)), 'run')).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
