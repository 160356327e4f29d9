// The culprit of a NaN-rule divergence names the kind of operation, so that
// one quieting code path is one cause and two are two.
import { describe, expect, it } from 'vitest';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { culpritOf } from './culprit.js';

const nanCulprit = (op: string, type = 'f32'): string => {
  const module = parseWat(`(module (func (export "f") (param ${type}) (result ${type}) (${op} (local.get 0))))`);
  return culpritOf({ kind: 'wrong-result', module, export: 'f', expectedClass: `values(${type}:nan:arithmetic)`, actualClass: 'values', nanRule: 'nan:arithmetic' });
};

describe('culprit of a NaN-rule divergence', () => {
  it('is one cause for every rounding instruction, scalar or vector, of either width', () => {
    const rounding = [nanCulprit('f32.floor'), nanCulprit('f32.ceil'), nanCulprit('f64.trunc', 'f64'), nanCulprit('f64.nearest', 'f64'), nanCulprit('f32x4.floor', 'v128')];
    expect(new Set(rounding).size).toBe(1);
    expect(rounding[0]).toMatch(/^NaN result not quieted by rounding \(spec 4\.3\.3/);
  });

  it('keeps min/max apart from rounding: two code paths, two causes', () => {
    const module = parseWat(`(module (func (export "f") (param v128) (result v128) (f32x4.min (local.get 0) (local.get 0))))`);
    const minmax = culpritOf({ kind: 'wrong-result', module, export: 'f', expectedClass: 'values(v128)', actualClass: 'values', nanRule: 'nan:arithmetic' });
    expect(minmax).toMatch(/^NaN result not quieted by min\/max/);
    expect(minmax).not.toBe(nanCulprit('f32.floor'));
  });

  it('names the operation from the last NaN-producing instruction, through locals and constants', () => {
    const module = parseWat(`(module (func (export "f") (param f64) (result f64) (local f64) (local.set 1 (f64.sqrt (local.get 0))) (f64.add (local.get 1) (f64.const 0))))`);
    expect(culpritOf({ kind: 'wrong-result', module, export: 'f', expectedClass: 'values(f64:nan:canonical)', actualClass: 'values', nanRule: 'nan:canonical' })).toMatch(/^NaN result not canonical by arithmetic/);
  });
});

describe('culprit of a crash', () => {
  const crash = (wat: string) => culpritOf({ kind: 'crash', module: parseWat(wat), export: 'f', expectedClass: 'values(i64)', actualClass: 'crash' });

  it('names a read of a reference global before the integer arithmetic that follows it', () => {
    const wat = `(module (global externref (ref.null extern))
      (func (export "f") (result i64) (i64.mul (i64.xor (i64.const 5) (i64.extend_i32_u (ref.is_null (global.get 0)))) (i64.const 3))))`;
    expect(crash(wat)).toBe('global.get (reference global)');
  });

  it('keeps the most specific instruction when there is one, and the arithmetic when nothing else is read', () => {
    expect(crash(`(module (memory 1) (global externref (ref.null extern))
      (func (export "f") (result i64) (drop (ref.is_null (global.get 0))) (i64.load (i32.const 0))))`)).toBe('i64.load');
    expect(crash(`(module (global i64 (i64.const 2)) (func (export "f") (result i64) (i64.mul (global.get 0) (i64.const 3))))`)).toBe('i64.mul');
  });
});
