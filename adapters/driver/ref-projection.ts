// The projection of a reference result: what the harness observes of a
// reference, the same on every engine. One definition, two implementations
// side by side in this file, which must agree bit for bit:
//  - `projectAnyRef`: the oracle's, from a reference-runtime value;
//  - `projectionCode`: wasm functions generated into the driver module, so a
//    runtime computes it itself (build-driver.ts prints what they return).
//
// A reference of the func, extern or exn hierarchy (funcref, (ref null $f),
// (ref func), nullexternref, exnref, ...) is observed only as null or not:
// its identity means nothing across engines. A reference of the any
// hierarchy (anyref, eqref, i31ref, structref, arrayref, nullref, (ref $t))
// is observed as
//   kind    GC_KIND by ref.test: 0 null, 1 i31, 2 struct, 3 array, 4 other
//           (an internalised host value);
//   test    whether `ref.test (ref null T)` holds for the declared result
//           type T (a runtime whose casts disagree with its types fails it);
//   digest  P(r, DEPTH), an unsigned 64-bit hash:
//     mix(h, x)   = ((h xor x) * PRIME) mod 2^64           (FNV-1a on words)
//     P(null)     = mix(SEED, 0)
//     P(i31 v)    = mix(mix(SEED, 1), i31.get_s v sign-extended to 64 bits)
//     P(other)    = mix(SEED, 4)
//     P(s, d)     = h0 = mix(SEED, 2 | 3 for struct | array); at d = 0: h0;
//                   else, with t the HIGHEST type index of the module whose
//                   struct (array) type `ref.test (ref t)` accepts (the value's
//                   own type or one equivalent to it; none: t = -1),
//                   h = mix(h0, t + 1), then
//                   struct: each field k of t in order: h = F(h, field k)
//                   array:  h = mix(h, len); the first min(len, MAX_ELEMS)
//                           elements in order: h = F(h, element k)
//     F(h, v)     by the field's storage type, read with struct.get(_u) /
//                 array.get(_u): i8, i16, i32, f32 (bits) zero-extended;
//                 i64, f64 (bits) as they are; v128 lane 0 then lane 1 of
//                 i64x2; a reference of the any hierarchy mix(h, P(v, d - 1));
//                 any other reference mix(h, 0 for null, 1 otherwise)
// DEPTH and MAX_ELEMS bound the work, so cycles and long arrays end.
import type { Module } from '../../reference-runtime/syntax/module.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import { ArrayRef, getElem, getField, hasType, I31Ref, StructRef, type ModuleInstance, type Value } from '../../reference-runtime/api.js';
import { heapOf, isFuncType, isRefType, refType, type FuncType, type HeapType, type RefType, type StorageType, type ValType } from '../../reference-runtime/syntax/types.js';
import { topOf } from '../../reference-runtime/types/subtype.js';
import type { GcProjection } from '../plan.js';

export const GC_KIND = { null: 0, i31: 1, struct: 2, array: 3, other: 4 } as const;
export const GC_KIND_NAMES = ['null', 'i31', 'struct', 'array', 'other'] as const;
export const SEED = 0xcbf29ce484222325n;
export const PRIME = 0x100000001b3n;
export const DEPTH = 3;
export const MAX_ELEMS = 16;

export type Hierarchy = 'any' | 'func' | 'extern' | 'exn';

/** The hierarchy of a (module-relative) reference type of `module`. */
export function hierarchyOf(module: Pick<Module, 'types'>, t: RefType): Hierarchy {
  const h: HeapType = heapOf(t);
  if (typeof h === 'number') {
    const d = module.types[h];
    return d !== undefined && isFuncType(d) ? 'func' : 'any';
  }
  return topOf(h);
}

/** The type a result is read back as: a number or vector itself, a reference the top of its hierarchy. */
export function channelType(module: Pick<Module, 'types'>, t: ValType): ValType {
  if (!isRefType(t)) return t;
  return `${hierarchyOf(module, t)}ref` as RefType;
}

// --- the oracle's side --------------------------------------------------------

const mix = (h: bigint, x: bigint): bigint => BigInt.asUintN(64, (h ^ BigInt.asUintN(64, x)) * PRIME);

/** The projection of `v` (an anyref value) returned as declared type `declared` of `inst`'s module. */
export function projectAnyRef(v: Value, declared: RefType, inst: ModuleInstance): GcProjection {
  const ref = 'ref' in v ? (v.ref ?? null) : null;
  const heap = heapOf(declared);
  const closed: RefType = typeof heap === 'number' ? `ref null ${inst.typeIds[heap]!}` : refType(true, heap);
  return { kind: kindOf(ref), test: hasType(v, closed), digest: digestOf(ref, DEPTH, inst) };
}

function kindOf(ref: unknown): number {
  if (ref === null) return GC_KIND.null;
  if (ref instanceof I31Ref) return GC_KIND.i31;
  if (ref instanceof StructRef) return GC_KIND.struct;
  if (ref instanceof ArrayRef) return GC_KIND.array;
  return GC_KIND.other;
}

function digestOf(ref: unknown, depth: number, inst: ModuleInstance): bigint {
  const kind = kindOf(ref);
  if (kind === GC_KIND.i31) return mix(mix(SEED, 1n), BigInt((ref as I31Ref).signed));
  let h = mix(SEED, BigInt(kind));
  if (!(ref instanceof StructRef || ref instanceof ArrayRef) || depth === 0) return h;
  const t = ownTypeIndex(ref, inst);
  h = mix(h, BigInt(t + 1));
  if (t < 0) return h;
  const def = inst.types[t]!;
  if (ref instanceof StructRef && def.kind === 'struct') {
    def.fields.forEach((_, k) => (h = fieldMix(h, getField(ref, k), depth, inst)));
  } else if (ref instanceof ArrayRef && def.kind === 'array') {
    h = mix(h, BigInt(ref.length));
    for (let k = 0; k < Math.min(ref.length, MAX_ELEMS); k++) h = fieldMix(h, getElem(ref, k), depth, inst);
  }
  return h;
}

/** The highest index of a struct or array type of the module that the object matches (-1: none). */
function ownTypeIndex(ref: StructRef | ArrayRef, inst: ModuleInstance): number {
  const kind = ref instanceof StructRef ? 'struct' : 'array';
  const v: Value = { type: 'anyref', ref };
  for (let i = inst.types.length - 1; i >= 0; i--) {
    if (inst.types[i]!.kind === kind && hasType(v, `ref ${inst.typeIds[i]!}` as RefType)) return i;
  }
  return -1;
}

/** F(h, v): a field's value as read (a packed field is its unsigned i32, as struct.get_u gives it). */
function fieldMix(h: bigint, v: Value, depth: number, inst: ModuleInstance): bigint {
  switch (v.type) {
    case 'i32':
      return mix(h, BigInt(v.value >>> 0));
    case 'i64':
      return mix(h, v.value);
    case 'f32':
      return mix(h, BigInt(v.bits >>> 0));
    case 'f64':
      return mix(h, v.bits);
    case 'v128': {
      const lane = (k: number): bigint => new DataView(v.bytes.buffer, v.bytes.byteOffset, 16).getBigUint64(8 * k, true);
      return mix(mix(h, lane(0)), lane(1));
    }
    case 'anyref':
      return mix(h, digestOf(v.ref ?? null, depth - 1, inst));
    default:
      return mix(h, v.ref === null || v.ref === undefined ? 0n : 1n);
  }
}

// --- the driver's side --------------------------------------------------------

/** The functions the driver adds to compute projections, given where they go. */
export interface ProjectionFuncs {
  /** `kind(anyref) -> i32` */
  kind: number;
  /** `digest(anyref, depth i32) -> i64` */
  digest: number;
}

interface Builder {
  /** the module's type index of a function type (added as needed) */
  typeIndex(t: FuncType): number;
  /** adds a function, returning its index; `index` is known before the body is built */
  nextFuncIndex(): number;
  addFunc(f: { type: number; locals: ValType[]; body: Instr[] }): number;
}

const i64c = (n: bigint): Instr => instr('i64.const', { i64: BigInt.asIntN(64, n) });
const i32c = (n: number): Instr => instr('i32.const', { i32: n });
const get = (i: number): Instr => instr('local.get', { index: i });
const set = (i: number): Instr => instr('local.set', { index: i });
const ifThen = (body: Instr[]): Instr => instr('if', { blockType: { kind: 'empty' }, body, elseBody: [] });

/**
 * Adds `mix`, `kind` and `digest` to the driver: the wasm form of the
 * definition above. `types` are the module's own types (before the driver
 * added any): the candidates for a struct's or array's type.
 */
export function projectionCode(types: Module['types'], b: Builder): ProjectionFuncs {
  // mix(h i64, x i64) -> i64
  const mixF = b.addFunc({
    type: b.typeIndex({ params: ['i64', 'i64'], results: ['i64'] }),
    locals: [],
    body: [get(0), get(1), instr('i64.xor'), i64c(PRIME), instr('i64.mul')],
  });
  const mixCall = instr('call', { index: mixF });
  // kind(r anyref) -> i32
  const kindF = b.addFunc({
    type: b.typeIndex({ params: ['anyref'], results: ['i32'] }),
    locals: [],
    body: [
      get(0), instr('ref.is_null'), ifThen([i32c(GC_KIND.null), instr('return')]),
      get(0), instr('ref.test', { refType: 'ref i31' }), ifThen([i32c(GC_KIND.i31), instr('return')]),
      get(0), instr('ref.test', { refType: 'ref struct' }), ifThen([i32c(GC_KIND.struct), instr('return')]),
      get(0), instr('ref.test', { refType: 'ref array' }), ifThen([i32c(GC_KIND.array), instr('return')]),
      i32c(GC_KIND.other),
    ],
  });
  // digest(r anyref, d i32) -> i64; locals: h i64 (2), n i32 (3), k i32 (4)
  const digestF = b.nextFuncIndex();
  const R = 0, D = 1, H = 2, N = 3, K = 4;
  const mixInto = (value: Instr[]): Instr[] => [get(H), ...value, mixCall, set(H)];
  /** F(h, v) for the value on the stack of storage type `t` */
  const field = (t: StorageType): Instr[] => {
    switch (t) {
      case 'i8':
      case 'i16':
      case 'i32':
        return [instr('i64.extend_i32_u')];
      case 'i64':
        return [];
      case 'f32':
        return [instr('i32.reinterpret_f32'), instr('i64.extend_i32_u')];
      case 'f64':
        return [instr('i64.reinterpret_f64')];
      case 'v128':
        return []; // handled by the caller (two mixes)
      default:
        return hierarchyOf({ types }, t) === 'any'
          ? [get(D), i32c(1), instr('i32.sub'), instr('call', { index: digestF })]
          : [instr('ref.is_null'), instr('i32.eqz'), instr('i64.extend_i32_u')];
    }
  };
  const readMix = (read: Instr[], t: StorageType): Instr[] =>
    t === 'v128'
      ? [...mixInto([...read, instr('i64x2.extract_lane', { lane: 0 })]), ...mixInto([...read, instr('i64x2.extract_lane', { lane: 1 })])]
      : mixInto([...read, ...field(t)]);
  const packed = (t: StorageType): boolean => t === 'i8' || t === 'i16';
  const cases: Instr[] = [];
  for (let i = types.length - 1; i >= 0; i--) {
    const def = types[i]!;
    if (isFuncType(def)) continue;
    const cast = [get(R), instr('ref.cast', { refType: `ref ${i}` })];
    const body: Instr[] = [...mixInto([i64c(BigInt(i + 1))])];
    if (def.kind === 'struct') {
      def.fields.forEach((f, k) => body.push(...readMix([...cast, instr(packed(f.type) ? 'struct.get_u' : 'struct.get', { index: i, index2: k })], f.type)));
    } else {
      const t = def.field.type;
      body.push(
        ...cast, instr('array.len'), set(N),
        ...mixInto([get(N), instr('i64.extend_i32_u')]),
        i32c(0), set(K),
        instr('block', { blockType: { kind: 'empty' }, body: [instr('loop', { blockType: { kind: 'empty' }, body: [
          get(K), get(N), instr('i32.ge_u'), instr('br_if', { index: 1 }),
          get(K), i32c(MAX_ELEMS), instr('i32.ge_u'), instr('br_if', { index: 1 }),
          ...readMix([...cast, get(K), instr(packed(t) ? 'array.get_u' : 'array.get', { index: i })], t),
          get(K), i32c(1), instr('i32.add'), set(K),
          instr('br', { index: 0 }),
        ] })] }),
      );
    }
    body.push(get(H), instr('return'));
    cases.push(get(R), instr('ref.test', { refType: `ref ${i}` }), ifThen(body));
  }
  const kindOfR = [get(R), instr('call', { index: kindF })];
  const body: Instr[] = [
    // i31: mix(mix(SEED, 1), i31.get_s)
    ...kindOfR, i32c(GC_KIND.i31), instr('i32.eq'),
    ifThen([i64c(SEED), i64c(1n), mixCall, get(R), instr('ref.cast', { refType: 'ref i31' }), instr('i31.get_s'), instr('i64.extend_i32_s'), mixCall, instr('return')]),
    i64c(SEED), ...kindOfR, instr('i64.extend_i32_u'), mixCall, set(H),
    // null, other, or out of depth: h0
    ...kindOfR, i32c(GC_KIND.struct), instr('i32.lt_u'), ifThen([get(H), instr('return')]),
    ...kindOfR, i32c(GC_KIND.array), instr('i32.gt_u'), ifThen([get(H), instr('return')]),
    get(D), instr('i32.eqz'), ifThen([get(H), instr('return')]),
    ...cases,
    ...mixInto([i64c(0n)]),
    get(H),
  ];
  const at = b.addFunc({ type: b.typeIndex({ params: ['anyref', 'i32'], results: ['i64'] }), locals: ['i64', 'i32', 'i32'], body });
  if (at !== digestF) throw new Error('projectionCode: the digest function is not where it was announced');
  return { kind: kindF, digest: digestF };
}
