// Opcode coverage on the oracle: how many times the reference interpreter
// executed each wasm instruction over a fuzz run. The counts are exact and
// dynamic: the oracle instantiates every case with a Coverage (api.ts
// `instantiate(..., { coverage })`, exec/coverage.ts), so an instruction in a
// branch never taken does not count, a loop body counts once per iteration,
// and a case cut short by the timeout contributes nothing. Every case the
// oracle ran counts, mutated ones included. There is no static fallback.
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';
import { allOperandKeys } from '../../reference-runtime/exec/operand-class.js';

/** Adds one case's executed counts to a run's totals. */
export function addCounts(into: Map<string, number>, counts: ReadonlyMap<string, number>): void {
  for (const [name, n] of counts) into.set(name, (into.get(name) ?? 0) + n);
}

export interface CoverageSummary {
  executed: number;
  total: number;
  missing: string[];
  /** instructions executed in all */
  instructions: number;
  /** the least executed of the executed opcodes, fewest first (at most RAREST) */
  rarest: { name: string; count: number }[];
}

const RAREST = 5;

/** How many of the instructions of the opcode table (2.0 and 3.0) the counts reach, which not, and which only rarely. */
export function coverageSummary(counts: ReadonlyMap<string, number>): CoverageSummary {
  const names = OPCODES.map((o) => o.name);
  const missing = names.filter((name) => (counts.get(name) ?? 0) === 0);
  const rarest = names
    .flatMap((name) => ((counts.get(name) ?? 0) > 0 ? [{ name, count: counts.get(name)! }] : []))
    .sort((a, b) => a.count - b.count)
    .slice(0, RAREST);
  const instructions = [...counts.values()].reduce((a, b) => a + b, 0);
  return { executed: names.length - missing.length, total: names.length, missing, instructions, rarest };
}

export function showCoverage(s: CoverageSummary): string {
  const missing = s.missing.length > 0 ? `; missing: ${s.missing.join(' ')}` : '';
  const rarest = s.rarest.length > 0 ? `; ${s.instructions} instructions executed, rarest: ${s.rarest.map((r) => `${r.name} ${r.count}`).join(', ')}` : '';
  return `coverage: ${s.executed} of ${s.total} opcodes executed on the oracle${missing}${rarest}`;
}

/**
 * Operand coverage: the (instruction, operand, operand class) triples the
 * oracle executed (exec/operand-class.ts), of all those of the opcode
 * table's instructions with a signature. Not every triple can occur (a
 * shuffle's operands are any vectors; a count class only matters to shifts)
 * but each is a value class where some implementation might go wrong.
 */
export interface OperandCoverage {
  covered: number;
  total: number;
}

let totalTriples: number | undefined;

export function operandCoverage(counts: ReadonlyMap<string, number>): OperandCoverage {
  totalTriples ??= allOperandKeys().length;
  return { covered: counts.size, total: totalTriples };
}

export function showOperandCoverage(c: OperandCoverage): string {
  return `operand classes: ${c.covered} of ${c.total} (instruction, operand, class) triples executed on the oracle (${((100 * c.covered) / Math.max(1, c.total)).toFixed(1)}%)`;
}

/** The trap conditions that fired on the oracle: (instruction, trap kind) pairs, the commonest first. */
export function showTrapConditions(traps: ReadonlyMap<string, number>): string {
  const shown = [...traps].sort((a, b) => b[1] - a[1]).slice(0, TRAPS_SHOWN).map(([k, n]) => `${k} ${n}`);
  return `trap conditions: ${traps.size} (instruction, trap) pairs fired on the oracle${shown.length > 0 ? `, commonest: ${shown.join(', ')}` : ''}`;
}

const TRAPS_SHOWN = 8;
