// The Wasm 3.0 binary format of typed function references and GC: heap and
// reference types, the type section's rec groups, sub types and struct and
// array types, the new instructions and element segment types, decoded by
// 3.0 rules with the spec interpreter's messages, refused by 2.0 rules as
// 2.0 refused them, and written back byte for byte.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WASM_2_0, WASM_3_0 } from '../syntax/features.js';
import { instr as I, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';
import { ABS_HEAP_TYPES, refType, type FieldType, type HeapType, type RefType, type StorageType, type SubType, type ValType } from '../syntax/types.js';
import { decodeModule } from './decode.js';
import { encodeModule } from './encode.js';
import { sampleModuleGc } from './sample-module.js';
import { message, mod, section, vec, withBody } from './test-bytes.js';

/** decode(encode(m)) is m, and encoding it again gives the same bytes. */
function roundTrips(m: Module): boolean {
  const bytes = encodeModule(m);
  const back = decodeModule(bytes, WASM_3_0);
  return isDeepStrictEqual(back, m) && encodeModule(back).every((b, i) => b === bytes[i]);
}

/** A module with one immutable global of the given type bytes, initialised by `init` (without end). */
const globalOf = (type: number[], init: number[] = [0xd0, 0x70]) => mod(...section(0x06, vec([[...type, 0x00, ...init, 0x0b]])));
const globalType = (bytes: Uint8Array) => decodeModule(bytes).globals[0]!.type.type;
/** A type section of the given entries. */
const types = (...entries: number[][]) => mod(...section(0x01, vec(entries)));
const body = (bytes: Uint8Array) => decodeModule(bytes).funcs[0]!.body;

const ABSTRACT_CODES: [number, RefType][] = [
  [0x74, 'nullexnref'],
  [0x73, 'nullfuncref'],
  [0x72, 'nullexternref'],
  [0x71, 'nullref'],
  [0x70, 'funcref'],
  [0x6f, 'externref'],
  [0x6e, 'anyref'],
  [0x6d, 'eqref'],
  [0x6c, 'i31ref'],
  [0x6b, 'structref'],
  [0x6a, 'arrayref'],
  [0x69, 'exnref'],
];

describe('reference and heap types', () => {
  it('reads each abstract type code as its nullable shorthand, and after 0x64 / 0x63 as a heap type', () => {
    for (const [code, t] of ABSTRACT_CODES) {
      expect(globalType(globalOf([code]))).toBe(t);
      expect(globalType(globalOf([0x63, code]))).toBe(t);
      const heap = ABS_HEAP_TYPES.find((h) => refType(true, h) === t)!;
      expect(globalType(globalOf([0x64, code]))).toBe(`ref ${heap}`);
    }
  });

  it('reads type indices as non-negative s33, multi-byte included, and writes them minimally', () => {
    expect(globalType(globalOf([0x64, 0x00]))).toBe('ref 0');
    expect(globalType(globalOf([0x63, 0x3f]))).toBe('ref null 63');
    expect(globalType(globalOf([0x63, 0xc0, 0x00]))).toBe('ref null 64');
    expect(globalType(globalOf([0x64, 0x80, 0x80, 0x80, 0x00]))).toBe('ref 0');
    const m = decodeModule(globalOf([0x63, 0xc0, 0x00], [0xd0, 0xc0, 0x00]));
    expect(m.globals[0]!.init).toEqual([I('ref.null', { refType: 'ref null 64' })]);
    expect(encodeModule(m)).toEqual(globalOf([0x63, 0xc0, 0x00], [0xd0, 0xc0, 0x00]));
  });

  it('reports malformed reference and heap types with the spec messages', () => {
    expect(message(globalOf([0x65]))).toBe('malformed reference type');
    expect(message(globalOf([0x64, 0x7f]))).toBe('malformed heap type');
    expect(message(globalOf([0x64, 0x40]))).toBe('malformed heap type');
    // A negative multi-byte s33 is no index, and an abstract type is one byte: an overlong s7.
    expect(message(globalOf([0x64, 0xff, 0x7f]))).toBe('integer representation too long');
    // Indices from 2^31 wrap negative in the spec's 32-bit index.
    expect(message(globalOf([0x64, 0x80, 0x80, 0x80, 0x80, 0x08]))).toBe('integer representation too long');
    // An s33 too large is no index either.
    expect(message(globalOf([0x64, 0x80, 0x80, 0x80, 0x80, 0x10]))).toBe('integer representation too long');
    expect(message(mod(0x06, 0x03, 0x01, 0x64))).toMatch(/^unexpected end/);
  });

  it('keeps 2.0 rules under WASM_2_0: only funcref and externref', () => {
    for (const [code, t] of ABSTRACT_CODES) {
      expect(message(globalOf([code]), WASM_2_0)).toBe(t === 'funcref' || t === 'externref' ? 'decoded' : 'malformed reference type');
    }
    expect(message(globalOf([0x63, 0x70]), WASM_2_0)).toBe('malformed reference type');
    expect(message(globalOf([0x64, 0x70]), WASM_2_0)).toBe('malformed reference type');
  });

  it('round-trips every reference type in every position', () => {
    const heap: fc.Arbitrary<HeapType> = fc.oneof(fc.constantFrom(...ABS_HEAP_TYPES), fc.nat({ max: 2 ** 31 - 1 }));
    const ref = fc.tuple(fc.boolean(), heap).map(([nullable, h]) => refType(nullable, h));
    fc.assert(
      fc.property(ref, ref, fc.nat({ max: 2 ** 31 - 1 }), (a, b, label) => {
        const instrs: Instr[] = [
          I('block', { blockType: { kind: 'value', type: a }, body: [I('ref.null', { refType: refType(true, heapOfRef(b)) })] }),
          I('ref.test', { refType: a }),
          I('ref.cast', { refType: b }),
          I('br_on_cast', { index: label, refType: a, refType2: b }),
          I('br_on_cast_fail', { index: label, refType: b, refType2: a }),
          I('select_t', { types: [a, b] }),
        ];
        const m: Module = {
          ...emptyModule(),
          types: [{ params: [a], results: [b] }],
          funcs: [{ type: 0, locals: [b, a], body: instrs }],
          globals: [{ type: { type: a, mutable: true }, init: [I('ref.null', { refType: refType(true, heapOfRef(a)) })] }],
          tables: [{ limits: { min: 0 }, elem: b, init: [I('global.get', { index: 0 })] }],
        };
        return roundTrips(m);
      }),
    );
  });
});

function heapOfRef(t: RefType): HeapType {
  const abs = ABS_HEAP_TYPES.find((h) => refType(true, h) === t || `ref ${h}` === t);
  if (abs !== undefined) return abs;
  return Number(t.slice(t.lastIndexOf(' ') + 1));
}

describe('the type section', () => {
  it('reads rec groups, sub and sub final, struct and array types, and keeps them as written', () => {
    const m = decodeModule(
      types(
        [0x4e, 0x02, 0x50, 0x00, 0x5f, 0x01, 0x7f, 0x01, 0x4f, 0x01, 0x00, 0x5f, 0x02, 0x7f, 0x01, 0x78, 0x00],
        [0x5e, 0x77, 0x01],
        [0x4f, 0x00, 0x60, 0x00, 0x00],
        [0x4e, 0x00],
        [0x60, 0x01, 0x63, 0x00, 0x00],
      ),
    );
    expect(m.types).toEqual([
      { kind: 'struct', fields: [{ type: 'i32', mutable: true }], sub: { final: false, supers: [] } },
      { kind: 'struct', fields: [{ type: 'i32', mutable: true }, { type: 'i8', mutable: false }], sub: { final: true, supers: [0] } },
      { kind: 'array', field: { type: 'i16', mutable: true } },
      { params: [], results: [], sub: { final: true, supers: [] } },
      { params: ['ref null 0'], results: [] },
    ]);
    expect(m.recs).toEqual([
      { size: 2, explicit: true },
      { size: 1, explicit: false },
      { size: 1, explicit: false },
      { size: 0, explicit: true },
      { size: 1, explicit: false },
    ]);
    expect(roundTrips(m)).toBe(true);
  });

  it('leaves recs out when every group is implicit', () => {
    const m = decodeModule(types([0x5e, 0x7f, 0x00], [0x60, 0x00, 0x00]));
    expect(m.recs).toBeUndefined();
    expect(m.types).toEqual([{ kind: 'array', field: { type: 'i32', mutable: false } }, { params: [], results: [] }]);
  });

  it('writes types the groups leave uncovered as implicit groups, and refuses groups that overrun the types', () => {
    const m: Module = { ...emptyModule(), types: [{ params: [], results: [] }, { params: [], results: [] }], recs: [{ size: 1, explicit: true }] };
    expect([...encodeModule(m)]).toEqual([...types([0x4e, 0x01, 0x60, 0x00, 0x00], [0x60, 0x00, 0x00])]);
    expect(() => encodeModule({ ...m, recs: [{ size: 3, explicit: true }] })).toThrow(/rec groups/);
  });

  it('reports malformed types with the spec messages', () => {
    expect(message(types([0x5d]))).toBe('malformed definition type');
    expect(message(types([0x4e, 0x01, 0x4e, 0x00]))).toBe('malformed definition type');
    expect(message(types([0xe0, 0x00]))).toBe('integer representation too long');
    expect(message(types([0x5e, 0x76, 0x00]))).toBe('malformed storage type');
    // The value type's failure is not reported: the packed type's is.
    expect(message(types([0x5e, 0x64, 0x7f, 0x00]))).toBe('malformed storage type');
    expect(message(types([0x5e, 0xf8, 0x00]))).toBe('integer representation too long');
    expect(message(types([0x5e, 0x78, 0x02]))).toBe('malformed mutability');
    expect(message(types([0x50, 0x01, 0x80, 0x80, 0x80, 0x80, 0x08, 0x5e, 0x7f, 0x00]))).toBe('malformed type index');
    expect(message(types([0x50, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 0x5e, 0x7f, 0x00]))).toBe('integer too large');
  });

  it('reads function imports\' and tags\' type indices as the spec\'s typeuse: from 2^31 malformed, by 2.0 rules a u32', () => {
    const large = [0x80, 0x80, 0x80, 0x80, 0x08];
    const funcImport = mod(...section(0x02, vec([[0x01, 0x6d, 0x01, 0x66, 0x00, ...large]])));
    expect(message(funcImport)).toBe('malformed type index');
    expect(message(funcImport, WASM_2_0)).toBe('decoded');
    expect(message(mod(...section(0x0d, vec([[0x00, ...large]]))))).toBe('malformed type index');
    expect(decodeModule(mod(...section(0x02, vec([[0x01, 0x6d, 0x01, 0x66, 0x00, 0xff, 0xff, 0xff, 0xff, 0x07]])))).imports[0]!.desc).toEqual({ kind: 'func', type: 2 ** 31 - 1 });
  });

  it('keeps 2.0 rules under WASM_2_0: every entry a function type', () => {
    for (const code of [0x4e, 0x50, 0x4f, 0x5f, 0x5e]) expect(message(types([code, 0x00]), WASM_2_0)).toBe('malformed function type');
  });

  it('round-trips generated type sections', () => {
    const valType: fc.Arbitrary<ValType> = fc.oneof(
      fc.constantFrom<ValType>('i32', 'i64', 'f32', 'f64', 'v128'),
      fc.tuple(fc.boolean(), fc.oneof(fc.constantFrom(...ABS_HEAP_TYPES), fc.nat({ max: 300 }))).map(([n, h]) => refType(n, h)),
    );
    const storage: fc.Arbitrary<StorageType> = fc.oneof(valType, fc.constantFrom<StorageType>('i8', 'i16'));
    const field: fc.Arbitrary<FieldType> = fc.record({ type: storage, mutable: fc.boolean() }, { noNullPrototype: true });
    const comp = fc.oneof(
      fc.record({ params: fc.array(valType, { maxLength: 3 }), results: fc.array(valType, { maxLength: 3 }) }, { noNullPrototype: true }),
      fc.record({ kind: fc.constant('struct' as const), fields: fc.array(field, { maxLength: 4 }) }, { noNullPrototype: true }),
      fc.record({ kind: fc.constant('array' as const), field }, { noNullPrototype: true }),
    );
    const sub = fc.option(fc.record({ final: fc.boolean(), supers: fc.array(fc.nat({ max: 2 ** 31 - 1 }), { maxLength: 2 }) }, { noNullPrototype: true }), {
      nil: undefined,
    });
    const subType: fc.Arbitrary<SubType> = fc.tuple(comp, sub).map(([c, s]) => (s === undefined ? c : { ...c, sub: s }));
    const group = fc.oneof(
      subType.map((t) => ({ explicit: false, types: [t] })),
      fc.array(subType, { maxLength: 4 }).map((ts) => ({ explicit: true, types: ts })),
    );
    fc.assert(
      fc.property(fc.array(group, { maxLength: 5 }), (groups) => {
        const m: Module = { ...emptyModule(), types: groups.flatMap((g) => g.types) };
        if (groups.some((g) => g.explicit)) m.recs = groups.map((g) => ({ size: g.types.length, explicit: g.explicit }));
        return roundTrips(m);
      }),
    );
  });
});

describe('typed reference and GC instructions', () => {
  it('decodes every GC and typed-reference opcode of the table by 3.0 rules, and none by 2.0 rules', () => {
    const features = new Set(['function-references', 'gc']);
    for (const info of OPCODES.filter((o) => features.has(o.feature ?? ''))) {
      const opcode = info.prefix === 0 ? [info.code] : [info.prefix, info.code];
      const imm: Record<string, number[]> = { none: [], type: [0x01], label: [0x00], type_field: [0x01, 0x02], type_type: [0x01, 0x02], type_count: [0x01, 0x02], type_data: [0x01, 0x02], type_elem: [0x01, 0x02], ref_cast: [0x6c], br_on_cast: [0x03, 0x00, 0x6e, 0x6c] };
      const bytes = withBody([...opcode, ...imm[info.imm]!], [0x0c, 0x01, 0x00]);
      const [decoded] = body(bytes);
      expect(decoded!.op).toBe(info.name);
      expect(encodeModule(decodeModule(bytes))).toEqual(bytes);
      expect(message(bytes, WASM_2_0)).toBe(`illegal opcode ${opcode[0]!.toString(16).padStart(2, '0')}`);
    }
  });

  it('reads the immediates into the instruction fields', () => {
    expect(body(withBody([0x14, 0x03, 0x15, 0x80, 0x01]))).toEqual([I('call_ref', { index: 3 }), I('return_call_ref', { index: 128 })]);
    expect(body(withBody([0xd5, 0x01, 0xd6, 0x02, 0xd4, 0xd3]))).toEqual([I('br_on_null', { index: 1 }), I('br_on_non_null', { index: 2 }), I('ref.as_non_null'), I('ref.eq')]);
    expect(body(withBody([0xfb, 0x02, 0x01, 0x02, 0xfb, 0x08, 0x00, 0x05, 0xfb, 0x11, 0x03, 0x04]))).toEqual([
      I('struct.get', { index: 1, index2: 2 }),
      I('array.new_fixed', { index: 0, index2: 5 }),
      I('array.copy', { index: 3, index2: 4 }),
    ]);
  });

  it('reads ref.test and ref.cast with a nullable target from the next opcode', () => {
    expect(body(withBody([0xfb, 0x14, 0x00, 0xfb, 0x15, 0x00, 0xfb, 0x16, 0x6b, 0xfb, 0x17, 0x71]))).toEqual([
      I('ref.test', { refType: 'ref 0' }),
      I('ref.test', { refType: 'ref null 0' }),
      I('ref.cast', { refType: 'ref struct' }),
      I('ref.cast', { refType: 'nullref' }),
    ]);
  });

  it('reads br_on_cast flags: bit 0 the operand nullable, bit 1 the target; other bits malformed', () => {
    const cast = (flags: number) => withBody([0xfb, 0x18, flags, 0x02, 0x6e, 0x00]);
    expect(body(cast(0))).toEqual([I('br_on_cast', { index: 2, refType: 'ref any', refType2: 'ref 0' })]);
    expect(body(cast(1))).toEqual([I('br_on_cast', { index: 2, refType: 'anyref', refType2: 'ref 0' })]);
    expect(body(cast(2))).toEqual([I('br_on_cast', { index: 2, refType: 'ref any', refType2: 'ref null 0' })]);
    expect(body(withBody([0xfb, 0x19, 0x03, 0x00, 0x6d, 0x6c]))).toEqual([I('br_on_cast_fail', { index: 0, refType: 'eqref', refType2: 'i31ref' })]);
    for (const flags of [0x04, 0x08, 0x80, 0xff]) expect(message(cast(flags))).toBe('malformed br_on_cast flags');
  });

  it('reports unknown GC opcodes with the prefix, and a data count section is required by array.new_data and array.init_data', () => {
    expect(message(withBody([0xfb, 0x1f]))).toBe('illegal opcode fb 1f');
    expect(message(withBody([0xfb, 0x09, 0x00, 0x00]))).toBe('data count section required');
    expect(message(withBody([0xfb, 0x12, 0x00, 0x00]))).toBe('data count section required');
    expect(message(withBody([0xfb, 0x0a, 0x00, 0x00]))).toBe('decoded');
  });

  it('reads block types that are concrete reference types, and type indices as before', () => {
    expect(body(withBody([0x02, 0x63, 0x00, 0x0b, 0x1a]))[0]).toEqual(I('block', { blockType: { kind: 'value', type: 'ref null 0' }, body: [] }));
    expect(body(withBody([0x02, 0x64, 0x6c, 0x0b, 0x1a]))[0]).toEqual(I('block', { blockType: { kind: 'value', type: 'ref i31' }, body: [] }));
    expect(body(withBody([0x02, 0x00, 0x0b]))[0]).toEqual(I('block', { blockType: { kind: 'type', index: 0 }, body: [] }));
    expect(message(withBody([0x02, 0x64, 0x7f, 0x0b]))).toBe('malformed heap type');
  });
});

describe('element segments', () => {
  const elems = (...segments: number[][]) => mod(...section(0x09, vec(segments)));
  const typeOf = (bytes: Uint8Array, features = WASM_3_0) => decodeModule(bytes, features).elems[0]!.type;

  it('types function-index segments (ref func) by 3.0 rules and funcref by 2.0 rules; flag 4 is funcref', () => {
    expect(typeOf(elems([0x00, 0x41, 0x00, 0x0b, 0x00]))).toBe('ref func');
    expect(typeOf(elems([0x01, 0x00, 0x00]))).toBe('ref func');
    expect(typeOf(elems([0x03, 0x00, 0x00]))).toBe('ref func');
    expect(typeOf(elems([0x00, 0x41, 0x00, 0x0b, 0x00]), WASM_2_0)).toBe('funcref');
    expect(typeOf(elems([0x01, 0x00, 0x00]), WASM_2_0)).toBe('funcref');
    expect(typeOf(elems([0x04, 0x41, 0x00, 0x0b, 0x00]))).toBe('funcref');
    expect(typeOf(elems([0x05, 0x64, 0x00, 0x00]))).toBe('ref 0');
  });

  it('writes each segment back in its form and type', () => {
    const item = [0xd2, 0x00, 0x0b];
    for (const segment of [
      [0x00, 0x41, 0x00, 0x0b, 0x01, 0x00],
      [0x01, 0x00, 0x01, 0x00],
      [0x04, 0x41, 0x00, 0x0b, 0x01, ...item],
      [0x05, 0x64, 0x70, 0x01, ...item],
      [0x06, 0x00, 0x41, 0x00, 0x0b, 0x64, 0x70, 0x01, ...item],
      [0x07, 0x63, 0x00, 0x01, 0xfb, 0x01, 0x00, 0x0b],
    ]) {
      expect([...encodeModule(decodeModule(elems(segment)))]).toEqual([...elems(segment)]);
    }
  });

  it('writes a (ref func) segment of ref.func items as indices unless its form says expressions', () => {
    const segment = (form?: 'exprs') => ({ type: 'ref func' as const, init: [[I('ref.func', { index: 0 })]], mode: { kind: 'passive' as const }, ...(form ? { form } : {}) });
    const written = (m: Module) => [...encodeModule(m).slice(8)];
    expect(written({ ...emptyModule(), elems: [segment()] })).toEqual([...section(0x09, vec([[0x01, 0x00, 0x01, 0x00]]))]);
    expect(written({ ...emptyModule(), elems: [segment('exprs')] })).toEqual([...section(0x09, vec([[0x05, 0x64, 0x70, 0x01, 0xd2, 0x00, 0x0b]]))]);
  });
});

describe('the GC sample module', () => {
  it('round-trips exactly, and 2.0 rules refuse it at its first rec group', () => {
    const m = sampleModuleGc();
    expect(roundTrips(m)).toBe(true);
    expect(message(encodeModule(m), WASM_2_0)).toBe('malformed function type');
  });
});
