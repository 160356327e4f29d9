import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { emptyModule, type Module, type RecGroup } from '../syntax/module.js';
import { refType, type FieldType, type StorageType, type SubType, type ValType } from '../syntax/types.js';
import { canonicalTypes, closeType, closeTypes, defType, internFuncType, isConcreteRef } from './canonical.js';

function moduleOf(types: SubType[], recs?: RecGroup[]): Module {
  const m = emptyModule();
  m.types = types;
  if (recs !== undefined) m.recs = recs;
  return m;
}

const struct = (...fields: StorageType[]): SubType => ({ kind: 'struct', fields: fields.map((type) => ({ type, mutable: false })) });

describe('canonicalTypes', () => {
  it('gives equal function types of two modules one id, and different ones different ids', () => {
    const a = canonicalTypes(moduleOf([{ params: ['i32'], results: [] }, { params: [], results: ['i64'] }]));
    const b = canonicalTypes(moduleOf([{ params: [], results: ['i64'] }, { params: ['i32'], results: [] }]));
    expect(a[0]).toBe(b[1]);
    expect(a[1]).toBe(b[0]);
    expect(a[0]).not.toBe(a[1]);
  });

  it('is memoised per Module object', () => {
    const m = moduleOf([struct('i32')]);
    expect(canonicalTypes(m)).toBe(canonicalTypes(m));
  });

  it('treats the short form and `sub final` without supertypes as the same type, and open ones as different', () => {
    const short = canonicalTypes(moduleOf([struct('i32')]))[0];
    const final = canonicalTypes(moduleOf([{ ...struct('i32'), sub: { final: true, supers: [] } }]))[0];
    const open = canonicalTypes(moduleOf([{ ...struct('i32'), sub: { final: false, supers: [] } }]))[0];
    expect(final).toBe(short);
    expect(open).not.toBe(short);
  });

  it('keeps the group: a type alone differs from the same type inside a larger rec group', () => {
    const alone = canonicalTypes(moduleOf([struct('i32')]))[0];
    const grouped = canonicalTypes(moduleOf([struct('i32'), struct('i64')], [{ size: 2, explicit: true }]));
    expect(grouped[0]).not.toBe(alone);
    // and the position within the group matters
    const swapped = canonicalTypes(moduleOf([struct('i64'), struct('i32')], [{ size: 2, explicit: true }]));
    expect(swapped[1]).not.toBe(grouped[0]);
  });

  it('identifies recursive groups iso-recursively: same shape, same ids; a reference to an outside equal type differs', () => {
    // (rec (type (struct (field (ref null 0))))) at index 0 and after an unrelated type
    const a = canonicalTypes(moduleOf([struct(refType(true, 0))]));
    const b = canonicalTypes(moduleOf([{ params: [], results: [] }, struct(refType(true, 1))]));
    expect(b[1]).toBe(a[0]);
    // a struct pointing to the (equal) type before it is not the self-recursive one
    const c = canonicalTypes(moduleOf([struct(refType(true, 0)), struct(refType(true, 0))]));
    expect(c[0]).toBe(a[0]);
    expect(c[1]).not.toBe(a[0]);
  });

  it('closes definitions: references and supertypes become TypeIds', () => {
    const m = moduleOf(
      [
        { ...struct('i32'), sub: { final: false, supers: [] } },
        { kind: 'struct', fields: [{ type: 'i32', mutable: false }, { type: refType(false, 0), mutable: true }], sub: { final: true, supers: [0] } },
      ],
      [
        { size: 1, explicit: false },
        { size: 1, explicit: false },
      ],
    );
    const ids = canonicalTypes(m);
    const d = defType(ids[1]!);
    expect(d.sub).toEqual({ final: true, supers: [ids[0]] });
    expect(d.kind === 'struct' && d.fields[1]).toEqual({ type: refType(false, ids[0]!), mutable: true });
  });

  it('accepts empty rec groups and rejects references to later groups', () => {
    expect(canonicalTypes(moduleOf([struct('i32')], [{ size: 0, explicit: true }, { size: 1, explicit: false }]))).toHaveLength(1);
    expect(() => canonicalTypes(moduleOf([struct(refType(true, 1)), struct('i32')]))).toThrow(ValidationError);
    expect(() => canonicalTypes(moduleOf([struct(refType(true, 1)), struct('i32')]))).toThrow('unknown type 1');
  });
});

describe('internFuncType', () => {
  it('gives a host function type the id of the equal module function type', () => {
    const ids = canonicalTypes(moduleOf([struct('i32'), { params: [refType(false, 0), 'i32'], results: ['anyref'] }]));
    expect(internFuncType({ params: [refType(false, ids[0]!), 'i32'], results: ['anyref'] })).toBe(ids[1]);
    expect(internFuncType({ params: [refType(true, ids[0]!), 'i32'], results: ['anyref'] })).not.toBe(ids[1]);
    expect(internFuncType({ params: [], results: [] })).toBe(canonicalTypes(moduleOf([{ params: [], results: [] }]))[0]);
  });
});

describe('closeType', () => {
  it('maps concrete indices to TypeIds and leaves everything else alone', () => {
    const ids = [40, 41];
    expect(closeType(refType(false, 1), ids)).toBe('ref 41');
    expect(closeType(refType(true, 0), ids)).toBe('ref null 40');
    for (const t of ['i32', 'v128', 'funcref', 'ref any', 'nullref', 'i8'] as const) expect(closeType(t, ids)).toBe(t);
    expect(() => closeType(refType(true, 2), ids)).toThrow('unknown type 2');
  });

  it('returns the same list when nothing names a type index', () => {
    const ts: ValType[] = ['i32', 'externref', 'ref func'];
    expect(closeTypes(ts, [])).toBe(ts);
    expect(closeTypes(['i32', refType(false, 0)], [7])).toEqual(['i32', 'ref 7']);
  });

  it('recognises concrete references', () => {
    expect(isConcreteRef('ref 0')).toBe(true);
    expect(isConcreteRef('ref null 12')).toBe(true);
    expect(isConcreteRef('ref none')).toBe(false);
    expect(isConcreteRef('ref null' as StorageType)).toBe(false);
    expect(isConcreteRef('i32')).toBe(false);
  });
});

// --- properties ---------------------------------------------------------------

/** A reference in a generated group: to a type of the same group, of an earlier group, or abstract. */
type GRef = { rel: number } | { group: number; index: number } | { abs: 'any' | 'eq' | 'func' | 'none' };
type GVal = 'i32' | 'f64' | { ref: GRef; nullable: boolean };
interface GType {
  kind: 'struct' | 'array' | 'func';
  vals: GVal[];
  final: boolean;
  superRel?: number;
}

/** Groups where group g may refer only to itself and (when `dependent`) to earlier groups. */
function groupsArb(dependent: boolean): fc.Arbitrary<GType[][]> {
  return fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, g) =>
        fc.integer({ min: 1, max: 3 }).chain((size) =>
          fc.array(
            fc.record({
              kind: fc.constantFrom('struct' as const, 'array' as const, 'func' as const),
              vals: fc.array(valArb(g, size, dependent), { minLength: 1, maxLength: 3 }),
              final: fc.boolean(),
              superRel: fc.option(fc.nat({ max: size - 1 }), { nil: undefined }),
            }),
            { minLength: size, maxLength: size },
          ),
        ),
      ),
    ),
  );
}

function valArb(g: number, size: number, dependent: boolean): fc.Arbitrary<GVal> {
  const refs: fc.Arbitrary<GRef>[] = [fc.nat({ max: size - 1 }).map((rel) => ({ rel })), fc.constantFrom({ abs: 'any' as const }, { abs: 'func' as const }, { abs: 'none' as const })];
  if (dependent && g > 0) refs.push(fc.nat({ max: g - 1 }).map((group) => ({ group, index: 0 })));
  return fc.oneof(fc.constantFrom('i32' as const, 'f64' as const), fc.record({ ref: fc.oneof(...refs), nullable: fc.boolean() }));
}

/** The module with the groups placed in `order` (order[k] = the group at position k), after `padding` unrelated types. */
function materialise(groups: GType[][], order: number[], padding: number): { module: Module; index: (g: number, i: number) => number } {
  const start = new Map<number, number>();
  let next = padding;
  for (const g of order) {
    start.set(g, next);
    next += groups[g]!.length;
  }
  const index = (g: number, i: number): number => start.get(g)! + i;
  const types: SubType[] = [];
  const recs: RecGroup[] = [];
  for (let p = 0; p < padding; p++) {
    types.push({ kind: 'array', field: { type: 'i64', mutable: p % 2 === 0 } });
    recs.push({ size: 1, explicit: false });
  }
  for (const g of order) {
    const group = groups[g]!;
    recs.push({ size: group.length, explicit: true });
    for (const t of group) {
      const val = (v: GVal): ValType => {
        if (typeof v === 'string') return v;
        const r = v.ref;
        const heap = 'abs' in r ? r.abs : 'rel' in r ? index(g, r.rel) : index(r.group, r.index);
        return refType(v.nullable, heap);
      };
      const field = (v: GVal): FieldType => ({ type: val(v), mutable: false });
      const sub = { final: t.final, supers: t.superRel === undefined ? [] : [index(g, t.superRel)] };
      if (t.kind === 'struct') types.push({ kind: 'struct', fields: t.vals.map(field), sub });
      else if (t.kind === 'array') types.push({ kind: 'array', field: field(t.vals[0]!), sub });
      else types.push({ kind: 'func', params: t.vals.map(val), results: t.vals.slice(1).map(val), sub });
    }
  }
  return { module: moduleOf(types, recs), index };
}

/** Each generated type has the same TypeId in module `a` and module `b`. */
function expectSameIds(groups: GType[][], a: ReturnType<typeof materialise>, b: ReturnType<typeof materialise>): void {
  const ia = canonicalTypes(a.module);
  const ib = canonicalTypes(b.module);
  groups.forEach((group, g) => group.forEach((_, i) => expect(ib[b.index(g, i)]).toBe(ia[a.index(g, i)])));
}

describe('canonicalisation properties', () => {
  it('is stable under renumbering: types shifted behind other types keep their ids', () => {
    fc.assert(
      fc.property(groupsArb(true), fc.nat({ max: 4 }), (groups, padding) => {
        const order = groups.map((_, g) => g);
        expectSameIds(groups, materialise(groups, order, 0), materialise(groups, order, padding));
      }),
      { numRuns: 200 },
    );
  });

  it('is stable under any permutation of independent groups', () => {
    fc.assert(
      fc.property(
        groupsArb(false).chain((groups) => fc.tuple(fc.constant(groups), fc.shuffledSubarray(groups.map((_, g) => g), { minLength: groups.length }))),
        ([groups, order]) => {
          expectSameIds(groups, materialise(groups, groups.map((_, g) => g), 0), materialise(groups, order, 1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('closing a module type and reading its canonical definition agree', () => {
    fc.assert(
      fc.property(groupsArb(true), (groups) => {
        const { module } = materialise(groups, groups.map((_, g) => g), 0);
        const ids = canonicalTypes(module);
        module.types.forEach((t, x) => {
          const d = defType(ids[x]!);
          if (t.kind === 'struct' && d.kind === 'struct') expect(d.fields.map((f) => f.type)).toEqual(t.fields.map((f) => closeType(f.type, ids)));
          expect(d.sub?.supers).toEqual((t.sub?.supers ?? []).map((s) => ids[s]));
        });
      }),
      { numRuns: 100 },
    );
  });
});
