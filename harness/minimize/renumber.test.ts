import { describe, expect, it } from 'vitest';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { printModule } from '../../reference-runtime/text/print.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { unwrapped } from './body-edits.js';
import { inline } from './calls-pass.js';
import { unreachableFuncs } from './prune-pass.js';
import { referencedItems, removeFromSpace } from './renumber.js';

const wat = `(module
  (type $v (func))
  (type $i (func (result i32)))
  (table 2 funcref)
  (global $a (mut i32) (i32.const 1))
  (global $b i32 (i32.const 2))
  (elem (i32.const 0) $two)
  (func $dead (type $v) (call $dead))
  (func $one (type $i) (global.get $b))
  (func $two (type $i) (i32.add (call $one) (call_indirect (type $i) (i32.const 0))))
  (export "two" (func $two))
  (start $dead))`;

describe('renumbering index spaces', () => {
  const m = parseWat(wat);

  it('removes a function and renumbers calls, elements, exports and start', () => {
    const withoutStart = { ...m, start: undefined };
    delete withoutStart.start;
    const out = removeFromSpace(withoutStart, 'func', new Set([0]))!;
    validateModule(out);
    expect(out.funcs).toHaveLength(2);
    expect(out.exports[0]!.index).toBe(1);
    expect(out.elems[0]!.init[0]![0]!.index).toBe(1);
    expect(out.funcs[1]!.body.find((i) => i.op === 'call')!.index).toBe(0);
  });

  it('refuses a removal that leaves a reference dangling', () => {
    expect(removeFromSpace(m, 'func', new Set([1]))).toBeUndefined();
    expect(removeFromSpace(m, 'func', new Set([0]))).toBeUndefined(); // the start function
  });

  it('renumbers globals and types, and knows what is referenced', () => {
    expect([...referencedItems(m, 'global')]).toEqual([1]);
    const out = removeFromSpace(m, 'global', new Set([0]))!;
    validateModule(out);
    expect(out.funcs[1]!.body[0]).toMatchObject({ op: 'global.get', index: 0 });
    expect(removeFromSpace(m, 'type', new Set([0]))).toBeUndefined();
  });

  it('finds functions no export, start or segment reaches', () => {
    expect(unreachableFuncs({ ...m, start: undefined })).toEqual([0]);
    expect(unreachableFuncs(m)).toEqual([]);
  });
});

describe('structural edits', () => {
  it('unwraps a block, shifting outer branch targets, and refuses when a branch targets it', () => {
    const body = parseWat('(module (func (block (br 1) (block (br 2) (br 0)))))').funcs[0]!.body;
    expect(unwrapped(body[0]!.body!)!.map((i) => i.op === 'block' ? i.body!.map((j) => j.index) : i.index)).toEqual([0, [1, 0]]);
    expect(unwrapped(parseWat('(module (func (block (br 0))))').funcs[0]!.body[0]!.body!)).toBeUndefined();
  });

  it('unwraps a block whose body branches with br_on_null, br_on_cast and try_table catches, and refuses when one targets it', () => {
    const m = parseWat(`(module (type $s (struct)) (func (param anyref) (result anyref)
      (block $out (result anyref)
        (block $b
          (local.get 0) (local.get 0) (br_on_null $out) (drop) (drop)
          (drop (br_on_cast $out anyref (ref $s) (local.get 0)))
          (br $out (local.get 0)))
        (local.get 0))
      (block $e (block $f (try_table (catch_all $e) (nop))))
      (drop (block $g (result anyref) (br_on_non_null $g (local.get 0)) (local.get 0)))))`);
    const body = m.funcs[0]!.body;
    validateModule(m);
    const labels = (seq: Instr[]) => seq.flatMap((i) => (i.op === 'try_table' ? i.catches!.map((c) => c.label) : i.op.startsWith('br') ? [i.index] : []));
    const out = unwrapped(body[0]!.body![0]!.body!)!;
    expect(labels(out)).toEqual([0, 0, 0]);
    const catches = unwrapped(body[1]!.body![0]!.body!)!;
    expect(labels(catches)).toEqual([0]);
    const replaced = [{ ...body[0]!, body: [...out, ...body[0]!.body!.slice(1)] }, { ...body[1]!, body: catches }, ...body.slice(2)];
    validateModule({ ...m, funcs: [{ ...m.funcs[0]!, body: replaced }] });
    expect(unwrapped(body[2]!.body!)).toBeUndefined();
  });

  it("inlines a call: arguments and locals become the caller's, return a branch", () => {
    const m = parseWat(`(module
      (func $g (param i32) (result i32) (local i64) (return (i32.mul (local.get 0) (i32.const 3))))
      (func (export "f") (param i32) (result i32) (call $g (i32.add (local.get 0) (i32.const 1)))))`);
    const out = inline(m, { f: 1, path: [], at: 3, ins: m.funcs[1]!.body[3]! }, 0)!;
    validateModule(out);
    expect(out.funcs[1]!.locals).toEqual(['i32', 'i64']);
    expect(printModule(out)).toContain('br 0');
  });
});
