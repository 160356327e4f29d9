// The robustness property of the oracle's front end, for hostile input: the
// decoder, the validator (on modules that decode) and the text parsers
// (modules and .wast scripts) either succeed or throw their own typed error
// (DecodeError, ValidationError, ParseError), never anything else. Shared by
// parsers.property.test.ts (CI-sized) and parsers.bench.ts (100,000 each).
import fc from 'fast-check';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { builtinSeeds, inputArbitrary, mutate } from '../../reference-runtime/binary/fuzz.js';
import { DecodeError, ParseError, ValidationError } from '../../reference-runtime/errors.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { parseWast } from '../../reference-runtime/text/parse-script.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';

/** Runs `f`; a typed error of the given classes is an accepted outcome, anything else is rethrown. */
function onlyTyped(f: () => unknown, ...typed: (abstract new (...a: never[]) => Error)[]): boolean {
  try {
    f();
  } catch (e) {
    if (typed.some((t) => e instanceof t)) return true;
    throw e;
  }
  return true;
}

export const decoderProperty = fc.property(inputArbitrary(builtinSeeds()), (bytes) => onlyTyped(() => decodeModule(bytes), DecodeError));

/** Validation of whatever decodes: mutants that pass the decoder reach the validator. */
export const validatorProperty = fc.property(inputArbitrary(builtinSeeds()), (bytes) => {
  let m;
  try {
    m = decodeModule(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return true;
    throw e;
  }
  return onlyTyped(() => validateModule(m), ValidationError);
});

const TOKENS = ['(', ')', '(', ')', 'module', 'func', 'param', 'result', 'i32', 'i64', 'f32', 'f64', 'v128', 'local', 'global', 'memory', 'table', 'elem', 'data', 'export', 'import', 'type', 'block', 'loop', 'if', 'then', 'else', 'end', 'br', 'i32.const', 'f64.const', 'i32.add', 'local.get', 'call', 'call_indirect', 'assert_return', 'assert_trap', 'invoke', 'register', '$f', '$', '0', '-1', '0x7fffffff', '1e309', 'nan:0x1', 'inf', '-0x1p-1074', '"a"', '"\\ff"', '"\\u{110000}"', '"', ';;', '(;', ';)', '\n', ' ', 'offset=', 'align=3', '\\', '\u0000', '\ud800',
  // 3.0: typed references and GC
  'rec', 'sub', 'final', 'struct', 'array', 'field', 'mut', 'i8', 'i16', 'ref', 'null', 'any', 'eq', 'i31', 'none', 'nofunc', 'noextern', 'exn', 'anyref', 'structref', 'struct.new', 'struct.get', 'array.new_fixed', 'array.get_u', 'ref.cast', 'ref.test', 'br_on_cast', 'call_ref', 'ref.i31', 'try_table', 'catch_all'];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((ts) => ts.join(' '));

const SEED_TEXT = `(module $m
  (type $t (func (param i32) (result i32)))
  (memory 1) (data (i32.const 0) "hi\\00")
  (global $g (mut i64) (i64.const -1))
  (func $f (export "f") (type $t) (local f64)
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.div_s (local.get 0) (i32.const 0))))))
(assert_return (invoke "f" (i32.const 1)) (i32.const 1))
(assert_trap (invoke "f" (i32.const 0)) "integer divide by zero")
(assert_malformed (module quote "(func") "unexpected end")`;

/** The same for 3.0's typed references and GC: rec groups, subtypes, packed fields, casts. */
const SEED_TEXT_GC = `(module
  (rec (type $s (sub (struct (field $x (mut i8)) (field (ref null $a))))) (type $a (array (mut (ref null $s)))))
  (type $s2 (sub final $s (struct (field $x (mut i8)) (field (ref null $a)) (field i64))))
  (type $ft (func (param (ref $s)) (result i32)))
  (global $g (ref $s) (struct.new $s (i32.const 300) (ref.null $a)))
  (table 2 (ref null $ft))
  (func $get (type $ft) (struct.get_u $s $x (local.get 0)))
  (func (export "f") (param anyref) (result i32)
    (block $l (result (ref $s))
      (br_on_cast $l anyref (ref $s) (local.get 0))
      (drop) (return (i31.get_s (ref.cast (ref i31) (ref.i31 (i32.const -1))))))
    (call_ref $ft (ref.func $get))))
(assert_return (invoke "f" (ref.null any)) (i32.const -1))
(assert_trap (invoke "f" (ref.host 1)) "cast failure")
(assert_invalid (module (type $t (sub final (struct))) (type (sub $t (struct)))) "sub type")`;

/** Suite-like text with bytes flipped, inserted, deleted, overwritten or cut. */
const mutatedText = fc
  .array(
    fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 127 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .chain((ms) => fc.constantFrom(SEED_TEXT, SEED_TEXT_GC).map((seed) => Buffer.from(mutate(new TextEncoder().encode(seed), ms)).toString('latin1')));

const text = fc.oneof(tokenSoup, mutatedText, fc.string({ maxLength: 80 }));

export const textParserProperty = fc.property(text, (t) => onlyTyped(() => parseWast(t, 'fuzz.wast'), ParseError) && onlyTyped(() => parseWat(t, 'fuzz.wat'), ParseError));

/** Each property as a runner of `runs` cases from `seed`; throws with fast-check's counterexample. */
export const PROPERTIES: Record<string, (runs: number, seed: number) => void> = {
  decoder: (numRuns, seed) => fc.assert(decoderProperty, { numRuns, seed }),
  validator: (numRuns, seed) => fc.assert(validatorProperty, { numRuns, seed }),
  'text parser': (numRuns, seed) => fc.assert(textParserProperty, { numRuns, seed }),
};
