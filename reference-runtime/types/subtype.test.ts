import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyModule, type Module } from '../syntax/module.js';
import { ABS_HEAP_TYPES, refType, type HeapType, type RefType, type SubType } from '../syntax/types.js';
import { canonicalTypes, defType } from './canonical.js';
import { bottomOf, compTypeMatches, heapMatches, idMatches, refMatches, topOf, valMatches } from './subtype.js';

function moduleOf(types: SubType[]): Module {
  const m = emptyModule();
  m.types = types;
  return m;
}

/**
 * A type hierarchy: type i is a struct, array or func; it declares as its
 * supertype an earlier type of the same kind or none. Structs extend their
 * supertype by one field, so every declaration is also structurally valid.
 */
const hierarchyArb = fc.array(fc.record({ kind: fc.constantFrom('struct' as const, 'array' as const, 'func' as const), superPick: fc.nat(), hasSuper: fc.boolean() }), {
  minLength: 1,
  maxLength: 12,
});

function build(spec: { kind: 'struct' | 'array' | 'func'; superPick: number; hasSuper: boolean }[]): { ids: readonly number[]; parent: (number | undefined)[] } {
  const types: SubType[] = [];
  const parent: (number | undefined)[] = [];
  spec.forEach((s, i) => {
    const candidates = types.map((t, j) => j).filter((j) => (types[j]!.kind ?? 'func') === s.kind);
    const sup = s.hasSuper && candidates.length > 0 ? candidates[s.superPick % candidates.length] : undefined;
    parent.push(sup);
    const sub = { final: false, supers: sup === undefined ? [] : [sup] };
    // a distinguishing field/param (i) keeps types apart so that canonicalisation does not merge them
    if (s.kind === 'struct') {
      const base = sup === undefined ? [] : (types[sup] as { fields: { type: 'i32'; mutable: boolean }[] }).fields;
      types.push({ kind: 'struct', fields: [...base, ...Array.from({ length: i + 1 }, () => ({ type: 'i32' as const, mutable: true }))], sub });
    } else if (s.kind === 'array') types.push({ kind: 'array', field: { type: 'i32', mutable: false }, sub });
    // function subtypes keep their supertype's signature (children of one parent may then be merged: tests compare ids)
    else types.push({ kind: 'func', params: sup === undefined ? Array.from({ length: i }, () => 'i64' as const) : (types[sup] as { params: 'i64'[] }).params, results: [], sub });
  });
  return { ids: canonicalTypes(moduleOf(types)), parent };
}

function heapUniverse(ids: readonly number[]): HeapType[] {
  return [...ABS_HEAP_TYPES, ...new Set(ids)];
}

function refUniverse(ids: readonly number[]): RefType[] {
  return heapUniverse(ids).flatMap((h) => [refType(true, h), refType(false, h)]);
}

describe('subtyping properties on generated hierarchies', () => {
  it('is reflexive and transitive on heap and reference types', () => {
    fc.assert(
      fc.property(hierarchyArb, (spec) => {
        const { ids } = build(spec);
        const hs = heapUniverse(ids);
        for (const a of hs) expect(heapMatches(a, a)).toBe(true);
        for (const a of hs) for (const b of hs) if (heapMatches(a, b)) for (const c of hs) if (heapMatches(b, c)) expect(heapMatches(a, c)).toBe(true);
        const rs = refUniverse(ids);
        for (const a of rs) for (const b of rs) if (refMatches(a, b)) for (const c of rs) if (refMatches(b, c)) expect(refMatches(a, c)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('is antisymmetric and stays inside one hierarchy (between its bottom and top)', () => {
    fc.assert(
      fc.property(hierarchyArb, (spec) => {
        const { ids } = build(spec);
        const hs = heapUniverse(ids);
        for (const a of hs) {
          expect(heapMatches(a, topOf(a))).toBe(true);
          expect(heapMatches(bottomOf(a), a)).toBe(true);
          for (const b of hs) {
            if (heapMatches(a, b) && heapMatches(b, a)) expect(a).toBe(b);
            if (heapMatches(a, b)) expect(topOf(a)).toBe(topOf(b));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('idMatches is exactly the declared supertype chain, and each declaration is structurally valid', () => {
    fc.assert(
      fc.property(hierarchyArb, (spec) => {
        const { ids, parent } = build(spec);
        const chain = (i: number): number[] => (parent[i] === undefined ? [i] : [i, ...chain(parent[i]!)]);
        ids.forEach((a, i) =>
          ids.forEach((b) => {
            expect(idMatches(a, b)).toBe(chain(i).some((k) => ids[k] === b));
          }),
        );
        ids.forEach((a, i) => {
          if (parent[i] !== undefined) expect(compTypeMatches(defType(a), defType(ids[parent[i]!]!))).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('subtyping of the abstract hierarchies', () => {
  it('places i31, struct and array under eq under any, and none under all of them', () => {
    expect(heapMatches('i31', 'eq')).toBe(true);
    expect(heapMatches('struct', 'any')).toBe(true);
    expect(heapMatches('none', 'array')).toBe(true);
    expect(heapMatches('eq', 'i31')).toBe(false);
    expect(heapMatches('i31', 'struct')).toBe(false);
    expect(heapMatches('none', 'func')).toBe(false);
    expect(heapMatches('nofunc', 'func')).toBe(true);
    expect(heapMatches('noextern', 'extern')).toBe(true);
    expect(heapMatches('noexn', 'exn')).toBe(true);
    expect(heapMatches('extern', 'any')).toBe(false);
    expect(heapMatches('func', 'any')).toBe(false);
  });

  it('places concrete types under their kind and above the bottom of their hierarchy', () => {
    const ids = canonicalTypes(
      moduleOf([
        { kind: 'struct', fields: [] },
        { kind: 'array', field: { type: 'i8', mutable: true } },
        { params: [], results: [] },
      ]),
    );
    const [s, a, f] = ids as [number, number, number];
    expect(heapMatches(s, 'struct') && heapMatches(s, 'eq') && heapMatches(s, 'any')).toBe(true);
    expect(heapMatches(s, 'array') || heapMatches(s, 'i31') || heapMatches(s, 'func')).toBe(false);
    expect(heapMatches(a, 'array') && heapMatches(a, 'eq')).toBe(true);
    expect(heapMatches(f, 'func')).toBe(true);
    expect(heapMatches(f, 'any')).toBe(false);
    expect(heapMatches('none', s) && heapMatches('none', a) && heapMatches('nofunc', f)).toBe(true);
    expect(heapMatches('nofunc', s) || heapMatches('none', f)).toBe(false);
    expect(heapMatches('struct', s)).toBe(false);
  });

  it('lets only non-nullable match non-nullable', () => {
    expect(refMatches('ref none', 'ref any')).toBe(true);
    expect(refMatches('nullref', 'ref any')).toBe(false);
    expect(refMatches('ref i31', 'anyref')).toBe(true);
    expect(valMatches('i32', 'i32')).toBe(true);
    expect(valMatches('i32', 'i64')).toBe(false);
    expect(valMatches('i32', 'anyref')).toBe(false);
  });
});

describe('compTypeMatches', () => {
  it('lets structs add fields and refine immutable ones, never mutable ones', () => {
    const ids = canonicalTypes(moduleOf([{ kind: 'struct', fields: [] }, { kind: 'array', field: { type: 'i32', mutable: false } }]));
    const s = ids[0]!;
    const imm = (type: RefType | 'i32') => ({ type, mutable: false });
    const mut = (type: RefType | 'i32') => ({ type, mutable: true });
    expect(compTypeMatches({ kind: 'struct', fields: [imm('i32'), imm('anyref')] }, { kind: 'struct', fields: [imm('i32')] })).toBe(true);
    expect(compTypeMatches({ kind: 'struct', fields: [imm(refType(false, s))] }, { kind: 'struct', fields: [imm('anyref')] })).toBe(true);
    expect(compTypeMatches({ kind: 'struct', fields: [mut(refType(false, s))] }, { kind: 'struct', fields: [mut('anyref')] })).toBe(false);
    expect(compTypeMatches({ kind: 'struct', fields: [mut('i32')] }, { kind: 'struct', fields: [imm('i32')] })).toBe(false);
    expect(compTypeMatches({ kind: 'struct', fields: [] }, { kind: 'struct', fields: [imm('i32')] })).toBe(false);
    expect(compTypeMatches({ kind: 'array', field: { type: 'i8', mutable: false } }, { kind: 'array', field: { type: 'i32', mutable: false } })).toBe(false);
    expect(compTypeMatches({ kind: 'array', field: imm('i32') }, { kind: 'struct', fields: [] })).toBe(false);
  });

  it('matches function types contravariantly in parameters and covariantly in results', () => {
    expect(compTypeMatches({ params: ['anyref'], results: ['ref i31'] }, { params: ['ref eq'], results: ['eqref'] })).toBe(true);
    expect(compTypeMatches({ params: ['ref eq'], results: [] }, { params: ['anyref'], results: [] })).toBe(false);
    expect(compTypeMatches({ params: [], results: ['anyref'] }, { params: [], results: ['eqref'] })).toBe(false);
    expect(compTypeMatches({ params: [], results: [] }, { kind: 'struct', fields: [] })).toBe(false);
  });
});
