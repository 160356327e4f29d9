// The lowering of GC instructions and the loop agree on the code's shape:
// every op compile-gc.ts emits for the shared GC case has exactly the
// immediates gc.ts steps over, and every GC mnemonic of the opcode table is
// lowered (or is a control form compile.ts handles itself).
import { describe, expect, it } from 'vitest';
import { parseWat } from '../api.js';
import { OPCODES } from '../syntax/opcodes.js';
import { forEachInstr } from '../syntax/walk.js';
import { canonicalTypes } from '../types/canonical.js';
import { Op } from './codes.js';
import { lowerGc, type LoweredOp } from './compile-gc.js';
import { IMMEDIATES } from './gc.js';

const m = parseWat(`(module
  (type $s (struct (field (mut i8)) (field (mut i64))))
  (type $a (array (mut i16)))
  (type $r (array (mut anyref)))
  (data $d "") (elem $e anyref)
  (func (param anyref) (result anyref) (local $s (ref null $s)) (local $a (ref null $a)) (local $r (ref null $r))
    (drop (ref.as_non_null (local.get 0)))
    (drop (ref.eq (ref.null eq) (ref.null eq)))
    (drop (ref.test (ref null $s) (local.get 0)))
    (drop (ref.cast i31ref (local.get 0)))
    (drop (i31.get_s (ref.i31 (i32.const 1))))
    (drop (i31.get_u (ref.i31 (i32.const 1))))
    (local.set $s (struct.new $s (i32.const 1) (i64.const 2)))
    (local.set $s (struct.new_default $s))
    (drop (struct.get_s $s 0 (local.get $s)))
    (drop (struct.get_u $s 0 (local.get $s)))
    (drop (struct.get $s 1 (local.get $s)))
    (struct.set $s 1 (local.get $s) (i64.const 3))
    (local.set $a (array.new $a (i32.const 1) (i32.const 2)))
    (local.set $a (array.new_default $a (i32.const 2)))
    (local.set $a (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
    (local.set $a (array.new_data $a $d (i32.const 0) (i32.const 0)))
    (local.set $r (array.new_elem $r $e (i32.const 0) (i32.const 0)))
    (drop (array.get_s $a (local.get $a) (i32.const 0)))
    (drop (array.get_u $a (local.get $a) (i32.const 0)))
    (drop (array.get $r (local.get $r) (i32.const 0)))
    (array.set $a (local.get $a) (i32.const 0) (i32.const 1))
    (drop (array.len (local.get $a)))
    (array.fill $a (local.get $a) (i32.const 0) (i32.const 1) (i32.const 0))
    (array.copy $a $a (local.get $a) (i32.const 0) (local.get $a) (i32.const 0) (i32.const 0))
    (array.init_data $a $d (local.get $a) (i32.const 0) (i32.const 0) (i32.const 0))
    (array.init_elem $r $e (local.get $r) (i32.const 0) (i32.const 0) (i32.const 0))
    (extern.convert_any (local.get 0)) (any.convert_extern)))`);

describe('GC lowering', () => {
  it('emits, for every op of the loop’s GC case, the immediates gc.ts steps over', () => {
    const ids = canonicalTypes(m);
    // every GC and typed-reference mnemonic but the control forms compile.ts lowers itself (the type LoweredOp)
    const control = new Set(['call_ref', 'return_call_ref', 'br_on_null', 'br_on_non_null', 'br_on_cast', 'br_on_cast_fail']);
    const expected = new Set(OPCODES.filter((o) => (o.feature === 'gc' || o.feature === 'function-references') && !control.has(o.name)).map((o) => o.name));
    const seen = new Set<string>();
    forEachInstr(m.funcs[0]!.body, (ins) => {
      if (!expected.has(ins.op)) return;
      const l = lowerGc(ins, ins.op as LoweredOp, ids);
      seen.add(ins.op);
      if (l.code.length === 0) return;
      const op = l.code[0]!;
      expect(op >= Op.RefAsNonNull && op <= Op.ArrayInitElem, ins.op).toBe(true);
      expect(IMMEDIATES[op], ins.op).toBe(l.code.length - 1);
    });
    expect([...seen].sort()).toEqual([...expected].sort());
  });
});
