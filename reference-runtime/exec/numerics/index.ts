// The scalar numerics: one module per type plus conversions, and dispatch
// tables keyed by the full mnemonic ('i32.add', 'f32.demote_f64', ...) for
// callers that go by name (the interpreter's generic paths, tests, tools).

import * as i32 from './i32.js';
import * as i64 from './i64.js';
import * as f32 from './f32.js';
import * as f64 from './f64.js';
import * as convert from './convert.js';

export { i32, i64, f32, f64, convert };
export {
  nondeterminism,
  CANONICAL_NAN32,
  CANONICAL_NAN64,
  isNaN32,
  isCanonicalNaN32,
  isArithmeticNaN32,
  isCanonicalNaN64,
  isArithmeticNaN64,
} from './nan.js';

/** Operands and result in the interpreter's representations (see each module's header). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NumericOp = (...operands: any[]) => number | bigint;

type Table = Readonly<Record<string, NumericOp>>;

function prefixed(type: string, module: Record<string, unknown>): Table {
  return Object.fromEntries(Object.entries(module).map(([name, fn]) => [`${type}.${name}`, fn as NumericOp]));
}

export const I32: Table = prefixed('i32', i32);
export const I64: Table = prefixed('i64', i64);
export const F32: Table = prefixed('f32', f32);
export const F64: Table = prefixed('f64', f64);
/** `i32_wrap_i64` becomes 'i32.wrap_i64': the first underscore is the mnemonic's dot. */
export const CONVERSIONS: Table = Object.fromEntries(
  Object.entries(convert).map(([name, fn]) => [name.replace('_', '.'), fn as NumericOp]),
);

/** Every scalar numeric instruction (spec 4.4.1) by mnemonic. */
export const NUMERIC_OPS: Table = { ...I32, ...I64, ...F32, ...F64, ...CONVERSIONS };
