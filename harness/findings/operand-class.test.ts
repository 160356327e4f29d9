// The operand class of a cause counts only the values the culprit takes: a
// crash in an instruction without operands is one cause whatever the
// arguments, and a float NaN beside a failing address says nothing of it.
import { describe, expect, it } from 'vitest';
import type { ArgValue } from '../../adapters/plan.js';
import { f32bits } from '../../adapters/values.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { causeOf, causeSignature } from './cause.js';
import type { Divergence } from './contract.js';

const i32 = (bits: number): ArgValue => ({ type: 'i32', bits: bits >>> 0 });
const SNAN = f32bits(0x7fa00000);

function cause(wat: string, d: Pick<Divergence, 'kind' | 'expectedClass' | 'actualClass'> & Partial<Pick<Divergence, 'nanRule'>>, args: ArgValue[]) {
  return causeOf({ divergence: { runtime: 'wamr-fast', ...d }, module: parseWat(wat), invocation: { export: 'f', args } });
}

describe('the operand class of a cause', () => {
  it('leaves out the arguments of a culprit that takes none: one crash in ref.null, whatever the call was given', () => {
    const wat = '(module (func (export "f") (param i32 f32) (result externref) ref.null extern))';
    const crash = { kind: 'crash', expectedClass: 'values(externref)', actualClass: 'crash' } as const;
    const boundary = cause(wat, crash, [i32(0x7fffffff), f32bits(0x3fc00000)]);
    const nan = cause(wat, crash, [i32(5), SNAN]);
    const ordinary = cause(wat, crash, [i32(5), f32bits(0x3fc00000)]);
    expect(boundary.culprit).toBe('ref.null');
    expect(new Set([boundary, nan, ordinary].map(causeSignature)).size).toBe(1);
    expect(boundary.operandClass).toBe('ordinary');
  });

  it('counts only the operand types of the culprit: the address of a load, the float of a rounding', () => {
    const load = '(module (memory 1) (func (export "f") (param i32 f32) (result i32) (i32.load (local.get 0))))';
    const oob = { kind: 'missing-trap', expectedClass: 'trap:out of bounds memory access', actualClass: 'values' } as const;
    expect(cause(load, oob, [i32(0xffffffff), f32bits(0x3fc00000)]).operandClass).toBe('boundary');
    expect(cause(load, oob, [i32(70000), SNAN]).operandClass).toBe('ordinary');

    // the address of a load on a 64-bit memory is an i64
    const load64 = '(module (memory i64 1) (func (export "f") (param i64 f32) (result i32) (i32.load (local.get 0))))';
    expect(cause(load64, oob, [{ type: 'i64', bits: 0xffff_ffff_ffff_ffffn }, f32bits(0x3fc00000)]).operandClass).toBe('boundary');
    // a table instruction takes indices: a float ±0 beside them says nothing of it
    const init = '(module (table 2 funcref) (elem func) (func (export "f") (param i32 f32) (table.init 0 (local.get 0) (i32.const 0) (i32.const 1))))';
    const table = { kind: 'missing-trap', expectedClass: 'trap:out of bounds table access', actualClass: 'values' } as const;
    expect(cause(init, table, [i32(5), f32bits(0x80000000)]).operandClass).toBe('ordinary');
    expect(cause(init, table, [i32(0x7fffffff), f32bits(0x3fc00000)]).operandClass).toBe('boundary');

    const floor = '(module (func (export "f") (param i32 f32) (result f32) (f32.floor (local.get 1))))';
    const wrong = { kind: 'wrong-result', expectedClass: 'values(f32)', actualClass: 'values' } as const;
    expect(cause(floor, wrong, [i32(0x80000000), f32bits(0x3fc00000)]).operandClass).toBe('ordinary');
    expect(cause(floor, wrong, [i32(1), SNAN]).operandClass).toBe('snan');
  });

  it('takes the floats for a NaN-rule culprit, and every type for one typed by its context', () => {
    const floor = '(module (func (export "f") (param i32 f32) (result f32) (f32.floor (local.get 1))))';
    const nanRule = { kind: 'wrong-result', expectedClass: 'values(f32:nan:arithmetic)', actualClass: 'values', nanRule: 'nan:arithmetic' } as const;
    expect(cause(floor, nanRule, [i32(0x7fffffff), SNAN]).operandClass).toBe('snan');
    expect(cause(floor, nanRule, [i32(0x7fffffff), f32bits(0x7fc00000)]).operandClass).toBe('nan');
    expect(cause(floor, nanRule, [i32(0x7fffffff), f32bits(0x3fc00000)]).operandClass).toBe('ordinary');

    // a vector constant's NaN lane, as a scalar constant's: the vector twin of a scalar rounding bug is one cause with it
    const vfloor = '(module (func (export "f") (result v128) (f32x4.floor (v128.const i32x4 0x7fa00000 0 0 0))))';
    const sfloor = '(module (func (export "f") (result f32) (f32.floor (f32.const nan:0x200000))))';
    const vector = cause(vfloor, nanRule, []);
    expect(vector.operandClass).toBe('snan');
    expect(causeSignature(vector)).toBe(causeSignature(cause(sfloor, nanRule, [])));

    const indirect = '(module (table 1 funcref) (type $t (func)) (func (export "f") (param i32) (call_indirect (type $t) (local.get 0))))';
    const mismatch = { kind: 'missing-trap', expectedClass: 'trap:undefined element', actualClass: 'values' } as const;
    expect(cause(indirect, mismatch, [i32(0xffffffff)]).operandClass).toBe('boundary');
  });
});
