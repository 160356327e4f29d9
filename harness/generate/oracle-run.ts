// Runs a generated case on the reference interpreter with the adapters' plan
// semantics, synchronously: the verdict and one outcome per invocation.
import { runReferencePlan } from '../../adapters/reference/reference-run.js';
import type { InvocationOutcome, ModuleVerdict } from '../../adapters/plan.js';
import type { GeneratedCase } from './generated-case.js';

export function runOnOracle(k: Pick<GeneratedCase, 'bytes' | 'invocations'>): { verdict: ModuleVerdict; outcomes: InvocationOutcome[] } {
  let verdict: ModuleVerdict = { kind: 'crash', message: 'no verdict' };
  const outcomes: InvocationOutcome[] = [];
  runReferencePlan({ module: k.bytes, invocations: k.invocations }, (r) => {
    if (r.type === 'verdict') verdict = r.verdict;
    else outcomes[r.index] = r.outcome;
  });
  return { verdict, outcomes };
}
