// One fast-check property per operation of a numerics module, checked against
// a table of reference functions. The i32, i64, f32 and f64 tests differ in
// their operands and in what agreeing means, not in how they walk the table.
import fc from 'fast-check';
import { Trap } from '../../errors.js';

/** Reference functions by operation name, with the number of operands they take. */
export type ReferenceTable<R> = readonly [references: Readonly<Record<string, R>>, arity: 1 | 2];

/**
 * The rows of a table-driven test, `[name, run]`, one for each operation of
 * `tables`: `run` draws its operands from `operand` `numRuns` times and fails
 * where `check(name, reference, operands)` throws or returns false.
 */
export function opChecks<T, R>(
  tables: readonly ReferenceTable<R>[],
  operand: fc.Arbitrary<T>,
  numRuns: number,
  check: (name: string, reference: R, operands: T[]) => boolean | void,
): [string, () => void][] {
  return tables.flatMap(([references, arity]) => {
    const operands = fc.tuple(...(Array(arity).fill(operand) as fc.Arbitrary<T>[]));
    return Object.entries(references).map(([name, reference]): [string, () => void] => [
      name,
      () => fc.assert(fc.property(operands, (xs) => check(name, reference, xs) !== false), { numRuns }),
    ]);
  });
}

/** What an integer operation gives: its result, or `trap: <message>` where it traps. */
export type IntOutcome = number | bigint | string;

function outcome(f: () => number | bigint): IntOutcome {
  try {
    return f();
  } catch (e) {
    if (e instanceof Trap) return `trap: ${e.message}`;
    throw e;
  }
}

/**
 * The rows of the i32 or i64 property test: the module `ops` exports exactly
 * the operations of `tables`, and each one's outcome on operands drawn from
 * `operand` is its reference's, to the type (a count of bits is an i64's BigInt).
 */
export function intChecks<T extends number | bigint>(
  ops: object,
  tables: readonly ReferenceTable<(...xs: T[]) => IntOutcome>[],
  operand: fc.Arbitrary<T>,
  numRuns: number,
): [string, () => void][] {
  const fns = ops as Record<string, (...xs: T[]) => number | bigint>;
  const exported = Object.keys(fns).sort().join(' ');
  const referenced = tables.flatMap(([references]) => Object.keys(references)).sort().join(' ');
  const coverage = (): void => {
    if (exported !== referenced) throw new Error(`exports [${exported}], references [${referenced}]`);
  };
  return [
    ['covers every exported operation with a reference', coverage],
    ...opChecks(tables, operand, numRuns, (name, reference, xs) => {
      const [got, want] = [outcome(() => fns[name]!(...xs)), reference(...xs)];
      if (!Object.is(got, want)) throw new Error(`${name}(${xs.join(', ')}) = ${String(got)}, reference ${String(want)}`);
    }),
  ];
}
