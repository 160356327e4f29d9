// Every float vector instruction against the scalar f32/f64 numerics applied
// lane by lane. Lanes are compared as bits, except NaN results of arithmetic
// lanes, which are compared by the spec's rule (4.3.3): canonical when every
// NaN operand of the lane is canonical, arithmetic otherwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as scalarConvert from '../convert.js';
import * as F32 from '../f32.js';
import * as F64 from '../f64.js';
import { V128_OPS } from './ops.js';

type Kind = 'f32' | 'f64';
const size = (k: Kind) => (k === 'f32' ? 4 : 8);

/** Lane bits as BigInts (unsigned), decoded with a DataView. */
function bitsOf(v: Uint8Array, k: Kind): bigint[] {
  const dv = new DataView(v.buffer, v.byteOffset, 16);
  return k === 'f32' ? [0, 1, 2, 3].map((i) => BigInt(dv.getUint32(4 * i, true))) : [0, 1].map((i) => dv.getBigUint64(8 * i, true));
}
function fromBits(k: Kind, bits: bigint[]): Uint8Array {
  const r = new Uint8Array(16);
  const dv = new DataView(r.buffer);
  bits.forEach((b, i) => (k === 'f32' ? dv.setUint32(4 * i, Number(b), true) : dv.setBigUint64(8 * i, b, true)));
  return r;
}

/** Scalar representation of a lane: f32 as signed int32 bits, f64 as a double. */
function toScalar(k: Kind, bits: bigint): number {
  if (k === 'f32') return Number(BigInt.asIntN(32, bits));
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, bits, true);
  return dv.getFloat64(0, true);
}
function fromScalar(k: Kind, x: number): bigint {
  if (k === 'f32') return BigInt(x >>> 0);
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x, true);
  return dv.getBigUint64(0, true);
}

const exp = (k: Kind) => (k === 'f32' ? 0x7f800000n : 0x7ff0000000000000n);
const quiet = (k: Kind) => (k === 'f32' ? 0x00400000n : 0x0008000000000000n);
const signMask = (k: Kind) => (k === 'f32' ? 0x80000000n : 0x8000000000000000n);
const magnitude = (k: Kind, b: bigint) => b & ~signMask(k);
const isNaN = (k: Kind, b: bigint) => magnitude(k, b) > exp(k);
const isCanonical = (k: Kind, b: bigint) => magnitude(k, b) === (exp(k) | quiet(k));
const isArithmetic = (k: Kind, b: bigint) => isNaN(k, b) && (b & quiet(k)) !== 0n;

/** Edge lanes: zeros, infinities, canonical/arithmetic/signalling NaNs, ties for nearest, extremes. */
function edges(k: Kind): bigint[] {
  const s = signMask(k);
  const values = [0, 1, 0.5, 1.5, 2.5, 3.5, -0.5, 4.5e15, 2 ** 31, 2 ** 32, 2 ** 63, 0.1, 1e-40, 3.4028234663852886e38, 1.7976931348623157e308];
  const finite = values.map((x) => (k === 'f32' ? BigInt(F32.add(new Int32Array(new Float32Array([x]).buffer)[0]!, 0) >>> 0) : fromScalar('f64', x)));
  const special = [exp(k), exp(k) | quiet(k), exp(k) | quiet(k) | 1n, exp(k) | 1n, exp(k) | (quiet(k) >> 1n), 1n];
  return [...finite, ...special].flatMap((b) => [b, b | s]);
}
function laneArb(k: Kind): fc.Arbitrary<bigint> {
  const random = k === 'f32' ? fc.bigInt({ min: 0n, max: 0xffffffffn }) : fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
  return fc.oneof(fc.constantFrom(...edges(k)), random);
}
const vecArb = (k: Kind) => fc.array(laneArb(k), { minLength: 16 / size(k), maxLength: 16 / size(k) }).map((l) => fromBits(k, l));

/** Checks one arithmetic lane: exact bits, or the NaN class the spec demands. */
function expectLane(k: Kind, actual: bigint, expected: bigint, operands: bigint[], where: string, operandKind: Kind = k): void {
  if (!isNaN(k, expected)) {
    expect(actual, where).toBe(expected);
    return;
  }
  const nanOperands = operands.filter((b) => isNaN(operandKind, b));
  const mustBeCanonical = nanOperands.every((b) => isCanonical(operandKind, b));
  expect(mustBeCanonical ? isCanonical(k, actual) : isArithmetic(k, actual), `${where}: NaN class of 0x${actual.toString(16)}`).toBe(true);
}

const scalars = { f32: F32, f64: F64 } as const;
const arithmetic = new Set(['sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'add', 'sub', 'mul', 'div', 'min', 'max']);
const bitwise = new Set(['abs', 'neg']);
const relations = new Set(['eq', 'ne', 'lt', 'gt', 'le', 'ge']);
const opts = { numRuns: 200 };

describe('lane-wise float instructions match the scalar numerics', () => {
  for (const k of ['f32', 'f64'] as const) {
    const shape = k === 'f32' ? 'f32x4' : 'f64x2';
    const F = scalars[k] as unknown as Record<string, (...x: number[]) => number>;
    for (const operator of [...arithmetic, ...bitwise, ...relations, 'pmin', 'pmax']) {
      const name = `${shape}.${operator}`;
      const op = V128_OPS[name]!;
      const unaryOp = op.length === 1;
      it(name, () =>
        fc.assert(
          fc.property(vecArb(k), vecArb(k), (a, b) => {
            const x = bitsOf(a, k);
            const y = bitsOf(b, k);
            const actual = bitsOf(unaryOp ? op(a) : op(a, b), k);
            x.forEach((xi, i) => {
              const yi = y[i]!;
              const where = `${name} lane ${i}`;
              if (relations.has(operator)) {
                const holds = F[operator]!(toScalar(k, xi), toScalar(k, yi)) === 1;
                expect(actual[i], where).toBe(holds ? (1n << BigInt(8 * size(k))) - 1n : 0n);
              } else if (operator === 'pmin' || operator === 'pmax') {
                const [p, q] = operator === 'pmin' ? [yi, xi] : [xi, yi];
                expect(actual[i], where).toBe(F.lt!(toScalar(k, p), toScalar(k, q)) === 1 ? yi : xi);
              } else if (bitwise.has(operator)) {
                expect(actual[i], where).toBe(fromScalar(k, F[operator]!(toScalar(k, xi))));
              } else {
                const args = unaryOp ? [xi] : [xi, yi];
                const expected = fromScalar(k, F[operator]!(...args.map((b) => toScalar(k, b))));
                expectLane(k, actual[i]!, expected, args, where);
              }
            });
          }),
          opts,
        ),
      );
    }
  }
});

describe('conversions match the scalar conversions lane by lane', () => {
  const i32Arb = fc
    .array(fc.oneof(fc.constantFrom(0, 1, -1, 0x7fffffff, -0x80000000, 16777217, -16777217, 0x7fffffc0), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), {
      minLength: 4,
      maxLength: 4,
    })
    .map((l) => new Uint8Array(new Int32Array(l).buffer));
  const i32Lanes = (v: Uint8Array) => bitsOf(v, 'f32').map((b) => Number(BigInt.asIntN(32, b)));

  const cases: { name: string; from: Kind | 'i32'; to: Kind | 'i32'; count: number; f: (x: number) => number }[] = [
    { name: 'i32x4.trunc_sat_f32x4_s', from: 'f32', to: 'i32', count: 4, f: scalarConvert.i32_trunc_sat_f32_s },
    { name: 'i32x4.trunc_sat_f32x4_u', from: 'f32', to: 'i32', count: 4, f: scalarConvert.i32_trunc_sat_f32_u },
    { name: 'i32x4.trunc_sat_f64x2_s_zero', from: 'f64', to: 'i32', count: 2, f: scalarConvert.i32_trunc_sat_f64_s },
    { name: 'i32x4.trunc_sat_f64x2_u_zero', from: 'f64', to: 'i32', count: 2, f: scalarConvert.i32_trunc_sat_f64_u },
    { name: 'f32x4.convert_i32x4_s', from: 'i32', to: 'f32', count: 4, f: scalarConvert.f32_convert_i32_s },
    { name: 'f32x4.convert_i32x4_u', from: 'i32', to: 'f32', count: 4, f: scalarConvert.f32_convert_i32_u },
    { name: 'f64x2.convert_low_i32x4_s', from: 'i32', to: 'f64', count: 2, f: scalarConvert.f64_convert_i32_s },
    { name: 'f64x2.convert_low_i32x4_u', from: 'i32', to: 'f64', count: 2, f: scalarConvert.f64_convert_i32_u },
    { name: 'f32x4.demote_f64x2_zero', from: 'f64', to: 'f32', count: 2, f: scalarConvert.f32_demote_f64 },
    { name: 'f64x2.promote_low_f32x4', from: 'f32', to: 'f64', count: 2, f: scalarConvert.f64_promote_f32 },
  ];
  for (const { name, from, to, count, f } of cases) {
    it(name, () =>
      fc.assert(
        fc.property(from === 'i32' ? i32Arb : vecArb(from), (a) => {
          const inputs = from === 'i32' ? i32Lanes(a) : bitsOf(a, from).map((b) => toScalar(from, b));
          const out = V128_OPS[name]!(a);
          const outBits = to === 'i32' ? bitsOf(out, 'f32') : bitsOf(out, to);
          const outKind = to === 'i32' ? 'f32' : to;
          for (let i = 0; i < outBits.length; i++) {
            if (i >= count) {
              expect(outBits[i], `${name} lane ${i} is zero`).toBe(0n);
              continue;
            }
            const expected = to === 'i32' ? BigInt(f(inputs[i]!) >>> 0) : fromScalar(to, f(inputs[i]!));
            const operandBits = from === 'i32' ? [] : [bitsOf(a, from)[i]!];
            if (to === 'i32') expect(outBits[i], `${name} lane ${i}`).toBe(expected);
            else expectLane(outKind, outBits[i]!, expected, operandBits, `${name} lane ${i}`, from === 'i32' ? outKind : from);
          }
        }),
        opts,
      ),
    );
  }
});
