import { describe, expect, it } from 'vitest';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { instructionCount, signatureOpcodes } from './size.js';

describe('size', () => {
  const m = parseWat(`(module
    (global i32 (i32.const 5))
    (func (result i32) (block (result i32) (i32.add (i32.const 1) (i32.const 2))))
    (func (if (i32.const 0) (then nop) (else (drop (i32.const 3))))))`);

  it('counts every instruction in bodies, nested ones included, and no constant expressions', () => {
    expect(instructionCount(m)).toBe(4 + 5);
  });

  it('lists the distinct opcodes of the bodies, sorted', () => {
    expect(signatureOpcodes(m)).toEqual(['block', 'drop', 'i32.add', 'i32.const', 'if', 'nop']);
  });
});
