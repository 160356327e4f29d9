// A finding is a root cause: the runtime family, the divergence kind, the
// culprit (culprit.ts) and the operand class (operand-class.ts). Its
// signature is a hash of exactly these, so every sighting of one cause (from
// the spec suite, the fuzzer or a feature probe, on any member of the family,
// with any exact values) lands on one finding.
import { createHash } from 'node:crypto';
import type { ArgValue } from '../../adapters/plan.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { Divergence } from './contract.js';
import { culpritOf, invokedCode } from './culprit.js';
import { familyOf } from './family.js';
import { operandClass } from './operand-class.js';

export interface Cause {
  family: string;
  kind: string;
  culprit: string;
  operandClass: string;
}

export function causeSignature(c: Cause): string {
  return createHash('sha256').update(JSON.stringify(['cause', c.family, c.kind, c.culprit, c.operandClass])).digest('hex');
}

export interface CauseInput {
  divergence: Pick<Divergence, 'kind' | 'runtime' | 'expectedClass' | 'actualClass' | 'nanRule' | 'message'>;
  module?: Module;
  /** the invocation that diverged (absent for the module verdict) */
  invocation?: { export: string; args: readonly ArgValue[] };
  /** the spec's or the oracle's message for a module it rejects */
  rule?: string;
}

export function causeOf(x: CauseInput): Cause {
  const d = x.divergence;
  const culprit = culpritOf({
    kind: d.kind,
    ...(x.module ? { module: x.module } : {}),
    ...(x.invocation ? { export: x.invocation.export } : {}),
    expectedClass: d.expectedClass,
    actualClass: d.actualClass,
    ...(d.nanRule ? { nanRule: d.nanRule } : {}),
    ...(x.rule !== undefined ? { rule: x.rule } : {}),
    ...(d.message !== undefined ? { message: d.message } : {}),
  });
  const operands = x.invocation === undefined ? 'module' : operandClass(x.invocation.args, invokedCode(x.module, x.invocation.export), culprit);
  return { family: familyOf(d.runtime), kind: d.kind, culprit, operandClass: operands };
}

/** One line naming the cause, for titles and summaries. */
export function describeCause(c: Cause, members: readonly string[]): string {
  const operands = c.operandClass === 'module' || c.operandClass === 'ordinary' ? '' : ` (${c.operandClass === 'snan' ? 'signalling NaN' : c.operandClass === 'zero' ? '±0' : c.operandClass} operands)`;
  return `${members.join(', ')}: ${c.kind} in ${c.culprit}${operands}`;
}

/** A benchmark finding: the program is the culprit (harness/bench/run-bench.ts), the engine itself the operand class: an interpreter and a JIT of one family are not one performance cause. */
export function benchCause(kind: string, runtime: string, program: string, what?: string): Cause {
  return { family: familyOf(runtime), kind, culprit: what === undefined ? program : `${program}: ${what}`, operandClass: runtime };
}

