// renumberSpace follows every instruction that names a function, table or
// type, 3.0's tail and typed calls included: the harness's driver shifts
// functions up to make room for its imports, and a return_call left behind
// would call the wrong function.
import { describe, expect, it } from 'vitest';
import { parseWat } from '../text/parse-module.js';
import { forEachInstr } from './walk.js';
import type { Instr } from './instructions.js';
import type { Module } from './module.js';
import { renumberSpace } from './renumber.js';

function ops(m: Module): Instr[] {
  const out: Instr[] = [];
  for (const f of m.funcs) forEachInstr(f.body, (i) => void out.push(i));
  return out;
}

describe('renumberSpace, 3.0 calls', () => {
  const m = parseWat(`(module (type $t (func)) (table 1 funcref) (table $u 1 funcref)
    (func $a (return_call $a))
    (func (return_call_indirect $u (type $t) (i32.const 0)))
    (func (param (ref null $t)) (call_ref $t (local.get 0)) (return_call_ref $t (local.get 0))))`);

  it('moves return_call with the functions', () => {
    const out = renumberSpace(m, 'func', (i) => i + 2);
    expect(ops(out).find((i) => i.op === 'return_call')?.index).toBe(2);
  });

  it('moves return_call_indirect with the tables and types, call_ref and return_call_ref with the types', () => {
    const tables = ops(renumberSpace(m, 'table', (i) => i + 5)).find((i) => i.op === 'return_call_indirect');
    expect(tables?.index2).toBe(6);
    const types = ops(renumberSpace(m, 'type', (i) => i + 3));
    expect(types.filter((i) => ['return_call_indirect', 'call_ref', 'return_call_ref'].includes(i.op)).map((i) => i.index)).toEqual([3, 3, 3]);
  });
});
