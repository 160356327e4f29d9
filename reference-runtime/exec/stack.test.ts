// Start-up: importing the interpreter (as every wasmdiff command does, --help
// included) allocates none of its stacks; the first call into it does.
import { describe, expect, it } from 'vitest';
import { instantiate, invoke, parseWat } from '../api.js';
import { STACK_SLOTS } from '../runtime/limits.js';
import * as stack from './stack.js';

function holes(a: unknown[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!(i in a)) n++;
  return n;
}

describe('the value stack', () => {
  it('is allocated by the first call, not by the import', () => {
    expect(stack.I32.length).toBe(0);
    expect(stack.REFS.length).toBe(0);
    const inst = instantiate(parseWat('(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))'));
    expect(invoke(inst, 'f', [{ type: 'i32', value: 41 }]).values).toEqual([{ type: 'i32', value: 42 }]);
    expect(stack.I32.length).toBe(STACK_SLOTS * 4);
    expect(stack.REFS.length).toBeLessThan(STACK_SLOTS);
  });

  it('grows its references with the frames, keeping every reference a deep recursion holds', () => {
    // each level keeps its own funcref in a local and tests it on the way back: 15,000 levels of
    // frames of 10 slots or more need more reference slots than the stack starts with
    const inst = instantiate(
      parseWat(`(module
        (func $self (export "down") (param i32) (result i32) (local funcref funcref funcref funcref funcref funcref funcref funcref)
          (local.set 1 (ref.func $self))
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (i32.add (call $self (i32.sub (local.get 0) (i32.const 1))) (ref.is_null (local.get 1)))))))`),
    );
    const before = stack.REFS.length;
    expect(invoke(inst, 'down', [{ type: 'i32', value: 15_000 }]).values).toEqual([{ type: 'i32', value: 0 }]);
    expect(stack.REFS.length).toBeGreaterThan(before);
    expect(stack.REFS.length).toBeLessThanOrEqual(STACK_SLOTS);
    expect(holes(stack.REFS)).toBe(0);
  });

  it('grows its references whole, doubling, never past STACK_SLOTS', () => {
    stack.ensureStack();
    const n = stack.REFS.length;
    stack.growRefs(n + 1);
    expect(stack.REFS.length).toBe(Math.min(STACK_SLOTS, 2 * n));
    stack.growRefs(STACK_SLOTS + 5);
    expect(stack.REFS.length).toBe(STACK_SLOTS);
    // no holes: a frame may write a reference above slots nothing wrote yet, and the array stays dense
    expect(holes(stack.REFS)).toBe(0);
  });
});
