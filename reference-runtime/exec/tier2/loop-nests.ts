// Generated test modules for tier 2 (tier2.test.ts): nests of loops, blocks
// and ifs over locals of every numeric type, memory and calls, as WAT text.
// The harness' generator (harness/generate) gives most functions with loops
// a v128 or a reference somewhere, which keeps them in the interpreter; these
// keep to what tier 2 translates, so that its OSR entries into nested loops
// and its branches are what gets fuzzed. Every loop counts a local of its own
// down from a small constant, so every module ends.
import fc from 'fast-check';

const I32_OPS = ['i32.add', 'i32.sub', 'i32.mul', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.rotl', 'i32.rotr', 'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i32.lt_s', 'i32.lt_u', 'i32.ge_s', 'i32.eq', 'i32.ne'];
const I64_OPS = ['i64.add', 'i64.sub', 'i64.mul', 'i64.xor', 'i64.shl', 'i64.shr_s', 'i64.shr_u', 'i64.rotl', 'i64.div_s', 'i64.rem_u'];
const F64_OPS = ['f64.add', 'f64.sub', 'f64.mul', 'f64.div', 'f64.min', 'f64.max', 'f64.copysign'];
const F32_OPS = ['f32.add', 'f32.sub', 'f32.mul', 'f32.div', 'f32.min', 'f32.max'];

/** Locals of `run`: 0 the parameter, 1-2 more i32s, 3 an i64, 4 an f32, 5 an f64, then the loop counters. */
const COUNTER = 6;
const DEPTH = 3;

const i32Leaf: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('(local.get 0)', '(local.get 1)', '(local.get 2)', '(global.get 0)'),
  fc.integer().map((n) => `(i32.const ${n})`),
  fc.constantFrom('(i32.wrap_i64 (local.get 3))', '(i32.trunc_sat_f64_s (local.get 5))', '(i32.reinterpret_f32 (local.get 4))', '(f64.lt (local.get 5) (f64.const 0.5))'),
  fc.nat(0xfffc).map((a) => `(i32.load offset=${a & 0xff} (i32.and (local.get 1) (i32.const ${a})))`),
);

const i32Expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, i32Leaf, fc.tuple(fc.constantFrom(...I32_OPS), tie('e'), tie('e')).map(([op, a, b]) => `(${op} ${a} ${b})`)),
})).e;

function statement(level: number): fc.Arbitrary<string> {
  const plain = fc.oneof(
    fc.tuple(fc.constantFrom(1, 2), i32Expr).map(([l, e]) => `(local.set ${l} ${e})`),
    fc.tuple(fc.constantFrom(...I64_OPS), i32Expr).map(([op, e]) => `(local.set 3 (${op} (local.get 3) (i64.extend_i32_s ${e})))`),
    fc.tuple(fc.constantFrom(...F64_OPS), i32Expr).map(([op, e]) => `(local.set 5 (${op} (local.get 5) (f64.convert_i32_s ${e})))`),
    fc.tuple(fc.constantFrom(...F32_OPS), i32Expr).map(([op, e]) => `(local.set 4 (${op} (local.get 4) (f32.convert_i32_u ${e})))`),
    fc.tuple(fc.nat(0xfffc), i32Expr).map(([a, e]) => `(i32.store (i32.and (local.get 2) (i32.const ${a})) ${e})`),
    i32Expr.map((e) => `(f64.store offset=8 (i32.and (local.get 1) (i32.const 0xfff8)) (f64.add (local.get 5) (f64.convert_i32_s ${e})))`),
    i32Expr.map((e) => `(local.set 1 (call $helper ${e} (local.get 3)))`),
    i32Expr.map((e) => `(global.set 0 ${e})`),
    i32Expr.map((e) => `(br_if 0 ${e})`),
  );
  if (level >= DEPTH) return plain;
  const body = fc.array(statement(level + 1), { maxLength: 4 }).map((s) => s.join(' '));
  const c = COUNTER + level;
  return fc.oneof(
    { arbitrary: plain, weight: 3 },
    fc.tuple(fc.integer({ min: 1, max: 40 }), body).map(
      ([n, b]) => `(local.set ${c} (i32.const ${n})) (block (loop (br_if 1 (i32.eqz (local.get ${c}))) (local.set ${c} (i32.sub (local.get ${c}) (i32.const 1))) ${b} (br 0)))`,
    ),
    fc.tuple(i32Expr, body, body).map(([e, t, f]) => `(if ${e} (then ${t}) (else ${f}))`),
    body.map((b) => `(block ${b})`),
  );
}

/** A module exporting `run (param i32) (result i64)` and its memory `mem`. */
export const loopNestModule: fc.Arbitrary<string> = fc.array(statement(0), { minLength: 1, maxLength: 5 }).map(
  (body) => `(module
  (memory (export "mem") 1)
  (global (mut i32) (i32.const 7))
  (func $helper (param i32 i64) (result i32) (local i32)
    (local.set 2 (i32.and (local.get 0) (i32.const 15)))
    (block (loop (br_if 1 (i32.eqz (local.get 2)))
      (local.set 0 (i32.add (i32.mul (local.get 0) (i32.const 31)) (i32.wrap_i64 (local.get 1))))
      (local.set 2 (i32.sub (local.get 2) (i32.const 1))) (br 0)))
    (local.get 0))
  (func (export "run") (param i32) (result i64) (local i32 i32 i64 f32 f64 ${'i32 '.repeat(DEPTH)})
    (local.set 1 (local.get 0)) (local.set 2 (i32.const 12345))
    (local.set 3 (i64.const 0x123456789abcdef)) (local.set 4 (f32.const 2.5)) (local.set 5 (f64.const -1.25))
    (block ${body.join('\n    ')})
    (i64.add (i64.add (local.get 3) (i64.extend_i32_u (local.get 1)))
      (i64.add (i64.reinterpret_f64 (local.get 5)) (i64.extend_i32_s (i32.reinterpret_f32 (local.get 4)))))))`,
);
