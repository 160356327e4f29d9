// A row of ops.ts as code on the numerics library's representation of values
// (i32 a JS number, f32 its bits as an int32, i64 a signed BigInt, f64 a
// number). Two generators write it: gen-ops.ts, for the library's functions
// (numerics/*.generated.ts), and tier 2 (tier2/translate.ts), inline in the
// JavaScript it compiles hot functions to. So the row's expression, its
// traps and its NaN rule reach both from here alone.
import type { OpRow } from './ops.js';

/** 2 when the row's expression reads a second operand `b`. */
export function arity(r: OpRow): number {
  return /\bb\b/.test(r.expr) ? 2 : 1;
}

/**
 * Statements that apply row `r` to `inputs` (expressions in the library's
 * representation): they bind the operands `a` and `b` as the row's
 * expression reads them, check its traps (Trap in scope), and end with
 * `give(result)`. nan32, nan32of2, nan64, nan64of2, f32Value and f32Bits
 * must be in scope when the row needs them.
 */
export function rowStatements(r: OpRow, inputs: readonly string[], give: (result: string) => string): string[] {
  const names = ['a', 'b'].slice(0, arity(r));
  const body: string[] = [];
  names.forEach((v, i) => {
    const x = inputs[i]!;
    const read = r.type === 'f32' ? `f32Value(${x})` : r.type === 'u64' ? `BigInt.asUintN(64, ${x})` : x;
    if (read !== v) body.push(`const ${v} = ${read};`);
  });
  for (const [cond, message] of r.traps ?? []) body.push(`if (${cond}) throw new Trap('${message}');`);
  const of2 = names.length === 2 ? 'of2' : '';
  switch (r.result) {
    case 'bool':
      return [...body, give(`${r.expr} ? 1 : 0`)];
    case 'i32':
      return [...body, give(`(${r.expr}) | 0`)];
    case 'i64':
      return [...body, give(`BigInt.asIntN(64, ${r.expr})`)];
    case 'f32':
      // a NaN's bits come from the operands' bits, by the spec's rule (numerics/nan.ts)
      return [...body, `const r = ${r.expr};`, give(r.nan ? `r === r ? f32Bits(r) : nan32${of2}(${inputs.join(', ')})` : 'f32Bits(r)')];
    case 'f64':
      if (!r.nan) return [...body, give(r.expr)];
      return [...body, `const r = ${r.expr};`, give(`r === r ? r : nan64${of2}(${inputs.join(', ')})`)];
  }
}
