// Each relaxed SIMD operator against the independent lane-by-lane model
// (relaxed.model.ts): under every alternative of its parameter it gives the
// model's vector for that alternative, and it consults the parameter exactly
// when the operands reach an implementation-dependent clause (an operator
// that does not consult it must give the same vector under every profile).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { P, RELAXED_PARAMS, relaxed, type RelaxedParam } from './relaxed-profile.js';
import { RELAXED_OPS } from './relaxed.js';
import { fromLanes, lanesOf } from './bigint-lanes.js';
import {
  dotAddModel,
  dotModel,
  isNaNBits,
  laneselectModel,
  maddModel,
  minMaxModel,
  q15mulrModel,
  swizzleModel,
  truncModel,
  type Model,
} from './relaxed.model.js';

type Op = (...v: Uint8Array[]) => Uint8Array;

afterEach(() => {
  relaxed.profile.fill(0);
  relaxed.hits = 0;
});

// --- Operands: random bytes mixed with lanes from each operator's boundary cases. ---

const F32_SPECIAL = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00001, 0x3f800000, 0xbf800000, 0x4f000000, 0xcf000000, 0x4f800000, 0x4effffff, 0x4f7fffff, 0xbf7fffff, 0x00000001, 0x7f7fffff].map(BigInt);
const F64_SPECIAL = [
  0n, 1n << 63n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000001n, 0x3ff0000000000000n,
  0xbff0000000000000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0x41efffffffe00000n, 0x41f0000000000000n, 0xc1e0000000200000n, 0x41dfffffffffffffn,
  0xbfefffffffffffffn, 1n, 0x7fefffffffffffffn,
];

function vector(bits: 8 | 16 | 32 | 64, special: bigint[]): fc.Arbitrary<Uint8Array> {
  const lane = fc.oneof(fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }), fc.constantFrom(...special));
  return fc.array(lane, { minLength: 128 / bits, maxLength: 128 / bits }).map((lanes) => fromLanes(lanes, bits));
}

const bytes = vector(8, [0n, 15n, 16n, 17n, 31n, 127n, 128n, 255n]);
const i16s = vector(16, [0n, 0x8000n, 0x7fffn, 0xffffn, 1n]);
const i8s = vector(8, [0n, 0x80n, 0x7fn, 0xffn, 1n]);
const f32s = vector(32, F32_SPECIAL);
const f64s = vector(64, F64_SPECIAL);
const masks = (bits: 8 | 16 | 32 | 64) => vector(bits, [0n, (1n << BigInt(bits)) - 1n, 1n << BigInt(bits - 1), (1n << BigInt(bits - 1)) - 1n]);
/** Products near -z: where fused and unfused rounding differ. */
const f32Cancel = fc.tuple(f32s, f32s).map(([a, b]) => {
  const x = new Float32Array(a.buffer.slice(0));
  const y = new Float32Array(b.buffer.slice(0));
  return [a, b, new Uint8Array(Float32Array.from(x, (v, i) => -Math.fround(v * y[i]!)).buffer)] as const;
});
const f64Cancel = fc.tuple(f64s, f64s).map(([a, b]) => {
  const x = new Float64Array(a.buffer.slice(0));
  const y = new Float64Array(b.buffer.slice(0));
  return [a, b, new Uint8Array(Float64Array.from(x, (v, i) => -(v * y[i]!)).buffer)] as const;
});

// --- The check ---

/** Lanes equal, or (for float lanes compared by class) both NaN. */
function sameVector(got: Uint8Array, want: Uint8Array, nanLanes?: 32 | 64): boolean {
  if (nanLanes === undefined) return got.every((x, i) => x === want[i]);
  const g = lanesOf(got, nanLanes);
  const w = lanesOf(want, nanLanes);
  return g.every((x, i) => x === w[i] || (isNaNBits(x, nanLanes) && isNaNBits(w[i]!, nanLanes)));
}

/** Where op and model disagree, a description; undefined when they agree under every alternative. */
function disagreement(op: Op, param: RelaxedParam, model: Model, operands: Uint8Array[], nanLanes?: 32 | 64): string | undefined {
  const p = P[param];
  for (let k = 0; k < RELAXED_PARAMS[p]!.choices; k++) {
    relaxed.profile.fill(0);
    relaxed.profile[p] = k;
    relaxed.hits = 0;
    const got = op(...operands.map((v) => v.slice()));
    const consulted = (relaxed.hits & (1 << p)) !== 0;
    if (consulted !== model.reaches) return `alternative ${k}: consulted ${param} = ${consulted}, model reaches = ${model.reaches}`;
    if (!sameVector(got, model.alternatives[k]!, nanLanes)) return `alternative ${k}: got ${Array.from(got)}, model ${Array.from(model.alternatives[k]!)}`;
  }
  relaxed.profile.fill(0);
  return undefined;
}

function check(name: string, param: RelaxedParam, operands: fc.Arbitrary<readonly Uint8Array[]>, model: (...v: Uint8Array[]) => Model, nanLanes?: 32 | 64) {
  it(`${name} gives the model's vector under each ${param} alternative`, () => {
    fc.assert(
      fc.property(operands, (vs) => {
        expect(disagreement(RELAXED_OPS[name] as Op, param, model(...vs), [...vs], nanLanes)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
}

describe('relaxed SIMD operators against the lane model', () => {
  check('i8x16.relaxed_swizzle', 'swizzle', fc.tuple(bytes, bytes), swizzleModel);
  check('i32x4.relaxed_trunc_f32x4_s', 'trunc_s', fc.tuple(f32s), (v) => truncModel(32, true, v));
  check('i32x4.relaxed_trunc_f32x4_u', 'trunc_u', fc.tuple(f32s), (v) => truncModel(32, false, v));
  check('i32x4.relaxed_trunc_f64x2_s_zero', 'trunc_s', fc.tuple(f64s), (v) => truncModel(64, true, v));
  check('i32x4.relaxed_trunc_f64x2_u_zero', 'trunc_u', fc.tuple(f64s), (v) => truncModel(64, false, v));
  for (const [name, bits, negate] of [
    ['f32x4.relaxed_madd', 32, false],
    ['f32x4.relaxed_nmadd', 32, true],
    ['f64x2.relaxed_madd', 64, false],
    ['f64x2.relaxed_nmadd', 64, true],
  ] as const) {
    const cancel = bits === 32 ? f32Cancel : f64Cancel;
    const floats = bits === 32 ? f32s : f64s;
    check(name, 'fmadd', fc.oneof(fc.tuple(floats, floats, floats), cancel), (a, b, c) => maddModel(bits, negate, a!, b!, c!), bits);
  }
  for (const [name, bits] of [
    ['i8x16.relaxed_laneselect', 8],
    ['i16x8.relaxed_laneselect', 16],
    ['i32x4.relaxed_laneselect', 32],
    ['i64x2.relaxed_laneselect', 64],
  ] as const) {
    check(name, 'laneselect', fc.tuple(bytes, bytes, masks(bits)), (a, b, m) => laneselectModel(bits, a!, b!, m!));
  }
  check('f32x4.relaxed_min', 'fmin', fc.tuple(f32s, f32s), (a, b) => minMaxModel(32, true, a!, b!));
  check('f32x4.relaxed_max', 'fmax', fc.tuple(f32s, f32s), (a, b) => minMaxModel(32, false, a!, b!));
  check('f64x2.relaxed_min', 'fmin', fc.tuple(f64s, f64s), (a, b) => minMaxModel(64, true, a!, b!));
  check('f64x2.relaxed_max', 'fmax', fc.tuple(f64s, f64s), (a, b) => minMaxModel(64, false, a!, b!));
  check('i16x8.relaxed_q15mulr_s', 'iq15mulr', fc.tuple(i16s, i16s), (a, b) => q15mulrModel(a!, b!));
  check('i16x8.relaxed_dot_i8x16_i7x16_s', 'idot', fc.tuple(i8s, i8s), (a, b) => dotModel(a!, b!));
  check('i32x4.relaxed_dot_i8x16_i7x16_add_s', 'idot', fc.tuple(i8s, i8s, vector(32, [0x7fffffffn, 0x80000000n])), (a, b, c) => dotAddModel(a!, b!, c!));

  it('covers every relaxed instruction of the opcode table', () => {
    expect(Object.keys(RELAXED_OPS)).toHaveLength(20);
  });
});

describe('the check can fail', () => {
  // a broken operator: swizzle's second alternative taken modulo 32 instead of 16
  const broken: Op = (a, s) => {
    const r = RELAXED_OPS['i8x16.relaxed_swizzle']!(a, s) as Uint8Array;
    if (relaxed.profile[P.swizzle] === 1) s!.forEach((j, i) => j >= 16 && j < 128 && (r[i] = a![j % 32 < 16 ? j % 32 : 0]!));
    return r;
  };

  it('rejects a wrong alternative', () => {
    const a = Uint8Array.from({ length: 16 }, (_, i) => i + 100);
    const s = new Uint8Array(16).fill(20);
    expect(disagreement(broken, 'swizzle', swizzleModel(a, s), [a, s])).toMatch(/alternative 1/);
    expect(disagreement(RELAXED_OPS['i8x16.relaxed_swizzle'] as Op, 'swizzle', swizzleModel(a, s), [a, s])).toBeUndefined();
  });

  it('rejects an operator that consults its parameter where every profile agrees', () => {
    const eager: Op = (a, s) => {
      relaxed.hits |= 1 << P.swizzle;
      return RELAXED_OPS['i8x16.relaxed_swizzle']!(a, s) as Uint8Array;
    };
    const a = new Uint8Array(16);
    const s = new Uint8Array(16).fill(3);
    expect(disagreement(eager, 'swizzle', swizzleModel(a, s), [a, s])).toMatch(/consulted/);
  });
});

describe('spot values from the spec text', () => {
  const run = (name: string, profile: Partial<Record<RelaxedParam, number>>, ...v: Uint8Array[]) => {
    relaxed.profile.fill(0);
    for (const [k, x] of Object.entries(profile)) relaxed.profile[P[k as RelaxedParam]] = x;
    return RELAXED_OPS[name]!(...v) as Uint8Array;
  };
  const f32x4 = (...x: number[]) => new Uint8Array(Float32Array.from(x).buffer);
  const i32x4 = (v: Uint8Array) => Array.from(new Int32Array(v.buffer.slice(0)));

  it('relaxed_trunc_u out of range: trunc_sat_u, 2^32-1, 2^32-2, 2^31', () => {
    const v = f32x4(-1, NaN, 5e9, 7.9);
    expect([0, 1, 2, 3].map((k) => i32x4(run('i32x4.relaxed_trunc_f32x4_u', { trunc_u: k }, v)))).toEqual([
      [0, 0, -1, 7],
      [-1, -1, -1, 7],
      [-2, -2, -2, 7],
      [-0x80000000, -0x80000000, -0x80000000, 7],
    ]);
  });

  it('relaxed_trunc_s out of range: trunc_sat_s or INT32_MIN', () => {
    const v = f32x4(3e9, NaN, -3e9, -7.9);
    expect(i32x4(run('i32x4.relaxed_trunc_f32x4_s', {}, v))).toEqual([0x7fffffff, 0, -0x80000000, -7]);
    expect(i32x4(run('i32x4.relaxed_trunc_f32x4_s', { trunc_s: 1 }, v))).toEqual([-0x80000000, -0x80000000, -0x80000000, -7]);
  });

  it('relaxed_max of opposite zeros: fmax, z1, z2, +0', () => {
    const r = [0, 1, 2, 3].map((k) => Array.from(new Uint32Array(run('f32x4.relaxed_max', { fmax: k }, f32x4(-0, 0, 1, 1), f32x4(0, -0, 1, 1)).buffer)));
    expect(r.map((l) => l.slice(0, 2))).toEqual([
      [0, 0],
      [0x80000000, 0],
      [0, 0x80000000],
      [0, 0],
    ]);
  });
});
