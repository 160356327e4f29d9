import { describe, expect, it } from 'vitest';
import { instr } from '../syntax/instructions.js';
import { emptyModule } from '../syntax/module.js';
import { moduleContext } from './context.js';
import { instrEffect, isValidNext } from './effect.js';
import type { FuncEnv } from './instr-type.js';
import { TypeStack } from './type-stack.js';

function start(): { env: FuncEnv; stack: TypeStack } {
  const m = emptyModule();
  m.types.push({ params: ['i64'], results: ['i32'] });
  const env: FuncEnv = { ctx: moduleContext(m), locals: ['i64', 'f32'], results: ['i32'] };
  const stack = new TypeStack();
  stack.pushCtrl('func', [], env.results);
  return { env, stack };
}

describe('instrEffect', () => {
  it('reports what an instruction pops and pushes, leaving the stack untouched', () => {
    const { env, stack } = start();
    stack.pushVals(['i32', 'i32']);
    expect(instrEffect(env, stack, instr('i32.add'))).toEqual({ popped: ['i32', 'i32'], pushed: ['i32'], unreachable: false });
    expect(instrEffect(env, stack, instr('local.get', { index: 1 }))).toEqual({ popped: [], pushed: ['f32'], unreachable: false });
    expect(stack.vals).toEqual(['i32', 'i32']);
    expect(isValidNext(env, stack, instr('i64.add'))).toBe(false);
    expect(isValidNext(env, stack, instr('local.get', { index: 2 }))).toBe(false);
  });

  it('reports unknown operands on a polymorphic stack and branches as unreachable', () => {
    const { env, stack } = start();
    expect(() => instrEffect(env, stack, instr('return'))).toThrow('type mismatch');
    stack.pushVal('i32');
    expect(instrEffect(env, stack, instr('return'))).toEqual({ popped: ['i32'], pushed: [], unreachable: true });
    stack.setUnreachable();
    expect(instrEffect(env, stack, instr('unreachable')).unreachable).toBe(true);
    expect(instrEffect(env, stack, instr('drop'))).toEqual({ popped: ['unknown'], pushed: [], unreachable: false });
    expect(instrEffect(env, stack, instr('select'))).toEqual({ popped: ['unknown', 'unknown', 'unknown'], pushed: ['unknown'], unreachable: false });
  });

  it('reports block entry with the parameters pushed inside the new frame', () => {
    const { env, stack } = start();
    stack.pushVal('i64');
    const e = instrEffect(env, stack, instr('block', { blockType: { kind: 'type', index: 0 }, body: [] }));
    expect(e).toEqual({ popped: ['i64'], pushed: ['i64'], unreachable: false, enters: 'block' });
    expect(stack.ctrlDepth).toBe(1);
  });
});
