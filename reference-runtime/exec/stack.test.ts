// Start-up: importing the interpreter (as every wasmdiff command does, --help
// included) allocates none of its stacks; the first call into it does.
import { describe, expect, it } from 'vitest';
import { instantiate, invoke, parseWat } from '../api.js';
import { STACK_SLOTS } from '../runtime/limits.js';
import * as stack from './stack.js';

describe('the value stack', () => {
  it('is allocated by the first call, not by the import', () => {
    expect(stack.I32.length).toBe(0);
    expect(stack.REFS.length).toBe(0);
    const inst = instantiate(parseWat('(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))'));
    expect(invoke(inst, 'f', [{ type: 'i32', value: 41 }]).values).toEqual([{ type: 'i32', value: 42 }]);
    expect(stack.I32.length).toBe(STACK_SLOTS * 4);
    expect(stack.REFS.length).toBe(STACK_SLOTS);
  });
});
