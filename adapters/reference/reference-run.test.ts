// The oracle's plan runner on what only it must work out for itself: the
// hierarchy of a null argument of a concrete type, and the call through a
// returned function reference (the kit checks the same plans on every engine).
import { describe, expect, it } from 'vitest';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { decode, instantiate } from '../../reference-runtime/api.js';
import { describeOutcome } from '../kit/describe.js';
import { i32, nullRef } from '../values.js';
import { runReferenceHere } from './reference-run.js';

const wat = (text: string) => encodeModule(parseWat(text));

describe('the reference plan runner', () => {
  it("passes a null of a module's concrete type in that type's hierarchy, whatever the process registered before", () => {
    // type ids are process-global: make the first ones function types, so that a
    // module-relative index read as an id names a function type
    instantiate(decode(wat('(module (type (func)) (type (func (param i32))) (func (type 0)) (func (type 1)))')), new Map());
    const structFirst = wat(`(module (type $s (struct (field i32))) (type $f (func))
      (func (export "s") (param (ref null $s)) (result i32) (ref.is_null (local.get 0)))
      (func (export "f") (param (ref null $f)) (result i32) (ref.is_null (local.get 0))))`);
    const { run } = runReferenceHere({ module: structFirst, invocations: [{ export: 's', args: [nullRef('ref null 0')] }, { export: 'f', args: [nullRef('ref null 1')] }] });
    expect(run.invocations.map(describeOutcome)).toEqual(['values i32:00000001', 'values i32:00000001']);
  });

  it('calls through the reference a function returns last, and traps on a null one', () => {
    const module = wat(`(module (type $t (func (param i32) (result i32)))
      (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
      (elem declare func $neg)
      (func (export "get") (param i32) (result (ref null $t))
        (if (result (ref null $t)) (local.get 0) (then (ref.func $neg)) (else (ref.null $t)))))`);
    const { run } = runReferenceHere({ module, invocations: [{ export: 'get', args: [i32(1)], through: [i32(5)] }, { export: 'get', args: [i32(0)], through: [i32(5)] }, { export: 'get', args: [i32(1)], through: [] }] });
    expect(run.invocations.map(describeOutcome)).toEqual(['values funcref:non-null i32:fffffffb', 'trap null reference', 'not-run']);
  });

  it('runs a module again as it ran the first time: the recent-module cache keeps no state of a run', () => {
    const module = wat(`(module (memory 1) (global $g (mut i32) (i32.const 0))
      (func (export "bump") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (i32.store (i32.const 0) (global.get $g)) (global.get $g))
      (func (export "trap") (unreachable)))`);
    const plan = { module, invocations: [{ export: 'bump', args: [] }, { export: 'trap', args: [] }, { export: 'bump', args: [] }] };
    const first = runReferenceHere(plan, { observe: true });
    const again = runReferenceHere(plan, { observe: true });
    expect(again.run).toEqual(first.run);
    expect(again.executed).toEqual(first.executed);
    expect(first.run.invocations.map(describeOutcome)).toEqual(['values i32:00000001', 'trap unreachable', 'values i32:00000001']);
  });

  it('rejects an invalid module every time it is run, and a valid module of the same bytes by 2.0 rules by those', () => {
    const invalid = wat('(module (func (result i32) (i64.const 0)))');
    for (let k = 0; k < 2; k++) expect(runReferenceHere({ module: invalid, invocations: [] }).run.verdict.kind).toBe('invalid');
    const tail = wat('(module (func $f (return_call $f)))');
    expect(runReferenceHere({ module: tail, invocations: [] }).run.verdict.kind).toBe('ok');
    expect(runReferenceHere({ module: tail, invocations: [], spec: '2.0' }).run.verdict.kind).not.toBe('ok');
  });
});
