// ref.test, ref.cast, br_on_cast and call_indirect agree with the subtyping
// relation on generated type hierarchies: a value of defined type i matches
// (ref $j) exactly when j is i or one of its declared ancestors, (ref null $j)
// also matches null, and the abstract types match by kind (a struct is a
// struct, eq and any, never an array, an i31 or none; a function is a func).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantiate, invoke, parseWat, Trap, type Value } from '../api.js';

/** A hierarchy: parents[i] is the declared supertype of type i (an earlier type), or -1. */
const hierarchies = fc.integer({ min: 1, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fc.integer({ min: -1, max: i - 1 }))));

function ancestors(parents: number[], i: number): Set<number> {
  const out = new Set<number>();
  for (let x = i; x >= 0; x = parents[x]!) out.add(x);
  return out;
}

/** One rec group (so that equal structures stay distinct types); each type adds one field to its parent's. */
function moduleOf(parents: number[]): string {
  const fields = (i: number): number => (i < 0 ? 0 : fields(parents[i]!) + 1);
  const types = parents.map((p, i) => `(type $t${i} (sub ${p < 0 ? '' : `$t${p}`} (struct ${'(field i32) '.repeat(fields(i))})))`);
  const funcs = parents.map(
    (_, i) => `
    (func (export "make${i}") (result anyref) (struct.new_default $t${i}))
    (func (export "test${i}") (param anyref) (result i32) (ref.test (ref $t${i}) (local.get 0)))
    (func (export "testnull${i}") (param anyref) (result i32) (ref.test (ref null $t${i}) (local.get 0)))
    (func (export "cast${i}") (param anyref) (drop (ref.cast (ref $t${i}) (local.get 0))))
    (func (export "br${i}") (param anyref) (result i32)
      (block $y (result (ref $t${i})) (br_on_cast $y anyref (ref $t${i}) (local.get 0)) (drop) (return (i32.const 0)))
      (drop) (i32.const 1))`,
  );
  const abstract = ['any', 'eq', 'i31', 'struct', 'array', 'none'].map((h) => `(func (export "is_${h}") (param anyref) (result i32) (ref.test (ref ${h}) (local.get 0)))`);
  return `(module (rec ${types.join(' ')})
    (type $arr (array i8))
    (func (export "i31") (result anyref) (ref.i31 (i32.const 1)))
    (func (export "arr") (result anyref) (array.new_default $arr (i32.const 1)))
    ${funcs.join('\n')} ${abstract.join('\n')})`;
}

const bit = (v: Value[]) => (v[0] as { value: number }).value;

describe('casts against generated hierarchies', () => {
  it('agree with declared subtyping, for every pair of types', () => {
    fc.assert(
      fc.property(hierarchies, (parents) => {
        const inst = instantiate(parseWat(moduleOf(parents)));
        const call = (name: string, v: Value) => bit(invoke(inst, name, [v]).values);
        const traps = (name: string, v: Value) => {
          try {
            invoke(inst, name, [v]);
            return false;
          } catch (e) {
            if (e instanceof Trap && e.message === 'cast failure') return true;
            throw e;
          }
        };
        const values = parents.map((_, i) => invoke(inst, `make${i}`, []).values[0]!);
        const others = [invoke(inst, 'i31', []).values[0]!, invoke(inst, 'arr', []).values[0]!];
        const nul: Value = { type: 'anyref', ref: null };
        parents.forEach((_, i) => {
          const up = ancestors(parents, i);
          parents.forEach((__, j) => {
            const want = up.has(j) ? 1 : 0;
            expect(call(`test${j}`, values[i]!), `type ${i} against ${j}`).toBe(want);
            expect(call(`testnull${j}`, values[i]!)).toBe(want);
            expect(call(`br${j}`, values[i]!)).toBe(want);
            expect(traps(`cast${j}`, values[i]!)).toBe(want === 0);
          });
          expect(['any', 'eq', 'i31', 'struct', 'array', 'none'].map((h) => call(`is_${h}`, values[i]!))).toEqual([1, 1, 0, 1, 0, 0]);
        });
        parents.forEach((_, j) => {
          expect(call(`test${j}`, nul)).toBe(0);
          expect(call(`testnull${j}`, nul)).toBe(1);
          expect(traps(`cast${j}`, nul)).toBe(true);
          for (const o of others) expect(call(`test${j}`, o)).toBe(0);
        });
        expect(['any', 'eq', 'i31', 'struct', 'array', 'none'].map((h) => call(`is_${h}`, others[0]!))).toEqual([1, 1, 1, 0, 0, 0]);
        expect(['any', 'eq', 'i31', 'struct', 'array', 'none'].map((h) => call(`is_${h}`, others[1]!))).toEqual([1, 1, 0, 0, 1, 0]);
      }),
      { numRuns: 40 },
    );
  });
});

/** The same for function types: $f{i} (sub $f{parent}) (func), one function of each, called through a table. */
function funcModuleOf(parents: number[]): string {
  const types = parents.map((p, i) => `(type $f${i} (sub ${p < 0 ? '' : `$f${p}`} (func)))`);
  const funcs = parents.map(
    (_, i) => `
    (func $g${i} (type $f${i}))
    (func (export "fn${i}") (result funcref) (ref.func $g${i}))
    (func (export "test${i}") (param funcref) (result i32) (ref.test (ref $f${i}) (local.get 0)))
    (func (export "call${i}") (param i32) (call_indirect (type $f${i}) (local.get 0)))`,
  );
  return `(module (rec ${types.join(' ')})
    (table ${parents.length} funcref) (elem (i32.const 0) func ${parents.map((_, i) => `$g${i}`).join(' ')})
    ${funcs.join('\n')}
    (func (export "is_func") (param funcref) (result i32) (ref.test (ref func) (local.get 0)))
    (func (export "is_nofunc") (param funcref) (result i32) (ref.test (ref nofunc) (local.get 0))))`;
}

describe('function references against generated hierarchies', () => {
  it('ref.test and call_indirect agree with declared subtyping', () => {
    fc.assert(
      fc.property(hierarchies, (parents) => {
        const inst = instantiate(parseWat(funcModuleOf(parents)));
        parents.forEach((_, i) => {
          const f = invoke(inst, `fn${i}`, []).values[0]!;
          const up = ancestors(parents, i);
          expect(bit(invoke(inst, 'is_func', [f]).values)).toBe(1);
          expect(bit(invoke(inst, 'is_nofunc', [f]).values)).toBe(0);
          parents.forEach((__, j) => {
            expect(bit(invoke(inst, `test${j}`, [f]).values), `function of type ${i} against ${j}`).toBe(up.has(j) ? 1 : 0);
            // table slot i holds the function of type i
            const call = () => invoke(inst, `call${j}`, [{ type: 'i32', value: i }]);
            if (up.has(j)) expect(call).not.toThrow();
            else expect(call).toThrow('indirect call type mismatch');
          });
        });
      }),
      { numRuns: 40 },
    );
  });
});
