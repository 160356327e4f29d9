// Opcode coverage on the oracle. The interpreter has no hook to count the
// instructions it executes (reference-runtime/exec/ is not ours to change), so
// this counts statically: the opcodes of every function the oracle actually
// entered from an invocation that ran, of the functions those call directly
// (transitively), and of the start function. An instruction inside a branch
// never taken still counts; the counts are an upper bound of execution.
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';

/** Adds to `counts` the opcodes of functions `entered` (module function indices) and their direct callees. */
export function countExecuted(module: Module, entered: Iterable<number>, counts: Map<string, number>): void {
  const imported = module.imports.filter((i) => i.desc.kind === 'func').length;
  const seen = new Set<number>();
  const todo = [...entered, ...(module.start !== undefined ? [module.start] : [])];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f) || f < imported) continue;
    seen.add(f);
    const func = module.funcs[f - imported];
    if (func === undefined) continue;
    walk(func.body, (i) => {
      counts.set(i.op, (counts.get(i.op) ?? 0) + 1);
      if (i.op === 'call' && i.index !== undefined) todo.push(i.index);
    });
  }
}

function walk(body: readonly Instr[], visit: (i: Instr) => void): void {
  for (const i of body) {
    visit(i);
    if (i.body) walk(i.body, visit);
    if (i.elseBody) walk(i.elseBody, visit);
  }
}

export interface CoverageSummary {
  executed: number;
  total: number;
  missing: string[];
}

/** How many of the 2.0 instructions (the opcode table) the counts reach, and which not. */
export function coverageSummary(counts: ReadonlyMap<string, number>): CoverageSummary {
  const missing = OPCODES.map((o) => o.name).filter((name) => (counts.get(name) ?? 0) === 0);
  return { executed: OPCODES.length - missing.length, total: OPCODES.length, missing };
}

export function showCoverage(s: CoverageSummary): string {
  return `coverage: ${s.executed} of ${s.total} opcodes executed on the oracle${s.missing.length > 0 ? `; missing: ${s.missing.join(' ')}` : ''}`;
}
